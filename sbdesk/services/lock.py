"""A lock file beside the plan file naming who holds it.

Two people opening the same file on a network drive would silently overwrite
each other; the lock file (``<plan>.lock``) says who has it open, since when,
on which PC, so the second one is told and offered read-only instead.

- The lock is taken atomically: the lock file is created with ``O_EXCL``, so of
  two programs starting together exactly one gets it.
- A lock whose process is gone (same PC, dead pid) is stale and taken over;
  the take-over itself is serialised by a short-lived ``<plan>.lock.break``
  file, so two programs never both remove a stale lock and both win.
- A lock from another PC cannot be checked from here: the user is shown who
  holds it and since when, and may remove it (``break_lock``, "잠금 해제" in the
  app, ``sbdesk unlock`` on the command line) after a warning.
- A malformed lock file names no holder; it is reported as such (and can be
  removed the same way). A folder where the lock file should be is reported
  in Korean; nothing is ever deleted from it.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import getpass
import json
import os
import socket
import sys
import time
from pathlib import Path

from sbdesk.services.errors import PlanFileError, PlanLockedError, os_reason

#: Plan files this process holds open for writing (a second PlanStore on one of
#: them is refused like another program's; a same-pid lock file not listed here
#: is stale, left by an earlier process whose pid was reused).
_HELD: set[Path] = set()

#: Seconds a lock file may stay empty or unreadable while its creator is still
#: writing it (between the exclusive create and the write).
_WRITE_GRACE = 2.0

#: A ``.break`` file older than this was left by a killed take-over.
_BREAK_STALE = 10.0


class LockPathError(PlanFileError):
    """The lock file cannot be made (a folder in its place, a read-only folder)."""


def lock_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.name + ".lock")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OverflowError:
        return False
    return True


def _me() -> dict:
    try:
        user = getpass.getuser()
    except Exception:  # no user name on some systems
        user = "알 수 없음"
    return {
        "user": user,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": _dt.datetime.now().isoformat(timespec="seconds"),
    }


def _pid(holder: dict) -> int:
    try:
        return int(holder.get("pid", 0))
    except (TypeError, ValueError):
        return 0


def _read(lp: Path) -> dict | None:
    """The lock file's content: a holder dict, ``None`` if there is no lock file.

    A lock file that cannot be parsed gives ``{"malformed": True, "since": <mtime>}``.
    """
    try:
        raw = lp.read_bytes()
        mtime = lp.stat().st_mtime
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise _folder_error(lp) from None
    except OSError as exc:
        if lp.is_dir():
            raise _folder_error(lp) from None
        return {"malformed": True, "since": "?", "error": exc.strerror or str(exc)}
    since = _dt.datetime.fromtimestamp(mtime).isoformat(timespec="seconds")
    try:
        holder = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        holder = None
    if not isinstance(holder, dict) or not any(k in holder for k in ("user", "host", "pid")):
        return {"malformed": True, "since": since, "age": time.time() - mtime}
    return {k: holder[k] for k in ("user", "host", "pid", "since") if k in holder}


def _folder_error(lp: Path) -> LockPathError:
    return LockPathError(
        f"잠금 파일 '{lp.name}' 자리에 같은 이름의 폴더가 있어 계획 파일을 잠글 수 없습니다. "
        f"그 폴더의 이름을 바꾸거나 다른 곳으로 옮긴 뒤 다시 여세요. 읽기 전용으로는 열 수 있습니다."
    )


def _is_stale(holder: dict) -> bool:
    """A lock of this PC whose process is gone (or is this process but not held here)."""
    if holder.get("malformed"):
        return False
    if holder.get("host") != socket.gethostname():
        return False
    pid = _pid(holder)
    if pid == os.getpid():
        return True  # this process does not hold it (_HELD is checked first): pid reused
    return not _pid_alive(pid)


def read_holder(plan_path: Path) -> dict | None:
    """The holder recorded in the lock file, or None when there is no live lock."""
    try:
        holder = _read(lock_path(plan_path))
    except LockPathError:
        return None
    if holder is None or _is_stale(holder):
        return None
    return holder


def describe(holder: dict) -> str:
    if holder.get("malformed"):
        return f"알 수 없음 (잠금 파일이 손상됨, {str(holder.get('since', '?')).replace('T', ' ')}에 만들어짐)"
    return (
        f"{holder.get('user', '?')} (PC: {holder.get('host', '?')}, "
        f"{str(holder.get('since', '?')).replace('T', ' ')}부터)"
    )


def is_other_pc(holder: dict) -> bool:
    """True when the holder cannot be checked from here (another PC, or a malformed lock)."""
    return bool(holder.get("malformed")) or holder.get("host") != socket.gethostname()


def break_lock(plan_path: Path) -> dict | None:
    """Remove the lock file (the user's "잠금 해제"); return the holder it named, if any.

    Only for a lock the user has been warned about: if the holder really is
    still writing, both would then write the same file.
    """
    lp = lock_path(Path(plan_path))
    holder = _read(lp)
    if holder is None:
        return None
    try:
        lp.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise LockPathError(
            f"잠금 파일 '{lp.name}'을(를) 지울 수 없습니다 ({os_reason(exc)})."
        ) from exc
    return holder


def _lock_error(lp: Path, exc: OSError) -> LockPathError:
    if isinstance(exc, IsADirectoryError):
        return _folder_error(lp)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return LockPathError(
            f"'{lp.parent}' 폴더에 쓸 수 없어 계획 파일을 잠글 수 없습니다 "
            f"({os_reason(exc)}). 읽기 전용으로 열 수 있습니다."
        )
    return LockPathError(f"잠금 파일 '{lp.name}'을(를) 만들 수 없습니다 ({os_reason(exc)}).")


def _sweep(lp: Path) -> None:
    """Remove temporary lock files of killed programs (older than a minute)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for p in lp.parent.glob(glob_escape(lp.name) + ".*.tmp"):
            with contextlib.suppress(OSError):
                if now - p.stat().st_mtime > 60:
                    p.unlink()


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _create(lp: Path) -> bool:
    """Create the lock file, complete, in one atomic step; False if it already exists.

    The holder is written to a temporary file first and hard-linked to the
    lock name (``link`` fails when the name exists), so a lock file is never
    seen empty, even if this program is killed half-way. Where hard links are
    not supported (FAT, some network shares) the lock is created with
    ``O_EXCL`` and written at once.
    """
    data = json.dumps(_me(), ensure_ascii=False).encode("utf-8")
    tmp = lp.with_name(f"{lp.name}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with contextlib.suppress(OSError):
        tmp.unlink()  # our own leftover (same pid)
    try:
        fd = os.open(tmp, flags, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if lp.is_dir():
            raise _folder_error(lp) from None
        raise _lock_error(lp, exc) from exc
    try:
        os.link(tmp, lp)
        return True
    except FileExistsError:
        return False
    except OSError:
        pass  # no hard links here (FAT, some network shares): the fallback below
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    # no hard links here: exclusive create, then write at once
    try:
        fd = os.open(lp, flags, 0o644)
    except FileExistsError:
        return False
    except OSError as exc:
        raise _lock_error(lp, exc) from exc
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return True


def _remove_stale(lp: Path, stale: dict) -> None:
    """Remove ``lp`` if it still names ``stale``, serialised by ``<lock>.break``."""
    brk = lp.with_name(lp.name + ".break")
    try:
        fd = os.open(brk, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        with contextlib.suppress(OSError, ValueError):
            text = brk.read_text(encoding="ascii")
            age = time.time() - brk.stat().st_mtime
            dead = (not _pid_alive(int(text))) if text else age > 1
            if dead or age > _BREAK_STALE:
                brk.unlink()  # left by a killed take-over
        return  # someone else is taking over; the caller retries
    except OSError:
        return
    try:
        os.write(fd, str(os.getpid()).encode("ascii"))
    finally:
        os.close(fd)
    try:
        if _read(lp) == stale:
            with contextlib.suppress(FileNotFoundError):
                lp.unlink()
    finally:
        with contextlib.suppress(OSError):
            brk.unlink()


class PlanLock:
    """Holds ``<plan>.lock`` while a plan file is open for writing."""

    def __init__(self, plan_path: Path):
        self.plan_path = Path(plan_path)
        self.path = lock_path(self.plan_path)
        self.held = False

    def _key(self) -> Path:
        return self.path.resolve()

    def acquire(self) -> None:
        key = self._key()
        if key in _HELD:
            held_by = read_holder(self.plan_path) or _me()
            raise PlanLockedError(
                f"'{self.plan_path.name}' 파일은 이 프로그램에서 이미 열려 있습니다: {describe(held_by)}. "
                "읽기 전용으로 열 수 있습니다.",
                held_by,
            )
        _sweep(self.path)
        deadline = time.monotonic() + _WRITE_GRACE + 1
        while True:
            if _create(self.path):
                break
            holder = _read(self.path)
            if holder is None:
                continue  # released meanwhile: try again
            if _is_stale(holder):
                _remove_stale(self.path, holder)
                if time.monotonic() > deadline:
                    raise self._locked(holder)
                time.sleep(0.01)
                continue
            if holder.get("malformed") and holder.get("age", 99) < _WRITE_GRACE:
                if time.monotonic() < deadline:
                    time.sleep(0.02)  # its creator is writing it right now
                    continue
            raise self._locked(holder)
        _HELD.add(key)
        self.held = True

    def _locked(self, holder: dict) -> PlanLockedError:
        if holder.get("malformed"):
            return PlanLockedError(
                f"'{self.plan_path.name}' 파일의 잠금 파일 '{self.path.name}'이(가) 손상되어 "
                f"누가 열어 두었는지 알 수 없습니다 ({describe(holder)}). "
                "읽기 전용으로 열 수 있습니다. 아무도 이 파일을 쓰고 있지 않다면 잠금을 해제하세요.",
                holder,
            )
        return PlanLockedError(
            f"'{self.plan_path.name}' 파일은 다른 사용자가 열어 두었습니다: {describe(holder)}. "
            "읽기 전용으로 열 수 있습니다.",
            holder,
        )

    def release(self) -> None:
        if not self.held:
            return
        _HELD.discard(self._key())
        try:
            holder = _read(self.path)
            if (
                holder is not None
                and _pid(holder) == os.getpid()
                and holder.get("host") == socket.gethostname()
            ):
                self.path.unlink()
        except (OSError, PlanFileError):
            pass
        self.held = False

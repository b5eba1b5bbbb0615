"""Writing an output file (PDF, workbook, JSON, plan copy) without ever losing a file.

Every writer of a file the user names goes through ``writing(path, overwrite)``:

- A plan file (any SQLite database, recognised by its header whatever its
  name) is never overwritten, not even with ``overwrite=True``.
- Any other existing file is overwritten only with ``overwrite=True`` (the CLI's
  ``--force``, the app after asking); otherwise ``OutputExistsError``.
- The content goes to a temporary file created exclusively (``O_EXCL``, no
  symlink followed) beside the target, is flushed to disk, gets normal
  permissions (0666 less the umask, i.e. 0644), and is then moved into place:
  without ``overwrite`` by a hard link that fails if the name appeared
  meanwhile. A failure or an interruption removes the temporary file;
  temporary files of a killed run are removed the next time that folder is
  written (``sweep``).
- Every operating-system failure (read-only folder, full disk, a file open in
  Excel) becomes an ``OutputError`` with a Korean message.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import socket
import time
from collections.abc import Iterator
from pathlib import Path

from sbdesk.services.errors import SbdeskError, os_reason

SQLITE_HEADER = b"SQLite format 3\x00"
TEMP_SUFFIX = ".sbdesk-tmp"

#: Temporary files of another PC older than this are debris too.
_FOREIGN_TEMP_AGE = 24 * 3600


class OutputError(SbdeskError):
    """An output file cannot be written; nothing was changed."""


class OutputExistsError(OutputError):
    """The output exists and overwriting was not allowed (the CLI adds the ``--force`` hint)."""

    def __init__(self, message: str, path: Path):
        super().__init__(message)
        self.path = path


def is_plan_file(path: str | os.PathLike) -> bool:
    """True if ``path`` is an SQLite database (a plan file under any name)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def check_target(path: str | os.PathLike, overwrite: bool = False) -> Path:
    """Refuse a target that must not be written (Korean message); return it as a Path."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"'{path}'은(는) 폴더입니다. 저장할 파일 이름을 지정하세요.")
    if not path.parent.is_dir():
        raise OutputError(f"저장할 폴더가 없습니다: {path.parent}")
    if path.exists() or path.is_symlink():
        if is_plan_file(path):
            raise OutputError(
                f"'{path.name}'은(는) 계획 파일입니다. 계획 파일은 다른 문서로 덮어쓰지 않습니다. "
                "다른 이름을 지정하세요."
            )
        if not overwrite:
            raise OutputExistsError(
                f"'{path.name}' 파일이 이미 있습니다. 덮어쓰지 않았습니다. 다른 이름을 지정하세요.",
                path,
            )
    return path


def _host_tag() -> str:
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def _pid_alive(pid: int) -> bool:
    from sbdesk.services.lock import _pid_alive as alive

    return alive(pid)


def sweep(folder: str | os.PathLike[str]) -> int:
    """Remove temporary files left in ``folder`` by killed runs; return how many."""
    removed = 0
    host = _host_tag()
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name.removesuffix("-journal")  # SQLite's journal of a temporary plan
        if not (name.startswith(".~") and name.endswith(TEMP_SUFFIX)):
            continue
        parts = name[: -len(TEMP_SUFFIX)].rsplit(".", 3)
        if len(parts) != 4:
            continue
        _, tag, pid, _rand = parts
        try:
            if tag == host:
                dead = not _pid_alive(int(pid))
            else:
                dead = now - entry.stat(follow_symlinks=False).st_mtime > _FOREIGN_TEMP_AGE
        except (ValueError, OSError):
            continue
        if dead:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
    return removed


def temp_file(target: Path) -> Path:
    """Create an empty temporary file beside ``target``, exclusively; return its path."""
    target = Path(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    stem = target.name[:40]
    for _ in range(20):
        tmp = target.with_name(
            f".~{stem}.{_host_tag()}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
        )
        try:
            fd = os.open(tmp, flags, 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _error(target, exc) from exc
        os.close(fd)
        return tmp
    raise OutputError(f"'{target.parent}' 폴더에 임시 파일을 만들 수 없습니다.")  # pragma: no cover


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _error(target: Path, exc: OSError) -> OutputError:
    code = errno.errorcode.get(exc.errno or 0, "")
    if code in ("ENOSPC", "EDQUOT"):
        return OutputError(
            f"디스크 공간이 부족해 '{target.name}'을(를) 저장하지 못했습니다. "
            "공간을 비우거나 다른 곳에 저장하세요. 기존 파일은 그대로입니다."
        )
    if code == "EROFS" or (code in ("EACCES", "EPERM") and not target.exists()):
        return OutputError(
            f"'{target.parent}' 폴더에 쓸 수 없어 '{target.name}'을(를) 저장하지 못했습니다 "
            f"({os_reason(exc)}). 다른 폴더를 고르세요."
        )
    if code in ("EACCES", "EPERM", "EBUSY"):
        return OutputError(
            f"'{target.name}'에 쓸 수 없습니다 ({os_reason(exc)}). "
            "Excel이나 PDF 보기 프로그램에서 열려 있으면 닫고 다시 하세요."
        )
    if code == "ENAMETOOLONG":
        return OutputError(
            f"파일 이름이나 경로가 너무 깁니다: '{target.name}'. 더 짧게 지정하세요."
        )
    return OutputError(f"'{target}'을(를) 저장하지 못했습니다 ({os_reason(exc)}).")


def _place(tmp: Path, target: Path, overwrite: bool) -> None:
    if overwrite:
        if is_plan_file(target):  # became a plan file meanwhile
            raise OutputError(f"'{target.name}'은(는) 계획 파일입니다. 덮어쓰지 않습니다.")
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputExistsError(
            f"'{target.name}' 파일이 그사이 생겼습니다. 덮어쓰지 않았습니다.", target
        ) from None
    except OSError:  # no hard links here (FAT, some shares): rename after a last check
        if target.exists():
            raise OutputExistsError(
                f"'{target.name}' 파일이 그사이 생겼습니다. 덮어쓰지 않았습니다.", target
            ) from None
        os.rename(tmp, target)
        return
    os.unlink(tmp)


@contextlib.contextmanager
def writing(path: str | os.PathLike, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary path to write; on success it becomes ``path`` (see the module doc).

    The caller writes the whole output to the yielded path (by name, e.g.
    ``wb.save(tmp)``); any exception (including KeyboardInterrupt) removes it
    and leaves ``path`` as it was.
    """
    target = check_target(path, overwrite)
    sweep(target.parent)
    tmp = temp_file(target)
    try:
        yield tmp
        try:
            fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_BINARY", 0))
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.chmod(tmp, 0o666 & ~_umask())
            _place(tmp, target, overwrite)
        except OSError as exc:
            raise _error(target, exc) from exc
    except OSError as exc:
        raise _error(target, exc) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_bytes(path: str | os.PathLike, data: bytes, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` through ``writing``."""
    with writing(path, overwrite) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
    return Path(path)


def copy_file(src: str | os.PathLike, dest: str | os.PathLike, overwrite: bool = False) -> Path:
    """Copy a finished file (e.g. a previewed PDF) to ``dest`` through ``writing``."""
    import shutil

    with writing(dest, overwrite) as tmp:
        shutil.copyfile(src, tmp)
    return Path(dest)


def free_name(path: str | os.PathLike) -> Path:
    """``path`` if no file has that name, else ``<stem> (2)<suffix>``, ``(3)``… (first free)."""
    path = Path(path)
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1

"""A lock file beside the plan file naming who holds it.

Two people opening the same file on a network drive would silently overwrite
each other; the lock file (``<plan>.lock``) says who has it open, since when,
on which PC, so the second one is told and offered read-only instead.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import json
import os
import socket
from pathlib import Path

from sbdesk.services.errors import PlanLockedError

#: Plan files this process holds open for writing (a second PlanStore on one of
#: them is refused like another program's; a same-pid lock file not listed here
#: is stale, left by an earlier process whose pid was reused).
_HELD: set[Path] = set()


def lock_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.name + ".lock")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows
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
    return True


def _me() -> dict:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some systems
        user = "알 수 없음"
    return {
        "user": user,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": _dt.datetime.now().isoformat(timespec="seconds"),
    }


def read_holder(plan_path: Path) -> dict | None:
    """The holder recorded in the lock file, or None when there is no live lock."""
    lp = lock_path(plan_path)
    try:
        holder = json.loads(lp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(holder, dict):
        return None
    if holder.get("host") == socket.gethostname() and not _pid_alive(int(holder.get("pid", 0))):
        return None  # stale: that process is gone (crash, power cut)
    return holder


def describe(holder: dict) -> str:
    return (
        f"{holder.get('user', '?')} (PC: {holder.get('host', '?')}, "
        f"{str(holder.get('since', '?')).replace('T', ' ')}부터)"
    )


class PlanLock:
    """Holds ``<plan>.lock`` while a plan file is open for writing."""

    def __init__(self, plan_path: Path):
        self.plan_path = Path(plan_path)
        self.path = lock_path(self.plan_path)
        self.held = False

    def acquire(self) -> None:
        key = self.path.resolve()
        if key in _HELD:
            holder = read_holder(self.plan_path) or _me()
            raise PlanLockedError(
                f"'{self.plan_path.name}' 파일은 이 프로그램에서 이미 열려 있습니다: {describe(holder)}. "
                "읽기 전용으로 열 수 있습니다.",
                holder,
            )
        holder = read_holder(self.plan_path)
        if holder is not None and not (
            holder.get("host") == socket.gethostname() and int(holder.get("pid", 0)) == os.getpid()
        ):
            raise PlanLockedError(
                f"'{self.plan_path.name}' 파일은 다른 사용자가 열어 두었습니다: {describe(holder)}. "
                "읽기 전용으로 열 수 있습니다.",
                holder,
            )
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(_me(), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)
        _HELD.add(key)
        self.held = True

    def release(self) -> None:
        if not self.held:
            return
        _HELD.discard(self.path.resolve())
        try:
            holder = json.loads(self.path.read_text(encoding="utf-8"))
            if holder.get("pid") == os.getpid() and holder.get("host") == socket.gethostname():
                self.path.unlink()
        except (OSError, ValueError):
            pass
        self.held = False

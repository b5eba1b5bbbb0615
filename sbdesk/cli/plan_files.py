"""Opening the plan file a command names: read-only unless the command writes, in Korean when missing."""

from __future__ import annotations

from pathlib import Path

from sbdesk.services.errors import PlanFileError


def open_store(path: str, read_only: bool = True):
    """Open an existing plan file for a command (read-only unless it writes)."""
    from sbdesk.services.store import PlanStore

    p = Path(path)
    if not p.exists():
        raise PlanFileError(f"계획 파일을 찾을 수 없습니다: {path}")
    store = PlanStore(p, read_only=read_only)
    if store.read_only and not read_only:
        reason = store.read_only_reason or ""
        store.close()
        raise PlanFileError(f"{reason} 이 명령은 계획 파일을 고치므로 실행하지 않았습니다.".strip())
    return store


def open_reader(path: str):
    """Open an existing plan file for a read-only command, without the ORM (fast start)."""
    from sbdesk.services.reader import PlanReader

    p = Path(path)
    if not p.exists():
        raise PlanFileError(f"계획 파일을 찾을 수 없습니다: {path}")
    return PlanReader(p)

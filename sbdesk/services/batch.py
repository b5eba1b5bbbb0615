"""What a batch write into the plan is made of (``PlanStore.apply_batch``).

A batch is many field edits and row insertions written in ONE transaction —
all or nothing — by the store, so an import never opens a session of its own.
``Batch`` records what was written, enough for ``PlanStore.revert_batch`` and
``PlanStore.reapply_batch`` (undo / redo).

A *ledger* is an optional ``YearText`` row (``(year, key)``) whose value is a
dict of sections: ``{"rows": {ledger_key: [id, uid]}}`` remembers the rows a
batch added, so a later batch (the same workbook returned again) finds them
instead of adding them twice; other sections (``notes``, e.g. the department
import's ``"cells"`` checksums) are merged in by the caller's batch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import SQLModel

from sbdesk.services.errors import SbdeskError


@dataclass
class FieldEdit:
    """Set ``field`` of row ``ident``; ``expect(current)`` must hold or nothing is written."""

    model: type[SQLModel]
    ident: int
    field: str
    value: Any
    expect: Callable[[Any], bool] | None = None
    ref: Any = None  # the caller's own handle, given back in a StaleEditError


@dataclass
class RowInsert:
    """Add a row (last among its siblings); its ``card_id`` parent must still exist."""

    model: type[SQLModel]
    values: dict[str, Any]
    ledger_key: str | None = None
    ref: Any = None


@dataclass
class Batch:
    """What ``apply_batch`` wrote."""

    changed: list[tuple[str, int, str, Any, Any]] = field(
        default_factory=list
    )  # model, id, field, old, new
    created: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # model, full row
    ledger: tuple[int, str] | None = None
    ledger_before: dict[str, dict] | None = None  # the ledger's sections before / after
    ledger_after: dict[str, dict] | None = None

    @property
    def year(self) -> int | None:
        return self.ledger[0] if self.ledger else None

    @property
    def empty(self) -> bool:
        return not self.changed and not self.created

    def summary(self) -> str:
        return f"값 {len(self.changed)}개를 바꾸고 행 {len(self.created)}개를 추가했습니다."


class StaleEditError(SbdeskError):
    """The plan changed under a batch: a row is gone, a value differs or a parent card is gone.

    ``reason`` is "gone", "changed" or "parent"; ``ref`` is the edit's own ``ref``.
    Nothing was written.
    """

    def __init__(self, reason: str, ref: Any, message: str | None = None):
        text = {
            "gone": "그 행이 삭제되었습니다",
            "changed": "계획이 바뀌었습니다",
            "parent": "사업 카드가 삭제되어 행을 추가할 수 없습니다",
        }[reason]
        super().__init__(message or f"{text} (아무것도 바뀌지 않음).")
        self.reason = reason
        self.ref = ref

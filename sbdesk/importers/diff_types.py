"""What an import would do, before anything is written: ``ImportPlan`` of ``DiffEntry`` and ``NewRow``.

Shared by the department-workbook import (``importers.workbook``) and the 첨부 2
budget-list import (``importers.budget_list``); both plans are applied by
``importers.workbook.apply_import``. Kept apart so neither reader imports the other.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sbdesk.export.xlsx.dept_workbook import display
from sbdesk.services.batch import Batch
from sbdesk.services.errors import InterchangeError, SbdeskError


@dataclass
class DiffEntry:
    """One field that would change: where, what, from what to what."""

    key: str
    model: str
    row_id: int | None
    field: str
    kind: str
    project_code: str
    project_name: str
    field_label: str
    old: Any
    new: Any
    conflict: bool = False
    source: str = ""  # 'file.xlsx' I-1-1!G23
    group: str | None = None  # a new row's group key
    old_shown: str | None = None  # display overrides (project numbers of a budget-list row)
    new_shown: str | None = None
    warning: str = ""  # implausible value: applied only when the user confirms it
    card_id: int | None = None
    cell_key: str | None = None  # "export/sheet!ref": what this workbook last brought in

    def warn(self, text: str) -> None:
        if text not in self.warning:
            self.warning = f"{self.warning} {text}".strip()

    @property
    def old_text(self) -> str:
        if self.group and self.row_id is None:
            return "(새 행)"
        return self.old_shown if self.old_shown is not None else display(self.kind, self.old)

    @property
    def new_text(self) -> str:
        return self.new_shown if self.new_shown is not None else display(self.kind, self.new)

    @property
    def project(self) -> str:
        return f"{self.project_code} {self.project_name}".strip()

    def describe(self) -> str:
        mark = " [충돌: 내보낸 뒤 앱에서도 바뀜]" if self.conflict else ""
        if self.warning:
            mark += f" [확인 필요: {self.warning}]"
        return f"{self.project} · {self.field_label}: '{self.old_text}' → '{self.new_text}'{mark}"


@dataclass
class NewRow:
    """A row to add when any of its entries is accepted."""

    group: str
    model: str
    fixed: dict[str, Any]  # parent and required values (card_id, kind, source, year, serial …)
    label: str
    log_key: str | None = None


@dataclass
class ImportPlan:
    """What an import would do; nothing is written until ``apply_import``."""

    kind: str  # "cards" | "budget_list"
    year: int | None
    files: list[str] = field(default_factory=list)
    entries: list[DiffEntry] = field(default_factory=list)
    new_rows: dict[str, NewRow] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file!sheet" whose project is gone
    #: values in the workbook that are not read ("file" sheet!cell: 'value' (why)): 가져오지 않은 내용
    unread: list[str] = field(default_factory=list)
    #: sheets with errors: their project is not imported, the others are ("'file' 시트 X (code)" → errors)
    blocked: dict[str, list[str]] = field(default_factory=dict)

    @property
    def conflicts(self) -> list[DiffEntry]:
        return [e for e in self.entries if e.conflict]

    @property
    def warnings(self) -> list[DiffEntry]:
        return [e for e in self.entries if e.warning]

    @property
    def all_errors(self) -> list[str]:
        """Every error: those that block the import and those that block one project."""
        return self.errors + [e for errs in self.blocked.values() for e in errs]

    def merge(self, other: ImportPlan) -> ImportPlan:
        """Both plans in one (one confirmation, one transaction)."""
        if self.year is not None and other.year is not None and self.year != other.year:
            raise InterchangeError(
                f"서로 다른 연도({self.year}년, {other.year}년)의 파일은 함께 가져올 수 없습니다."
            )
        out = ImportPlan(
            kind=self.kind if self.kind == other.kind else "mixed", year=self.year or other.year
        )
        out.files = self.files + other.files
        out.entries = self.entries + other.entries
        out.new_rows = {**self.new_rows, **other.new_rows}
        out.errors = self.errors + other.errors
        out.notes = self.notes + other.notes
        out.skipped = self.skipped + other.skipped
        out.unread = self.unread + other.unread
        out.blocked = {**self.blocked, **other.blocked}
        return out

    def summary(self) -> str:
        n = len(self.entries)
        parts = [f"바뀌는 항목 {n}개"]
        if self.new_rows:
            used = {e.group for e in self.entries if e.group}
            if used:
                parts.append(f"새 행 {len(used)}개")
        if self.conflicts:
            parts.append(f"충돌 {len(self.conflicts)}개")
        if self.warnings:
            parts.append(f"확인 필요 {len(self.warnings)}개")
        if self.errors:
            parts.append(f"오류 {len(self.errors)}개")
        if self.blocked:
            parts.append(f"가져오지 않는 사업 {len(self.blocked)}개")
        if self.unread:
            parts.append(f"가져오지 않은 내용 {len(self.unread)}개")
        return ", ".join(parts)


#: What ``apply_import`` wrote (a store ``Batch``), enough to undo and redo it.
ApplyResult = Batch


def format_plan(plan: ImportPlan) -> str:
    """The diff as text (CLI --dry-run and messages)."""
    out: list[str] = []
    current = None
    for e in plan.entries:
        if e.project != current:
            current = e.project
            out.append(f"[{current}]")
        mark = "  ※충돌" if e.conflict else ""
        if e.warning:
            mark += f"  ※확인 필요: {e.warning}"
        out.append(
            f"  {e.field_label}: {e.old_text or '(빈칸)'} → {e.new_text or '(빈칸)'}{mark}   ({e.source})"
        )
    if not plan.entries:
        out.append("바뀌는 항목이 없습니다.")
    for n in plan.notes:
        out.append(f"참고: {n}")
    for head, errs in plan.blocked.items():
        out.append(f"가져오지 않는 사업: {head} (아래를 고쳐 다시 보내면 가져옵니다)")
        out.extend(f"  오류: {e}" for e in errs)
    if plan.unread:
        out.append(f"가져오지 않은 내용 {len(plan.unread)}개 (입력 칸이 아닌 곳에 쓴 값):")
        out.extend(f"  {u}" for u in plan.unread)
    for err in plan.errors:
        out.append(f"오류: {err}")
    out.append(plan.summary())
    return "\n".join(out)


@contextlib.contextmanager
def unreadable_file(name: str) -> Iterator[None]:
    """A hostile or damaged file read inside ends in a clear Korean message naming it, never a traceback."""
    try:
        yield
    except SbdeskError:
        raise
    except Exception as exc:
        raise InterchangeError(
            f"'{name}'을(를) 읽을 수 없습니다: 알 수 없는 양식이거나 손상된 통합문서입니다."
        ) from exc

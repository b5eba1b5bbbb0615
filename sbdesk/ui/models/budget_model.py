"""The 사업비 재원구성 grid of a card: funding sources × 기본계획 / 예산(A) / 집행(B).

Rows follow the official card: 계(①+②+③), 지방비 소계, then 국비, 시·도비,
시·군·구비 and each 기타 source with its name. The 계 and 소계 rows, the shares
(비중) and the execution rates (집행률) are computed live by
``services.compute`` from the stored lines; they are never typed or stored.
A source that has no line yet is shown empty and gets its line when a figure
is typed into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from sbdesk import models as m
from sbdesk.documents.wording import funding_marks, funding_sum_labels
from sbdesk.models import fields
from sbdesk.models.fields import FUNDING_LABELS
from sbdesk.models.types import FundingSource
from sbdesk.services import compute
from sbdesk.services.errors import ValidationError
from sbdesk.services.numbers import format_money, format_rate
from sbdesk.ui import style
from sbdesk.ui.models.rows_model import Col

NO_PARENT = QModelIndex()  # the invalid index: "no parent" (the root)
_ROLES = frozenset(
    (
        Qt.DisplayRole,
        Qt.EditRole,
        Qt.ToolTipRole,
        Qt.TextAlignmentRole,
        Qt.BackgroundRole,
        Qt.ForegroundRole,
        Qt.FontRole,
    )
)

SOURCES = [
    FundingSource.NATIONAL,
    FundingSource.PROVINCE,
    FundingSource.DISTRICT,
    FundingSource.OTHER,
]
AMOUNT_FIELDS = {2: "plan_amount", 4: "annual_amount", 6: "executed_amount"}
NAME_COLUMN = 1


def _head(field: str) -> str:
    """A column header: the field's label, its (A)/(B) mark on a second line."""
    text = fields.label("BudgetLine", field)
    return text.replace("(", "\n(", 1) if " " in text else text


@dataclass
class BudgetRow:
    kind: str  # "total" | "local" | "line"
    source: str | None = None
    line: m.BudgetLine | None = None  # None: the source has no line yet

    @property
    def id(self) -> int | None:
        return self.line.id if self.line else None


class BudgetModel(QAbstractTableModel):
    message = Signal(str)
    show_row_numbers = False

    def __init__(self, year: int = 2023, parent=None):
        super().__init__(parent)
        self.label = "사업비"
        self.session = None
        self.project_id: int | None = None
        self.card_id: int | None = None
        self.lines: list[m.BudgetLine] = []
        self.rows: list[BudgetRow] = []
        self.totals = compute.budget_totals([])
        self.errors: dict[tuple[int, int], tuple[str, str]] = {}  # (row, col) → (typed, message)
        #: the funding rows the plan's term offers (TermRules.funding_sources; 6th: no 국비)
        self.sources: tuple[str, ...] = tuple(s.value for s in SOURCES)
        self.set_year(year)

    def set_year(self, year: int) -> None:
        self.columns = [
            Col(None, fields.label("BudgetLine.source"), "computed", 130),
            Col("source_name", fields.label("BudgetLine.source_name"), "text", 110, 1),
            Col("plan_amount", f"기본계획\n{year} 예산", "text", 90, 1, align_right=True),
            Col(None, "비중", "computed", 64),
            Col(
                "annual_amount",
                f"{year}년도\n{_head('annual_amount')}",
                "text",
                90,
                1,
                align_right=True,
            ),
            Col(None, "비중", "computed", 64),
            Col("executed_amount", _head("executed_amount"), "text", 90, 1, align_right=True),
            Col(None, "집행률\n(B/A)", "computed", 72),
        ]
        self.headerDataChanged.emit(Qt.Horizontal, 0, len(self.columns) - 1)

    # ------------------------------------------------------------------ loading
    def attach(self, session, project_id: int | None, card_id: int | None) -> None:
        self.session, self.project_id, self.card_id = session, project_id, card_id

    @property
    def editable(self) -> bool:
        return self.session is not None and not self.session.read_only and self.card_id is not None

    def set_lines(self, lines: list[m.BudgetLine]) -> None:
        rows = [BudgetRow("total"), BudgetRow("local")]
        for src in SOURCES:
            own = [ln for ln in lines if ln.source == src.value]
            if own:  # shown even when the term has no such row: nothing typed is hidden
                rows.extend(BudgetRow("line", src.value, ln) for ln in own)
            elif src.value in self.sources:
                rows.append(BudgetRow("line", src.value, None))
        same_shape = len(rows) == len(self.rows) and all(
            (a.kind, a.source) == (b.kind, b.source) for a, b in zip(rows, self.rows, strict=True)
        )
        self.lines = list(lines)
        self.totals = compute.budget_totals(self.lines)
        if same_shape:
            self.rows = rows
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(rows) - 1, len(self.columns) - 1)
            )
            return
        self.beginResetModel()
        self.rows = rows
        self.errors.clear()
        self.endResetModel()

    # ------------------------------------------------------------------ computed cells
    def _column(self, attr: str) -> compute.Column:
        return {
            "plan_amount": self.totals.plan,
            "annual_amount": self.totals.annual,
            "executed_amount": self.totals.executed,
        }[attr]

    def row_label(self, r: BudgetRow) -> str:
        # numbered as the card without a 국비 row (wording.funding_marks); 국비 unnumbered
        total, local = funding_sum_labels(national=False)
        if r.kind == "total":
            return total
        if r.kind == "local":
            return local
        mark = funding_marks(national=False).get(r.source, "")
        return f"{mark} {FUNDING_LABELS[FundingSource(r.source)]}".strip()

    def amount(self, r: BudgetRow, attr: str) -> Decimal | None:
        col = self._column(attr)
        if r.kind == "total":
            return col.total
        if r.kind == "local":
            return col.local
        return getattr(r.line, attr) if r.line else None

    def display(self, row: int, column: int) -> str:
        r = self.rows[row]
        if column == 0:
            return self.row_label(r)
        if column == NAME_COLUMN:
            return (r.line.source_name if r.line else "") if r.source == "other" else ""
        if column in AMOUNT_FIELDS:
            return format_money(self.amount(r, AMOUNT_FIELDS[column]), blank="")
        if column in (3, 5):
            attr = AMOUNT_FIELDS[column - 1]
            value = self.amount(r, attr)
            return format_rate(compute.rate(value, self._column(attr).total), blank="")
        if column == 7:
            if r.kind == "total":
                return format_rate(self.totals.execution, blank="")
            if r.kind == "local":
                return format_rate(self.totals.local_execution, blank="")
            return format_rate(
                compute.rate(self.amount(r, "executed_amount"), self.amount(r, "annual_amount")),
                blank="",
            )
        return ""

    def is_editable_cell(self, row: int, column: int) -> bool:
        r = self.rows[row]
        if r.kind != "line" or not self.editable:
            return False
        if column == NAME_COLUMN:
            return r.source == "other"
        return column in AMOUNT_FIELDS

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.columns[section].title
        return None

    def flags(self, index):
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self.is_editable_cell(index.row(), index.column()):
            f |= Qt.ItemIsEditable
        return f

    def data(self, index, role=Qt.DisplayRole):
        # painting asks ~10 roles per cell after every edit: the others answer at once
        if role not in _ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        r = self.rows[row]
        err = self.errors.get((row, col))
        if role == Qt.DisplayRole:
            return err[0] if err else self.display(row, col)
        if role == Qt.EditRole:
            if err:
                return err[0]
            if col in AMOUNT_FIELDS:
                v = self.amount(r, AMOUNT_FIELDS[col])
                return "" if v is None else format(v, "f")
            return self.display(row, col)
        if role == Qt.ToolTipRole:
            if err:
                return err[1]
            if col == 7:
                return "집행률 = 집행 실적(B) ÷ 예산(A) × 100 (자동 계산)"
            if col in (3, 5):
                return "비중 = 재원별 금액 ÷ 계 × 100 (자동 계산)"
            if r.kind != "line" and col in AMOUNT_FIELDS:
                return "재원별 금액의 합 (자동 계산)"
            return None
        if role == Qt.TextAlignmentRole:
            if col in (0, NAME_COLUMN):
                return int(Qt.AlignLeft | Qt.AlignVCenter)
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.BackgroundRole:
            if err:
                return QBrush(QColor(style.ERROR_BG))
            if r.kind != "line" or not self.is_editable_cell(row, col) and col != 0:
                return QBrush(QColor(style.COMPUTED_BG))
            return None
        if role == Qt.ForegroundRole and err:
            return QBrush(QColor(style.ERROR_FG))
        if role == Qt.FontRole and r.kind == "total":
            f = QFont()
            f.setBold(True)
            return f
        return None

    def setData(self, index, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or not self.is_editable_cell(index.row(), index.column()):
            return False
        row, col = index.row(), index.column()
        field = "source_name" if col == NAME_COLUMN else AMOUNT_FIELDS[col]
        text = "" if value is None else str(value).strip()
        try:
            self._write(self.rows[row], field, text)
        except ValidationError as exc:
            msg = f"{self.row_label(self.rows[row]).lstrip('①②③ ')} — {exc}"
            self.errors[(row, col)] = (text, msg)
            self.dataChanged.emit(index, index)
            self.message.emit(msg)
            return False
        if self.errors.pop((row, col), None) is not None:
            self.message.emit("")
        return True

    def _write(self, r: BudgetRow, field: str, value: Any) -> None:
        if r.line is not None:
            stored = self.session.store.coerce(m.BudgetLine, field, value)
            line = r.line
            old = getattr(line, field)
            setattr(line, field, stored)  # first, so everything refreshed by the write sees it
            self.totals = compute.budget_totals([x.line for x in self.rows if x.line])
            try:
                self.session.set_field(
                    m.BudgetLine,
                    line.id,
                    field,
                    stored,
                    project_id=self.project_id,
                    label=f"사업비 {self.row_label(r)} {self._title(field)}",
                )
            except Exception:
                setattr(line, field, old)
                self.totals = compute.budget_totals([x.line for x in self.rows if x.line])
                raise
        else:
            stored = self.session.store.coerce(m.BudgetLine, field, value)
            if stored in (None, ""):
                return
            position = sum(
                1
                for ln in self.lines
                if SOURCES.index(FundingSource(ln.source)) <= SOURCES.index(FundingSource(r.source))
            )
            ident = self.session.add_row(
                m.BudgetLine,
                {"card_id": self.card_id, "source": r.source, field: stored},
                position=position,
                project_id=self.project_id,
                label=f"사업비 {self.row_label(r)}",
            )
            r.line = self.session.store.get(m.BudgetLine, ident)
        self.totals = compute.budget_totals([x.line for x in self.rows if x.line] or [])
        self.dataChanged.emit(
            self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1)
        )

    def _title(self, field: str) -> str:
        return fields.label("BudgetLine", field)

    # ------------------------------------------------------------------ rows
    def add_row(self, position: int | None = None, values: dict | None = None) -> int:
        """Add a further 기타 source (another named fund)."""
        vals = {"card_id": self.card_id, "source": "other", "source_name": ""}
        vals.update(values or {})
        return self.session.add_row(
            m.BudgetLine, vals, project_id=self.project_id, label="사업비 기타 재원"
        )

    def can_delete(self, row: int) -> bool:
        r = self.rows[row]
        return r.kind == "line" and r.line is not None

    def delete_row(self, row: int) -> None:
        r = self.rows[row]
        if r.line is not None:
            self.session.delete_row(
                m.BudgetLine,
                r.line.id,
                project_id=self.project_id,
                label=f"사업비 {self.row_label(r)}",
            )

    def clear_cells(self, indexes) -> None:
        targets = [
            i
            for i in indexes
            if self.is_editable_cell(i.row(), i.column()) and self.rows[i.row()].line is not None
        ]
        if not targets:
            return
        with self.session.macro("사업비 내용 지우기"):
            for i in targets:
                col = i.column()
                field = "source_name" if col == NAME_COLUMN else AMOUNT_FIELDS[col]
                self._write(self.rows[i.row()], field, "")

    def paste(self, start_row: int, start_col: int, cells: list[list[str]]) -> str:
        """Amounts copied from a spreadsheet, row by row from the current cell.

        The copied block may include the computed columns (비중, 집행률) or the 계
        rows: those cells are skipped. Every amount is checked first; if one
        cannot be read, nothing is written.
        """
        if not self.editable:
            return ""
        line_rows = [i for i, r in enumerate(self.rows) if r.kind == "line"]
        start_row = max(start_row, line_rows[0])
        writes: list[tuple[int, str, Any]] = []
        extra: list[dict[str, Any]] = []
        for k, line in enumerate(cells):
            target = start_row + k
            values: dict[str, Any] = {}
            for j, text in enumerate(line):
                col = start_col + j
                if col in AMOUNT_FIELDS:
                    field = AMOUNT_FIELDS[col]
                elif col == NAME_COLUMN:
                    field = "source_name"
                else:
                    continue
                try:
                    values[field] = self.session.store.coerce(m.BudgetLine, field, text)
                except ValidationError as exc:
                    label = (
                        self.row_label(self.rows[target])
                        if target < len(self.rows)
                        else "추가 재원"
                    )
                    return f"붙여넣지 않았습니다: {label.lstrip('①②③ ')} 행 — {exc}"
            if target < len(self.rows):
                r = self.rows[target]
                for field, v in values.items():
                    if field == "source_name" and r.source != "other":
                        continue
                    writes.append((target, field, v))
            elif values:
                extra.append(values)
        if not writes and not extra:
            return ""
        with self.session.macro(f"사업비 붙여넣기 ({len(cells)}행)"):
            for target, field, v in writes:
                self._write(self.rows[target], field, v)
            for values in extra:
                self.add_row(values=values)
        return ""

    def row_of(self, line_id: int | None) -> int:
        return next((i for i, r in enumerate(self.rows) if r.line and r.line.id == line_id), -1)

    def column_of(self, field_name: str) -> int:
        for col, f in AMOUNT_FIELDS.items():
            if f == field_name:
                return col
        return NAME_COLUMN if field_name == "source_name" else 0

"""OverviewModel: every project of the year in one sortable table (사업 총괄표).

Rates come from ``services.compute`` (through ``ui.figures.ProjectRow``); a rate below
the threshold is marked, and a project with validation findings carries a
warning mark with the findings in its tooltip.
"""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from sbdesk.models import fields
from sbdesk.services.numbers import format_money, format_rate
from sbdesk.ui import style
from sbdesk.ui.figures import ProjectRow

NO_PARENT = QModelIndex()  # the invalid index: "no parent" (the root)

COLUMNS = [
    "번호",
    "사업명",
    "부서",
    "성과지표",
    "목표(A)",
    "실적(B)",
    "달성률",
    f"{fields.title('BudgetLine.annual_amount')}\n(백만원)",
    f"{fields.title('BudgetLine.executed_amount')}\n(백만원)",
    "집행률",
    fields.title("Card.review_status"),
]
(
    COL_CODE,
    COL_NAME,
    COL_DEPT,
    COL_IND,
    COL_TARGET,
    COL_ACTUAL,
    COL_ACH,
    COL_BUDGET,
    COL_EXEC,
    COL_EXRATE,
    COL_REVIEW,
) = range(len(COLUMNS))
SORT_ROLE = Qt.UserRole + 10
PROJECT_ROLE = Qt.UserRole + 11
_SORT = int(SORT_ROLE)
_NCOLS = len(COLUMNS)


def _short(text: str, limit: int = 32) -> str:
    """One line of an indicator name: "· 경제적 지원을 받은 장애인 수 · 보험의 타당성을…" (full text in the tooltip)."""
    one = " ".join((text or "").split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def code_key(code: str) -> tuple:
    """ "I-1-10" sorts after "I-1-9"; system II after system I."""
    parts = code.split("-")
    system = {"I": 1, "II": 2}.get(parts[0], 9)
    return (system, *[int(p) if p.isdigit() else 0 for p in parts[1:]])


class OverviewModel(QAbstractTableModel):
    findings_changed = Signal()  # repaint, re-filter "flagged only", recount

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[ProjectRow] = []
        self.findings: dict[int, list] = {}
        self.threshold: Decimal = style.DEFAULT_THRESHOLD
        self._sort_keys: dict[tuple[int, int], tuple[ProjectRow, object]] = {}

    def set_rows(self, rows: list[ProjectRow]) -> None:
        self.beginResetModel()
        self._plan_ids = [r.id for r in rows]
        self._sort_keys = {}
        self.rows = self._sorted(list(rows))
        self.endResetModel()

    def update_project(self, fig: ProjectRow) -> None:
        for i, r in enumerate(self.rows):
            if r.id == fig.id:
                if r == fig:
                    return  # nothing shown changed: no re-sort, re-filter or repaint
                self.rows[i] = fig
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
                if self.sort_column >= 0 and self._key(r, self.sort_column) != self._key(
                    fig, self.sort_column
                ):
                    self._resort()
                return

    # ------------------------------------------------------------------ sorting
    # The rows are kept in the shown order here, sorted in Python by cached keys
    # (one key per row, not two Python calls per comparison as when the proxy
    # sorts): showing, filtering or clearing a search on 1,200 rows then costs
    # no sort at all. Ties keep the plan's order, as Qt's stable sort did.
    sort_column = -1
    sort_order = Qt.AscendingOrder

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:  # Qt API name
        self.sort_column, self.sort_order = column, order
        self._resort()

    def _key(self, f: ProjectRow, col: int):
        hit = self._sort_keys.get((f.id, col))
        if hit is None or hit[0] is not f:  # figures objects are replaced on change
            hit = (f, self._sort_key(f, col))
            self._sort_keys[(f.id, col)] = hit
        return hit[1]

    def _sorted(self, rows: list[ProjectRow]) -> list[ProjectRow]:
        if self.sort_column < 0:
            return rows
        col = self.sort_column
        return sorted(
            rows, key=lambda f: self._key(f, col), reverse=self.sort_order == Qt.DescendingOrder
        )

    def _resort(self) -> None:
        by_id = {r.id: r for r in self.rows}
        plan = [by_id[i] for i in getattr(self, "_plan_ids", []) if i in by_id]
        new = self._sorted(plan)
        if [r.id for r in new] == [r.id for r in self.rows]:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        where = [(self.rows[i.row()].id, i.column()) for i in before]
        self.rows = new
        pos = {r.id: n for n, r in enumerate(new)}
        self.changePersistentIndexList(before, [self.index(pos[i], c) for i, c in where])
        self.layoutChanged.emit()

    def set_findings(self, findings: list) -> None:
        """The findings by project. Only marks, colours and the "flagged" filter depend on
        them (no sort key), so ``findings_changed`` lets the panel repaint and re-filter
        instead of a ``dataChanged`` over every row (the proxy re-sorting 1,200 rows)."""
        by: dict[int, list] = {}
        for f in findings:
            if f.project_id is not None:
                by.setdefault(f.project_id, []).append(f)
        self.findings = by
        self.findings_changed.emit()

    def set_threshold(self, value: Decimal) -> None:
        self.threshold = value
        self._sort_keys = {}
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )

    def below(self, value: Decimal | None) -> bool:
        return value is not None and value < self.threshold

    def flagged(self, fig: ProjectRow) -> bool:
        return self.below(fig.achievement) or self.below(fig.execution) or fig.id in self.findings

    # ------------------------------------------------------------------ Qt model
    def index(self, row: int, column: int, parent=NO_PARENT) -> QModelIndex:
        # the proxy makes an index per sort-key lookup: one Python call here instead of
        # Qt's hasIndex → rowCount + columnCount (two), thousands of times per sort
        if 0 <= row < len(self.rows) and 0 <= column < _NCOLS and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if role == _SORT:
            return self._key(self.rows[index.row()], index.column())
        if not index.isValid():
            return None
        f = self.rows[index.row()]
        col = index.column()
        if role == Qt.DisplayRole:
            return self._display(f, col)
        if role == PROJECT_ROLE:
            return f.id
        if role == Qt.TextAlignmentRole:
            if col in (COL_ACH, COL_BUDGET, COL_EXEC, COL_EXRATE):
                return int(Qt.AlignRight | Qt.AlignVCenter)
            if col in (COL_TARGET, COL_ACTUAL, COL_REVIEW):
                return int(Qt.AlignCenter)
            return int(Qt.AlignLeft | Qt.AlignVCenter)
        if role == Qt.BackgroundRole:
            value = {COL_ACH: f.achievement, COL_EXRATE: f.execution}.get(col)
            if value is not None and self.below(value):
                return QBrush(QColor(style.LOW_BG))
            if col == COL_CODE and f.id in self.findings:
                return QBrush(QColor(style.WARN_BG))
            return None
        if role == Qt.ForegroundRole:
            value = {COL_ACH: f.achievement, COL_EXRATE: f.execution}.get(col)
            if value is not None and self.below(value):
                return QBrush(QColor(style.LOW_FG))
            return None
        if role == Qt.DecorationRole and col == COL_CODE and f.id in self.findings:
            errors = any(x.severity == "error" for x in self.findings[f.id])
            return style.dot_icon(style.BAD if errors else style.MID)
        if role == Qt.ToolTipRole:
            if col == COL_CODE and f.id in self.findings:
                return "점검 결과:\n" + "\n".join(f"· {x.message}" for x in self.findings[f.id])
            if col == COL_IND and f.indicators:
                return "\n".join(
                    f"· {i.name}: 목표 {i.target or '-'}, 실적 {i.actual or '-'}"
                    for i in f.indicators
                )
            if col in (COL_ACH, COL_EXRATE):
                value = f.achievement if col == COL_ACH else f.execution
                if self.below(value):
                    return f"표시 기준({self.threshold}%) 미만"
            return None
        return None

    def _display(self, f: ProjectRow, col: int) -> str:
        if col == COL_CODE:
            return f.code
        if col == COL_NAME:
            return f.name
        if col == COL_DEPT:
            return f.department
        if col == COL_IND:
            return "\n".join(_short(i.name) for i in f.indicators)
        if col == COL_TARGET:
            return "\n".join(i.target or "-" for i in f.indicators)
        if col == COL_ACTUAL:
            return "\n".join(i.actual or "-" for i in f.indicators)
        if col == COL_ACH:
            mark = "▼ " if self.below(f.achievement) else ""
            return mark + format_rate(f.achievement)
        if col == COL_BUDGET:
            return format_money(f.budget)
        if col == COL_EXEC:
            return format_money(f.executed)
        if col == COL_EXRATE:
            mark = "▼ " if self.below(f.execution) else ""
            return mark + format_rate(f.execution)
        if col == COL_REVIEW:
            return f.review_status if f.has_card else "카드 없음"
        return ""

    def _sort_key(self, f: ProjectRow, col: int):
        none = Decimal(-1)
        if col == COL_CODE:
            return "".join(f"{n:04d}" for n in code_key(f.code))
        if col in (COL_ACH, COL_EXRATE, COL_BUDGET, COL_EXEC):
            v = {
                COL_ACH: f.achievement,
                COL_EXRATE: f.execution,
                COL_BUDGET: f.budget,
                COL_EXEC: f.executed,
            }[col]
            return float(v if v is not None else none)
        return self._display(f, col)


class OverviewFilter(QSortFilterProxyModel):
    """Filters by strategy, department, free text, and 'flagged only'."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.strategy_id: int | None = None
        self.department: str | None = None
        self.text = ""
        self.flagged_only = False
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:  # Qt API name
        """The source model keeps its rows sorted (see ``OverviewModel.sort``); this proxy
        only filters, in the source's order."""
        self.sourceModel().sort(column, order)

    def set_filter(self, **kw) -> None:
        self.beginFilterChange()
        for k, v in kw.items():
            setattr(self, k, v)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:
        model: OverviewModel = self.sourceModel()
        f = model.rows[row]
        if self.strategy_id is not None and f.strategy_id != self.strategy_id:
            return False
        if self.department is not None and f.department != self.department:
            return False
        if self.flagged_only and not model.flagged(f):
            return False
        if self.text:
            hay = " ".join([f.code, f.name, f.department] + [i.name for i in f.indicators]).lower()
            return all(word in hay for word in re.split(r"\s+", self.text.lower().strip()) if word)
        return True

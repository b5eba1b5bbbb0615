"""The 6th-term card's 4-year plan (첨부2): 사업비 by source 2026–2030 and the 성과지표 rows.

Shown only for a term whose rules store numbers (the 6th). Budget cells take a
number (백만원), "0" (비예산) or "/" (no figure that year, a 6기 신규 project's
2026); the 계 row is computed. Indicator rows are the project's ``BasicIndicator``
(name, unit, 지표정의, targets per year, 목표수준 산출근거, 자료출처, 유형).
Every edit goes through the session: written at once and undoable.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
)

from sbdesk import models as m
from sbdesk.documents.wording import funding_marks, funding_sum_labels
from sbdesk.models import fields
from sbdesk.services import compute
from sbdesk.services.errors import SbdeskError
from sbdesk.services.numbers import format_money
from sbdesk.ui.pages.card.section import CardData, CardSection
from sbdesk.ui.widgets.term_indicators import TermIndicatorGrid

SOURCE_MARKS = funding_marks(national=False)  # the 6th term has no 국비 row


class TermPlanSection(CardSection):
    NAME = "term_plan"
    TITLE = "4년 계획 (첨부2: 사업비 · 성과지표)"

    def __init__(self, parent=None):
        super().__init__(parent)
        self._data: CardData | None = None
        self._loading = False
        self.sources: list[str] = []
        self.years: list[int] = []
        hint = QLabel(
            "(단위: 백만원) 숫자, 비예산은 0, 2026년 수치가 없는 6기 신규 사업은 / 를 입력합니다. "
            "계는 자동 계산됩니다.",
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self._layout.addWidget(hint)
        self.budget = QTableWidget(self)
        self.budget.setObjectName("termBudget")
        self.budget.itemChanged.connect(self._budget_changed)
        self._layout.addWidget(self.budget)
        row = QHBoxLayout()
        row.addWidget(QLabel(fields.title("BasicBudget", "source_name"), self))
        self.other_name = QLineEdit(self)
        self.other_name.setPlaceholderText("③기타 재원의 이름 (예: 후원금)")
        self.other_name.editingFinished.connect(self._other_name_changed)
        row.addWidget(self.other_name, 1)
        self._layout.addLayout(row)
        self.indicator_grid = TermIndicatorGrid(self)
        self.indicators = self.indicator_grid.table
        self._layout.addWidget(self.indicator_grid)
        self.finish()

    # ------------------------------------------------------------------ loading
    def load(self, data: CardData) -> None:
        shown = bool(data.rules is not None and data.rules.stored_numbers)
        self.setVisible(shown)
        self._data = data
        super().load(data)
        if not shown:
            return
        rules = data.rules
        self.sources = list(rules.funding_sources)
        self.years = rules.table_years
        self._fill()

    def _fill(self) -> None:
        data = self._data
        store = data.session.store
        pid = data.project.id
        self._loading = True
        try:
            b = self.budget
            b.clear()
            b.setColumnCount(len(self.years))
            b.setRowCount(len(self.sources) + 1)
            b.setHorizontalHeaderLabels([f"{y}년" for y in self.years])
            labels = [funding_sum_labels(national=False)[0]] + [
                SOURCE_MARKS.get(src, "") + fields.FUNDING_LABELS[src] for src in self.sources
            ]
            b.setVerticalHeaderLabels(labels)
            rows = store.list(m.BasicBudget, project_id=pid)
            for c, y in enumerate(self.years):
                col = compute.basic_budget_column([r for r in rows if r.year == y and r.source])
                marked = any(r.mark == "/" for r in rows if r.year == y and r.source)
                total = QTableWidgetItem("/" if marked else format_money(col.total, blank=""))
                total.setFlags(Qt.ItemIsEnabled)
                total.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                b.setItem(0, c, total)
                for r_i, src in enumerate(self.sources, 1):
                    item = QTableWidgetItem(store.term_budget(pid, y, src))
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                    if not data.editable:
                        item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
                    b.setItem(r_i, c, item)
            names = sorted({r.source_name for r in rows if r.source == "other" and r.source_name})
            self.other_name.setText(", ".join(names))
            self.other_name.setEnabled(data.editable)
            b.setMinimumHeight(b.verticalHeader().length() + b.horizontalHeader().height() + 6)

            self.indicator_grid.load(data.session, {"project_id": pid}, self.years)
        finally:
            self._loading = False

    def _show_error(self, exc: Exception) -> None:
        self.message.setText(str(exc))
        self.message.show()

    # ------------------------------------------------------------------ writes
    def _budget_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or self._data is None or item.row() == 0:
            return
        src = self.sources[item.row() - 1]
        year = self.years[item.column()]
        self.message.hide()
        try:
            self._data.session.set_term_budget(self._data.project.id, year, src, item.text())
        except SbdeskError as exc:
            self._show_error(exc)
        self._fill()

    def _other_name_changed(self) -> None:
        if self._loading or self._data is None:
            return
        data = self._data
        name = self.other_name.text().strip()
        rows = [
            r
            for r in data.session.store.list(m.BasicBudget, project_id=data.project.id)
            if r.source == "other" and r.source_name != name
        ]
        if not rows:
            return
        with data.session.macro("기타 재원명 수정"):
            for r in rows:
                data.session.set_field(
                    m.BasicBudget, r.id, "source_name", name,
                    project_id=data.project.id, label="기타 재원명",
                )  # fmt: skip

"""TermIndicatorGrid: the 4-year indicator rows (``BasicIndicator``) of a 6th-term plan.

One row per indicator of one owner (a project, a strategy or a 대표과업): 성과지표명,
단위, 지표정의, the targets of the term's table years (2026–2030: "/" and "0" as typed),
목표설정 근거 / 목표수준 산출근거, 자료출처, 유형 (투입·산출·결과·영향). Every edit
goes through the session (written at once, undoable); a refused value shows its
Korean message in ``message``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sbdesk import models as m
from sbdesk.services.errors import SbdeskError

#: Columns before and after the yearly targets: (field, header).
IND_HEAD = [("name", "성과지표명"), ("unit", "단위"), ("definition", "지표정의")]
IND_TAIL = [("rationale", "목표설정 근거"), ("data_source", "자료출처"), ("kind", "유형")]


class TermIndicatorGrid(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.owner: dict[str, Any] = {}
        self.years: list[int] = []
        self.rows: list[m.BasicIndicator] = []
        self.editable = False
        self._loading = False
        self.table = QTableWidget(self)
        self.table.setObjectName("termIndicators")
        self.table.itemChanged.connect(self._changed)
        self.add_button = QPushButton("지표 추가", self)
        self.add_button.clicked.connect(self.add_indicator)
        self.message = QLabel(self)
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.table)
        lay.addWidget(self.add_button, 0, Qt.AlignLeft)
        lay.addWidget(self.message)

    def load(self, session, owner: dict[str, Any], years: list[int]) -> None:
        """``owner``: {"project_id": …}, {"strategy_id": …} or {"task_id": …}."""
        self.session, self.owner, self.years = session, dict(owner), list(years)
        self.editable = not session.read_only
        self.fill()

    def _query(self) -> dict[str, Any]:
        where = {"project_id": None, "strategy_id": None, "task_id": None}
        where.update(self.owner)
        return where

    def fill(self) -> None:
        self._loading = True
        try:
            t = self.table
            t.clear()
            heads = [h for _f, h in IND_HEAD] + [f"{y}년 목표" for y in self.years]
            heads += [h for _f, h in IND_TAIL]
            t.setColumnCount(len(heads))
            t.setHorizontalHeaderLabels(heads)
            self.rows = self.session.store.list(m.BasicIndicator, **self._query())
            t.setRowCount(len(self.rows))
            for r_i, bi in enumerate(self.rows):
                values = [getattr(bi, f) for f, _h in IND_HEAD]
                values += [str((bi.targets or {}).get(str(y), "")) for y in self.years]
                values += [getattr(bi, f) for f, _h in IND_TAIL]
                for c, v in enumerate(values):
                    item = QTableWidgetItem(v or "")
                    if not self.editable:
                        item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
                    t.setItem(r_i, c, item)
            t.setMinimumHeight(t.verticalHeader().length() + t.horizontalHeader().height() + 6)
            self.add_button.setEnabled(self.editable)
        finally:
            self._loading = False

    def _changed(self, item: QTableWidgetItem) -> None:
        if self._loading or self.session is None:
            return
        bi = self.rows[item.row()]
        c = item.column()
        n_head, n_years = len(IND_HEAD), len(self.years)
        pid = self.owner.get("project_id")
        self.message.hide()
        try:
            if c < n_head or c >= n_head + n_years:
                f = (IND_HEAD + IND_TAIL)[c if c < n_head else c - n_years][0]
                self.session.set_field(m.BasicIndicator, bi.id, f, item.text().strip(),
                                       project_id=pid, label="성과지표")  # fmt: skip
            else:
                year = self.years[c - n_head]
                self.session.set_basic_target(bi.id, year, item.text(), f"{year}년 목표")
        except SbdeskError as exc:
            self.message.setText(str(exc))
            self.message.show()
        self.fill()
        self.changed.emit()

    def add_indicator(self) -> None:
        if self.session is None:
            return
        self.session.add_row(
            m.BasicIndicator,
            {**self.owner, "name": "새 지표"},
            project_id=self.owner.get("project_id"),
            label="성과지표",
        )
        self.fill()
        self.changed.emit()

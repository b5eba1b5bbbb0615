"""OverviewRowTable: the official overview row(s) of a system or strategy, computed live.

사업 수, 총예산, 집행액, 민관협력 수, 비예산 수, 평균 달성률, 평균 집행률 and
총액 집행률 — the two execution figures side by side, each named for what it is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from sbdesk.services import compute
from sbdesk.services.numbers import format_money, format_rate
from sbdesk.ui import style

HEADERS = [
    "구분",
    "사업 수",
    "총예산\n(백만원)",
    "집행액\n(백만원)",
    "민관협력\n사업 수",
    "비예산\n사업 수",
    "평균 달성률\n(사업별 평균)",
    "평균 집행률\n(사업별 평균)",
    "총액 집행률\n(집행액÷예산)",
]


class OverviewRowTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(0, len(HEADERS), parent)
        self.setHorizontalHeaderLabels(HEADERS)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.NoSelection)
        self.setFocusPolicy(Qt.NoFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.Stretch)
        hh.setSectionResizeMode(0, QHeaderView.Interactive)
        hh.resizeSection(0, 260)
        hh.setMinimumHeight(44)
        self.setWordWrap(True)

    def set_rows(
        self, rows: list[tuple[str, compute.Overview]], total_label: str | None = None
    ) -> None:
        self.setRowCount(len(rows))
        for r, (label, o) in enumerate(rows):
            values = [
                label,
                f"{o.projects:,}",
                format_money(o.budget),
                format_money(o.executed),
                f"{o.public_private:,}",
                f"{o.non_budget:,}",
                format_rate(o.avg_achievement),
                format_rate(o.avg_execution),
                format_rate(o.execution_ratio),
            ]
            bold = total_label is not None and label == total_label
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setTextAlignment((Qt.AlignLeft if c == 0 else Qt.AlignRight) | Qt.AlignVCenter)
                if bold:
                    f = QFont()
                    f.setBold(True)
                    item.setFont(f)
                    item.setBackground(QBrush(QColor(style.HEADER_BG)))
                if c >= 6:
                    value = (o.avg_achievement, o.avg_execution, o.execution_ratio)[c - 6]
                    item.setForeground(QBrush(QColor(style.rate_colour(value))))
                self.setItem(r, c, item)
        self.resizeRowsToContents()
        h = self.horizontalHeader().height() + sum(
            self.rowHeight(i) for i in range(self.rowCount())
        )
        self.setFixedHeight(h + 2 * self.frameWidth() + 2)

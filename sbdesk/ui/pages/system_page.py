"""SystemPage: one strategy system (Ⅰ or Ⅱ) with its official overview rows, computed live."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sbdesk.ui.figures import overview_of
from sbdesk.ui.widgets.overview_row import OverviewRowTable


class SystemPage(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.node = None
        self.session = None
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("pageSubtitle")
        heading = QLabel("목표 달성도 총괄 (자동 계산)", self)
        heading.setObjectName("sectionTitle")
        self.table = OverviewRowTable(self)
        note = QLabel(
            "평균 달성률과 평균 집행률은 사업별 비율의 산술평균(비율이 없는 사업 제외)이고, "
            "총액 집행률은 집행액 합계를 예산 합계로 나눈 값입니다. 비예산 사업은 집행률 평균에서 빠집니다.",
            self,
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 12)
        lay.setSpacing(8)
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addSpacing(6)
        lay.addWidget(heading)
        lay.addWidget(self.table)
        lay.addWidget(note)
        lay.addStretch(1)

    def set_session(self, session) -> None:
        self.session = session

    def show_node(self, node) -> None:
        self.node = node
        self.reload()

    def reload(self) -> None:
        node = self.node
        if node is None:
            return
        year = self.session.year if self.session else ""
        self.title.setText(f"{node.code}. {node.title}")
        self.subtitle.setText(
            f"{year}년 · 전략 {len(node.children)}개 · 사업 {len(node.projects())}개"
        )
        rows = []
        for st in node.children:
            rows.append(
                (
                    f"{st.code} {st.title}",
                    overview_of([p.figures for p in st.projects() if p.figures]),
                )
            )
        total = "계"
        rows.append((total, overview_of([p.figures for p in node.projects() if p.figures])))
        self.table.set_rows(rows, total_label=total)

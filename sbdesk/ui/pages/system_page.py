"""SystemPage: one strategy system (Ⅰ or Ⅱ) with its official overview rows, computed live,
and its strategies with the structure buttons (add, rename, move up / down, delete)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from sbdesk.ui.figures import overview_of
from sbdesk.ui.widgets.overview_row import OverviewRowTable
from sbdesk.ui.widgets.structure_bar import StructureBar


class SystemPage(QWidget):
    open_strategy = Signal(int)

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
        st_heading = QLabel("전략", self)
        st_heading.setObjectName("sectionTitle")
        st_hint = QLabel(
            "전략을 고르고 아래 단추로 이름을 바꾸거나 옮기거나 삭제합니다. "
            "두 번 누르면 그 전략의 화면을 엽니다.",
            self,
        )
        st_hint.setObjectName("hint")
        st_hint.setWordWrap(True)
        self.strategies = QListWidget(self)
        self.strategies.setObjectName("systemStrategies")
        self.strategies.itemSelectionChanged.connect(self._strategy_chosen)
        self.strategies.itemDoubleClicked.connect(
            lambda item: self.open_strategy.emit(item.data(Qt.UserRole))
        )
        self.bar = StructureBar(
            ["add_strategy", "rename", "up", "down", "remove"], "systemBar", False, self
        )
        for name, text in (
            ("rename", "전략 이름 바꾸기…"),
            ("up", "▲ 전략 위로"),
            ("down", "▼ 전략 아래로"),
            ("remove", "전략 삭제…"),
        ):
            self.bar.set_text(name, text)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 12)
        lay.setSpacing(8)
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addSpacing(6)
        lay.addWidget(heading)
        lay.addWidget(self.table)
        lay.addWidget(note)
        lay.addSpacing(6)
        lay.addWidget(st_heading)
        lay.addWidget(st_hint)
        lay.addWidget(self.strategies)
        lay.addWidget(self.bar)
        lay.addStretch(1)

    def set_session(self, session) -> None:
        self.session = session

    def set_tree(self, tree) -> None:
        """The plan tree whose structure operations the buttons run."""
        self.bar.set_tree(tree)

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
        chosen = self.chosen_strategy()
        self.bar.system = node.ident
        self.strategies.blockSignals(True)
        self.strategies.clear()
        for st in node.children:
            item = QListWidgetItem(f"{st.code}  {st.title}")
            item.setData(Qt.UserRole, st.ident)
            self.strategies.addItem(item)
            if st.ident == chosen:
                item.setSelected(True)
                self.strategies.setCurrentItem(item)
        self.strategies.blockSignals(False)
        rows = max(3, self.strategies.count())  # as tall as its rows, no more
        row_height = self.strategies.sizeHintForRow(0) if self.strategies.count() else 22
        self.strategies.setFixedHeight(rows * row_height + 2 * self.strategies.frameWidth() + 4)
        self._strategy_chosen()

    def chosen_strategy(self) -> int | None:
        items = self.strategies.selectedItems()
        return items[0].data(Qt.UserRole) if items else None

    def choose_strategy(self, strategy_id: int) -> None:
        for i in range(self.strategies.count()):
            if self.strategies.item(i).data(Qt.UserRole) == strategy_id:
                self.strategies.setCurrentRow(i)

    def _strategy_chosen(self) -> None:
        sid = self.chosen_strategy()
        node = None
        if self.node is not None:
            node = next((c for c in self.node.children if c.ident == sid), None)
        self.bar.show_for(node, "위 목록에서 전략을 고르세요")

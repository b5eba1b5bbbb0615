"""LevelPage: a strategy (전략) or representative task (대표과업) — title, indicators, figures.

The title and the level indicators are edited like a card (saved at once,
undoable); the overview row and the project list are computed from the
projects' cards. Two rows of structure buttons (``StructureBar``) act on the
strategy / 대표과업 itself (add a project or 대표과업, rename, move, delete) and on
the project chosen in the project list (rename, move, move elsewhere, delete).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sbdesk import models as m
from sbdesk.documents.wording import strategy_word
from sbdesk.services import compute
from sbdesk.services.numbers import format_money, format_rate
from sbdesk.terms import rules_of
from sbdesk.ui import style
from sbdesk.ui.models.rows_model import Col, RowsModel
from sbdesk.ui.pages.card.grid_sections import col
from sbdesk.ui.widgets.fields import FieldLineEdit
from sbdesk.ui.widgets.overview_row import OverviewRowTable
from sbdesk.ui.widgets.rows_table import RowsTable
from sbdesk.ui.widgets.structure_bar import StructureBar
from sbdesk.ui.widgets.term_indicators import TermIndicatorGrid


def level_rate(row: m.LevelIndicator) -> str:
    return format_rate(
        compute.indicator_achievement(row.annual_target, row.actual, row.direction, row.judgement)
    )


LEVEL_COLUMNS = [
    col(m.LevelIndicator, "name", "long", 200, 3),
    col(m.LevelIndicator, "unit", "text", 60),
    col(m.LevelIndicator, "direction", "choice", 60),
    col(m.LevelIndicator, "annual_target", "text", 90, 1),
    col(m.LevelIndicator, "actual", "text", 90, 1),
    col(m.LevelIndicator, "judgement", "choice", 80, blank=True),
    Col(None, "달성률(B/A)", "computed", 90, compute=level_rate),
]


def _heading(text: str, parent) -> QLabel:
    lab = QLabel(text, parent)
    lab.setObjectName("sectionTitle")
    return lab


class LevelPage(QWidget):
    open_project = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.node = None
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("pageSubtitle")
        body = QWidget()
        body.setObjectName("cardCanvas")
        self.title_edit = {
            "strategy": FieldLineEdit(m.Strategy, "title", "전략명", body),
            "task": FieldLineEdit(m.Task, "title", "대표과업명", body),
        }
        for w in self.title_edit.values():
            w.structural = True
        self.title_label = QLabel("전략명", body)
        self.title_label.setObjectName("fieldLabel")
        self.indicators = RowsModel(m.LevelIndicator, LEVEL_COLUMNS, "지표", self)
        self.ind_table = RowsTable(self.indicators, body, add_text="지표 추가")
        self.overview = OverviewRowTable(body)
        self.projects = QTableWidget(0, 6, body)
        self.projects.setHorizontalHeaderLabels(
            ["번호", "사업명", "담당과", "달성률", "집행률", "예산(백만원)"]
        )
        self.projects.verticalHeader().setVisible(False)
        self.projects.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.projects.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.projects.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.projects.cellDoubleClicked.connect(self._open)
        self.projects.setSelectionMode(QAbstractItemView.SingleSelection)
        self.projects.itemSelectionChanged.connect(self._project_chosen)
        self._project_nodes: list = []
        # structure buttons: the strategy / 대표과업 itself, and the chosen project
        self.bar = StructureBar(
            ["add", "add_task", "rename", "up", "down", "remove"], "levelBar", True, self
        )
        self.project_bar = StructureBar(
            ["rename", "up", "down", "move_to", "remove"], "projectBar", False, body
        )
        for name, text in (
            ("rename", "사업 이름 바꾸기…"),
            ("up", "▲ 사업 위로"),
            ("down", "▼ 사업 아래로"),
            ("move_to", "다른 전략·대표과업으로 옮기기…"),
            ("remove", "사업 삭제…"),
        ):
            self.project_bar.set_text(name, text)
        self.projects.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.projects.setWordWrap(False)

        grid = QGridLayout()
        grid.addWidget(self.title_label, 0, 0)
        for w in self.title_edit.values():
            grid.addWidget(w, 0, 1)
        grid.setColumnStretch(1, 1)
        bl = QVBoxLayout(body)
        bl.setContentsMargins(14, 12, 14, 20)
        bl.setSpacing(10)
        bl.addLayout(grid)
        self.ind_heading = _heading("지표", body)
        bl.addWidget(self.ind_heading)
        bl.addWidget(self.ind_table)
        # 6th term: the 4-year indicators of the 목표설정 tables (지표정의, 근거, 출처)
        self.term_heading = _heading("4년 성과지표 (목표설정)", body)
        self.term_grid = TermIndicatorGrid(body)
        bl.addWidget(self.term_heading)
        bl.addWidget(self.term_grid)
        bl.addWidget(_heading("성과 총괄 (자동 계산)", body))
        bl.addWidget(self.overview)
        bl.addWidget(_heading("소속 사업", body))
        hint = QLabel(
            "두 번 누르면 사업 카드를 엽니다. 사업을 고르고 아래 단추로 이름을 바꾸거나 "
            "옮기거나 삭제합니다.",
            body,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        bl.addWidget(hint)
        bl.addWidget(self.projects)
        bl.addWidget(self.project_bar)
        bl.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addWidget(self.bar)
        lay.addWidget(scroll, 1)

    def set_session(self, session) -> None:
        self.session = session

    def set_tree(self, tree) -> None:
        """The plan tree whose structure operations the buttons run."""
        self.bar.set_tree(tree)
        self.project_bar.set_tree(tree)

    def show_node(self, node) -> None:
        """``node``: a strategy or task node of the plan tree model (with its computed figures)."""
        self.node = node
        self.reload()

    def reload(self) -> None:
        node = self.node
        if node is None or self.session is None:
            return
        store, year = self.session.store, self.session.year
        is_task = node.kind == "task"
        kind_name = (
            "대표과업"
            if is_task
            else strategy_word("I" if node.code.startswith("I-") else "II", store.plan().term)
        )
        self.title.setText(f"{node.code}  {node.title}")
        self.subtitle.setText(f"{kind_name} · {year}년 · 사업 {len(node.projects())}개")
        self.title_label.setText("대표과업명" if is_task else "전략명")
        for kind, w in self.title_edit.items():
            w.setVisible(kind == node.kind)
        edit = self.title_edit[node.kind]
        edit.attach(self.session, node.ident)
        edit.show_value(node.title)
        if is_task:
            rows = store.list(m.LevelIndicator, task_id=node.ident, year=year)
            new_values = {"task_id": node.ident, "strategy_id": None, "year": year}
        else:
            rows = store.list(m.LevelIndicator, strategy_id=node.ident, task_id=None, year=year)
            new_values = {"strategy_id": node.ident, "task_id": None, "year": year}
        self.ind_heading.setText(f"{'대표과업' if is_task else '전략'} 지표 ({year}년)")
        rules = rules_of(store)
        sixth = rules.stored_numbers
        self.term_heading.setVisible(sixth)
        self.term_grid.setVisible(sixth)
        if sixth:
            owner = {"task_id": node.ident} if is_task else {"strategy_id": node.ident}
            self.term_grid.load(self.session, owner, rules.table_years)
        self.indicators.attach(self.session, None, new_values)
        self.indicators.set_rows(rows)
        self.ind_table._update_buttons()
        rows_ov = [(f"{node.code} {node.title}", node.overview)] if node.overview else []
        self.overview.set_rows(rows_ov)
        self.bar.show_for(node)
        chosen = self.chosen_project()
        projects = node.projects()
        self._project_nodes = projects
        self.projects.blockSignals(True)
        self.projects.clearSelection()
        self.projects.setRowCount(len(projects))
        for r, p in enumerate(projects):
            f = p.figures
            vals = [
                p.code,
                p.title,
                f.department if f else "",
                format_rate(f.achievement if f else None),
                format_rate(f.execution if f else None),
                format_money(f.budget if f else None),
            ]
            for c, text in enumerate(vals):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, p.ident)
                if c >= 3:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if c in (3, 4) and f:
                    item.setForeground(
                        QBrush(QColor(style.rate_colour(f.achievement if c == 3 else f.execution)))
                    )
                self.projects.setItem(r, c, item)
        self.projects.resizeColumnToContents(0)
        self.projects.resizeColumnToContents(2)
        h = self.projects.horizontalHeader().height() + sum(
            self.projects.rowHeight(i) for i in range(len(projects))
        )
        self.projects.setFixedHeight(h + 4)
        self.projects.blockSignals(False)
        ids = [p.ident for p in projects]
        if chosen is not None and chosen in ids:  # keep the row chosen across a move
            self.projects.selectRow(ids.index(chosen))
        self._project_chosen()

    def chosen_project(self) -> int | None:
        """The id of the project chosen in the project list (None: none)."""
        rows = self.projects.selectionModel().selectedRows() if self.projects.model() else []
        if not rows or rows[0].row() >= len(self._project_nodes):
            return None
        return self._project_nodes[rows[0].row()].ident

    def choose_project(self, project_id: int) -> None:
        ids = [p.ident for p in self._project_nodes]
        if project_id in ids:
            self.projects.selectRow(ids.index(project_id))

    def _project_chosen(self) -> None:
        pid = self.chosen_project()
        node = next((p for p in self._project_nodes if p.ident == pid), None)
        self.project_bar.show_for(node, "소속 사업 표에서 사업을 고르세요")

    def _open(self, row: int, _col: int) -> None:
        item = self.projects.item(row, 0)
        if item is not None:
            self.open_project.emit(item.data(Qt.UserRole))

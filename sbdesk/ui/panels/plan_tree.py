"""PlanTreePanel: the plan tree with its project operations (add, rename, remove, reorder).

Every operation goes through the session, is saved at once and is undoable;
removing asks first. Project numbers renumber within their strategy (or
대표과업) and every record follows, because records refer to ids, not numbers.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QMenu,
    QMessageBox,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sbdesk import models as m
from sbdesk.services.errors import ValidationError
from sbdesk.terms import rules_of
from sbdesk.ui.models.plan_tree_model import ID_ROLE, KIND_ROLE, PlanTreeModel


class PlanTreePanel(QWidget):
    node_selected = Signal(str, object)  # kind, ident
    project_activated = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.model = PlanTreeModel(self)
        self.model.rename_handler = self._rename
        self.view = QTreeView(self)
        self.view.setObjectName("planTree")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditKeyPressed)
        self.view.setContextMenuPolicy(Qt.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        hh = self.view.header()
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(0, QHeaderView.Stretch)
        # fixed widths (fitting "▲ 2,080.2%"): measuring every row would cost seconds on a
        # 시·도-size plan each time the tree scrolls
        rate_width = self.view.fontMetrics().horizontalAdvance("▲ 2,080.2%") + 18
        for col in (1, 2):
            hh.setSectionResizeMode(col, QHeaderView.Fixed)
            hh.resizeSection(col, rate_width)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.doubleClicked.connect(self._double_clicked)

        self.act_add = QAction("사업 추가…", self)
        self.act_add.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.act_rename = QAction("이름 바꾸기", self)
        self.act_rename.setShortcut(QKeySequence(Qt.Key_F2))
        self.act_remove = QAction("삭제…", self)
        self.act_remove.setShortcut(QKeySequence("Ctrl+Del"))
        self.act_up = QAction("▲ 위로", self)
        self.act_up.setToolTip("사업을 위로 옮깁니다 (Ctrl+Shift+↑) — 번호가 다시 매겨집니다")
        self.act_up.setShortcut(QKeySequence("Ctrl+Shift+Up"))
        self.act_down = QAction("▼ 아래로", self)
        self.act_down.setToolTip("사업을 아래로 옮깁니다 (Ctrl+Shift+↓) — 번호가 다시 매겨집니다")
        self.act_down.setShortcut(QKeySequence("Ctrl+Shift+Down"))
        self.act_add_strategy = QAction("전략 추가…", self)
        self.act_add_task = QAction("대표과업 추가…", self)
        self.act_move_to = QAction("다른 전략·대표과업으로 옮기기…", self)
        self.act_move_to.setToolTip("제6기 계획에서는 사업번호가 그대로 유지됩니다")
        self.act_renumber = QAction("사업번호 다시 매기기…", self)
        self.act_renumber.setToolTip(
            "제6기: 모든 사업에 지금 위치대로 번호를 새로 매깁니다 (실행 취소 가능)"
        )
        self.act_move_to.triggered.connect(self.move_to_dialog)
        self.act_renumber.triggered.connect(self.renumber_dialog)
        for a in (self.act_add, self.act_rename, self.act_remove, self.act_up, self.act_down):
            a.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            self.view.addAction(a)
        self.act_add.triggered.connect(self.add_project)
        self.act_rename.triggered.connect(self.rename_current)
        self.act_remove.triggered.connect(self.remove_selected)
        self.act_up.triggered.connect(lambda: self.move_current(-1))
        self.act_down.triggered.connect(lambda: self.move_current(1))
        self.act_add_strategy.triggered.connect(self.add_strategy)
        self.act_add_task.triggered.connect(self.add_task)

        bar = QToolBar(self)
        bar.setIconSize(bar.iconSize() * 0.8)
        bar.addAction(self.act_add)
        bar.addAction(self.act_remove)
        bar.addSeparator()
        bar.addAction(self.act_up)
        bar.addAction(self.act_down)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(bar)
        lay.addWidget(self.view)
        self._update_actions()

    # ------------------------------------------------------------------ loading
    def set_session(self, session) -> None:
        self.session = session
        self._update_actions()

    def load(self, year_view) -> None:
        state = self._save_state()
        self.model.load(year_view)
        self._restore_state(state)

    def rebuild(self) -> None:
        state = self._save_state()
        self.model.rebuild(self.session.store, self.session.year)
        self._restore_state(state)

    def _branches(self):
        """(node, index) of every node with children (systems, strategies, tasks).

        Walks the model's own nodes, so a plan of 1,200 projects costs ~80 steps,
        not a model query per project.
        """
        stack = [(self.model.root, QModelIndex())]
        while stack:
            node, idx = stack.pop()
            for r, child in enumerate(node.children):
                if child.children:
                    cidx = self.model.createIndex(r, 0, child)
                    yield child, cidx
                    stack.append((child, cidx))

    def _save_state(self):
        expanded = set()
        collapsed = set()
        for node, idx in self._branches():
            key = (node.kind, node.ident)
            (expanded if self.view.isExpanded(idx) else collapsed).add(key)
        return expanded, collapsed, self.current()

    def _restore_state(self, state) -> None:
        expanded, collapsed, current = state
        for node, idx in self._branches():
            self.view.setExpanded(idx, (node.kind, node.ident) not in collapsed)
        if current[0]:
            self.select(*current, emit=False)
        self._update_actions()

    # ------------------------------------------------------------------ selection
    def current(self) -> tuple[str | None, object]:
        idx = self.view.currentIndex()
        if not idx.isValid():
            return None, None
        return idx.data(KIND_ROLE), idx.data(ID_ROLE)

    def select(self, kind: str, ident, emit: bool = True) -> None:
        idx = self.model.index_of(kind, ident)
        if not idx.isValid():
            return
        self.view.blockSignals(not emit)
        sm = self.view.selectionModel()
        sm.blockSignals(not emit)
        self.view.setCurrentIndex(idx)
        sm.select(idx, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        sm.blockSignals(False)
        self.view.blockSignals(False)
        self.view.scrollTo(idx)
        self._update_actions()

    def selected_project_ids(self) -> list[int]:
        ids: list[int] = []
        for idx in self.view.selectionModel().selectedRows(0):
            node = self.model.node(idx)
            for p in node.projects():
                if p.ident not in ids:
                    ids.append(p.ident)
        return ids

    def _current_changed(self, cur: QModelIndex, _prev: QModelIndex) -> None:
        self._update_actions()
        if cur.isValid():
            self.node_selected.emit(cur.data(KIND_ROLE), cur.data(ID_ROLE))

    def _double_clicked(self, idx: QModelIndex) -> None:
        if idx.data(KIND_ROLE) == "project":
            self.project_activated.emit(idx.data(ID_ROLE))

    def _update_actions(self) -> None:
        kind, _ident = self.current()
        writable = self.session is not None and not self.session.read_only
        node = self.model.node(self.view.currentIndex()) if kind else None
        can_add = (
            writable
            and node is not None
            and (
                kind in ("project", "task")
                or (
                    kind == "strategy"
                    and node.ident is not None
                    and self._strategy_takes_projects(node)
                )
            )
        )
        self.act_add.setEnabled(bool(can_add))
        self.act_rename.setEnabled(writable and kind in ("project", "strategy", "task"))
        self.act_remove.setEnabled(writable and kind in ("project", "strategy", "task"))
        if kind in ("strategy", "task"):
            siblings = [c for c in node.parent.children if c.kind == kind] if node.parent else []
        else:
            siblings = self._project_siblings(node) if kind == "project" else []
        pos = siblings.index(node) if node in siblings else -1
        self.act_up.setEnabled(writable and pos > 0)
        self.act_down.setEnabled(writable and 0 <= pos < len(siblings) - 1)
        self._explain(writable, kind, pos, len(siblings))
        self.act_add_strategy.setEnabled(writable)
        self.act_move_to.setEnabled(writable and kind == "project")
        self.act_renumber.setEnabled(bool(writable and rules_of(self.session.store).stored_numbers))
        self.act_add_task.setEnabled(
            writable
            and kind in ("strategy", "task")
            and node is not None
            and self._strategy_node(node).code.startswith("II")
        )

    def _explain(self, writable: bool, kind, pos: int, n: int) -> None:
        """Tooltips that say why an action is greyed out."""
        why = (
            "계획 파일을 여세요"
            if self.session is None
            else "읽기 전용으로 연 파일입니다"
            if not writable
            else ""
        )
        what = {"project": "사업", "strategy": "전략", "task": "대표과업"}.get(kind, "")
        self.act_remove.setToolTip(
            why
            or (
                f"고른 {what}을(를) 딸린 자료와 함께 삭제합니다 (실행 취소 가능)"
                if what
                else "트리에서 사업, 전략 또는 대표과업을 고르세요"
            )
        )
        for act, edge, word in (
            (self.act_up, pos <= 0, "맨 위"),
            (self.act_down, pos >= n - 1, "맨 아래"),
        ):
            if why:
                act.setToolTip(why)
            elif not what:
                act.setToolTip("트리에서 옮길 사업, 전략 또는 대표과업을 고르세요")
            elif edge:
                act.setToolTip(f"이미 {word}에 있습니다")
            else:
                act.setToolTip(f"{what}을(를) 옮깁니다 — 번호가 다시 매겨집니다 (실행 취소 가능)")
        if not self.act_add.isEnabled():
            self.act_add.setToolTip(
                why
                or (
                    "대표과업이 있는 전략에는 대표과업을 고르고 사업을 추가하세요"
                    if kind == "strategy"
                    else "사업을 넣을 전략이나 대표과업을 고르세요"
                )
            )
        else:
            self.act_add.setToolTip("고른 전략·대표과업에 사업을 추가합니다 (Ctrl+Shift+N)")
        if not self.act_add_task.isEnabled():
            self.act_add_task.setToolTip(
                why or "대표과업은 지역사회보장 발전 전략체계(II)의 전략에만 있습니다"
            )

    @staticmethod
    def _strategy_takes_projects(node) -> bool:
        return not any(c.kind == "task" for c in node.children)

    @staticmethod
    def _strategy_node(node):
        return node if node.kind == "strategy" else node.parent

    @staticmethod
    def _project_siblings(node) -> list:
        if node is None or node.parent is None:
            return []
        return [c for c in node.parent.children if c.kind == "project"]

    # ------------------------------------------------------------------ operations
    def _warn(self, exc: Exception) -> None:
        QMessageBox.warning(self, "sbdesk", str(exc))

    def add_project(self) -> None:
        kind, ident = self.current()
        node = self.model.node(self.view.currentIndex())
        if self.session is None or kind is None:
            return
        index = None
        if kind == "project":
            parent = node.parent
            index = self._project_siblings(node).index(node) + 1
        else:
            parent = node
        if parent.kind == "strategy":
            strategy_id, task_id = parent.ident, None
        elif parent.kind == "task":
            strategy_id, task_id = parent.parent.ident, parent.ident
        else:
            return
        name, ok = QInputDialog.getText(
            self, "사업 추가", f"{parent.code} {parent.title}에 추가할 사업명:"
        )
        if not ok:
            return
        try:
            pid = self.session.add_project(strategy_id, name, task_id=task_id, index=index)
        except ValidationError as exc:
            self._warn(exc)
            return
        self.select("project", pid)
        self.project_activated.emit(pid)

    def rename_current(self) -> None:
        idx = self.view.currentIndex()
        if idx.isValid() and idx.data(KIND_ROLE) in ("project", "strategy", "task"):
            self.view.setFocus()
            self.view.edit(idx.siblingAtColumn(0))

    def _rename(self, kind: str, ident, name: str) -> bool:
        if self.session is None or self.session.read_only:
            return False
        try:
            if kind == "project":
                return self.session.rename_project(ident, name)
            if not name.strip():
                raise ValidationError("이름은 비워 둘 수 없습니다.")
            model = m.Strategy if kind == "strategy" else m.Task
            return self.session.set_field(
                model, ident, "title", name.strip(), label="제목", structural=True
            )
        except ValidationError as exc:
            self._warn(exc)
            return False

    def remove_selected(self) -> None:
        kind, ident = self.current()
        if kind not in ("project", "strategy", "task") or self.session is None:
            return
        node = self.model.node(self.view.currentIndex())
        model = {"project": m.Project, "strategy": m.Strategy, "task": m.Task}[kind]
        what = {"project": "사업", "strategy": "전략", "task": "대표과업"}[kind]
        goes = self.session.store.describe_subtree(self.session.store.subtree(model, ident))
        box = QMessageBox(
            QMessageBox.Warning,
            f"{what} 삭제",
            f"'{node.code} {node.title}' {what}을(를) 삭제할까요?",
            parent=self,
        )
        box.setInformativeText(
            f"함께 삭제되는 것: {goes}.\n"
            "같은 자리의 뒤 번호가 하나씩 당겨집니다.\n"
            "삭제한 뒤에도 편집 ▸ 실행 취소(Ctrl+Z)로 되돌릴 수 있습니다."
        )
        delete = box.addButton("삭제", QMessageBox.DestructiveRole)
        box.addButton("취소", QMessageBox.RejectRole)
        box.setDefaultButton(delete)
        box.exec()
        if box.clickedButton() is not delete:
            return
        if kind != "project":
            parent_kind, parent_ident = node.parent.kind, node.parent.ident
            self.session.remove_node(model, ident)
            self.select(parent_kind, parent_ident)
            return
        siblings = self._project_siblings(node)
        pos = siblings.index(node)
        parent_kind, parent_ident = node.parent.kind, node.parent.ident
        self.session.remove_project(ident)
        parent_idx = self.model.index_of(parent_kind, parent_ident)
        pnode = self.model.node(parent_idx)
        projects = (
            [c for c in pnode.children if c.kind == "project"] if parent_idx.isValid() else []
        )
        if projects:
            self.select("project", projects[min(pos, len(projects) - 1)].ident)
        elif parent_idx.isValid():
            self.select(parent_kind, parent_ident)

    def move_current(self, delta: int) -> None:
        kind, ident = self.current()
        if kind in ("strategy", "task") and self.session is not None:
            node = self.model.node(self.view.currentIndex())
            siblings = [c for c in node.parent.children if c.kind == kind]
            new = siblings.index(node) + delta
            if 0 <= new < len(siblings):
                self.session.move_node(m.Strategy if kind == "strategy" else m.Task, ident, new)
                self.select(kind, ident)
            return
        if kind != "project" or self.session is None:
            return
        node = self.model.node(self.view.currentIndex())
        siblings = self._project_siblings(node)
        pos = siblings.index(node)
        new = pos + delta
        if not 0 <= new < len(siblings):
            return
        self.session.move_project(ident, new)
        self.select("project", ident)

    def add_strategy(self) -> None:
        if self.session is None:
            return
        kind, ident = self.current()
        node = self.model.node(self.view.currentIndex()) if kind else None
        system = "I"
        while node is not None and node.kind != "system":
            node = node.parent
        if node is not None:
            system = node.ident
        title, ok = QInputDialog.getText(
            self, "전략 추가", f"전략체계 {system}에 추가할 전략 이름:"
        )
        if not ok:
            return
        try:
            sid = self.session.add_strategy(system, title)
        except ValidationError as exc:
            self._warn(exc)
            return
        self.select("strategy", sid)

    def add_task(self) -> None:
        kind, ident = self.current()
        node = self.model.node(self.view.currentIndex()) if kind else None
        if node is None or self.session is None:
            return
        st = self._strategy_node(node)
        title, ok = QInputDialog.getText(
            self, "대표과업 추가", f"{st.code} {st.title}에 추가할 대표과업:"
        )
        if not ok:
            return
        try:
            tid = self.session.add_task(st.ident, title)
        except ValidationError as exc:
            self._warn(exc)
            return
        self.select("task", tid)

    def move_targets(self, project_id: int) -> list[tuple[str, int, int | None]]:
        """Where a project can go: (label, strategy id, task id) in its own system."""
        store = self.session.store
        p = store.get(m.Project, project_id)
        system = store.get(m.Strategy, p.strategy_id).system
        out = []
        for st in store.strategies(system):
            tasks = store.tasks(st.id)
            if system == "II" and tasks:
                for t in tasks:
                    label = f"{st.system}-{st.number}-{t.number}  {t.title}"
                    out.append((label, st.id, t.id))
            else:
                out.append((f"{st.system}-{st.number}  {st.title}", st.id, None))
        return [x for x in out if (x[1], x[2]) != (p.strategy_id, p.task_id)]

    def move_to_dialog(self) -> None:
        kind, ident = self.current()
        if kind != "project" or self.session is None:
            return
        targets = self.move_targets(ident)
        if not targets:
            return
        label, ok = QInputDialog.getItem(
            self, "사업 옮기기", "옮길 곳 (끝에 붙습니다):", [t[0] for t in targets], 0, False
        )
        if not ok:
            return
        _label, sid, tid = next(t for t in targets if t[0] == label)
        try:
            self.session.move_project_to(ident, sid, tid)
        except ValidationError as exc:
            self._warn(exc)
            return
        self.select("project", ident)

    def renumber_dialog(self) -> None:
        if self.session is None:
            return
        box = QMessageBox(QMessageBox.Question, "사업번호 다시 매기기",
                          "모든 사업에 지금 위치대로 사업번호를 새로 매깁니다 "
                          "(Ⅰ-전략-순서, Ⅱ-전략-대표과업-순서).", parent=self)  # fmt: skip
        box.setInformativeText(
            "제6기 계획의 사업번호는 한 번 정하면 바뀌지 않는 것이 원칙입니다. "
            "편집 → 실행 취소로 되돌릴 수 있습니다."
        )
        go = box.addButton("다시 매기기", QMessageBox.AcceptRole)
        box.addButton("취소", QMessageBox.RejectRole)
        box.exec()
        if box.clickedButton() is not go:
            return
        self.session.renumber_projects()

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        for a in (
            self.act_add,
            self.act_rename,
            self.act_remove,
            None,
            self.act_up,
            self.act_down,
            None,
            self.act_add_strategy,
            self.act_add_task,
            None,
            self.act_move_to,
            self.act_renumber,
        ):
            if a is None:
                menu.addSeparator()
            else:
                menu.addAction(a)
        menu.exec(self.view.viewport().mapToGlobal(pos))

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
        self.model.repaint_all.connect(self.view.viewport().update)
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
        self.act_move_to.triggered.connect(lambda: self.move_to_dialog())
        self.act_renumber.triggered.connect(self.renumber_dialog)
        for a in (self.act_add, self.act_rename, self.act_remove, self.act_up, self.act_down):
            a.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            self.view.addAction(a)
        self.act_add.triggered.connect(lambda: self.add_project())
        self.act_rename.triggered.connect(self.rename_current)
        self.act_remove.triggered.connect(self.remove_selected)
        self.act_up.triggered.connect(lambda: self.move_current(-1))
        self.act_down.triggered.connect(lambda: self.move_current(1))
        self.act_add_strategy.triggered.connect(lambda: self.add_strategy())
        self.act_add_task.triggered.connect(lambda: self.add_task())

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

    def load(self, year_view, prepared=None) -> None:
        """Show a year (``prepared``: its nodes built by ``model.prepare`` in a worker)."""
        state = self._save_state()
        if self.model.load(year_view, prepared):
            self._restore_state(state)
        else:  # same tree, new figures: expansion, selection and scrolling stay as they are
            self._update_actions()

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

    # ------------------------------------------------------------------ what can be done
    def _update_actions(self) -> None:
        kind, _ident = self.current()
        node = self.model.node(self.view.currentIndex()) if kind else None
        state = self.state_of(node)
        for name, act in (
            ("add", self.act_add),
            ("rename", self.act_rename),
            ("remove", self.act_remove),
            ("up", self.act_up),
            ("down", self.act_down),
            ("add_strategy", self.act_add_strategy),
            ("add_task", self.act_add_task),
            ("move_to", self.act_move_to),
        ):
            enabled, tip = state[name]
            act.setEnabled(enabled)
            act.setToolTip(tip)
        self.act_renumber.setEnabled(
            bool(self._writable() and rules_of(self.session.store).stored_numbers)
        )

    def _writable(self) -> bool:
        return self.session is not None and not self.session.read_only

    def state_of(self, node) -> dict[str, tuple[bool, str]]:
        """For a tree node (or None): each structure action's (enabled, tooltip).

        The tooltip of a greyed-out action says why; the tree's actions and the
        buttons on the system and strategy pages show the same.
        """
        kind = node.kind if node is not None else None
        what = {"project": "사업", "strategy": "전략", "task": "대표과업"}.get(kind, "")
        why = (
            "계획 파일을 여세요"
            if self.session is None
            else "읽기 전용으로 연 파일이라 고칠 수 없습니다"
            if self.session.read_only
            else ""
        )
        out: dict[str, tuple[bool, str]] = {}

        def put(name: str, ok: bool, yes: str, no: str) -> None:
            out[name] = (True, yes) if ok and not why else (False, why or no)

        # add a project
        takes = kind in ("project", "task") or (
            kind == "strategy" and self._strategy_takes_projects(node)
        )
        put(
            "add",
            takes,
            "고른 전략·대표과업에 사업을 추가합니다 (Ctrl+Shift+N, 실행 취소 가능)",
            "대표과업이 있는 전략에는 대표과업을 고르고 사업을 추가하세요"
            if kind == "strategy"
            else "사업을 넣을 전략이나 대표과업을 고르세요",
        )
        put(
            "rename",
            bool(what),
            f"{what} 이름을 바꿉니다 (F2, 실행 취소 가능)",
            "이름을 바꿀 사업, 전략 또는 대표과업을 고르세요",
        )
        put(
            "remove",
            bool(what),
            f"이 {what}을(를) 딸린 자료와 함께 삭제합니다 — 먼저 묻습니다 (실행 취소 가능)",
            "삭제할 사업, 전략 또는 대표과업을 고르세요",
        )
        # move up / down among its siblings
        if kind in ("strategy", "task"):
            siblings = [c for c in node.parent.children if c.kind == kind] if node.parent else []
        else:
            siblings = self._project_siblings(node) if kind == "project" else []
        pos = siblings.index(node) if node in siblings else -1
        n = len(siblings)
        for name, ok, edge in (
            ("up", pos > 0, f"첫 번째 {what}이라 위로 옮길 수 없습니다"),
            ("down", 0 <= pos < n - 1, f"마지막 {what}이라 아래로 옮길 수 없습니다"),
        ):
            if not what:
                no = "옮길 사업, 전략 또는 대표과업을 고르세요"
            elif n == 1:
                no = f"같은 자리에 {what}이 하나뿐이라 옮길 수 없습니다"
            else:
                no = edge
            word = "위" if name == "up" else "아래"
            put(
                name,
                ok,
                f"{what}을(를) {word}로 옮깁니다 — 번호가 다시 매겨집니다 (실행 취소 가능)",
                no,
            )
        system = self._system_of(node)
        put(
            "add_strategy",
            True,
            f"전략체계 {system or 'Ⅰ'}에 전략을 추가합니다 (실행 취소 가능)",
            "",
        )
        in_ii = kind in ("strategy", "task") and self._strategy_node(node).code.startswith("II")
        put(
            "add_task",
            in_ii,
            "이 전략에 대표과업을 추가합니다 (실행 취소 가능)",
            "대표과업은 지역사회보장 발전 전략체계(II)의 전략에만 있습니다"
            if kind in ("strategy", "task")
            else "대표과업을 넣을 전략체계 II의 전략을 고르세요",
        )
        can_move = kind == "project" and self._other_places(node)
        put(
            "move_to",
            can_move,
            "이 사업을 같은 전략체계의 다른 전략·대표과업으로 옮깁니다 (실행 취소 가능)",
            "같은 전략체계에 옮겨 갈 다른 전략·대표과업이 없습니다"
            if kind == "project"
            else "옮길 사업을 고르세요",
        )
        return out

    def _other_places(self, project) -> bool:
        """Whether the project's system has another strategy or 대표과업 to move it to
        (read from the tree, no query: this runs on every selection)."""
        system = project.parent
        while system is not None and system.kind != "system":
            system = system.parent
        if system is None:
            return False
        places = 0
        for st in system.children:
            tasks = [c for c in st.children if c.kind == "task"]
            places += len(tasks) if system.ident == "II" and tasks else 1
        return places > 1

    @staticmethod
    def _system_of(node) -> str | None:
        while node is not None and node.kind != "system":
            node = node.parent
        return node.ident if node is not None else None

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
    # Each takes the node to act on (None: the tree's current node). ``follow``:
    # afterwards make the moved node the tree's current one (which shows its page).
    def _warn(self, exc: Exception) -> None:
        QMessageBox.warning(self, "sbdesk", str(exc))

    def _target(self, node):
        if node is not None:
            return node
        kind, _ident = self.current()
        return self.model.node(self.view.currentIndex()) if kind else None

    def add_project(self, node=None) -> int | None:
        node = self._target(node)
        if self.session is None or node is None or node.kind not in ("project", "strategy", "task"):
            return None
        index = None
        if node.kind == "project":
            parent = node.parent
            index = self._project_siblings(node).index(node) + 1
        else:
            parent = node
        if parent.kind == "strategy":
            strategy_id, task_id = parent.ident, None
        elif parent.kind == "task":
            strategy_id, task_id = parent.parent.ident, parent.ident
        else:
            return None
        name, ok = QInputDialog.getText(
            self, "사업 추가", f"{parent.code} {parent.title}에 추가할 사업명:"
        )
        if not ok:
            return None
        try:
            pid = self.session.add_project(strategy_id, name, task_id=task_id, index=index)
        except ValidationError as exc:
            self._warn(exc)
            return None
        self.select("project", pid)
        self.project_activated.emit(pid)
        return pid

    def rename_current(self) -> None:
        idx = self.view.currentIndex()
        if idx.isValid() and idx.data(KIND_ROLE) in ("project", "strategy", "task"):
            self.view.setFocus()
            self.view.edit(idx.siblingAtColumn(0))

    def rename_dialog(self, node) -> bool:
        """Rename ``node`` through a small dialog (the pages' 이름 바꾸기 button)."""
        if node is None or node.kind not in ("project", "strategy", "task"):
            return False
        what = {"project": "사업명", "strategy": "전략명", "task": "대표과업명"}[node.kind]
        name, ok = QInputDialog.getText(
            self, "이름 바꾸기", f"{node.code}의 새 {what}:", text=node.title
        )
        if not ok or name.strip() == node.title:
            return False
        return self._rename(node.kind, node.ident, name)

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
        self.remove(None)

    def remove(self, node=None, follow: bool = True) -> bool:
        """Delete ``node`` after asking (naming what goes); True when deleted."""
        node = self._target(node)
        if node is None or node.kind not in ("project", "strategy", "task") or not self.session:
            return False
        kind, ident = node.kind, node.ident
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
            return False
        parent_kind, parent_ident = node.parent.kind, node.parent.ident
        if kind != "project":
            self.session.remove_node(model, ident)
            self.select(parent_kind, parent_ident)
            return True
        siblings = self._project_siblings(node)
        pos = siblings.index(node)
        self.session.remove_project(ident)
        if not follow:
            return True
        parent_idx = self.model.index_of(parent_kind, parent_ident)
        pnode = self.model.node(parent_idx)
        projects = (
            [c for c in pnode.children if c.kind == "project"] if parent_idx.isValid() else []
        )
        if projects:
            self.select("project", projects[min(pos, len(projects) - 1)].ident)
        elif parent_idx.isValid():
            self.select(parent_kind, parent_ident)
        return True

    def move_current(self, delta: int) -> None:
        self.move(None, delta)

    def move(self, node, delta: int, follow: bool = True) -> bool:
        """Move ``node`` ``delta`` places among its siblings; True when it moved."""
        node = self._target(node)
        if node is None or self.session is None:
            return False
        kind, ident = node.kind, node.ident
        if kind in ("strategy", "task"):
            siblings = [c for c in node.parent.children if c.kind == kind]
        elif kind == "project":
            siblings = self._project_siblings(node)
        else:
            return False
        new = siblings.index(node) + delta
        if not 0 <= new < len(siblings):
            return False
        if kind == "project":
            self.session.move_project(ident, new)
        else:
            self.session.move_node(m.Strategy if kind == "strategy" else m.Task, ident, new)
        if follow:
            self.select(kind, ident)
        return True

    def add_strategy(self, system: str | None = None) -> int | None:
        if self.session is None:
            return None
        if system is None:
            system = self._system_of(self._target(None)) or "I"
        title, ok = QInputDialog.getText(
            self, "전략 추가", f"전략체계 {system}에 추가할 전략 이름:"
        )
        if not ok:
            return None
        try:
            sid = self.session.add_strategy(system, title)
        except ValidationError as exc:
            self._warn(exc)
            return None
        self.select("strategy", sid)
        return sid

    def add_task(self, node=None) -> int | None:
        node = self._target(node)
        if node is None or self.session is None or node.kind not in ("strategy", "task"):
            return None
        st = self._strategy_node(node)
        title, ok = QInputDialog.getText(
            self, "대표과업 추가", f"{st.code} {st.title}에 추가할 대표과업:"
        )
        if not ok:
            return None
        try:
            tid = self.session.add_task(st.ident, title)
        except ValidationError as exc:
            self._warn(exc)
            return None
        self.select("task", tid)
        return tid

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

    def move_to_dialog(self, node=None, follow: bool = True) -> bool:
        node = self._target(node)
        if node is None or node.kind != "project" or self.session is None:
            return False
        ident = node.ident
        targets = self.move_targets(ident)
        if not targets:
            return False
        label, ok = QInputDialog.getItem(
            self, "사업 옮기기", "옮길 곳 (끝에 붙습니다):", [t[0] for t in targets], 0, False
        )
        if not ok:
            return False
        _label, sid, tid = next(t for t in targets if t[0] == label)
        try:
            self.session.move_project_to(ident, sid, tid)
        except ValidationError as exc:
            self._warn(exc)
            return False
        if follow:
            self.select("project", ident)
        return True

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

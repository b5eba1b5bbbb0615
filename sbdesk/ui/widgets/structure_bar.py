"""StructureBar: buttons for the plan's structure actions on the system and strategy pages.

The same operations as the plan tree's actions and 편집 menu (add, rename, move
up / down, delete a strategy, 대표과업 or project; move a project to another
strategy), acting on a node the page names: the page's own strategy, or the
strategy / project row chosen in the page's table. Every operation goes through
``PlanTreePanel`` (asks before deleting, saved at once, undoable); a greyed-out
button's tooltip says why (``PlanTreePanel.state_of``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

#: button texts of the structure actions (names as in ``PlanTreePanel.state_of``)
TEXTS = {
    "add": "사업 추가…",
    "add_strategy": "전략 추가…",
    "add_task": "대표과업 추가…",
    "rename": "이름 바꾸기…",
    "up": "▲ 위로",
    "down": "▼ 아래로",
    "move_to": "다른 전략·대표과업으로…",
    "remove": "삭제…",
}


class StructureBar(QWidget):
    """A row of structure buttons acting on ``self.node`` (a plan-tree node or None).

    ``follow``: after a move, make the moved node the tree's current one (a
    strategy page moving its own strategy) or stay on the page (a page moving a
    project row of its table).
    """

    def __init__(self, names: list[str], prefix: str, follow: bool = True, parent=None):
        super().__init__(parent)
        self.tree = None
        self.node = None
        self.follow = follow
        self.system: str | None = None  # where 전략 추가 adds (the system page's system)
        self.texts = dict(TEXTS)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        for name in names:
            b = QPushButton(TEXTS[name], self)
            b.setObjectName(f"{prefix}.{name}")
            b.clicked.connect(lambda _=False, n=name: self.run(n))
            lay.addWidget(b)
            self.buttons[name] = b
        lay.addStretch(1)

    def set_tree(self, tree) -> None:
        self.tree = tree

    def set_text(self, name: str, text: str) -> None:
        self.buttons[name].setText(text)

    def show_for(self, node, empty_hint: str = "") -> None:
        """Enable each button for ``node`` and explain the greyed-out ones."""
        self.node = node
        if self.tree is None:
            return
        state = self.tree.state_of(node)
        for name, b in self.buttons.items():
            enabled, tip = state[name]
            if node is None and name != "add_strategy" and empty_hint:
                enabled, tip = False, empty_hint
            if name == "add_strategy" and enabled and self.system:
                label = {"I": "Ⅰ", "II": "Ⅱ"}.get(self.system, self.system)
                tip = f"전략체계 {label}에 전략을 추가합니다 (실행 취소 가능)"
            b.setEnabled(enabled)
            b.setToolTip(tip)

    def run(self, name: str):
        tree, node = self.tree, self.node
        if tree is None:
            return None
        if name == "add_strategy":
            return tree.add_strategy(self.system)
        if node is None:
            return None
        if name == "add":
            return tree.add_project(node)
        if name == "add_task":
            return tree.add_task(node)
        if name == "rename":
            return tree.rename_dialog(node)
        if name in ("up", "down"):
            return tree.move(node, -1 if name == "up" else 1, follow=self.follow)
        if name == "move_to":
            return tree.move_to_dialog(node, follow=self.follow)
        if name == "remove":
            return tree.remove(node, follow=self.follow)
        return None

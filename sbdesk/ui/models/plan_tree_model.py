"""PlanTreeModel: system → strategy → 대표과업 → project, with computed status marks.

A real ``QAbstractItemModel`` with no widget in it (tested with
``QAbstractItemModelTester``). Column 0 shows the number and name with a
coloured dot, columns 1 and 2 the achievement and execution rates with a mark
(▲ at or above 100 %, ● below, ▼ under the threshold). Strategy, task and system
nodes show the means of their projects (평균 달성률 / 평균 집행률), computed by
``services.compute``.

Beside the two systems the tree holds the plan and year pages (issue 9): a
"계획" group node (계획 정보, 기본계획) and a "<year>년 보고서" group node (심의,
서술 항목, TF, …), kinds ``group`` and ``page`` (ident = the page key). Their list
is given by ``set_pages`` (the pages themselves are widgets the model does not know).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from sbdesk import models as m
from sbdesk.models.fields import SYSTEM_TITLES
from sbdesk.models.types import System
from sbdesk.services import compute
from sbdesk.services.numbers import format_money, format_rate
from sbdesk.services.project_codes import strategy_code, task_code
from sbdesk.services.read_model import YearView
from sbdesk.ui import style
from sbdesk.ui.figures import ProjectRow, load_project, overview_of

NO_PARENT = QModelIndex()  # the invalid index: "no parent" (the root)

KIND_ROLE = Qt.UserRole + 1
ID_ROLE = Qt.UserRole + 2
CODE_ROLE = Qt.UserRole + 3

SYSTEM_LABEL = {"I": "Ⅰ", "II": "Ⅱ"}

_NO_FLAGS = Qt.NoItemFlags
_SELECTABLE = Qt.ItemIsEnabled | Qt.ItemIsSelectable
_EDITABLE = _SELECTABLE | Qt.ItemIsEditable
_RENAMEABLE = frozenset(("project", "strategy", "task"))
_ROLES = frozenset(
    (
        Qt.DisplayRole,
        Qt.EditRole,
        Qt.DecorationRole,
        Qt.ForegroundRole,
        Qt.TextAlignmentRole,
        Qt.FontRole,
        Qt.ToolTipRole,
        KIND_ROLE,
        ID_ROLE,
        CODE_ROLE,
    )
)
_BRUSHES: dict[str, QBrush] = {}
_FONTS: list[QFont] = []


def _brush(colour: str) -> QBrush:
    if colour not in _BRUSHES:
        _BRUSHES[colour] = QBrush(QColor(colour))
    return _BRUSHES[colour]


def _bold() -> QFont:
    if not _FONTS:
        f = QFont()
        f.setBold(True)
        _FONTS.append(f)
    return _FONTS[0]


@dataclass(eq=False)
class Node:
    kind: str  # root | group | page | system | strategy | task | project
    ident: int | str | None
    code: str
    title: str
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    figures: ProjectRow | None = None
    overview: compute.Overview | None = None

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def projects(self) -> list[Node]:
        if self.kind == "project":
            return [self]
        return [p for c in self.children for p in c.projects()]

    @property
    def achievement(self) -> Decimal | None:
        if self.kind == "project":
            return self.figures.achievement if self.figures else None
        return self.overview.avg_achievement if self.overview else None

    @property
    def execution(self) -> Decimal | None:
        if self.kind == "project":
            return self.figures.execution if self.figures else None
        return self.overview.avg_execution if self.overview else None


class PlanTreeModel(QAbstractItemModel):
    HEADERS = ["번호 · 이름", "달성률", "집행률"]
    #: every row's data changed in place (another year, another threshold): repaint
    repaint_all = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.root = Node("root", None, "", "")
        self.threshold = style.DEFAULT_THRESHOLD
        self.rename_handler = None  # callable(kind, ident, name) -> bool
        self._by_project: dict[int, Node] = {}
        self.year: int | None = None
        #: (group ident, title with "{year}", [(page key, page title, terms)]) in tree
        #: order; ``terms``: the plan terms that show the page (empty: every term)
        self.page_groups: list[tuple[str, str, list[tuple[str, str, tuple[int, ...]]]]] = []

    def set_pages(self, groups) -> None:
        """The plan and year page nodes shown above the systems (``PlanPages`` sets them)."""
        self.page_groups = list(groups)

    def _add_pages(
        self, term: int | None, root: Node | None = None, year: int | None = None
    ) -> None:
        """Put the page groups first among the root's children (before the systems)."""
        root = self.root if root is None else root
        year = self.year if year is None else year
        groups = []
        for ident, title, pages in self.page_groups:
            g = Node("group", ident, "", title.format(year=year or ""))
            g.parent = root
            for key, page_title, terms in pages:
                if not terms or term in terms:
                    g.add(Node("page", key, "", page_title))
            groups.append(g)
        root.children[:0] = groups

    # ------------------------------------------------------------------ loading
    def prepare(self, view: YearView) -> Node:
        """The tree of a YearView with every figure and mean computed, not shown yet.

        Touches no Qt object, so a worker thread builds it (switching years);
        ``load(view, prepared)`` then only installs it.
        """
        figs = {pv.id: ProjectRow.from_view(pv) for pv in view.all_projects()}
        root = Node("root", None, "", "")
        for sv in view.systems:
            sn = root.add(
                Node("system", sv.system, SYSTEM_LABEL.get(sv.system, sv.system), sv.title)
            )
            for st in sv.strategies:
                stn = sn.add(Node("strategy", st.strategy.id, st.code, st.strategy.title))
                for pv in st.projects:
                    stn.add(Node("project", pv.id, pv.code, pv.name, figures=figs[pv.id]))
                for tv in st.tasks:
                    tn = stn.add(Node("task", tv.task.id, tv.code, tv.task.title))
                    for pv in tv.projects:
                        tn.add(Node("project", pv.id, pv.code, pv.name, figures=figs[pv.id]))
        self._add_pages(getattr(getattr(view, "plan", None), "term", None), root, view.year)
        self._recompute(root)
        return root

    def load(self, view: YearView, prepared: Node | None = None) -> bool:
        """Everything from a YearView (its figures are already computed); True if reset.

        When the tree keeps its shape (another year of the same plan) the nodes
        take the new titles and figures in place and the view repaints: no model
        reset, so Qt does not lay out every row again (≈ 1,500 rows on a 시·도 plan).
        """
        root = prepared if prepared is not None else self.prepare(view)
        self.year = view.year
        if self._same_shape(self.root, root):
            self._take_values(self.root, root)
            return False
        self.beginResetModel()
        self.root = root
        self._index_projects()
        self.endResetModel()
        return True

    @staticmethod
    def _same_shape(a: Node, b: Node) -> bool:
        stack = [(a, b)]
        while stack:
            x, y = stack.pop()
            if x.kind != y.kind or x.ident != y.ident or len(x.children) != len(y.children):
                return False
            stack.extend(zip(x.children, y.children, strict=True))
        return bool(a.children)

    def _take_values(self, old: Node, new: Node) -> None:
        """Copy ``new``'s titles and figures into the shown nodes, then repaint."""
        stack = [(old, new)]
        while stack:
            x, y = stack.pop()
            x.code, x.title, x.figures, x.overview = y.code, y.title, y.figures, y.overview
            stack.extend(zip(x.children, y.children, strict=True))
        self._repaint_all()

    def _repaint_all(self) -> None:
        """Every row's text or colour changed, none moved or changed height.

        ``repaint_all`` (the tree panel repaints its viewport, which reads the
        shown rows again) instead of one ``dataChanged`` per branch: on a
        시·도 plan those make the view look up each of ≈ 1,500 rows (≈ 70 ms).
        """
        self.repaint_all.emit()

    def rebuild(self, store, year: int) -> None:
        """Re-read the tree after a structural change, keeping figures already known."""
        old = {pid: n.figures for pid, n in self._by_project.items()}
        codes = store.codes()
        strategies = store.strategies()
        tasks = store.list(m.Task)
        projects = store.projects()
        self.year = year
        self.beginResetModel()
        self.root = Node("root", None, "", "")
        for sys_ in System:
            sn = self.root.add(
                Node("system", sys_.value, SYSTEM_LABEL[sys_.value], SYSTEM_TITLES[sys_])
            )
            for st in [s for s in strategies if s.system == sys_.value]:
                stn = sn.add(Node("strategy", st.id, strategy_code(st), st.title))

                def add_projects(parent: Node, task_id: int | None, st=st) -> None:
                    for p in projects:
                        if p.strategy_id == st.id and p.task_id == task_id:
                            fig = old.get(p.id)
                            if fig is None or fig.name != p.name or fig.code != codes[p.id]:
                                fig = load_project(store, p.id, year, codes[p.id])
                            parent.add(Node("project", p.id, codes[p.id], p.name, figures=fig))

                add_projects(stn, None)
                for t in sorted(
                    [t for t in tasks if t.strategy_id == st.id], key=lambda t: t.number
                ):
                    tn = stn.add(Node("task", t.id, task_code(st, t), t.title))
                    add_projects(tn, t.id)
        self._add_pages(store.plan().term)
        self._index_projects()
        self._recompute(self.root)
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.root = Node("root", None, "", "")
        self._by_project = {}
        self.endResetModel()

    def _index_projects(self) -> None:
        self._by_project = {n.ident: n for n in self.root.projects()}

    def _recompute(self, node: Node) -> None:
        for c in node.children:
            if c.kind not in ("project", "group", "page"):
                self._recompute(c)
        if node.kind not in ("project", "root"):
            node.overview = overview_of([p.figures for p in node.projects() if p.figures])

    def update_project(self, fig: ProjectRow) -> None:
        """One project's figures changed (an edit of its card): refresh it and its parents."""
        node = self._by_project.get(fig.id)
        if node is None or (node.figures == fig and node.title == fig.name):
            return  # nothing the tree shows changed (a text field, say): no repaint
        node.figures = fig
        node.title = fig.name
        idx = self.index_of("project", fig.id)
        self.dataChanged.emit(idx, idx.siblingAtColumn(2))
        parent = node.parent
        while parent is not None and parent.kind != "root":
            parent.overview = overview_of([p.figures for p in parent.projects() if p.figures])
            pidx = self.createIndex(parent.row(), 0, parent)
            self.dataChanged.emit(pidx, pidx.siblingAtColumn(2))
            parent = parent.parent

    def set_threshold(self, value: Decimal) -> None:
        if value == self.threshold:
            return
        self.threshold = value
        self._repaint_all()  # marks and colours only: no row moves

    # ------------------------------------------------------------------ lookup
    def node(self, index: QModelIndex) -> Node:
        return index.internalPointer() if index.isValid() else self.root

    def index_of(self, kind: str, ident, column: int = 0) -> QModelIndex:
        target = (
            self._by_project.get(ident) if kind == "project" else self._find(self.root, kind, ident)
        )
        if target is None or target is self.root:
            return QModelIndex()
        return self.createIndex(target.row(), column, target)

    def _find(self, node: Node, kind: str, ident) -> Node | None:
        if node.kind == kind and node.ident == ident:
            return node
        if node.kind == "project":
            return None
        for c in node.children:
            hit = self._find(c, kind, ident)
            if hit is not None:
                return hit
        return None

    def systems(self) -> list[Node]:
        """The strategy-system nodes (Ⅰ, Ⅱ), without the page groups."""
        return [n for n in self.root.children if n.kind == "system"]

    def project_ids(self) -> list[int]:
        return [n.ident for n in self.root.projects()]

    def code_of(self, project_id: int) -> str:
        n = self._by_project.get(project_id)
        return n.code if n else ""

    def figures(self) -> list[ProjectRow]:
        return [n.figures for n in self.root.projects() if n.figures]

    # ------------------------------------------------------------------ Qt model
    def index(self, row: int, column: int, parent=NO_PARENT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        p = self.node(parent)
        return self.createIndex(row, column, p.children[row])

    def parent(self, index=NO_PARENT) -> QModelIndex:  # Qt API
        if not index.isValid():
            return QModelIndex()
        p = index.internalPointer().parent
        if p is None or p is self.root:
            return QModelIndex()
        return self.createIndex(p.row(), 0, p)

    def rowCount(self, parent=NO_PARENT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent=NO_PARENT) -> int:
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.HEADERS[section]
        if orientation == Qt.Horizontal and role == Qt.TextAlignmentRole and section:
            return int(Qt.AlignCenter)
        return None

    def flags(self, index):
        # called for every shown row whenever Qt lays the tree out: constants, no enum maths
        if not index.isValid():
            return _NO_FLAGS
        if (
            index.column() == 0
            and self.rename_handler
            and index.internalPointer().kind in _RENAMEABLE
        ):
            return _EDITABLE
        return _SELECTABLE

    def data(self, index, role=Qt.DisplayRole):
        # painting asks ~10 roles per cell of every shown row: the others answer at once
        if role not in _ROLES or not index.isValid():
            return None
        n = index.internalPointer()
        col = index.column()
        if n.kind in ("group", "page"):
            return self._page_data(n, col, role)
        if role == Qt.DisplayRole:
            if col == 0:
                sep = ". " if n.kind == "system" else "  "
                return f"{n.code}{sep}{n.title}"
            value = n.achievement if col == 1 else n.execution
            if n.kind == "project" and n.figures and not n.figures.has_card:
                return "카드 없음" if col == 1 else ""
            return style.status_text(value, self.threshold)
        if role == Qt.EditRole:
            return n.title if col == 0 else None
        if role == Qt.DecorationRole and col == 0:
            return style.dot_icon(style.status_colour(n.achievement, n.execution, self.threshold))
        if role == Qt.ForegroundRole and col in (1, 2):
            return _brush(
                style.rate_colour(n.achievement if col == 1 else n.execution, self.threshold)
            )
        if role == Qt.TextAlignmentRole and col in (1, 2):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.FontRole and n.kind in ("system", "strategy"):
            return _bold()
        if role == Qt.ToolTipRole:
            return self._tooltip(n)
        if role == KIND_ROLE:
            return n.kind
        if role == ID_ROLE:
            return n.ident
        if role == CODE_ROLE:
            return n.code
        return None

    def _page_data(self, n: Node, col: int, role):
        if role == Qt.DisplayRole:
            return n.title if col == 0 else ""
        if role == Qt.FontRole and n.kind == "group":
            return _bold()
        if role == Qt.ToolTipRole:
            if n.kind == "group":
                return f"{n.title}: " + ", ".join(c.title for c in n.children)
            return f"{n.title} — 고르면 오른쪽에 이 항목의 입력 화면이 열립니다"
        if role == KIND_ROLE:
            return n.kind
        if role == ID_ROLE:
            return n.ident
        if role == CODE_ROLE:
            return ""
        return None

    def _tooltip(self, n: Node) -> str:
        if n.kind == "project":
            f = n.figures
            if f is None or not f.has_card:
                return f"{n.code} {n.title}\n이 연도의 카드가 없습니다."
            return (
                f"{n.code} {n.title}\n담당: {f.department or '-'}\n"
                f"달성률 {format_rate(f.achievement)} · 집행률 {format_rate(f.execution)}\n"
                f"예산 {format_money(f.budget)} · 집행 {format_money(f.executed)} (백만원)"
            )
        o = n.overview
        if o is None:
            return n.title
        return (
            f"{n.title}\n사업 {o.projects}개 · 총예산 {format_money(o.budget)}백만원\n"
            f"평균 달성률 {format_rate(o.avg_achievement)} · 평균 집행률 {format_rate(o.avg_execution)}\n"
            f"총액 집행률 {format_rate(o.execution_ratio)}"
        )

    def setData(self, index, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or not index.isValid() or index.column() != 0:
            return False
        n = self.node(index)
        if n.kind not in ("project", "strategy", "task") or self.rename_handler is None:
            return False
        return bool(self.rename_handler(n.kind, n.ident, str(value)))

"""The 4-year basic plan editor: one grid per strategy.

Rows: the strategy's indicators, each 대표과업 with its indicators, each project
(its budget per year) with its indicators (a target per year). Columns: the
baseline year and each plan year, targets then budgets. "-" is kept as a
printed dash, distinct from blank; a project printed twice is linked to its
original (totals count it once). Every edit is saved and undoable.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sbdesk import models as m
from sbdesk.models import fields
from sbdesk.services.basic_plan import NOTE_KEY, NOTE_YEAR, basic_plan_data, plan_years
from sbdesk.services.errors import ValidationError
from sbdesk.terms import rules_of
from sbdesk.ui import style
from sbdesk.ui.pages.plan.base import PlanPage

ROW_KIND = Qt.UserRole + 11  # "strategy_ind" | "task" | "task_ind" | "project" | "project_src"
#                               | "project_ind"
ROW_ID = Qt.UserRole + 12
ROW_SOURCE = Qt.UserRole + 13  # a "project_src" row's funding source (6th term)
#: a 6th-term funding source's mark, as the 첨부2 forms number them
SOURCE_MARKS = {"province": "①", "district": "②", "other": "③"}


class StrategyGrid(QWidget):
    """The grid of one strategy."""

    def __init__(self, page, strategy: m.Strategy, parent=None):
        super().__init__(parent)
        self.page, self.strategy = page, strategy
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 6)
        self.title = QLabel(f"{strategy.system}-{strategy.number}. {strategy.title}", self)
        self.title.setObjectName("sectionTitle")
        lay.addWidget(self.title)
        self.table = QTableWidget(self)
        self.table.setObjectName(f"basicGrid.{strategy.system}-{strategy.number}")
        self.table.cellChanged.connect(self._edited)
        self.table.currentCellChanged.connect(lambda *_: self._update_buttons())
        lay.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_ind = QPushButton("지표 추가", self)
        self.del_ind = QPushButton("지표 삭제", self)
        self.link = QPushButton("중복 사업 연결…", self)
        self.add_ind.clicked.connect(self.add_indicator)
        self.del_ind.clicked.connect(self.delete_indicator)
        self.link.clicked.connect(self.link_duplicate)
        for b in (self.add_ind, self.del_ind, self.link):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self._loading = False

    # ------------------------------------------------------------------ building
    def fill(self, data: dict, store) -> None:
        years = data["years"]
        self.years = years
        ny = len(years)
        heads = ["번호", "이름 / 성과지표", "단위"]
        heads += [
            f"'{y % 100:02d} 목표" + (" (기준)" if i == 0 else "") for i, y in enumerate(years)
        ]
        heads += [
            f"'{y % 100:02d} 예산" + (" (기준)" if i == 0 else "") for i, y in enumerate(years)
        ]
        self._loading = True
        t = self.table
        t.clear()
        t.setColumnCount(3 + 2 * ny)
        t.setHorizontalHeaderLabels(heads)
        rows: list[tuple[str, int | None, list[str], bool]] = []
        inds = {}
        for i in store.list(m.BasicIndicator):
            inds.setdefault(
                ("p", i.project_id)
                if i.project_id
                else ("t", i.task_id)
                if i.task_id
                else ("s", i.strategy_id),
                [],
            ).append(i)
        # 6th term: the budget is entered per funding source (시·도비, 시·군·구비, 기타; no
        # 국비), one row each under the project; the project row shows their sum
        rules = rules_of(store)
        self.per_source = bool(rules.stored_numbers)
        sources = [s for s in rules.funding_sources if s != "national"]
        by_cell: dict[tuple[int, int, str], str] = {}
        if self.per_source:
            for bb in store.list(m.BasicBudget):
                if bb.source:
                    text = bb.mark or ("" if bb.amount is None else _budget_text(bb.amount))
                    by_cell[bb.project_id, bb.year, bb.source] = text
        code = f"{self.strategy.system}-{self.strategy.number}"
        for i in inds.get(("s", self.strategy.id), []):
            rows.append(("strategy_ind", i.id, [code, i.name, i.unit, *self._targets(i)], False))
        projects = {p["code"]: p for p in data["projects"]}
        codes = store.codes()

        def project_rows(p: m.Project) -> None:
            pc = codes[p.id]
            info = projects.get(pc, {})
            name = p.name + (f"  (= {info['duplicate_of']})" if info.get("duplicate_of") else "")
            budgets = info.get("budgets", {})
            cells = [pc, name, "", *[""] * ny]
            cells += [_budget_text(budgets.get(str(y))) for y in years]
            rows.append(("project", p.id, cells, True))
            if self.per_source:
                for src in sources:
                    label = f"    {SOURCE_MARKS.get(src, '')}{fields.FUNDING_LABELS[src]}"
                    src_cells = ["", label, "백만원", *[""] * ny]
                    src_cells += [by_cell.get((p.id, y, src), "") for y in years]
                    rows.append(("project_src", p.id, src_cells, False, src))
            for i in inds.get(("p", p.id), []):
                rows.append(
                    ("project_ind", i.id, ["", "  " + i.name, i.unit, *self._targets(i)], False)
                )

        for p in store.projects(self.strategy.id, None):
            project_rows(p)
        for task in store.tasks(self.strategy.id):
            tc = f"{code}-{task.number}"
            rows.append(("task", task.id, [tc, f"대표과업 {task.number}. {task.title}"], True))
            for i in inds.get(("t", task.id), []):
                rows.append(
                    ("task_ind", i.id, ["", "  " + i.name, i.unit, *self._targets(i)], False)
                )
            for p in store.projects(self.strategy.id, task.id):
                project_rows(p)
        t.setRowCount(len(rows))
        ro = self.page.session.read_only
        for r, (kind, ident, cells, bold, *source) in enumerate(rows):
            for c in range(t.columnCount()):
                item = QTableWidgetItem(cells[c] if c < len(cells) else "")
                item.setData(ROW_KIND, kind)
                item.setData(ROW_ID, ident)
                if source:
                    item.setData(ROW_SOURCE, source[0])
                editable = not ro and self._editable(kind, c, ny, self.per_source)
                if not editable:
                    item.setFlags(item.flags() & ~Qt.ItemIsEditable)
                    item.setBackground(QBrush(QColor(style.COMPUTED_BG)))
                if bold:
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                t.setItem(r, c, item)
        t.resizeColumnsToContents()
        t.setColumnWidth(1, 260)
        t.setMinimumHeight(min(60 + 26 * len(rows), 520))
        self._loading = False
        self._update_buttons()

    def _targets(self, ind: m.BasicIndicator) -> list[str]:
        return [str((ind.targets or {}).get(str(y), "")) for y in self.years]

    @staticmethod
    def _editable(kind: str, c: int, ny: int, per_source: bool = False) -> bool:
        if kind.endswith("_ind"):
            return c in (1, 2) or 3 <= c < 3 + ny
        if kind == "project":  # a 6th-term project row is the sum of its sources
            return c >= 3 + ny and not per_source
        if kind == "project_src":
            return c >= 3 + ny
        return False

    def _row(self) -> tuple[str | None, int | None]:
        item = self.table.item(self.table.currentRow(), 0)
        if item is None:
            return None, None
        return item.data(ROW_KIND), item.data(ROW_ID)

    def _update_buttons(self) -> None:
        kind, _ = self._row()
        ro = self.page.session is None or self.page.session.read_only
        self.add_ind.setEnabled(not ro)
        self.add_ind.setToolTip(
            "고른 사업·대표과업에 지표를 추가합니다 (아무것도 고르지 않으면 전략 지표)"
        )
        self.del_ind.setEnabled(not ro and bool(kind and kind.endswith("_ind")))
        self.del_ind.setToolTip(
            "성과지표 행을 고르세요"
            if not (kind and kind.endswith("_ind"))
            else "고른 지표를 지웁니다"
        )
        self.link.setEnabled(not ro and kind == "project")
        self.link.setToolTip(
            "두 번 인쇄되는 사업이면 원래 사업과 연결합니다 (합계에서 한 번만 셉니다)"
            if kind == "project"
            else "사업 행을 고르세요"
        )

    # ------------------------------------------------------------------ edits
    def _edited(self, row: int, col: int) -> None:
        if self._loading:
            return
        item = self.table.item(row, col)
        kind, ident = item.data(ROW_KIND), item.data(ROW_ID)
        ny = len(self.years)
        session = self.page.session
        text = item.text().strip()
        try:
            if kind.endswith("_ind") and col in (1, 2):
                field = "name" if col == 1 else "unit"
                session.set_field(
                    m.BasicIndicator, ident, field, text, label=f"기본계획 지표 {field}"
                )
            elif kind.endswith("_ind"):
                y = self.years[col - 3]
                session.set_basic_target(ident, y, text, f"기본계획 {y}년 목표")
            elif kind == "project":
                y = self.years[col - 3 - ny]
                session.set_basic_budget(ident, y, text, f"기본계획 {y}년 예산")
            elif kind == "project_src":
                y = self.years[col - 3 - ny]
                session.set_term_budget(ident, y, item.data(ROW_SOURCE), text)
        except ValidationError as exc:
            self.page.show_message(str(exc))
            return
        self.page.show_message("")

    def add_indicator(self) -> None:
        kind, ident = self._row()
        if kind in ("project", "project_src", "project_ind"):
            owner = {"project_id": self._owner(m.Project)}
        elif kind in ("task", "task_ind"):
            owner = {"task_id": self._owner(m.Task)}
        else:
            owner = {"strategy_id": self.strategy.id}
        self.page.session.add_row(
            m.BasicIndicator, {**owner, "name": "새 성과지표"}, label="기본계획 지표"
        )

    def _owner(self, model) -> int | None:
        """The project / task of the current row (an indicator row looks upward)."""
        r = self.table.currentRow()
        want = "project" if model is m.Project else "task"
        while r >= 0:
            item = self.table.item(r, 0)
            if item.data(ROW_KIND) == want:
                return item.data(ROW_ID)
            r -= 1
        return None

    def delete_indicator(self) -> None:
        kind, ident = self._row()
        if kind and kind.endswith("_ind"):
            self.page.session.delete_row(m.BasicIndicator, ident, label="기본계획 지표")

    def link_duplicate(self) -> None:
        kind, ident = self._row()
        if kind != "project":
            return
        store = self.page.session.store
        codes = store.codes()
        others = [p for p in store.list(m.Project) if p.id != ident]
        items = ["(연결 없음)"] + [f"{codes[p.id]} {p.name}" for p in others]
        choice, ok = QInputDialog.getItem(
            self,
            "중복 사업 연결",
            "이 사업의 원래 사업 (합계에서 한 번만 셉니다):",
            items,
            0,
            False,
        )
        if not ok:
            return
        original = None if choice == items[0] else others[items.index(choice) - 1].id
        try:
            self.page.session.link_duplicate(ident, original)
        except ValidationError as exc:
            self.page.show_message(str(exc))


def _budget_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return f"{v:,}" if isinstance(v, int) else f"{v:,}".rstrip("0").rstrip(".")


class NoteEdit(QPlainTextEdit):
    """The basic plan's note (기본계획 메모): written when the editor is left, undoable."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self._shown = ""

    def show_note(self, session, text: str) -> None:
        self.session = session
        self._shown = text
        self.setPlainText(text)
        self.setReadOnly(session is None or session.read_only)

    def commit(self) -> None:
        text = self.toPlainText().strip()
        if self.session is None or self.session.read_only or text == self._shown.strip():
            return
        self._shown = text
        self.session.set_narrative(NOTE_KEY, "기본계획 메모", data=text, year=NOTE_YEAR)

    def focusOutEvent(self, event) -> None:
        self.commit()
        super().focusOutEvent(event)


class BasicPlanPage(PlanPage):
    TITLE = "기본계획 (4개년 목표·예산)"
    KEY = "basic_plan"

    def build(self) -> None:
        note_label = QLabel("기본계획 메모 (수치의 출처·성격 등; 문서에는 인쇄되지 않습니다)", self)
        note_label.setObjectName("fieldLabel")
        self.body.addWidget(note_label)
        self.note = NoteEdit(self)
        self.note.setObjectName("basicPlanNote")
        self.note.setPlaceholderText("예: 2025~2026년 예산은 중기지방재정계획 기준 잠정치")
        self.note.setFixedHeight(64)
        self.body.addWidget(self.note)
        self.totals = QLabel(self)
        self.totals.setWordWrap(True)
        self.body.addWidget(self.totals)
        self.message = QLabel(self)
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()
        self.body.addWidget(self.message)
        self.grids_box = QVBoxLayout()
        self.body.addLayout(self.grids_box)
        self.grids: list[StrategyGrid] = []

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def load(self) -> None:
        if self.session is None:
            return
        store = self.session.store
        data = basic_plan_data(store)
        self.note.show_note(self.session, data["note"])
        # a note (the demo's: 2024–2026 repeat 2023 as examples) stands out above the grids
        self.note.setStyleSheet(f"background: {style.WARN_BG};" if data["note"] else "")
        for g in self.grids:
            g.setParent(None)
            g.deleteLater()
        self.grids = []
        for st in store.strategies():
            g = StrategyGrid(self, st, self)
            g.fill(data, store)
            self.grids_box.addWidget(g)
            self.grids.append(g)
        years = plan_years(store.plan())
        parts = []
        for y in years:
            t = data["totals"][str(y)]
            w, wo = _budget_text(t["with_duplicates"]), _budget_text(t["without_duplicates"])
            parts.append(f"{y}년 {w or '-'}" + (f" (중복 제외 {wo or '-'})" if w != wo else ""))
        self.totals.setText("예산 합계(백만원): " + ", ".join(parts))
        self.subtitle.setText(
            f"{years[0]}년은 기준연도(전기 계획의 수치, 비교용)입니다. '-'는 인쇄되는 줄표로, "
            "빈칸(입력 안 함)과 다릅니다. 다음 해 카드를 만들 때 목표와 예산을 여기서 가져갑니다."
            + (
                " 제6기 계획의 사업비는 재원별(①시·도비 ②시·군·구비 ③기타) 행에 입력하고, 사업 "
                "행의 합계는 자동 계산됩니다. '/'는 그해 수치 없음(6기 신규 사업의 2026년)입니다."
                if rules_of(store).stored_numbers
                else ""
            )
        )

    def check(self) -> list[str]:
        return [self.message.text()] if self.message.isVisible() else []

    def save(self) -> None:
        self.note.commit()
        for g in self.grids:
            if g.table.state() == QTableWidget.EditingState:
                g.table.setCurrentCell(-1, -1)

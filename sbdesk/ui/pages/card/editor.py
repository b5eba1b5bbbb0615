"""CardEditor: the whole project card of one year — section list on the left, the form on the right.

The form scrolls as one page in the official order (Tab walks it top to
bottom); the list jumps to a section and follows the scrolling. The header
shows the project's number and name and its achievement and execution rates,
recomputed after every edit.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sbdesk import models as m
from sbdesk.models import fields
from sbdesk.services.card_rows import NO_ROWS
from sbdesk.services.numbers import format_money, format_rate
from sbdesk.terms import rules_of
from sbdesk.ui import style
from sbdesk.ui.pages.card.form_sections import (
    ClassificationSection,
    ContentSection,
    OwnerSection,
    ProjectSection,
    PurposeSection,
    ResultsSection,
    TargetSection,
)
from sbdesk.ui.pages.card.grid_sections import (
    BudgetSection,
    DeliverySection,
    IndicatorSection,
    MonitoringSection,
    PartnerSection,
    SelfEvaluationSection,
)
from sbdesk.ui.pages.card.section import CardData
from sbdesk.ui.pages.card.term_plan_section import TermPlanSection
from sbdesk.ui.widgets.fields import FieldCombo

SECTION_CLASSES = [
    ProjectSection,
    ClassificationSection,
    OwnerSection,
    PurposeSection,
    TargetSection,
    ContentSection,
    DeliverySection,
    BudgetSection,
    TermPlanSection,
    IndicatorSection,
    PartnerSection,
    MonitoringSection,
    SelfEvaluationSection,
    ResultsSection,
]


def load_card_data(session, project_id: int, code: str) -> CardData | None:
    store = session.store
    project = store.get(m.Project, project_id)
    if project is None:
        return None
    card = store.card(project_id, session.year)
    rows = store.card_rows(card.id) if card else NO_ROWS
    return CardData(session, project, code, session.year, card, rows, rules_of(store))


class CardEditor(QWidget):
    """Edits one project's card; ``show_project`` loads it, ``reload`` re-reads it."""

    open_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.data: CardData | None = None
        self.project_id: int | None = None

        # header
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("pageSubtitle")
        self.badges = {k: QLabel(self) for k in ("achievement", "execution", "budget")}
        for b in self.badges.values():
            b.setObjectName("figureBadge")
        review = fields.field(m.Card, "review_status")
        self.review = FieldCombo(m.Card, "review_status", review.label, review.choices, self)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        for key in ("budget", "achievement", "execution"):
            head.addWidget(self.badges[key])
        head.addSpacing(8)
        head.addWidget(QLabel(review.label, self))
        head.addWidget(self.review)

        # section list + scrolling form
        self.section_list = QListWidget(self)
        self.section_list.setObjectName("sectionList")
        self.section_list.setFixedWidth(168)
        self.section_list.setFocusPolicy(Qt.NoFocus)
        self.section_list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.section_list.setWordWrap(True)
        self.canvas = QWidget()
        self.canvas.setObjectName("cardCanvas")
        form = QVBoxLayout(self.canvas)
        form.setContentsMargins(14, 12, 14, 24)
        form.setSpacing(12)
        self.sections = []
        for cls in SECTION_CLASSES:
            sec = cls(self.canvas)
            self.sections.append(sec)
            form.addWidget(sec)
            item = QListWidgetItem(cls.TITLE, self.section_list)
            item.setData(Qt.UserRole, cls.NAME)
        form.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        self.section_list.currentRowChanged.connect(self._jump)

        # no card for this year
        self.empty = QWidget(self)
        el = QVBoxLayout(self.empty)
        el.addStretch(1)
        self.empty_text = QLabel(self.empty)
        self.empty_text.setAlignment(Qt.AlignCenter)
        self.empty_text.setWordWrap(True)
        self.create_button = QPushButton("카드 만들기", self.empty)
        self.create_button.clicked.connect(self._create_card)
        el.addWidget(self.empty_text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        row.addStretch(1)
        el.addLayout(row)
        el.addStretch(2)

        body = QWidget(self)
        bl = QHBoxLayout(body)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.setSpacing(0)
        bl.addWidget(self.section_list)
        bl.addWidget(self.scroll, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(body)
        self.stack.addWidget(self.empty)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 0)
        lay.setSpacing(8)
        lay.addLayout(head)
        lay.addWidget(self.stack, 1)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self._jumping = False

    # ------------------------------------------------------------------ loading
    def set_session(self, session) -> None:
        self.session = session
        self.project_id = None
        self.data = None

    def show_project(self, project_id: int, code: str) -> None:
        if self.project_id != project_id:  # another card (a new one too) opens at its top
            if self.project_id is not None:
                self.commit_pending()
            self.scroll.verticalScrollBar().setValue(0)
        self.project_id = project_id
        self._code = code
        self.reload()

    def reload(self, code: str | None = None) -> None:
        if self.session is None or self.project_id is None:
            return
        if code:
            self._code = code
        data = load_card_data(self.session, self.project_id, self._code)
        self.data = data
        if data is None:
            self.project_id = None
            return
        self._show_header(data)
        if data.card is None:
            self.empty_text.setText(
                f"{data.code} {data.project.name}\n\n이 사업의 {data.year}년 카드가 아직 없습니다."
            )
            self.create_button.setText(f"{data.year}년 카드 만들기")
            self.create_button.setEnabled(not self.session.read_only)
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentIndex(0)
        for i, sec in enumerate(self.sections):
            sec.load(data)
            self.section_list.item(i).setHidden(sec.isHidden())

    def refresh_header(self, edit: tuple | None = None) -> None:
        """After an edit made in this card: refresh the header only.

        ``edit`` (``Change.edit``: model name, id, field, stored value) is applied
        to the project or card held here; without it they are re-read. The grids
        already hold the values just written; the figures are recomputed from
        them. (Undo, redo and row changes use ``reload`` instead.)
        """
        data = self.data
        if data is None or self.session is None:
            return
        held = {"Project": data.project, "Card": data.card}
        if edit is not None and edit[0] not in held:
            pass  # a row of a grid: the grid holds it
        elif edit is not None and held[edit[0]] is not None and held[edit[0]].id == edit[1]:
            setattr(held[edit[0]], edit[2], edit[3])
        else:
            store = self.session.store
            project = store.get(m.Project, data.project.id)
            if project is None:
                return
            data.project = project
            if data.card is not None:
                data.card = store.get(m.Card, data.card.id) or data.card
        if data.card is not None:
            data.rows = replace(
                data.rows,
                indicators=tuple(self.section("indicators").rows_model.rows),
                budget_lines=tuple(
                    r.line for r in self.section("budget").budget_model.rows if r.line
                ),
            )
        self._show_header(data)

    def figures(self):
        """The shown project's figures (for the tree and the overview), from what is loaded."""
        from sbdesk.ui.figures import ProjectRow

        d = self.data
        if d is None:
            return None
        return ProjectRow.from_view(self._project_view(d))

    @staticmethod
    def _project_view(d: CardData):
        """The shown project's figures, built from the rows being edited."""
        from sbdesk.services.compute import year_ended
        from sbdesk.services.read_model import assemble_project

        return assemble_project(
            d.project,
            d.code,
            d.card,
            d.rows,
            year_over=year_ended(d.year),
        )

    def _show_header(self, data: CardData) -> None:
        self.title.setText(f"{data.code}  {data.project.name}")
        card = data.card
        parts = [f"{data.year}년 사업 카드"]
        if card and card.department:
            parts.append(" ".join(x for x in (card.department, card.team) if x))
        if card and card.officer:
            parts.append(f"담당 {card.officer}")
        if data.session.read_only:
            parts.append("읽기 전용")
        self.subtitle.setText(" · ".join(parts))
        pv = self._project_view(data)
        achievement, totals = pv.achievement, pv.budget
        self.set_badge("achievement", "달성률", achievement)
        self.set_badge("execution", "집행률", totals.execution)
        self.badges["budget"].setText(
            f"예산 {format_money(totals.annual.total)} · 집행 {format_money(totals.executed.total)} 백만원"
        )
        self.badges["budget"].setVisible(card is not None)
        if card:
            self.review.attach(data.session, card.id, data.project.id)
            self.review.show_value(card.review_status)
        else:
            self.review.attach(None, None)

    def set_badge(self, key: str, title: str, value) -> None:
        colour = style.rate_colour(value)
        self.badges[key].setText(
            f"{title} <b><span style='color:{colour}'>{format_rate(value)}</span></b>"
        )
        self.badges[key].setToolTip(
            "성과지표 달성률의 평균 (지표별 B/A)"
            if key == "achievement"
            else "집행 실적 합계 ÷ 예산(A) 합계 × 100"
        )
        self.badges[key].setVisible(self.data is not None and self.data.card is not None)

    def _create_card(self) -> None:
        if self.session and self.project_id is not None:
            self.session.create_card(self.project_id)

    # ------------------------------------------------------------------ protocol
    def commit_pending(self) -> None:
        """Write whatever is still being typed (leaving the card, closing, exporting)."""
        for sec in self.sections:
            sec.save()
        w = QApplication.focusWidget()
        if w is not None and self.isAncestorOf(w):
            from PySide6.QtWidgets import QAbstractItemView

            view = w.parent()
            while view is not None and not isinstance(view, QAbstractItemView):
                view = view.parent()
            if view is not None and view.state() == QAbstractItemView.EditingState:
                view.commitData(w)

    def check(self) -> list[str]:
        return [msg for sec in self.sections for msg in sec.check()]

    def section(self, name: str):
        return next(s for s in self.sections if s.NAME == name)

    def focus_field(self, key: str, row_id: int | None = None) -> bool:
        """``"Indicator.actual"`` (row ``row_id``), ``"Card.department"`` … → focus that field."""
        if key == "Card.review_status":
            self.review.setFocus(Qt.OtherFocusReason)
            return True
        for sec in self.sections:
            if sec.focus_field(key, row_id):
                QTimer.singleShot(0, lambda s=sec: self._reveal(s))
                return True
        return False

    def _reveal(self, section) -> None:
        """Scroll so the section's title and the focused field are both in view when they fit."""
        from sbdesk.ui.widgets.grid_view import GridView

        for view in self.canvas.findChildren(GridView):
            view.fit()  # settle pending row heights, then the layout, before measuring
        self.canvas.layout().activate()
        bar = self.scroll.verticalScrollBar()
        w = QApplication.focusWidget()
        view_h = self.scroll.viewport().height()
        top = section.y() - 8
        if w is not None and section.isAncestorOf(w):
            bottom = w.mapTo(self.canvas, w.rect().bottomLeft()).y()
            if bottom - top <= view_h:
                bar.setValue(top)
                return
            self.scroll.ensureWidgetVisible(w, 40, 80)
            return
        bar.setValue(top)

    # ------------------------------------------------------------------ navigation
    def _jump(self, row: int) -> None:
        if row < 0 or self._jumping:
            return
        sec = self.sections[row]
        self._jumping = True
        self.scroll.verticalScrollBar().setValue(sec.y() - 8)
        self._jumping = False

    def _follow_scroll(self, value: int) -> None:
        if self._jumping:
            return
        current = 0
        bar = self.scroll.verticalScrollBar()
        reading_line = value + self.scroll.viewport().height() // 4
        for i, sec in enumerate(self.sections):
            if sec.y() <= reading_line:
                current = i
        if value >= bar.maximum() - 4 and bar.maximum() > 0:
            visible_top = value
            for i, sec in enumerate(self.sections):
                if sec.y() >= visible_top:
                    current = max(current, i)
                    break
        self._jumping = True
        self.section_list.setCurrentRow(current)
        self._jumping = False

    def _focus_changed(self, old, new) -> None:
        if new is not None and self.canvas.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 40, 60)

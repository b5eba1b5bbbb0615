"""The table parts of the card: 전달 체계, 사업비, 성과지표, 추진체계, 모니터링, 자체평가."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from sbdesk import models as m
from sbdesk.documents.wording import CARD_SECTIONS
from sbdesk.models import fields
from sbdesk.services import compute
from sbdesk.services.numbers import format_rate
from sbdesk.ui.models.budget_model import BudgetModel
from sbdesk.ui.models.rows_model import Col, RowsModel
from sbdesk.ui.pages.card.section import CardData, CardSection
from sbdesk.ui.widgets.rows_table import RowsTable

BLANK_CHOICE = ("-", None)


def header(text: str, width: int) -> str:
    """A column title broken onto two lines when it is wider than its column."""
    if "\n" in text or len(text) * 12 <= width:
        return text
    if " " in text:
        return text.replace(" ", "\n", 1)
    return text.replace("(", "\n(", 1)


def col(model, field: str, kind: str, width: int, stretch: int = 0, blank: bool = False) -> Col:
    """A grid column of a model field, titled and (for fixed sets) filled from ``models.fields``.

    ``blank`` offers "-" (no value) before the set's own choices.
    """
    spec = fields.field(model, field)
    choices = ([BLANK_CHOICE] if blank else []) + list(spec.choices)
    return Col(field, header(spec.label, width), kind, width, stretch, choices=choices)


def indicator_rate(row: m.Indicator) -> str:
    return format_rate(
        compute.indicator_achievement(row.annual_target, row.actual, row.direction, row.judgement),
        blank="-",
    )


IND = m.Indicator
INDICATOR_COLUMNS = [  # the official card's order first, so a copied card row pastes 1:1
    col(IND, "name", "long", 90, 2),
    col(IND, "definition", "long", 90, 3),
    col(IND, "plan_target", "text", 74),
    col(IND, "annual_target", "text", 74),
    col(IND, "actual", "text", 64),
    Col(None, "달성률\n(B/A)", "computed", 62, compute=indicator_rate),
    col(IND, "rationale", "long", 90, 3),
    col(IND, "data_source", "long", 80, 2),
    col(IND, "unit", "text", 44),
    col(IND, "direction", "choice", 48),
    col(IND, "judgement", "choice", 52, blank=True),
]

STEP_COLUMNS = [
    Col(None, "순서", "index", 46),
    col(m.DeliveryStep, "step", "long", 200, 3),
    col(m.DeliveryStep, "agency", "text", 140, 1),
]

PARTNER_COLUMNS = [
    col(m.Partner, "agency", "text", 140, 1),
    col(m.Partner, "role", "long", 200, 2),
    col(m.Partner, "cooperation", "long", 220, 3),
]


def evaluation_columns(follow_up_title: str) -> list[Col]:
    E = m.Evaluation
    follow_up = col(E, "follow_up", "long", 200, 3)
    follow_up.title = follow_up_title
    return [
        col(E, "who", "long", 130, 1),
        col(E, "when", "text", 90),
        col(E, "content", "long", 220, 3),
        follow_up,
        col(E, "reflected", "choice", 80, blank=True),
    ]


class _GridSection(CardSection):
    """A section holding one rows grid of the card."""

    MODEL = None
    KEY = ""  # the block of CardData.rows (an attribute of card_rows.CardRows)
    LABEL = ""
    COLUMNS: list[Col] = []
    ADD_TEXT = "행 추가"
    EXTRA: dict = {}

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows_model = RowsModel(self.MODEL, self.COLUMNS, self.LABEL, self)
        self.table = RowsTable(self.rows_model, self, add_text=self.ADD_TEXT)
        self.tables[f"{self.MODEL.__name__}:{self.KEY}"] = self.table
        self.build()
        self.finish()

    def build(self) -> None:
        self._layout.addWidget(self.table)

    def load(self, data: CardData) -> None:
        super().load(data)
        values = {"card_id": data.card.id, **self.EXTRA} if data.card else {}
        self.rows_model.attach(data.session, data.project.id, values)
        self.rows_model.set_rows(list(data.rows.block(self.KEY)))
        self.table._update_buttons()


class DeliverySection(_GridSection):
    NAME = "delivery"
    TITLE = CARD_SECTIONS["delivery"]
    MODEL = m.DeliveryStep
    KEY = "steps"
    LABEL = CARD_SECTIONS["procedure"]
    COLUMNS = STEP_COLUMNS
    ADD_TEXT = "절차 추가"

    def build(self) -> None:
        g = self.form(1)
        g.addWidget(self.field_label(m.DeliveryStep, "step"), 0, 0)
        g.addWidget(self.table, 0, 1)
        g.addWidget(self.field_label(m.Card, "delivery_agencies"), 1, 0)
        g.addWidget(self.text(m.Card, "delivery_agencies"), 1, 1)


class BudgetSection(CardSection):
    NAME = "budget"
    TITLE = "사업비 (재원구성)"

    def __init__(self, parent=None):
        super().__init__(parent)
        unit = QLabel(
            "(단위: 백만원) 계·지방비 소계·비중·집행률은 입력한 재원별 금액으로 자동 계산됩니다.",
            self,
        )
        unit.setObjectName("hint")
        self._layout.addWidget(unit)
        self.budget_model = BudgetModel(parent=self)
        self.table = RowsTable(self.budget_model, self, add_text="기타 재원 추가", movable=False)
        self.tables["BudgetLine"] = self.table
        self._layout.addWidget(self.table)
        g = self.form(1)
        g.addWidget(self.field_label(m.Card, "budget_note"), 0, 0)
        g.addWidget(self.text(m.Card, "budget_note", min_lines=1), 0, 1)
        self.finish()

    def load(self, data: CardData) -> None:
        super().load(data)
        if self.budget_model.columns[2].title.find(str(data.year)) < 0:
            self.budget_model.set_year(data.year)
        self.budget_model.attach(data.session, data.project.id, data.card.id if data.card else None)
        if data.rules is not None:
            self.budget_model.sources = tuple(data.rules.funding_sources)
        self.budget_model.set_lines(list(data.rows.budget_lines))
        self.table._update_buttons()


class IndicatorSection(_GridSection):
    NAME = "indicators"
    TITLE = "성과지표"
    MODEL = m.Indicator
    KEY = "indicators"
    LABEL = "성과지표"
    COLUMNS = INDICATOR_COLUMNS
    ADD_TEXT = "지표 추가"

    def build(self) -> None:
        hint = QLabel(
            "달성률은 목표(A)와 실적(B)으로 자동 계산됩니다 (하향 지표는 A/B). "
            "정성 목표(예: 만족 이상)는 판정(달성/미달성)으로 셉니다. '-'는 해당 없음입니다.",
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self._layout.addWidget(hint)
        self._layout.addWidget(self.table)


class PartnerSection(_GridSection):
    NAME = "partners"
    TITLE = "추진체계"
    MODEL = m.Partner
    KEY = "partners"
    LABEL = "추진체계"
    COLUMNS = PARTNER_COLUMNS
    ADD_TEXT = "기관 추가"


class MonitoringSection(_GridSection):
    NAME = "monitoring"
    TITLE = "시행계획 모니터링"
    MODEL = m.Evaluation
    KEY = "monitoring"
    LABEL = "모니터링"
    COLUMNS = evaluation_columns("반영결과")
    EXTRA = {"kind": "monitoring"}


class SelfEvaluationSection(_GridSection):
    NAME = "self_evaluation"
    TITLE = "시행계획 자체평가"
    MODEL = m.Evaluation
    KEY = "self_evaluation"
    LABEL = "자체평가"
    COLUMNS = evaluation_columns("반영계획")
    EXTRA = {"kind": "self"}

"""The text parts of the card: 사업명, 소관, 배경·목적·근거, 지원 대상, 사업 내용, 성과·효과·개선.

Field labels, hints and choices come from ``sbdesk.models.fields``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel

from sbdesk import models as m
from sbdesk.documents.wording import CARD_SECTIONS
from sbdesk.models import fields
from sbdesk.services.errors import ValidationError
from sbdesk.terms import TERMS
from sbdesk.terms.base import circled
from sbdesk.ui.pages.card.section import CardData, CardSection


class ProjectSection(CardSection):
    NAME = "project"
    TITLE = CARD_SECTIONS["name"]

    def __init__(self, parent=None):
        super().__init__(parent)
        g = self.form(1)
        self.code = QLabel(self)
        self.code.setObjectName("codeLabel")
        g.addWidget(self.label("번호"), 0, 0)
        g.addWidget(self.code, 0, 1)
        self.name = self.line(m.Project, "name")
        self.name.structural = False
        g.addWidget(self.field_label(m.Project, "name"), 1, 0)
        g.addWidget(self.name, 1, 1)
        flags = QHBoxLayout()
        flags.setSpacing(18)
        self.priority = self.check_box(m.Project, "priority")
        self.duplicate = self.check_box(m.Project, "duplicate")
        self.public_private = self.check_box(m.Project, "public_private")
        for w in (self.priority, self.duplicate, self.public_private):
            flags.addWidget(w)
        flags.addSpacing(12)
        self.new_label = self.field_label(m.Project, "new_in_term")
        flags.addWidget(self.new_label)
        self.new = self.combo(m.Project, "new_in_term")
        flags.addWidget(self.new)
        flags.addStretch(1)
        g.addWidget(self.label("구분"), 2, 0)
        g.addLayout(flags, 2, 1)
        self.finish()

    def load(self, data: CardData) -> None:
        super().load(data)
        self.code.setText(data.code)
        sixth = data.rules is not None and data.rules.stored_numbers
        term = data.rules.term if sixth else None
        self.new_label.setText(fields.label(m.Project, "new_in_term", term=term))


class OwnerSection(CardSection):
    NAME = "owner"
    TITLE = CARD_SECTIONS["owner"]

    def __init__(self, parent=None):
        super().__init__(parent)
        g = self.form(2)
        for i, field in enumerate(["department", "team", "officer", "phone"]):
            w = self.line(m.Card, field)
            g.addWidget(self.field_label(m.Card, field), i // 2, (i % 2) * 2)
            g.addWidget(w, i // 2, (i % 2) * 2 + 1)
        self.finish()


class _TextSection(CardSection):
    FIELDS: list[str] = []

    def __init__(self, parent=None):
        super().__init__(parent)
        g = self.form(1)
        for i, field in enumerate(self.FIELDS):
            w = self.text(m.Card, field)
            g.addWidget(self.field_label(m.Card, field), i, 0)
            g.addWidget(w, i, 1)
        self.finish()


class PurposeSection(_TextSection):
    NAME = "purpose"
    TITLE = "배경 · 목적 · 추진근거"
    FIELDS = ["background", "purpose", "legal_basis", "change_note"]


class TargetSection(_TextSection):
    NAME = "target"
    TITLE = CARD_SECTIONS["target"]
    FIELDS = ["target_criteria", "target_scale"]


class ContentSection(CardSection):
    NAME = "content"
    TITLE = "사업(과업) 내용"

    def __init__(self, parent=None):
        super().__init__(parent)
        g = self.form(1)
        g.addWidget(self.field_label(m.Card, "content_type"), 0, 0)
        g.addWidget(self.line(m.Card, "content_type"), 0, 1)
        g.addWidget(self.field_label(m.Card, "content_detail"), 1, 0)
        g.addWidget(self.text(m.Card, "content_detail", min_lines=3), 1, 1)
        self.finish()


class ResultsSection(_TextSection):
    NAME = "results"
    TITLE = "주요성과 · 사업효과 · 개선방안"
    FIELDS = ["results", "effects", "improvements"]


class ClassificationSection(CardSection):
    """6th term: the six classification codes, the 제3차 기본계획 link and the 국고보조 exception.

    Shown only when the plan's term has code fields (``TermRules.code_fields``);
    every picker writes the project through an undoable command.
    """

    NAME = "classification"
    TITLE = "사업 분류 · 기본계획 연계"

    def __init__(self, parent=None):
        super().__init__(parent)
        self._data: CardData | None = None
        rules = next(t for t in TERMS.values() if t.code_fields)
        g = self.form(2)
        self.pickers = {}
        for i, f in enumerate(rules.code_fields):
            w = self.combo(m.Project, f.key)
            self.pickers[f.key] = w
            g.addWidget(self.field_label(m.Project, f.key), i // 2, (i % 2) * 2)
            g.addWidget(w, i // 2, (i % 2) * 2 + 1)
        g2 = self.form(1)
        areas = QHBoxLayout()
        self.area_boxes = []
        for n, title in enumerate(rules.basic_plan_areas, 1):
            box = QCheckBox(f"{circled(n)} {title}", self)
            box.toggled.connect(self._areas_changed)
            self.area_boxes.append(box)
            areas.addWidget(box)
        areas.addStretch(1)
        g2.addWidget(self.field_label(m.Project, "basic_plan_areas"), 0, 0)
        g2.addLayout(areas, 0, 1)
        g2.addWidget(self.field_label(m.Project, "basic_plan_link"), 1, 0)
        g2.addWidget(self.text(m.Project, "basic_plan_link"), 1, 1)
        g2.addWidget(self.field_label(m.Project, "subsidy_exception"), 2, 0)
        self.subsidy = self.combo(m.Project, "subsidy_exception")
        g2.addWidget(self.subsidy, 2, 1)
        self.finish()

    def load(self, data: CardData) -> None:
        shown = bool(data.rules is not None and data.rules.code_fields)
        self.setVisible(shown)
        self._data = data
        super().load(data)
        areas = set(data.project.basic_plan_areas or [])
        for n, box in enumerate(self.area_boxes, 1):
            box.blockSignals(True)
            box.setChecked(n in areas)
            box.setEnabled(data.editable)
            box.blockSignals(False)

    def _areas_changed(self, _checked: bool) -> None:
        data = self._data
        if data is None:
            return
        value = [n for n, box in enumerate(self.area_boxes, 1) if box.isChecked()]
        try:
            data.session.set_field(
                m.Project,
                data.project.id,
                "basic_plan_areas",
                value,
                project_id=data.project.id,
                label="제3차 기본계획 연계 전략",
            )
        except ValidationError as exc:
            self.message.setText(str(exc))
            self.message.show()

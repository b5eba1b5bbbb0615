"""The text parts of the card: 사업명, 소관, 배경·목적·근거, 지원 대상, 사업 내용, 성과·효과·개선.

Field labels, hints and choices come from ``sbdesk.models.fields``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel

from sbdesk import models as m
from sbdesk.ui.pages.card.section import CardData, CardSection


class ProjectSection(CardSection):
    NAME = "project"
    TITLE = "사업(과업)명"

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
        flags.addWidget(self.field_label(m.Project, "new_in_term"))
        self.new = self.combo(m.Project, "new_in_term")
        flags.addWidget(self.new)
        flags.addStretch(1)
        g.addWidget(self.label("구분"), 2, 0)
        g.addLayout(flags, 2, 1)
        self.finish()

    def load(self, data: CardData) -> None:
        super().load(data)
        self.code.setText(data.code)


class OwnerSection(CardSection):
    NAME = "owner"
    TITLE = "사업(과업) 소관"

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
    TITLE = "지원 대상"
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

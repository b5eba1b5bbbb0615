"""The text parts of the card: 사업명, 소관, 배경·목적·근거, 지원 대상, 사업 내용, 성과·효과·개선."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel

from sbdesk import models as m
from sbdesk.ui.pages.card.section import CardData, CardSection

NEW_CHOICES = [("미기재", None), ("신규", True), ("계속", False)]


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
        self.name = self.line(m.Project, "name", "사업명")
        self.name.structural = False
        g.addWidget(self.label("사업명"), 1, 0)
        g.addWidget(self.name, 1, 1)
        flags = QHBoxLayout()
        flags.setSpacing(18)
        self.priority = self.check_box(m.Project, "priority", "중점추진")
        self.duplicate = self.check_box(m.Project, "duplicate", "세부사업 중복")
        self.public_private = self.check_box(m.Project, "public_private", "민관협력")
        for w in (self.priority, self.duplicate, self.public_private):
            flags.addWidget(w)
        flags.addSpacing(12)
        flags.addWidget(QLabel("신규 여부", self))
        self.new = self.combo(m.Project, "new_in_term", "신규 여부", NEW_CHOICES)
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
        for i, (field, label, hint) in enumerate(
            [
                ("department", "담당과", "예: 복지정책과"),
                ("team", "담당팀", "예: 희망나눔팀"),
                ("officer", "담당자", ""),
                ("phone", "연락처", "예: 02-450-7302"),
            ]
        ):
            w = self.line(m.Card, field, label, placeholder=hint)
            g.addWidget(self.label(label), i // 2, (i % 2) * 2)
            g.addWidget(w, i // 2, (i % 2) * 2 + 1)
        self.finish()


class _TextSection(CardSection):
    FIELDS: list[tuple[str, str]] = []

    def __init__(self, parent=None):
        super().__init__(parent)
        g = self.form(1)
        for i, (field, label) in enumerate(self.FIELDS):
            w = self.text(m.Card, field, label)
            g.addWidget(self.label(label), i, 0)
            g.addWidget(w, i, 1)
        self.finish()


class PurposeSection(_TextSection):
    NAME = "purpose"
    TITLE = "배경 · 목적 · 추진근거"
    FIELDS = [
        ("background", "배경"),
        ("purpose", "목적"),
        ("legal_basis", "추진근거"),
        ("change_note", "사업변경 내용\n및 취지"),
    ]


class TargetSection(_TextSection):
    NAME = "target"
    TITLE = "지원 대상"
    FIELDS = [("target_criteria", "선정 기준"), ("target_scale", "대상 규모")]


class ContentSection(CardSection):
    NAME = "content"
    TITLE = "사업(과업) 내용"

    def __init__(self, parent=None):
        super().__init__(parent)
        g = self.form(1)
        g.addWidget(self.label("유형"), 0, 0)
        g.addWidget(
            self.line(
                m.Card,
                "content_type",
                "사업 내용 유형",
                placeholder="예: 현금 지원, 서비스 제공, 시설 운영",
            ),
            0,
            1,
        )
        g.addWidget(self.label("세부 내용"), 1, 0)
        g.addWidget(self.text(m.Card, "content_detail", "세부 내용", min_lines=3), 1, 1)
        self.finish()


class ResultsSection(_TextSection):
    NAME = "results"
    TITLE = "주요성과 · 사업효과 · 개선방안"
    FIELDS = [("results", "주요성과"), ("effects", "사업효과"), ("improvements", "개선방안")]

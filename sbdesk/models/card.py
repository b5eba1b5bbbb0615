"""The project card (사업 카드) of one project for one year, and its rows."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Column, Field, SQLModel

from sbdesk.models.types import DecimalText, new_uid


class Card(SQLModel, table=True):
    """Everything the official card form holds for one project and year."""

    id: int | None = Field(default=None, primary_key=True)
    uid: str | None = Field(default_factory=new_uid)  # stable identity (stamps)
    project_id: int = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    year: int = Field(index=True)
    department: str = ""  # 담당과
    team: str = ""  # 담당팀
    officer: str = ""  # 담당자
    phone: str = ""  # 연락처
    background: str = ""  # 배경
    purpose: str = ""  # 목적
    legal_basis: str = ""  # 추진근거
    change_note: str = ""  # 사업변경 내용 및 취지
    target_criteria: str = ""  # 지원 대상 선정 기준
    target_scale: str = ""  # 대상 규모
    content_type: str = ""  # 사업 내용 유형
    content_detail: str = ""  # 세부 내용
    delivery_agencies: str = ""  # 수행 기관
    budget_note: str = ""  # 비고
    results: str = ""  # 주요성과
    effects: str = ""  # 사업효과
    improvements: str = ""  # 개선방안
    review_status: str = "작성 중"  # ReviewStatus


class DeliveryStep(SQLModel, table=True):
    """One ordered step of the delivery procedure (지원 절차) with its agency."""

    id: int | None = Field(default=None, primary_key=True)
    uid: str | None = Field(default_factory=new_uid)  # stable identity (stamps)
    card_id: int = Field(foreign_key="card.id", ondelete="CASCADE", index=True)
    position: int = 0
    step: str = ""
    agency: str = ""


class BudgetLine(SQLModel, table=True):
    """One funding source of the card's 사업비 재원구성, in 백만원.

    ``plan_amount`` is the basic plan's amount for the year, ``annual_amount`` the
    annual plan's budget (A/C) and ``executed_amount`` the execution (B/D).
    ``None`` means blank / not applicable.
    """

    id: int | None = Field(default=None, primary_key=True)
    uid: str | None = Field(default_factory=new_uid)  # stable identity (stamps)
    card_id: int = Field(foreign_key="card.id", ondelete="CASCADE", index=True)
    position: int = 0
    source: str = "district"  # FundingSource
    source_name: str = ""  # name of a 기타 source (후원금)
    plan_amount: Decimal | None = Field(default=None, sa_column=Column(DecimalText))
    annual_amount: Decimal | None = Field(default=None, sa_column=Column(DecimalText))
    executed_amount: Decimal | None = Field(default=None, sa_column=Column(DecimalText))


class Indicator(SQLModel, table=True):
    """A performance indicator (성과지표) of a card.

    Targets and actuals are kept as typed ("3,810 (건)", "만족 이상", "-"); the
    numbers in them are parsed when a rate is computed, never stored as a rate.
    """

    id: int | None = Field(default=None, primary_key=True)
    uid: str | None = Field(default_factory=new_uid)  # stable identity (stamps)
    card_id: int = Field(foreign_key="card.id", ondelete="CASCADE", index=True)
    position: int = 0
    name: str = ""
    definition: str = ""
    unit: str = ""
    direction: str = "higher"  # Direction
    plan_target: str = ""  # 기본계획 목표
    annual_target: str = ""  # 시행계획 목표 (A)
    actual: str = ""  # 실적 (B)
    judgement: str | None = None  # Judgement, for qualitative targets
    rationale: str = ""  # 목표수준 산출근거
    data_source: str = ""  # 자료출처
    kind: str = ""  # 투입 / 산출 / 결과 / 영향 (6th term)


class Partner(SQLModel, table=True):
    """A partner agency of the card's 추진체계."""

    id: int | None = Field(default=None, primary_key=True)
    uid: str | None = Field(default_factory=new_uid)  # stable identity (stamps)
    card_id: int = Field(foreign_key="card.id", ondelete="CASCADE", index=True)
    position: int = 0
    agency: str = ""
    role: str = ""
    cooperation: str = ""  # 민관협력 및 주민참여 방법


class Evaluation(SQLModel, table=True):
    """A monitoring (모니터링) or self-evaluation (자체평가) entry of a card."""

    id: int | None = Field(default=None, primary_key=True)
    uid: str | None = Field(default_factory=new_uid)  # stable identity (stamps)
    card_id: int = Field(foreign_key="card.id", ondelete="CASCADE", index=True)
    kind: str = "monitoring"  # EvaluationKind
    position: int = 0
    who: str = ""  # 주체
    when: str = ""  # 시기
    content: str = ""  # 내용 / 제안사항
    follow_up: str = ""  # 반영결과 / 반영계획
    reflected: str | None = None  # Reflected

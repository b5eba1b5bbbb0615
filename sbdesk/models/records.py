"""Year records around the cards: changes, committees, TF, legislation, budget list."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import JSON, Column, Field, SQLModel

from sbdesk.models.types import DecimalText, new_uid


class ChangeEntry(SQLModel, table=True):
    """A line of the annual change list (연차별 시행계획 변경 내용)."""

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    position: int = 0
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="SET NULL")
    project_name: str = ""  # kept for abolished projects that no longer exist
    change_type: str = "변경"  # ChangeType
    before: str = ""
    after: str = ""
    reason: str = ""  # ①–⑤ 사유
    council_review: str = ""  # 협의체 심의 (23.2월)
    ministry_consultation: str = ""  # 사회보장제도 협의


class CommitteeMember(SQLModel, table=True):
    """A signer of the 심의결과서: a co-chair or a member of the council."""

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    position: int = 0
    is_chair: bool = False
    title: str = ""  # 공공위원장 / 민간위원장 / 위원
    name: str = ""
    affiliation: str = ""  # 소속
    present: bool | None = None  # 출석 (True) / 불참 (False) / not recorded (None)


class TFMember(SQLModel, table=True):
    """A member of the planning TF (시행계획 수립 TF)."""

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    position: int = 0
    role: str = ""
    name: str = ""
    affiliation: str = ""
    duty: str = ""
    note: str = ""
    category: str = ""  # 첨부1 구성 (6th term): 담당자, 유관부서 담당자, 위원, 전담인력, …


class Legislation(SQLModel, table=True):
    """An ordinance or rule enacted or amended for a project (조례·규칙 제·개정)."""

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    position: int = 0
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="SET NULL")
    kind: str = ""  # 조례 / 규칙 / 기타 / 제정 / 개정
    title: str = ""
    date: str = ""  # ISO date
    relevance: str = ""


class BudgetListItem(SQLModel, table=True):
    """A row of 첨부 2, the municipality's social-security budget list (백만원)."""

    id: int | None = Field(default=None, primary_key=True)
    uid: str | None = Field(default_factory=new_uid)  # stable identity (stamps)
    year: int = Field(index=True)
    serial: int = 0
    name: str = ""
    national: Decimal | None = Field(default=None, sa_column=Column(DecimalText))
    province: Decimal | None = Field(default=None, sa_column=Column(DecimalText))
    district: Decimal | None = Field(default=None, sa_column=Column(DecimalText))
    other: Decimal | None = Field(default=None, sa_column=Column(DecimalText))
    # 계 and 지방비 소계 as the budget book prints them (it rounds each figure on
    # its own, so they need not equal the sum of the rounded parts); None = not
    # entered, then the sum of the parts is printed (compute.budget_list_row).
    total: Decimal | None = Field(default=None, sa_column=Column(DecimalText))
    local_subtotal: Decimal | None = Field(default=None, sa_column=Column(DecimalText))
    kind: str = ""  # 자체 / 보조
    project_ids: list = Field(default_factory=list, sa_column=Column(JSON))


class Activity(SQLModel, table=True):
    """A dated record of the report's sections 3–5.

    ``kind``: "participation" (주민참여), "satisfaction" (만족도 제고 노력),
    "training" (교육 참여), "statistics" (통계 활용), "tf_meeting" (TF 회의),
    "consulting" (컨설팅). ``extra`` keeps the fields particular to a kind.
    """

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    kind: str = ""
    position: int = 0
    title: str = ""
    date: str = ""  # as printed in the documents ("2023. 9. 12.(화)")
    place: str = ""
    participants: str = ""
    content: str = ""
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="SET NULL")
    extra: dict = Field(default_factory=dict, sa_column=Column(JSON))


class YearText(SQLModel, table=True):
    """Free text of the report for a year, keyed ("monitoring_summary", …)."""

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    key: str = ""
    value: dict = Field(default_factory=dict, sa_column=Column(JSON))

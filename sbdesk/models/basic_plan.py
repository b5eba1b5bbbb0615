"""The 4-year basic plan (기본계획) targets and budgets per project."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import JSON, Column, Field, SQLModel

from sbdesk.models.types import DecimalText


class BasicIndicator(SQLModel, table=True):
    """A basic-plan indicator of a project (or strategy) with one target per year.

    ``targets`` maps a year ("2022" for the baseline, "2023".."2026") to the target
    as typed ("73천원", "94.6%", "착공"); "-" is a printed dash, a missing key or
    "" is blank (not entered). Exactly one of ``project_id``, ``task_id`` (대표과업)
    and ``strategy_id`` is set.
    """

    id: int | None = Field(default=None, primary_key=True)
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="CASCADE")
    strategy_id: int | None = Field(default=None, foreign_key="strategy.id", ondelete="CASCADE")
    task_id: int | None = Field(default=None, foreign_key="task.id", ondelete="CASCADE")
    position: int = 0
    name: str = ""
    unit: str = ""
    targets: dict = Field(default_factory=dict, sa_column=Column(JSON))
    definition: str = ""  # 지표정의 (산식)
    rationale: str = ""  # 목표설정 근거 / 목표수준 산출근거
    data_source: str = ""  # 자료출처 (출처와 수집 방법)
    kind: str = ""  # 투입 / 산출 / 결과 / 영향


class BasicBudget(SQLModel, table=True):
    """The basic plan's budget of a project for one year, in 백만원.

    5th term: one row per year with ``source`` "" (the total). 6th term: one row
    per year and funding source (province / district / other, no 국비); the 계
    is computed. ``mark`` "/" means "no figure for this year" (a 6기 신규
    project's 2026), kept apart from ``amount`` 0 (비예산); ``mark`` "-" is a printed
    dash (5th-term Mapo "-"), kept apart from blank (no row / ``amount`` None).
    """

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    year: int = 2023
    amount: Decimal | None = Field(default=None, sa_column=Column(DecimalText))
    source: str = ""  # "" = total (5th term) or a FundingSource value
    source_name: str = ""  # 재원명 of a 기타 source
    mark: str = ""  # "/" = no figure this year, "-" = printed dash

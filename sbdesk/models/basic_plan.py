"""The 4-year basic plan (기본계획) targets and budgets per project."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import JSON, Column, Field, SQLModel

from sbdesk.models.types import DecimalText


class BasicIndicator(SQLModel, table=True):
    """A basic-plan indicator of a project (or strategy) with one target per year.

    ``targets`` maps a year ("2022" for the baseline, "2023".."2026") to the target
    as typed ("73천원", "94.6%", "착공").
    """

    id: int | None = Field(default=None, primary_key=True)
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="CASCADE")
    strategy_id: int | None = Field(default=None, foreign_key="strategy.id", ondelete="CASCADE")
    position: int = 0
    name: str = ""
    unit: str = ""
    targets: dict = Field(default_factory=dict, sa_column=Column(JSON))


class BasicBudget(SQLModel, table=True):
    """The basic plan's budget of a project for one year, in 백만원."""

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    year: int = 2023
    amount: Decimal | None = Field(default=None, sa_column=Column(DecimalText))

"""Every sqlmodel table of a plan file, and ``ALL_TABLES`` in write order."""

from __future__ import annotations

import sqlalchemy
from sqlmodel import SQLModel

from sbdesk.models.basic_plan import BasicBudget, BasicIndicator
from sbdesk.models.card import BudgetLine, Card, DeliveryStep, Evaluation, Indicator, Partner
from sbdesk.models.linkage import OtherPlanLink
from sbdesk.models.plan import Municipality, Plan, PlanYear
from sbdesk.models.records import (
    Activity,
    BudgetListItem,
    ChangeEntry,
    CommitteeMember,
    Legislation,
    TFMember,
    YearText,
)
from sbdesk.models.structure import LevelIndicator, Project, Strategy, Task
from sbdesk.models.types import (
    ChangeType,
    Direction,
    EvaluationKind,
    FundingSource,
    Judgement,
    Reflected,
    ReviewStatus,
    System,
)

#: Every table, parents before children (the order used to write and copy a plan).
ALL_TABLES = [
    Municipality,
    Plan,
    PlanYear,
    Strategy,
    Task,
    Project,
    LevelIndicator,
    Card,
    DeliveryStep,
    BudgetLine,
    Indicator,
    Partner,
    Evaluation,
    BasicIndicator,
    BasicBudget,
    ChangeEntry,
    CommitteeMember,
    TFMember,
    Legislation,
    BudgetListItem,
    Activity,
    YearText,
    OtherPlanLink,
]


def table_of(model: type[SQLModel]) -> sqlalchemy.Table:
    """The SQL table of a table model (``model.__table__``, which sqlmodel's stubs do not declare)."""
    return sqlalchemy.inspect(model).local_table


__all__ = [t.__name__ for t in ALL_TABLES] + [
    "ALL_TABLES",
    "table_of",
    "ChangeType",
    "Direction",
    "EvaluationKind",
    "FundingSource",
    "Judgement",
    "Reflected",
    "ReviewStatus",
    "System",
]

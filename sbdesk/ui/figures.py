"""What the tree, the overview table and the card header show of a project (Qt-free).

Every figure comes from ``read_model.assemble_project`` (through ``YearView`` for
a whole year, ``build_project_view`` for one project after an edit, or the card
editor's rows being edited); nothing here computes a rate of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sbdesk.services import compute
from sbdesk.services.read_model import ProjectView


@dataclass
class IndicatorLine:
    name: str
    target: str
    actual: str
    achievement: Decimal | None


@dataclass
class ProjectRow:
    """One project of one year as the lists show it."""

    id: int
    code: str
    name: str
    strategy_id: int
    task_id: int | None
    public_private: bool
    has_card: bool
    department: str = ""
    review_status: str = ""
    indicators: list[IndicatorLine] = field(default_factory=list)
    budget: Decimal | None = None  # annual budget total (A/C)
    executed: Decimal | None = None  # executed total (B/D)
    achievement: Decimal | None = None
    execution: Decimal | None = None
    year_over: bool = False  # the year has ended (counts in 평균 집행률, see compute)

    def compute_figures(self) -> compute.ProjectFigures:
        return compute.ProjectFigures(
            public_private=self.public_private,
            budget=self.budget,
            executed=self.executed,
            achievement=self.achievement,
            execution=self.execution,
            year_over=self.year_over,
        )

    @classmethod
    def from_view(cls, pv: ProjectView) -> ProjectRow:
        p = pv.project
        return cls(
            id=p.id,
            code=pv.code,
            name=p.name,
            strategy_id=p.strategy_id,
            task_id=p.task_id,
            public_private=bool(p.public_private),
            has_card=pv.card is not None,
            department=pv.card.department if pv.card else "",
            review_status=pv.card.review_status if pv.card else "",
            indicators=[
                IndicatorLine(iv.row.name, iv.row.annual_target, iv.row.actual, iv.achievement)
                for iv in pv.indicators
            ],
            budget=pv.budget.annual.total,
            executed=pv.budget.executed.total,
            achievement=pv.achievement,
            execution=pv.execution,
            year_over=pv.year_over,
        )


def load_project(store, project_id: int, year: int, code: str = "") -> ProjectRow | None:
    """The figures of one project, read fresh from the file (after an edit).

    Built by ``read_model.build_project_view`` (the same builder as the whole
    year's view), so the tree and overview show exactly what the documents print.
    """
    from sbdesk.services.read_model import build_project_view

    pv = build_project_view(store, year, project_id)
    return None if pv is None else ProjectRow.from_view(pv)


def overview_of(figures: list[ProjectRow]) -> compute.Overview:
    return compute.overview([f.compute_figures() for f in figures])

"""Read models of one year: the whole plan tree with every figure computed.

Documents (PDF, Excel), the overview table and ``sbdesk summary`` all read a
``YearView``; none of them computes a rate of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlmodel import select

from sbdesk import models as m
from sbdesk.models.types import System
from sbdesk.services import compute
from sbdesk.services.project_codes import all_codes
from sbdesk.terms import rules_for

if TYPE_CHECKING:
    from sbdesk.services.store import PlanStore


@dataclass
class IndicatorView:
    row: m.Indicator
    achievement: Decimal | None

    @property
    def name(self) -> str:
        return self.row.name


@dataclass
class ProjectView:
    project: m.Project
    code: str
    card: m.Card | None
    steps: list[m.DeliveryStep]
    budget_lines: list[m.BudgetLine]
    indicators: list[IndicatorView]
    partners: list[m.Partner]
    monitoring: list[m.Evaluation]
    self_evaluation: list[m.Evaluation]
    budget: compute.BudgetTotals
    achievement: Decimal | None
    basic_indicators: list[m.BasicIndicator] = field(default_factory=list)
    basic_budgets: dict[int, Decimal | None] = field(default_factory=dict)
    year_over: bool = False  # the view's year has ended (compute.year_ended)

    @property
    def id(self) -> int:
        return self.project.id

    @property
    def name(self) -> str:
        return self.project.name

    @property
    def execution(self) -> Decimal | None:
        return self.budget.execution

    @property
    def department(self) -> str:
        return self.card.department if self.card else ""

    def figures(self) -> compute.ProjectFigures:
        return compute.ProjectFigures(
            public_private=self.project.public_private,
            budget=self.budget.annual.total,
            executed=self.budget.executed.total,
            achievement=self.achievement,
            execution=self.execution,
            year_over=self.year_over,
        )


@dataclass
class LevelIndicatorView:
    row: m.LevelIndicator
    achievement: Decimal | None


@dataclass
class TaskView:
    task: m.Task
    code: str
    indicators: list[LevelIndicatorView]
    projects: list[ProjectView]


@dataclass
class StrategyView:
    strategy: m.Strategy
    code: str
    indicators: list[LevelIndicatorView]
    tasks: list[TaskView]
    projects: list[ProjectView]  # projects directly under the strategy (system I)
    basic_indicators: list[m.BasicIndicator] = field(default_factory=list)

    def all_projects(self) -> list[ProjectView]:
        return self.projects + [p for t in self.tasks for p in t.projects]

    @property
    def overview(self) -> compute.Overview:
        return compute.overview([p.figures() for p in self.all_projects()])


@dataclass
class SystemView:
    system: str
    title: str
    strategies: list[StrategyView]

    def all_projects(self) -> list[ProjectView]:
        return [p for s in self.strategies for p in s.all_projects()]

    @property
    def overview(self) -> compute.Overview:
        return compute.overview([p.figures() for p in self.all_projects()])


@dataclass
class YearView:
    year: int
    plan: m.Plan
    municipality: m.Municipality
    plan_year: m.PlanYear
    systems: list[SystemView]
    changes: list[m.ChangeEntry]
    committee: list[m.CommitteeMember]
    tf_members: list[m.TFMember]
    legislation: list[m.Legislation]
    budget_list: list[m.BudgetListItem]
    activities: dict[str, list[m.Activity]]
    texts: dict[str, Any]
    codes: dict[int, str]

    def all_projects(self) -> list[ProjectView]:
        return [p for s in self.systems for p in s.all_projects()]

    def project(self, code: str) -> ProjectView | None:
        return next((p for p in self.all_projects() if p.code == code), None)

    def system(self, system: str) -> SystemView:
        return next(s for s in self.systems if s.system == system)

    @property
    def overview(self) -> compute.Overview:
        return compute.overview([p.figures() for p in self.all_projects()])


def _group(rows, key):
    out: dict = {}
    for r in rows:
        out.setdefault(getattr(r, key), []).append(r)
    return out


def build_year_view(store: PlanStore, year: int) -> YearView:
    """Load one year in a single session and compute every figure."""
    with store.session() as s:
        plan = s.exec(select(m.Plan)).first() or m.Plan()
        muni = s.exec(select(m.Municipality)).first() or m.Municipality()
        py = s.exec(select(m.PlanYear).where(m.PlanYear.year == year)).first() or m.PlanYear(
            year=year
        )
        strategies = s.exec(select(m.Strategy).order_by(m.Strategy.system, m.Strategy.number)).all()
        tasks = s.exec(select(m.Task).order_by(m.Task.number)).all()
        projects = s.exec(select(m.Project).order_by(m.Project.number, m.Project.id)).all()
        cards = {c.project_id: c for c in s.exec(select(m.Card).where(m.Card.year == year)).all()}
        card_ids = [c.id for c in cards.values()]

        def rows_of(model):
            if not card_ids:
                return {}
            q = select(model).where(model.card_id.in_(card_ids)).order_by(model.position, model.id)
            return _group(s.exec(q).all(), "card_id")

        steps, lines, inds, partners, evals = (
            rows_of(m.DeliveryStep),
            rows_of(m.BudgetLine),
            rows_of(m.Indicator),
            rows_of(m.Partner),
            rows_of(m.Evaluation),
        )
        level = s.exec(
            select(m.LevelIndicator)
            .where(m.LevelIndicator.year == year)
            .order_by(m.LevelIndicator.position)
        ).all()
        basic_inds = s.exec(select(m.BasicIndicator).order_by(m.BasicIndicator.position)).all()
        basic_budgets = s.exec(select(m.BasicBudget)).all()

        def by_year(model):
            cols = model.__table__.columns.keys()
            q = select(model).where(model.year == year)
            q = q.order_by(model.position if "position" in cols else model.serial, model.id)
            return list(s.exec(q).all())

        changes = by_year(m.ChangeEntry)
        committee = by_year(m.CommitteeMember)
        tf = by_year(m.TFMember)
        legislation = by_year(m.Legislation)
        budget_list = by_year(m.BudgetListItem)
        acts = _group(by_year(m.Activity), "kind")
        texts = {
            t.key: t.value for t in s.exec(select(m.YearText).where(m.YearText.year == year)).all()
        }

    year_over = compute.year_ended(year)
    codes: dict[int, str] = all_codes(strategies, tasks, projects)
    term_rules = rules_for(plan.term)

    def level_views(strategy_id=None, task_id=None):
        return [
            LevelIndicatorView(
                li,
                compute.indicator_achievement(
                    li.annual_target, li.actual, li.direction, li.judgement
                ),
            )
            for li in level_by_owner.get((strategy_id, task_id), [])
        ]

    bi_by_project = _group([b for b in basic_inds if b.project_id], "project_id")
    bi_by_strategy = _group([b for b in basic_inds if b.strategy_id], "strategy_id")
    projects_by_task = _group([p for p in projects if p.task_id], "task_id")
    direct_by_strategy = _group([p for p in projects if not p.task_id], "strategy_id")
    tasks_by_strategy = _group(tasks, "strategy_id")
    level_by_owner: dict[tuple, list] = {}
    for li in level:
        level_by_owner.setdefault((li.strategy_id, li.task_id), []).append(li)
    bb_by_project: dict[int, dict[int, Decimal | None]] = {}
    for b in basic_budgets:
        per_year = bb_by_project.setdefault(b.project_id, {})
        if not b.source:  # the 5th-term total row
            per_year[b.year] = b.amount
        elif b.amount is not None:  # 6th term: one row per source, summed
            per_year[b.year] = (per_year.get(b.year) or 0) + b.amount

    def project_view(p: m.Project) -> ProjectView:
        card = cards.get(p.id)
        cid = card.id if card else None
        ivs = [
            IndicatorView(
                i,
                compute.indicator_achievement(i.annual_target, i.actual, i.direction, i.judgement),
            )
            for i in inds.get(cid, [])
        ]
        blines = lines.get(cid, [])
        ev = evals.get(cid, [])
        return ProjectView(
            project=p,
            code=codes[p.id],
            card=card,
            steps=steps.get(cid, []),
            budget_lines=blines,
            indicators=ivs,
            partners=partners.get(cid, []),
            monitoring=[e for e in ev if e.kind == "monitoring"],
            self_evaluation=[e for e in ev if e.kind == "self"],
            budget=compute.budget_totals(blines),
            achievement=compute.project_achievement([iv.achievement for iv in ivs]),
            basic_indicators=bi_by_project.get(p.id, []),
            basic_budgets=bb_by_project.get(p.id, {}),
            year_over=year_over,
        )

    systems = []
    for sys_ in System:
        svs = []
        for st in [x for x in strategies if x.system == sys_.value]:
            tvs = []
            for t in tasks_by_strategy.get(st.id, []):
                tvs.append(
                    TaskView(
                        task=t,
                        code=f"{st.system}-{st.number}-{t.number}",
                        indicators=level_views(None, t.id),
                        projects=[project_view(p) for p in projects_by_task.get(t.id, [])],
                    )
                )
            svs.append(
                StrategyView(
                    strategy=st,
                    code=f"{st.system}-{st.number}",
                    indicators=level_views(st.id, None),
                    tasks=tvs,
                    projects=[project_view(p) for p in direct_by_strategy.get(st.id, [])],
                    basic_indicators=bi_by_strategy.get(st.id, []),
                )
            )
        systems.append(SystemView(sys_.value, term_rules.system_titles[sys_.value], svs))

    return YearView(
        year=year,
        plan=plan,
        municipality=muni,
        plan_year=py,
        systems=systems,
        changes=changes,
        committee=committee,
        tf_members=tf,
        legislation=legislation,
        budget_list=budget_list,
        activities=acts,
        texts=texts,
        codes=codes,
    )

"""Read models of one year: the whole plan tree with every figure computed.

Documents (PDF, Excel), the overview table and ``sbdesk summary`` all read a
``YearView``; none of them computes a rate of its own.

The rows inside (``ProjectView.project``, ``.card``, ``.budget_lines`` …) are
plain rows read with ``sqlite3`` (``services/rows.py``), not ORM instances: they
have the models' attributes (every column of the file, so new columns appear
without changes here) and changing them writes nothing. ``build_year_view``
reads a whole year in one read transaction; ``build_project_view`` reads one
project the same way (the UI's refresh after an edit). Both assemble a project
with ``assemble_project``, the one place a project's figures are built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sbdesk.models.types import System
from sbdesk.services import compute
from sbdesk.services.card_rows import CARD_ROW_MODELS, NO_ROWS, CardRows, card_rows_of
from sbdesk.services.project_codes import all_codes, project_code, strategy_code, task_code
from sbdesk.services.rows import RowReader, blank_row, store_snapshot
from sbdesk.terms import rules_for

if TYPE_CHECKING:
    from sbdesk import models as m


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


def _indicator_view(i) -> IndicatorView:
    return IndicatorView(
        i, compute.indicator_achievement(i.annual_target, i.actual, i.direction, i.judgement)
    )


def assemble_project(
    project,
    code: str,
    card,
    rows: CardRows = NO_ROWS,
    *,
    basic_indicators=(),
    basic_budgets: dict[int, Decimal | None] | None = None,
    year_over: bool = False,
) -> ProjectView:
    """One project of one year with its figures: the only place they are built.

    The card's ``rows`` may be plain rows, ORM instances or the UI's edited rows alike.
    """
    ivs = [_indicator_view(i) for i in rows.indicators]
    lines = list(rows.budget_lines)
    return ProjectView(
        project=project,
        code=code,
        card=card,
        steps=list(rows.steps),
        budget_lines=lines,
        indicators=ivs,
        partners=list(rows.partners),
        monitoring=list(rows.monitoring),
        self_evaluation=list(rows.self_evaluation),
        budget=compute.budget_totals(lines),
        achievement=compute.project_achievement([iv.achievement for iv in ivs]),
        basic_indicators=list(basic_indicators),
        basic_budgets=dict(basic_budgets or {}),
        year_over=year_over,
    )


def _basic_budgets(rows) -> dict[int, dict[int, Decimal | None]]:
    """Project id → year → the basic plan's budget of that year."""
    out: dict[int, dict[int, Decimal | None]] = {}
    for b in rows:
        per_year = out.setdefault(b.project_id, {})
        if not b.source:  # the 5th-term total row
            per_year[b.year] = b.amount
        elif b.amount is not None:  # 6th term: one row per source, summed
            per_year[b.year] = (per_year.get(b.year) or 0) + b.amount
    return out


_ORDER = "position, id"


def _card_rows(
    r: RowReader, card_ids: list[int] | None, models: tuple[str, ...] = CARD_ROW_MODELS
) -> dict[str, dict[int, list]]:
    """Model name → card id → rows in order; ``card_ids`` None reads every card's rows."""
    out = {}
    for name in models:
        if card_ids is None:
            rows = r.rows(name, order=_ORDER)
        elif not card_ids:
            rows = []
        else:
            marks = ",".join("?" * len(card_ids))
            rows = r.rows(name, f"card_id IN ({marks})", card_ids, _ORDER)
        out[name] = _group(rows, "card_id")
    return out


def _year_rows(r: RowReader, name: str, year: int | None) -> list:
    """A per-year table's rows of ``year`` (None: of every year) in printed order."""
    cols = r.shape(name)[0]
    order = "position, id" if "position" in cols else "serial, id"
    if year is None:
        return r.rows(name, order=order)
    return r.rows(name, "year = ?", (year,), order)


def _plan_row(r: RowReader, name: str):
    row = r.first(name)
    if row is None:  # a file without its Plan/Municipality row: the model's defaults
        from sbdesk import models as m

        row = getattr(m, name)()
    return row


@dataclass
class PlanRows:
    """The rows of a plan file read in one transaction: the whole plan (``year`` None:
    every year's cards and records) or what one year's view needs.

    Tables are in file (id) order; card rows (``children``: model name → card id →
    rows) and per-year records (``records``: model name → rows) in their printed
    order (position or serial, then id). ``year_view_from`` assembles a year from it;
    ``check.run_checks`` reads the whole plan once this way.
    """

    year: int | None
    plan: Any
    municipality: Any
    plan_years: list
    strategies: list
    tasks: list
    projects: list
    cards: list
    children: dict[str, dict[int, list]]
    level: list
    basic_inds: list
    basic_budgets: list
    records: dict[str, list]
    texts: list
    plan_year_shape: tuple  # RowReader.shape("PlanYear"): a year without its row gets a blank one
    _codes: dict[int, str] | None = None
    links: list = field(default_factory=list)  # OtherPlanLink (6th term, plan-level)

    def codes(self) -> dict[int, str]:
        """Project id → code (I-1-1, II-1-1-1), computed once."""
        if self._codes is None:
            self._codes = all_codes(self.strategies, self.tasks, self.projects)
        return self._codes

    def card_years(self) -> list[int]:
        return sorted({c.year for c in self.cards})


#: Per-year records of a year view (``YearView`` attribute ← model).
YEAR_RECORDS = (
    "ChangeEntry",
    "CommitteeMember",
    "TFMember",
    "Legislation",
    "BudgetListItem",
    "Activity",
)


def read_plan_rows(
    store: Any, year: int | None = None, card_models: tuple[str, ...] = CARD_ROW_MODELS
) -> PlanRows:
    """Read the plan (``year`` None) or one year of it in one read transaction.

    ``card_models`` names the card rows to read (a reader that needs no evaluations
    leaves ``Evaluation`` out; those views then have none).
    """
    where, params = ("year = ?", (year,)) if year is not None else ("", ())
    with store_snapshot(store) as r:
        cards = r.rows("Card", where, params, "id")
        if year is None:
            card_ids = None
        else:
            # Reading every card row and keeping this year's is faster than an IN list of
            # thousands of ids, and the same when the file holds one year.
            years_in_file = r.con.execute("SELECT COUNT(DISTINCT year) FROM card").fetchone()[0]
            card_ids = None if years_in_file <= 1 else [c.id for c in cards]
        return PlanRows(
            year=year,
            plan=_plan_row(r, "Plan"),
            municipality=_plan_row(r, "Municipality"),
            plan_years=r.rows("PlanYear", where, params, "id"),
            strategies=r.rows("Strategy", order="id"),
            tasks=r.rows("Task", order="id"),
            projects=r.rows("Project", order="id"),
            cards=cards,
            children=_card_rows(r, card_ids, card_models),
            level=r.rows("LevelIndicator", where, params, "position, id"),
            basic_inds=r.rows("BasicIndicator", order="position, id"),
            basic_budgets=r.rows("BasicBudget", order="id"),
            records={name: _year_rows(r, name, year) for name in YEAR_RECORDS},
            texts=r.rows("YearText", where, params, "id"),
            plan_year_shape=r.shape("PlanYear"),
            links=r.rows("OtherPlanLink", order="position, id"),
        )


def build_year_view(store: Any, year: int) -> YearView:
    """Load one year in a single read transaction and compute every figure.

    ``store`` is anything with the plan file's ``path`` (a ``PlanStore``).
    """
    return year_view_from(read_plan_rows(store, year), year)


def year_view_from(data: PlanRows, year: int) -> YearView:
    """One year's view assembled from rows already read (``read_plan_rows``)."""
    plan, muni = data.plan, data.municipality
    py = next((x for x in data.plan_years if x.year == year), None)
    if py is None:
        py = blank_row("PlanYear", data.plan_year_shape, year=year)
    strategies = sorted(data.strategies, key=lambda x: (x.system, x.number, x.id))
    tasks = sorted(data.tasks, key=lambda x: (x.number, x.id))
    projects = sorted(data.projects, key=lambda x: (x.number, x.id))
    cards = {c.project_id: c for c in data.cards if c.year == year}
    children = data.children
    level = [li for li in data.level if li.year == year]
    basic_inds = data.basic_inds
    basic_budgets = data.basic_budgets
    changes, committee, tf, legislation, budget_list, activities = (
        [x for x in data.records[name] if x.year == year] for name in YEAR_RECORDS
    )
    acts = _group(activities, "kind")
    texts = {t.key: t.value for t in data.texts if t.year == year}

    codes = all_codes(strategies, tasks, projects)
    year_over = compute.year_ended(year)
    term_rules = rules_for(plan.term)
    level_by_owner: dict[tuple, list] = {}
    for li in level:
        level_by_owner.setdefault((li.strategy_id, li.task_id), []).append(li)

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
    bb_by_project = _basic_budgets(basic_budgets)

    def project_view(p) -> ProjectView:
        card = cards.get(p.id)
        return assemble_project(
            p,
            codes.get(p.id, ""),
            card,
            card_rows_of(children, card.id) if card else NO_ROWS,
            basic_indicators=bi_by_project.get(p.id, ()),
            basic_budgets=bb_by_project.get(p.id),
            year_over=year_over,
        )

    systems = []
    for sys_ in System:
        svs = []
        for st in [x for x in strategies if x.system == sys_.value]:
            tvs = [
                TaskView(
                    task=t,
                    code=task_code(st, t),
                    indicators=level_views(None, t.id),
                    projects=[project_view(p) for p in projects_by_task.get(t.id, [])],
                )
                for t in tasks_by_strategy.get(st.id, [])
            ]
            svs.append(
                StrategyView(
                    strategy=st,
                    code=strategy_code(st),
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


def build_project_view(store: Any, year: int, project_id: int) -> ProjectView | None:
    """One project of one year, read fresh (after an edit): what the UI refreshes."""
    with store_snapshot(store) as r:
        p = r.first("Project", "id = ?", (project_id,))
        if p is None:
            return None
        st = r.first("Strategy", "id = ?", (p.strategy_id,))
        task = r.first("Task", "id = ?", (p.task_id,)) if p.task_id else None
        card = r.first("Card", "project_id = ? AND year = ?", (project_id, year))
        children = _card_rows(r, [card.id] if card else [])
        basic_inds = r.rows("BasicIndicator", "project_id = ?", (project_id,), "position, id")
        budgets = _basic_budgets(r.rows("BasicBudget", "project_id = ?", (project_id,)))
    code = project_code(st, task, p) if st is not None else ""
    return assemble_project(
        p,
        code,
        card,
        card_rows_of(children, card.id) if card else NO_ROWS,
        basic_indicators=basic_inds,
        basic_budgets=budgets.get(project_id, {}),
        year_over=compute.year_ended(year),
    )


def project_codes_of(store: Any) -> dict[int, str]:
    """Project id → code (I-1-1, II-1-1-1) for the whole plan, from plain rows."""
    with store_snapshot(store) as r:
        return all_codes(r.rows("Strategy"), r.rows("Task"), r.rows("Project", order="number, id"))

"""Read model of a 6th-term 4-year plan: the tree with its 4-year indicators and budgets.

``load_term_plan(store)`` reads everything the 6th-term documents (총괄 table,
목표설정 tables, 첨부2 cards, 첨부1 TFT) print, in one session: strategies,
대표과업 and projects in order with their stored numbers, each project's card of
the first year, its 4-year indicators (``BasicIndicator``) and its budget rows
per year and source (``BasicBudget``, totals by ``compute.basic_budget_column``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import select

from sbdesk import models as m
from sbdesk.services import compute
from sbdesk.services.project_codes import all_codes
from sbdesk.terms import TermRules, rules_for
from sbdesk.terms.term6 import DEMAND_ANALYSIS


@dataclass
class ProjectPlan:
    project: m.Project
    code: str
    card: m.Card | None
    steps: list[m.DeliveryStep]
    partners: list[m.Partner]
    card_indicators: list[m.Indicator]
    indicators: list[m.BasicIndicator]
    budget_rows: list[m.BasicBudget]

    @property
    def name(self) -> str:
        return self.project.name

    def budget(self, year: int) -> compute.Column:
        return compute.basic_budget_column([b for b in self.budget_rows if b.year == year])

    def marked(self, year: int) -> bool:
        """The year's budget is "/" (no figure)."""
        return any(b.mark == "/" for b in self.budget_rows if b.year == year)

    def other_names(self) -> str:
        return ", ".join(
            sorted(
                {b.source_name for b in self.budget_rows if b.source == "other" and b.source_name}
            )
        )


@dataclass
class TaskPlan:
    task: m.Task
    code: str
    indicators: list[m.BasicIndicator]
    projects: list[ProjectPlan]


@dataclass
class StrategyPlan:
    strategy: m.Strategy
    code: str
    indicators: list[m.BasicIndicator]
    tasks: list[TaskPlan]
    projects: list[ProjectPlan]

    def all_projects(self) -> list[ProjectPlan]:
        return self.projects + [p for t in self.tasks for p in t.projects]


@dataclass
class TermPlan:
    rules: TermRules
    plan: m.Plan
    municipality: m.Municipality
    systems: dict[str, list[StrategyPlan]]
    tf_members: list[m.TFMember] = field(default_factory=list)
    tf_meetings: list[m.Activity] = field(default_factory=list)
    notice: str = ""
    #: 제1절 다. 1) 복지 수요 공급 및 자원 분석 (YearText ``demand_analysis`` of the first year)
    demand_analysis: str = ""
    #: 타 계획과의 연관 내용 (rules §01-가-2-(2)), in their stored order
    other_plans: list[m.OtherPlanLink] = field(default_factory=list)

    def all_projects(self) -> list[ProjectPlan]:
        return [p for sts in self.systems.values() for st in sts for p in st.all_projects()]


def load_term_plan(store) -> TermPlan:
    with store.session() as s:
        plan = s.exec(select(m.Plan)).first() or m.Plan()
        rules = rules_for(plan.term)
        first = plan.start_year
        muni = s.exec(select(m.Municipality)).first() or m.Municipality()
        strategies = list(s.exec(select(m.Strategy).order_by(m.Strategy.system, m.Strategy.number)))
        tasks = list(s.exec(select(m.Task).order_by(m.Task.number, m.Task.id)))
        projects = list(s.exec(select(m.Project).order_by(m.Project.number, m.Project.id)))
        cards = {c.project_id: c for c in s.exec(select(m.Card).where(m.Card.year == first))}
        card_ids = [c.id for c in cards.values()]

        def rows(model):
            out: dict[int, list] = {}
            if card_ids:
                q = select(model).where(model.card_id.in_(card_ids)).order_by(model.position)
                for r in s.exec(q):
                    out.setdefault(r.card_id, []).append(r)
            return out

        steps, partners, inds = rows(m.DeliveryStep), rows(m.Partner), rows(m.Indicator)
        basic = list(s.exec(select(m.BasicIndicator).order_by(m.BasicIndicator.position)))
        budgets = list(s.exec(select(m.BasicBudget).order_by(m.BasicBudget.year, m.BasicBudget.id)))
        tf = list(
            s.exec(select(m.TFMember).where(m.TFMember.year == first).order_by(m.TFMember.position))
        )
        meetings = list(
            s.exec(
                select(m.Activity)
                .where(m.Activity.year == first, m.Activity.kind == "tf_meeting")
                .order_by(m.Activity.position)
            )
        )
        analysis = s.exec(
            select(m.YearText).where(m.YearText.year == first, m.YearText.key == DEMAND_ANALYSIS)
        ).first()
        other_plans = list(
            s.exec(select(m.OtherPlanLink).order_by(m.OtherPlanLink.position, m.OtherPlanLink.id))
        )
        notice = s.exec(
            select(m.YearText).where(m.YearText.year == first, m.YearText.key == "example_notice")
        ).first()
    codes = all_codes(strategies, tasks, projects)

    def project_plan(p: m.Project) -> ProjectPlan:
        card = cards.get(p.id)
        cid = card.id if card else None
        return ProjectPlan(
            project=p,
            code=codes[p.id],
            card=card,
            steps=steps.get(cid, []),
            partners=partners.get(cid, []),
            card_indicators=inds.get(cid, []),
            indicators=[b for b in basic if b.project_id == p.id],
            budget_rows=[b for b in budgets if b.project_id == p.id and b.source],
        )

    systems: dict[str, list[StrategyPlan]] = {"I": [], "II": []}
    for st in strategies:
        tps = [
            TaskPlan(
                task=t,
                code=f"{st.system}-{st.number}-{t.number}",
                indicators=[b for b in basic if b.task_id == t.id],
                projects=[project_plan(p) for p in projects if p.task_id == t.id],
            )
            for t in tasks
            if t.strategy_id == st.id
        ]
        systems.setdefault(st.system, []).append(
            StrategyPlan(
                strategy=st,
                code=f"{st.system}-{st.number}",
                indicators=[b for b in basic if b.strategy_id == st.id],
                tasks=tps,
                projects=[
                    project_plan(p) for p in projects if p.strategy_id == st.id and not p.task_id
                ],
            )
        )
    return TermPlan(
        rules=rules,
        plan=plan,
        municipality=muni,
        systems=systems,
        tf_members=tf,
        tf_meetings=meetings,
        notice=(notice.value or {}).get("data", "") if notice else "",
        demand_analysis=(analysis.value or {}).get("data", "") if analysis else "",
        other_plans=other_plans,
    )

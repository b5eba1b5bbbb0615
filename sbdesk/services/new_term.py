"""A new term's plan from the old one (``sbdesk new-term``, 파일 → 새 기수 계획).

``new_term(old, new, term=6)`` writes a new plan file of ``term`` from the last
year of the previous term's plan and never changes the old file (it is read
through a read-only connection; an older schema is migrated in a temporary
copy). What is carried (rules in docs/sixth-term.md):

- municipality, vision and goal; PlanYear rows of the new term's years;
- system I strategies and their projects, in order, numbered afresh
  (Ⅰ-s-n, stored as data); every carried project is 6기 신규 × (continuing);
- system II: the fixed 균형발전 strategies 1–4 and the fixed 대표과업 of
  strategy 1 (``TermRules.fixed_strategies``); the old term's 대표과업 n follow
  under strategy n after the fixed ones, with their 세부과업 (Ⅱ-s-t-n);
- for each project a card of the first year with the old card's texts,
  delivery steps, partners and indicators (names, units, definitions; no
  targets yet), and the 4-year plan rows: indicators and budget per funding
  source with the **baseline year** filled from the old plan's figures for that
  year (the card of that year, else the basic plan's target for it, else the
  latest card's figures); 국비 has no row in the 6th term, so a carried 국비
  amount is written into the card's 비고 instead of being dropped.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlmodel import SQLModel, select

from sbdesk import models as m
from sbdesk.models.fields import FUNDING_LABELS
from sbdesk.services import plan_writes, planfile
from sbdesk.services.errors import PlanFileError
from sbdesk.services.new_rows import NewRows
from sbdesk.services.numbers import format_money
from sbdesk.services.outputs import OutputExistsError
from sbdesk.services.store import PlanStore
from sbdesk.terms import TermRules, rules_for

#: Card text fields carried into the new term's first card: what a next year's card
#: carries (``plan_writes``), plus the 비고 of the budget, which holds a carried 국비 amount.
CARRIED_CARD_FIELDS = plan_writes.CARRIED_CARD_FIELDS + ("budget_note",)

#: Fields of a card's child rows carried into the new term's first card.
CARRIED_ROW_FIELDS: dict[type[SQLModel], tuple[str, ...]] = {
    m.DeliveryStep: ("position", "step", "agency"),
    m.Partner: ("position", "agency", "role", "cooperation"),
    m.Indicator: (
        "position",
        "name",
        "definition",
        "unit",
        "direction",
        "rationale",
        "data_source",
        "kind",
    ),
}


def _carried(model: type[SQLModel], row: object, **parent: object) -> SQLModel:
    """A new ``model`` row holding ``row``'s carried fields, under its new parent."""
    return model(**parent, **{f: getattr(row, f) for f in CARRIED_ROW_FIELDS[model]})


#: YearText key of the notice printed on an example plan's documents.
EXAMPLE_NOTICE_KEY = "example_notice"


@dataclass
class NewTermResult:
    path: Path
    projects: int
    source_year: int | None
    baseline_from: str  # "card" | "basic_plan" | "latest_card" | ""


def _open_old(old: Path, workdir: Path) -> PlanStore:
    """The old plan, read-only; an older schema is migrated in a copy, never in place."""
    version = planfile.inspect(old)
    if version < planfile.SCHEMA_VERSION:
        copy = workdir / old.name
        shutil.copyfile(old, copy)
        planfile.migrate(copy)
        return PlanStore(copy, read_only=True)
    return PlanStore(old, read_only=True)


def new_term(
    old_path: str | Path, new_path: str | Path, term: int = 6, notice: str = ""
) -> NewTermResult:
    """Write the plan file ``new_path`` of ``term`` from the plan ``old_path``."""
    old_path, new_path = Path(old_path), Path(new_path)
    if new_path.exists():
        raise PlanFileError(f"이미 있는 파일입니다: {new_path}. 다른 이름을 지정하세요.")
    if old_path.resolve() == new_path.resolve():
        raise PlanFileError("새 계획 파일은 원래 파일과 다른 이름이어야 합니다.")
    if term != 6:
        raise PlanFileError(f"제{term}기 계획은 만들 수 없습니다 (지원: 제6기).")
    rules = rules_for(term)
    with tempfile.TemporaryDirectory(prefix="sbdesk-newterm-") as work:
        old = _open_old(old_path, Path(work))
        try:
            old_term = old.plan().term
            if old_term != term - 1:
                raise PlanFileError(
                    f"'{old_path.name}'은(는) 제{old_term}기 계획입니다. "
                    f"제{term}기 계획은 제{term - 1}기 계획에서 만듭니다."
                )
            rows, result = _copy(old, rules, notice)
        finally:
            old.close()
    try:
        PlanStore.write_new(new_path, rows)
    except OutputExistsError as exc:  # made by someone else meanwhile
        raise PlanFileError(f"이미 있는 파일입니다: {new_path}. 덮어쓰지 않았습니다.") from exc
    result.path = new_path
    return result


def _latest_card_year(old: PlanStore) -> int | None:
    with old.session() as s:
        years = sorted(set(s.exec(select(m.Card.year)).all()))
    return years[-1] if years else None


def _copy(old: PlanStore, rules: TermRules, notice: str) -> tuple[NewRows, NewTermResult]:
    """The new term's rows, built from the old plan (see the module docstring)."""
    base_year = rules.baseline_year
    first_year = rules.start_year
    src_year = _latest_card_year(old)
    with old.session() as s:
        o_plan = s.exec(select(m.Plan)).first() or m.Plan()
        o_muni = s.exec(select(m.Municipality)).first() or m.Municipality()
        o_years = {y.year: y for y in s.exec(select(m.PlanYear)).all()}
        o_strategies = list(s.exec(select(m.Strategy).order_by(m.Strategy.number)).all())
        o_tasks = list(s.exec(select(m.Task).order_by(m.Task.number, m.Task.id)).all())
        o_projects = list(s.exec(select(m.Project).order_by(m.Project.number, m.Project.id)).all())
        o_cards = {(c.project_id, c.year): c for c in s.exec(select(m.Card)).all()}
        o_basic_ind = list(s.exec(select(m.BasicIndicator).order_by(m.BasicIndicator.position)))
        o_level = list(s.exec(select(m.LevelIndicator).order_by(m.LevelIndicator.position)))
    card_rows = {key: old.card_rows(c.id) for key, c in o_cards.items()}

    def baseline_card(pid):
        """The old card giving the baseline figures and how it was chosen."""
        if (pid, base_year) in o_cards:
            return o_cards[(pid, base_year)], "card"
        if src_year is not None and (pid, src_year) in o_cards:
            return o_cards[(pid, src_year)], "latest_card"
        return None, ""

    used_from = set()
    new = NewRows()
    plan = new.add(m.Plan())
    plan.term, plan.start_year, plan.end_year = rules.term, rules.start_year, rules.end_year
    plan.vision, plan.goal = o_plan.vision, o_plan.goal
    muni = new.add(m.Municipality())
    for k, v in o_muni.model_dump(exclude={"id"}).items():
        setattr(muni, k, v)
    last = o_years.get(o_plan.end_year) or next(iter(o_years.values()), None)
    council = last.council_name if last else ""
    for y in rules.years:
        new.add(m.PlanYear(year=y, council_name=council))
    if notice:
        new.add(m.YearText(year=first_year, key=EXAMPLE_NOTICE_KEY, value={"data": notice}))

    st_map: dict[int, m.Strategy] = {}  # old strategy id -> new
    task_map: dict[int, m.Task] = {}
    for st in [x for x in o_strategies if x.system == "I"]:
        obj = m.Strategy(system="I", number=st.number, title=st.title)
        new.add(obj)
        st_map[st.id] = obj
    fixed_ii: dict[int, m.Strategy] = {}
    next_task: dict[int, int] = {}
    for fs in rules.fixed_strategies:
        obj = m.Strategy(system="II", number=fs.number, title=fs.title)
        new.add(obj)
        fixed_ii[fs.number] = obj
        for t_no, title in enumerate(fs.tasks, 1):
            new.add(m.Task(strategy_id=obj.id, number=t_no, title=title))
        next_task[obj.id] = len(fs.tasks) + 1
    for st in [x for x in o_strategies if x.system == "II"]:
        obj = fixed_ii.get(st.number)
        if obj is None:
            obj = m.Strategy(system="II", number=st.number, title=st.title)
            new.add(obj)
            next_task[obj.id] = 1
        st_map[st.id] = obj
    for t in o_tasks:
        parent = st_map.get(t.strategy_id)
        if parent is None:
            continue
        obj = m.Task(strategy_id=parent.id, number=next_task[parent.id], title=t.title)
        next_task[parent.id] += 1
        new.add(obj)
        task_map[t.id] = obj

    # strategy and 대표과업 indicators: the 4-year rows, baseline from the old plan
    for li in o_level:
        if src_year is None or li.year != src_year:
            continue
        owner = (
            {"strategy_id": st_map[li.strategy_id].id}
            if li.strategy_id in st_map
            else {"task_id": task_map[li.task_id].id}
            if li.task_id in task_map
            else None
        )
        if owner is None:
            continue
        new.add(
            m.BasicIndicator(
                **owner,
                position=li.position,
                name=li.name,
                unit=li.unit,
                targets={str(base_year): li.annual_target} if li.annual_target else {},
                definition=li.definition,
                rationale=li.rationale,
                data_source=li.data_source,
                kind=li.kind,
            )
        )

    count = 0
    numbers: dict[tuple, int] = {}
    for p in o_projects:
        st = st_map.get(p.strategy_id)
        if st is None:
            continue
        task = task_map.get(p.task_id) if p.task_id else None
        key = (st.id, task.id if task else None)
        numbers[key] = numbers.get(key, 0) + 1
        n = numbers[key]
        code = f"{st.system}-{st.number}-" + (f"{task.number}-" if task else "") + str(n)
        np_ = m.Project(
            strategy_id=st.id,
            task_id=task.id if task else None,
            number=n,
            code=code,
            name=p.name,
            priority=p.priority,
            duplicate=p.duplicate,
            public_private=p.public_private,
            new_in_term=False,
        )
        new.add(np_)
        count += 1
        src, how = baseline_card(p.id)
        rows = card_rows.get((p.id, src.year)) if src else None
        card = m.Card(project_id=np_.id, year=first_year)
        if src is not None:
            for f in CARRIED_CARD_FIELDS:
                setattr(card, f, getattr(src, f))
        new.add(card)
        if rows:
            used_from.add(how)
            for model, block in ((m.DeliveryStep, rows.steps), (m.Partner, rows.partners)):
                for row in block:
                    new.add(_carried(model, row, card_id=card.id))
            old_basic = {b.name: b for b in o_basic_ind if b.project_id == p.id and b.name}
            for ind in rows.indicators:
                new.add(_carried(m.Indicator, ind, card_id=card.id))
                base = ind.annual_target
                ob = old_basic.get(ind.name)
                if how == "latest_card" and ob and ob.targets.get(str(base_year)):
                    base = ob.targets[str(base_year)]
                new.add(
                    m.BasicIndicator(
                        project_id=np_.id,
                        position=ind.position,
                        name=ind.name,
                        unit=ind.unit,
                        targets={str(base_year): base} if base else {},
                        definition=ind.definition,
                        rationale=ind.rationale,
                        data_source=ind.data_source,
                        kind=ind.kind,
                    )
                )
            national = Decimal(0)
            for line in rows.budget_lines:
                if line.source not in rules.funding_sources:
                    national += line.annual_amount or 0
                    continue
                new.add(
                    m.BasicBudget(
                        project_id=np_.id,
                        year=base_year,
                        source=line.source,
                        source_name=line.source_name,
                        amount=line.annual_amount,
                    )
                )
            if national:
                label = FUNDING_LABELS.get("national", "국비")
                note = f"제5기 {src.year}년 {label} {format_money(national)}백만원 (6기 서식에 국비 행 없음)"
                card.budget_note = f"{card.budget_note}\n{note}".strip()
    return new, NewTermResult(
        path=Path(),
        projects=count,
        source_year=src_year,
        baseline_from=",".join(sorted(used_from)),
    )

"""The built-in demo plan: Gwangjin-gu's 2023 results, from the transcribed report.

The fixture keeps the figures as printed; where the printed card contradicts
itself, the demo stores the underlying figures and lets sbdesk compute:

- a card's funding sources are stored, never its printed 계/지방비 소계 rows
  (they are sums, computed); where a printed 계 disagrees with its sources (I-3-2 prints
  an executed 계 of 0 beside 구비 247), the sources win;
- 첨부 2 rows keep the budget book's 계 and 지방비 소계 as printed (each
  figure is rounded on its own, so 85 rows differ from the sum of their parts;
  ``sbdesk check`` lists them);
- a 기타 source named 국비/국고 is stored as 국비 (national);
- printed rates (달성률, 집행률, 비중) are not stored at all;
- a qualitative indicator (I-1-2 "만족 이상" → "매우 만족") is stored as typed
  with the judgement 달성 the report gave it (printed 100 %).

Where the printed report contradicts itself or carries OCR slips, the demo
data follow the seed's majority reading; every such choice is listed in
``plan.json`` → ``"corrections"`` (8 중점추진사업 without I-2-6's stray mark,
I-4-3's target 18, 발굴률, 발굴(지자체), 동 인적 안전망, the 분과 names, …). The basic
plan's 2024–2026 targets and budgets repeat 2023's as example values (the seed prints
2023's only), noted on the 기본계획 page (``plan.json`` → ``"basic_plan_examples"``). The narrative
tables in ``narratives.json`` spell the strategy titles the report's one way
(``documents/wording.py``), where the seed's 1-5 table ran number and word together.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from sbdesk import models as m
from sbdesk.resources import resource
from sbdesk.services.basic_plan import basic_plan_note_row
from sbdesk.services.new_rows import NewRows
from sbdesk.services.numbers import parse_measure, parse_money
from sbdesk.services.store import PlanStore

DEMO_DIR = ("demo", "gwangjin-2023")
SOURCE_MAP = {
    "국비": "national",
    "시비": "province",
    "시·도비": "province",
    "도비": "province",
    "구비": "district",
    "시·군·구비": "district",
    "군비": "district",
}


def _text(v) -> str:
    return "" if v is None else str(v).strip()


def _money(v) -> Decimal | None:
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return Decimal(str(v))
    try:
        return parse_money(v)
    except ValueError:
        return None


def demo_dir() -> Path:
    return resource(*DEMO_DIR)


def _budget_lines(card_json: dict) -> list[m.BudgetLine]:
    out = []
    for row in card_json["budget"]["rows"]:
        src = row["source"]
        name = _text(row.get("name"))
        if src in ("계", "지방비 소계"):
            continue
        source: str | None
        if src == "기타":
            source = "national" if name in ("국비", "국고") else "other"
        else:
            source = SOURCE_MAP.get(src)
        if source is None:
            continue
        amounts = [_money(row.get(k)) for k in ("plan", "annual", "executed")]
        if all(a is None for a in amounts):
            continue
        out.append(
            m.BudgetLine(
                source=source,
                source_name=name if source == "other" else "",
                plan_amount=amounts[0],
                annual_amount=amounts[1],
                executed_amount=amounts[2],
            )
        )
    order = ["national", "province", "district", "other"]
    out.sort(key=lambda b: order.index(b.source))
    for i, b in enumerate(out):
        b.position = i
    return out


def _indicator(i: dict, pos: int) -> m.Indicator:
    judgement = None
    target, actual = _text(i.get("annual_target")), _text(i.get("actual"))
    kinds = {parse_measure(target).kind.value, parse_measure(actual).kind.value}
    if "text" in kinds and "dash" not in kinds and "blank" not in kinds:
        rate = _text(i.get("printed_rate")).replace(" ", "")
        if rate.startswith("100"):
            judgement = "달성"
    unit = _text(i.get("unit"))
    name = _text(i.get("name"))
    return m.Indicator(
        position=pos,
        name=name,
        definition=_text(i.get("definition")),
        unit=unit,
        plan_target=_text(i.get("plan_target")),
        annual_target=target,
        actual=actual,
        judgement=judgement,
        rationale=_text(i.get("rationale")),
        data_source=_text(i.get("source")),
    )


def _steps(procedure: str | None) -> list[m.DeliveryStep]:
    text = _text(procedure)
    if not text:
        return []
    parts = [p.strip() for p in re.split(r"\s*(?:→|⇒|->|▶)\s*", text) if p.strip()]
    return [m.DeliveryStep(position=i, step=p) for i, p in enumerate(parts)]


def build_demo(path: str | Path) -> PlanStore:
    """Write the Gwangjin-gu 2023 demo plan to a new plan file and return it open.

    The rows are built in memory and written by ``PlanStore.write_new`` in one go.
    """
    d = demo_dir()
    plan_json = json.loads((d / "plan.json").read_text(encoding="utf-8"))
    budget_json = json.loads((d / "budget_list.json").read_text(encoding="utf-8"))
    cards = {}
    for f in sorted((d / "projects").glob("*.json")):
        cj = json.loads(f.read_text(encoding="utf-8"))
        cards[cj["code"]] = cj
    pj, mj = plan_json["plan"], plan_json["municipality"]
    year = pj["year"]
    rows = NewRows()
    plan = rows.add(m.Plan())
    plan.term, plan.start_year, plan.end_year = pj["term"], pj["start_year"], pj["end_year"]
    plan.vision = pj.get("vision", "")
    muni = rows.add(m.Municipality())
    muni.province, muni.name = mj["province"], mj["name"]
    muni.head_title = pj.get("head_of_government_title", "")
    muni.head_name = pj.get("head_of_government", "")
    muni.submitted_to = pj.get("submitted_to", "")
    muni.population = mj.get("population")
    muni.welfare_recipients = mj.get("welfare_recipients")
    muni.dong_count = mj.get("dong_count")
    muni.total_budget = _money(mj.get("total_budget_100m_won"))
    muni.welfare_budget = _money(mj.get("welfare_budget_100m_won"))
    muni.fiscal_autonomy = _money(mj.get("fiscal_autonomy"))
    plan_years = {
        y: rows.add(m.PlanYear(year=y, council_name=f"{mj['name']} 지역사회보장협의체"))
        for y in range(plan.start_year, plan.end_year + 1)
    }
    py = plan_years[year]
    py.submitted_on, py.reviewed_on = pj.get("submitted_on", ""), pj.get("reviewed_on", "")

    strategies = {}
    for st in plan_json["strategies"]:
        system, number = st["code"].split("-")
        obj = m.Strategy(system=system, number=int(number), title=st["title"])
        rows.add(obj)
        strategies[st["code"]] = obj
        for i, ind in enumerate(st.get("indicators", [])):
            rows.add(_level_indicator(ind, i, year, strategy_id=obj.id))
    tasks = {}
    for t in plan_json["tasks"]:
        obj = m.Task(strategy_id=strategies[t["strategy"]].id, number=t["number"], title=t["title"])
        rows.add(obj)
        tasks[t["code"]] = obj
        for i, ind in enumerate(t.get("indicators", [])):
            rows.add(_level_indicator(ind, i, year, task_id=obj.id))

    # The seed prints the 2023 basic-plan figures only; the demo repeats them for
    # 2024–2026 as example values, and says so on the 기본계획 page (basic_plan_note).
    examples = plan_json.get("basic_plan_examples") or {}
    basic_years = [year, *examples.get("years", [])]
    if examples.get("note"):
        rows.add(basic_plan_note_row(examples["note"]))

    project_ids: dict[str, int] = {}
    card_by_code: dict[str, m.Card] = {}
    for entry in plan_json["project_index"]:
        code = entry["code"]
        cj = cards[code]
        parts = code.split("-")
        st = strategies[f"{parts[0]}-{parts[1]}"]
        task = tasks.get("-".join(parts[:3])) if len(parts) == 4 else None
        flags = cj["flags"]
        p = m.Project(
            strategy_id=st.id,
            task_id=task.id if task else None,
            number=int(parts[-1]),
            name=cj["name"],
            priority=bool(flags.get("priority")),
            duplicate=bool(flags.get("duplicate")),
            public_private=bool(flags.get("public_private")),
            new_in_term=flags.get("new_in_term"),
        )
        rows.add(p)
        project_ids[code] = p.id
        owner, target, content, delivery = (
            cj["owner"],
            cj["target"],
            cj["content"],
            cj["delivery"],
        )
        card = m.Card(
            project_id=p.id,
            year=year,
            department=_text(owner.get("department")),
            team=_text(owner.get("team")),
            officer=_text(owner.get("person")),
            phone=_text(owner.get("phone")),
            background=_text(cj.get("background")),
            purpose=_text(cj.get("purpose")),
            legal_basis=_text(cj.get("legal_basis")),
            change_note=_text(cj.get("change_note")),
            target_criteria=_text(target.get("criteria")),
            target_scale=_text(target.get("scale")),
            content_type=_text(content.get("type")),
            content_detail=_text(content.get("detail")),
            delivery_agencies=_text(delivery.get("agencies")),
            budget_note=_text(cj["budget"].get("note")),
            results=_text(cj.get("results")),
            effects=_text(cj.get("effects")),
            improvements=_text(cj.get("improvements")),
            review_status="검토 완료",
        )
        rows.add(card)
        card_by_code[code] = card
        for step in _steps(delivery.get("procedure")):
            step.card_id = card.id
            rows.add(step)
        lines = _budget_lines(cj)
        for line in lines:
            line.card_id = card.id
            rows.add(line)
        plan_total = sum((b.plan_amount or 0 for b in lines), Decimal(0))
        for y in basic_years:  # 2023 as printed; 2024–2026 example values repeating it
            rows.add(m.BasicBudget(project_id=p.id, year=y, amount=plan_total or None))
        for i, ind in enumerate(cj.get("indicators", [])):
            row = _indicator(ind, i)
            row.card_id = card.id
            rows.add(row)
            rows.add(
                m.BasicIndicator(
                    project_id=p.id,
                    position=i,
                    name=row.name,
                    unit=row.unit,
                    targets={str(y): row.plan_target for y in basic_years},
                )
            )
        for i, pr in enumerate(cj.get("partners", [])):
            rows.add(
                m.Partner(
                    card_id=card.id,
                    position=i,
                    agency=_text(pr.get("agency")),
                    role=_text(pr.get("role")),
                    cooperation=_text(pr.get("cooperation")),
                )
            )
        for kind, key in (("monitoring", "monitoring"), ("self", "self_evaluation")):
            block = cj.get(key) or {}
            if any(block.get(k) for k in ("who", "when", "content", "follow_up")):
                rows.add(
                    m.Evaluation(
                        card_id=card.id,
                        kind=kind,
                        position=0,
                        who=_text(block.get("who")),
                        when=_text(block.get("when")),
                        content=_text(block.get("content")),
                        follow_up=_text(block.get("follow_up")),
                    )
                )
    for kind, key in (
        ("monitoring", "monitoring_followups"),
        ("self", "self_evaluation_followups"),
    ):
        counters: dict[int, int] = {}
        for row in plan_json.get(key, []):
            card = card_by_code.get(row.get("code"))
            if card is None:
                continue
            pos = counters.get(card.id, 1)
            counters[card.id] = pos + 1
            rows.add(
                m.Evaluation(
                    card_id=card.id,
                    kind=kind,
                    position=pos,
                    content=_text(row.get("content")),
                    follow_up=_text(row.get("action")),
                    reflected=row.get("reflected"),
                )
            )
    for i, ch in enumerate(plan_json.get("changes", [])):
        rows.add(
            m.ChangeEntry(
                year=year,
                position=i,
                project_id=project_ids.get(ch.get("code")),
                project_name=_text(ch.get("name")),
                change_type=_text(ch.get("type")) or "변경",
                before=_text(ch.get("before")),
                after=_text(ch.get("after")),
                reason=_text(ch.get("reason")),
                council_review=_text(ch.get("council_review")),
                ministry_consultation=_text(ch.get("ministry_consultation")),
            )
        )
    rc = plan_json.get("review_committee", {})
    pos = 0
    for chair in rc.get("chairs", []):
        rows.add(
            m.CommitteeMember(
                year=year, position=pos, is_chair=True, title=chair["title"], name=chair["name"]
            )
        )
        pos += 1
    for name in rc.get("members", []):
        rows.add(m.CommitteeMember(year=year, position=pos, title="위원", name=name))
        pos += 1
    tf = plan_json.get("tf", {})
    for i, mem in enumerate(tf.get("members", [])):
        rows.add(
            m.TFMember(
                year=year,
                position=i,
                role=_text(mem.get("role")),
                name=_text(mem.get("name")),
                affiliation=_text(mem.get("affiliation")),
                duty=_text(mem.get("duty")),
                note=_text(mem.get("note")),
            )
        )
    for i, mt in enumerate(tf.get("meetings", [])):
        rows.add(
            m.Activity(
                year=year,
                kind="tf_meeting",
                position=i,
                title=_text(mt.get("title")),
                date=_text(mt.get("datetime")),
                participants=f"{mt.get('attendees_total', '')}명",
                content=_text(mt.get("agenda")),
                extra={k: mt.get(k) for k in ("officials", "council", "partners", "outcome")},
            )
        )
    leg = plan_json.get("legislation", {})
    for i, row in enumerate(leg.get("rows", [])):
        rows.add(
            m.Legislation(
                year=year,
                position=i,
                project_id=project_ids.get(row.get("code")),
                kind=_text(row.get("instrument")),
                title=_text(row.get("title")),
                date=_text(row.get("date")),
                relevance=_text(row.get("relevance")),
            )
        )
    base = len(leg.get("rows", []))
    for i, row in enumerate(leg.get("other_ordinances", [])):
        rows.add(
            m.Legislation(
                year=year,
                position=base + i,
                kind=_text(row.get("type")),
                title=_text(row.get("title")),
                date=_text(row.get("date")),
            )
        )
    for kind, key in (
        ("participation", "participation_events"),
        ("satisfaction", "satisfaction_efforts"),
    ):
        for i, ev in enumerate(plan_json.get(key, [])):
            rows.add(
                m.Activity(
                    year=year,
                    kind=kind,
                    position=i,
                    title=_text(ev.get("title")),
                    date=_text(ev.get("date")),
                    place=_text(ev.get("place")),
                    participants=_text(ev.get("participants")),
                    content=_text(ev.get("content")),
                    extra={k: ev[k] for k in ("conducted_by",) if ev.get(k)},
                )
            )
    for i, tr in enumerate(plan_json.get("training", [])):
        rows.add(
            m.Activity(
                year=year,
                kind="training",
                position=i,
                title=_text(tr.get("course")),
                date=_text(tr.get("dates")),
                participants=", ".join(
                    f"{a['name']}({a['affiliation']})" for a in tr.get("attendees", [])
                ),
                extra={"category": tr.get("category"), "attended": tr.get("attended")},
            )
        )
    for i, st_use in enumerate(plan_json.get("statistics_use", [])):
        rows.add(
            m.Activity(
                year=year,
                kind="statistics",
                position=i,
                title=_text(st_use.get("source")),
                content=_text(st_use.get("use")),
                project_id=project_ids.get(st_use.get("code")),
                extra={"manager": st_use.get("manager")},
            )
        )
    for key in (
        "monitoring_summary",
        "consulting",
        "consulting_reflection",
        "excellent_projects",
        "excellent_selection",
        "next_year_items",
        "monitoring_plan_vs_actual",
        "self_evaluation_plan_vs_actual",
    ):
        if key in plan_json:
            rows.add(m.YearText(year=year, key=key, value={"data": plan_json[key]}))
    # the narrative parts (1-3, 1-5, 2-가-2, 2-나-2, 4-2) in the seed's own words
    # (scripts/make_demo_narratives.py extracted them from the seed text)
    narratives = d / "narratives.json"
    if narratives.exists():
        for key, value in json.loads(narratives.read_text(encoding="utf-8")).items():
            rows.add(m.YearText(year=year, key=key, value=value))
    for row in budget_json:
        rows.add(
            m.BudgetListItem(
                year=year,
                serial=row["serial"],
                name=row["name"],
                national=_money(row.get("national")),
                province=_money(row.get("province")),
                district=_money(row.get("district")),
                other=_money(row.get("other")),
                total=_money(row.get("total")),
                local_subtotal=_money(row.get("local_subtotal")),
                kind=_text(row.get("kind")),
                project_ids=[project_ids[c] for c in row.get("plan_codes", []) if c in project_ids],
            )
        )
    PlanStore.write_new(path, rows)
    return PlanStore(path)


def _level_indicator(
    ind: dict, pos: int, year: int, strategy_id=None, task_id=None
) -> m.LevelIndicator:
    target, actual = _text(ind.get("annual_target")), _text(ind.get("actual"))
    judgement = None
    if parse_measure(actual).kind.value == "text" and ind.get("printed_rate") == 100:
        judgement = "달성"
    return m.LevelIndicator(
        strategy_id=strategy_id,
        task_id=task_id,
        year=year,
        position=pos,
        name=_text(ind.get("name")),
        annual_target=target,
        actual=actual,
        judgement=judgement,
    )


#: Printed on the 6th-term example's documents and shown by ``sbdesk demo --term 6``.
TERM6_NOTICE = (
    "예시 계획: 광진구 제5기(2023년 시행결과) 자료로 만든 제6기 계획 예시입니다. "
    "실제 광진구 제6기 계획이 아닙니다."
)


def build_demo_term6(path: str | Path):
    """The 6th-term example: ``new_term`` run on the Gwangjin 5th-term demo (a temp file)."""
    import tempfile

    from sbdesk.services.new_term import new_term

    with tempfile.TemporaryDirectory(prefix="sbdesk-demo6-") as work:
        d5 = Path(work) / "gwangjin-5.sbplan"
        build_demo(d5).close()
        return new_term(d5, Path(path), term=6, notice=TERM6_NOTICE)

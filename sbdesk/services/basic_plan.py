"""The 4-year basic plan (기본계획) as plain data: per project and indicator the
yearly targets and budgets, strategy and 대표과업 indicators, and totals per year
with and without duplicates (``sbdesk basic-plan --json``, ``summary``, the app).

Years are the baseline year (the year before the term, "'22년" of a 5th-term
plan: the previous term's figures printed for comparison) and each plan year.
A target is the text as typed ("-" is a printed dash, "" blank); a budget is a
number (the sum of a 6th-term plan's per-source rows), "-", "/" (no figure that
year) or None (blank).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sbdesk.services import compute
from sbdesk.services.rows import store_snapshot

if TYPE_CHECKING:
    from sbdesk import models as m


#: The basic plan's own note (기본계획 메모: what the figures are, where they came from),
#: shown on the app's 기본계획 page and in ``basic-plan --json``; never printed in a
#: document. A ``YearText`` of year 0 (the plan as a whole, not one year).
NOTE_YEAR, NOTE_KEY = 0, "basic_plan_note"


def basic_plan_note(store) -> str:
    """The basic plan's note as typed ("" when there is none); ``store``: anything with a
    ``path`` (a ``PlanStore`` or a ``PlanReader``)."""
    with store_snapshot(store) as r:
        return _note(r)


def _note(r) -> str:
    rows = r.rows("YearText", "year = ? AND key = ?", (NOTE_YEAR, NOTE_KEY))
    value = rows[0].value if rows else None
    return str(value.get("data") or "") if isinstance(value, dict) else ""


def basic_plan_note_row(text: str):
    """A new ``YearText`` row holding the basic plan's note (for plan builders)."""
    from sbdesk import models as m

    return m.YearText(year=NOTE_YEAR, key=NOTE_KEY, value={"data": text})


def plan_years(plan: m.Plan) -> list[int]:
    """Baseline year first, then every year of the term."""
    return [plan.start_year - 1, *range(plan.start_year, plan.end_year + 1)]


def _num(v: Decimal | None):
    if v is None:
        return None
    return int(v) if v == v.to_integral_value() else float(v)


def _flag(value: bool | None, dash: bool = False) -> str:
    if dash:
        return "-"
    return "" if value is None else ("○" if value else "×")


def basic_plan_data(store) -> dict[str, Any]:
    plan = store.plan()
    years = plan_years(plan)
    codes = store.codes()
    with store_snapshot(store) as r:  # plain rows: no ORM needed to read (services/rows.py)
        strategies = r.rows("Strategy", order="system, number, id")
        tasks = r.rows("Task", order="number, id")
        projects = r.rows("Project", order="id")
        inds = r.rows("BasicIndicator", order="position, id")
        budgets = r.rows("BasicBudget", order="id")
        note = _note(r)
    bud: dict[tuple[int, int], tuple[Decimal | None, str]] = {}
    for b in budgets:  # 5th term: one total row; 6th term: one row per source, summed
        amount, mark = bud.get((b.project_id, b.year), (None, ""))
        if b.amount is not None:
            amount = (amount or Decimal(0)) + b.amount
        bud[b.project_id, b.year] = (amount, mark or b.mark)

    def ind_rows(pred) -> list[dict]:
        return [
            {
                "name": i.name,
                "unit": i.unit,
                "targets": {str(y): (i.targets or {}).get(str(y), "") for y in years},
            }
            for i in inds
            if pred(i)
        ]

    levels = []
    for st in strategies:
        levels.append(
            {
                "level": "strategy",
                "code": f"{st.system}-{st.number}",
                "title": st.title,
                "indicators": ind_rows(
                    lambda i, st=st: (
                        i.strategy_id == st.id and i.project_id is None and i.task_id is None
                    )
                ),
            }
        )
        for t in (t for t in tasks if t.strategy_id == st.id):
            levels.append(
                {
                    "level": "task",
                    "code": f"{st.system}-{st.number}-{t.number}",
                    "title": t.title,
                    "indicators": ind_rows(
                        lambda i, t=t: i.task_id == t.id and i.project_id is None
                    ),
                }
            )
    out_projects = []
    for p in sorted(projects, key=lambda p: _key(codes[p.id])):
        row_b = {}
        for y in years:
            amount, mark = bud.get((p.id, y), (None, ""))
            row_b[str(y)] = _num(amount) if amount is not None else (mark or None)
        out_projects.append(
            {
                "code": codes[p.id],
                "name": p.name,
                "priority": _flag(p.priority, p.priority_dash),
                "public_private": _flag(p.public_private),
                "new_in_term": _flag(p.new_in_term),
                "duplicate_of": codes.get(p.duplicate_of) if p.duplicate_of else None,
                "indicators": ind_rows(lambda i, p=p: i.project_id == p.id),
                "budgets": row_b,
            }
        )
    totals = {}
    for y in years:
        pairs = [(bud.get((p.id, y), (None, ""))[0], p.duplicate_of is not None) for p in projects]
        with_dup, without = compute.basic_plan_totals(pairs)
        totals[str(y)] = {"with_duplicates": _num(with_dup), "without_duplicates": _num(without)}
    return {
        "term": plan.term,
        "note": note,
        "baseline_year": years[0],
        "years": years,
        "levels": levels,
        "projects": out_projects,
        "totals": totals,
    }


def _key(code: str) -> tuple:
    system, *nums = code.split("-")
    return (system, *(int(n) if n.isdigit() else 0 for n in nums))

"""A 시·도-size plan file for benchmarks: about 1,200 projects from 25 districts.

``make_large_plan(path, districts=25, seed=0)`` builds the Gwangjin-gu demo in a
temporary file, then writes a new plan in which every district contributes a
perturbed copy of the demo's 44 projects (plus a few repeated ones), with their
cards, delivery steps, budget lines, indicators, partners, evaluations and
basic-plan rows, so the sizes are those of a real provincial plan.

Structure: districts are grouped five at a time; each group gets its own copy
of the demo's strategies (4 + 4) and representative tasks (8), and the
projects of the group's districts sit under them (≈ 35 projects per system-I
strategy, ≈ 10 per task). Year records (change list, legislation) are copied per
district; the 첨부 2 budget list once per group; committee, TF, activities and
texts once.

Everything is written in one session with bulk inserts (ids assigned here), so
the whole plan takes a few seconds.

Run as a script: ``python bench/generate.py [OUT.sbplan] [--districts N] [--seed S] [--years Y]``
prints the time taken and the file size.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlmodel import select

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from sbdesk import models as m  # noqa: E402
from sbdesk.services.demo import build_demo  # noqa: E402
from sbdesk.services.store import PlanStore, row_to_dict  # noqa: E402

DISTRICTS = [
    "광진구", "종로구", "중구", "용산구", "성동구", "동대문구", "중랑구", "성북구", "강북구",
    "도봉구", "노원구", "은평구", "서대문구", "마포구", "양천구", "강서구", "구로구", "금천구",
    "영등포구", "동작구", "관악구", "서초구", "강남구", "송파구", "강동구",
]  # fmt: skip
GROUP = 5  # districts per copy of the strategy tree
EXTRA_PER_DISTRICT = (2, 6)  # repeated projects per district (→ ≈ 1,200 projects for 25)
CARD_CHILDREN = (m.DeliveryStep, m.BudgetLine, m.Indicator, m.Partner, m.Evaluation)
_NUM_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def _district_name(i: int) -> str:
    return DISTRICTS[i] if i < len(DISTRICTS) else f"가상{i + 1}구"


def _dump_demo() -> dict[str, list[dict]]:
    """Every row of the demo plan, by table name."""
    with tempfile.TemporaryDirectory() as td:
        src = build_demo(Path(td) / "demo.sbplan")
        try:
            with src.session() as s:
                return {
                    t.__name__: [row_to_dict(o) for o in s.exec(select(t).order_by(t.id)).all()]
                    for t in m.ALL_TABLES
                }
        finally:
            src.close()


def _scale_money(v: Decimal | None, factor: float) -> Decimal | None:
    if v is None:
        return None
    return (v * Decimal(str(round(factor, 2)))).quantize(Decimal("0.1"))


def _scale_text(text: str, factor: float) -> str:
    """Scale the first number in an indicator value as typed ("211 (가구)" → "236 (가구)")."""
    match = _NUM_RE.search(text or "")
    if not match:
        return text
    raw = match.group(0).replace(",", "")
    value = Decimal(raw) * Decimal(str(round(factor, 2)))
    places = len(raw.split(".")[1]) if "." in raw else 0
    value = value.quantize(Decimal(1).scaleb(-places))
    new = f"{value:,.{places}f}" if "," in match.group(0) else f"{value:.{places}f}"
    return text[: match.start()] + new + text[match.end() :]


class _Ids:
    """Fresh ids per table (the new file starts empty but for Plan and Municipality)."""

    def __init__(self):
        self.next: dict[str, int] = {}

    def __call__(self, table: str) -> int:
        n = self.next.get(table, 1)
        self.next[table] = n + 1
        return n


def make_large_plan(
    path: str | Path, districts: int = 25, seed: int = 0, years: int = 1
) -> PlanStore:
    """Write a 시·도-size plan (``districts`` × the demo, perturbed) and return it open.

    ``years`` > 1 gives every project a card in each of the following years too
    (4 → ≈ 5,000 cards: a district that keeps the whole term's cards in one file).
    """
    rng = random.Random(seed)
    demo = _dump_demo()
    out: dict[str, list[dict]] = {t.__name__: [] for t in m.ALL_TABLES}
    new_id = _Ids()
    by_card: dict[str, dict[int, list[dict]]] = {}
    for t in CARD_CHILDREN:
        groups: dict[int, list[dict]] = {}
        for r in demo[t.__name__]:
            groups.setdefault(r["card_id"], []).append(r)
        by_card[t.__name__] = groups
    card_of = {c["project_id"]: c for c in demo["Card"]}
    basic_ind = {}
    for r in demo["BasicIndicator"]:
        if r["project_id"]:
            basic_ind.setdefault(r["project_id"], []).append(r)
    basic_bud = {}
    for r in demo["BasicBudget"]:
        basic_bud.setdefault(r["project_id"], []).append(r)
    system_count = {s: sum(1 for x in demo["Strategy"] if x["system"] == s) for s in ("I", "II")}

    groups_n = math.ceil(districts / GROUP)
    project_map: dict[int, dict[int, int]] = {}  # district → demo project id → new id
    for g in range(groups_n):
        strat_map: dict[int, int] = {}
        task_map: dict[int, int] = {}
        for st in demo["Strategy"]:
            sid = new_id("Strategy")
            strat_map[st["id"]] = sid
            number = g * system_count[st["system"]] + st["number"]
            title = st["title"] if groups_n == 1 else f"{st['title']} ({g + 1}권역)"
            out["Strategy"].append({**st, "id": sid, "number": number, "title": title})
        for t in demo["Task"]:
            tid = new_id("Task")
            task_map[t["id"]] = tid
            out["Task"].append({**t, "id": tid, "strategy_id": strat_map[t["strategy_id"]]})
        for li in demo["LevelIndicator"]:
            out["LevelIndicator"].append(
                {
                    **li,
                    "id": new_id("LevelIndicator"),
                    "strategy_id": strat_map.get(li["strategy_id"]),
                    "task_id": task_map.get(li["task_id"]),
                }
            )
        numbers: dict[tuple, int] = {}
        for d in range(g * GROUP, min(districts, (g + 1) * GROUP)):
            district = _district_name(d)
            extras = rng.sample(demo["Project"], rng.randint(*EXTRA_PER_DISTRICT))
            copies = [(p, False) for p in demo["Project"]] + [(p, True) for p in extras]
            project_map[d] = {}
            for p, extra in copies:
                key = (p["strategy_id"], p["task_id"])
                numbers[key] = numbers.get(key, 0) + 1
                pid = new_id("Project")
                if not extra:
                    project_map[d][p["id"]] = pid
                suffix = " 2차" if extra else ""
                out["Project"].append(
                    {
                        **p,
                        "id": pid,
                        "strategy_id": strat_map[p["strategy_id"]],
                        "task_id": task_map.get(p["task_id"]),
                        "number": numbers[key],
                        "name": f"[{district}] {p['name']}{suffix}",
                        "public_private": p["public_private"]
                        if rng.random() > 0.1
                        else not p["public_private"],
                    }
                )
                _copy_card(out, new_id, rng, card_of[p["id"]], pid, district, by_card)
                for bi in basic_ind.get(p["id"], []):
                    out["BasicIndicator"].append(
                        {**bi, "id": new_id("BasicIndicator"), "project_id": pid}
                    )
                for bb in basic_bud.get(p["id"], []):
                    out["BasicBudget"].append(
                        {**bb, "id": new_id("BasicBudget"), "project_id": pid,
                         "amount": _scale_money(bb["amount"], rng.uniform(0.5, 1.8))}
                    )  # fmt: skip
        first = g * GROUP
        for item in demo["BudgetListItem"]:
            out["BudgetListItem"].append(
                {
                    **item,
                    "id": new_id("BudgetListItem"),
                    "serial": len(out["BudgetListItem"]) + 1,
                    "project_ids": [project_map[first][x] for x in item["project_ids"] or []],
                }
            )
    for d in range(districts):
        for name in ("ChangeEntry", "Legislation"):
            for r in demo[name]:
                pid = project_map[d].get(r["project_id"]) if r["project_id"] else None
                out[name].append({**r, "id": new_id(name), "project_id": pid})
    for name in ("PlanYear", "CommitteeMember", "TFMember", "YearText"):
        out[name] = [dict(r) for r in demo[name]]
    for r in demo["Activity"]:
        out["Activity"].append(
            {**r, "project_id": project_map[0].get(r["project_id"]) if r["project_id"] else None}
        )

    for k in range(1, years):
        _copy_year(out, new_id, rng, k, by_card_kind=CARD_CHILDREN)

    for table_rows in out.values():  # fresh, deterministic row identities
        for r in table_rows:
            if "uid" in r:
                r["uid"] = f"{rng.getrandbits(128):032x}"

    store = PlanStore.create(path)
    muni = {**demo["Municipality"][0], "id": 1, "name": "서울특별시", "head_title": "서울특별시장"}
    muni["population"] = (muni["population"] or 0) * districts or None
    plan = {**demo["Plan"][0], "id": 1}
    with store.session() as s:
        conn = s.connection()
        conn.execute(m.Municipality.__table__.update().where(m.Municipality.id == 1), muni)
        conn.execute(m.Plan.__table__.update().where(m.Plan.id == 1), plan)
        for t in m.ALL_TABLES:
            rows = out.get(t.__name__)
            if rows:
                conn.execute(t.__table__.insert(), rows)
    return store


def _copy_card(out, new_id, rng, card: dict, pid: int, district: str, by_card) -> None:
    cid = new_id("Card")
    out["Card"].append({**card, "id": cid, "project_id": pid, "department": card["department"]})
    money_factor = rng.uniform(0.5, 1.8)
    exec_factor = rng.uniform(0.6, 1.05)
    for t in CARD_CHILDREN:
        name = t.__name__
        for r in by_card[name].get(card["id"], []):
            row = {**r, "id": new_id(name), "card_id": cid}
            if t is m.BudgetLine:
                row["plan_amount"] = _scale_money(r["plan_amount"], money_factor)
                row["annual_amount"] = _scale_money(r["annual_amount"], money_factor)
                row["executed_amount"] = _scale_money(
                    r["executed_amount"], money_factor * exec_factor
                )
            elif t is m.Indicator:
                row["actual"] = _scale_text(r["actual"], rng.uniform(0.7, 1.3))
            elif t is m.Partner and rng.random() < 0.3:
                row["agency"] = f"{district} {r['agency']}"
            out[name].append(row)


def _copy_year(out, new_id, rng, k: int, by_card_kind) -> None:
    """Copy the first year's cards (with their rows) and level indicators ``k`` years later."""
    base_cards = [c for c in out["Card"] if c["year"] == out["Card"][0]["year"]]
    children: dict[str, dict[int, list[dict]]] = {}
    for t in by_card_kind:
        groups: dict[int, list[dict]] = {}
        for r in out[t.__name__]:
            groups.setdefault(r["card_id"], []).append(r)
        children[t.__name__] = groups
    for card in base_cards:
        cid = new_id("Card")
        out["Card"].append({**card, "id": cid, "year": card["year"] + k})
        factor = rng.uniform(0.9, 1.2)
        for t in by_card_kind:
            name = t.__name__
            for r in children[name].get(card["id"], []):
                row = {**r, "id": new_id(name), "card_id": cid}
                if t is m.BudgetLine:
                    row["annual_amount"] = _scale_money(r["annual_amount"], factor)
                    row["executed_amount"] = _scale_money(r["executed_amount"], factor * 0.9)
                out[name].append(row)
    for li in [x for x in out["LevelIndicator"] if x["year"] == out["Card"][0]["year"]]:
        out["LevelIndicator"].append({**li, "id": new_id("LevelIndicator"), "year": li["year"] + k})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="시·도 규모의 대규모 계획 파일을 만듭니다 (벤치마크용)."
    )
    ap.add_argument("out", nargs="?", default="large.sbplan")
    ap.add_argument("--districts", type=int, default=25)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--years", type=int, default=1, help="카드가 있는 연도 수 (4: 4년치 카드, 약 5,000장)"
    )
    args = ap.parse_args(argv)
    out = Path(args.out)
    if out.exists():
        print(f"이미 있는 파일입니다: {out}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    store = make_large_plan(out, districts=args.districts, seed=args.seed, years=args.years)
    elapsed = time.perf_counter() - t0
    counts = {t.__name__: store.count(t) for t in (m.Project, m.Card, m.Indicator, m.BudgetLine)}
    store.close()
    size = out.stat().st_size
    print(
        f"{out}: 사업 {counts['Project']:,}개, 카드 {counts['Card']:,}개, "
        f"지표 {counts['Indicator']:,}개, 예산행 {counts['BudgetLine']:,}개 — "
        f"{elapsed:.2f}초, {size / 1_048_576:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

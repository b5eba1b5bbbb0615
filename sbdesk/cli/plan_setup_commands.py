"""Commands of a district's own plan: ``new``, ``new-year``, ``basic-plan``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sbdesk.services.errors import PlanFileError


def register(sub) -> None:
    p = sub.add_parser("new", help="빈 계획 파일을 만듭니다 (지자체, 기수, 시작 연도)")
    p.add_argument("file", help="만들 계획 파일 (*.sbplan)")
    p.add_argument("--province", required=True, help="시·도 (예: 서울특별시)")
    p.add_argument("--district", required=True, help="시·군·구 (예: 성동구)")
    p.add_argument("--term", type=int, default=5, help="기수 (기본 5)")
    p.add_argument("--start-year", type=int, required=True, help="계획 시작 연도 (예: 2023)")
    p.add_argument(
        "--council", default=None, help="협의체 이름 (기본: <시·군·구> 지역사회보장협의체)"
    )
    p.set_defaults(func=cmd_new)

    p = sub.add_parser(
        "new-year",
        help="한 해의 카드에서 다음 해 카드를 만듭니다 (기본계획의 목표·예산, 실적은 비움)",
    )
    p.add_argument("file")
    p.add_argument("--from", dest="from_year", type=int, required=True, help="원본 연도")
    p.add_argument("--to", dest="to_year", type=int, required=True, help="만들 연도")
    p.set_defaults(func=cmd_new_year)

    p = sub.add_parser("basic-plan", help="기본계획 4개년 목표·예산과 연도별 합계")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="JSON 한 개로 출력")
    p.set_defaults(func=cmd_basic_plan)


def cmd_new(args) -> int:
    from sbdesk.services.store import PlanStore

    path = Path(args.file)
    if path.exists():
        raise PlanFileError(f"이미 있는 파일입니다: {path}. 다른 이름을 지정하세요.")
    if not path.parent.exists():
        raise PlanFileError(f"계획 파일을 만들 폴더가 없습니다: {path.parent}")
    store = PlanStore.create_plan(
        path, args.province, args.district, args.term, args.start_year, args.council
    )
    try:
        muni, plan = store.municipality(), store.plan()
    finally:
        store.close()
    print(
        f"새 계획을 만들었습니다: {path.resolve()}\n"
        f"  {muni.province} {muni.name} 제{plan.term}기 ({plan.start_year}~{plan.end_year})\n"
        f"  단체장: {muni.head_title} / 제출처: {muni.submitted_to} 귀하 / 협의체: {muni.council_name}"
    )
    return 0


def cmd_new_year(args) -> int:
    from sbdesk.cli.plan_files import open_store

    store = open_store(args.file, read_only=False)
    try:
        result = store.make_year_cards(args.from_year, args.to_year)
    finally:
        store.close()
    print(result.summary())
    return 0


def cmd_basic_plan(args) -> int:
    from sbdesk.cli.plan_files import open_store
    from sbdesk.services.basic_plan import basic_plan_data

    store = open_store(args.file)
    try:
        data = basic_plan_data(store)
    finally:
        store.close()
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print(basic_plan_text(data))
    return 0


def _cell(v) -> str:
    from decimal import Decimal

    from sbdesk.services.numbers import format_money

    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return format_money(Decimal(str(v)))


def basic_plan_text(data: dict) -> str:
    years = data["years"]
    head = "  ".join(
        f"'{y % 100:02d}" + ("(기준)" if y == data["baseline_year"] else "") for y in years
    )
    lines = [f"기본계획 제{data['term']}기 — 연도: {head}"]
    for p in data["projects"]:
        dup = f" (= {p['duplicate_of']}, 합계에서 한 번만)" if p["duplicate_of"] else ""
        budgets = " / ".join(_cell(p["budgets"][str(y)]) or "·" for y in years)
        lines.append(f"{p['code']:<10} {p['name']}{dup}  예산 {budgets}")
        for ind in p["indicators"]:
            targets = " / ".join(ind["targets"][str(y)] or "·" for y in years)
            lines.append(f"{'':<10}   {ind['name']}: {targets}")
    lines.append("")
    lines.append(basic_totals_line(data))
    return "\n".join(lines)


def basic_totals_line(data: dict) -> str:
    parts = []
    for y in data["years"]:
        t = data["totals"][str(y)]
        w, wo = _cell(t["with_duplicates"]) or "-", _cell(t["without_duplicates"]) or "-"
        parts.append(f"{y}년 {w}" + (f" (중복 제외 {wo})" if w != wo else ""))
    return "기본계획 예산(백만원): " + ", ".join(parts)

"""Core commands: demo, summary, check, export-json, import-json, unlock, salvage."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

from sbdesk.cli.plan_files import open_reader, open_store
from sbdesk.services.errors import PlanFileError


def register(sub) -> None:
    p = sub.add_parser("demo", help="내장 예시 계획(광진구 2023)을 새 파일로 만듭니다")
    p.add_argument("file", help="만들 계획 파일")
    p.add_argument(
        "--term",
        type=int,
        choices=(5, 6),
        default=5,
        help="6: 광진구 제5기 자료로 만든 제6기 예시 계획 (실제 계획 아님)",
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("new-term", help="지난 기수 계획에서 새 기수(제6기) 계획 파일을 만듭니다")
    p.add_argument("old", help="지난 기수 계획 파일 (바뀌지 않습니다)")
    p.add_argument("new", help="만들 새 계획 파일")
    p.add_argument("--term", type=int, choices=(6,), default=6, help="새 기수 (6)")
    p.set_defaults(func=cmd_new_term)

    p = sub.add_parser("summary", help="한 해의 총괄표(전략체계별 개요와 사업별 수치)")
    p.add_argument("file")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--json", action="store_true", help="JSON 한 개로 출력")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("check", help="계획 점검: 누락 항목, 맞지 않는 합계 등")
    p.add_argument("file")
    p.add_argument(
        "--year", type=int, default=None, help="점검할 연도 (기본: 카드가 있는 모든 연도)"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("export-json", help="계획 파일 전체를 JSON으로 내보냅니다 (백업·이동용)")
    p.add_argument("file")
    p.add_argument("out")
    p.add_argument("--force", action="store_true", help="같은 이름의 파일이 있으면 덮어씁니다")
    p.set_defaults(func=cmd_export_json)

    p = sub.add_parser(
        "unlock",
        help="다른 PC가 남긴 잠금을 해제합니다 (그 PC에서 정말 쓰고 있지 않을 때만)",
    )
    p.add_argument("file", help="계획 파일 (*.sbplan)")
    p.add_argument("--yes", action="store_true", help="묻지 않고 해제합니다")
    p.set_defaults(func=cmd_unlock)

    p = sub.add_parser(
        "salvage",
        help="손상된 계획 파일에서 읽을 수 있는 내용을 JSON으로 꺼냅니다 (import-json으로 다시 만듦)",
    )
    p.add_argument("broken", help="손상된 계획 파일")
    p.add_argument("out", help="만들 JSON 파일")
    p.add_argument("--force", action="store_true", help="같은 이름의 파일이 있으면 덮어씁니다")
    p.set_defaults(func=cmd_salvage)

    p = sub.add_parser("import-json", help="JSON에서 새 계획 파일을 만듭니다")
    p.add_argument("src")
    p.add_argument("file")
    p.set_defaults(func=cmd_import_json)


def _target(path: str) -> Path:
    p = Path(path)
    if p.suffix == "":
        p = p.with_name(p.name)  # a bare name is allowed (``sbdesk demo x``)
    return p


def cmd_demo(args) -> int:
    from sbdesk.services.demo import build_demo, build_demo_term6

    path = _target(args.file)
    if path.exists():
        raise PlanFileError(f"이미 있는 파일입니다: {path}. 다른 이름을 지정하세요.")
    if getattr(args, "term", 5) == 6:
        result = build_demo_term6(path)
        print(
            f"제6기 예시 계획을 만들었습니다: {path} (사업 {result.projects}개). "
            "광진구 제5기 자료로 만든 예시이며 실제 계획이 아닙니다."
        )
        return 0
    store = build_demo(path)
    n = len(store.codes())
    store.close()
    print(f"예시 계획을 만들었습니다: {path} (사업 {n}개)")
    return 0


def cmd_new_term(args) -> int:
    from sbdesk.services.new_term import new_term

    old = Path(args.old)
    if not old.exists():
        raise PlanFileError(f"계획 파일을 찾을 수 없습니다: {args.old}")
    result = new_term(old, _target(args.new), term=args.term)
    src = f"{result.source_year}년 카드" if result.source_year else "카드 없음"
    print(
        f"제{args.term}기 계획을 만들었습니다: {result.path} (사업 {result.projects}개, "
        f"원본 {args.old}의 {src} 기준). 원본 파일은 바뀌지 않았습니다."
    )
    return 0


def _num(v: Decimal | None):
    """Money as a JSON number: an int when whole, else the exact decimal as a float."""
    if v is None:
        return None
    return int(v) if v == v.to_integral_value() else float(v)


def _rate(v: Decimal | None):
    """A rate (one decimal) as a JSON number: 116.0, 124.1."""
    return None if v is None else float(v)


def summary_dict(store, year: int) -> dict:
    view = store.year_view(year)
    systems = []
    for sv in view.systems:
        o = sv.overview
        systems.append(
            {
                "system": sv.system,
                "projects": o.projects,
                "budget": _num(o.budget),
                "executed": _num(o.executed),
                "public_private": o.public_private,
                "non_budget": o.non_budget,
                "avg_achievement": _rate(o.avg_achievement),
                "avg_execution": _rate(o.avg_execution),
                "execution_ratio": _rate(o.execution_ratio),
            }
        )
    projects = []
    for pv in view.all_projects():
        projects.append(
            {
                "code": pv.code,
                "name": pv.name,
                "budget": _num(pv.budget.annual.total),
                "executed": _num(pv.budget.executed.total),
                "execution": _rate(pv.execution),
                "achievement": _rate(pv.achievement),
                "indicators": [
                    {
                        "name": iv.row.name,
                        "target": iv.row.annual_target,
                        "actual": iv.row.actual,
                        "achievement": _rate(iv.achievement),
                    }
                    for iv in pv.indicators
                ],
            }
        )
    from sbdesk.services.basic_plan import basic_plan_data

    basic = basic_plan_data(store)
    plan = store.plan()
    return {
        "term": plan.term,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "year": year,
        "systems": systems,
        "projects": projects,
        "basic_plan_totals": basic["totals"],
    }


def cmd_summary(args) -> int:
    from sbdesk.services.numbers import format_money, format_rate

    store = open_reader(args.file)
    try:
        if args.year not in store.years():
            years = store.years()
            raise PlanFileError(
                f"{args.year}년은 이 계획의 기간({years[0]}~{years[-1]})이 아닙니다."
            )
        data = summary_dict(store, args.year)
    finally:
        store.close()
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for s in data["systems"]:
        print(
            f"[{s['system']}] 사업 {s['projects']}개, 예산 {format_money(_dec(s['budget']))}백만원, "
            f"집행 {format_money(_dec(s['executed']))}백만원, 민관협력 {s['public_private']}개, "
            f"비예산 {s['non_budget']}개, 평균 달성률 {format_rate(_dec(s['avg_achievement']))}, "
            f"평균 집행률 {format_rate(_dec(s['avg_execution']))}, "
            f"총액 집행률 {format_rate(_dec(s['execution_ratio']))}"
        )
    from sbdesk.cli.plan_setup_commands import basic_totals_line

    print(
        basic_totals_line(
            {
                "years": [int(y) for y in data["basic_plan_totals"]],
                "totals": data["basic_plan_totals"],
            }
        )
    )
    for p in data["projects"]:
        print(
            f"{p['code']:<10} {p['name']}  달성률 {format_rate(_dec(p['achievement']))}  "
            f"집행률 {format_rate(_dec(p['execution']))}"
        )
    return 0


def _dec(v):
    return None if v is None else Decimal(str(v))


def cmd_check(args) -> int:
    from sbdesk.services.check import format_findings, run_checks

    store = open_store(args.file)
    try:
        findings = run_checks(store, args.year)
    finally:
        store.close()
    if args.json:
        json.dump([f.as_dict() for f in findings], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(format_findings(findings))
    return 1 if any(f.severity == "error" for f in findings) else 0


def cmd_export_json(args) -> int:
    from sbdesk.services.interchange import export_json

    store = open_store(args.file)
    try:
        export_json(store, Path(args.out), overwrite=args.force)
    finally:
        store.close()
    print(f"내보냈습니다: {args.out}")
    return 0


def cmd_unlock(args) -> int:
    from sbdesk.services import lock

    path = Path(args.file)
    if not path.exists():
        raise PlanFileError(f"계획 파일을 찾을 수 없습니다: {args.file}")
    holder = lock.read_holder(path)
    if holder is None:
        print(f"'{path.name}'은(는) 잠겨 있지 않습니다.")
        return 0
    print(f"'{path.name}' 잠금: {lock.describe(holder)}")
    print(
        "경고: 그 사람이 아직 이 파일을 고치고 있다면, 잠금을 해제한 뒤 두 곳에서 함께 고치게 되어 "
        "서로의 입력이 사라질 수 있습니다. 그 PC에서 sbdesk가 꺼져 있는지 먼저 확인하세요."
    )
    if not args.yes:
        try:
            answer = input("잠금을 해제할까요? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes", "예", "ㅛ"):
            print("해제하지 않았습니다.")
            return 1
    lock.break_lock(path)
    print("잠금을 해제했습니다.")
    return 0


def cmd_salvage(args) -> int:
    from sbdesk.services.salvage import salvage

    report = salvage(Path(args.broken), Path(args.out), overwrite=args.force)
    for line in report.lines():
        print(line)
    print(f"복구한 행 {report.recovered:,}개를 저장했습니다: {report.out}")
    if report.lost_anything:
        print("위에 적힌 내용은 잃었습니다. 새 계획을 만든 뒤 그 부분을 확인해 다시 입력하세요.")
    else:
        print("잃은 내용은 없습니다.")
    print(f'새 계획 파일 만들기: sbdesk import-json "{report.out}" 새계획.sbplan')
    return 1 if report.lost_anything else 0


def cmd_import_json(args) -> int:
    from sbdesk.services.interchange import import_json

    import_json(Path(args.src), Path(args.file))
    print(f"가져왔습니다: {args.file}")
    return 0

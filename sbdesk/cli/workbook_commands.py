"""CLI: export-xlsx, dept-workbooks, import-xlsx (registered by ``sbdesk.cli.main``)."""

from __future__ import annotations

import sys
from pathlib import Path

from sbdesk.services.errors import InterchangeError


def register(sub) -> None:
    p = sub.add_parser(
        "export-xlsx", help="시행결과 보고서의 표 전체를 Excel 통합문서 하나로 내보냅니다"
    )
    p.add_argument("file", help="계획 파일 (*.sbplan)")
    p.add_argument("--year", type=int, required=True, help="연도")
    p.add_argument("--out", required=True, help="만들 통합문서 (*.xlsx)")
    p.add_argument("--force", action="store_true", help="같은 이름의 파일이 있으면 덮어씁니다")
    p.set_defaults(func=cmd_export_xlsx)

    p = sub.add_parser(
        "dept-workbooks", help="부서별 사업 카드 통합문서를 내보냅니다 (부서가 입력해 돌려보냄)"
    )
    p.add_argument("file", help="계획 파일 (*.sbplan)")
    p.add_argument("--year", type=int, required=True, help="연도")
    p.add_argument("--out", required=True, help="통합문서를 둘 폴더")
    p.add_argument("--department", default=None, help="이 부서만 (예: 복지정책과)")
    p.set_defaults(func=cmd_dept_workbooks)

    p = sub.add_parser(
        "import-xlsx", help="돌려받은 부서 통합문서(또는 첨부 2 예산 목록)를 계획에 합칩니다"
    )
    p.add_argument("file", help="계획 파일 (*.sbplan)")
    p.add_argument("workbooks", nargs="+", metavar="WORKBOOK", help="가져올 통합문서 (*.xlsx)")
    p.add_argument("--dry-run", action="store_true", help="바뀔 내용만 보여 주고 쓰지 않습니다")
    p.add_argument("--yes", action="store_true", help="묻지 않고 적용합니다")
    p.add_argument(
        "--skip-conflicts",
        action="store_true",
        help="충돌(내보낸 뒤 앱에서도 바뀐 항목)은 적용하지 않고 앱의 값을 둡니다",
    )
    p.add_argument(
        "--accept-warnings",
        action="store_true",
        help="확인이 필요한 값(예산의 3배를 넘는 집행 등)도 적용합니다 (없으면 빼고 적용)",
    )
    p.add_argument(
        "--year",
        type=int,
        default=None,
        help="연도 (부서 통합문서는 파일에 적힌 연도와 같아야 함; 첨부 2 목록에는 필요)",
    )
    p.set_defaults(func=cmd_import_xlsx)


def _open(path: str, read_only: bool):
    from sbdesk.cli.plan_files import open_store

    return open_store(path, read_only=read_only)


def cmd_export_xlsx(args) -> int:
    from sbdesk.export.xlsx.results_tables import export_tables

    store = _open(args.file, True)
    try:
        out = export_tables(store, args.year, Path(args.out), overwrite=args.force)
    finally:
        store.close()
    print(f"내보냈습니다: {out}")
    return 0


def cmd_dept_workbooks(args) -> int:
    from sbdesk.export.xlsx.dept_workbook import export_department_workbooks

    store = _open(args.file, True)
    try:
        notes: list[str] = []
        paths = export_department_workbooks(
            store, args.year, Path(args.out), args.department, notes=notes
        )
    finally:
        store.close()
    for p in paths:
        print(f"내보냈습니다: {p}")
    for note in notes:
        print(f"알림: {note}")
    print(f"부서 통합문서 {len(paths)}개")
    return 0


def classify(path: Path) -> tuple[str, int | None]:
    """("cards" | "budget_list", year in the stamp or None) of a workbook; InterchangeError if unreadable."""
    from sbdesk.export.xlsx import common as xc
    from sbdesk.importers.budget_list import looks_like_budget_list

    # the stamp sheet alone first: a department workbook's 400 card sheets are read once,
    # by the importer, not twice
    stamp_book = xc.read_book(path, only=(xc.STAMP_SHEET,))
    try:
        stamp = xc.read_stamp(stamp_book, path.name)
    except InterchangeError:
        return "cards", None  # the card reader gives the full message
    if stamp is not None and stamp.get("format") == xc.FORMAT_TABLES:
        year = stamp.get("year")
        return "budget_list", year if isinstance(year, int) else None
    if stamp is None and looks_like_budget_list(xc.read_book(path)):
        return "budget_list", None
    return "cards", None


def read_any(store, paths: list[Path], year: int | None):
    """Read department workbooks and budget lists into one ImportPlan."""
    from sbdesk.importers.budget_list import read_budget_list
    from sbdesk.importers.workbook import read_workbooks

    cards, budget = [], []
    for p in paths:
        kind, stamp_year = classify(p)
        (budget if kind == "budget_list" else cards).append((p, stamp_year))
    plan = None
    if cards:
        plan = read_workbooks(store, [p for p, _ in cards], year)
        year = year or plan.year
    for p, stamp_year in budget:
        y = year or stamp_year
        if y is None:
            raise InterchangeError(
                f"'{p.name}'은(는) 첨부 2 예산 목록입니다. --year로 연도를 지정하세요."
            )
        bplan = read_budget_list(store, y, p)
        plan = bplan if plan is None else plan.merge(bplan)
    return plan


def accepted_for_cli(plan, skip_conflicts: bool, accept_warnings: bool) -> list:
    """The entries the CLI applies: conflicts only without --skip-conflicts, warned values only
    with --accept-warnings (a warning needs a confirmation the CLI cannot ask for otherwise)."""
    return [
        e
        for e in plan.entries
        if not (skip_conflicts and e.conflict) and (accept_warnings or not e.warning)
    ]


def _ask() -> bool:
    try:
        answer = input("적용할까요? [y/N] ")
    except EOFError:
        print()
        return False
    return answer.strip().lower() in ("y", "yes", "예", "ㅛ")


def cmd_import_xlsx(args) -> int:
    from sbdesk.importers.diff_types import format_plan
    from sbdesk.importers.workbook import apply_import

    paths = [Path(p) for p in args.workbooks]
    store = _open(args.file, args.dry_run)
    try:
        plan = read_any(store, paths, args.year)
        print(format_plan(plan))
        if args.dry_run:
            print("(시험 실행: 아무것도 쓰지 않았습니다)")
            return 2 if plan.errors or plan.blocked else 0
        if plan.errors:
            raise InterchangeError(
                f"고칠 곳이 {len(plan.errors)}군데 있어 가져오지 않았습니다. 계획은 그대로입니다."
            )
        accepted = accepted_for_cli(plan, args.skip_conflicts, args.accept_warnings)
        left = len(plan.entries) - len(accepted)
        if args.skip_conflicts and plan.conflicts:
            print(f"충돌 {len(plan.conflicts)}개는 적용하지 않습니다 (--skip-conflicts).")
        held = [e for e in plan.warnings if not args.accept_warnings]
        if held:
            print(
                f"확인이 필요한 값 {len(held)}개는 적용하지 않습니다. 맞다면 --accept-warnings를 붙여 다시 하세요."
            )
        code = 0
        if plan.blocked:
            code = 2
            print(
                f"시트에 고칠 곳이 있는 사업 {len(plan.blocked)}개는 가져오지 않았습니다 (위 오류 참고)."
                + (" 나머지 사업은 적용합니다." if accepted else ""),
                file=sys.stderr,
            )
        if not accepted:
            return code or (1 if left else 0)
        if not args.yes and not _ask():
            print("적용하지 않았습니다. 계획은 그대로입니다.")
            return 1
        result = apply_import(store, plan, accepted)
        print(result.summary())
    finally:
        store.close()
    sys.stdout.flush()
    return code

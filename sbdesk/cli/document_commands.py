"""``sbdesk report``: printable documents from the command line."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from sbdesk.export.pdf.build import KINDS
from sbdesk.services.errors import PlanFileError, SbdeskError


def register(sub) -> None:
    p = sub.add_parser(
        "report",
        help="인쇄용 PDF 문서를 만듭니다 (시행결과 보고서, 심의결과서, 모니터링 자료, 사업 카드, 기본계획 표)",
        description=(
            "계획 파일에서 인쇄용 PDF를 만듭니다. 종류: "
            + ", ".join(f"{k} ({v})" for k, v in KINDS.items())
            + ". FILE 자리에 'demo'를 쓰면 (그런 파일이 없을 때) 내장 예시 계획(광진구 2023)을 씁니다."
        ),
    )
    p.add_argument("file", help="계획 파일 (*.sbplan)")
    p.add_argument(
        "--year", type=int, default=None, help="연도 (계획 기간 안; basic-plan에는 필요 없음)"
    )
    p.add_argument(
        "--kind", choices=list(KINDS), default="results", help="문서 종류 (기본: results)"
    )
    p.add_argument(
        "--project",
        action="extend",
        nargs="+",
        default=None,
        metavar="CODE",
        help="사업 번호 (I-3-1), 전략 (I-3) 또는 대표과업 (II-1-2); "
        "monitoring-pack, card, basic-plan에서 고를 때",
    )
    p.add_argument("--out", required=True, help="만들 PDF 파일")
    p.add_argument("--force", action="store_true", help="같은 이름의 파일이 있으면 덮어씁니다")
    p.add_argument(
        "--final",
        action="store_true",
        help="점검 오류가 있어도 '초안' 표시 없이 최종본으로 만듭니다 (확인한 경우에만)",
    )
    p.set_defaults(func=cmd_report)


class _Dots:
    """Progress on stderr for a terminal: one line, rewritten."""

    def __init__(self):
        self.tty = sys.stderr.isatty()

    def report(self, done: int, total: int, text: str = "") -> None:
        if self.tty and total:
            sys.stderr.write(f"\r{text} {min(done, total)}/{total}   ")
            sys.stderr.flush()

    def check(self) -> None:
        pass

    def end(self) -> None:
        if self.tty:
            sys.stderr.write("\r" + " " * 60 + "\r")


def cmd_report(args) -> int:
    from sbdesk.export.pdf.build import build_document
    from sbdesk.services.store import PlanStore

    if args.project and args.kind in ("results", "review-sheet"):
        raise SbdeskError(
            f"--project는 {args.kind} 문서에는 쓸 수 없습니다 (monitoring-pack, card, basic-plan에서 씁니다)."
        )
    out = Path(args.out)
    src = Path(args.file)
    tmpdir = None
    try:
        if not src.exists() and args.file == "demo":
            from sbdesk.services.demo import build_demo

            tmpdir = tempfile.TemporaryDirectory(prefix="sbdesk-demo-")
            src = Path(tmpdir.name) / "demo.sbplan"
            build_demo(src).close()
            print("내장 예시 계획(광진구 2023)을 씁니다.", file=sys.stderr)
        if not src.exists():
            raise PlanFileError(f"계획 파일을 찾을 수 없습니다: {args.file}")
        store = PlanStore(src, read_only=True)
        try:
            dots = _Dots()
            result = build_document(
                store,
                args.year,
                args.kind,
                out,
                project_codes=args.project,
                progress=dots,
                overwrite=args.force,
                final=args.final,
            )
            dots.end()
        finally:
            store.close()
    finally:
        if tmpdir is not None:
            tmpdir.cleanup()
    print(f"만들었습니다: {result.path} ({KINDS[args.kind]}, {result.pages}쪽)")
    if result.draft:
        print(
            "점검(sbdesk check)에 오류가 있어 모든 쪽에 '초안' 표시를 넣었습니다. "
            "오류를 고치거나, 확인한 뒤 최종본으로 내려면 --final을 붙이세요.",
            file=sys.stderr,
        )
    return 0

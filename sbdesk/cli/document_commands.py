"""``sbdesk report``: printable documents from the command line."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from sbdesk.export.pdf.build import FORMATS, KINDS
from sbdesk.services.errors import PlanFileError, SbdeskError


def register(sub) -> None:
    p = sub.add_parser(
        "report",
        help="PDF 또는 한글(HWPX) 문서를 만듭니다 (시행결과 보고서, 심의결과서, 모니터링 자료, 사업 카드, 기본계획 표)",
        description=(
            "계획 파일에서 PDF 또는 한글(HWPX) 문서를 만듭니다. 형식은 --format, 없으면 "
            "--out의 확장자(.hwpx면 한글, 그 밖에는 PDF)를 따릅니다. 종류: "
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
    p.add_argument("--out", required=True, help="만들 파일 (.pdf 또는 .hwpx)")
    p.add_argument(
        "--format",
        choices=list(FORMATS),
        default=None,
        help="문서 형식: pdf 또는 hwpx (기본: --out의 확장자를 따름)",
    )
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


def open_for_report(path: Path, kind: str):
    """The plan opened to read for a document: plain rows (``PlanReader``, no ORM imported)
    when the file has the current schema, else the read-only store (which reads a migrated
    copy of an older file); the 6th-term plan document reads through the store's sessions."""
    from sbdesk.services import planfile

    if kind != "term-plan" and planfile.inspect(path) >= planfile.SCHEMA_VERSION:
        from sbdesk.services.reader import PlanReader

        return PlanReader(path)
    from sbdesk.services.store import PlanStore

    return PlanStore(path, read_only=True)


def cmd_report(args) -> int:
    from sbdesk.export.pdf.build import build_document

    if args.project and args.kind in ("results", "review-sheet"):
        raise SbdeskError(
            f"--project는 {args.kind} 문서에는 쓸 수 없습니다 (monitoring-pack, card, basic-plan에서 씁니다)."
        )
    out = Path(args.out)
    fmt = getattr(args, "format", None)
    if fmt:
        suffix = out.suffix.lower()
        if not suffix:
            out = out.with_name(f"{out.name}.{fmt}")
        elif suffix != f".{fmt}":
            raise SbdeskError(
                f"--format {fmt}와(과) 출력 파일의 확장자 {out.suffix}가 다릅니다. "
                f"확장자를 .{fmt}로 바꾸거나 --format을 빼세요."
            )
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
        store = open_for_report(src, args.kind)
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
                fmt=fmt,
            )
            dots.end()
        finally:
            store.close()
    finally:
        if tmpdir is not None:
            tmpdir.cleanup()
    fmt_name = FORMATS["hwpx" if result.path.suffix.lower() == ".hwpx" else "pdf"]
    pages = f"{result.pages}쪽" if result.path.suffix.lower() != ".hwpx" else f"약 {result.pages}쪽"
    print(f"만들었습니다: {result.path} ({KINDS[args.kind]}, {fmt_name}, {pages})")
    if result.draft:
        print(
            "점검(sbdesk check)에 오류가 있어 모든 쪽에 '초안' 표시를 넣었습니다. "
            "오류를 고치거나, 확인한 뒤 최종본으로 내려면 --final을 붙이세요.",
            file=sys.stderr,
        )
    return 0

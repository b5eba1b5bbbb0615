"""The 심의결과서 (review sheet): the record of the council's deliberation.

Laid out as the seed's sheet (lines 39–61): the title "심 의 결 과 서", the
statement naming the plan and year, then the meeting as a record — 회의명 and
차수, 일시 and 방식 (대면 / 서면), 안건, 심의 결과 (원안 의결 / 수정 의결 with the
amendments), 재적 / 출석 and whether the quorum was met — the date, the
council, the co-chairs and every member with 소속 and a seal space "(인)"; a
member recorded as absent is marked "불참" instead. Two members a line, three
or four when there are more than 40; the sheet is shrunk to stay on one page.

What nobody entered stays blank (a form to fill in), never "해당 없음". The
meeting fields are ``PlanYear.review_*`` and ``CommitteeMember.affiliation`` /
``present`` (the plan pages of issue 9).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Spacer, Table

from sbdesk.documents.context import Ctx
from sbdesk.export.pdf.fonts import BODY, GOTHIC, GOTHIC_BOLD
from sbdesk.export.pdf.layout import PORTRAIT_FRAME, ReportDoc
from sbdesk.export.pdf.styles import LABEL_BG, P, grid, styles, widths
from sbdesk.services import compute
from sbdesk.services.read_model import YearView

_HANGUL_NAME = re.compile(r"^[가-힣]{2,5}$")
ABSENT = "불참"
SEAL = "(인)"


def spaced(name: str) -> str:
    """ "김경호" → "김 경 호", the way signers' names are printed."""
    n = (name or "").strip()
    return " ".join(n) if _HANGUL_NAME.match(n) else n


def _seal(member) -> str:
    return ABSENT if getattr(member, "present", None) is False else SEAL


def meeting_rows(ctx: Ctx) -> list[tuple[str, str]]:
    """(label, text) of the meeting record, as entered; blank where nothing was entered."""
    py = ctx.view.plan_year
    title = getattr(py, "review_title", "") or ""
    rnd = getattr(py, "review_round", "") or ""
    if rnd and rnd not in title:
        title = f"{title} ({rnd})" if title else rnd
    mode = getattr(py, "review_mode", "") or ""
    when = " · ".join(x for x in (ctx.reviewed_on, f"{mode} 회의" if mode else "") if x)
    agenda = getattr(py, "review_agenda", "") or f"{ctx.full_name} {ctx.plan_name} 심의"
    result = getattr(py, "review_result", "") or ""
    amendments = (getattr(py, "review_amendments", "") or "").strip()
    if amendments:
        result = f"{result}\n(수정 내용) {amendments}" if result else f"(수정 내용) {amendments}"
    enrolled, present, met = compute.attendance(
        ctx.view.committee,
        getattr(py, "review_enrolled", None),
        getattr(py, "review_present", None),
    )
    counts = []
    if enrolled is not None:
        counts.append(f"재적 {enrolled}명")
    if present is not None:
        counts.append(f"출석 {present}명")
    if met is not None:
        counts.append("(재적 과반수 출석)" if met else "(의사정족수 미달)")
    return [
        ("회 의 명", title),
        ("일시·방식", when),
        ("안    건", agenda),
        ("심의 결과", result),
        ("재적·출석", " ".join(counts)),
    ]


def review_sheet_flowables(ctx: Ctx, height: float = PORTRAIT_FRAME[1]) -> list:
    """The sheet as flowables that fit one portrait page of ``height``."""
    s = styles()
    view = ctx.view
    chairs = [m for m in view.committee if m.is_chair]
    members = [m for m in view.committee if not m.is_chair]
    width = PORTRAIT_FRAME[0]

    out: list = [Spacer(0, 6 * mm)]
    out.append(P("심 의 결 과 서", s.doc_title, bullets=False))
    statement = (
        f"{ctx.full_name} 제{ctx.term}기 지역사회보장계획의 {ctx.year}년도 연차별 "
        f"시행계획의 시행결과를 아래와 같이 심의합니다."
    )
    out.append(P(statement, s.statement, bullets=False))
    out.append(Spacer(0, 4 * mm))
    mw = widths(width, [24, 150])
    mt = Table(
        [[P(lab, s.label), P(text, s.cell)] for lab, text in meeting_rows(ctx)],
        colWidths=mw,
        rowHeights=[None] * 5,
    )
    mt.setStyle(
        grid(
            [("BACKGROUND", (0, 0), (0, -1), LABEL_BG), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
            head_rows=0,
        )
    )
    out.append(mt)
    out.append(Spacer(0, 6 * mm))
    date = Table([[ctx.reviewed_on or "      .     .     ."]], colWidths=[width])
    date.setStyle([("FONT", (0, 0), (-1, -1), BODY, 14), ("ALIGN", (0, 0), (-1, -1), "CENTER")])
    out.append(date)
    out.append(Spacer(0, 5 * mm))
    council = Table([[f"{ctx.council} 위원"]], colWidths=[width])
    council.setStyle(
        [("FONT", (0, 0), (-1, -1), GOTHIC_BOLD, 13), ("ALIGN", (0, 0), (-1, -1), "CENTER")]
    )
    out.append(council)
    out.append(Spacer(0, 4 * mm))

    if chairs:
        data = []
        for i in range(0, len(chairs), 2):
            row = []
            for m in chairs[i : i + 2]:
                row += [m.title or "위원장", spaced(m.name), _seal(m)]
            data.append(row + [""] * (6 - len(row)))
        ct = Table(data, colWidths=[width / 2 * f for f in (0.36, 0.40, 0.24)] * 2)
        ct.setStyle(
            [
                ("FONT", (0, 0), (-1, -1), GOTHIC_BOLD, 13),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TEXTCOLOR", (2, 0), (2, -1), "#444444"),
                ("TEXTCOLOR", (5, 0), (5, -1), "#444444"),
            ]
        )
        out.append(ct)
        out.append(Spacer(0, 3 * mm))

    if not members:
        out.append(
            P("(위원 명단이 없습니다. 심의결과서의 위원을 입력하세요.)", s.body, bullets=False)
        )
        return [KeepInFrame(width, height, out, mode="shrink")]

    per_line = 2 if len(members) <= 40 else (3 if len(members) <= 66 else 4)
    lines = math.ceil(len(members) / per_line)
    with_affiliation = any((m.affiliation or "").strip() for m in members)
    size = 11 if per_line == 2 else (9.5 if per_line == 3 else 8.5)
    small = s.cell_small
    data: list[list] = []
    for i in range(lines):
        row: list = []
        for j in range(per_line):
            k = i * per_line + j  # line by line, left to right (the seed's order)
            if k < len(members):
                mb = members[k]
                if with_affiliation:
                    row.append(P(mb.affiliation or "", small, bullets=False))
                row += [spaced(mb.name), _seal(mb)]
            else:
                row += [""] * (3 if with_affiliation else 2)
        data.append(row)
    col = width / per_line
    parts = (0.40, 0.36, 0.24) if with_affiliation else (0.62, 0.38)
    n = len(parts)
    mt2 = Table(data, colWidths=[col * f for f in parts] * per_line)
    mt2.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), BODY, size),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            *[("TEXTCOLOR", (j * n + n - 1, 0), (j * n + n - 1, -1), "#444444") for j in range(per_line)],
            *[("FONT", (j * n + n - 1, 0), (j * n + n - 1, -1), GOTHIC, size - 1) for j in range(per_line)],
        ]
    )  # fmt: skip
    out.append(mt2)
    return [KeepInFrame(width, height, out, mode="shrink")]


def build(view: YearView, path: Path, progress=None) -> int:
    ctx = Ctx(view)
    doc = ReportDoc(
        str(path),
        title=f"{ctx.full_name} {view.year}년 시행결과 심의결과서",
        author=ctx.council,
        progress=progress,
        first_template="front",
        progress_text="심의결과서를 그리는 중",
    )
    doc.build(review_sheet_flowables(ctx))
    return doc.page

"""The front of the results report: cover, 제출문, 심의결과서 and 목차.

The 심의결과서 (review sheet) is also a document of its own: the statement
naming the plan and year, the date, the council, the public and private
co-chairs and every member with a seal space "(인)" — two members a line,
three or four when there are more than 40, sized to stay on one page.
"""

from __future__ import annotations

import math
import re

from sbdesk.documents.context import Ctx
from sbdesk.documents.model import LABEL, Cell, Para, Rule, Table, TableBlock, TocBlock
from sbdesk.documents.writer import Writer

_HANGUL_NAME = re.compile(r"^[가-힣]{2,5}$")
#: Height of the text area of a portrait page (pt): A4 297 mm less 36 mm margins.
PORTRAIT_BODY_PT = (297 - 36) / 25.4 * 72
MM = 72 / 25.4


def spaced(name: str) -> str:
    """ "김경호" → "김 경 호", the way signers' names are printed."""
    n = (name or "").strip()
    return " ".join(n) if _HANGUL_NAME.match(n) else n


def cover(wr: Writer, ctx: Ctx) -> None:
    wr.start("portrait", numbered=False)
    wr.space(50)
    wr.add(Rule(2.2))
    wr.space(9)
    wr.add(Para(f"{ctx.term_label} 지역사회보장계획의", style="cover_title"))
    wr.add(Para(f"{ctx.year}년도 연차별 시행계획의 시행결과", style="cover_title"))
    wr.space(9)
    wr.add(Rule(0.8))
    wr.space(14)
    wr.add(Para(f"[{ctx.muni_name}]", style="cover_sub"))
    wr.space(62)
    if ctx.submitted_on:
        wr.add(Para(ctx.submitted_on, style="cover_date"))
    else:
        wr.to_write("cover_date")
    wr.space(22)
    wr.add(Para(ctx.full_name, style="cover_org"))


def inner_title(wr: Writer, ctx: Ctx) -> None:
    """The inner title page (속표지, seed lines 13–22): the plan, the year, the date
    and the municipality, without the cover's rules."""
    wr.start("portrait", numbered=False)
    wr.space(70)
    wr.add(Para(ctx.full_name, style="cover_sub"))
    wr.add(Para(f"제{ctx.term}기 지역사회보장계획의", style="cover_title"))
    wr.add(Para(f"{ctx.year}년도 연차별 시행계획의 시행결과", style="cover_title"))
    wr.space(80)
    wr.add(Para(ctx.submitted_on, style="cover_date"))
    wr.space(16)
    wr.add(Para(ctx.full_name, style="cover_org"))


def submission(wr: Writer, ctx: Ctx) -> None:
    """제출문: the statement, the dates and the head of the municipality."""
    m = ctx.view.municipality
    wr.start("portrait", numbered=False)
    wr.space(30)
    wr.add(Para("제 출 문", style="doc_title"))
    wr.space(12)
    wr.add(
        Para(
            f"{ctx.full_name} 제{ctx.term}기 지역사회보장계획의 {ctx.year}년도 연차별 "
            f"시행계획의 시행결과를 제출합니다.",
            style="statement",
        )
    )
    wr.space(30)
    if ctx.submitted_on:
        wr.add(Para(ctx.submitted_on, style="date"))
    else:
        wr.to_write("date")
    if ctx.reviewed_on:
        wr.add(Para(f"심의 일자: {ctx.reviewed_on}", style="date"))
    else:
        wr.to_write("date", "심의 일자: ")
    wr.space(8)
    wr.add(Para(ctx.head_title, style="signer"))
    wr.add(Para(m.head_name or "", style="signer"))
    wr.space(45)
    wr.add(Para(f"{ctx.submitted_to} 귀하", style="cover_sub"))


ABSENT = "불참"
SEAL = "(인)"


def seal(member) -> str:
    """ "(인)", or "불참" for a member recorded as absent (``present`` False)."""
    return ABSENT if getattr(member, "present", None) is False else SEAL


def meeting_rows(ctx: Ctx) -> list[tuple[str, str]]:
    """(label, text) of the meeting record of the 심의, as entered; blank where nothing was.

    회의명 (with 차수), 일시·방식 (대면 / 서면), 안건 (default: the report itself),
    심의 결과 (원안 / 수정 의결, the amendments below), 재적·출석 with the quorum
    (``compute.attendance``). The fields are ``PlanYear.review_*``.
    """
    from sbdesk.services import compute

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


def review_sheet(wr: Writer, ctx: Ctx) -> None:
    """The 심의결과서 on one portrait page: the record of the council's deliberation.

    The statement; the meeting (회의명/차수, 일시·방식, 안건, 심의 결과 with the
    amendments, 재적·출석); the date; the co-chairs and every member with 소속 (when
    any is entered) and "(인)" — "불참" for a member recorded absent. Two members a
    line, three or four when there are more than 40, sized to stay on one page.
    """
    view = ctx.view
    chairs = [m for m in view.committee if m.is_chair]
    members = [m for m in view.committee if not m.is_chair]
    wr.start("portrait", numbered=False)
    wr.space(4)
    wr.add(Para("심 의 결 과 서", style="doc_title"))
    wr.add(
        Para(
            f"{ctx.full_name} 제{ctx.term}기 지역사회보장계획의 {ctx.year}년도 연차별 "
            f"시행계획의 시행결과를 아래와 같이 심의합니다.",
            style="statement",
        )
    )
    wr.space(3)
    rows = meeting_rows(ctx)
    mt = Table("review-meeting", [24, 150], head=0, form=True)
    for label, value in rows:
        mt.add([Cell(label, role=LABEL), Cell(value)])
    wr.add(TableBlock(mt))
    extra_lines = sum(v.count("\n") for _l, v in rows)
    wr.space(5)
    wr.add(Para(ctx.reviewed_on or "      .     .     .", style="date"))
    wr.space(3)
    wr.add(Para(f"{ctx.council} 위원", style="council"))
    wr.space(3)
    used = (4 + 3 + 5 + 3 + 3) * MM + 30 + 3 * 26 + 26 + 22 + (5 + extra_lines) * 17
    if chairs:
        t = Table("review-chairs", [0.36, 0.40, 0.24] * 2, head=0, plain=True, row_height=26)
        t.font_size = 13
        for i in range(0, len(chairs), 2):
            row: list[Cell | None] = []
            for m in chairs[i : i + 2]:
                row += [
                    Cell(m.title or "위원장", bold=True, align="center"),
                    Cell(spaced(m.name), bold=True, align="center"),
                    Cell(seal(m), align="center"),
                ]
            t.add(row + [Cell()] * (6 - len(row)))
        wr.add(TableBlock(t))
        used += 26 * len(t.rows) + 3 * MM
        wr.space(3)
    if not members:
        wr.para("(위원 명단이 없습니다. 심의결과서의 위원을 입력하세요.)")
        return
    per_line = 2 if len(members) <= 40 else (3 if len(members) <= 66 else 4)
    lines = math.ceil(len(members) / per_line)
    avail = PORTRAIT_BODY_PT - used - 6 * MM
    row_h = max(10.0, min(27.0, avail / lines))
    affiliation = any((m.affiliation or "").strip() for m in members)
    parts = [0.42, 0.34, 0.24] if affiliation else [0.62, 0.38]
    t = Table(
        "review-members",
        parts * per_line,
        head=0,
        plain=True,
        font="myeongjo",
        row_height=row_h,
    )
    t.font_size = 12.5 if row_h >= 22 else (11 if row_h >= 17 else (9 if row_h >= 12 else 7.5))
    if affiliation or per_line > 2:
        t.font_size = min(t.font_size, 10 if per_line == 2 else 8)
    for i in range(lines):
        row = []
        for j in range(per_line):
            k = i * per_line + j  # line by line, left to right (the seed's order)
            if k < len(members):
                mb = members[k]
                if affiliation:
                    row.append(Cell(mb.affiliation or "", align="center", small=True))
                row += [Cell(spaced(mb.name), align="center"), Cell(seal(mb), align="center")]
            else:
                row += [Cell() for _ in parts]
        t.add(row)
    wr.add(TableBlock(t))


def contents(wr: Writer) -> None:
    wr.start("portrait", numbered=False)
    wr.add(Para("목 차", style="doc_title"))
    wr.add(TocBlock())

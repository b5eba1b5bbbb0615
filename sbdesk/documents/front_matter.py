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
from sbdesk.documents.model import Cell, Para, Rule, Table, TableBlock, TocBlock
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


def review_sheet(wr: Writer, ctx: Ctx) -> None:
    """The 심의결과서 on one portrait page."""
    view = ctx.view
    chairs = [m for m in view.committee if m.is_chair]
    members = [m for m in view.committee if not m.is_chair]
    wr.start("portrait", numbered=False)
    wr.space(10)
    wr.add(Para("심 의 결 과 서", style="doc_title"))
    wr.add(
        Para(
            f"{ctx.full_name} 제{ctx.term}기 지역사회보장계획의 {ctx.year}년도 연차별 "
            f"시행계획의 시행결과를 아래와 같이 심의합니다.",
            style="statement",
        )
    )
    wr.space(8)
    wr.add(Para(ctx.reviewed_on or "      .     .     .", style="date"))
    wr.space(7)
    wr.add(Para(f"{ctx.council} 위원", style="council"))
    wr.space(6)
    used = (10 + 14 + 8 + 7 + 6) * MM + 30 + 3 * 26 + 20 + 18
    if chairs:
        t = Table("review-chairs", [0.36, 0.40, 0.24] * 2, head=0, plain=True, row_height=30)
        t.font_size = 13
        for i in range(0, len(chairs), 2):
            row: list[Cell | None] = []
            for m in chairs[i : i + 2]:
                row += [
                    Cell(m.title or "위원장", bold=True, align="center"),
                    Cell(spaced(m.name), bold=True, align="center"),
                    Cell("(인)", align="center"),
                ]
            t.add(row + [Cell()] * (6 - len(row)))
        wr.add(TableBlock(t))
        used += 30 * len(t.rows) + 5 * MM
        wr.space(5)
    if not members:
        wr.para("(위원 명단이 없습니다. 심의결과서의 위원을 입력하세요.)")
        return
    per_line = 2 if len(members) <= 40 else (3 if len(members) <= 66 else 4)
    lines = math.ceil(len(members) / per_line)
    avail = PORTRAIT_BODY_PT - used - 4 * MM
    row_h = max(12.0, min(27.0, avail / lines))
    t = Table(
        "review-members",
        [0.62, 0.38] * per_line,
        head=0,
        plain=True,
        font="myeongjo",
        row_height=row_h,
    )
    t.font_size = 12.5 if row_h >= 22 else (11 if row_h >= 17 else 9)
    for i in range(lines):
        row = []
        for j in range(per_line):
            k = i * per_line + j  # line by line, left to right (the seed's order)
            if k < len(members):
                row += [Cell(spaced(members[k].name), align="center"), Cell("(인)", align="center")]
            else:
                row += [Cell(), Cell()]
        t.add(row)
    wr.add(TableBlock(t))


def contents(wr: Writer) -> None:
    wr.start("portrait", numbered=False)
    wr.add(Para("목 차", style="doc_title"))
    wr.add(TocBlock())

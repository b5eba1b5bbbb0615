"""The 심의결과서 (review sheet): the council's signed deliberation statement.

Laid out as the seed's sheet (lines 39–61): the title "심 의 결 과 서", the
statement naming the plan and year, the date, the council, the public and
private co-chairs, and every member with a seal space "(인)" — two members a
line, three or four when there are more than 40, always on one page.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from sbdesk.documents.context import Ctx
from sbdesk.export.pdf.fonts import BODY, GOTHIC_BOLD
from sbdesk.export.pdf.layout import PORTRAIT_FRAME, ReportDoc
from sbdesk.export.pdf.styles import P, styles
from sbdesk.services.read_model import YearView

_HANGUL_NAME = re.compile(r"^[가-힣]{2,5}$")


def spaced(name: str) -> str:
    """ "김경호" → "김 경 호", the way signers' names are printed."""
    n = (name or "").strip()
    return " ".join(n) if _HANGUL_NAME.match(n) else n


def review_sheet_flowables(ctx: Ctx, height: float = PORTRAIT_FRAME[1]) -> list:
    """The sheet as flowables that fit one portrait page of ``height``."""
    s = styles()
    view = ctx.view
    chairs = [m for m in view.committee if m.is_chair]
    members = [m for m in view.committee if not m.is_chair]
    width = PORTRAIT_FRAME[0]

    out: list = [Spacer(0, 10 * mm)]
    out.append(P("심 의 결 과 서", s.doc_title, bullets=False))
    statement = (
        f"{ctx.full_name} 제{ctx.term}기 지역사회보장계획의 {ctx.year}년도 연차별 "
        f"시행계획의 시행결과를 아래와 같이 심의합니다."
    )
    out.append(P(statement, s.statement, bullets=False))
    out.append(Spacer(0, 8 * mm))
    date = Table([[ctx.reviewed_on or "      .     .     ."]], colWidths=[width])
    date.setStyle([("FONT", (0, 0), (-1, -1), BODY, 14), ("ALIGN", (0, 0), (-1, -1), "CENTER")])
    out.append(date)
    out.append(Spacer(0, 7 * mm))
    council = Table([[f"{ctx.council} 위원"]], colWidths=[width])
    council.setStyle(
        [("FONT", (0, 0), (-1, -1), GOTHIC_BOLD, 13), ("ALIGN", (0, 0), (-1, -1), "CENTER")]
    )
    out.append(council)
    out.append(Spacer(0, 6 * mm))

    used = 10 * mm + 30 + 14 * mm + 3 * 26 + 8 * mm + 20 + 7 * mm + 18 + 6 * mm
    if chairs:
        row = []
        for m in chairs[:2]:
            row += [m.title or "위원장", spaced(m.name), "(인)"]
        cols = len(row)
        ct = Table(
            [row],
            colWidths=[width / 2 * f for f in (0.36, 0.40, 0.24)] * (cols // 3),
            rowHeights=[30],
        )
        ct.setStyle(
            [
                ("FONT", (0, 0), (-1, -1), GOTHIC_BOLD, 13),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TEXTCOLOR", (2, 0), (2, 0), "#444444"),
                ("TEXTCOLOR", (5, 0), (5, 0), "#444444"),
            ]
        )
        out.append(ct)
        for extra in chairs[2:]:  # a plan may name more than two chairs
            et = Table(
                [[extra.title or "위원장", spaced(extra.name), "(인)"]],
                colWidths=[width / 2 * f for f in (0.36, 0.40, 0.24)],
                rowHeights=[30],
            )
            et.setStyle(
                [("FONT", (0, 0), (-1, -1), GOTHIC_BOLD, 13), ("ALIGN", (0, 0), (-1, -1), "CENTER")]
            )
            out.append(et)
        used += 30 * max(1, len(chairs) - 1)
        out.append(Spacer(0, 5 * mm))
        used += 5 * mm

    if not members:
        out.append(
            P("(위원 명단이 없습니다. 심의결과서의 위원을 입력하세요.)", s.body, bullets=False)
        )
        return out

    per_line = 2 if len(members) <= 40 else (3 if len(members) <= 66 else 4)
    lines = math.ceil(len(members) / per_line)
    avail = height - used - 4 * mm
    row_h = max(12.0, min(27.0, avail / lines))
    size = 12.5 if row_h >= 22 else (11 if row_h >= 17 else 9)
    data: list[list[str]] = []
    for i in range(lines):
        row: list[str] = []
        for j in range(per_line):
            k = i * per_line + j  # line by line, left to right (the seed's order)
            if k < len(members):
                row += [spaced(members[k].name), "(인)"]
            else:
                row += ["", ""]
        data.append(row)
    col = width / per_line
    mt = Table(data, colWidths=[col * 0.62, col * 0.38] * per_line, rowHeights=[row_h] * lines)
    mt.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), BODY, size),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            *[("TEXTCOLOR", (j * 2 + 1, 0), (j * 2 + 1, -1), "#444444") for j in range(per_line)],
        ]
    )
    out.append(mt)
    return out


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

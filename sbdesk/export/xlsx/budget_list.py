"""첨부 2, the municipality's social-security budget list: written like the seed's table, read back.

Layout (seed lines 3945–3952): 일련 번호 | 사업명 | 예산총액(백만원) [계 | 국비 |
지방비 [소계 | 시·도 | 시·군·구] | 기타] | 자체/보조 | 지역사회보장계획 사업번호, a
three-row merged header repeated on every printed page. 계 and 지방비 소계 are
the budget book's figures as entered (``BudgetListItem.total``/``local_subtotal``;
the book rounds each figure on its own, so they may differ from the sum of the
parts); a row without them gets the sum of its parts, written and read back
like any other figure (``compute.budget_list_row``).

Reading it back is ``sbdesk.importers.budget_list`` (this module never imports
the importers: export → importers would close an import cycle).
"""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from sbdesk.export.xlsx import common as xc
from sbdesk.export.xlsx.dept_workbook import normal
from sbdesk.export.xlsx.table_layout import BODY, HEAD, finish_table
from sbdesk.models import fields
from sbdesk.services import compute

FIELDS = (
    "name",
    "total",
    "national",
    "local_subtotal",
    "province",
    "district",
    "other",
    "kind",
    "project_ids",
)
#: field → kind and field → column title, from ``models.fields``.
KINDS = {f: fields.field("BudgetListItem", f).kind for f in FIELDS}
LABELS = {f: fields.title("BudgetListItem", f) for f in (*FIELDS, "serial")}
TITLE = "[첨부 2] 지자체 사회보장분야 사업 목록(사회복지, 보건 분야 전체 사업)"
HEADER_ROWS = 3


# --------------------------------------------------------------------------- writing
def write_budget_sheet(ws: Worksheet, view, codes: dict[int, str]) -> dict[str, Any]:
    """Write the list on ``ws``; return the stamp part (a checksum per item and field)."""
    year = view.year
    xc.put(
        ws,
        1,
        1,
        f"{TITLE} ({str(year)[2:]}. 12. 31. 기준)",
        last_col=10,
        fnt=xc.font(12, bold=True),
        align=xc.LEFT,
        border=None,
    )
    ws.row_dimensions[1].height = 22
    top = 3
    h = dict(fill=xc.HEADER_FILL, fnt=HEAD)
    xc.put(ws, top, 1, LABELS["serial"], last_row=top + 2, **h)
    xc.put(ws, top, 2, LABELS["name"], last_row=top + 2, **h)
    xc.put(ws, top, 3, "예산총액(백만원)", last_col=8, **h)
    xc.put(ws, top + 1, 3, LABELS["total"], last_row=top + 2, **h)
    xc.put(ws, top + 1, 4, LABELS["national"], last_row=top + 2, **h)
    xc.put(ws, top + 1, 5, "지방비", last_col=7, **h)
    xc.put(ws, top + 2, 5, "소계", **h)
    xc.put(ws, top + 2, 6, LABELS["province"], **h)
    xc.put(ws, top + 2, 7, LABELS["district"], **h)
    xc.put(ws, top + 1, 8, LABELS["other"], last_row=top + 2, **h)
    xc.put(ws, top, 9, "자체 /보조", last_row=top + 2, **h)
    xc.put(ws, top, 10, "지역사회 보장계획 사업번호", last_row=top + 2, **h)
    xc.note(
        ws.cell(row=top + 1, column=3),
        "계와 지방비 소계는 예산서에 적힌 그대로입니다(재원마다 반올림되어 합과 1 정도 다를 수 "
        "있습니다). 입력하지 않은 행은 재원의 합입니다.",
    )
    r = top + HEADER_ROWS
    items: dict[str, dict[str, str]] = {}
    for it in view.budget_list:
        xc.put(ws, r, 1, it.serial, fnt=BODY)
        xc.put(ws, r, 2, it.name, fnt=BODY, align=xc.LEFT)
        printed = compute.budget_list_row(it)
        xc.put(ws, r, 3, None, fnt=BODY, fill=None if it.total is not None else xc.COMPUTED_FILL)
        xc.set_money(ws.cell(row=r, column=3), printed.total)
        fill = None if it.local_subtotal is not None else xc.COMPUTED_FILL
        xc.put(ws, r, 5, None, fnt=BODY, fill=fill)
        xc.set_money(ws.cell(row=r, column=5), printed.local)
        for col, f in ((4, "national"), (6, "province"), (7, "district"), (8, "other")):
            xc.put(ws, r, col, None, fnt=BODY)
            xc.set_money(ws.cell(row=r, column=col), getattr(it, f))
        xc.put(ws, r, 9, it.kind, fnt=BODY)
        pcodes = [codes[i] for i in (it.project_ids or []) if i in codes]
        xc.put(ws, r, 10, ", ".join(pcodes), fnt=BODY)
        values = {f: getattr(it, f) for f in FIELDS}
        values["project_ids"] = pcodes
        values["total"], values["local_subtotal"] = printed.total, printed.local
        items[str(it.serial)] = {f: xc.checksum(normal(KINDS[f], values[f])) for f in FIELDS}
        r += 1
    xc.put(
        ws,
        r,
        1,
        "※ 계·지방비 소계는 예산서의 값 그대로이며, 색칠된 칸은 입력이 없어 재원을 더한 값입니다. "
        "단위: 백만원.",
        last_col=10,
        fnt=xc.font(8.5, color="595959"),
        align=xc.LEFT,
        border=None,
    )
    finish_table(
        ws,
        top,
        top + HEADER_ROWS - 1,
        r - 1,
        minimum={1: 6, 2: 30, 9: 7, 10: 12},
        maximum={2: 48, 10: 20},
    )
    return {"sheet": ws.title, "items": items}

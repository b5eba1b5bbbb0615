"""첨부 2, the municipality's social-security budget list: written as the report prints it.

The table is ``documents.results_tables.budget_list_table`` (seed lines
3945–3952: a three-row merged header repeated on every printed page, a 합 계 row
at the end), drawn by ``write_table``. 계 and 지방비 소계 are the budget book's
figures as entered (``BudgetListItem.total``/``local_subtotal``; the book rounds
each figure on its own, so they may differ from the sum of the parts); a row
without them gets the sum of its parts, shaded, and read back like any other
figure (``compute.budget_list_row``).

Reading it back is ``sbdesk.importers.budget_list`` (this module never imports
the importers: export → importers would close an import cycle).
"""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from sbdesk.documents.results_tables import budget_list_table
from sbdesk.documents.wording import as_of_year_end
from sbdesk.export.xlsx import common as xc
from sbdesk.export.xlsx.dept_workbook import normal
from sbdesk.export.xlsx.table_layout import finish_table, note_row, title_row, write_table
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


# --------------------------------------------------------------------------- writing
def write_budget_sheet(ws: Worksheet, view, codes: dict[int, str]) -> dict[str, Any]:
    """Write the list on ``ws``; return the stamp part (a checksum per item and field).

    The table is ``documents.results_tables.budget_list_table`` (the one the
    report prints), with its 합 계 row; a 계 or 지방비 소계 not entered (the sum of
    the parts) is shaded."""
    t = budget_list_table(view)
    last = t.ncols
    title_row(ws, f"{t.title} ({as_of_year_end(view.year)})", last)
    top = 3
    r = write_table(ws, t, top)
    items: dict[str, dict[str, str]] = {}
    for k, it in enumerate(view.budget_list):
        row = top + t.head + k
        for col, entered in ((3, it.total), (5, it.local_subtotal)):
            if entered is None:
                ws.cell(row=row, column=col).fill = xc.COMPUTED_FILL
        printed = compute.budget_list_row(it)
        values = {f: getattr(it, f) for f in FIELDS}
        values["project_ids"] = [codes[i] for i in (it.project_ids or []) if i in codes]
        values["total"], values["local_subtotal"] = printed.total, printed.local
        items[str(it.serial)] = {f: xc.checksum(normal(KINDS[f], values[f])) for f in FIELDS}
    note_row(
        ws,
        r,
        "※ 계·지방비 소계는 예산서의 값 그대로이며, 색칠된 칸은 입력이 없어 재원을 더한 값입니다. "
        "단위: 백만원.",
        last,
    )
    finish_table(
        ws,
        top,
        top + t.head - 1,
        r - 1,
        minimum={1: 6, 2: 30, 9: 7, 10: 12},
        maximum={2: 48, 10: 20},
    )
    return {"sheet": ws.title, "items": items}

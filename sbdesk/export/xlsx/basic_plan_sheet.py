"""The 4-year basic plan as a sheet of the results-tables workbook ("기본계획 4개년").

The official table of ``documents.basic_plan`` (the same the PDF and HWPX draw),
written cell by cell with ``write_table``: budgets are numbers in 백만원 so Excel
can sum them, a "-" or "/" the plan holds stays text, targets are text as typed.
Under it the yearly totals with and without duplicates (``totals_table``).
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from sbdesk.documents import basic_plan as bp
from sbdesk.export.xlsx.table_layout import (
    fill_group_rows,
    finish_table,
    note_row,
    title_row,
    write_table,
)
from sbdesk.services.basic_plan import basic_plan_data


def sheet_basic_plan(ws: Worksheet, store, view) -> None:
    """The table of the whole term; ``view`` (a year of the plan) holds its footnote."""
    data = basic_plan_data(store)
    t = bp.basic_plan_table(data)
    last = t.ncols
    title_row(ws, f"{t.title} (단위: 백만원)", last)
    note_row(ws, 2, f"◆ 총괄현황: {bp.header_line(data)}", last)
    top = 3
    r = write_table(ws, t, top)
    fill_group_rows(ws, t, top)
    note = bp.footnote(view.texts, data)
    if note:
        note_row(ws, r, note, last)
        r += 1
    r = write_table(ws, bp.totals_table(data), r + 1)
    finish_table(
        ws,
        top,
        top + t.head - 1,
        r - 1,
        minimum={1: 9, 2: 26, 3: 7, 4: 7, 5: 7, 6: 30},
        maximum={2: 40, 3: 9, 4: 9, 5: 9, 6: 40, **{c: 11 for c in range(7, last + 1)}},
    )

"""An official table on a sheet: a description written cell by cell, fonts, fitted sizes, repeated header.

``write_table`` writes a ``documents.model.Table`` (merged spans, header fill,
money and rates as typed numbers); ``finish_table`` fits widths and heights and
sets A4 printing. Shared by the sheets of the tables workbook (``results_tables``,
``basic_plan_sheet``, 첨부 2 ``budget_list``), so none of them imports another.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from sbdesk.documents import model as dm
from sbdesk.export.xlsx import common as xc

BODY = xc.font(9.5)
HEAD = xc.font(9.5, bold=True)
BOLD = xc.font(9.5, bold=True)
NOTE = xc.font(8.5, color="595959")
VALUES_NOTE = "sbdesk가 계산해 값으로 적은 것입니다(수식 아님). 바꾸려면 sbdesk에서 목표·실적·금액을 고치세요."


def finish_table(
    ws: Worksheet,
    header_first: int,
    header_last: int,
    last_row: int,
    minimum: dict[int, float] | None = None,
    maximum: dict[int, float] | None = None,
    landscape: bool = True,
) -> None:
    """Fit widths and heights, freeze the header, set A4 printing with repeated header rows."""
    xc.autofit_columns(ws, header_last + 1, max(last_row, header_last + 1), minimum, maximum)
    spans: dict[tuple[int, int], int] = {}
    tall = []
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = rng.max_col
        if rng.max_row > rng.min_row:
            tall.append(rng)
    tall_anchors = {(rng.min_row, rng.min_col) for rng in tall}
    line = 9.5 * 1.45
    for r in range(header_first, max(last_row, header_first) + 1):
        widths = {}
        for c in range(1, (ws.max_column or 1) + 1):
            cell = ws.cell(row=r, column=c)
            if (
                isinstance(cell, MergedCell)
                or cell.value is None
                or isinstance(cell.value, (int, float))
                or (r, c) in tall_anchors
            ):
                continue
            widths[c] = xc.merged_width(ws, c, spans.get((r, c), c))
        if widths:
            xc.fit_row_height(ws, r, widths, size=9.5, minimum=17)
        else:
            ws.row_dimensions[r].height = 17
    for rng in tall:  # a cell merged down several rows: grow its last row if the rows are too low
        if rng.min_row < header_first or rng.min_row > last_row:
            continue
        v = ws.cell(row=rng.min_row, column=rng.min_col).value
        if v is None or isinstance(v, (int, float)):
            continue
        need = xc.lines_needed(str(v), xc.merged_width(ws, rng.min_col, rng.max_col)) * line + 4
        rows = range(rng.min_row, rng.max_row + 1)
        have = sum(ws.row_dimensions[x].height or 17 for x in rows)
        if need > have:
            ws.row_dimensions[rng.max_row].height = (
                (ws.row_dimensions[rng.max_row].height or 17) + need - have
            )
    ws.freeze_panes = ws.cell(row=header_last + 1, column=1).coordinate
    xc.setup_print(ws, landscape=landscape, title_rows=f"{header_first}:{header_last}")
    ws.sheet_view.zoomScale = 90


def title_row(ws: Worksheet, text: str, last_col: int, row: int = 1) -> None:
    xc.put(
        ws, row, 1, text, last_col=last_col, fnt=xc.font(12, bold=True), align=xc.LEFT, border=None
    )
    ws.row_dimensions[row].height = 22


def note_row(ws: Worksheet, row: int, text: str, last_col: int) -> None:
    xc.put(ws, row, 1, text, last_col=last_col, fnt=NOTE, align=xc.LEFT, border=None)
    lines = xc.lines_needed(text, xc.merged_width(ws, 1, last_col) * 1.1)
    ws.row_dimensions[row].height = max(15, lines * 13)


_FILLS = {dm.GROUP: xc.GROUP_FILL, dm.TASK: xc.GROUP_FILL, dm.TOTAL: xc.GROUP_FILL}
_ALIGN = {"left": xc.LEFT, "center": xc.CENTER, "right": xc.RIGHT}


def write_table(ws: Worksheet, table: dm.Table, top: int) -> int:
    """Write a table description from row ``top``: merged spans, header fill,
    money and rates as typed numbers (with their rule in a note). Returns the
    row after the table."""
    for r, c, cell in table.anchors():
        row, col = top + r, c + 1
        last_row = row + cell.rowspan - 1 if cell.rowspan > 1 else None
        last_col = col + cell.colspan - 1 if cell.colspan > 1 else None
        is_head = r < table.head or cell.role == dm.HEAD
        fill = (
            xc.HEADER_FILL
            if is_head
            else xc.LABEL_FILL
            if cell.role == dm.LABEL
            else _FILLS.get(cell.role)
        )
        fnt = HEAD if is_head else (BOLD if cell.bold else BODY)
        value: Any = cell.text if cell.text != "" else None
        if cell.kind == dm.COUNT and cell.value is not None:
            value = int(cell.value)
        target = xc.put(
            ws,
            row,
            col,
            value,
            last_row=last_row,
            last_col=last_col,
            fill=fill,
            fnt=fnt,
            align=_ALIGN[cell.alignment],
        )
        if cell.kind == dm.MONEY and cell.value is not None:
            xc.set_money(target, cell.value)
        elif cell.kind == dm.RATE and cell.value is not None:
            xc.set_rate(target, cell.value)
        if cell.note:
            xc.note(target, cell.note + " " + VALUES_NOTE)
    return top + len(table.rows)


def fill_group_rows(ws: Worksheet, table: dm.Table, top: int) -> None:
    """Give covered-free blank positions of group rows their fill (a shaded row reads as one)."""
    for r, row in enumerate(table.rows):
        roles = {cell.role for cell in row if cell is not None}
        if dm.GROUP in roles or dm.TASK in roles:
            for c in range(table.ncols):
                cell = ws.cell(row=top + r, column=c + 1)
                if not isinstance(cell, MergedCell) and cell.fill != xc.GROUP_FILL:
                    cell.fill = xc.GROUP_FILL

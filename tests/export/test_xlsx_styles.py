"""``xlsx.common.put`` (cached style indexes, fast merges) writes what openpyxl's own way writes.

The department workbooks set styles through ``style``/``style_range`` (style-list
indexes looked up once per combination) and merge through ``merge`` (no border pass,
no overlap scan). Here the same cells are written both ways, saved, read back, and
every cell's value and style and the merged ranges must be equal.
"""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from sbdesk.export.xlsx import common as xc

CELLS = [  # (row, col, last_row, last_col, value, fill, font, align, border, protection)
    (1, 1, 1, 6, "제목", None, xc.font(13, bold=True), xc.LEFT, None, xc.LOCKED),
    (2, 1, 3, 2, "항목", xc.LABEL_FILL, xc.font(9.5, bold=True), xc.CENTER, xc.BORDER, xc.LOCKED),
    (2, 3, 2, 6, "입력", xc.INPUT_FILL, xc.font(9.5), xc.LEFT, xc.BORDER, xc.UNLOCKED),
    (3, 3, 3, 3, 12.5, xc.COMPUTED_FILL, xc.font(9.5), xc.RIGHT, xc.BORDER, xc.LOCKED),
    (3, 4, 3, 6, "=1+1", xc.SPARE_FILL, xc.font(8.5, color="595959"), xc.CENTER, xc.BORDER, None),
]


def _ours(ws) -> None:
    for r, c, lr, lc, v, fill, fnt, align, border, prot in CELLS:
        xc.put(ws, r, c, v, last_row=lr, last_col=lc, fill=fill, fnt=fnt, align=align,
               border=border, protection=prot)  # fmt: skip
    xc.set_money(ws.cell(row=4, column=1), None)
    xc.set_rate(ws.cell(row=4, column=2), 124.1)
    xc.style(ws.cell(row=4, column=3), fnt=xc.font(8.5), protection=xc.LOCKED)


def _openpyxl(ws) -> None:
    for r, c, lr, lc, v, fill, fnt, align, border, prot in CELLS:
        if (lr, lc) != (r, c):
            ws.merge_cells(start_row=r, start_column=c, end_row=lr, end_column=lc)
        for rr in range(r, lr + 1):
            for cc in range(c, lc + 1):
                cell = ws.cell(row=rr, column=cc)
                if border is not None:
                    cell.border = border
                if fill is not None:
                    cell.fill = fill
                cell.font = fnt
                cell.alignment = align
                if prot is not None:
                    cell.protection = prot
        if isinstance(v, str):
            xc.set_text(ws.cell(row=r, column=c), v)
        else:
            ws.cell(row=r, column=c).value = v
    cell = ws.cell(row=4, column=1)
    cell.value, cell.alignment = "-", xc.CENTER
    cell = ws.cell(row=4, column=2)
    cell.value, cell.number_format, cell.alignment = 1.241, xc.RATE_FORMAT, xc.RIGHT
    cell = ws.cell(row=4, column=3)
    cell.font, cell.protection = xc.font(8.5), xc.LOCKED


def _sig(c):
    return (
        c.value, c.data_type, c.number_format, c.font.name, c.font.sz, c.font.b,
        c.font.color.rgb if c.font.color else None, c.fill.fill_type, c.fill.fgColor.rgb,
        c.border.left.style, c.border.right.style, c.border.top.style, c.border.bottom.style,
        c.alignment.horizontal, c.alignment.vertical, c.alignment.wrap_text, c.protection.locked,
        type(c).__name__,
    )  # fmt: skip


def test_put_writes_what_openpyxl_writes(tmp_path):
    books = []
    for name, write in (("ours", _ours), ("openpyxl", _openpyxl)):
        wb = Workbook()
        write(wb.active)
        wb.save(tmp_path / f"{name}.xlsx")
        books.append(load_workbook(tmp_path / f"{name}.xlsx").active)
    ours, theirs = books
    assert (
        sorted(map(str, ours.merged_cells.ranges))
        == sorted(map(str, theirs.merged_cells.ranges))
        == ["A1:F1", "A2:B3", "C2:F2", "D3:F3"]
    )
    for row in range(1, 5):
        for col in range(1, 7):
            assert _sig(ours.cell(row, col)) == _sig(theirs.cell(row, col)), (row, col)
    assert ours["A2"].fill.fgColor.rgb.endswith("E7E6E6")  # the styles were really set
    assert ours["C2"].protection.locked is False

"""Reading a block of cells copied from Excel or a HWP table (Qt-free).

Both put tab-separated text on the clipboard: cells split by tabs, rows by
newlines. Excel quotes a cell that holds a newline or a quote ("a""b"); HWP
does not quote. A trailing newline (Excel always adds one) is not a row.
"""

from __future__ import annotations


def parse_cells(text: str) -> list[list[str]]:
    """``"a\\tb\\nc\\td\\n"`` → ``[["a", "b"], ["c", "d"]]``; quoted cells keep their newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    at_cell_start = True
    while i < n:
        ch = text[i]
        if at_cell_start and ch == '"' and _closing_quote(text, i) is not None:
            end = _closing_quote(text, i)
            cell.append(text[i + 1 : end].replace('""', '"'))
            i = end + 1
            at_cell_start = False
            continue
        if ch == "\t":
            row.append("".join(cell))
            cell, at_cell_start = [], True
        elif ch == "\n":
            row.append("".join(cell))
            rows.append(row)
            row, cell, at_cell_start = [], [], True
        else:
            cell.append(ch)
            at_cell_start = False
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return [[c.strip() for c in r] for r in rows if any(c.strip() for c in r)]


def _closing_quote(text: str, start: int) -> int | None:
    """Index of the quote closing a quoted cell opened at ``start``, if the cell is quoted."""
    i = start + 1
    while i < len(text):
        if text[i] == '"':
            if i + 1 < len(text) and text[i + 1] == '"':
                i += 2
                continue
            nxt = text[i + 1] if i + 1 < len(text) else "\n"
            return i if nxt in "\t\n" else None
        i += 1
    return None

"""Long tables that split over pages in linear time.

A reportlab ``Table`` that is split over pages re-measures and re-styles every
remaining row at each split, which is quadratic: a 424-row budget list, or the
section tables of a 1,200-project plan, spend most of their time there.
``ChunkTable`` measures every row once, then emits one ordinary ``Table`` per
page holding the header rows and the rows that fit (style commands shifted to
the chunk), never cutting a row span. A group of rows taller than a whole page
is handed to reportlab's in-row splitting (``SplitTable``), so even a single
huge cell continues cleanly on the next pages.

No careless last page: when the rows left for the next page would fill less
than ``MIN_TAIL`` of it (a card spilling one or two rows), the cut moves up so
that the last page carries at least that much — it never leaves a page with a
few stray rows (the report's 15 % rule, tests/export/test_page_fill.py).
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Table

from sbdesk.export.pdf.styles import CELL_SIZE, SplitTable, cell_style_class, default_cmds

_BIG = 1e9
#: The least share of a frame the last piece of a split table fills (header included).
MIN_TAIL = 0.2

#: Table commands that set a cell's own style (applied once, to the shared cell styles).
CELL_OPS = {
    "FONT",
    "FONTNAME",
    "FACE",
    "SIZE",
    "FONTSIZE",
    "LEADING",
    "TEXTCOLOR",
    "ALIGN",
    "ALIGNMENT",
    "VALIGN",
    "LEFTPADDING",
    "RIGHTPADDING",
    "TOPPADDING",
    "BOTTOMPADDING",
    "HREF",
    "DESTINATION",
    "DIRECTION",
    "SHAPING",
}


class FastTable(Table):
    """A Table that draws all its one-line string cells in one PDF text object
    (reportlab makes one per cell) and skips empty cells."""

    _text = None

    def _drawCell(self, cellval, cellstyle, pos, size):
        if cellval == "" or cellval is None:
            return
        if (
            not isinstance(cellval, str)
            or "\n" in cellval
            or cellstyle.href
            or cellstyle.destination
            or cellstyle.direction
            or cellstyle.shaping
            or cellstyle.alignment not in ("LEFT", "CENTER", "CENTRE", "RIGHT")
        ):
            self._flush()  # keep the text in reading order
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        t = self._text
        if t is None:
            t = self._text = self.canv.beginText()
            self._tfont = self._tcolor = None
        font = (cellstyle.fontname, cellstyle.fontsize)
        if font != self._tfont:
            t.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._tfont = font
        if cellstyle.color != self._tcolor:
            t.setFillColor(cellstyle.color)
            self._tcolor = cellstyle.color
        colpos, rowpos = pos
        colwidth, rowheight = size
        just = cellstyle.alignment
        if just == "LEFT":
            x = colpos + cellstyle.leftPadding
        else:
            w = stringWidth(cellval, cellstyle.fontname, cellstyle.fontsize)
            if just == "RIGHT":
                x = colpos + colwidth - cellstyle.rightPadding - w
            else:
                x = (
                    colpos
                    + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5
                    - w * 0.5
                )
        valign = cellstyle.valign
        leading, fontsize = cellstyle.leading, cellstyle.fontsize
        if valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + leading - fontsize
        elif valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        else:
            y = (
                rowpos
                + (cellstyle.bottomPadding + rowheight - cellstyle.topPadding + leading) / 2.0
                - fontsize
            )
        t.setTextOrigin(x, y)
        t.textOut(cellval)

    def _flush(self) -> None:
        if self._text is not None:
            self.canv.drawText(self._text)
            self._text = None
            self._curcellstyle = None  # the canvas font state is unknown again

    def _drawLines(self):
        self._flush()  # the cells' text, before the grid lines
        super()._drawLines()


def _resolve(i: int, n: int) -> int:
    return i + n if i < 0 else i


class ChunkTable(Flowable):
    """A table of ``data`` (``head`` header rows repeated on every page) styled
    by ``cmds`` that splits in linear time. Cells start from the defaults of
    ``default_cmds(font_size)`` (so ``cmds`` need not repeat them). The
    ``repeatRows``/``_rowHeights`` attributes are those of the remaining table."""

    def __init__(
        self,
        data: list[list],
        colWidths: list[float],
        cmds: list,
        head: int = 1,
        hAlign: str = "CENTER",
        font_size: float = CELL_SIZE,
        keep_with_next: set[int] | None = None,
        _shared: dict | None = None,
        _start: int | None = None,
        _continued: bool = False,
    ):
        super().__init__()
        self.hAlign = hAlign
        if _shared is None:
            nrows = len(data)
            ncols = len(colWidths)
            # None → "" here, so reportlab need not normalise every cell of every chunk
            data = [["" if v is None else v for v in row] for row in data]
            _shared = {
                "data": data,
                "widths": list(colWidths),
                "cmds": cmds,
                "head": head,
                "nrows": nrows,
                "ncols": ncols,
                "heights": None,
                "width_for": None,
                "spans": None,
                "font_size": font_size,
                "styles": None,
                "other": [c for c in cmds if c[0] not in CELL_OPS],
                # rows that stay with the row below (a strategy group row)
                "keep": set(keep_with_next or ()),
            }
        self._s = _shared
        self.repeatRows = self._s["head"]
        self._start = self._s["head"] if _start is None else _start
        # the rest of a row split inside: on the page where it began, no header again
        self._continued = _continued
        self._show_head = True

    # ---- measuring ---------------------------------------------------------
    def _measure(self, aW: float) -> None:
        s = self._s
        if s["heights"] is not None and s["width_for"] == aW:
            return
        cls = cell_style_class(s["font_size"])
        styles = [[cls("") for _ in range(s["ncols"])] for _ in range(s["nrows"])]
        t = Table(
            s["data"],
            colWidths=s["widths"],
            repeatRows=s["head"],
            cellStyles=styles,
            normalizedData=1,
        )
        t.setStyle(s["cmds"])
        s["styles"] = t._cellStyles
        t.canv = getattr(self, "canv", None)
        t._calc(aW, _BIG)
        s["heights"] = list(t._rowHeights)
        s["width_for"] = aW
        # rows before which the table may not be cut (inside a row span)
        blocked: set[int] = {r + 1 for r in s.get("keep", ()) if r + 1 < s["nrows"]}
        for (_c, r0), (_c1, r1) in _span_ranges(s["cmds"], s["nrows"], s["ncols"]):
            blocked.update(range(r0 + 1, r1 + 1))
        s["spans"] = blocked

    @property
    def _rowHeights(self) -> list[float]:
        """Heights of the header and remaining rows (empty before the first wrap)."""
        s = self._s
        h = s["heights"] or []
        return h[: s["head"]] + h[self._start :] if h else []

    def _head_h(self) -> float:
        return sum(self._s["heights"][: self._s["head"]]) if self._show_head else 0.0

    def _head_on(self) -> bool:
        frame = getattr(self, "_frame", None)
        return not (self._continued and frame is not None and not getattr(frame, "_atTop", True))

    def wrap(self, aW, aH):
        self._measure(aW)
        s = self._s
        self._show_head = self._head_on()
        self.width = sum(s["widths"])
        self.height = self._head_h() + sum(s["heights"][self._start :])
        return self.width, self.height

    # ---- chunks ------------------------------------------------------------
    def _table(self, r0: int, r1: int, cls=Table) -> Table:
        """The ordinary table of header rows plus body rows r0..r1-1.

        Style commands are shifted to the chunk; a row span cut by the chunk is
        clipped to it, and its label is repeated at the top of the continuation."""
        s = self._s
        n = s["nrows"]
        head = s["head"] if self._show_head else 0
        hd = s["head"]
        rows = s["data"][:head] + s["data"][r0:r1]
        heights = s["heights"][:head] + s["heights"][r0:r1]
        cell_styles = s["styles"][:head] + s["styles"][r0:r1]

        def mapped(a: int, b: int) -> list[tuple[int, int, int]]:
            """(first, last, original first) of the parts of rows a..b in the chunk."""
            out = []
            if a < head:
                out.append((a, min(b, head - 1), a))
            a = max(a, hd)
            if a > b:
                return out
            lo, hi = max(a, r0), min(b, r1 - 1)
            if lo <= hi:
                out.append((head + lo - r0, head + hi - r0, lo))
            return out

        cmds = []
        copied: set[int] = set()
        for cmd in s["cmds"] if cls is not Table else s["other"]:
            op, (c0, ra), (c1, rb), *rest = cmd
            ra, rb = _resolve(ra, n), _resolve(rb, n)
            if ra > rb:
                ra, rb = rb, ra
            for a, b, orig in mapped(ra, rb):
                if op == "SPAN":
                    if b > a or _resolve(c1, s["ncols"]) > _resolve(c0, s["ncols"]):
                        cmds.append((op, (c0, a), (c1, b)))
                    if orig > ra:  # a continued span: repeat its label
                        if a not in copied:
                            rows[a] = list(rows[a])
                            copied.add(a)
                        rows[a][_resolve(c0, s["ncols"])] = s["data"][ra][_resolve(c0, s["ncols"])]
                else:
                    cmds.append((op, (c0, a), (c1, b), *rest))
        if cls is Table:  # cell styles computed once, shared
            t = FastTable(
                rows,
                colWidths=s["widths"],
                rowHeights=heights,
                repeatRows=head,
                hAlign=self.hAlign,
                cellStyles=cell_styles,
                normalizedData=1,
            )
            t.setStyle(cmds)
            return t
        # in-row splitting changes cell styles: a fresh table with every command;
        # reportlab splits a cell's flowables only when they are in a list
        # and keeps its content in place only for top-aligned cells
        rows = [[[v] if isinstance(v, Flowable) else v for v in row] for row in rows]
        t = cls(
            rows,
            colWidths=s["widths"],
            repeatRows=head,
            hAlign=self.hAlign,
            splitByRow=1,
            splitInRow=24,
        )
        t.setStyle(default_cmds(s["font_size"]) + cmds + [("VALIGN", (0, head), (-1, -1), "TOP")])
        return t

    def _fit(self, aH: float) -> tuple[int, int]:
        """End rows (exclusive) of the longest body run from ``_start`` that fits:
        the last one that does not cut a row span, and the last one at all."""
        s = self._s
        h = self._head_h()
        end = self._start
        best = self._start
        n = s["nrows"]
        blocked = s["spans"]
        while end < n and h + s["heights"][end] <= aH + 1e-6:
            h += s["heights"][end]
            end += 1
            if end == n or end not in blocked:
                best = end
        return best, end

    def _rest(self, start: int, continued: bool = True) -> list:
        """The remaining rows: a table continued, with its header again on a new page
        (not when it goes on below a part of itself on the same page)."""
        s = self._s
        if start >= s["nrows"]:
            return []
        return [
            ChunkTable(
                [], [], [], _shared=s, _start=start, hAlign=self.hAlign, _continued=continued
            )
        ]

    def _group_end(self, start: int) -> int:
        """End (exclusive) of the row group starting at ``start`` (rows under one span)."""
        s = self._s
        end = start + 1
        while end < s["nrows"] and end in s["spans"]:
            end += 1
        return end

    def _never_fits(self, start: int, frame) -> bool:
        """Whether the group at ``start`` is taller than a whole page of ``frame``."""
        full = getattr(frame, "_height", None) if frame is not None else None
        if full is None or start >= self._s["nrows"]:
            return False
        g = self._group_end(start)
        return self._head_h() + sum(self._s["heights"][start:g]) > full

    def _in_row(self, r0: int, r1: int, aW: float, aH: float) -> list:
        """Rows r0..r1-1 split inside their last row (reportlab's in-row split)."""
        big = self._table(r0, r1, cls=SplitTable)
        big.canv = getattr(self, "canv", None)
        big._calc(aW, aH)
        parts = big._splitRows(aH, doInRowSplit=1)
        if len(parts) < 2:
            return []
        return parts + self._rest(r1)

    def _balanced(self, end: int, frame) -> int:
        """``end`` moved up when the rows from ``end`` on would make a thin last page.

        Only when the rest fits on one (next) page: then the cut goes to the
        latest row boundary (not inside a span) leaving at least ``MIN_TAIL`` of
        a frame for that page, if one exists after ``_start``.
        """
        full = getattr(frame, "_height", None) if frame is not None else None
        if not full:
            return end
        s = self._s
        heads = sum(s["heights"][: s["head"]])
        need = MIN_TAIL * full
        tail = heads + sum(s["heights"][end:])
        if tail >= need or tail > full:
            return end
        cut = end
        while cut > self._start + 1 and tail < need:
            cut -= 1
            tail += s["heights"][cut]
            while cut > self._start + 1 and cut in s["spans"]:
                cut -= 1
                tail += s["heights"][cut]
        if tail < need or tail > full or cut in s["spans"] or cut <= self._start:
            return end
        return cut

    def split(self, aW, aH):
        self._measure(aW)
        n = self._s["nrows"]
        frame = getattr(self, "_frame", None)
        self._show_head = self._head_on()
        group_end, any_end = self._fit(aH)
        if group_end >= n:
            return [self._table(self._start, n)]
        if group_end > self._start:
            if any_end == group_end:
                cut = self._balanced(group_end, frame)
                if cut < group_end:  # the rest starts the next page, not below this part
                    return [self._table(self._start, cut), PageBreak(), *self._rest(cut)]
            if any_end == group_end and self._show_head and self._never_fits(group_end, frame):
                # the next row is taller than any page: start it here, split inside it
                g = self._group_end(group_end)
                if g == group_end + 1 and (parts := self._in_row(self._start, g, aW, aH)):
                    return parts
            return [self._table(self._start, group_end)] + self._rest(group_end)
        never = self._never_fits(self._start, frame) and self._show_head
        if frame is not None and not getattr(frame, "_atTop", True) and not never:
            return []  # the next row (group) starts the next page
        if any_end > self._start:  # a group taller than a page: cut it, label repeated
            return [self._table(self._start, any_end)] + self._rest(any_end)
        # a single row taller than a page: let reportlab split inside the row
        return self._in_row(self._start, self._start + 1, aW, aH)

    def drawOn(self, canvas, x, y, _sW=0):
        s = self._s
        t = self._table(self._start, s["nrows"])
        t.wrapOn(canvas, self.width, self.height)
        t.drawOn(canvas, x, y, _sW)

    def draw(self):  # pragma: no cover - drawOn is used
        pass


def _span_ranges(cmds: list, nrows: int, ncols: int):
    for cmd in cmds:
        if cmd[0] != "SPAN":
            continue
        (c0, r0), (c1, r1) = cmd[1], cmd[2]
        r0, r1 = _resolve(r0, nrows), _resolve(r1, nrows)
        if r0 > r1:
            r0, r1 = r1, r0
        if r1 > r0:
            yield (_resolve(c0, ncols), r0), (_resolve(c1, ncols), r1)


def chunk(
    rows: list[list],
    widths: list[float],
    cmds: list | None = None,
    head: int = 1,
    keep_with_next: set[int] | None = None,
) -> ChunkTable:
    """A ``ChunkTable`` with the common grid lines and ``head`` header rows;
    a row in ``keep_with_next`` is never the last row of a page."""
    from sbdesk.export.pdf.styles import grid_lines

    return ChunkTable(
        rows,
        widths,
        grid_lines(cmds or [], head_rows=head),
        head=head,
        keep_with_next=keep_with_next,
    )

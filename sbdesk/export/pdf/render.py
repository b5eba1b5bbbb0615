"""PDF renderer of a ``documents`` description (reportlab).

``render(doc, path, progress)`` lays out every part on portrait or landscape
A4 pages (``layout.ReportDoc``), headings with their TOC entries and PDF
outline, □ ○ - paragraphs, and tables as linear-time splitting ``ChunkTable``s
whose header rows repeat. The description decides every word and figure; this
module decides only fonts, colours and spacing.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepInFrame,
    PageBreak,
    Spacer,
    Table,
)

from sbdesk.documents import model as dm
from sbdesk.export.pdf import layout
from sbdesk.export.pdf.fonts import BODY, GOTHIC, GOTHIC_BOLD
from sbdesk.export.pdf.styles import (
    GROUP_BG,
    HEAD_BG,
    LABEL_BG,
    LINE,
    PAD_X,
    RULE_GREY,
    TextBlock,
    cell_value,
    plain_paragraph,
    styles,
    widths,
)
from sbdesk.export.pdf.tables import ChunkTable, chunk

TASK_BG = colors.HexColor("#FAFAFA")
ROLE_BG = {dm.GROUP: GROUP_BG, dm.TASK: TASK_BG, dm.LABEL: LABEL_BG, dm.TOTAL: GROUP_BG}
#: A label spanning rows this tall (pt, estimated) is set at the top, not centred.
TALL_GROUP = 0.45 * layout.PORTRAIT_FRAME[1]


#: Paragraph styles of the description named otherwise in ``styles.STYLE_DECLARATIONS``.
PARA_STYLE_NAMES = {"indent": "body_indent", "table_title": "h4"}


def para_style(p: dm.Para) -> ParagraphStyle:
    s = styles()
    if p.level in (1, 2, 3):
        return getattr(s, f"bullet{p.level}")
    return getattr(s, PARA_STYLE_NAMES.get(p.style, p.style), s.body)


_TO_WRITE: dict[str, ParagraphStyle] = {}


def to_write_style(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` in the visible colour of "(작성 필요)" (``services.report_parts``)."""
    from sbdesk.services.report_parts import TO_WRITE_COLOR

    if style.name not in _TO_WRITE:
        _TO_WRITE[style.name] = ParagraphStyle(
            style.name + "_to_write", parent=style, textColor=TO_WRITE_COLOR
        )
    return _TO_WRITE[style.name]


def _lines(text: str, width: float, size: float) -> int:
    avail = max(width - 6, 10)
    n = 0
    for ln in (text or "").split("\n") or [""]:
        n += 1 + int(len(ln) * size * 0.9 / avail)
    return max(n, 1)


#: The smallest size a word of a ``whole_words`` table is set in to fit its cell.
MIN_WORD_SIZE = 5.0


def words_cell(text: str, width: float, style: ParagraphStyle, bold: bool = False) -> object:
    """A cell whose lines break only between words; a word too wide is set smaller.

    Explicit newlines are kept. The font size is the style's, lowered (to at
    least ``MIN_WORD_SIZE``) until the longest word fits the cell."""
    s = text.strip()
    avail = width - 2 * PAD_X - 0.5
    font = GOTHIC_BOLD if bold else style.fontName
    words = s.split() or [""]
    size = style.fontSize
    while size > MIN_WORD_SIZE and max(stringWidth(x, font, size) for x in words) > avail:
        size -= 0.25
    lines: list[str] = []
    for para in s.split("\n"):
        cur = ""
        for word in para.split():
            cand = f"{cur} {word}" if cur else word
            if cur and stringWidth(cand, font, size) > avail:
                lines.append(cur)
                cur = word
            else:
                cur = cand
        if cur:
            lines.append(cur)
    key = (style.name, size, font)
    st = _WORD_STYLES.get(key)
    if st is None:
        st = _WORD_STYLES[key] = ParagraphStyle(
            f"{style.name}-w{size}-{font}",
            parent=style,
            fontName=font,
            fontSize=size,
            leading=size * style.leading / style.fontSize,
        )
    return TextBlock("\n".join(lines), st, lines=lines)


_WORD_STYLES: dict[tuple, ParagraphStyle] = {}


def table_flowable(t: dm.Table, frame_width: float):
    """A reportlab flowable of a table description."""
    s = styles()
    ws = widths(frame_width, t.widths)
    n = len(t.rows)
    if t.plain:
        return _plain_table(t, ws)
    data: list[list] = [[""] * t.ncols for _ in range(n)]
    cmds: list = []
    heights = [0.0] * n
    size = t.font_size
    for r, c, cell in t.anchors():
        c1, r1 = c + cell.colspan - 1, r + cell.rowspan - 1
        width = sum(ws[c : c1 + 1])
        align = cell.alignment
        if c1 > c or r1 > r:
            cmds.append(("SPAN", (c, r), (c1, r1)))
        if r < t.head or cell.role == dm.HEAD:
            value = plain_paragraph(cell.text, s.head_small, bullets=False) if cell.text else ""
            if r >= t.head:
                cmds.append(("BACKGROUND", (c, r), (c1, r1), HEAD_BG))
        elif cell.bold and cell.text:
            value = plain_paragraph(
                cell.text, s.head if align == "center" else s.label, bullets=False
            )
            if align == "left":
                value = plain_paragraph(cell.text, s.cell, bullets=False)
                cmds.append(("FONT", (c, r), (c1, r1), GOTHIC_BOLD, size))
        else:
            if cell.small:
                style = s.cell_small_c if align == "center" else s.cell_small
            elif cell.role == dm.LABEL:
                style = s.label
            else:
                style = {"center": s.cell_c, "right": s.cell_r}.get(align, s.cell)
            value = cell_value(cell.text, width, style) if cell.text else ""
            if isinstance(value, str) and value:
                if align != "left":
                    cmds.append(("ALIGN", (c, r), (c1, r1), align.upper()))
                if cell.small:
                    cmds.append(("FONT", (c, r), (c1, r1), GOTHIC, style.fontSize))
                elif size != 8:
                    cmds.append(("FONT", (c, r), (c1, r1), GOTHIC, size))
        if t.whole_words and cell.text:
            header = r < t.head or cell.role == dm.HEAD
            style = (
                s.head_small
                if header
                else {"center": s.cell_c, "right": s.cell_r}.get(align, s.cell)
            )
            value = words_cell(cell.text, width, style, bold=cell.bold and not header)
        bg = ROLE_BG.get(cell.role)
        if bg is not None:
            cmds.append(("BACKGROUND", (c, r), (c1, r1), bg))
        if cell.valign == "top":
            cmds.append(("VALIGN", (c, r), (c1, r1), "TOP"))
        data[r][c] = value
        if cell.rowspan == 1:
            heights[r] = max(heights[r], _lines(cell.text, width, size) * size * 1.3 + 5)
    if t.form:
        # a label spanning a tall group stays at the top (reportlab cannot split
        # a row group under a vertically centred label)
        for r, c, cell in t.anchors():
            if cell.role == dm.LABEL and cell.rowspan > 1:
                if sum(heights[r : r + cell.rowspan]) > TALL_GROUP:
                    cmds.append(("VALIGN", (c, r), (c, r + cell.rowspan - 1), "TOP"))
        cmds.append(("LINEBEFORE", (2, 0), (2, -1), 0.6, LINE))
    if t.row_height:  # rows of a fixed height (space to sign in)
        pad = max(1.0, (t.row_height - size * 1.28) / 2)
        cmds += [
            ("TOPPADDING", (0, t.head), (-1, -1), pad),
            ("BOTTOMPADDING", (0, t.head), (-1, -1), pad),
        ]
    elif size < 8:
        cmds += [
            ("TOPPADDING", (0, t.head), (-1, -1), 1.2),
            ("BOTTOMPADDING", (0, t.head), (-1, -1), 1.8),
        ]
    # a strategy / 대표과업 group row is never left alone at a page bottom
    keep = {r for r, _c, cell in t.anchors() if r >= t.head and cell.role in (dm.GROUP, dm.TASK)}
    return chunk(data, ws, cmds, head=t.head, keep_with_next=keep)


class NotesBox(Flowable):
    """Boxes of ruled lines for handwriting (``WritingSpace``), one per caption.

    Together they take as many lines as fit the rest of the page (between
    ``min_lines`` and ``max_lines``), shared out by ``weights``; when not even
    ``min_lines`` fit, the boxes move to the next page.
    """

    CAPTION = 7 * mm
    GAP_BETWEEN = 5 * mm

    def __init__(self, ws: dm.WritingSpace, width: float, gap: float = 8 * mm):
        super().__init__()
        self.captions, self.width, self.gap = ws.captions, width, gap
        self.weights = ws.weights or [1] * len(ws.captions)
        self.min_lines, self.max_lines = ws.min_lines, ws.max_lines
        self.counts = self._share(self.max_lines)

    def _fixed(self) -> float:
        n = len(self.captions)
        return n * (self.CAPTION + 2 * mm) + (n - 1) * self.GAP_BETWEEN

    def _share(self, total: int) -> list[int]:
        wsum = sum(self.weights)
        counts = [max(2, total * w // wsum) for w in self.weights]
        counts[0] += max(0, total - sum(counts))
        return counts

    def wrap(self, aW, aH):
        fit = int((aH - self._fixed() - 2 * mm) // self.gap)
        total = max(self.min_lines, min(self.max_lines, fit))
        self.counts = self._share(total)
        return self.width, self._fixed() + sum(self.counts) * self.gap

    def split(self, aW, aH):
        return []

    def draw(self):
        c = self.canv
        top = self._fixed() + sum(self.counts) * self.gap
        for caption, n in zip(self.captions, self.counts, strict=True):
            h = self.CAPTION + n * self.gap
            y0 = top - h
            c.setFillColorRGB(0, 0, 0)
            c.setFont(GOTHIC_BOLD, 9.5)
            c.drawString(1 * mm, top - 4.8 * mm, caption)
            c.setStrokeColor(RULE_GREY)
            c.setLineWidth(0.4)
            for i in range(1, n + 1):
                y = top - self.CAPTION - i * self.gap
                c.line(1 * mm, y, self.width - 1 * mm, y)
            c.setStrokeColorRGB(0, 0, 0)
            c.setLineWidth(0.8)
            c.rect(0, y0 - 2 * mm, self.width, h + 2 * mm, stroke=1, fill=0)
            top = y0 - 2 * mm - self.GAP_BETWEEN


def _plain_table(t: dm.Table, ws: list[float]) -> Table:
    """A table without lines (signers): names in the table's font, a seal space
    grey and a size smaller, small cells as wrapping paragraphs."""
    s = styles()
    font = BODY if t.font == "myeongjo" else GOTHIC
    data: list[list] = []
    for row in t.rows:
        data.append(
            [
                (
                    plain_paragraph(cell.text, s.cell_small, bullets=False)
                    if cell.small
                    else cell.text
                )
                if cell is not None
                else ""
                for cell in row
            ]
        )
    heights = [t.row_height] * len(data) if t.row_height else None
    tbl = Table(data, colWidths=ws, rowHeights=heights)
    size = t.font_size
    cmds = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    if not t.row_height:
        cmds += [("TOPPADDING", (0, 0), (-1, -1), 3.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5)]
    for r, c, cell in t.anchors():
        if cell.role == dm.SEAL or cell.text in dm.SEAL_TEXTS:
            f = GOTHIC_BOLD if cell.bold else GOTHIC
            cmds.append(("FONT", (c, r), (c, r), f, size if cell.bold else size - 1))
            cmds.append(("TEXTCOLOR", (c, r), (c, r), "#444444"))
        elif cell.bold:
            cmds.append(("FONT", (c, r), (c, r), GOTHIC_BOLD, size))
    tbl.setStyle(cmds)
    return tbl


def _template(part: dm.Part) -> str:
    return part.orientation if part.numbered else "front"


def story(doc: dm.Document, toc: layout.Toc) -> list:
    """The flowables of ``doc``; TOC entries registered in ``toc`` first."""
    s = styles()
    h_styles = {1: s.h1, 2: s.h2, 3: s.h3, 4: s.h4, 5: s.h4}
    keys: dict[int, str] = {}
    for h in doc.headings():
        if h.toc:
            keys[id(h)] = toc.add(h.level - 1, h.toc_text or h.text)
    out: list = []
    for i, part in enumerate(doc.parts):
        if i:
            out.extend(layout.switch_to(_template(part)))
        frame = layout.LANDSCAPE_FRAME if part.orientation == "landscape" else layout.PORTRAIT_FRAME
        fw = frame[0]
        whole = out
        if part.one_page:
            out = []
        for b in part.blocks:
            if isinstance(b, dm.Heading):
                out.append(
                    layout.Heading(
                        b.text,
                        h_styles[b.level],
                        key=keys.get(id(b), b.key),
                        toc_level=(b.level - 1) if b.toc else None,
                        outline_level=min(b.level - 1, 3),
                        outline_text=b.toc_text or b.text,
                    )
                )
            elif isinstance(b, dm.Para):
                out.append(
                    plain_paragraph(
                        b.text,
                        to_write_style(para_style(b)) if b.to_write else para_style(b),
                        bullets=False,
                    )
                )
            elif isinstance(b, dm.TableBlock):
                out.append(table_flowable(b.table, fw))
            elif isinstance(b, dm.PageBreak):
                out.append(PageBreak())
            elif isinstance(b, dm.KeepRoom):
                out.append(CondPageBreak(b.mm * mm))
            elif isinstance(b, dm.Space):
                out.append(Spacer(0, b.mm * mm))
            elif isinstance(b, dm.Rule):
                out.append(
                    HRFlowable(
                        width="100%",
                        thickness=b.thickness,
                        color="#1F3864",
                        spaceBefore=0,
                        spaceAfter=0,
                    )
                )
            elif isinstance(b, dm.TocBlock):
                out.append(layout.TocFlowable(toc))
            elif isinstance(b, dm.StartNumbering):
                out.append(layout.StartNumbering())
            elif isinstance(b, dm.Bookmark):
                out.append(layout.Bookmark(b.text, b.level, b.key))
            elif isinstance(b, dm.WritingSpace):
                out.append(NotesBox(b, fw))
        if part.one_page:
            whole.append(KeepInFrame(frame[0], frame[1], out, mode="shrink"))
            out = whole
    if toc.entries:
        out.append(layout.TocNumbers(toc))
    return out


def render(doc: dm.Document, path: Path, progress=None, progress_text: str = "") -> int:
    """Write ``doc`` as a PDF at ``path``; returns the number of pages."""
    toc = layout.Toc()
    flowables = story(doc, toc)
    numbered_later = any(isinstance(b, dm.StartNumbering) for p in doc.parts for b in p.blocks)
    first = _template(doc.parts[0]) if doc.parts else "portrait"
    rd = layout.ReportDoc(
        str(path),
        title=doc.title,
        author=doc.author,
        subject=doc.subject,
        toc=toc,
        progress=progress,
        number_from_start=not numbered_later,
        first_template=first,
        progress_text=progress_text or "문서를 그리는 중",
        draft=doc.draft,
    )
    rd.build(flowables)
    return rd.page


__all__ = ["render", "table_flowable", "ChunkTable"]

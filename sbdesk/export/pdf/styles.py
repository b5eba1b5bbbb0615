"""Paragraph and table styles of the printed documents, and cell helpers.

Body text is Myeongjo, tables and headings Gothic (see ``pdf_fonts``). Cell text
is always a ``Paragraph`` when it may not fit on one line, so a long value wraps
inside its cell instead of overflowing it; short figures stay plain strings,
which reportlab draws much faster.
"""

from __future__ import annotations

import re
import threading
from dataclasses import make_dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table

from sbdesk.export.pdf.fonts import BODY, GOTHIC, GOTHIC_BOLD, register_fonts

HEAD_BG = colors.HexColor("#D9D9D9")  # header cells (회색 15%)
LABEL_BG = colors.HexColor("#EFEFEF")  # label cells of a form
GROUP_BG = colors.HexColor("#F6F6F6")  # strategy / task rows
LINE = colors.black
RULE_GREY = colors.HexColor("#9A9A9A")

#: Table cell font size and leading (pt).
CELL_SIZE = 8
CELL_LEADING = 10.2
#: Cell padding (pt).
PAD_X = 2.5
PAD_Y = 2


_BODY = dict(fontName=BODY, fontSize=10.5, leading=16, alignment=TA_JUSTIFY)
_HEADING = dict(_BODY, fontName=GOTHIC_BOLD, alignment=TA_LEFT, keepWithNext=1)
_CENTRED = dict(_BODY, alignment=TA_CENTER)
_CELL = dict(fontName=GOTHIC, fontSize=CELL_SIZE, leading=CELL_LEADING, alignment=TA_LEFT)
_SMALL = dict(fontName=GOTHIC, fontSize=7, leading=8.6, alignment=TA_LEFT)

#: Every paragraph style, declared once: name → its settings (reportlab keywords).
STYLE_DECLARATIONS: dict[str, dict] = {
    # body text (명조)
    "body": dict(_BODY, spaceAfter=3),
    "body_indent": dict(_BODY, leftIndent=4 * mm, spaceAfter=2),
    "bullet1": dict(  # □
        _BODY, fontName=GOTHIC_BOLD, spaceBefore=5, spaceAfter=3, leftIndent=4 * mm,
        firstLineIndent=-4 * mm,
    ),
    "bullet2": dict(_BODY, leftIndent=8 * mm, firstLineIndent=-4 * mm, spaceAfter=2),  # ○
    "bullet3": dict(_BODY, leftIndent=12 * mm, firstLineIndent=-3 * mm, spaceAfter=1.5),  # -
    "note": dict(_BODY, fontName=GOTHIC, fontSize=8, leading=11, spaceBefore=2, spaceAfter=4),
    "statement": dict(_BODY, fontSize=14, leading=26, firstLineIndent=7 * mm),
    # cover, 제출문, 심의결과서
    "cover_title": dict(_CENTRED, fontName=GOTHIC_BOLD, fontSize=24, leading=38),
    "cover_sub": dict(_CENTRED, fontName=GOTHIC_BOLD, fontSize=18, leading=26),
    "cover_date": dict(_CENTRED, fontSize=16, leading=22),
    "cover_org": dict(_CENTRED, fontName=GOTHIC_BOLD, fontSize=20, leading=28),
    "doc_title": dict(  # 제 출 문, 심 의 결 과 서, 목 차
        _CENTRED, fontName=GOTHIC_BOLD, fontSize=22, leading=30, spaceAfter=14 * mm
    ),
    "date": dict(_CENTRED, fontSize=14, leading=26),
    "signer": dict(_CENTRED, fontName=GOTHIC_BOLD, fontSize=16, leading=26),
    "council": dict(_CENTRED, fontName=GOTHIC_BOLD, fontSize=13, leading=22),
    # headings (고딕): 1. / 1) / (1) / 가. and □ table titles / [첨부 1] I-1-1. …
    "h1": dict(_HEADING, fontSize=16, leading=22, spaceBefore=2, spaceAfter=8),
    "h2": dict(_HEADING, fontSize=13, leading=18, spaceBefore=8, spaceAfter=5),
    "h3": dict(_HEADING, fontSize=11.5, leading=16, spaceBefore=6, spaceAfter=4),
    "h4": dict(_HEADING, fontSize=10.5, leading=15, spaceBefore=5, spaceAfter=3),
    "card_title": dict(_HEADING, fontSize=12, leading=17, spaceAfter=4),
    # table cells (고딕)
    "cell": _CELL,
    "cell_c": dict(_CELL, alignment=TA_CENTER),
    "cell_r": dict(_CELL, alignment=TA_RIGHT),
    "head": dict(_CELL, fontName=GOTHIC_BOLD, alignment=TA_CENTER),
    "label": dict(_CELL, alignment=TA_CENTER),
    "cell_small": _SMALL,
    "cell_small_c": dict(_SMALL, alignment=TA_CENTER),
    "head_small": dict(_SMALL, fontName=GOTHIC_BOLD, alignment=TA_CENTER),
}  # fmt: skip

Styles = make_dataclass("Styles", [(n, ParagraphStyle) for n in STYLE_DECLARATIONS], frozen=True)
Styles.__doc__ = "The paragraph styles by name (``STYLE_DECLARATIONS``), as attributes."


@lru_cache(maxsize=1)
def styles() -> Styles:
    register_fonts()
    return Styles(**{n: ParagraphStyle(n, **kw) for n, kw in STYLE_DECLARATIONS.items()})


# ---------------------------------------------------------------------------- text
_BULLET_BREAK = re.compile(r"\s+(?=[·○□※▶]\s)")
_SPACES = re.compile(r"[ \t\r\f\v]+")


_PLAIN = re.compile(r"[\n\t\r\f\v·○□※▶]|  ")


def lines_of(text: object) -> list[str]:
    """The lines of a stored text: explicit newlines, and a break before each
    inline bullet ("… · 다음 항목") the way the printed form sets them."""
    s = "" if text is None else str(text)
    if not _PLAIN.search(s):  # one plain line: the common case
        s = s.strip()
        return [s] if s else []
    s = _BULLET_BREAK.sub("\n", s)
    out = [_SPACES.sub(" ", ln).strip() for ln in s.split("\n")]
    return [ln for ln in out if ln]


_frag_lock = threading.Lock()
_frag_templates: dict[str, object] = {}


def _template(style: ParagraphStyle):
    t = _frag_templates.get(style.name)
    if t is None:
        with _frag_lock:
            t = Paragraph("x", style).frags[0]
            _frag_templates[style.name] = t
    return t


class CellParagraph(Paragraph):
    """A paragraph that remembers its last wrap: a table re-measures every
    cell each time it is split over a page, and the width never changes."""

    _wrapped_at: float | None = None

    def wrap(self, availWidth, availHeight):
        if self._wrapped_at == availWidth:
            return self.width, self.height
        w, h = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return w, h

    def split(self, availWidth, availHeight):
        self._wrapped_at = None
        return super().split(availWidth, availHeight)


class TextBlock(Flowable):
    """Plain text of one font wrapped into lines: the table cells' paragraph.

    Much cheaper than reportlab's ``Paragraph`` (no markup, one text object
    per block): lines break at spaces, a word longer than the line is broken
    between characters, explicit lines (and inline bullets) are kept. Left,
    centred or right aligned; splits between lines (for cells continued on the
    next page)."""

    def __init__(
        self, text: str, style: ParagraphStyle, lines: list[str] | None = None, bullets: bool = True
    ):
        super().__init__()
        self.text = text
        self.style = style
        if lines is None:
            lines = (
                lines_of(text)
                if bullets
                else [
                    ln for ln in (_SPACES.sub(" ", x).strip() for x in str(text).split("\n")) if ln
                ]
            )
        self.src = lines or [""]
        self.lines: list[tuple[str, float]] = []
        self._wrapped_at: float | None = None
        self._fixed = False
        self.width = self.height = 0.0

    @classmethod
    def _from_lines(cls, parent: TextBlock, lines: list[tuple[str, float]]) -> TextBlock:
        b = cls(parent.text, parent.style, lines=[ln for ln, _ in lines])
        b.lines = lines
        b._fixed = True
        b._width_lock = parent._width_lock
        return b

    #: The width of the first wrap, kept from then on: a cell never changes width,
    #: but reportlab's in-row splitting measures a column-spanning cell with the
    #: width of its first column only.
    _width_lock: float | None = None

    def _break(self, avail: float) -> list[tuple[str, float]]:
        st = self.style
        font, size = st.fontName, st.fontSize
        space = stringWidth(" ", font, size)
        out: list[tuple[str, float]] = []
        for src in self.src:
            full = stringWidth(src, font, size)
            if full <= avail:
                out.append((src, full))
                continue
            cur: list[str] = []
            cur_w = 0.0
            for word in src.split(" "):
                ww = stringWidth(word, font, size)
                add = ww if not cur else cur_w + space + ww
                if add <= avail:
                    cur.append(word)
                    cur_w = add
                    continue
                if cur:
                    out.append((" ".join(cur), cur_w))
                    cur, cur_w = [], 0.0
                if ww <= avail:
                    cur, cur_w = [word], ww
                    continue
                piece = ""  # a word longer than the line: break between characters
                for ch in word:
                    cw = stringWidth(piece + ch, font, size)
                    if cw > avail and piece:
                        out.append((piece, stringWidth(piece, font, size)))
                        piece = ch
                    else:
                        piece += ch
                cur, cur_w = [piece], stringWidth(piece, font, size)
            if cur:
                out.append((" ".join(cur), cur_w))
        return out

    def wrap(self, availWidth, availHeight):
        if self._width_lock is None:
            self._width_lock = availWidth
        availWidth = self._width_lock
        if not self._fixed and self._wrapped_at != availWidth:
            st = self.style
            avail = availWidth - st.leftIndent - st.rightIndent
            self.lines = self._break(max(avail, st.fontSize))
            self._wrapped_at = availWidth
        self.width = availWidth
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        n = int((availHeight + 1e-6) // self.style.leading)
        if n <= 0 or n >= len(self.lines):
            return [] if n <= 0 else [self]
        return [
            TextBlock._from_lines(self, self.lines[:n]),
            TextBlock._from_lines(self, self.lines[n:]),
        ]

    def draw(self):
        st = self.style
        c = self.canv
        t = c.beginText()
        t.setFont(st.fontName, st.fontSize, st.leading)
        if st.textColor is not None:
            t.setFillColor(st.textColor)
        y = self.height - st.fontSize * 0.93 - (st.leading - st.fontSize) / 2
        left = st.leftIndent
        inner = self.width - st.leftIndent - st.rightIndent
        for line, w in self.lines:
            if st.alignment == TA_CENTER:
                x = left + (inner - w) / 2
            elif st.alignment == TA_RIGHT:
                x = left + inner - w
            else:
                x = left
            t.setTextOrigin(x, y)
            t.textOut(line)
            y -= st.leading
        c.drawText(t)


#: Styles whose text is set with ``TextBlock`` (table cells).
CELL_STYLES = {
    "cell",
    "cell_c",
    "cell_r",
    "head",
    "label",
    "cell_small",
    "cell_small_c",
    "head_small",
}


def plain_paragraph(text: object, style: ParagraphStyle, bullets: bool = True) -> Paragraph:
    """A paragraph of plain text (no markup): newlines (and inline bullets when
    ``bullets``) become line breaks. Built from pre-parsed fragments, which is
    several times faster than reportlab's markup parser."""
    s = "" if text is None else str(text)
    if style.name in CELL_STYLES:
        return TextBlock(s, style, bullets=bullets)
    lines = (
        lines_of(s)
        if bullets
        else [ln for ln in (_SPACES.sub(" ", x).strip() for x in s.split("\n")) if ln]
    )
    tmpl = _template(style)
    frags = []
    for i, line in enumerate(lines):
        if i:
            frags.append(tmpl.clone(text="", lineBreak=True, link=[], us_lines=[], __tag__="br"))
        frags.append(tmpl.clone(text=line, link=[], us_lines=[]))
    if not frags:
        frags.append(tmpl.clone(text="", link=[], us_lines=[]))
    return CellParagraph(s, style, frags=frags)


def fits(text: str, width: float, font: str = GOTHIC, size: float = CELL_SIZE) -> bool:
    """Whether ``text`` fits on one line of a cell ``width`` wide (padding included)."""
    return stringWidth(text, font, size) <= width - 2 * PAD_X - 0.5


def cell_value(
    text: object, width: float, style: ParagraphStyle | None = None, font: str | None = None
) -> object:
    """A table cell value: a plain string when it surely fits on one line of a
    cell ``width`` wide (the table's FONT must then match ``font``, by default
    the style's), else a wrapping paragraph — so nothing overflows its cell."""
    s = "" if text is None else str(text).strip()
    st = style or styles().cell
    if "\n" not in s:
        avail = width - 2 * PAD_X - 0.5
        if len(s) * st.fontSize <= avail:  # no glyph is wider than 1 em
            return s
        if stringWidth(s, font or st.fontName, st.fontSize) <= avail:
            return s
    return (
        plain_paragraph(s, st, bullets=False)
        if style is not None and style.alignment == TA_CENTER
        else plain_paragraph(s, st)
    )


def flag(value: bool | None) -> str:
    """○ / × as the official tables print flags ("" when not stated)."""
    if value is None:
        return ""
    return "○" if value else "×"


def blank(text: object, dash: str = "-") -> str:
    s = "" if text is None else str(text).strip()
    return s if s else dash


# ---------------------------------------------------------------------------- tables
class SplitTable(Table):
    """A table that splits between rows, and inside a row only when it must.

    Reportlab tries an in-row split as soon as the next row does not fit the
    rest of the page; a form reads better when that row starts the next page.
    So a row (or a group under one spanned label) is split only at the top of
    a page, when it is taller than a whole page.
    """

    def split(self, availWidth, availHeight):
        self._calc(availWidth, availHeight)
        if self._width > availWidth + 0.5:
            return []
        result = self._splitRows(availHeight, doInRowSplit=0)
        if result:
            return result
        frame = getattr(self, "_frame", None)
        if frame is not None and not getattr(frame, "_atTop", True):
            return []
        return self._splitRows(availHeight, doInRowSplit=1)


def default_cmds(font_size: float = CELL_SIZE) -> list:
    """The cell defaults of every table (font, vertical centring, padding)."""
    return [
        ("FONT", (0, 0), (-1, -1), GOTHIC, font_size, font_size * 1.28),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y + 0.5),
    ]


def grid_lines(extra: list | None = None, head_rows: int = 1, font_size: float = CELL_SIZE) -> list:
    """Thin inner lines, a thicker outer box and shaded header row(s), then ``extra``."""
    cmds = [
        ("GRID", (0, 0), (-1, -1), 0.4, LINE),
        ("BOX", (0, 0), (-1, -1), 0.9, LINE),
    ]
    if head_rows:
        cmds += [
            ("BACKGROUND", (0, 0), (-1, head_rows - 1), HEAD_BG),
            ("FONT", (0, 0), (-1, head_rows - 1), GOTHIC_BOLD, font_size, font_size * 1.28),
            ("ALIGN", (0, 0), (-1, head_rows - 1), "CENTER"),
            ("LINEBELOW", (0, head_rows - 1), (-1, head_rows - 1), 0.9, LINE),
        ]
    return cmds + (extra or [])


def grid(extra: list | None = None, head_rows: int = 1, font_size: float = CELL_SIZE) -> list:
    """The common table style: cell defaults plus ``grid_lines``."""
    return default_cmds(font_size) + grid_lines(extra, head_rows, font_size)


_cell_classes: dict[float, type] = {}


def cell_style_class(font_size: float = CELL_SIZE) -> type:
    """A reportlab ``CellStyle`` whose class defaults are ``default_cmds``: giving
    every cell one is much cheaper than applying six commands to every cell."""
    cls = _cell_classes.get(font_size)
    if cls is None:
        from reportlab.platypus.tables import CellStyle

        cls = type(
            f"SbCellStyle{font_size}",
            (CellStyle,),
            {
                "fontname": GOTHIC,
                "fontsize": font_size,
                "leading": font_size * 1.28,
                "leftPadding": PAD_X,
                "rightPadding": PAD_X,
                "topPadding": PAD_Y,
                "bottomPadding": PAD_Y + 0.5,
                "valign": "MIDDLE",
            },
        )
        _cell_classes[font_size] = cls
    return cls


def widths(total: float, parts: list[float]) -> list[float]:
    """Column widths proportional to ``parts`` filling ``total``."""
    s = float(sum(parts))
    return [total * p / s for p in parts]

"""The renderer-free vocabulary of a document: blocks, tables and typed cells.

A document is a list of ``Part``s; each part has a page orientation and starts
on a new page. A part holds blocks: headings (with their table-of-contents
level), paragraphs (with their □ ○ - level or a named style), tables, page
breaks, "keep this much room" hints, vertical space, the table of contents and
bookmarks. Renderers (PDF, HWPX, Excel) turn these into their own objects; no
renderer decides wording, figures or the shape of an official table.

A ``Table`` is a full grid: ``rows[r][c]`` is a ``Cell`` at the top-left of its
span, or ``None`` where a span covers the position. The first ``head`` rows are
the header, repeated on every page. Column widths are relative.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

#: Cell kinds: what the value is, so a renderer can type it (Excel numbers) or align it.
TEXT, MONEY, RATE, CODE, COUNT, FLAG = "text", "money", "rate", "code", "count", "flag"
#: Cell roles: how it is set (header, strategy/task group row, form label, plain body).
HEAD, GROUP, TASK, LABEL, BODY, TOTAL = "head", "group", "task", "label", "body", "total"
#: A seal space "(인)" / "불참" beside a signer's name (grey, a size smaller).
SEAL = "seal"
SEAL_TEXTS = ("(인)", "불참")


@dataclass
class Cell:
    """One cell: its printed ``text``, its ``kind`` and, for money/rate/count, its
    exact ``value`` (``None`` when blank or undefined, printed as ``text``)."""

    text: str = ""
    kind: str = TEXT
    value: Decimal | int | None = None
    role: str = BODY
    align: str | None = None  # "left" | "center" | "right"; None: by kind
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False
    small: bool = False  # a smaller font (long lists in narrow cells)
    valign: str = "middle"  # "middle" | "top"
    note: str = ""  # a rule explained to the reader (Excel cell note)

    @property
    def alignment(self) -> str:
        if self.align:
            return self.align
        if self.role in (HEAD, LABEL):
            return "center"
        if self.kind in (MONEY,):
            return "right"
        if self.kind in (RATE, CODE, COUNT, FLAG):
            return "center"
        return "left"


@dataclass
class Table:
    """An official table: ``key`` names it (e.g. "1-1-2"), ``widths`` are relative."""

    key: str
    widths: list[float]
    rows: list[list[Cell | None]] = field(default_factory=list)
    head: int = 1
    title: str = ""  # the heading the table carries where it stands alone (Excel sheet)
    font_size: float = 8.0
    #: A form (card): label columns shaded, the grid's label columns drawn as one.
    form: bool = False
    #: No lines and no shading (the signers of the 심의결과서).
    plain: bool = False
    #: "gothic" (tables) or "myeongjo" (body face, e.g. signers' names).
    font: str = "gothic"
    #: Fixed row height in pt (None: as the text needs).
    row_height: float | None = None
    #: Lines break only between words; a word wider than its cell is set smaller
    #: (the basic-plan table: "중점추진", "10,100명" never split).
    whole_words: bool = False

    @property
    def ncols(self) -> int:
        return len(self.widths)

    def add(self, cells: list[Cell | None]) -> int:
        """Append a row (padded to the width); returns its index."""
        row = list(cells) + [None] * (self.ncols - len(cells))
        self.rows.append(row)
        return len(self.rows) - 1

    def anchors(self):
        """(row, col, cell) of every cell that is not covered by a span."""
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                if cell is not None:
                    yield r, c, cell

    def text_grid(self) -> list[list[str]]:
        """The printed text at every grid position ('' where covered)."""
        return [[(cell.text if cell else "") for cell in row] for row in self.rows]


# ---------------------------------------------------------------------------- blocks
@dataclass
class Heading:
    text: str
    level: int  # 1: "1." 2: "1)" 3: "(1)" 4: "가." / ①
    toc: bool = True  # listed in the table of contents
    toc_text: str | None = None  # a shorter entry for the TOC / outline
    key: str = ""  # bookmark key


@dataclass
class Para:
    """A paragraph. ``level`` 1 □, 2 ○, 3 -, 0 plain; ``style`` names a special
    setting (cover_title, cover_sub, cover_date, cover_org, doc_title, statement,
    note, table_title, card_title, center, signature)."""

    text: str
    level: int = 0
    style: str = "body"
    #: "(작성 필요)": printed in the visible colour of ``services.report_parts``
    to_write: bool = False


@dataclass
class TableBlock:
    table: Table


@dataclass
class PageBreak:
    pass


@dataclass
class KeepRoom:
    """Start a new page unless ``mm`` millimetres are left (a PDF/HWPX hint)."""

    mm: float


@dataclass
class Space:
    mm: float


@dataclass
class Rule:
    """A horizontal rule (cover)."""

    thickness: float = 1.0


@dataclass
class WritingSpace:
    """Boxes of ruled lines for handwriting, one per caption, sharing the rest of
    the page (between ``min_lines`` and ``max_lines`` lines, by ``weights``)."""

    captions: list[str]
    weights: list[int] = field(default_factory=list)
    min_lines: int = 6
    max_lines: int = 14


@dataclass
class TocBlock:
    """The table of contents: the headings with ``toc`` of the whole document."""

    pass


@dataclass
class StartNumbering:
    """Page numbers start here (at 1)."""

    pass


@dataclass
class Bookmark:
    """An outline entry without visible text (e.g. each card under 첨부 1)."""

    text: str
    level: int
    key: str


Block = Heading | Para | TableBlock | PageBreak | KeepRoom | Space | Rule | TocBlock
Block = Block | StartNumbering | Bookmark | WritingSpace


@dataclass
class Part:
    """Blocks on pages of one orientation ("portrait" | "landscape"); a part
    starts on a new page. ``numbered``: the page numbers show in the footer."""

    orientation: str = "portrait"
    blocks: list = field(default_factory=list)
    numbered: bool = True
    #: Everything shrinks to stay on one page (the 심의결과서), where the renderer can.
    one_page: bool = False

    def add(self, *blocks) -> None:
        self.blocks.extend(blocks)


@dataclass
class Document:
    title: str
    author: str
    subject: str = ""
    parts: list[Part] = field(default_factory=list)
    #: a light mark across every page ("초안" while ``check`` has errors), "" for none
    draft: str = ""

    def part(self, orientation: str = "portrait", numbered: bool = True) -> Part:
        p = Part(orientation, numbered=numbered)
        self.parts.append(p)
        return p

    def tables(self) -> list[Table]:
        return [b.table for p in self.parts for b in p.blocks if isinstance(b, TableBlock)]

    def headings(self) -> list[Heading]:
        return [b for p in self.parts for b in p.blocks if isinstance(b, Heading)]


# ---------------------------------------------------------------------------- cell helpers
def head(text: str, rowspan: int = 1, colspan: int = 1, note: str = "") -> Cell:
    return Cell(text, role=HEAD, rowspan=rowspan, colspan=colspan, bold=True, note=note)


def text(value: object, **kw) -> Cell:
    s = "" if value is None else str(value).strip()
    return Cell(s, **kw)

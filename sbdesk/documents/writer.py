"""``Writer``: appends blocks to a ``Document``, switching page orientation.

Headings, □ ○ - bullets (a text that already starts with a mark keeps it),
the "해당 사항 없음" line, notes, tables and page breaks. A switch of
orientation starts a new part (a new page) unless the current part is empty.
"""

from __future__ import annotations

from sbdesk.documents import wording as w
from sbdesk.documents.model import (
    Document,
    Heading,
    KeepRoom,
    PageBreak,
    Para,
    Part,
    Space,
    Table,
    TableBlock,
)

MARKS = {1: "□", 2: "○", 3: "-"}
_MARKED = ("□", "○", "-", "·", "※")


class Writer:
    def __init__(self, doc: Document, progress=None):
        self.doc = doc
        #: optional ``report(done, total, text)`` / ``check()`` of a long build
        self.progress = progress
        self.part: Part | None = None
        self._keys = 0

    # -- pages ---------------------------------------------------------------
    def start(self, orientation: str = "portrait", numbered: bool = True) -> Part:
        """Continue on a new page of ``orientation`` (a new part)."""
        if self.part is not None and not self.part.blocks:
            self.part.orientation = orientation
            self.part.numbered = numbered
            return self.part
        self.part = self.doc.part(orientation, numbered)
        return self.part

    def orient(self, orientation: str) -> None:
        """Make sure the text continues on ``orientation`` pages."""
        if self.part is None or self.part.orientation != orientation:
            self.start(orientation)

    def add(self, *blocks) -> None:
        if self.part is None:
            self.start()
        self.part.add(*blocks)

    def page_break(self) -> None:
        if self.part is not None and self.part.blocks:
            self.add(PageBreak())

    def keep(self, mm: float) -> None:
        self.add(KeepRoom(mm))

    def space(self, mm: float) -> None:
        self.add(Space(mm))

    # -- text ----------------------------------------------------------------
    def heading(self, text: str, level: int, toc: bool = True, toc_text: str | None = None):
        self._keys += 1
        self.add(Heading(text, level, toc=toc, toc_text=toc_text, key=f"h{self._keys}"))

    def bullet(self, text: str, level: int = 2) -> None:
        t = str(text).strip()
        if t.startswith(_MARKED):
            self.add(Para(t, level))
        else:
            self.add(Para(f"{MARKS[level]} {t}", level))

    def bullets(self, lines: list[str], level: int = 2) -> bool:
        for line in lines:
            self.bullet(line, level)
        return bool(lines)

    def none(self, text: str = w.NONE_TEXT) -> None:
        self.add(Para(f"○ {text}", 0, style="indent"))

    def para(self, text: str, style: str = "body") -> None:
        self.add(Para(text, 0, style=style))

    def note(self, text: str) -> None:
        self.add(Para(text, 0, style="note"))

    def table_title(self, text: str) -> None:
        self.add(Para(text, 0, style="table_title"))

    def table(self, table: Table | None) -> bool:
        """Add ``table``; False (and nothing added) when it is None."""
        if table is None:
            return False
        self.add(TableBlock(table))
        return True

    def table_or_none(self, table: Table | None) -> None:
        if not self.table(table):
            self.none()

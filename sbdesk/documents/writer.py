"""``Writer``: appends blocks to a ``Document``, switching page orientation.

Headings, □ ○ - bullets (a text that already starts with a mark keeps it),
the line of an empty part ("(작성 필요)", or "해당 사항 없음" where the user
marked the part 해당 없음: ``services.report_parts``), notes, tables and page breaks. A switch of
orientation starts a new part (a new page) unless the current part is empty.
"""

from __future__ import annotations

import re

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
    head,
    text,
)
from sbdesk.services.report_parts import empty_text, narrative_filled

MARKS = {1: "□", 2: "○", 3: "-"}
_MARKED = ("□", "○", "-", "·", "※")
#: A line that heads a part of the form: "(1) 사회보장기본계획과의 연계성".
_PART = re.compile(r"^\(\d+\)\s*\S")
_PLAIN = re.compile(r"^([가-하]\.\s|\(|\d+\.\s|\d+\)|출처|주\s?\d*\)|주:|<|〈)")


class Writer:
    def __init__(self, doc: Document, progress=None):
        self.doc = doc
        #: optional ``report(done, total, text)`` / ``check()`` of a long build
        self.progress = progress
        self.part: Part | None = None
        self._keys = 0
        #: the year's ``YearText`` values (``YearView.texts``): 해당 없음 marks, narrative parts
        self.texts: dict = {}

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

    def none(self, key: str | None = None) -> None:
        """An empty part: "해당 사항 없음" only where marked 해당 없음, else "(작성 필요)"."""
        text = empty_text(self.texts, key)
        self.add(Para(f"○ {text}", 0, style="indent", to_write=text == w.TO_WRITE))

    def to_write(self, style: str, prefix: str = "") -> None:
        """ "(작성 필요)" in a named style (a blank date on the cover, say)."""
        self.add(Para(f"{prefix}{w.TO_WRITE}", 0, style=style, to_write=True))

    def narrative(self, view, key: str, parts_level: int | None = None) -> bool:
        """A narrative part: its □ ○ - lines with its tables where they stand (a table's
        ``at`` = the number of lines before it; without it, after the text); False
        when the part holds none. With ``parts_level``, a line "(1) …" is the
        heading of a part of the form at that level, listed in the 목차 (1-5)(1)(2),
        2-나-2)(1)–(4))."""
        self._parts_level = parts_level
        if not narrative_filled(view.texts, key):
            return False
        lines = w.text_lines(view, key)
        value = view.texts.get(key)
        tables = [
            t
            for t in ((value.get("tables") or []) if isinstance(value, dict) else [])
            if isinstance(t, dict) and t.get("rows")
        ]
        done = 0
        for i, tbl in enumerate(tables):
            at = tbl.get("at")
            at = len(lines) if not isinstance(at, int) else max(done, min(at, len(lines)))
            self._narrative_lines(lines[done:at])
            done = at
            if tbl.get("title"):
                self.table_title(f"< {tbl['title']} >")
            self.table(narrative_table(f"{key}-{i + 1}", tbl))
        self._narrative_lines(lines[done:])
        self._parts_level = None
        return True

    def _narrative_lines(self, lines: list[str]) -> None:
        """□ ○ - lines as bullets; a sub-heading ("가. …", "(1) …", "1. …") or a
        note ("(단위: …)", "출처: …", "주1) …") as typed, without an added ○."""
        level = getattr(self, "_parts_level", None)
        for line in lines:
            if level is not None and _PART.match(line):
                self.heading(line.strip(), level)
            elif _PLAIN.match(line):
                self.para(line, "indent")
            else:
                self.bullet(line)

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

    def table_or_none(self, table: Table | None, key: str | None = None) -> None:
        if not self.table(table):
            self.none(key)


def narrative_table(key: str, tbl: dict) -> Table:
    """A table typed into a narrative part: header row, rows as typed."""
    cols = [str(c) for c in tbl.get("columns") or []]
    rows = [[str(x) for x in r] for r in tbl.get("rows") or []]
    n = max([len(cols)] + [len(r) for r in rows]) or 1
    t = Table(key, [1.0] * n, title=str(tbl.get("title") or ""))
    t.add([head(c) for c in cols + [""] * (n - len(cols))])
    for r in rows:
        t.add([text(x) for x in r + [""] * (n - len(r))])
    return t

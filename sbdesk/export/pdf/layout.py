"""Page layout shared by every document: A4 page templates, the Korean page
number ("- 12 -"), headings that never sit alone at a page bottom, the table of
contents with real page numbers, PDF bookmarks, progress and cancellation.

The table of contents is laid out before the pages it points to exist; its
page numbers are PDF form objects referenced on the TOC page and defined when
the build ends, once every heading's page is known (one pass, no rebuild). The
TOC's own layout never depends on the numbers, so nothing moves.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
)
from reportlab.platypus.doctemplate import FrameBreak

from sbdesk.export.pdf.fonts import BODY, GOTHIC, GOTHIC_BOLD
from sbdesk.export.pdf.styles import plain_paragraph

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN_X = 18 * mm
MARGIN_TOP = 17 * mm
MARGIN_BOTTOM = 19 * mm
FOOTER_Y = 9 * mm

#: Usable frame sizes (width, height) of the two orientations.
PORTRAIT_FRAME = (PORTRAIT[0] - 2 * MARGIN_X, PORTRAIT[1] - MARGIN_TOP - MARGIN_BOTTOM)
LANDSCAPE_FRAME = (LANDSCAPE[0] - 2 * MARGIN_X, LANDSCAPE[1] - MARGIN_TOP - MARGIN_BOTTOM)


# ---------------------------------------------------------------------------- markers
class StartNumbering(Flowable):
    """Page numbers start at 1 on the page where this (invisible) marker is."""

    def wrap(self, aW, aH):
        return 0, 0

    def draw(self):
        pass


class Heading(Paragraph):
    """A heading paragraph that records its page for the TOC and the outline."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        key: str | None = None,
        toc_level: int | None = None,
        outline_level: int | None = None,
        outline_text: str | None = None,
        **split_kw,
    ):
        if split_kw:  # a piece made by Paragraph.split (a heading longer than a page)
            super().__init__(text, style, **split_kw)
            self.key = self.toc_level = self.outline_level = self.outline_text = None
            return
        p = plain_paragraph(text, style, bullets=False)
        super().__init__(p.text, style, frags=p.frags)
        self.key = key
        self.toc_level = toc_level
        self.outline_level = outline_level
        self.outline_text = outline_text or text

    def split(self, availWidth, availHeight):
        """Split like a paragraph; only the first piece is the heading (TOC, outline)."""
        parts = super().split(availWidth, availHeight)
        if parts:
            first = parts[0]
            first.key, first.toc_level = self.key, self.toc_level
            first.outline_level, first.outline_text = self.outline_level, self.outline_text
        return parts


class Bookmark(Flowable):
    """An invisible outline (bookmark) entry at the current place."""

    def __init__(self, text: str, level: int, key: str):
        super().__init__()
        self.key, self.outline_level, self.outline_text = key, level, text
        self.toc_level = None

    def wrap(self, aW, aH):
        return 0, 0

    def draw(self):
        pass


@dataclass
class TocEntry:
    level: int
    text: str
    key: str


@dataclass
class Toc:
    """Entries of the table of contents, in document order, and the printed
    page of each (filled while the document is built)."""

    entries: list[TocEntry] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)

    def add(self, level: int, text: str) -> str:
        key = f"toc{len(self.entries)}"
        self.entries.append(TocEntry(level, text, key))
        return key


class TocFlowable(Flowable):
    """The 목차 lines: text, dot leaders and the page number (a form object)."""

    ROW = 17.5  # pt per line

    def __init__(self, toc: Toc, entries: list[TocEntry] | None = None):
        super().__init__()
        self.toc = toc
        self.entries = toc.entries if entries is None else entries

    def _h(self, e: TocEntry) -> float:
        return self.ROW + (5 if e.level == 0 else 0)

    def wrap(self, aW, aH):
        self.width = aW
        self.height = sum(self._h(e) for e in self.entries)
        return aW, self.height

    def split(self, aW, aH):
        h, n = 0.0, 0
        for e in self.entries:
            if h + self._h(e) > aH:
                break
            h += self._h(e)
            n += 1
        if n == 0 or n == len(self.entries):
            return [] if n == 0 else [self]
        return [TocFlowable(self.toc, self.entries[:n]), TocFlowable(self.toc, self.entries[n:])]

    def draw(self):
        c = self.canv
        y = self.height
        num_w = 14 * mm
        for e in self.entries:
            y -= self._h(e)
            base = y + 5
            indent = (0, 4, 9, 13)[min(e.level, 3)] * mm
            font = GOTHIC_BOLD if e.level == 0 else GOTHIC
            size = 11 if e.level == 0 else 10
            avail = self.width - indent - num_w - 4 * mm
            while size > 7 and stringWidth(e.text, font, size) > avail:
                size -= 0.5
            c.setFont(font, size)
            c.drawString(indent, base, e.text)
            tw = stringWidth(e.text, font, size)
            # dot leaders
            c.setFont(GOTHIC, 8)
            dot_w = stringWidth(" ·", GOTHIC, 8)
            x0 = indent + tw + 2 * mm
            x1 = self.width - num_w
            n = int((x1 - x0) / dot_w)
            if n > 0:
                c.drawRightString(x1, base, " ·" * n)
            c.saveState()
            c.translate(self.width, base)
            c.doForm(e.key)
            c.restoreState()


class TocNumbers(Flowable):
    """Defines the page-number forms of the TOC; placed last in the story."""

    def __init__(self, toc: Toc):
        super().__init__()
        self.toc = toc

    def wrap(self, aW, aH):
        return 0, 0

    def draw(self):
        c = self.canv
        for e in self.toc.entries:
            page = self.toc.pages.get(e.key)
            c.beginForm(e.key, lowerx=-40 * mm, lowery=-4, upperx=1, uppery=14)
            c.setFont(GOTHIC_BOLD if e.level == 0 else GOTHIC, 11 if e.level == 0 else 10)
            c.drawRightString(0, 0, str(page) if page is not None else "-")
            c.endForm()


# ---------------------------------------------------------------------------- keepWithNext
def _min_start(f: Flowable, canv, aW: float, aH: float) -> float:
    """The least height of ``f`` that must share a page with the heading before it."""
    try:
        _, h = f.wrapOn(canv, aW, aH)
    except Exception:  # measuring only
        return 0
    if isinstance(f, Table) or hasattr(f, "repeatRows"):
        rh = getattr(f, "_rowHeights", None) or []
        rr = f.repeatRows if isinstance(f.repeatRows, int) else 0
        first = sum(rh[: rr + 1]) if rh else h
        return min(h, first, 90 + sum(rh[:rr]))
    if isinstance(f, Paragraph):
        return min(h, 3 * f.style.leading)
    return min(h, 80)


class KeepWithNext(KeepTogether):
    """What ``keepWithNext`` groups into: the heading(s) and what follows.

    Unlike reportlab's KeepTogether it does not push a long table to the next
    page; it breaks the page only when the heading and the first row (or first
    lines) of what follows cannot share the rest of this page, so a title never
    sits alone at a page bottom and no half page is left blank.
    """

    def split(self, aW, aH):
        content = list(self._content)
        frame = getattr(self, "_frame", None)
        at_top = getattr(frame, "_atTop", False) if frame else False
        if at_top or not content:
            return content
        h = 0.0
        for f in content[:-1]:
            _, fh = f.wrapOn(self.canv, aW, aH)
            h += fh + f.getSpaceBefore() + f.getSpaceAfter()
        h += _min_start(content[-1], self.canv, aW, aH) + content[-1].getSpaceBefore()
        if h > aH:
            return [FrameBreak()] + content
        return content


# ---------------------------------------------------------------------------- document
Progress = Callable[[int, int, str], None]


class ReportDoc(BaseDocTemplate):
    """A4 document with portrait/landscape templates, Korean page numbers,
    TOC capture, bookmarks and progress reporting.

    Templates: ``cover`` and ``front`` (no page number), ``portrait`` and
    ``landscape`` (numbered "- n -" once a ``StartNumbering`` marker has passed;
    documents without the marker are numbered from their first page).
    """

    def __init__(
        self,
        filename,
        *,
        title: str,
        author: str = "",
        subject: str = "",
        toc: Toc | None = None,
        progress=None,
        number_from_start: bool = True,
        progress_text: str = "문서를 만드는 중",
        first_template: str = "portrait",
        draft: str = "",
    ):
        super().__init__(
            filename,
            pagesize=PORTRAIT,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author,
            subject=subject,
            creator="sbdesk",
            producer="sbdesk (reportlab)",
            initialFontName=GOTHIC,
            initialFontSize=10,
            pageCompression=1,
            invariant=1,
        )
        self.keepTogetherClass = KeepWithNext
        self.draft = draft
        self.toc = toc or Toc()
        self.page_offset: int | None = 0 if number_from_start else None
        self.progress = progress
        self.progress_text = progress_text
        self._story: list | None = None
        self._story_total = 0
        self._last_report = 0.0
        self._outline_level = -1
        pw, ph = PORTRAIT
        lw, lh = LANDSCAPE

        def frame(w, h, ident):
            return Frame(
                MARGIN_X,
                MARGIN_BOTTOM,
                w - 2 * MARGIN_X,
                h - MARGIN_TOP - MARGIN_BOTTOM,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
                id=ident,
            )

        templates = [
            PageTemplate("cover", [frame(pw, ph, "c")], pagesize=PORTRAIT),
            PageTemplate("front", [frame(pw, ph, "f")], pagesize=PORTRAIT),
            PageTemplate(
                "portrait", [frame(pw, ph, "p")], pagesize=PORTRAIT, onPageEnd=self._footer
            ),
            PageTemplate(
                "landscape", [frame(lw, lh, "l")], pagesize=LANDSCAPE, onPageEnd=self._footer
            ),
        ]
        # the first template is the one the document starts with
        templates.sort(key=lambda t: t.id != first_template)
        self.addPageTemplates(templates)

    # -- page number -------------------------------------------------------
    def printed_page(self) -> int | None:
        if self.page_offset is None:
            return None
        return self.page - self.page_offset

    def _footer(self, canv, doc) -> None:
        n = self.printed_page()
        if n is None or n < 1:
            return
        w, _ = canv._pagesize
        canv.saveState()
        canv.setFont(BODY, 10)
        canv.drawCentredString(w / 2, FOOTER_Y, f"- {n} -")
        canv.restoreState()

    def afterPage(self) -> None:  # reportlab API
        """A light diagonal mark ("초안") on every page of a draft."""
        if not self.draft:
            return
        canv = self.canv
        w, h = canv._pagesize
        canv.saveState()
        canv.setFillColorRGB(0.75, 0.75, 0.75, alpha=0.35)
        canv.setFont(GOTHIC, 96)
        canv.translate(w / 2, h / 2)
        canv.rotate(35)
        canv.drawCentredString(0, -30, self.draft)
        canv.restoreState()

    # -- build -------------------------------------------------------------
    def build(self, flowables, **kw):  # reportlab API
        self._story = flowables
        self._story_total = max(len(flowables), 1)
        self._report(0)
        # the story is a large graph of live objects: collecting garbage while
        # it is laid out costs time and frees nothing
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            kw.setdefault("canvasmaker", PageStreamCanvas)
            super().build(flowables, **kw)
        finally:
            if was_enabled:
                gc.enable()
        self._report(self._story_total)

    def _report(self, done: int) -> None:
        if self.progress is None:
            return
        # a split flowable goes back into the story: never report going backwards
        done = max(done, getattr(self, "_done", 0))
        self._done = done
        now = time.monotonic()
        if done < self._story_total and now - self._last_report < 0.05:
            self.progress.check()
            return
        self._last_report = now
        self.progress.report(done, self._story_total, self.progress_text)

    def afterFlowable(self, f):
        if isinstance(f, StartNumbering):
            self.page_offset = self.page - 1
        key = getattr(f, "key", None)
        if key is not None and (
            getattr(f, "toc_level", None) is not None
            or getattr(f, "outline_level", None) is not None
        ):
            if getattr(f, "toc_level", None) is not None:
                self.toc.pages[key] = self.printed_page() or self.page
            level = getattr(f, "outline_level", None)
            if level is not None:
                level = min(level, self._outline_level + 1)
                self._outline_level = level
                top = self.frame._y + getattr(f, "height", 0) + 6  # the heading's top
                self.canv.bookmarkPage(key, fit="XYZ", left=0, top=top, zoom=0)
                self.canv.addOutlineEntry(
                    getattr(f, "outline_text", key), key, level, closed=level > 0
                )
        if self._story is not None:
            self._report(self._story_total - len(self._story))


class PageStreamCanvas(Canvas):
    """A canvas that compresses each page's content stream as soon as the page is done.

    reportlab keeps every page's drawing commands as text until the file is written
    and compresses them only then: on a 2,600-page report that is tens of MB held to
    the end. Here the finished page's stream is compressed at once, with the filters
    reportlab itself would apply (the file's bytes are the same; a test compares them).
    """

    def showPage(self):
        super().showPage()
        pages = self._doc.Pages.pages
        page = pages[-1] if pages else None
        stream = getattr(page, "stream", None)
        if not stream or page.Contents or not page.compression:
            return
        filters = (
            [pdfdoc.PDFBase85Encode, pdfdoc.PDFZCompress]
            if rl_config.useA85
            else [pdfdoc.PDFZCompress]
        )
        content = stream
        for f in reversed(filters):
            content = f.encode(content)
        compressed = pdfdoc.PDFStream(content=content)
        compressed.dictionary["Filter"] = pdfdoc.PDFArray(
            [pdfdoc.PDFName(f.pdfname) for f in filters]
        )
        compressed.__Comment__ = "page stream"
        page.Contents = compressed
        page.stream = None


def switch_to(template: str) -> list[Flowable]:
    """Flowables that continue on a new page of another template."""
    return [NextPageTemplate(template), PageBreak()]

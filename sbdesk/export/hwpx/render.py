"""HWPX (한글) renderer of a ``documents`` description, with python-hwpx.

Each ``Part`` becomes a section (구역) on A4 portrait or landscape paper with the
margins of the PDF; numbered sections carry one page-number field in the footer
("- n -"), restarted at 1 where the description says ``StartNumbering``. Body
text is set in 나눔명조, headings and tables in 나눔고딕, sizes as the PDF.

Tables are written as OWPML directly (never python-hwpx's ``set_cell_text``,
which rebuilds the grid on every call): each table's rows as XML text parsed
once by lxml; covered cells are left out, anchors get their span, their size
(column widths scaled to the text width, row heights estimated from the text
so a table is never squashed), a border fill by role and one paragraph per
line. Header rows are marked and repeat on every page; tables taller than a
page flow and split between rows. python-hwpx builds the document; the package
is zipped here from its parts without python-hwpx's save-time validation, which
the tests run on every kind of document (``HwpxRenderer.save``).

The table of contents lists every heading with a right-aligned dotted tab and
a page cross-reference field (상호참조 → 쪽 번호) to the heading: 한글 computes
the page itself; the cached number written here is an estimate from the row
and line heights (see docs/hwpx.md).
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree as ET

from sbdesk.documents import model as dm

HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
MM = 7200 / 25.4  # HWPUNIT per mm
PT = 100  # HWPUNIT per pt

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18.0, 17.0, 19.0
HEADER_MM, FOOTER_MM = 0.0, 10.0

MYEONGJO, GOTHIC = "나눔명조", "나눔고딕"
CELL_PAD_X, CELL_PAD_Y = 141, 85  # HWPUNIT (0.5 mm, 0.3 mm)
CELL_LINE = 1.32  # line height / font size in cells
BODY_LINE = 1.6

#: font, size pt, bold, align, left mm, first-line mm, before pt, after pt, line %
PARA_STYLES: dict[str, tuple] = {
    "body": (MYEONGJO, 10.5, False, "JUSTIFY", 0, 0, 0, 3, 160),
    "indent": (MYEONGJO, 10.5, False, "JUSTIFY", 4, 0, 0, 2, 160),
    "bullet1": (GOTHIC, 10.5, True, "JUSTIFY", 4, -4, 5, 3, 160),
    "bullet2": (MYEONGJO, 10.5, False, "JUSTIFY", 8, -4, 0, 2, 160),
    "bullet3": (MYEONGJO, 10.5, False, "JUSTIFY", 12, -3, 0, 1.5, 160),
    "note": (GOTHIC, 8, False, "LEFT", 0, 0, 2, 4, 140),
    "table_title": (GOTHIC, 10.5, True, "LEFT", 0, 0, 5, 3, 150),
    "card_title": (GOTHIC, 12, True, "LEFT", 0, 0, 0, 4, 140),
    "cover_title": (GOTHIC, 24, True, "CENTER", 0, 0, 0, 0, 160),
    "cover_sub": (GOTHIC, 18, True, "CENTER", 0, 0, 0, 0, 145),
    "cover_date": (MYEONGJO, 16, False, "CENTER", 0, 0, 0, 0, 140),
    "cover_org": (GOTHIC, 20, True, "CENTER", 0, 0, 0, 0, 140),
    "doc_title": (GOTHIC, 22, True, "CENTER", 0, 0, 0, 40, 140),
    "statement": (MYEONGJO, 14, False, "JUSTIFY", 0, 7, 0, 0, 185),
    "date": (MYEONGJO, 14, False, "CENTER", 0, 0, 0, 0, 185),
    "signer": (GOTHIC, 16, True, "CENTER", 0, 0, 0, 0, 175),
    "council": (GOTHIC, 13, True, "CENTER", 0, 0, 0, 0, 170),
    "h1": (GOTHIC, 16, True, "LEFT", 0, 0, 2, 8, 140),
    "h2": (GOTHIC, 13, True, "LEFT", 0, 0, 8, 5, 140),
    "h3": (GOTHIC, 11.5, True, "LEFT", 0, 0, 6, 4, 140),
    "h4": (GOTHIC, 10.5, True, "LEFT", 0, 0, 5, 3, 145),
    "toc0": (GOTHIC, 11, True, "LEFT", 0, 0, 5, 0, 160),
    "toc1": (GOTHIC, 10, False, "LEFT", 4, 0, 0, 0, 160),
    "toc2": (GOTHIC, 10, False, "LEFT", 9, 0, 0, 0, 160),
    "toc3": (GOTHIC, 10, False, "LEFT", 13, 0, 0, 0, 160),
}
FILLS = {
    "head": "#D9D9D9",
    dm.LABEL: "#EFEFEF",
    dm.GROUP: "#F6F6F6",
    dm.TOTAL: "#F6F6F6",
    dm.TASK: "#FAFAFA",
}
ALIGN = {"left": "LEFT", "center": "CENTER", "right": "RIGHT"}

_ids = itertools.count(1_000_000_001)
#: ``fieldid`` of a cross-reference field, as 한글 writes it ("%xrf" as a number).
CROSSREF_FIELD_ID = str(int.from_bytes(b"%xrf", "big"))


def _pid() -> str:
    return str(next(_ids))


_ROWS_OPEN = f'<hp:rows xmlns:hp="{HP[1:-1]}">'
#: characters XML 1.0 cannot hold (C0 controls but tab, newline, carriage return;
#: U+FFFE/U+FFFF; unpaired surrogates): nothing a printed page could show
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """``text`` as XML character data."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _NOT_XML.sub("", text)


def text_width(text: str, size_pt: float) -> float:
    """Estimated drawn width (HWPUNIT) of one line of ``text``."""
    em = size_pt * PT
    w = 0.0
    for ch in text:
        if ch == " ":
            w += 0.3 * em
        elif ord(ch) < 0x2E80 and unicodedata.east_asian_width(ch) not in ("W", "F"):
            w += 0.55 * em
        else:
            w += em
    return w


def lines_needed(text: str, width: float, size_pt: float) -> int:
    avail = max(width - 2 * CELL_PAD_X - 60, 200)
    n = 0
    for ln in (text or "").split("\n"):
        n += max(1, math.ceil(text_width(ln, size_pt) / avail))
    return max(n, 1)


def word_fit_size(text: str, width: float, size_pt: float, least: float = 5.0) -> float:
    """``size_pt`` lowered (to ``least`` at most) until the longest word of ``text``
    fits a cell ``width`` wide (a ``whole_words`` table never splits a word)."""
    words = (text or "").split()
    avail = width - 2 * CELL_PAD_X - 60
    while words and size_pt > least and max(text_width(x, size_pt) for x in words) > avail:
        size_pt -= 0.25
    return size_pt


#: the order 한글 writes a package's parts in (sections in number order after the header)
PART_ORDER = (
    "version.xml",
    "Contents/header.xml",
    "Contents/section",
    "Preview/PrvText.txt",
    "settings.xml",
    "Preview/PrvImage.png",
    "META-INF/container.rdf",
    "Contents/content.hpf",
    "META-INF/container.xml",
    "META-INF/manifest.xml",
)


def owpml_root_bytes(root, keep: int | None = None) -> bytes:
    """``root`` (``hs:sec`` or ``hh:head``) as the bytes python-hwpx writes: a
    root declaring every OWPML prefix (python-hwpx's compatibility namespaces)
    and ``standalone='yes'``. The children are moved under that root for the
    serialisation; with ``keep`` only the first ``keep`` go back (the rest of
    the tree is dropped), otherwise all of them."""
    from hwpx.oxml.namespaces import HWPML_COMPAT_ROOT_NAMESPACES

    wrapped = ET.Element(root.tag, nsmap=HWPML_COMPAT_ROOT_NAMESPACES)
    wrapped.attrib.update(root.attrib)
    wrapped.text = root.text
    children = list(root)
    wrapped.extend(children)
    data = ET.tostring(wrapped, encoding="UTF-8", xml_declaration=True, standalone=True)
    root.extend(children if keep is None else children[:keep])
    return data


def _part_rank(name: str) -> tuple[int, int, str]:
    for i, prefix in enumerate(PART_ORDER):
        if name.startswith(prefix):
            digits = re.sub(r"\D", "", name[len(prefix) :])
            return (i, int(digits) if digits else 0, name)
    return (len(PART_ORDER), 0, name)


def write_package(path: Path, mimetype: str, parts: dict[str, bytes]) -> None:
    """Zip ``parts`` as an OWPML package at ``path``: ``mimetype`` first, stored
    (uncompressed, no extra field) so a reader finds the type at a fixed offset,
    then every part deflated in the order 한글 writes them."""
    import time
    import zipfile

    stamp = time.localtime()[:6]
    with zipfile.ZipFile(path, "w") as z:
        info = zipfile.ZipInfo("mimetype", (1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        z.writestr(info, mimetype.encode("utf-8"))
        for name in sorted((n for n in parts if n != "mimetype"), key=_part_rank):
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, parts[name])


class HwpxRenderer:
    def __init__(self, doc: dm.Document):
        from hwpx import HwpxDocument

        self.d = doc
        self.h = HwpxDocument.new()
        self.h.validate_on_save = False  # the tests validate every kind of document
        self.header = self.h.oxml.headers[0]
        self._char: dict[tuple, str] = {}
        self._para: dict[tuple, str] = {}
        self._fill: dict[str, str] = {}
        self.section = None
        self.frame_w = 0.0
        self.pending_break = False
        self.pending_space = 0.0
        self.draft = False
        self.heading_paras: dict[str, object] = {}  # heading key → paragraph
        self.toc_paras: list[tuple[object, dm.Heading]] = []
        # a rough page counter for the TOC's cached page numbers
        self.page = 0
        self.y = 0.0
        self.body_h = 0.0
        self.number_offset: int | None = None
        self.est_pages: dict[str, int] = {}
        for face in (MYEONGJO, GOTHIC):
            self.h.styles.ensure_font(face)

    # ---------------------------------------------------------------- styles
    def char(self, font: str, size: float, bold: bool = False, color: str | None = None) -> str:
        key = (font, size, bold, color)
        cid = self._char.get(key)
        if cid is None:
            cid = self._char[key] = self.h.styles.ensure_run(
                font=font, size=size, bold=bold, color=color, base_char_pr_id="0"
            )
        return cid

    def para(
        self,
        align: str,
        left_mm: float = 0,
        first_mm: float = 0,
        before_pt: float = 0,
        after_pt: float = 0,
        line: int = 160,
        keep_next: bool = False,
        tab: str | None = None,
    ) -> str:
        key = (align, left_mm, first_mm, before_pt, after_pt, line, keep_next, tab)
        pid = self._para.get(key)
        if pid is None:
            pid = self._para[key] = self.header.ensure_paragraph_format(
                base_para_pr_id="0",
                alignment=align,
                line_spacing_percent=line,
                margins={
                    "left": int(left_mm * MM),
                    "intent": int(first_mm * MM),
                    "prev": int(before_pt * PT),
                    "next": int(after_pt * PT),
                },
                break_setting={"keep_with_next": keep_next} if keep_next else None,
                tab_pr_id_ref=tab,
            )
        return pid

    def fill(self, role: str) -> str:
        fid = self._fill.get(role)
        if fid is None:
            if role == "plain":
                fid = self.h.styles.ensure_border_fill(
                    border_color="#FFFFFF", border_width="0.1 mm", active_borders=[]
                )
            elif role == "rule":
                fid = self.h.styles.ensure_border_fill(
                    border_color="#1F3864",
                    border_width="0.1 mm",
                    fill_color="#1F3864",
                    active_borders=[],
                )
            else:
                fid = self.h.styles.ensure_border_fill(
                    border_color="#000000", border_width="0.12 mm", fill_color=FILLS.get(role)
                )
            self._fill[role] = fid
        return fid

    # ---------------------------------------------------------------- pages
    def start_part(self, part: dm.Part, first: bool) -> None:
        sec = self.h.sections[0] if first else self.h.add_section()
        self.section = sec
        land = part.orientation == "landscape"
        self.h.page.setup(
            paper_size="A4",
            orientation="landscape" if land else "portrait",
            margin_left_mm=MARGIN_X,
            margin_right_mm=MARGIN_X,
            margin_top_mm=MARGIN_TOP - HEADER_MM,
            margin_bottom_mm=MARGIN_BOTTOM - FOOTER_MM,
            header_margin_mm=HEADER_MM,
            footer_margin_mm=FOOTER_MM,
            section=sec,
        )
        w, h = (PAGE_H, PAGE_W) if land else (PAGE_W, PAGE_H)
        self.frame_w = (w - 2 * MARGIN_X) * MM
        self.body_h = (h - MARGIN_TOP - MARGIN_BOTTOM) * MM
        if part.numbered:
            self.footer_number(sec)
            if self.draft:
                self.h.page.set_header(text="초안 (점검 오류가 있습니다)", section=sec)
        self.page += 1
        self.y = 0.0
        self.pending_break = False

    def footer_number(self, sec) -> None:
        """One page-number field (자동 번호, 쪽) in the footer, centred: "- n -".

        python-hwpx's footer also adds a 쪽 번호 매기기 control (``hp:pageNum``),
        which 한글 draws as a second number of its own: it is removed."""
        footer = self.h.page.set_page_number(prefix="- ", suffix=" -", section=sec)
        element = getattr(footer, "element", None)
        root = element if element is not None else sec.element
        cid = self.char(MYEONGJO, 10)
        for node in list(root.iter(f"{HP}pageNum")):
            run = node.getparent().getparent()
            run.getparent().remove(run)
        for node in root.iter(f"{HP}autoNum"):
            p = node.getparent().getparent().getparent()
            for run in p.findall(f"{HP}run"):
                run.set("charPrIDRef", cid)
        sec.mark_dirty()

    def advance(self, height: float) -> None:
        self.y += height
        while self.y > self.body_h:
            self.page += 1
            self.y -= self.body_h

    def _attrs(self) -> dict[str, str]:
        attrs = {}
        if self.pending_break:
            attrs["pageBreak"] = "1"
            self.pending_break = False
            self.page += 1
            self.y = 0.0
        return attrs

    # ---------------------------------------------------------------- text
    def paragraph(self, text: str, style: str, keep_next: bool = False, color: str | None = None):
        font, size, bold, align, left, first, before, after, line = PARA_STYLES[style]
        before += self.pending_space * 72 / 25.4
        self.pending_space = 0.0
        pid = self.para(align, left, first, round(before, 1), after, line, keep_next)
        cid = self.char(font, size, bold, color)
        attrs = self._attrs()
        p = self.h.add_paragraph(
            text,
            section=self.section,
            para_pr_id_ref=pid,
            char_pr_id_ref=cid,
            inherit_style=False,
            **attrs,
        )
        width = self.frame_w - (left * MM)
        n = max(1, math.ceil(text_width(text, size) / max(width, 1000)))
        self.advance(n * size * PT * line / 100 + (before + after) * PT)
        return p

    def heading(self, b: dm.Heading) -> None:
        style = {1: "h1", 2: "h2", 3: "h3"}.get(b.level, "h4")
        p = self.paragraph(b.text, style, keep_next=True)
        self.heading_paras[b.key] = p
        self.est_pages[b.key] = self.page

    # ---------------------------------------------------------------- tables
    def table(self, t: dm.Table) -> None:
        n, ncols = len(t.rows), t.ncols
        if n == 0:
            return
        total = float(sum(t.widths)) or 1.0
        colw = [int(self.frame_w * x / total) for x in t.widths]
        colw[-1] += int(self.frame_w) - sum(colw)
        size = t.font_size
        heights = [0] * n
        if t.row_height:
            heights = [int(t.row_height * PT)] * n
        else:
            line_h = size * PT * CELL_LINE
            for r, c, cell in t.anchors():
                w = sum(colw[c : c + cell.colspan])
                csize = 7 if (r < t.head or cell.small or cell.role == dm.HEAD) else size
                need = lines_needed(cell.text, w, csize) * csize * PT * CELL_LINE
                need += 2 * CELL_PAD_Y + 40
                if cell.rowspan == 1:
                    heights[r] = max(heights[r], int(need))
            for r in range(n):
                heights[r] = max(heights[r], int(line_h + 2 * CELL_PAD_Y + 40))
            for r, c, cell in t.anchors():  # a tall merged cell grows its last row
                if cell.rowspan > 1:
                    w = sum(colw[c : c + cell.colspan])
                    need = lines_needed(cell.text, w, size) * size * PT * CELL_LINE
                    need += 2 * CELL_PAD_Y + 40
                    have = sum(heights[r : r + cell.rowspan])
                    if need > have:
                        heights[r + cell.rowspan - 1] += int(need - have)
        attrs = self._attrs()
        if self.pending_space:
            self.advance(self.pending_space * MM)
            self.pending_space = 0.0
        flowing = sum(heights) > 0.5 * self.body_h or len(t.rows) > 12
        tbl = self._table_element(
            n, ncols, int(sum(colw)), int(sum(heights)), t.plain, flowing, bool(t.head), attrs
        )
        font = MYEONGJO if t.font == "myeongjo" else GOTHIC
        self._rows(t, tbl, colw, heights, font)
        self.advance(sum(heights) + 300)

    def _table_element(self, n, ncols, width, height, plain, flowing, head, attrs):
        """A new ``hp:tbl`` in its own paragraph (built directly with lxml: the
        rows follow, anchors only)."""
        p = self.h.add_paragraph(
            "",
            section=self.section,
            para_pr_id_ref=self.para("LEFT", line=100),
            char_pr_id_ref=self.char(GOTHIC, 1.0),
            include_run=False,
            inherit_style=False,
            **attrs,
        )
        run = ET.SubElement(p.element, f"{HP}run", {"charPrIDRef": self.char(GOTHIC, 1.0)})
        tbl = ET.SubElement(
            run,
            f"{HP}tbl",
            {
                "id": _pid(),
                "zOrder": "0",
                "numberingType": "TABLE",
                "textWrap": "TOP_AND_BOTTOM",
                "textFlow": "BOTH_SIDES",
                "lock": "0",
                "dropcapstyle": "None",
                "pageBreak": "CELL",
                "repeatHeader": "1" if head else "0",
                "rowCnt": str(n),
                "colCnt": str(ncols),
                "cellSpacing": "0",
                "borderFillIDRef": self.fill("plain" if plain else "body"),
                "noAdjust": "0",
            },
        )
        ET.SubElement(
            tbl,
            f"{HP}sz",
            {
                "width": str(width),
                "widthRelTo": "ABSOLUTE",
                "height": str(height),
                "heightRelTo": "ABSOLUTE",
                "protect": "0",
            },
        )
        ET.SubElement(
            tbl,
            f"{HP}pos",
            {
                "treatAsChar": "0" if flowing else "1",
                "affectLSpacing": "0",
                "flowWithText": "1",
                "allowOverlap": "0",
                "holdAnchorAndSO": "0",
                "vertRelTo": "PARA",
                "horzRelTo": "COLUMN",
                "vertAlign": "TOP",
                "horzAlign": "LEFT",
                "vertOffset": "0",
                "horzOffset": "0",
            },
        )
        zero = {"left": "0", "right": "0", "top": "0", "bottom": "0"}
        ET.SubElement(tbl, f"{HP}outMargin", zero)
        ET.SubElement(
            tbl,
            f"{HP}inMargin",
            {
                "left": str(CELL_PAD_X),
                "right": str(CELL_PAD_X),
                "top": str(CELL_PAD_Y),
                "bottom": str(CELL_PAD_Y),
            },
        )
        self.section.mark_dirty()
        return tbl

    def _rows(self, t: dm.Table, tbl, colw, heights, font) -> None:
        """Append the rows of ``t`` to ``tbl``: the XML of every anchor cell as
        text (attribute values are numbers and ids, the cell text is escaped),
        parsed once by lxml. Building ~14,000 cells element by element took
        most of the renderer's own time."""
        out = [_ROWS_OPEN]
        for r, row in enumerate(t.rows):
            out.append("<hp:tr>")
            for c, cell in enumerate(row):
                if cell is not None:
                    out.append(self._cell_xml(t, r, c, cell, colw, heights, font))
            out.append("</hp:tr>")
        out.append("</hp:rows>")
        tbl.extend(ET.fromstring("".join(out)))

    def _cell_xml(self, t, r, c, cell: dm.Cell, colw, heights, font) -> str:
        head = r < t.head or cell.role == dm.HEAD
        role = "plain" if t.plain else ("head" if head else cell.role)
        fill = self.fill(role if (t.plain or role in FILLS) else "body")
        size = 7.0 if (head or cell.small) else t.font_size
        if t.whole_words:
            size = word_fit_size(cell.text, sum(colw[c : c + cell.colspan]), size)
        if cell.role == dm.SEAL or (t.plain and cell.text in dm.SEAL_TEXTS):
            cid = self.char(GOTHIC, size if cell.bold else size - 1, cell.bold, "#444444")
        else:
            cid = self.char(GOTHIC if cell.small else font, size, cell.bold or head)
        pid = self.para(ALIGN["center" if head else cell.alignment], line=int(CELL_LINE * 100))
        paras = "".join(
            f'<hp:p id="{next(_ids)}" paraPrIDRef="{pid}" styleIDRef="0" pageBreak="0"'
            f' columnBreak="0" merged="0"><hp:run charPrIDRef="{cid}">'
            + (f"<hp:t>{xml_text(line)}</hp:t>" if line else "<hp:t/>")
            + "</hp:run></hp:p>"
            for line in (cell.text or "").split("\n")
        )
        return (
            f'<hp:tc name="" header="{1 if r < t.head else 0}" hasMargin="0" protect="0"'
            f' editable="0" dirty="0" borderFillIDRef="{fill}"><hp:subList id=""'
            ' textDirection="HORIZONTAL" lineWrap="BREAK"'
            f' vertAlign="{"TOP" if cell.valign == "top" else "CENTER"}" linkListIDRef="0"'
            ' linkListNextIDRef="0" textWidth="0" textHeight="0" hasTextRef="0"'
            f' hasNumRef="0">{paras}</hp:subList>'
            f'<hp:cellAddr colAddr="{c}" rowAddr="{r}"/>'
            f'<hp:cellSpan colSpan="{cell.colspan}" rowSpan="{cell.rowspan}"/>'
            f'<hp:cellSz width="{sum(colw[c : c + cell.colspan])}"'
            f' height="{sum(heights[r : r + cell.rowspan])}"/>'
            f'<hp:cellMargin left="{CELL_PAD_X}" right="{CELL_PAD_X}" top="{CELL_PAD_Y}"'
            f' bottom="{CELL_PAD_Y}"/></hp:tc>'
        )

    def rule(self, b: dm.Rule) -> None:
        h = max(int(b.thickness * PT), 60)
        tbl = self._table_element(1, 1, int(self.frame_w), h, False, False, False, self._attrs())
        tbl.set("borderFillIDRef", self.fill("rule"))
        t = dm.Table("rule", [1], head=0)
        t.add([dm.Cell(role="rule")])
        self._rows(t, tbl, [int(self.frame_w)], [h], GOTHIC)
        tc = tbl.find(f"{HP}tr")[0]
        tc.set("borderFillIDRef", self.fill("rule"))
        for k in ("left", "right", "top", "bottom"):
            tc.find(f"{HP}cellMargin").set(k, "0")
        for run in tc.iter(f"{HP}run"):
            run.set("charPrIDRef", self.char(GOTHIC, 1.0))
        self.advance(h)

    def writing_space(self, b: dm.WritingSpace) -> None:
        """Ruled space for handwriting: per caption a box of empty rows, as many
        rows as the rest of the page holds (between min and max lines)."""
        gap = 8 * MM
        left = self.body_h - self.y - len(b.captions) * 12 * MM
        total = max(b.min_lines, min(b.max_lines, int(left // gap)))
        weights = b.weights or [1] * len(b.captions)
        counts = [max(2, total * x // sum(weights)) for x in weights]
        counts[0] += max(0, total - sum(counts))
        for caption, n in zip(b.captions, counts, strict=True):
            t = dm.Table("notes", [1], head=0, row_height=gap / PT)
            t.add([dm.Cell(caption, bold=True)])
            for _ in range(n):
                t.add([dm.Cell()])
            self.table(t)
            self.pending_space += 3

    # ---------------------------------------------------------------- TOC
    def toc(self) -> None:
        width = int(self.frame_w)
        tab = self.header.ensure_tab_definition(
            tab_stops=[{"pos": width, "type": "RIGHT", "leader": "DOT"}], auto_tab_left=True
        )
        for h in self.d.headings():
            if not h.toc:
                continue
            level = min(h.level - 1, 3)
            font, size, bold, align, left, first, before, after, line = PARA_STYLES[f"toc{level}"]
            pid = self.para(align, left, first, before, after, line, tab=tab)
            p = self.h.add_paragraph(
                "",
                section=self.section,
                para_pr_id_ref=pid,
                char_pr_id_ref=self.char(font, size, bold),
                inherit_style=False,
                **self._attrs(),
            )
            run = p.element.find(f"{HP}run")
            t = run.find(f"{HP}t")
            if t is None:
                t = ET.SubElement(run, f"{HP}t")
            t.text = h.toc_text or h.text
            ET.SubElement(t, f"{HP}tab", {"width": "4000", "leader": "2", "type": "2"})
            self.toc_paras.append((p, h))
            self.advance(size * PT * line / 100 + before * PT)

    def finish_toc(self) -> None:
        """Give each TOC line a page cross-reference (상호참조, 쪽 번호) to its heading."""
        for p, h in self.toc_paras:
            target = self.heading_paras.get(h.key)
            if target is None:
                continue
            est = self.est_pages.get(h.key, 1) - (self.number_offset or 0)
            self._crossref(p.element, target.element.get("id"), max(est, 1))
            self.section.mark_dirty()
        for sec in self.h.sections:
            sec.mark_dirty()

    def _crossref(self, p, target_id: str, cached: int) -> None:
        cid = p.find(f"{HP}run").get("charPrIDRef")
        run1 = ET.SubElement(p, f"{HP}run", {"charPrIDRef": cid})
        ctrl = ET.SubElement(run1, f"{HP}ctrl")
        begin = ET.SubElement(
            ctrl,
            f"{HP}fieldBegin",
            {
                "id": _pid(),
                "type": "CROSSREF",
                "name": "",
                "editable": "0",
                "dirty": "1",
                "zorder": "-1",
                "fieldid": CROSSREF_FIELD_ID,
                "metaTag": "",
            },
        )
        params = ET.SubElement(begin, f"{HP}parameters", {"cnt": "8", "name": ""})
        for kind, name, value in (
            ("booleanParam", "Fiexde", "1"),  # sic: Hancom's own spelling
            ("integerParam", "Prop", "0"),
            ("stringParam", "Command", f"?#{target_id};5;0;0;0;"),
            ("stringParam", "RefPath", f"?#{target_id};"),
            ("stringParam", "RefType", "TARGET_OUTLINE"),
            ("stringParam", "RefContentType", "OBJECT_TYPE_PAGE"),
            ("booleanParam", "RefHyperLink", "false"),
            ("stringParam", "RefOpenType", "HWPHYPERLINK_JUMP_CURRENTTAB"),
        ):
            ET.SubElement(params, f"{HP}{kind}", {"name": name}).text = value
        run2 = ET.SubElement(p, f"{HP}run", {"charPrIDRef": cid})
        ET.SubElement(run2, f"{HP}t").text = str(cached)
        run3 = ET.SubElement(p, f"{HP}run", {"charPrIDRef": cid})
        ctrl = ET.SubElement(run3, f"{HP}ctrl")
        ET.SubElement(
            ctrl, f"{HP}fieldEnd", {"beginIDRef": begin.get("id"), "fieldid": CROSSREF_FIELD_ID}
        )

    # ---------------------------------------------------------------- all
    def render(self, path: Path) -> int:
        for i, part in enumerate(self.d.parts):
            self.start_part(part, i == 0)
            for b in part.blocks:
                self.block(b)
        self.finish_toc()
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.h.parts.set_document_metadata(
            title=self.d.title,
            creator=self.d.author,
            subject=self.d.subject or self.d.title,
            created_date=now,
            modified_date=now,
        )
        self.save(Path(path))
        return self.page

    def save(self, path: Path) -> None:
        """Write the package: python-hwpx's parts, zipped here (see docs/hwpx.md).

        python-hwpx builds the document (header, styles, the sections'
        elements, the manifest and metadata); its own save would then sanitise
        every part (parse, strip stale layout caches, parse again to normalise
        the root) and run its open-safety validation (package checks, OWPML
        schema validation, a reopen) over the whole archive: four fifths of the
        HWPX time of the demo report. Here python-hwpx's own section-save steps
        run (the header/footer copies brought in step, ``sync_story_mirrors``;
        tabs written as ``hp:tab``), each section and the header are serialised
        once by lxml under the root python-hwpx writes (every OWPML prefix
        declared, ``standalone='yes'``), the other parts are taken as python-hwpx
        holds them, and ``write_package`` zips them with the OWPML conventions.
        The XML needs none of the sanitising: text is escaped and stripped of
        control characters by ``xml_text``, no paragraph but the template's
        first carries a layout cache (``hp:linesegarray``), and style
        references are ids. The tests validate every kind of document with
        python-hwpx's validators (tests/export/hwpx_check.py::validate).
        ``path`` is the exclusive temporary file of ``outputs.writing``; a
        section's tree is dropped once serialised (all but the first
        paragraph, which holds the section's setup)."""
        from hwpx.oxml.section_story import sync_story_mirrors
        from hwpx.oxml.utils import tabs_as_elements

        parts: dict[str, bytes] = {}
        for sec in self.h.sections:
            sync_story_mirrors(sec)
            tabs_as_elements(sec.element)
            parts[sec.part_name] = owpml_root_bytes(sec.element, keep=1)
            sec.reset_dirty()
        self.heading_paras.clear()
        self.toc_paras.clear()
        # the header, the manifest (content.hpf) and version.xml as python-hwpx writes them
        for name, data in self.h.oxml.serialize().items():
            parts.setdefault(name, data)
        parts[self.header.part_name] = owpml_root_bytes(self.header.element)
        package = self.h.package
        for name in package.files():
            if name not in parts:
                parts[name] = package.get_part(name)
        write_package(path, package.mimetype, parts)

    def block(self, b) -> None:
        if isinstance(b, dm.Heading):
            self.heading(b)
        elif isinstance(b, dm.Para):
            style = {1: "bullet1", 2: "bullet2", 3: "bullet3"}.get(b.level, b.style)
            color = None
            if getattr(b, "to_write", False):
                from sbdesk.services.report_parts import TO_WRITE_COLOR

                color = TO_WRITE_COLOR
            self.paragraph(b.text, style if style in PARA_STYLES else "body", color=color)
        elif isinstance(b, dm.TableBlock):
            self.table(b.table)
        elif isinstance(b, dm.PageBreak):
            self.pending_break = True
        elif isinstance(b, dm.Space):
            self.pending_space += b.mm
        elif isinstance(b, dm.Rule):
            self.rule(b)
        elif isinstance(b, dm.TocBlock):
            self.toc()
        elif isinstance(b, dm.WritingSpace):
            self.writing_space(b)
        elif isinstance(b, dm.StartNumbering):
            self.number_offset = self.page - 1
            self.pending_restart = True
            p = self.h.add_paragraph(
                "",
                section=self.section,
                para_pr_id_ref=self.para("LEFT", line=100),
                char_pr_id_ref=self.char(GOTHIC, 1.0),
                inherit_style=False,
            )
            self.h.page.restart_page_number(p, number=1)
        # KeepRoom and Bookmark: 한글 keeps headings with the next paragraph itself


def render(doc: dm.Document, path: Path, progress=None, draft: bool = False) -> int:
    """Write ``doc`` as an HWPX file at ``path``; returns the estimated page count.
    ``draft``: every numbered page carries "초안" in its header (``check`` found errors)."""
    if progress is not None:
        progress.report(0, 1, "한글 문서를 쓰는 중")
    r = HwpxRenderer(doc)
    r.draft = draft
    pages = r.render(path)
    if progress is not None:
        progress.report(1, 1, "한글 문서를 쓰는 중")
    return pages

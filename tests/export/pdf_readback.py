"""Helpers shared by the PDF tests (imported explicitly: ``from pdf_readback import …``).

PDFs are read back the way a person would check them: ``pdftotext`` (poppler)
for the text of each page, ``pypdf`` for page sizes, fonts and metadata.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import IndirectObject

FOOTER = re.compile(r"^\s*-\s*(\d+)\s*-\s*$")


def pdftotext_pages(pdf: Path, layout: bool = True, raw: bool = False) -> list[str]:
    """The text of every page (index 0 = page 1): ``layout`` keeps the columns
    side by side; ``raw`` keeps the drawing order (a cell's lines together)."""
    mode = ["-raw"] if raw else (["-layout"] if layout else [])
    args = ["pdftotext", "-enc", "UTF-8", *mode, str(pdf), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def squash(text: str) -> str:
    """Text without any whitespace (cell wrapping and spacing vary)."""
    return re.sub(r"\s+", "", text)


def printed_number(page_text: str) -> int | None:
    """The "- n -" number at the foot of a page, if any."""
    lines = [ln for ln in page_text.splitlines() if ln.strip()]
    if lines and (m := FOOTER.match(lines[-1])):
        return int(m.group(1))
    return None


def body_lines(page_text: str) -> list[str]:
    """The non-empty lines of a page without its page-number footer."""
    lines = [ln for ln in page_text.splitlines() if ln.strip()]
    if lines and FOOTER.match(lines[-1]):
        lines = lines[:-1]
    return lines


def page_count(pdf: Path) -> int:
    return len(PdfReader(str(pdf)).pages)


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def fonts_of(pdf: Path) -> dict[str, dict]:
    """Every font used by the pages (and their form objects), by base name."""
    reader = PdfReader(str(pdf))
    found: dict[str, dict] = {}
    seen: set[int] = set()

    def walk(resources) -> None:
        resources = _resolve(resources)
        if not resources:
            return
        fonts = _resolve(resources.get("/Font")) or {}
        for ref in fonts.values():
            font = _resolve(ref)
            found[str(font.get("/BaseFont"))] = font
        xobjects = _resolve(resources.get("/XObject")) or {}
        for ref in xobjects.values():
            key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
            if key in seen:
                continue
            seen.add(key)
            xo = _resolve(ref)
            if xo.get("/Subtype") == "/Form":
                walk(xo.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def word_boxes(pdf: Path, first: int | None = None, last: int | None = None):
    """(page number, page width, page height, xMin, yMin, xMax, yMax, word) of every word."""
    args = ["pdftotext", "-bbox", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    html = subprocess.run(args + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    page_no = (first or 1) - 1
    width = height = 0.0
    for line in html.splitlines():
        if m := re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line):
            page_no += 1
            width, height = float(m.group(1)), float(m.group(2))
        elif m := re.search(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            line,
        ):
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            out.append((page_no, width, height, x0, y0, x1, y1, m.group(5)))
    return out


class Recorder:
    """A progress object like the UI's: records reports, and cancels (raises) at
    the ``cancel_after``-th check for cancellation, as the user's 취소 would."""

    def __init__(self, cancel_after: int | None = None):
        self.calls: list[tuple[int, int, str]] = []
        self.cancel_after = cancel_after
        self.checks = 0

    def report(self, done: int, total: int, text: str = "") -> None:
        self.calls.append((done, total, text))
        self.check()

    def check(self) -> None:
        self.checks += 1
        if self.cancel_after is not None and self.checks >= self.cancel_after:
            raise Cancelled()


class Cancelled(Exception):
    pass


def page_fill(
    pdf: Path, top_mm: float = 17.0, bottom_mm: float = 19.0, dpi: int = 20
) -> list[float]:
    """How far down each page's frame the content reaches (0.0 empty – 1.0 full).

    Every page is rendered by pdftoppm (grey, ``dpi``) and scanned from the
    bottom of the frame (above the page-number footer) for the lowest ink.
    """
    import tempfile

    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        stem = Path(tmp) / "p"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(stem)], check=True)
        files = sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[-1]))
        out = []
        per_mm = dpi / 25.4
        for f in files:
            with Image.open(f) as im:
                w, h = im.size
                px = im.load()
                top, bottom = int(top_mm * per_mm), h - int(bottom_mm * per_mm)
                low = next(
                    (
                        y
                        for y in range(bottom, top - 1, -1)
                        if any(px[x, y] < 200 for x in range(w))
                    ),
                    None,
                )
                out.append(0.0 if low is None else (low - top) / (bottom - top))
        return out

"""No careless pages: every page of the demo report, rendered, is at least 15 % full
unless it ends a section (the page before a new top-level section, or the last)."""

from __future__ import annotations

import re

import pytest
from pdf_readback import page_fill, pdftotext_pages
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from sbdesk.export.pdf.build import build_document
from sbdesk.services.store import PlanStore

MIN_FILL = 0.15
#: A page starting with one of these starts a section: the page before it ends one.
SECTION_START = re.compile(
    r"^\s*(?:[1-6]\.\s|[가-하]\.\s|\[첨부\s*\d\]|목\s*차|심\s*의\s*결\s*과\s*서|제\s*출\s*문)"
)


def test_page_fill_measures_what_is_drawn(tmp_path):
    pdf = tmp_path / "m.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    frame_top, frame_h = A4[1] - 17 * 72 / 25.4, A4[1] - 36 * 72 / 25.4
    for part in (0.1, 0.5, 0.9):
        c.rect(100, frame_top - part * frame_h, 200, 4, fill=1)
        c.drawCentredString(A4[0] / 2, 20, "- 1 -")  # the footer is not content
        c.showPage()
    c.save()
    fills = page_fill(pdf)
    assert [round(f, 1) for f in fills] == [0.1, 0.5, 0.9]


def section_ends(pages: list[str]) -> set[int]:
    ends = {len(pages) - 1}
    for i in range(len(pages) - 1):
        first = next((ln for ln in pages[i + 1].splitlines() if ln.strip()), "")
        if SECTION_START.match(first):
            ends.add(i)
    return ends


def test_no_careless_pages_in_the_demo_report(demo_path, tmp_path):
    out = tmp_path / "r.pdf"
    store = PlanStore(demo_path, read_only=True)
    try:
        build_document(store, 2023, "results", out)
    finally:
        store.close()
    pages = pdftotext_pages(out)
    fills = page_fill(out)
    assert len(fills) == len(pages)
    ends = section_ends(pages)
    careless = [
        (i + 1, round(f, 2), next((ln.strip() for ln in pages[i].splitlines() if ln.strip()), ""))
        for i, f in enumerate(fills)
        if f < MIN_FILL and i not in ends
    ]
    assert not careless, careless


@pytest.mark.parametrize(
    "first,end", [("2. 시행결과의 목표 달성도", True), ("구 분 주요 내용", False)]
)
def test_section_ends(first, end):
    assert (0 in section_ends(["a", first, "z"])) is end


def test_no_strategy_row_orphaned_at_a_page_bottom(demo_path, tmp_path):
    out = tmp_path / "r.pdf"
    store = PlanStore(demo_path, read_only=True)
    try:
        build_document(store, 2023, "results", out)
    finally:
        store.close()
    group = re.compile(r"(사회보장전략|지역발전\s?전략|대표과업)\s*\d")
    orphans = []
    for i, page in enumerate(pdftotext_pages(out)):
        lines = [ln for ln in page.splitlines() if ln.strip()][:-1]  # without the footer
        if lines and group.search(lines[-1]):
            orphans.append((i + 1, lines[-1].strip()[:60]))
    assert not orphans, orphans

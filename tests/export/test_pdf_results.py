"""The 시행결과 report of the demo plan, built through the CLI and read back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_readback import (
    body_lines,
    fonts_of,
    page_count,
    pdftotext_pages,
    printed_number,
    squash,
    word_boxes,
)
from pypdf import PdfReader

from sbdesk.cli.main import main
from sbdesk.export.pdf.layout import MARGIN_X
from sbdesk.services.demo import build_demo
from sbdesk.services.numbers import format_money, format_rate
from sbdesk.services.store import PlanStore


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """(plan path, pdf path, layout text of each page, the year view)."""
    d = tmp_path_factory.mktemp("report")
    plan = d / "demo.sbplan"
    build_demo(plan).close()
    out = d / "r.pdf"
    assert (
        main(["report", str(plan), "--year", "2023", "--kind", "results", "--out", str(out)]) == 0
    )
    store = PlanStore(plan, read_only=True)
    view = store.year_view(2023)
    store.close()
    return plan, out, pdftotext_pages(out), view


@pytest.fixture(scope="module")
def raw_pages(report):
    return pdftotext_pages(report[1], raw=True)


def _physical(pages: list[str], number: int) -> int:
    """Index of the page printed "- number -"."""
    hits = [i for i, t in enumerate(pages) if printed_number(t) == number]
    assert len(hits) == 1, f"page - {number} - found {len(hits)} times"
    return hits[0]


def _toc(pages: list[str]) -> list[tuple[str, int]]:
    """(entry text, page number) of the 목차, read from its pages."""
    start = next(i for i, t in enumerate(pages) if squash(t).startswith("목차"))
    entries = []
    for i in range(start, start + 3):
        if printed_number(pages[i]) is not None:
            break
        for line in pages[i].splitlines():
            m = re.match(r"^\s*(\S.*?)\s*(?:·\s*)+(\d+)\s*$", line)
            if m:
                entries.append((m.group(1).strip(), int(m.group(2))))
    return entries


def _card_range(pages: list[str], code: str, codes: list[str]) -> list[int]:
    """Physical pages of the card of ``code`` in 첨부 1 (title "I-1-1. …" to the next title)."""
    title = re.compile(rf"^\s*(?:\[첨부 1\] )?{re.escape(code)}\. ", re.M)
    start = max(i for i, t in enumerate(pages) if title.search(t))
    nxt = codes.index(code) + 1
    end = len(pages)
    if nxt < len(codes):
        t2 = re.compile(rf"^\s*{re.escape(codes[nxt])}\. ", re.M)
        end = next(i for i in range(start + 1, len(pages)) if t2.search(pages[i]))
    else:
        end = next(i for i in range(start + 1, len(pages)) if "[첨부 2]" in pages[i])
    return list(range(start, end))


def test_every_project_name_and_computed_rate_is_in_the_report(report, raw_pages):
    _plan, _pdf, pages, view = report
    everything = squash("".join(raw_pages))
    projects = view.all_projects()
    assert len(projects) == 44
    codes = [p.code for p in projects]
    for pv in projects:
        assert squash(f"{pv.code}. {pv.name}") in everything, pv.code
        card = squash("".join(raw_pages[i] for i in _card_range(pages, pv.code, codes)))
        for iv in pv.indicators:
            if iv.achievement is not None:
                assert format_rate(iv.achievement) in card, (pv.code, iv.row.name)
        if pv.execution is not None:
            assert format_rate(pv.execution) in card, pv.code
        assert squash(pv.name) in card


def test_section2_rows_carry_budget_execution_and_indicator_rates(report):
    _plan, _pdf, pages, view = report
    start = next(
        i
        for i, t in enumerate(pages)
        if "(2) 추진전략, 중점 추진사업, 세부사업별 시행결과" in t and printed_number(t) is not None
    )
    end = next(
        i
        for i, t in enumerate(pages)
        if "3. 지역주민의 참여도 및 만족도" in t and i > start and printed_number(t) is not None
    )
    lines = [ln for t in pages[start:end] for ln in t.splitlines()]
    code_line = {}
    for i, ln in enumerate(lines):
        m = re.match(r"^\s*((?:I|II)-\d+-\d+(?:-\d+)?)\s", ln)
        if m:
            code_line.setdefault(m.group(1), i)
    projects = view.all_projects()
    assert set(code_line) == {p.code for p in projects}
    for k, pv in enumerate(projects):
        i = code_line[pv.code]
        row = lines[i]
        assert format_rate(pv.execution) in row, (pv.code, row)
        assert format_money(pv.budget.annual.total) in row, (pv.code, row)
        nxt = code_line[projects[k + 1].code] if k + 1 < len(projects) else i + 12
        block = " ".join(lines[max(0, i - 3) : nxt])
        for iv in pv.indicators:
            assert format_rate(iv.achievement) in block, (pv.code, iv.row.name)


def test_overview_rows_are_the_computed_ones(report):
    _plan, _pdf, pages, view = report
    text = "".join(pages)
    places = max(
        len(format_money(v).partition(".")[2])
        for sv in view.systems
        for v in (sv.overview.budget, sv.overview.executed)
    )
    for sys_v in view.systems:
        o = sys_v.overview
        row = [
            str(o.projects),
            format_money(o.budget, places=places),
            str(o.public_private),
            str(o.non_budget),
            format_rate(o.avg_achievement),
            f"{format_money(o.executed, places=places)}백만원 ({format_rate(o.avg_execution)})",
        ]
        assert re.search(r"\s+".join(re.escape(x) for x in row), text), row


def test_toc_page_numbers_point_at_the_headings(report):
    _plan, _pdf, pages, _view = report
    toc = _toc(pages)
    texts = [t for t, _n in toc]
    for expected in (
        "1. 계획 내용의 충실성",
        "2. 시행결과의 목표 달성도",
        "3. 지역주민의 참여도 및 만족도",
        "4. 시행과정의 적정성",
        "6. 별첨 자료",
        "[첨부 1] 세부 사업 목록",
        "[첨부 2] 지자체 사회보장분야 사업 목록(사회복지, 보건 분야 전체 사업)",
        "[첨부 3] 지자체 일반현황",
        "가. 지자체 사회보장사업 시행결과",
    ):
        assert expected in texts, expected
    assert len(toc) >= 40
    numbers = [n for _t, n in toc]
    assert numbers == sorted(numbers), "TOC numbers go forward"
    assert numbers[0] == 1
    for text, n in toc:
        page = pages[_physical(pages, n)]
        assert squash(text) in squash(page), f"{text!r} not on the page printed - {n} -"
    # the numbers are not trivially right: the last attachment is deep in the document
    assert toc[-1][1] > 100


def test_front_matter_is_unnumbered_and_numbers_run_on(report):
    _plan, pdf, pages, _view = report
    first_numbered = next(i for i, t in enumerate(pages) if printed_number(t) is not None)
    assert "제5기('23~'26) 지역사회보장계획의" in pages[0]
    assert "[광진구]" in pages[0] and "2024. 2. 28." in pages[0]
    assert squash(pages[1]).startswith("서울특별시광진구제5기지역사회보장계획의")  # 속표지
    assert "제출문" in squash(pages[2]) and "서울특별시장 귀하" in pages[2] and "김경호" in pages[2]
    assert squash(pages[3]).startswith("심의결과서")
    assert squash(pages[4]).startswith("목차")
    assert 5 <= first_numbered <= 7
    assert "1. 계획 내용의 충실성" in pages[first_numbered]
    numbers = [printed_number(t) for t in pages[first_numbered:]]
    assert numbers == list(range(1, len(numbers) + 1))
    assert page_count(pdf) == len(pages)


def test_fonts_are_embedded_nanum_subsets(report):
    _plan, pdf, _pages, _view = report
    fonts = fonts_of(pdf)
    assert fonts
    names = {re.sub(r"^[A-Z]{6}\+", "", n.lstrip("/")) for n in fonts}
    assert names == {"NanumMyeongjo", "NanumGothic", "NanumGothicBold"}
    for name, font in fonts.items():
        desc = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in desc, f"{name} is not embedded"
        assert re.match(r"^/[A-Z]{6}\+", name), f"{name} is not a subset"


def test_wide_tables_are_on_landscape_pages(report):
    _plan, pdf, pages, _view = report
    reader = PdfReader(str(pdf))
    for marker in (
        "(2) 추진전략, 중점 추진사업, 세부사업별 시행결과",
        "(2) 추진전략, 세부과업(사업)별 시행결과",
        "(2) 전략체계별 추진전략, 중점 추진사업, 세부사업(과업) 성과지표 및 예산",
    ):
        i = next(i for i, t in enumerate(pages) if marker in t and printed_number(t) is not None)
        box = reader.pages[i].mediabox
        assert float(box.width) > float(box.height), marker
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595.28, abs=0.5)  # A4 portrait
    assert float(reader.pages[0].mediabox.height) == pytest.approx(841.89, abs=0.5)


def test_long_tables_repeat_their_header_on_every_page(report):
    _plan, _pdf, pages, view = report
    first = next(i for i, t in enumerate(pages) if "[첨부 2]" in t and printed_number(t))
    last = next(i for i, t in enumerate(pages) if "[첨부 3]" in t and printed_number(t))
    budget_pages = list(range(first, last + 1))
    assert len(budget_pages) >= 8
    serials = set()
    for i in budget_pages:
        assert "일련" in pages[i] and "예산총액(백만원)" in pages[i], (
            f"page {i + 1} lacks the header"
        )
        serials.update(int(m) for m in re.findall(r"^\s*(\d{1,3})\s+\S", pages[i], re.M))
    assert set(range(1, len(view.budget_list) + 1)) <= serials
    assert len(view.budget_list) == 424
    # a card continued over pages repeats "구 분 | 주요 내용"
    codes = [p.code for p in view.all_projects()]
    rng = _card_range(pages, "I-3-1", codes)
    assert len(rng) >= 2
    for i in rng:
        assert re.search(r"구\s*분\s+주요\s*내용", pages[i]), f"card page {i + 1} lacks the header"


def test_budget_list_prints_the_budget_books_totals(report):
    """첨부 2 prints 계/소계 as entered: grand totals 399,238 / 219,008 (not 399,241 / 219,012)."""
    _plan, _pdf, pages, view = report
    text = "\n".join(t for t in pages if "예산총액(백만원)" in t)
    total = re.search(r"합\s*계\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)", text)
    assert total and total.groups() == ("399,238", "180,229", "219,008")
    row2 = re.search(
        r"^\s*2\s+\(예비\)사회적기업 일자리창출\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)", text, re.M
    )
    assert row2 and row2.groups() == ("290", "213", "76")  # 213 + 50 + 26 = 289: as entered


def test_monitoring_reflection_counts_printed_once_from_the_entries(report):
    from sbdesk.services import compute

    _plan, _pdf, pages, view = report
    page = next(t for t in pages if "시행계획 모니터링 수행 결과" in t and printed_number(t))
    results = [ln for ln in page.splitlines() if re.match(r"^\s*- 결과 :", ln)]
    assert len(results) == 1, results
    tally = compute.reflection_counts(e for pv in view.all_projects() for e in pv.monitoring)
    assert tally == {"반영": 19, "일부 반영": 0, "미반영": 8}
    assert "반영 19건, 일부 반영 0건, 미반영 8건" in results[0]
    assert "12개" not in page  # the typed narrative's counts are not printed beside them


def test_amounts_in_one_table_share_one_style(report):
    """The two system overviews print 5,175.90 and 3,953.14 (not 5,175.9 beside 3,953.14)."""
    _plan, _pdf, pages, view = report
    text = "\n".join(pages)
    assert "5,175.90" in text and "3,987.80" in text
    assert "3,953.14" in text and "1,734.64" in text
    assert not re.search(r"5,175\.9(?!0)", text)
    # a results table whose most precise amount has one decimal prints every amount with one
    i_table = next(t for t in pages if re.search(r"^\s*I-3-4\s.*77\.7%", t, re.M))
    row = next(ln for ln in i_table.splitlines() if re.match(r"^\s*I-3-4\s", ln))
    assert re.search(r"\s64\.0\s+46\.0\s", row), row


def test_no_heading_sits_alone_at_a_page_bottom(report):
    _plan, _pdf, pages, _view = report
    headings = {squash(t) for t, _n in _toc(pages)}
    start = next(i for i, t in enumerate(pages) if printed_number(t) is not None)
    for i in range(start, len(pages)):
        lines = body_lines(pages[i])
        assert lines, f"page {i + 1} is empty"
        assert squash(lines[-1]) not in headings, f"heading alone at the bottom of page {i + 1}"


def test_text_stays_inside_the_page_frame(report):
    _plan, pdf, _pages, _view = report
    boxes = word_boxes(pdf)
    assert len(boxes) > 10000
    margin = MARGIN_X - 3  # pt; a word drawn beyond the frame overflowed its cell
    for page, w, h, x0, y0, x1, y1, word in boxes:
        assert x0 >= margin and x1 <= w - margin, f"page {page}: {word!r} at x {x0:.0f}–{x1:.0f}"
        assert y0 >= 0 and y1 <= h, f"page {page}: {word!r} off the page"


def test_sections_without_data_say_so(report):
    _plan, _pdf, pages, _view = report
    text = "\n".join(pages)
    # the five narrative parts print the seed's own text (resources/demo/.../narratives.json)
    for heading, words in (
        ("3) 2023년 계획 수립 후 환경 변화", "지역사회보장 수요 및 공급 여건 변화"),
        ("5) 상위계획과의 연계성", "(1) 사회보장기본계획과의 연계성"),
        ("2) 재정·행정 지원 실적", "재정 지원 실적"),
    ):
        after = text.split(heading, 2)[-1]
        assert words in " ".join(after.split()[:40]), heading
    assert "85,080" in text and "1인가구 현황" in text  # the 1-3 table
    assert "4) 컨설팅 및 기타 반영 사항 : 해당사항 없음" in text
    assert "2) 시·도 컨설팅 참여 실적 : 미실시" in text
    assert "해당 사항 없음" not in text  # nothing was marked 해당 없음


def test_attachments_and_records(report, raw_pages):
    _plan, _pdf, pages, view = report
    text = "\n".join(pages)
    # 첨부 3: the general figures, the welfare ratio computed
    assert re.search(r"335,554\s+17,188\s+15\s+7,826\s+3,561\s+45\.5%\s+26\.1", text)
    # the change list, TF, legislation and training records are all there
    flat = squash("".join(raw_pages))
    for ch in view.changes:
        assert squash(ch.after) in flat
    for m in view.tf_members:
        assert squash(m.name) in flat
    for leg in view.legislation:
        assert squash(leg.title) in flat
    for a in view.activities["training"]:
        assert squash(a.title) in flat
    # the follow-up tables count what the cards hold
    judged = [e for p in view.all_projects() for e in p.monitoring if e.reflected]
    tally = {k: sum(1 for e in judged if e.reflected == k) for k in ("반영", "일부 반영", "미반영")}
    assert (
        f"반영 {tally['반영']}건, 일부 반영 {tally['일부 반영']}건, 미반영 {tally['미반영']}건"
        in text
    )


def test_review_sheet_inside_the_report_lists_every_member(report):
    _plan, _pdf, pages, view = report
    sheet = squash(pages[3])
    assert len(view.committee) == 30
    for m in view.committee:
        assert squash(m.name) in sheet, m.name


def test_report_metadata(report):
    _plan, pdf, _pages, _view = report
    meta = PdfReader(str(pdf)).metadata
    assert "광진구" in meta.title and "시행결과" in meta.title
    assert Path(pdf).read_bytes()[:5] == b"%PDF-"

"""한글 (HWPX) documents: valid packages, laid out by an independent renderer,
and the same figures as the PDF and the workbook, cell by cell."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sbdesk.documents import results_tables as rt
from sbdesk.export.pdf.build import build_document
from sbdesk.export.xlsx.results_tables import export_tables
from sbdesk.services.store import PlanStore

try:
    from .hwpx_check import HP, render, sections, table_grids, validate
except ImportError:  # tests/export is not a package
    from hwpx_check import HP, render, sections, table_grids, validate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def made(tmp_path_factory, _demo_master):
    """The demo's whole report as HWPX, PDF and tables workbook, and its view."""
    d = tmp_path_factory.mktemp("hwpx")
    store = PlanStore(_demo_master, read_only=True)
    try:
        hwpx = build_document(store, 2023, "results", d / "r.hwpx")
        pdf = build_document(store, 2023, "results", d / "r.pdf")
        xlsx = export_tables(store, 2023, d / "t.xlsx")
        view = store.year_view(2023)
    finally:
        store.close()
    return d, hwpx.path, pdf.path, xlsx, view


@pytest.fixture(scope="module")
def pages(made):
    d, hwpx, *_ = made
    return render(hwpx, d / "pages")


def test_the_report_is_a_valid_hwpx_package(made):
    _d, hwpx, *_ = made
    assert hwpx.suffix == ".hwpx" and hwpx.stat().st_size > 100_000
    assert validate(hwpx) == []


def test_every_document_kind_validates_and_lays_out(demo_path, tmp_path):
    store = PlanStore(demo_path, read_only=True)
    expect = {
        "review-sheet": ("심의결과서", 1),
        "card": ("200가구보듬기사업", 2),
        "monitoring-pack": ("모니터링체크리스트", 4),
    }
    try:
        for kind, codes in (
            ("review-sheet", None),
            ("card", ["I-1-1", "II-1-1-1"]),
            ("monitoring-pack", ["I-1-1", "I-1-2"]),
        ):
            out = tmp_path / f"{kind}.hwpx"
            build_document(store, 2023, kind, out, project_codes=codes)
            assert validate(out) == [], kind
            info = render(out, tmp_path / kind)
            words, least = expect[kind]
            assert info["pages"] >= least, kind
            text = " ".join(info["text"].values()).replace(" ", "")
            assert words in text, kind
            if kind == "review-sheet":
                assert "(인)" in text
    finally:
        store.close()


def test_the_sixth_term_plan_as_hwpx(tmp_path):
    from sbdesk.services.demo import build_demo_term6

    path = tmp_path / "t6.sbplan"
    build_demo_term6(path)
    store = PlanStore(path, read_only=True)
    try:
        year = store.years()[0]
        out = build_document(store, year, "term-plan", tmp_path / "t6.hwpx").path
    finally:
        store.close()
    assert validate(out) == []
    info = render(out, tmp_path / "t6", pages=[0, 1, 2])
    assert info["pages"] > 10
    assert "지역사회보장계획" in info["text"][0].replace(" ", "")


def test_format_follows_the_extension_or_the_option(demo_path, tmp_path):
    store = PlanStore(demo_path, read_only=True)
    try:
        r = build_document(store, 2023, "card", tmp_path / "a.hwpx", project_codes=["I-1-1"])
        assert r.path.read_bytes()[:2] == b"PK"
        r = build_document(store, 2023, "card", tmp_path / "a.pdf", project_codes=["I-1-1"])
        assert r.path.read_bytes()[:4] == b"%PDF"
        r = build_document(
            store, 2023, "card", tmp_path / "b.bin", project_codes=["I-1-1"], fmt="hwpx"
        )
        assert r.path.read_bytes()[:2] == b"PK"
    finally:
        store.close()
    # the command line: the format from --out, and --format checked against it
    cmd = [sys.executable, "-m", "sbdesk", "report", str(demo_path), "--year", "2023"]
    res = subprocess.run(
        [*cmd, "--kind", "review-sheet", "--out", str(tmp_path / "s.hwpx")],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr
    assert "한글(HWPX)" in res.stdout and (tmp_path / "s.hwpx").exists()
    res = subprocess.run(
        [*cmd, "--kind", "review-sheet", "--format", "hwpx", "--out", str(tmp_path / "s.pdf")],
        capture_output=True,
        text=True,
    )
    assert res.returncode != 0 and "확장자" in res.stderr


def test_pages_show_cover_toc_landscape_tables_and_cards(pages, made):
    info = pages
    n = info["pages"]
    assert 90 <= n <= 140  # the PDF of the same report has 119 pages
    text = {i: re.sub(r"\s+", "", t) for i, t in info["text"].items()}
    sizes = info["sizes"]
    assert "지역사회보장계획의" in text[0] and "광진구" in text[0]  # cover
    assert sizes[0][0] < sizes[0][1]
    toc = next(i for i in range(6) if "목차" in text[i])
    assert "1.계획내용의충실성" in text[toc] and "6.별첨자료" in text[toc + 1] + text[toc]
    landscape = [i for i, (w, h) in sizes.items() if w > h]
    assert landscape, "no landscape page"
    results = [i for i in landscape if "목표달성도" in text[i] and "달성률" in text[i]]
    assert results, "the results table is not on a landscape page"
    cards = [i for i in range(n) if "사업(과업)배경" in text[i]]
    assert len(cards) >= 44 and all(sizes[i][0] < sizes[i][1] for i in cards)
    # tables are not squashed: the rows of a card and of the results table keep
    # room for a line of text (8 pt ≈ 10.7 px at the renderer's 96 dpi)
    for i in (cards[0], results[0]):
        ys = info["hlines"][i]
        gaps = [b - a for a, b in zip(ys, ys[1:], strict=False) if b - a > 0.5]
        assert gaps and min(gaps) >= 9, (i, min(gaps))
    # the page images a reader looks at
    d = made[0] / "pages"
    for i in (0, toc, results[0], cards[0]):
        assert (d / f"page-{i + 1:03d}.png").stat().st_size > 5_000


def test_footer_has_one_page_number_field_and_metadata(made):
    _d, hwpx, *_ = made
    roots = sections(hwpx)
    numbered = 0
    for root in roots:
        footers = list(root.iter(f"{HP}footer"))
        for f in footers:
            numbered += 1
            autos = [a for a in f.iter(f"{HP}autoNum") if a.get("numType") == "PAGE"]
            assert len(autos) == 1
            assert not list(f.iter(f"{HP}pageNum"))
            text = "".join(t.text or "" for t in f.iter(f"{HP}t"))
            assert text.replace(" ", "") == "--"  # "- " field " -"
    assert numbered >= 5
    # numbering restarts at 1 where the body starts (after cover, 제출문, 심의결과서, 목차)
    assert sum(1 for r in roots for x in r.iter(f"{HP}newNum") if x.get("num") == "1") == 1
    # header rows repeat
    tbls = [t for r in roots for t in r.iter(f"{HP}tbl") if t.get("repeatHeader") == "1"]
    assert len(tbls) > 50
    import zipfile

    with zipfile.ZipFile(hwpx) as z:
        hpf = z.read("Contents/content.hpf").decode("utf-8")
    assert "광진구" in hpf and "시행결과" in hpf


def test_toc_page_references_resolve_and_match_an_independent_layout(made, pages):
    """Every TOC line ends in a page cross-reference field (상호참조 → 쪽 번호) as
    python-hwpx's own TOC tools read it (``toc_fidelity``: the field contract of a
    Hancom-authored document): it points at its heading's paragraph and caches a
    page number. 한글 recomputes the field; until then it shows the cached number,
    which must be the page rhwp (an independent layout) puts the heading on."""
    from hwpx.tools.toc_fidelity import parse_toc_model, structural_report

    _d, hwpx, *_ = made
    report = structural_report(str(hwpx))
    assert report["targetsResolve"] and report["crossrefCount"] >= 40
    model = parse_toc_model(str(hwpx))
    assert all(c.ref_content_type == "OBJECT_TYPE_PAGE" for c in model.crossrefs)
    text = {i: re.sub(r"\s+", "", t) for i, t in pages["text"].items()}
    toc = next(i for i in range(6) if "목차" in text[i])
    first = re.sub(r"\s+", "", model.paragraph_texts[model.crossrefs[0].target_id])
    body = next(i for i in range(toc + 1, len(text)) if first in text[i])  # page "- 1 -"
    exact = checked = 0
    at = body  # headings come in order: look for each from the previous one on
    for ref in model.crossrefs:
        title = re.sub(r"\s+", "", model.paragraph_texts[ref.target_id])[:25]
        found = next((i for i in range(at, len(text)) if title in text[i]), None)
        if found is None:  # a heading rhwp splits over lines at a different place
            continue
        at = found
        laid_out = found - body + 1
        assert abs(ref.cached_page - laid_out) <= 1, (title, ref.cached_page, laid_out)
        exact += ref.cached_page == laid_out
        checked += 1
    assert checked >= 40 and exact >= 0.9 * checked, (exact, checked)


def _xlsx_grid(ws, top: int, n_rows: int, n_cols: int) -> list[list]:
    return [
        [ws.cell(row=top + r, column=c + 1).value for c in range(n_cols)] for r in range(n_rows)
    ]


def _find_row(ws, col: int, value: str) -> int:
    for r in range(1, ws.max_row + 1):
        if ws.cell(row=r, column=col).value == value:
            return r
    raise KeyError(value)


@pytest.mark.parametrize("system", ["I", "II"])
def test_results_tables_agree_cell_by_cell_in_pdf_hwpx_and_workbook(made, system):
    d, hwpx, pdf, xlsx, view = made
    table = rt.results_table(view, view.system(system))
    expected = table.text_grid()
    # HWPX: the same grid, cell by cell
    grids = [g for g in table_grids(hwpx) if len(g) == len(expected) and g[:2] == expected[:2]]
    assert grids, "results table not found in the HWPX"
    assert grids[0] == expected
    # workbook: every anchor cell holds the same text, or the same number
    wb = load_workbook(xlsx)
    ws = wb["2-가 사회보장사업 시행결과" if system == "I" else "2-나 발전과업 시행결과"]
    top = _find_row(ws, 1, "사업 번호")
    got = _xlsx_grid(ws, top, len(expected), table.ncols)
    checked = 0
    for r, c, cell in table.anchors():
        v = got[r][c]
        if cell.kind == "money" and cell.value is not None:
            assert Decimal(str(v)) == cell.value, (r, c)
        elif cell.kind == "rate" and cell.value is not None:
            assert f"{Decimal(str(v)) * 100:.1f}%" == cell.text.replace(",", ""), (r, c)
        else:
            assert (v or "") == cell.text, (r, c, v, cell.text)
        checked += 1
    assert checked > 150
    # PDF: on the line of each project's row, its cells in order (flags, target,
    # actual, achievement, budget, executed, execution rate, changes)
    lines = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    rows_checked = 0
    body = table.rows[table.head :]

    def in_order(line: str, want: list[str]) -> bool:
        toks, pos = line.split(), 0
        for x in [tok for cell in want for tok in cell.split()]:
            if x not in toks[pos:]:
                return False
            pos = toks.index(x, pos) + 1
        return True

    def in_sequence(block: str, words: list[str]) -> bool:
        """The words of a cell wrapped over lines (other cells' text between them)."""
        pos = 0
        for x in words:
            pos = block.find(x, pos)
            if pos < 0:
                return False
            pos += len(x)
        return True

    for k, row in enumerate(body):
        first = row[0]
        if first is None or first.kind != "code" or not first.text:
            continue
        # the project's own cells (merged over its indicator rows) on the code's line;
        # each indicator's target, actual and achievement in order on a line nearby
        own = [row[c].text for c in (2, 3, 8, 9, 10, 11) if " " not in row[c].text]
        wrapped = [row[c].text.split() for c in (11,) if " " in row[c].text]
        indicators = [
            [c.text for c in ind[5:8] if c is not None and c.text and " " not in c.text]
            for ind in body[k : k + first.rowspan]
        ]
        found = False
        for n, ln in enumerate(lines):
            if ln.split()[:1] != [first.text] or not in_order(ln, own):
                continue
            near = lines[max(0, n - 12) : n + 12]
            block = "".join("".join(x.split()) for x in lines[max(0, n - 3) : n + 4])
            if all(any(in_order(x, want) for x in near) for want in indicators) and all(
                in_sequence(block, words) for words in wrapped
            ):
                found = True
                break
        assert found, (first.text, own, indicators)
        rows_checked += 1
    assert rows_checked == len(view.system(system).all_projects())


def _holds(toks: list[str], first: str, want: list[str]) -> bool:
    """A pdftotext line starting with ``first`` holding ``want`` in order."""
    toks = [x.rstrip(",") for x in toks]
    if toks[0] != first.replace(" ", ""):  # pdftotext reads "합 계" as "합계"
        return False
    pos = 0
    for x in want:
        if x not in toks[pos:]:
            return False
        pos = toks.index(x, pos) + 1
    return True


def test_budget_list_agrees_cell_by_cell_in_pdf_hwpx_and_workbook(made):
    """첨부 2 is one description (``results_tables.budget_list_table``): the
    workbook's sheet (read back by the budget-list import), the PDF's and the
    HWPX's tables hold the same cells, the 합 계 row included."""
    _d, hwpx, pdf, xlsx, view = made
    table = rt.budget_list_table(view)
    expected = table.text_grid()
    assert len(view.budget_list) > 100 and len(expected) == len(view.budget_list) + 4
    # HWPX
    grids = [g for g in table_grids(hwpx) if len(g) == len(expected) and g[:3] == expected[:3]]
    assert grids and grids[0] == expected
    # workbook: every anchor cell holds the same text, or the same number
    ws = load_workbook(xlsx)["첨부2 예산목록"]
    top = _find_row(ws, 1, "일련 번호")
    checked = 0
    for r, c, cell in table.anchors():
        v = ws.cell(row=top + r, column=c + 1).value
        if cell.kind == "money" and cell.value is not None:
            assert Decimal(str(v)) == cell.value, (r, c, v)
        elif cell.kind == "count" and cell.value is not None:
            assert v == cell.value, (r, c, v)
        else:
            assert (v or "") == cell.text, (r, c, v, cell.text)
        checked += 1
    assert checked > 10 * len(view.budget_list)
    # PDF: each row's serial, figures, 자체/보조 and plan codes in order on one line
    # of the 첨부 2 pages
    lines = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    start = max(i for i, ln in enumerate(lines) if "[첨부 2]" in ln)
    end = next(i for i in range(start, len(lines)) if "[첨부 3]" in lines[i])
    part = [ln.split() for ln in lines[start:end]]
    rows = 0
    for row in table.rows[table.head :]:
        want = [c.text for c in row[2:9] if c.text]  # after the serial (or 합 계)
        codes = [x for x in row[9].text.split(", ") if x]  # may wrap onto the lines around

        at = [n for n, toks in enumerate(part) if toks and _holds(toks, row[0].text, want)]
        assert at, want
        near = {x.rstrip(",") for toks in part[at[0] - 2 : at[0] + 3] for x in toks}
        assert set(codes) <= near, (want, codes)
        rows += 1
    assert rows == len(view.budget_list) + 1


def test_cell_text_is_escaped_and_control_characters_left_out(tmp_path):
    """Table rows are written as XML text: markup characters in a cell stay
    text, and characters XML cannot hold (as python-hwpx leaves them out of a
    paragraph) are left out instead of breaking the package."""
    from sbdesk.documents import model as dm
    from sbdesk.export.hwpx.render import render as render_hwpx

    doc = dm.Document("표", "광진구")
    part = doc.part()
    t = dm.Table("t", [1, 2], head=1)
    t.add([dm.Cell("구분"), dm.Cell("내용 <비고> & \"따옴표\" 'a'")])
    t.add([dm.Cell("R&D\x0b"), dm.Cell("첫 줄\n둘째 줄 ]]> &amp;\x01")])
    part.blocks.append(dm.Heading("제목 <1> & \x02끝", 1))
    part.blocks.append(dm.Para("본문 <b> & \x1f'끝'", 1))
    part.blocks.append(dm.TableBlock(t))
    out = tmp_path / "t.hwpx"
    render_hwpx(doc, out)
    assert validate(out) == []
    texts = ["".join(p.itertext()) for p in sections(out)[0].iter(f"{HP}p")]
    assert "제목 <1> & 끝" in " ".join(texts) and "본문 <b> & '끝'" in " ".join(texts)
    assert table_grids(out)[-1] == [
        ["구분", "내용 <비고> & \"따옴표\" 'a'"],
        ["R&D", "첫 줄\n둘째 줄 ]]> &amp;"],
    ]


def test_the_package_follows_the_owpml_conventions(made):
    """The renderer zips the package itself (docs/hwpx.md): ``mimetype`` first,
    stored, without an extra field; every part the manifest names is there,
    sections in number order after the header; the rest deflated."""
    import zipfile

    from lxml import etree

    _d, hwpx, *_ = made
    with zipfile.ZipFile(hwpx) as z:
        infos = z.infolist()
        first = infos[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert first.extra == b"" and z.read("mimetype") == b"application/hwp+zip"
        with open(hwpx, "rb") as fh:  # at the fixed offset readers look for
            assert fh.read(38 + len("application/hwp+zip"))[30:] == b"mimetypeapplication/hwp+zip"
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos[1:])
        names = [i.filename for i in infos]
        hpf = etree.fromstring(z.read("Contents/content.hpf"))
        hrefs = [el.get("href") for el in hpf.iter() if el.get("href")]
        assert hrefs and all(h in names for h in hrefs)
        sections_ = [n for n in names if re.match(r"Contents/section\d+\.xml$", n)]
        assert len(sections_) > 5
        assert sections_ == [f"Contents/section{i}.xml" for i in range(len(sections_))]
        assert names.index("Contents/header.xml") < names.index(sections_[0])
        for name in ("META-INF/container.xml", "META-INF/manifest.xml", "version.xml"):
            assert name in names
        head = z.read(sections_[0])[:200]
        assert head.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>")


def test_validate_finds_a_broken_package(made, tmp_path):
    """The production save runs no validation: the tests' ``validate`` must
    catch what python-hwpx's save would have refused."""
    import zipfile

    _d, hwpx, *_ = made
    broken = tmp_path / "broken.hwpx"
    with zipfile.ZipFile(hwpx) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "Contents/section1.xml":
                data = data.replace(b'paraPrIDRef="', b'paraPrIDRef="x', 1)
            dst.writestr(info, data)
    errors = validate(broken)
    assert any(e.startswith("open safety:") for e in errors), errors
    assert any("paraPrIDRef" in e for e in errors), errors

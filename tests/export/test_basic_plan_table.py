"""The 4-year basic plan table (issue 12 item 11): 대표과업 indicators, "-" as the plan
says, a header that counts what the plan holds, the footnote, 목표, duplicates, and
headers and short values that never break inside a word."""

from __future__ import annotations

import re
from decimal import Decimal as D

from pdf_readback import pdftotext_pages, squash

from sbdesk import models as m
from sbdesk.export.pdf.build import build_document
from sbdesk.services.store import PlanStore


def test_basic_plan_table_as_the_plan_says(demo_path, tmp_path):
    store = PlanStore(demo_path)
    view = store.year_view(2023)
    task = view.system("II").strategies[0].tasks[0]
    store.add_row(
        m.BasicIndicator,
        {"task_id": task.task.id, "name": "복지사각지대 발굴 건수",
         "targets": {"2022": "-", "2023": "16,000건", "2024": "16,500건"}},
    )  # fmt: skip
    i11 = view.project("I-1-1")
    bi = i11.basic_indicators[0]
    store.set_field(m.BasicIndicator, bi.id, "targets", {"2022": "-", "2023": "10,100명"})
    b23 = next(b for b in store.list(m.BasicBudget) if b.project_id == i11.id and b.year == 2023)
    store.set_fields(m.BasicBudget, b23.id, {"amount": None, "mark": "-"})
    store.add_row(m.BasicBudget, {"project_id": i11.id, "year": 2022, "amount": D("4600")})
    ii = view.project("II-1-1-1")
    store.set_fields(m.Project, ii.id, {"priority": False, "priority_dash": True})
    dup = view.project("II-1-1-2")
    store.set_field(m.Project, dup.id, "duplicate_of", view.project("I-1-2").id)
    out = tmp_path / "bp.pdf"
    build_document(store, 2023, "basic-plan", out)
    store.close()
    pages = pdftotext_pages(out)
    text = "\n".join(pages)
    flat = squash(text)
    # 목표 and a header that counts what the plan holds (the duplicate once)
    assert "◆ 목표: 모두가 함께하는 상생복지도시 광진" in text
    assert "◆ 총괄현황: 4대 추진전략, 4개 발전전략 43개 세부사업 및 과업(8개 중점추진사업)" in text
    # the 대표과업 row with its indicator and targets, "-" where the plan says "-"
    assert "대표과업1." in flat and "복지사각지대발굴건수" in flat and "16,500건" in text
    row = next(ln for ln in text.splitlines() if "복지사각지대 발굴 건수" in ln)
    assert re.search(r"\s-\s+16,000건\s+16,500건", row), row
    # a short value and the headers never break inside a word
    assert "10,100명" in text
    for word in ("중점추진", "민관협력", "5기 신규"):
        assert word in text, word
    # I-1-1: budget '22 4,600, '23 printed "-" (dash), '24–'26 the demo's example 288
    i11_line = next(ln for ln in text.splitlines() if re.match(r"^\s*I-1-1\s", ln))
    assert re.search(r"4,600\s+-\s+288\s+288\s+288\s*$", i11_line), i11_line
    # 중점 "-" and the duplicate shown as such
    ii_line = next(ln for ln in text.splitlines() if re.match(r"^\s*II-1-1-1\s", ln))
    assert re.search(r"\s-\s", ii_line), ii_line
    assert "(I-1-2와중복)" in flat
    # the plan's footnote
    assert "주: 제4기 계획의 '22년 성과지표와 예산을 포함하여 제5기 기본계획의" in text


def test_basic_plan_in_pdf_hwpx_and_workbook_agree_cell_by_cell(demo_path, tmp_path):
    """One description (``documents.basic_plan``) drawn three ways: the HWPX is a
    valid package laid out on landscape pages with rows not squashed, and the PDF,
    the HWPX and the workbook carry the same cells."""
    import subprocess

    from openpyxl import load_workbook

    from sbdesk.documents import basic_plan as bp
    from sbdesk.export.xlsx.results_tables import export_tables
    from sbdesk.services.basic_plan import basic_plan_data

    try:
        from .hwpx_check import render, table_grids, validate
    except ImportError:  # tests/export is not a package
        from hwpx_check import render, table_grids, validate

    store = PlanStore(demo_path)
    i11 = store.project_by_code("I-1-1")
    store.set_basic_budget(i11.id, 2024, "-")  # a printed dash beside numbers
    data = basic_plan_data(store)
    table = bp.basic_plan_table(data)
    hwpx = build_document(store, None, "basic-plan", tmp_path / "bp.hwpx").path
    pdf = build_document(store, None, "basic-plan", tmp_path / "bp.pdf").path
    xlsx = export_tables(store, 2023, tmp_path / "t.xlsx")
    store.close()
    expected = table.text_grid()
    ny = len(data["years"])
    assert len(expected) > 60 and table.ncols == 6 + 2 * ny

    # HWPX: valid, landscape pages, rows not squashed, the same grid cell by cell
    assert validate(hwpx) == []
    info = render(hwpx, tmp_path / "pages")
    assert 3 <= info["pages"] <= 6  # the PDF has 4 pages
    assert all(w > h for w, h in info["sizes"].values())
    text = re.sub(r"\s+", "", " ".join(info["text"].values()))
    assert "제5기목표및추진전략별4년추진계획" in text and "I-1-1" in text
    for i in range(info["pages"]):
        ys = info["hlines"][i]
        gaps = [b - a for a, b in zip(ys, ys[1:], strict=False) if b - a > 0.5]
        assert gaps and min(gaps) >= 9, (i, min(gaps))
    grids = [g for g in table_grids(hwpx) if len(g) == len(expected)]
    assert grids and grids[0] == expected

    # workbook: every anchor cell holds the same text, or the same number
    ws = load_workbook(xlsx)["기본계획 4개년"]
    top = next(r for r in range(1, 10) if ws.cell(row=r, column=1).value == "사업번호")
    checked = numbers = 0
    for r, c, cell in table.anchors():
        v = ws.cell(row=top + r, column=c + 1).value
        if cell.kind == "money" and cell.value is not None:
            assert D(str(v)) == cell.value, (r, c, v)
            numbers += 1
        else:
            assert (v or "") == cell.text, (r, c, v, cell.text)
        checked += 1
    assert checked > 400 and numbers > 30

    # PDF: each project's row: its code, flags and budgets in order on one line,
    # each indicator's targets in order on a line near it
    lines = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()

    def in_order(line: str, want: list[str]) -> bool:
        toks, pos = line.split(), 0
        for x in want:
            if x not in toks[pos:]:
                return False
            pos = toks.index(x, pos) + 1
        return True

    body = table.rows[table.head :]
    projects = 0
    for k, row in enumerate(body):
        first = row[0]
        if first is None or first.kind != "code":
            continue
        own = [row[c].text for c in [0, 2, 3, 4, *range(6 + ny, 6 + 2 * ny)] if row[c].text]
        targets = [
            [x.text for x in ind[6 : 6 + ny] if x is not None and x.text and " " not in x.text]
            for ind in body[k : k + first.rowspan]
        ]
        hits = [n for n, ln in enumerate(lines) if in_order(ln, own)]
        assert hits, (first.text, own)
        near = lines[max(0, hits[0] - 10) : hits[0] + 10]
        for want in targets:
            assert any(in_order(ln, want) for ln in near), (first.text, want)
        projects += 1
    assert projects == len(data["projects"])

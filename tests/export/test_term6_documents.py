"""6th-term documents: the 총괄 table, 목표설정 tables, 첨부1 TFT and 첨부2 cards.

The descriptions are checked cell by cell on the 6th-term example (new-term from
the Gwangjin demo); the PDF is rendered and read back with pdftotext.
"""

from __future__ import annotations

import shutil

import pytest
from pdf_readback import page_count, pdftotext_pages, squash

from sbdesk import models as m
from sbdesk.documents.sixth_term import card_table, overview_table, term_plan_document
from sbdesk.export.pdf.build import DocumentError, build_document
from sbdesk.services.new_term import new_term
from sbdesk.services.store import PlanStore
from sbdesk.services.term_plan import load_term_plan


@pytest.fixture(scope="module")
def _d6(tmp_path_factory, _demo_master):
    path = tmp_path_factory.mktemp("d6doc") / "d6.sbplan"
    new_term(_demo_master, path, term=6, notice="예시 계획: 실제 계획이 아닙니다.")
    return path


@pytest.fixture
def d6(_d6, tmp_path):
    path = tmp_path / "d6.sbplan"
    shutil.copyfile(_d6, path)
    store = PlanStore(path)
    yield store
    store.close()


def row_of(table, first: str) -> list[str]:
    return next(r for r in table.text_grid() if r[0] == first)


def test_overview_table_rows_and_columns(d6):
    tp = load_term_plan(d6)
    t = overview_table(tp, "I")
    grid = t.text_grid()
    assert grid[1][5:10] == ["‘26년", "‘27년", "‘28년", "‘29년", "‘30년"]
    r = row_of(t, "Ⅰ-1-1")
    assert r[1] == "(중점추진) 200가구 보듬기 사업" and r[2] == "×"
    assert r[5] == "170 (가구)" and r[10] == "288"  # 2026 baseline target and budget
    assert r[6:10] == ["", "", "", ""] and r[11:15] == ["", "", "", ""]
    assert any(x[0] == "사회보장 전략 1" for x in grid)
    t2 = overview_table(tp, "II")
    titles = [x[1] for x in t2.text_grid()]
    assert "전달체계 조직과 운영" in titles and "사회보장급여 이용·제공 및 수급권자 발굴" in titles
    # a full grid whose spans never overlap
    for table in (t, t2):
        covered = set()
        for ri, ci, cell in table.anchors():
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert (ri + dr, ci + dc) not in covered
                    covered.add((ri + dr, ci + dc))
        assert len(covered) == len(table.rows) * table.ncols


def test_new_project_prints_slash_and_codes_and_areas(d6):
    p = d6.project_by_code("I-1-1")
    d6.set_fields(m.Project, p.id, {"new_in_term": True, "cls_target": 2, "cls_household": 12,
                                     "basic_plan_areas": [1, 3]})  # fmt: skip
    for b in d6.list(m.BasicBudget, project_id=p.id):
        d6.delete_row(m.BasicBudget, b.id)
    d6.add_row(m.BasicBudget, {"project_id": p.id, "year": 2026, "source": "district", "mark": "/"})
    d6.add_row(
        m.BasicBudget, {"project_id": p.id, "year": 2027, "source": "district", "amount": "30"}
    )
    d6.add_row(
        m.BasicBudget, {"project_id": p.id, "year": 2027, "source": "province", "amount": "10"}
    )
    tp = load_term_plan(d6)
    r = row_of(overview_table(tp, "I"), "Ⅰ-1-1")
    assert (r[2], r[3], r[10], r[11]) == ("○", "①, ③", "/", "40")
    pp = next(x for x in tp.all_projects() if x.code == "I-1-1")
    grid = card_table(tp, pp).text_grid()
    flat = [c for row in grid for c in row]
    assert "② 개인 및 가구" in flat and "⑫ 해당없음" in flat
    assert not any("국비" in c for c in flat)
    budget_head = next(row for row in grid if row[1] == "재원구성(비중)")
    assert [c for c in budget_head[2:] if c] == ["2026년", "2027년", "2028년", "2029년", "2030년"]
    total = next(row for row in grid if row[1] == "계(①+②+③)")
    cells = [c for c in total[2:] if c]
    assert cells[:2] == ["/", "40\n(100.0%)"]
    prov = next(row for row in grid if row[1] == "①시·도비")
    assert [c for c in prov[2:] if c] == ["/", "10\n(25.0%)"]


def test_pdf_renders_every_part(d6, tmp_path):
    out = tmp_path / "plan6.pdf"
    result = build_document(d6, 2027, "term-plan", out)
    pages = pdftotext_pages(out)
    assert result.pages == page_count(out) == len(pages) > 44
    text = squash("".join(pages))
    for needle in ("예시계획", "나.목표,추진전략별4년추진계획", "첨부1제6기지역사회보장계획수립체계",
                   "첨부2세부사업(과업)목록", "Ⅰ-1-1.200가구보듬기사업", "①시·도비", "(작성필요)"):  # fmt: skip
        assert squash(needle) in text, needle
    cards = [p for p in pages if "사업(과업) 소관" in p]
    assert len(cards) >= 44
    assert not any("국비" in p.split("비고")[0] for p in cards)


def test_fifth_term_plan_has_no_term_plan_document(demo_path, tmp_path):
    with PlanStore(demo_path, read_only=True) as s, pytest.raises(DocumentError, match="제6기"):
        build_document(s, 2023, "term-plan", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_description_has_the_tables_for_hwpx_and_excel(d6):
    doc = term_plan_document(load_term_plan(d6))
    keys = {t.key for t in doc.tables()}
    assert {"6-1-나-I", "6-1-나-II", "6-2-1-1", "6-2-1-2", "6-3-1-1", "6-첨부1-1"} <= keys
    assert sum(1 for k in keys if k.startswith("6-첨부2-")) == 44
    assert "[예시]" in doc.title

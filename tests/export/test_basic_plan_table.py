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
    # I-1-1: budget '22 4,600, '23 printed "-" (dash), '24–'26 blank
    i11_line = next(ln for ln in text.splitlines() if re.match(r"^\s*I-1-1\s", ln))
    assert re.search(r"4,600\s+-\s*$", i11_line), i11_line
    # 중점 "-" and the duplicate shown as such
    ii_line = next(ln for ln in text.splitlines() if re.match(r"^\s*II-1-1-1\s", ln))
    assert re.search(r"\s-\s", ii_line), ii_line
    assert "(I-1-2와중복)" in flat
    # the plan's footnote
    assert "주: 제4기 계획의 '22년 성과지표와 예산을 포함하여 제5기 기본계획의" in text

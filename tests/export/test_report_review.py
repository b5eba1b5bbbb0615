"""Issue 12, the reviewer's verdict on the results report: wording, restored parts,
each monitoring entry once — checked on the description and on the PDF's text."""

from __future__ import annotations

import subprocess

import pytest

from sbdesk.documents import results_tables as rt
from sbdesk.documents import wording as w
from sbdesk.documents.card import card_table
from sbdesk.documents.context import Ctx
from sbdesk.documents.results_report import results_document
from sbdesk.export.pdf.build import build_document
from sbdesk.services.store import PlanStore


@pytest.fixture(scope="module")
def report(tmp_path_factory, _demo_master):
    d = tmp_path_factory.mktemp("review")
    store = PlanStore(_demo_master, read_only=True)
    try:
        view = store.year_view(2023)
        pdf = build_document(store, 2023, "results", d / "r.pdf").path
    finally:
        store.close()
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return view, out.split("\f")


def test_card_monitoring_entries_print_once(report):
    view, _pages = report
    pv = view.project("II-1-1-1")
    texts = [c.text for _r, _c, c in card_table(Ctx(view), pv).anchors()]
    joined = "\n".join(texts)
    assert joined.count("역할 분담 및 표기 필요") + joined.count("역할, 분담 및 표기 필요") == 1
    assert "산출 건수에 대한 구체적 건수 표기" in joined


def test_no_app_wording_on_official_pages(report):
    _view, pages = report
    text = "".join(pages)
    for phrase in ("사업 카드", "자동 계산", "sbdesk"):
        assert phrase not in text, phrase


def test_overview_is_the_official_form(report):
    view, pages = report
    t = rt.overview_table(view, view.system("I"))
    heads = [c.text for r, _c, c in t.anchors() if r < t.head]
    assert "총액 대비 집행률 (집행액/예산)" not in heads
    assert "예산집행률 (백만원, 평균)" in heads and "지자체 사회보장사업 현황" in heads
    assert t.rows[-1][-1].text == "3,987.80백만원 (89.5%)"
    assert "참고: 총액 대비 집행률(집행액 합계 ÷ 예산 합계) 77.0%" in "".join(pages)


def test_inner_title_page_and_toc_sub_entries(report):
    _view, pages = report
    inner = " ".join(pages[1].split())
    assert "서울특별시 광진구 제5기 지역사회보장계획의 2023년도 연차별 시행계획의 시행결과" in inner
    assert "제출문" not in inner.replace(" ", "")
    toc = "".join(p for p in pages[:8] if "목차" in p.replace(" ", "") or "····" in p)
    for entry in (
        "(1) 사회보장기본계획과의 연계성",
        "(2) 다른 중장기 계획과의 연계성",
        "(1) 지역발전 전략 1.",
        "(2) 지역발전 전략 2.",
        "(3) 지역발전 전략 3.",
        "(4) 지역발전 전략 4.",
    ):
        assert entry in toc, entry


def test_change_history_names_what_changed(report):
    view, _pages = report
    assert w.changes_of(view, view.project("I-2-8")) == "예산변경, 지표변경"
    assert w.changes_of(view, view.project("I-2-5")) == "사업내용 변경"
    assert w.changes_of(view, view.project("I-1-1")) == "-"


def test_tf_breakdown_and_merged_cells(report):
    view, pages = report
    summary = rt.tf_summary_table(view)
    assert summary.rows[1][1].text == "35"
    groups = dict(rt.tf_groups(view))
    assert groups["수립 담당부서"] == 4 and groups["협의체 전담인력"] == 2
    assert sum(groups.values()) == len(view.tf_members)
    members = rt.tf_members_table(view)
    duty_spans = [c.rowspan for r, col, c in members.anchors() if col == 3 and r > 0]
    assert 4 in duty_spans and 25 in duty_spans  # 위원 1–4, 5–29
    assert "총괄 현황" in "".join(pages) and "세부 구성 현황" in "".join(pages)


def test_excellent_projects_parts_restored(report):
    _view, pages = report
    text = " ".join("".join(pages).split())
    for part in (
        "우수사업 선정 과정",
        "우수사업 선정 기준",
        "(지역성)지역적 특성",
        "광진구 실무협의체 회의(24.2.23.)",
        "우수사업 선정 근거 및 주요성과",
        "가. 우수사업 선정 근거",
        "나. 주요성과",
        "향후 추진·개선방안",
        "대상자 선정 및 지원 기준 명확화",
    ):
        assert part in text, part
    assert "(사업 카드에서)" not in text


def test_every_section_is_in_the_description(report):
    view, _pages = report
    doc = results_document(view)
    titles = [h.text for h in doc.headings()]
    assert "(1) 사회보장기본계획과의 연계성" in titles
    assert "(2) 다른 중장기 계획과의 연계성" in titles
    assert sum(t.startswith("(") and "지역발전 전략" in t for t in titles) == 4

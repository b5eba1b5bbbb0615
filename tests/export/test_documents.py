"""The renderer-free descriptions (``sbdesk.documents``): one definition of each
official table and wording rule, so the PDF and the workbook cannot disagree.

Each test here names one of the disagreements issue #11 listed and shows it gone
in the real outputs (the workbook read back, the PDF's text).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sbdesk.documents import results_tables as rt
from sbdesk.documents import wording
from sbdesk.documents.results_report import results_document
from sbdesk.export.pdf.build import build_document
from sbdesk.export.xlsx.results_tables import export_tables
from sbdesk.services.store import PlanStore

SBDESK = Path(__file__).resolve().parents[2] / "sbdesk"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, _demo_master):
    d = tmp_path_factory.mktemp("docs")
    store = PlanStore(_demo_master, read_only=True)
    try:
        view = store.year_view(2023)
        xlsx = export_tables(store, 2023, d / "t.xlsx")
        pdf = build_document(store, 2023, "results", d / "r.pdf").path
    finally:
        store.close()
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return view, load_workbook(xlsx), text


def column(ws, col: int) -> list:
    return [ws.cell(row=r, column=col).value for r in range(1, ws.max_row + 1)]


def test_table_1_1_2_prints_the_project_code_in_both(outputs):
    view, wb, text = outputs
    ws = wb["전략체계표"]
    codes = [v for v in column(ws, 1) if isinstance(v, str) and re.match(r"^I+-\d", v)]
    assert codes == [pv.code for pv in view.all_projects()]
    assert not [v for v in column(ws, 1) if isinstance(v, int)]  # never the bare number "1"
    assert "I-1-1" in text and "II-1-1-1" in text


def test_strategy_headings_are_spelled_one_way(outputs):
    view, wb, text = outputs
    cells = " ".join(
        str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value
    )
    # (the PDF also prints the plan's own narrative tables, typed as the seed spells them)
    assert not re.search(r"사회보장 전략 \d", text.replace("\n", " "))
    assert not re.search(r"사회보장 전략 \d", cells)
    assert not re.search(r"사회보장전략\d", cells)
    assert not re.search(r"대표과업\d", cells)
    titles = [wording.strategy_title(sv, 5) for s in view.systems for sv in s.strategies]
    assert titles[0].startswith("사회보장전략 1. ")
    for t in titles:
        assert t in cells  # the workbook prints exactly the description's title


def test_indicator_labels_add_the_unit_once(outputs):
    view, wb, text = outputs
    labels = [wording.indicator_label(iv.row) for pv in view.all_projects() for iv in pv.indicators]
    assert len(labels) == 51
    assert not [x for x in labels if re.search(r"\(단위\s*:?\s*(\S+?)\)\s*\(\1\)", x)]
    ws = wb["2-가 사회보장사업 시행결과"]
    printed = {v for v in column(ws, 5) if isinstance(v, str)}
    for pv in view.system("I").all_projects():
        for iv in pv.indicators:
            assert wording.indicator_label(iv.row) in printed
    # the rule itself
    row = type("R", (), {"name": "연 이용인원(단위: 명)", "unit": "명"})
    assert wording.indicator_label(row) == "연 이용인원(단위: 명)"
    row = type("R", (), {"name": "참여자 수", "unit": "명"})
    assert wording.indicator_label(row) == "참여자 수 (명)"


def test_follow_up_tables_have_the_same_rows_everywhere(outputs):
    view, wb, text = outputs
    for kind, sheet, n in (
        ("monitoring", "모니터링 후속조치", 27),
        ("self", "자체평가 후속조치", 64),
    ):
        table, tally = rt.followup_table(view, kind)
        assert len(table.rows) - table.head == n  # as the Gwangjin report prints them
        ws = wb[sheet]
        body = [ws.cell(row=r, column=2).value for r in range(4, ws.max_row + 1)]
        assert len([b for b in body if b]) == n
        line = (
            f"반영 {tally['반영']}건, 일부 반영 {tally['일부 반영']}건, 미반영 {tally['미반영']}건"
        )
        assert line in text


def test_no_wording_rule_is_written_twice():
    """The unit rule, the strategy spellings, the follow-up selection, the funding
    sums and the card's section labels live in ``documents/wording.py`` only (the
    strategy words are term data, ``terms/``), nowhere in the documents, exports or UI."""
    offenders = []
    paths = [p for d in ("documents", "export", "ui") for p in (SBDESK / d).rglob("*.py")]
    for path in paths:
        if path.name == "wording.py":
            continue
        src = path.read_text(encoding="utf-8")
        for pattern in (
            r"unit not in",
            r"\(\{unit\}\)",
            r'"사회보장 ?전략',
            r'"지역발전 전략',
            r"e\.reflected or not \(e\.who",
            r'"계 ?\(①',  # the funding sums: wording.funding_sum_labels
            r'"지방비 소계 ?\(',
            r'= "\(작성 필요\)"',  # services.report_parts.TO_WRITE
            r'12\. 31\. 기준"',  # wording.as_of_year_end
            r'"(사업\(과업\)명|사업\(과업\) 소관|사업\(과업\) 분류|지원 대상|전달 체계)"',
            r'"(사업비\\n\(단위|재원구성\(비중\)|지원 절차)',  # wording.CARD_SECTIONS
        ):
            if re.search(pattern, src):
                offenders.append((path.relative_to(SBDESK), pattern))
    assert offenders == []


def test_the_report_description_has_every_section(outputs):
    view = outputs[0]
    doc = results_document(view)
    top = [h.text for h in doc.headings() if h.level == 1]
    assert [t.split(".")[0] for t in top] == ["1", "2", "3", "4", "5", "6"]
    orientations = [p.orientation for p in doc.parts]
    assert "landscape" in orientations
    keys = {t.key for t in doc.tables()}
    assert {"1-1-2", "2-I-2", "2-II-2", "4-3-self", "att2", "card-I-1-1"} <= keys
    # every table is a full grid and spans never overlap
    for t in doc.tables():
        covered = set()
        for r, c, cell in t.anchors():
            for rr in range(r, r + cell.rowspan):
                for cc in range(c, c + cell.colspan):
                    assert (rr, cc) not in covered, (t.key, rr, cc)
                    covered.add((rr, cc))
        assert len(covered) == len(t.rows) * t.ncols, t.key

"""The tables workbook (results report tables) and the 첨부 2 budget list in and out."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from sbdesk.export.xlsx.dept_workbook import export_department_workbooks
from sbdesk.export.xlsx.results_tables import export_tables
from sbdesk.importers.budget_list import read_budget_list
from sbdesk.importers.workbook import apply_import
from sbdesk.models import BudgetListItem
from sbdesk.services.errors import InterchangeError
from sbdesk.services.store import PlanStore

try:
    from .xlsx_fixtures import file_hash, find_label
except ImportError:  # tests/export is not a package
    from xlsx_fixtures import file_hash, find_label

SHEETS = [
    "전략체계표",
    "2-가 사회보장사업 시행결과",
    "2-나 발전과업 시행결과",
    "시행계획 변경 내용",
    "모니터링 후속조치",
    "자체평가 후속조치",
    "기본계획 4개년",
    "첨부2 예산목록",
]


@pytest.fixture(scope="module")
def tables(tmp_path_factory, _demo_master):
    """The demo's tables workbook (built once) and the demo's year view."""
    d = tmp_path_factory.mktemp("tables")
    store = PlanStore(_demo_master, read_only=True)
    try:
        path = export_tables(store, 2023, d / "결과표.xlsx")
        view = store.year_view(2023)
    finally:
        store.close()
    return load_workbook(path), view, path


def merged_ranges(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def row_of(ws, column: int, value) -> int:
    for r in range(1, ws.max_row + 1):
        if ws.cell(row=r, column=column).value == value:
            return r
    raise KeyError(value)


def test_every_table_is_there_laid_out_for_printing(tables):
    wb, _view, _ = tables
    assert [n for n in wb.sheetnames if wb[n].sheet_state == "visible"] == SHEETS
    for name in SHEETS:
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.print_title_rows, name  # header rows repeated on every page
        assert ws.freeze_panes and ws.freeze_panes != "A1", name
        header_last = int(ws.print_title_rows.split(":")[1].lstrip("$"))
        assert ws.freeze_panes == f"A{header_last + 1}"
        for col in "ABCD":
            assert ws.column_dimensions[col].width and ws.column_dimensions[col].width >= 5
        # no formula anywhere: every figure is a value
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (name, c.coordinate)


def test_headers_are_merged_like_the_official_forms(tables):
    wb, _view, _ = tables
    ws = wb["2-가 사회보장사업 시행결과"]
    r, c = find_label(ws, "목표달성도")
    assert (
        f"{ws.cell(row=r, column=c).coordinate}:{ws.cell(row=r, column=c + 2).coordinate}"
        in merged_ranges(ws)
    )
    assert ws.cell(row=r + 1, column=c + 2).value == "달성률 % (B/A*100)"
    r, c = find_label(ws, "사업 번호")
    assert f"A{r}:A{r + 1}" in merged_ranges(ws)
    ws = wb["첨부2 예산목록"]
    r, c = find_label(ws, "예산총액(백만원)")
    assert f"C{r}:H{r}" in merged_ranges(ws)
    assert f"E{r + 1}:G{r + 1}" in merged_ranges(ws)  # 지방비 over 소계, 시·도, 시·군·구
    assert [ws.cell(row=r + 2, column=x).value for x in (5, 6, 7)] == ["소계", "시·도", "시·군·구"]


def test_amounts_keep_their_decimals_and_rates_are_percent_values(tables):
    wb, view, _ = tables
    ws = wb["2-가 사회보장사업 시행결과"]
    cases = {"I-3-1": ("#,##0.0", 189.5), "I-3-6": ("#,##0", 1317), "I-1-5": ("#,##0.0", 0.8)}
    for code, (fmt, value) in cases.items():
        r = row_of(ws, 1, code)
        cell = ws.cell(row=r, column=9)
        assert (cell.value, cell.number_format) == (value, fmt)
    ws2 = wb["2-나 발전과업 시행결과"]
    r = row_of(ws2, 1, "II-2-1-2")
    assert (ws2.cell(row=r, column=9).value, ws2.cell(row=r, column=9).number_format) == (
        3.14,
        "#,##0.00",
    )
    # every project's rates are the view's, as Excel percentages with one decimal
    for sheet, system in (("2-가 사회보장사업 시행결과", "I"), ("2-나 발전과업 시행결과", "II")):
        ws = wb[sheet]
        for pv in view.system(system).all_projects():
            r = row_of(ws, 1, pv.code)
            ex = ws.cell(row=r, column=11)
            if pv.execution is None:
                assert ex.value == "-"
            else:
                assert ex.number_format == "#,##0.0%"
                assert ex.value == pytest.approx(float(pv.execution) / 100)
            for i, iv in enumerate(pv.indicators):
                ach = ws.cell(row=r + i, column=8)
                assert ach.value == (
                    "-" if iv.achievement is None else pytest.approx(float(iv.achievement) / 100)
                )
    # the overview row: the view's figures, rule in a note
    ws = wb["2-가 사회보장사업 시행결과"]
    o = view.system("I").overview
    r, c = find_label(ws, "사업 수")
    vals = (
        ws.cell(row=r + 1, column=1).value,
        ws.cell(row=r + 1, column=2).value,
        ws.cell(row=r + 1, column=5).value,
    )
    assert vals == (28, 5175.9, pytest.approx(float(o.avg_achievement) / 100))
    # the official form: 집행액 and 평균 집행률 in one cell; no 총액 대비 집행률 column
    assert ws.cell(row=r + 1, column=6).value == "3,987.80백만원 (89.5%)"
    assert ws.cell(row=r + 1, column=8).value is None
    r, c = find_label(ws, "목표달성률 (평균)")
    assert "평균" in ws.cell(row=r, column=c).comment.text
    r, c = find_label(ws, "달성률 % (B/A*100)")
    assert "실적(B) ÷ 목표(A)" in ws.cell(row=r, column=c).comment.text


def test_change_list_and_follow_ups(tables):
    wb, view, _ = tables
    ws = wb["시행계획 변경 내용"]
    r = row_of(ws, 1, "I-3-6")
    assert ws.cell(row=r, column=5).value == "2023년 사업예산 1,317백만원"
    codes = [ws.cell(row=x, column=1).value for x in range(r - 10, ws.max_row + 1)]
    assert sum(1 for c in codes if c) >= len(view.changes) - 1
    ws = wb["모니터링 후속조치"]
    r, _ = find_label(ws, "I-1-1 (200가구 보듬기 사업)")
    assert (ws.cell(row=r, column=2).value, ws.cell(row=r, column=4).value) == (
        "지원대상 및 성과목표 정리 표기",
        "반영",
    )
    # the card's own block (with 주체/시기) is not repeated in the table
    contents = [ws.cell(row=x, column=2).value for x in range(1, ws.max_row + 1)]
    assert contents.count("지원대상 및 성과목표 정리 표기") == 1


def test_budget_list_round_trip(demo_path, tmp_path):
    store = PlanStore(demo_path)
    try:
        out = export_tables(store, 2023, tmp_path / "t.xlsx")
        unchanged = read_budget_list(store, 2023, out)
        assert unchanged.entries == [] and unchanged.errors == []
        wb = load_workbook(out)
        ws = wb["첨부2 예산목록"]
        r5 = row_of(ws, 1, 5)
        ws.cell(row=r5, column=4).value = "1,200"  # 국비 typed as text
        ws.cell(row=r5, column=10).value = "I-2-1, Ⅱ-1-1-1"
        ws.cell(row=r5, column=3).value = "1,317"  # 계 as the budget book prints it: read
        r7 = row_of(ws, 1, 7)
        ws.cell(row=r7, column=9).value = "보조 "
        last = ws.max_row + 1
        for col, v in (
            (1, 425),
            (2, "새 사업"),
            (4, 0),
            (6, "-"),
            (7, "１２.５"),
            (8, 0),
            (9, "자체"),
        ):
            ws.cell(row=last, column=col).value = v
        wb.save(out)
        plan = read_budget_list(store, 2023, out)
        assert plan.errors == []
        got = {(e.project_code, e.field): e.new for e in plan.entries}
        ids = {c: i for i, c in store.codes().items()}
        assert got == {
            ("첨부2 5", "national"): Decimal("1200"),
            ("첨부2 5", "total"): Decimal("1317"),
            ("첨부2 5", "project_ids"): [ids["I-2-1"], ids["II-1-1-1"]],
            ("첨부2 7", "kind"): "보조",
            ("첨부2 425", "name"): "새 사업",
            ("첨부2 425", "national"): Decimal("0"),
            ("첨부2 425", "district"): Decimal("12.5"),
            ("첨부2 425", "other"): Decimal("0"),
            ("첨부2 425", "kind"): "자체",
        }
        apply_import(store, plan)
        item = store.list(BudgetListItem, year=2023, serial=425)[0]
        assert (item.name, item.district, item.province) == ("새 사업", Decimal("12.5"), None)
        h = file_hash(store.path)
        again = read_budget_list(store, 2023, out)
        assert again.entries == [] and again.errors == []
        assert file_hash(store.path) == h
        # conflict: the app changes item 5 after the export, the file too
        out2 = export_tables(store, 2023, tmp_path / "t2.xlsx")
        i5 = store.list(BudgetListItem, year=2023, serial=5)[0]
        store.set_field(BudgetListItem, i5.id, "province", "120")
        wb = load_workbook(out2)
        ws = wb["첨부2 예산목록"]
        ws.cell(row=row_of(ws, 1, 5), column=6).value = 130
        wb.save(out2)
        plan = read_budget_list(store, 2023, out2)
        assert [(e.field, e.old, e.new, e.conflict) for e in plan.entries] == [
            ("province", Decimal("120"), Decimal("130"), True)
        ]
    finally:
        store.close()


def seed_like_list(path, rows):
    """A 첨부 2 list as the budget office sends it: the seed's header (typo included), no stamp."""
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "[첨부 2] 지자체 사회보장분야 사업 목록 (23. 12. 31. 기준)"
    for r0 in (3, 9):  # the header is repeated further down (a new printed page)
        ws.cell(row=r0, column=1, value="일련 번호")
        ws.cell(row=r0, column=2, value="사업명")
        ws.cell(row=r0, column=3, value="예산총액(백만원)")
        ws.cell(row=r0 + 1, column=3, value="계")
        ws.cell(row=r0 + 1, column=4, value="국비")
        ws.cell(row=r0 + 1, column=5, value="지방비")
        ws.cell(row=r0 + 1, column=8, value="기타")
        ws.cell(row=r0 + 2, column=5, value="소계")
        ws.cell(row=r0 + 2, column=6, value="시·도")
        ws.cell(row=r0 + 2, column=7, value="사·군·구")
        ws.cell(row=r0, column=9, value="자체 /보조")
        ws.cell(row=r0, column=10, value="지역사회 보장계획 사업번호")
        ws.merge_cells(start_row=r0, start_column=3, end_row=r0, end_column=8)
    r = 6
    for row in rows:
        if r == 9:
            r = 12
        for c, v in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=v)
        r += 1
    ws.merge_cells("I6:I7")  # 보조 written once for two rows
    wb.save(path)


def test_budget_list_from_the_budget_office(demo_path, tmp_path):
    store = PlanStore(demo_path)
    try:
        path = tmp_path / "예산목록.xlsx"
        seed_like_list(
            path,
            [
                (1, "(예비)사회적기업 사업개발비 지원", 140, 98, 42, 29, 13, 0, "보조", None),
                (2, "(예비)사회적기업 일자리창출", 290, 213, 76, 50, 27, 0, None, None),
                (3, "1인가구 맞춤형 지원", 60, 0, 60, 0, 60, 0, "자체", "I-2-1"),
                (4, "1인가구주택 잔고장 수리 지원 사업", 20, 0, 20, 0, 20, 0, "자체", None),
            ],
        )
        h = file_hash(store.path)
        plan = read_budget_list(store, 2023, path)
        assert plan.errors == []
        got = {(e.project_code, e.field): (e.new_text, e.conflict) for e in plan.entries}
        assert got == {
            ("첨부2 2", "district"): ("27", False),
            ("첨부2 3", "project_ids"): ("I-2-1", False),
        }
        assert any("파일에 없는 항목 420개" in n for n in plan.notes)
        assert file_hash(store.path) == h
    finally:
        store.close()


def test_budget_list_errors_name_their_cells(demo_path, tmp_path):
    store = PlanStore(demo_path)
    try:
        path = tmp_path / "bad.xlsx"
        seed_like_list(
            path,
            [
                (1, "가", 1, "많음", 0, 0, 0, 0, "보조", None),
                (2, "나", 1, 0, 0, 0, 0, 0, "지원", "I-9-9"),
                (2, "다", 1, 0, 0, 0, 0, 0, "자체", None),
                ("셋", "라", 1, 0, 0, 0, 0, 0, "자체", None),
            ],
        )
        plan = read_budget_list(store, 2023, path)
        text = "\n".join(plan.errors)
        assert "Sheet!D6" in text and "금액(백만원)으로 읽을 수 없습니다" in text
        assert "Sheet!J7" in text and "I-9-9" in text
        assert "Sheet!A8" in text and "일련번호 2" in text
        assert "Sheet!A12" in text
        with pytest.raises(InterchangeError, match="고칠 곳이"):
            apply_import(store, plan)
        with pytest.raises(InterchangeError, match="이 계획의 기간"):
            read_budget_list(store, 2031, path)
        # a department workbook is not a budget list
        (dept,) = export_department_workbooks(store, 2023, tmp_path / "d", department="건강관리과")
        with pytest.raises(InterchangeError, match="부서 통합문서입니다"):
            read_budget_list(store, 2023, dept)
        plain = tmp_path / "plain.xlsx"
        Workbook().save(plain)
        with pytest.raises(InterchangeError, match="첨부 2 예산 목록 표를 찾지 못했습니다"):
            read_budget_list(store, 2023, plain)
    finally:
        store.close()

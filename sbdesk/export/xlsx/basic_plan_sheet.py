"""The 4-year basic plan as a sheet of the results-tables workbook ("기본계획 4개년").

From ``services.basic_plan.basic_plan_data``: per project its yearly budgets and,
per indicator, its yearly targets (text as typed, "-" kept); then the totals per
year with and without duplicates (a project printed twice counts once).
Amounts are numbers in 백만원 so Excel can sum them; "-" stays text.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from sbdesk.services.basic_plan import basic_plan_data

HEAD_FILL = PatternFill("solid", fgColor="DDE4EE")
BOLD = Font(bold=True)


def _amount(v):
    if v is None or isinstance(v, str):
        return v
    return Decimal(str(v))


def sheet_basic_plan(ws: Worksheet, store) -> None:
    data = basic_plan_data(store)
    years = data["years"]
    ws.cell(1, 1, f"제{data['term']}기 기본계획 4개년 목표·예산 (단위: 백만원)").font = BOLD
    ws.cell(2, 1, f"{years[0]}년은 기준연도(전기 계획의 수치, 비교용). '-'는 인쇄되는 줄표.")
    head = ["사업번호", "사업명", "중복(원래 사업)", "성과지표", "단위"]
    head += [f"'{y % 100:02d}년 목표" for y in years] + [f"'{y % 100:02d}년 예산" for y in years]
    for c, text in enumerate(head, 1):
        cell = ws.cell(4, c, text)
        cell.font, cell.fill = BOLD, HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    r = 5
    t0, b0 = 6, 6 + len(years)
    for p in data["projects"]:
        ws.cell(r, 1, p["code"])
        ws.cell(r, 2, p["name"])
        ws.cell(r, 3, p["duplicate_of"] or "")
        for i, y in enumerate(years):
            v = _amount(p["budgets"][str(y)])
            if v is not None:
                cell = ws.cell(r, b0 + i, v)
                cell.number_format = "#,##0.##"
        r += 1
        for ind in p["indicators"]:
            ws.cell(r, 4, ind["name"])
            ws.cell(r, 5, ind["unit"])
            for i, y in enumerate(years):
                text = ind["targets"][str(y)]
                if text:
                    ws.cell(r, t0 + i, text)
            r += 1
    r += 1
    for label, key in (("합계", "with_duplicates"), ("합계 (중복 제외)", "without_duplicates")):
        ws.cell(r, 2, label).font = BOLD
        for i, y in enumerate(years):
            v = _amount(data["totals"][str(y)][key])
            if v is not None:
                cell = ws.cell(r, b0 + i, v)
                cell.number_format = "#,##0.##"
                cell.font = BOLD
        r += 1
    ws.column_dimensions["A"].width = 11
    ws.column_dimensions["B"].width = 32
    ws.column_dimensions["C"].width = 12
    ws.column_dimensions["D"].width = 34
    ws.freeze_panes = "A5"
    ws.print_title_rows = "1:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0

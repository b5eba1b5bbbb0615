"""Tables out: every table of the results report in one workbook, laid out like the official forms.

The tables are the renderer-free descriptions of ``documents.results_tables``
(the same the PDF and HWPX reports draw), written cell by cell with
``write_table``.

Sheets: the strategy/project table of section 1 (2), the per-system result
tables of section 2 가./나. with their overview rows, the change list (1. 2)),
the monitoring and self-evaluation follow-up tables (4. 3)) and 첨부 2, the
budget list (written so it can be read back by ``importers.budget_list``).

Amounts are numbers in 백만원 shown with exactly the decimals stored; rates are
Excel percentages (0.0 %). Every rate comes from ``store.year_view`` and is
written as a value, never a formula, with its rule in a cell note and a note
row under the table, so a reader cannot break it. Headers are merged as on the
forms, header rows frozen and repeated on every printed page, A4 landscape.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from sbdesk.documents import results_tables as rt
from sbdesk.documents.wording import (
    ACHIEVEMENT_RULE,
    EXECUTION_RULE,
    OVERVIEW_RULE,
    evaluation_word,
)
from sbdesk.export.xlsx import common as xc
from sbdesk.export.xlsx.table_layout import (
    BODY,
    BOLD,
    HEAD,
    VALUES_NOTE,
    fill_group_rows,
    finish_table,
    note_row,
    title_row,
    write_table,
)
from sbdesk.services.errors import InterchangeError


def _subtitle(ws: Worksheet, row: int, text: str, last_col: int) -> None:
    xc.put(ws, row, 1, text, last_col=last_col, fnt=BOLD, align=xc.LEFT, border=None)


# --------------------------------------------------------------------------- section 1 (2)
def sheet_strategy_table(ws: Worksheet, view) -> None:
    t = rt.plan_table(view)
    J = t.ncols
    title_row(ws, t.title, J)
    top = 3
    r = write_table(ws, t, top)
    fill_group_rows(ws, t, top)
    note_row(
        ws,
        r + 1,
        "※ 예산·집행 실적은 백만원, 사업 카드의 재원별 금액의 합계(sbdesk 계산). "
        "사업 변경이력은 '연차별 시행계획 변경 내용' 시트의 유형.",
        J,
    )
    finish_table(
        ws,
        top,
        top + t.head - 1,
        r - 1,
        minimum={1: 9, 2: 24, 3: 8, 4: 8, 5: 22, 6: 11, 7: 11, 8: 10, 9: 10, 10: 10},
        maximum={2: 42, 5: 38, 6: 18, 7: 18, 10: 16},
    )


# --------------------------------------------------------------------------- section 2 가./나.
def sheet_results(ws: Worksheet, view, system: str) -> None:
    sv = view.system(system)
    is_i = system == "I"
    J = 12
    title_row(
        ws,
        "2. 가. 지자체 사회보장사업 시행결과"
        if is_i
        else "2. 나. 지역사회보장 발전 과업(사업) 시행결과",
        J,
    )
    o = rt.overview_table(view, sv)
    _subtitle(ws, 2, o.title, J)
    r = write_table(ws, o, 3)
    ws.row_dimensions[4].height = 20
    t = rt.results_table(view, sv)
    _subtitle(ws, r + 1, t.title, J)
    top = r + 2
    r = write_table(ws, t, top)
    fill_group_rows(ws, t, top)
    note_row(
        ws,
        r + 1,
        "※ 달성률·집행률: "
        + " ".join((VALUES_NOTE, ACHIEVEMENT_RULE, EXECUTION_RULE, OVERVIEW_RULE))
        + " 금액 단위: 백만원.",
        J,
    )
    finish_table(
        ws,
        top,
        top + t.head - 1,
        r - 1,
        minimum={
            1: 9,
            2: 26,
            3: 8,
            4: 8,
            5: 24,
            6: 11,
            7: 11,
            8: 10,
            9: 10,
            10: 10,
            11: 10,
            12: 10,
        },
        maximum={2: 40, 5: 34, 6: 16, 7: 16, 12: 14},
    )
    ws.row_dimensions[3].height = 30


# --------------------------------------------------------------------------- change list
def sheet_changes(ws: Worksheet, view) -> None:
    t = rt.changes_table(view)
    J = t.ncols
    title_row(ws, f"{t.title} : {len(view.changes)}개 사업", J)
    top = 3
    r = write_table(ws, t, top)
    if not view.changes:
        xc.put(ws, r, 1, "변경 내용 없음", last_col=J, fnt=BODY)
        r += 1
    finish_table(
        ws,
        top,
        top + t.head - 1,
        r - 1,
        minimum={1: 9, 2: 22, 3: 6, 4: 24, 5: 24, 6: 24, 7: 12, 8: 16},
        maximum={2: 30, 4: 34, 5: 34, 6: 34, 7: 14, 8: 22},
    )


# --------------------------------------------------------------------------- follow-up tables
def sheet_followups(ws: Worksheet, view, kind: str) -> None:
    t, _tally = rt.followup_table(view, kind)
    J = 4
    word = evaluation_word(kind)
    title_row(
        ws,
        t.title if t else f"4. 3) {view.year}년 시행계획 {word} 결과 후속 조치",
        J,
    )
    top = 3
    if t is not None:
        r = write_table(ws, t, top)
    else:
        for col, h in enumerate(
            (f"구분 ({word} 대상)", f"{word} 내용", f"{word} 반영 사항", "반영 여부"), 1
        ):
            xc.put(ws, top, col, h, fill=xc.HEADER_FILL, fnt=HEAD)
        xc.put(ws, top + 1, 1, f"{word} 후속 조치 없음", last_col=J, fnt=BODY)
        r = top + 2
    finish_table(
        ws,
        top,
        top,
        r - 1,
        minimum={1: 26, 2: 40, 3: 40, 4: 9},
        maximum={1: 30, 2: 60, 3: 60, 4: 10},
    )


# --------------------------------------------------------------------------- the workbook
def build_tables_workbook(store, year: int, progress=None) -> Workbook:
    from sbdesk.export.xlsx.basic_plan_sheet import sheet_basic_plan
    from sbdesk.export.xlsx.budget_list import write_budget_sheet

    if year not in store.years():
        ys = store.years()
        raise InterchangeError(f"{year}년은 이 계획의 기간({ys[0]}~{ys[-1]})이 아닙니다.")
    view = store.year_view(year)
    wb = Workbook()
    steps: list[tuple[str, Any]] = [
        ("전략체계표", lambda ws: sheet_strategy_table(ws, view)),
        ("2-가 사회보장사업 시행결과", lambda ws: sheet_results(ws, view, "I")),
        ("2-나 발전과업 시행결과", lambda ws: sheet_results(ws, view, "II")),
        ("시행계획 변경 내용", lambda ws: sheet_changes(ws, view)),
        ("모니터링 후속조치", lambda ws: sheet_followups(ws, view, "monitoring")),
        ("자체평가 후속조치", lambda ws: sheet_followups(ws, view, "self")),
        ("기본계획 4개년", lambda ws: sheet_basic_plan(ws, store, view)),
    ]
    first = wb.active
    for i, (name, fn) in enumerate(steps):
        if progress is not None:
            progress.report(i, len(steps) + 1, f"{name} 만드는 중…")
        ws = first if i == 0 else wb.create_sheet()
        ws.title = name
        fn(ws)
        ws.sheet_view.showGridLines = False
    if progress is not None:
        progress.report(len(steps), len(steps) + 1, "첨부 2 예산 목록 만드는 중…")
    ws = wb.create_sheet("첨부2 예산목록")
    budget = write_budget_sheet(ws, view, view.codes)
    ws.sheet_view.showGridLines = False
    xc.write_stamp(
        wb,
        {
            "format": xc.FORMAT_TABLES,
            "version": xc.STAMP_VERSION,
            "plan": xc.plan_identity(store),
            "year": year,
            "exported_at": xc.now_text(),
            "budget_list": budget,
        },
    )
    wb.active = 0
    return wb


def export_tables(
    store, year: int, out: str | Path, progress=None, overwrite: bool = False
) -> Path:
    """Write every table of the results report for ``year`` into one workbook at ``out``.

    An existing ``out`` is replaced only with ``overwrite`` (never a plan file).
    """
    from sbdesk.export.xlsx.dept_workbook import save_workbook
    from sbdesk.services import outputs

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        out = out.with_name(out.name + ".xlsx")
    outputs.check_target(out, overwrite)  # before the work
    wb = build_tables_workbook(store, year, progress)
    save_workbook(wb, out, overwrite)
    if progress is not None:
        progress.report(1, 1, "완료")
    return out

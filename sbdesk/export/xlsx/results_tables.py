"""Tables out: every table of the results report in one workbook, laid out like the official forms.

Sheets: the strategy/project table of section 1 (2), the per-system result
tables of section 2 가./나. with their overview rows, the change list (1. 2)),
the monitoring and self-evaluation follow-up tables (4. 3)) and 첨부 2, the
budget list (written so it can be read back by ``xlsx_budget_list``).

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
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from sbdesk.export.xlsx import common as xc
from sbdesk.services.errors import InterchangeError

BODY = xc.font(9.5)
HEAD = xc.font(9.5, bold=True)
BOLD = xc.font(9.5, bold=True)
NOTE = xc.font(8.5, color="595959")
FLAG_ON, FLAG_OFF = "○", "×"

ACHIEVEMENT_RULE = (
    "달성률 = 실적(B) ÷ 목표(A) × 100 (하향 지표는 A ÷ B). 정성 목표(예: 만족 이상)는 판정이 달성이면 100%, "
    "미달성이면 0%. 목표나 실적이 '-'이거나 비어 있으면 계산하지 않습니다('-'). 소수 첫째 자리에서 반올림."
)
EXECUTION_RULE = (
    "집행률 = 집행실적(D) ÷ 예산(C) × 100, 소수 첫째 자리에서 반올림. 예산이 없거나 0이면 '-'."
)
OVERVIEW_RULE = (
    "평균 달성률·평균 집행률 = 사업별 비율의 산술평균('-'인 사업은 빼고). "
    "총액 집행률 = 집행액 합계 ÷ 예산 합계 × 100 (예산이 큰 사업에 가중)."
)
VALUES_NOTE = "sbdesk가 계산해 값으로 적은 것입니다(수식 아님). 바꾸려면 sbdesk에서 목표·실적·금액을 고치세요."


def flag(v: bool | None) -> str:
    return FLAG_ON if v else FLAG_OFF


def finish_table(
    ws: Worksheet,
    header_first: int,
    header_last: int,
    last_row: int,
    minimum: dict[int, float] | None = None,
    maximum: dict[int, float] | None = None,
    landscape: bool = True,
) -> None:
    """Fit widths and heights, freeze the header, set A4 printing with repeated header rows."""
    xc.autofit_columns(ws, header_last + 1, max(last_row, header_last + 1), minimum, maximum)
    spans: dict[tuple[int, int], int] = {}
    tall = []
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = rng.max_col
        if rng.max_row > rng.min_row:
            tall.append(rng)
    tall_anchors = {(rng.min_row, rng.min_col) for rng in tall}
    line = 9.5 * 1.45
    for r in range(header_first, max(last_row, header_first) + 1):
        widths = {}
        for c in range(1, (ws.max_column or 1) + 1):
            cell = ws.cell(row=r, column=c)
            if (
                isinstance(cell, MergedCell)
                or cell.value is None
                or isinstance(cell.value, (int, float))
                or (r, c) in tall_anchors
            ):
                continue
            widths[c] = xc.merged_width(ws, c, spans.get((r, c), c))
        if widths:
            xc.fit_row_height(ws, r, widths, size=9.5, minimum=17)
        else:
            ws.row_dimensions[r].height = 17
    for rng in tall:  # a cell merged down several rows: grow its last row if the rows are too low
        if rng.min_row < header_first or rng.min_row > last_row:
            continue
        v = ws.cell(row=rng.min_row, column=rng.min_col).value
        if v is None or isinstance(v, (int, float)):
            continue
        need = xc.lines_needed(str(v), xc.merged_width(ws, rng.min_col, rng.max_col)) * line + 4
        rows = range(rng.min_row, rng.max_row + 1)
        have = sum(ws.row_dimensions[x].height or 17 for x in rows)
        if need > have:
            ws.row_dimensions[rng.max_row].height = (
                (ws.row_dimensions[rng.max_row].height or 17) + need - have
            )
    ws.freeze_panes = ws.cell(row=header_last + 1, column=1).coordinate
    xc.setup_print(ws, landscape=landscape, title_rows=f"{header_first}:{header_last}")
    ws.sheet_view.zoomScale = 90


def _title(ws: Worksheet, text: str, last_col: int, row: int = 1) -> None:
    xc.put(
        ws, row, 1, text, last_col=last_col, fnt=xc.font(12, bold=True), align=xc.LEFT, border=None
    )
    ws.row_dimensions[row].height = 22


def _note_row(ws: Worksheet, row: int, text: str, last_col: int) -> None:
    xc.put(ws, row, 1, text, last_col=last_col, fnt=NOTE, align=xc.LEFT, border=None)
    lines = xc.lines_needed(text, xc.merged_width(ws, 1, last_col) * 1.1)
    ws.row_dimensions[row].height = max(15, lines * 13)


def _cell(ws, r, c, value=None, **kw):
    kw.setdefault("fnt", BODY)
    return xc.put(ws, r, c, value, **kw)


def _indicator_label(row) -> str:
    name = (row.name or "").strip()
    unit = (getattr(row, "unit", "") or "").strip()
    if unit and f"({unit})" not in name.replace(" ", ""):
        return f"{name} ({unit})"
    return name


def _changes_by_project(view) -> dict[int, str]:
    out: dict[int, list[str]] = {}
    for ch in view.changes:
        if ch.project_id is not None:
            lst = out.setdefault(ch.project_id, [])
            if ch.change_type not in lst:
                lst.append(ch.change_type)
    return {k: ", ".join(v) for k, v in out.items()}


def _project_name(pv, section2: bool = False) -> str:
    if pv.project.priority:
        return f"({'중점' if section2 else '중점추진'}) {pv.name}"
    return pv.name


# --------------------------------------------------------------------------- section 1 (2)
def sheet_strategy_table(ws: Worksheet, view) -> None:
    y = view.year
    J = 10
    _title(ws, "1. 1) (2) 전략체계별 추진전략, 중점 추진사업, 세부사업(과업) 성과지표 및 예산", J)
    top = 3
    h = dict(fill=xc.HEADER_FILL, fnt=HEAD)
    _cell(ws, top, 1, "사업 번호", last_row=top + 1, **h)
    _cell(ws, top, 2, "사업명", last_row=top + 1, **h)
    _cell(ws, top, 3, "민관 협력 사업 여부 (○,×)", last_row=top + 1, **h)
    _cell(ws, top, 4, "세부 사업 중복 여부 (○,×)", last_row=top + 1, **h)
    _cell(ws, top, 5, "성과지표", last_col=7, **h)
    _cell(ws, top, 8, "예산(백만원)", last_col=9, **h)
    _cell(ws, top, 10, "사업 변경이력", last_row=top + 1, **h)
    for c, t in (
        (5, "성과지표명 (단위)"),
        (6, f"{y}년 연차별 계획 목표"),
        (7, f"{y}년 실적"),
        (8, f"{y}년 연차별 계획 예산"),
        (9, f"{y}년 집행 실적"),
    ):
        _cell(ws, top + 1, c, t, **h)
    changes = _changes_by_project(view)
    r = top + 2
    for sv in view.systems:
        roman = "I" if sv.system == "I" else "II"
        _cell(
            ws,
            r,
            1,
            f"{roman}. {sv.title}",
            last_col=J,
            fill=xc.GROUP_FILL,
            fnt=BOLD,
            align=xc.LEFT,
        )
        r += 1
        for st in sv.strategies:
            prefix = "사회보장 전략" if sv.system == "I" else "지역발전 전략"
            r = _level_rows(
                ws,
                r,
                f"{prefix} {st.strategy.number}. {st.strategy.title}",
                st.indicators,
                1,
                4,
                {5: "name", 6: "target", 7: "actual"},
                J,
            )
            for pv in st.projects:
                r = _project_rows_s1(ws, r, pv, changes)
            for tv in st.tasks:
                r = _level_rows(
                    ws,
                    r,
                    f"대표과업 {tv.task.number}. {tv.task.title}",
                    tv.indicators,
                    1,
                    4,
                    {5: "name", 6: "target", 7: "actual"},
                    J,
                )
                for pv in tv.projects:
                    r = _project_rows_s1(ws, r, pv, changes)
    _note_row(
        ws,
        r + 1,
        "※ 예산·집행 실적은 백만원, 사업 카드의 재원별 금액의 합계(sbdesk 계산). 사업 변경이력은 '연차별 시행계획 변경 내용' 시트의 유형.",
        J,
    )
    finish_table(
        ws,
        top,
        top + 1,
        r - 1,
        minimum={1: 7, 2: 24, 3: 8, 4: 8, 5: 22, 6: 11, 7: 11, 8: 10, 9: 10, 10: 10},
        maximum={2: 42, 5: 38, 6: 18, 7: 18, 10: 16},
    )


def _level_rows(
    ws,
    r,
    title,
    indicators,
    c1,
    c2,
    cols: dict[int, str],
    J,
    rate_col: int | None = None,
    slash_cols: tuple[int, ...] = (),
    title_col: int | None = None,
) -> int:
    """A strategy or task row with its indicators (one row per indicator, title merged over them)."""
    n = max(1, len(indicators))
    start = title_col or c1
    if start > c1:
        _cell(ws, r, c1, None, last_row=r + n - 1, fill=xc.GROUP_FILL)
    _cell(
        ws,
        r,
        start,
        title,
        last_row=r + n - 1,
        last_col=c2,
        fill=xc.GROUP_FILL,
        fnt=BOLD,
        align=xc.LEFT,
    )
    for i in range(n):
        li = indicators[i] if indicators else None
        for col in range(c2 + 1, J + 1):
            _cell(ws, r + i, col, None, fill=xc.GROUP_FILL)
        if li is None:
            continue
        for col, what in cols.items():
            v = {
                "name": _indicator_label(li.row),
                "target": li.row.annual_target,
                "actual": li.row.actual,
            }[what]
            _cell(
                ws,
                r + i,
                col,
                v,
                fill=xc.GROUP_FILL,
                align=xc.LEFT if what == "name" else xc.CENTER,
            )
        if rate_col:
            xc.set_rate(ws.cell(row=r + i, column=rate_col), li.achievement)
        for col in slash_cols:
            ws.cell(row=r + i, column=col).value = "/"
    return r + n


def _project_rows_s1(ws, r, pv, changes) -> int:
    inds = pv.indicators or [None]
    n = len(inds)
    _cell(ws, r, 1, pv.project.number, last_row=r + n - 1)
    _cell(ws, r, 2, _project_name(pv), last_row=r + n - 1, align=xc.LEFT)
    _cell(ws, r, 3, flag(pv.project.public_private), last_row=r + n - 1)
    _cell(ws, r, 4, flag(pv.project.duplicate), last_row=r + n - 1)
    for i, iv in enumerate(inds):
        _cell(ws, r + i, 5, _indicator_label(iv.row) if iv else "", align=xc.LEFT)
        _cell(ws, r + i, 6, iv.row.annual_target if iv else "")
        _cell(ws, r + i, 7, iv.row.actual if iv else "")
    xc.set_money(_cell(ws, r, 8, None, last_row=r + n - 1), pv.budget.annual.total)
    xc.set_money(_cell(ws, r, 9, None, last_row=r + n - 1), pv.budget.executed.total)
    _cell(ws, r, 10, changes.get(pv.id, "-"), last_row=r + n - 1)
    return r + n


# --------------------------------------------------------------------------- section 2 가./나.
def sheet_results(ws: Worksheet, view, system: str) -> None:
    sv = view.system(system)
    y = view.year
    J = 12
    is_i = system == "I"
    heading = (
        "2. 가. 지자체 사회보장사업 시행결과"
        if is_i
        else "2. 나. 지역사회보장 발전 과업(사업) 시행결과"
    )
    _title(ws, heading, J)
    # (1) overview
    _cell(
        ws,
        2,
        1,
        "(1) 사업 개요" if is_i else "(1) 과업(사업) 개요",
        last_col=J,
        fnt=BOLD,
        align=xc.LEFT,
        border=None,
    )
    o = sv.overview
    top = 3
    h = dict(fill=xc.HEADER_FILL, fnt=HEAD)
    what = "사업" if is_i else "과업(사업)"
    _cell(
        ws,
        top,
        1,
        f"{'지자체 사회보장사업' if is_i else '지역사회보장 발전 사업'} 현황",
        last_col=2,
        **h,
    )
    _cell(ws, top, 3, f"민관협력 {what} 수", last_row=top + 1, last_col=4, **h)
    _cell(ws, top, 5, f"비예산 {what} 수", last_row=top + 1, last_col=6, **h)
    c = _cell(ws, top, 7, "목표달성률 (평균)", last_row=top + 1, last_col=8, **h)
    xc.note(c, OVERVIEW_RULE + " " + ACHIEVEMENT_RULE + " " + VALUES_NOTE)
    _cell(ws, top, 9, "예산집행률 (백만원, 평균)", last_col=J, **h)
    _cell(ws, top + 1, 1, f"{what} 수", **h)
    _cell(ws, top + 1, 2, f"{what} 예산(백만원)", **h)
    _cell(ws, top + 1, 9, "집행액(백만원)", **h)
    c = _cell(ws, top + 1, 10, "평균 집행률", **h)
    xc.note(c, OVERVIEW_RULE + " " + EXECUTION_RULE + " " + VALUES_NOTE)
    _cell(ws, top + 1, 11, "총액 집행률 (집행액÷예산)", last_col=J, **h)
    r = top + 2
    _cell(ws, r, 1, o.projects)
    xc.set_money(_cell(ws, r, 2), o.budget)
    _cell(ws, r, 3, o.public_private, last_col=4)
    _cell(ws, r, 5, o.non_budget, last_col=6)
    xc.set_rate(_cell(ws, r, 7, None, last_col=8), o.avg_achievement)
    xc.set_money(_cell(ws, r, 9), o.executed)
    xc.set_rate(_cell(ws, r, 10), o.avg_execution)
    xc.set_rate(_cell(ws, r, 11, None, last_col=J), o.execution_ratio)
    for col in (7, 10, 11):
        ws.cell(row=r, column=col).alignment = xc.CENTER
    ws.row_dimensions[r].height = 20
    # (2) detail
    r += 2
    _cell(
        ws,
        r,
        1,
        "(2) 추진전략, 중점 추진사업, 세부사업별 시행결과"
        if is_i
        else "(2) 추진전략, 세부과업(사업)별 시행결과",
        last_col=J,
        fnt=BOLD,
        align=xc.LEFT,
        border=None,
    )
    top = r + 1
    _cell(ws, top, 1, "사업 번호", last_row=top + 1, **h)
    _cell(ws, top, 2, "사업명", last_row=top + 1, **h)
    _cell(ws, top, 3, "민관 협력 사업 여부 (○,×)", last_row=top + 1, **h)
    _cell(ws, top, 4, "세부 사업 중복 여부 (○,×)", last_row=top + 1, **h)
    _cell(ws, top, 5, "성과지표 (단위)", last_row=top + 1, **h)
    _cell(ws, top, 6, "목표달성도", last_col=8, **h)
    _cell(ws, top, 9, "예산집행실적", last_col=11, **h)
    _cell(ws, top, 12, "사업 변경 이력", last_row=top + 1, **h)
    budget_c = f"{y}년 예산 (C)" if is_i else f"{y}년 목표액 (C)"
    exec_d = f"{y}년 집행실적 (D)" if is_i else f"{y}년 실적 (D)"
    for col, t in (
        (6, f"{y}년 목표치 (A)"),
        (7, f"{y}년 실적 (B)"),
        (8, "달성률 % (B/A*100)"),
        (9, budget_c),
        (10, exec_d),
        (11, "집행률 % (D/C*100)"),
    ):
        cell = _cell(ws, top + 1, col, t, **h)
        if col == 8:
            xc.note(cell, ACHIEVEMENT_RULE + " " + VALUES_NOTE)
        if col == 11:
            xc.note(cell, EXECUTION_RULE + " " + VALUES_NOTE)
    changes = _changes_by_project(view)
    r = top + 2
    cols = {5: "name", 6: "target", 7: "actual"}
    for st in sv.strategies:
        if is_i:
            r = _level_rows(
                ws,
                r,
                f"사회보장전략{st.strategy.number}. {st.strategy.title}",
                st.indicators,
                1,
                4,
                cols,
                J,
                rate_col=8,
                title_col=2,
            )
        elif st.indicators:
            r = _level_rows(
                ws,
                r,
                f"지역발전 전략 {st.strategy.number}. {st.strategy.title}",
                st.indicators,
                1,
                4,
                cols,
                J,
                rate_col=8,
            )
        else:
            _cell(
                ws,
                r,
                1,
                f"지역발전 전략 {st.strategy.number}. {st.strategy.title}",
                last_col=J,
                fill=xc.GROUP_FILL,
                fnt=BOLD,
                align=xc.LEFT,
            )
            r += 1
        for pv in st.projects:
            r = _project_rows_s2(ws, r, pv, changes, is_i)
        for tv in st.tasks:
            r = _level_rows(
                ws,
                r,
                f"대표과업{tv.task.number}. {tv.task.title}",
                tv.indicators,
                1,
                2,
                cols,
                J,
                rate_col=8,
                slash_cols=(3, 4, 9, 10, 11),
                title_col=2,
            )
            for pv in tv.projects:
                r = _project_rows_s2(ws, r, pv, changes, is_i)
    _note_row(
        ws,
        r + 1,
        "※ 달성률·집행률: "
        + VALUES_NOTE
        + " "
        + ACHIEVEMENT_RULE
        + " "
        + EXECUTION_RULE
        + " "
        + OVERVIEW_RULE
        + " 금액 단위: 백만원.",
        J,
    )
    finish_table(
        ws,
        top,
        top + 1,
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
    ws.row_dimensions[3].height = 20
    ws.row_dimensions[4].height = 30


def _project_rows_s2(ws, r, pv, changes, is_i: bool) -> int:
    inds = pv.indicators or [None]
    n = len(inds)
    last = r + n - 1
    _cell(ws, r, 1, pv.code, last_row=last)
    _cell(ws, r, 2, _project_name(pv, section2=True), last_row=last, align=xc.LEFT)
    _cell(ws, r, 3, flag(pv.project.public_private), last_row=last)
    _cell(ws, r, 4, flag(pv.project.duplicate), last_row=last)
    for i, iv in enumerate(inds):
        _cell(ws, r + i, 5, _indicator_label(iv.row) if iv else "", align=xc.LEFT)
        _cell(ws, r + i, 6, iv.row.annual_target if iv else "")
        _cell(ws, r + i, 7, iv.row.actual if iv else "")
        xc.set_rate(_cell(ws, r + i, 8), iv.achievement if iv else None)
    xc.set_money(_cell(ws, r, 9, None, last_row=last), pv.budget.annual.total)
    xc.set_money(_cell(ws, r, 10, None, last_row=last), pv.budget.executed.total)
    xc.set_rate(_cell(ws, r, 11, None, last_row=last), pv.execution)
    _cell(ws, r, 12, changes.get(pv.id, ""), last_row=last)
    for rr in range(r, last + 1):
        for col in (8, 9, 10, 11):
            cell = ws.cell(row=rr, column=col)
            if not isinstance(cell, MergedCell) and isinstance(cell.value, (int, float)):
                cell.alignment = xc.RIGHT
    return r + n


# --------------------------------------------------------------------------- change list
def sheet_changes(ws: Worksheet, view) -> None:
    yy = str(view.year)[2:]
    J = 8
    _title(
        ws,
        f"1. 2) 연차별 시행계획 변경 내용 ({view.year}년 연차별 시행계획 대비) : {len(view.changes)}개 사업",
        J,
    )
    top = 3
    h = dict(fill=xc.HEADER_FILL, fnt=HEAD)
    _cell(ws, top, 1, "사업 번호", last_row=top + 1, **h)
    _cell(ws, top, 2, "사업명", last_row=top + 1, **h)
    _cell(ws, top, 3, "신설·폐지·제외·변경 내용", last_col=5, **h)
    _cell(ws, top, 6, "변경사유", last_row=top + 1, **h)
    _cell(ws, top, 7, "시·군·구 지역사회보장 협의체 심의여부 (일자)", last_row=top + 1, **h)
    _cell(
        ws,
        top,
        8,
        "보건복지부 사회보장 신설·변경 협의·제외 이행여부 (일자/문서번호)",
        last_row=top + 1,
        **h,
    )
    _cell(ws, top + 1, 3, "유형", **h)
    _cell(ws, top + 1, 4, f"{yy}년 연차별 시행계획 (변경 전)", **h)
    _cell(ws, top + 1, 5, f"{yy}년 연차별 시행계획 (변경 후)", **h)
    r = top + 2
    for ch in view.changes:
        code = view.codes.get(ch.project_id, "") if ch.project_id else ""
        _cell(ws, r, 1, code)
        _cell(ws, r, 2, ch.project_name, align=xc.LEFT)
        _cell(ws, r, 3, ch.change_type)
        _cell(ws, r, 4, ch.before, align=xc.LEFT)
        _cell(ws, r, 5, ch.after, align=xc.LEFT)
        _cell(ws, r, 6, ch.reason, align=xc.LEFT)
        _cell(ws, r, 7, ch.council_review)
        _cell(ws, r, 8, ch.ministry_consultation)
        r += 1
    if not view.changes:
        _cell(ws, r, 1, "변경 내용 없음", last_col=J)
        r += 1
    finish_table(
        ws,
        top,
        top + 1,
        r - 1,
        minimum={1: 9, 2: 22, 3: 6, 4: 24, 5: 24, 6: 24, 7: 12, 8: 16},
        maximum={2: 30, 4: 34, 5: 34, 6: 34, 7: 14, 8: 22},
    )


# --------------------------------------------------------------------------- follow-up tables
def followup_rows(pv, kind: str) -> list:
    """The entries of a follow-up table: follow-up lines (no 주체/시기) and entries with a 반영 여부.

    The first monitoring/self-evaluation entry of a card usually names who did it
    and when (the card's own block); it is printed on the card, not in the table,
    unless it carries a 반영 여부.
    """
    evs = pv.monitoring if kind == "monitoring" else pv.self_evaluation
    return [e for e in evs if (e.content or e.follow_up) and (e.reflected or not (e.who or e.when))]


def sheet_followups(ws: Worksheet, view, kind: str) -> None:
    word = "모니터링" if kind == "monitoring" else "자체평가"
    J = 4
    sec = (
        "(1) 시행계획 모니터링 수행 실적"
        if kind == "monitoring"
        else "(2) 시행계획 자체평가 수행 실적"
    )
    _title(ws, f"4. 3) {sec} - {view.year}년 시행계획 {word} 결과 후속 조치", J)
    top = 3
    h = dict(fill=xc.HEADER_FILL, fnt=HEAD)
    for col, t in (
        (1, f"구분 ({word} 대상)"),
        (2, f"{word} 내용"),
        (3, f"{word} 반영 사항"),
        (4, "반영 여부"),
    ):
        _cell(ws, top, col, t, **h)
    r = top + 1
    for pv in view.all_projects():
        rows = followup_rows(pv, kind)
        if not rows:
            continue
        _cell(ws, r, 1, f"{pv.code} ({pv.name})", last_row=r + len(rows) - 1, align=xc.LEFT)
        for e in rows:
            _cell(ws, r, 2, e.content, align=xc.LEFT)
            _cell(ws, r, 3, e.follow_up, align=xc.LEFT)
            _cell(ws, r, 4, e.reflected or "")
            r += 1
    if r == top + 1:
        _cell(ws, r, 1, f"{word} 후속 조치 없음", last_col=J)
        r += 1
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


def export_tables(store, year: int, out: str | Path, progress=None) -> Path:
    """Write every table of the results report for ``year`` into one workbook at ``out``."""
    from sbdesk.export.xlsx.dept_workbook import save_workbook

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        out = out.with_name(out.name + ".xlsx")
    wb = build_tables_workbook(store, year, progress)
    save_workbook(wb, out)
    if progress is not None:
        progress.report(1, 1, "완료")
    return out

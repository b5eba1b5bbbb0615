"""The 6th-term section of a department workbook card sheet (첨부2 fields the annual card lacks).

Written at the end of a 6th-term card sheet, above the footnote:

- 6기 신규 (○/×), 국고보조 예외 (공모 / 지역선택), 제3차 사회보장기본계획 연계 전략 번호
  (①–③, several allowed) and 연계 내용;
- 사업비 (백만원): rows ①시·도비 ②시·군·구비 ③기타, columns 2026 (baseline) to 2030; a
  cell holds a number, "0" (비예산) or "/" (no figure that year) as their own values;
- 성과지표 (the 4-year ``BasicIndicator`` rows): 지표명, 단위, 자료출처, the 2026–2030
  targets as typed ("/" and "0" kept), 지표정의 and 목표수준 산출근거; one spare block when
  the project has none.

Its input cells are recorded apart from the annual card's (``SheetRecord.term6``:
``[ref, key, kind, checksum]``) and read back by ``importers.term6_section``. Keys:
``Project:<id>:<field>``, ``BasicBudget:<year>:<source>``,
``BasicIndicator:<id>:<field>`` / ``BasicIndicator:<id>:target:<year>`` and, for the
spare block, ``BasicIndicator:+1:<field>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl.worksheet.datavalidation import DataValidation

from sbdesk import models as m
from sbdesk.export.xlsx import common as xc
from sbdesk.export.xlsx import term6_values as tv
from sbdesk.models.fields import FUNDING_LABELS
from sbdesk.terms import TermRules

#: Kinds of the section's cells (``term6_values`` parses each).
NEW, AREAS, SUBSIDY, TEXT, BUDGET, TARGET = "new", "areas", "subsidy", "text", "budget", "target"
INDICATOR_TEXTS = ("name", "unit", "data_source", "definition", "rationale")
INDICATOR_LABELS = {
    "name": "성과지표명",
    "unit": "단위",
    "data_source": "자료출처",
    "definition": "지표정의",
    "rationale": "목표수준 산출근거",
}
SOURCE_ROWS = {"province": "①시·도비", "district": "②시·군·구비", "other": "③기타"}


@dataclass
class Term6Data:
    """A project's 4-year rows, read for the section."""

    budgets: list[m.BasicBudget] = field(default_factory=list)
    indicators: list[m.BasicIndicator] = field(default_factory=list)


def load(store, project_ids: list[int]) -> dict[int, Term6Data]:
    out = {pid: Term6Data() for pid in project_ids}
    for b in store.list(m.BasicBudget):
        if b.project_id in out:
            out[b.project_id].budgets.append(b)
    for bi in sorted(store.list(m.BasicIndicator), key=lambda x: (x.position, x.id)):
        if bi.project_id in out:
            out[bi.project_id].indicators.append(bi)
    return out


def norm(kind: str, value: Any) -> str:
    """The canonical text of a value of the section (what checksums compare)."""
    if kind == NEW:
        return "" if value is None else ("1" if value else "0")
    if kind == AREAS:
        return ",".join(str(a) for a in sorted(value or []))
    if kind == BUDGET:  # (amount, mark)
        amount, mark = value
        return mark if mark else xc.canon(amount)
    if kind == TARGET:
        return tv.parse_target(str(value or ""))
    return xc.canon(value)


def budget_value(rows: list[m.BasicBudget], year: int, source: str) -> tuple[Decimal | None, str]:
    for b in rows:
        if b.year == year and b.source == source:
            return b.amount, b.mark or ""
    return None, ""


def write_section(w, p: m.Project, r: int, rules: TermRules, data: Term6Data | None) -> int:
    """Write the section from row ``r`` on the card sheet writer ``w``; return the next row."""
    data = data or Term6Data()
    ws, rec = w.ws, w.rec
    J = 10
    years = [rules.baseline_year, *rules.years] if rules.baseline_year else list(rules.years)

    def cell(row, col, key, kind, value, shown, last_col=None, spare=False, number=False):
        c = xc.put(ws, row, col, None, last_col=last_col,
                   fill=xc.SPARE_FILL if spare else xc.INPUT_FILL, fnt=xc.font(9.5),
                   align=xc.RIGHT if number else (xc.LEFT if kind == TEXT else xc.CENTER),
                   protection=xc.UNLOCKED)  # fmt: skip
        if number and isinstance(shown, Decimal):
            c.value = xc.money_cell_value(shown)
            c.number_format = xc.money_format(shown)
        else:
            xc.set_text(c, shown)
            c.number_format = "@"
        rec.term6.append([c.coordinate, key, kind, xc.checksum(norm(kind, value))])
        return c

    def validate(values: str, prompt: str, coord: str) -> None:
        dv = DataValidation(type="list", formula1=values, allow_blank=True, showDropDown=False)
        dv.error, dv.errorTitle, dv.prompt = prompt, "입력할 수 없는 값", prompt
        dv.showErrorMessage, dv.showInputMessage = True, False
        ws.add_data_validation(dv)
        dv.add(coord)

    w.label(r, 1, f"제{rules.term}기 4년 계획 (첨부2 세부 사업(과업) 목록)", last_col=J,
            fill=xc.HEADER_FILL)  # fmt: skip
    r += 1
    w.label(r, 1, f"{rules.new_label} 여부", last_col=2)
    c = cell(r, 3, f"Project:{p.id}:new_in_term", NEW, p.new_in_term, tv.new_cell(p.new_in_term))
    validate('"○,×"', "○(6기 신규) 또는 ×(계속 사업)를 고르세요.", c.coordinate)
    w.label(r, 4, "국고보조 예외", last_col=5)
    kinds = ",".join(rules.subsidy_kinds)
    c = cell(r, 6, f"Project:{p.id}:subsidy_exception", SUBSIDY, p.subsidy_exception,
             tv.subsidy_cell(p.subsidy_exception), last_col=7)  # fmt: skip
    validate(f'"{kinds}"', f"국고보조 예외 사업이면 {kinds} 중에서 고르고, 아니면 비워 두세요.",
             c.coordinate)  # fmt: skip
    w.label(r, 8, "기본계획 연계 전략")
    c = cell(r, 9, f"Project:{p.id}:basic_plan_areas", AREAS, p.basic_plan_areas,
             tv.areas_cell(p.basic_plan_areas), last_col=J)  # fmt: skip
    legend = " ".join(f"{tv.circled(i)} {a}" for i, a in enumerate(rules.basic_plan_areas, 1))
    xc.note(
        ws.cell(row=r, column=8),
        f"제3차 사회보장기본계획 전략 번호 (여러 개 가능, 예: ① ③): {legend}",
    )
    r += 1
    w.label(r, 1, "기본계획 연계 내용", last_col=2)
    cell(r, 3, f"Project:{p.id}:basic_plan_link", TEXT, p.basic_plan_link, p.basic_plan_link,
         last_col=J)  # fmt: skip
    w._measure(r, 3, J)
    r += 1

    # 사업비: 재원 × 연도
    n = len(rules.funding_sources)
    w.label(r, 1, "사업비\n(백만원)", last_row=r + n)
    w.label(r, 2, "재원", fill=xc.GROUP_FILL)
    for i, y in enumerate(years):
        w.label(r, 3 + i, f"{y}년", fill=xc.GROUP_FILL)
    w.label(r, 3 + len(years), "③기타 재원명", last_col=J, fill=xc.GROUP_FILL)
    xc.note(ws.cell(row=r, column=2), "숫자(백만원), 0(비예산) 또는 /(그해 수치 없음: 6기 신규 "
                                      "사업의 2026년)를 적으세요. 계는 sbdesk가 계산합니다.")  # fmt: skip
    r += 1
    names = sorted({b.source_name for b in data.budgets if b.source == "other" and b.source_name})
    for source in rules.funding_sources:
        w.label(r, 2, SOURCE_ROWS.get(source, FUNDING_LABELS.get(source, source)))
        for i, y in enumerate(years):
            value = budget_value(data.budgets, y, source)
            amount, mark = value
            cell(r, 3 + i, f"BasicBudget:{y}:{source}", BUDGET, value,
                 tv.budget_cell_shown(amount, mark), number=not mark and amount is not None)  # fmt: skip
        if source == "other":
            w.computed(r, 3 + len(years), ", ".join(names) or None, last_col=J)
        else:
            w.computed(r, 3 + len(years), None, last_col=J)
        r += 1

    # 성과지표 (4-year)
    blocks = [(bi, f"BasicIndicator:{bi.id}", False) for bi in data.indicators]
    if not blocks:
        blocks = [(None, "BasicIndicator:+1", True)]
    rows_per = 4
    w.label(r, 1, "성과지표\n(4년 목표)", last_row=r + len(blocks) * rows_per)
    w.label(r, 2, "항목", fill=xc.GROUP_FILL)
    for i, y in enumerate(years):
        w.label(r, 3 + i, f"{y}년", fill=xc.GROUP_FILL)
    w.label(r, 3 + len(years), "자료출처", last_col=J, fill=xc.GROUP_FILL)
    r += 1
    for bi, base, spare in blocks:
        get = (lambda f, bi=bi: getattr(bi, f)) if bi is not None else (lambda f: "")
        w.label(r, 2, "지표명 · 단위")
        cell(r, 3, f"{base}:name", TEXT, get("name"), get("name"), last_col=5, spare=spare)
        cell(r, 6, f"{base}:unit", TEXT, get("unit"), get("unit"), last_col=7, spare=spare)
        cell(r, 8, f"{base}:data_source", TEXT, get("data_source"), get("data_source"),
             last_col=J, spare=spare)  # fmt: skip
        r += 1
        w.label(r, 2, "연도별 목표")
        targets = (bi.targets or {}) if bi is not None else {}
        for i, y in enumerate(years):
            t = str(targets.get(str(y), "") or "")
            cell(r, 3 + i, f"{base}:target:{y}", TARGET, t, t or None, spare=spare)
        w.computed(r, 3 + len(years), "'/'·'0'도 그대로 적습니다", last_col=J)
        r += 1
        for f in ("definition", "rationale"):
            w.label(r, 2, INDICATOR_LABELS[f])
            cell(r, 3, f"{base}:{f}", TEXT, get(f), get(f), last_col=J, spare=spare)
            w._measure(r, 3, J)
            r += 1
    return r

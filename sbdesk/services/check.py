"""Validation of a plan (``sbdesk check``): what a reviewer would catch.

``run_checks(store, year)`` returns findings, each naming the project, the
model field and the row, with a Korean message. Severities:

- ``error``: the report cannot be submitted like this (a required field is
  blank, a project has no indicator, an indicator has no target or actual,
  money executed with no budget, two projects with the same number, an annual
  budget with no execution after the year has ended, a change entry naming no
  project at all);
- ``warning``: most likely a mistake or an omission worth a look;
- ``info``: legitimate but worth knowing (a dash, zero executed without a budget).

Required card fields (error when blank): ``department``, ``officer``,
``purpose``, ``content_detail``. Expected (warning when blank): ``team``,
``phone``, ``background``, ``legal_basis``, ``target_criteria``,
``target_scale``, ``content_type``, 지원 절차 (at least one step),
``delivery_agencies``, and — once the year has ended — ``results``,
``effects``, ``improvements``. Messages name them by their titles in
``models.fields``. The full list of checks is in
``docs/computation-rules.md`` (점검 규칙).

The printed 계/지방비 소계 rows are computed from the funding sources (they are
never stored), so they cannot disagree with them; what can disagree is the
basic plan's budget for the year (``BasicBudget``) and the card's 기본계획
column, which is checked.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sbdesk.models import fields
from sbdesk.models.fields import FUNDING_LABELS
from sbdesk.models.types import FundingSource, Judgement
from sbdesk.services import compute
from sbdesk.services.numbers import MeasureKind, format_money, format_rate, parse_measure
from sbdesk.services.particles import ga
from sbdesk.services.read_model import PlanRows, read_plan_rows, year_view_from
from sbdesk.terms import rules_for

if TYPE_CHECKING:
    from sbdesk import models as m

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_LABELS = {ERROR: "오류", WARNING: "경고", INFO: "참고"}
_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
#: An achievement outside these bounds (percent) is flagged for a look (a unit or digit slip).
ACHIEVEMENT_HIGH = 300
ACHIEVEMENT_LOW = 10

#: Card fields that must not be blank (labels: ``models.fields``).
REQUIRED_CARD_FIELDS = ("department", "officer", "purpose", "content_detail")
#: Card fields a complete card has (warning when blank).
EXPECTED_CARD_FIELDS = (
    "team",
    "phone",
    "background",
    "legal_basis",
    "target_criteria",
    "target_scale",
    "content_type",
    "delivery_agencies",
)
#: Card fields of the results report, expected once the year has ended.
RESULT_CARD_FIELDS = ("results", "effects", "improvements")


@dataclass
class Finding:
    """One thing a reviewer would point at."""

    severity: str  # "error" | "warning" | "info"
    year: int | None
    project_id: int | None
    code: str  # project number (I-1-1) or "" for plan-level findings
    field: str  # "Model.field", e.g. "Indicator.actual"
    row_id: int | None  # id of the row of ``field``'s model (for the UI to jump to)
    message: str  # Korean, names the project and the field

    def as_dict(self) -> dict:
        return asdict(self)


def _short(text: str, limit: int = 30) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _blank(value) -> bool:
    return value is None or not str(value).strip()


def _norm_name(name: str) -> str:
    return re.sub(r"[\s·ㆍ.()\[\]「」]", "", name or "")


@lru_cache(maxsize=4096)
def _code_key(code: str) -> tuple:
    system, *nums = code.split("-")
    return (0 if system == "I" else 1, *(int(n) if n.isdigit() else 0 for n in nums))


def year_ended(year: int, today: _dt.date | None = None) -> bool:
    """A year's results are due once the year is over (the rule is ``compute.year_ended``)."""
    return compute.year_ended(year, today)


class _Checker:
    def __init__(self, data: PlanRows, today: _dt.date | None = None):
        self.data = data  # every row read once, as plain rows (read_model.read_plan_rows)
        self.today = today
        self.out: list[Finding] = []

    def add(self, severity, year, project_id, code, field, row_id, message) -> None:
        self.out.append(Finding(severity, year, project_id, code, field, row_id, message))

    # ------------------------------------------------------------------ structure
    def structure(self) -> None:
        """Checks of the plan tree (not tied to a year)."""
        strategies, tasks, projects = self.data.strategies, self.data.tasks, self.data.projects
        codes = self.data.codes()
        st_by_id = {x.id: x for x in strategies}
        task_by_id = {x.id: x for x in tasks}

        seen: dict[tuple, list] = defaultdict(list)
        for st in strategies:
            seen[("S", st.system, st.number)].append(st)
        for key, group in seen.items():
            if len(group) > 1:
                for st in group[1:]:
                    self.add(
                        ERROR, None, None, "", "Strategy.number", st.id,
                        f"전략 번호 {ga(f'{key[1]}-{key[2]}')} {len(group)}개 전략에 겹칩니다 "
                        f"(「{st.title}」). 전략 번호를 고치세요.",
                    )  # fmt: skip
        by_code: dict[str, list[m.Project]] = defaultdict(list)
        for p in projects:
            by_code[codes[p.id]].append(p)
        for code, group in sorted(by_code.items(), key=lambda kv: _code_key(kv[0])):
            if len(group) > 1:
                names = ", ".join(f"「{p.name}」" for p in group)
                for p in group:
                    self.add(
                        ERROR, None, p.id, code, "Project.number", p.id,
                        f"{code} {p.name}: 사업번호 {ga(code)} {len(group)}개 사업에 겹칩니다 ({names}).",
                    )  # fmt: skip
        by_name: dict[str, list[m.Project]] = defaultdict(list)
        for p in projects:
            if p.name.strip():
                by_name[_norm_name(p.name)].append(p)
        for group in by_name.values():
            if len(group) > 1:
                group_codes = ", ".join(sorted((codes[p.id] for p in group), key=_code_key))
                for p in group:
                    self.add(
                        WARNING, None, p.id, codes[p.id], "Project.name", p.id,
                        f"{codes[p.id]} {p.name}: 같은 사업명이 여러 사업에 있습니다 ({group_codes}).",
                    )  # fmt: skip
        for p in projects:
            code = codes[p.id]
            if _blank(p.name):
                self.add(
                    ERROR,
                    None,
                    p.id,
                    code,
                    "Project.name",
                    p.id,
                    f"{code}: 사업명이 비어 있습니다.",
                )
            st = st_by_id.get(p.strategy_id)
            if st is None:
                continue
            if p.task_id:
                task = task_by_id.get(p.task_id)
                if task is not None and task.strategy_id != p.strategy_id:
                    self.add(
                        ERROR, None, p.id, code, "Project.task_id", p.id,
                        f"{code} {p.name}: 대표과업이 다른 전략에 속해 있습니다.",
                    )  # fmt: skip
            elif st.system == "II":
                self.add(
                    WARNING, None, p.id, code, "Project.task_id", p.id,
                    f"{code} {p.name}: 지역사회보장 발전 전략체계(II)의 사업인데 대표과업이 지정되지 않았습니다.",
                )  # fmt: skip
        has_project = {p.strategy_id for p in projects}
        for st in sorted(strategies, key=lambda x: (x.system, x.number)):
            if st.id not in has_project:
                self.add(
                    WARNING, None, None, "", "Strategy.title", st.id,
                    f"전략 {st.system}-{st.number} 「{st.title}」에 세부사업이 하나도 없습니다.",
                )  # fmt: skip
        task_has = {p.task_id for p in projects if p.task_id}
        for t in tasks:
            st = st_by_id.get(t.strategy_id)
            if t.id not in task_has and st is not None:
                self.add(
                    WARNING, None, None, "", "Task.title", t.id,
                    f"대표과업 {st.system}-{st.number}-{t.number} 「{t.title}」에 세부과업이 하나도 없습니다.",
                )  # fmt: skip

    # ------------------------------------------------------------------ one year
    def year(self, year: int, view=None) -> None:
        if view is None:
            view = year_view_from(self.data, year)
        ended = year_ended(year, self.today)
        project_ids = {p.id for p in self.data.projects}
        basic = {b.project_id: b for b in self.data.basic_budgets if b.year == year}
        projects = view.all_projects()
        if any(pv.card is not None for pv in projects):
            for pv in projects:
                if pv.card is None:
                    self.add(
                        WARNING, year, pv.id, pv.code, "Card.project_id", pv.id,
                        f"{pv.code} {pv.name}: {year}년 사업 카드가 없습니다.",
                    )  # fmt: skip
                else:
                    self.card(year, pv, ended, basic.get(pv.id))
        self.changes(year, view.changes, project_ids, view.codes)
        self.committee(year, view.committee)
        self.budget_list(year, view.budget_list)
        self.report_parts(year, view)

    def report_parts(self, year: int, view) -> None:
        """Every empty part of the report that is not marked 해당 없음 (prints "(작성 필요)")."""
        from sbdesk.services.report_parts import empty_parts

        for part in empty_parts(view):
            self.add(
                ERROR, year, None, "", f"YearText.{part.key}", None,
                f"{year}년 보고서 {part.label}: 내용이 없어 '(작성 필요)'로 인쇄됩니다. "
                "내용을 입력하거나, 해당하지 않으면 '해당 없음'으로 표시하세요.",
            )  # fmt: skip

    # ------------------------------------------------------------------ basic plan
    def basic_plan(self) -> None:
        """Missing targets, a budget without a target, a duplicate not linked."""
        plan = self.data.plan
        years = list(range(plan.start_year, plan.end_year + 1))
        codes = self.data.codes()
        projects = self.data.projects
        inds = sorted(self.data.basic_inds, key=lambda x: x.id)  # file order, as before
        budgets = self.data.basic_budgets
        for p in projects:
            if p.duplicate and p.duplicate_of is None:
                code = codes.get(p.id, "")
                self.add(
                    WARNING, None, p.id, code, "Project.duplicate_of", p.id,
                    f"{code} {p.name}: 중복 사업으로 표시되었지만 원래 사업과 연결되지 않았습니다 "
                    "(합계에서 두 번 셉니다).",
                )  # fmt: skip
        if not inds and not budgets:
            return  # no basic plan entered at all: nothing to compare
        names = {p.id: p.name for p in projects}
        by_project: dict[int, list] = defaultdict(list)
        for i in inds:
            if i.project_id is not None:
                by_project[i.project_id].append(i)
        entered = {y for y in years for i in inds if str((i.targets or {}).get(str(y), "")).strip()}
        absent = [str(y) for y in years if y not in entered]
        if absent:
            self.add(
                WARNING, None, None, "", "BasicIndicator.targets", None,
                f"기본계획에 {', '.join(absent)}년 성과지표 목표가 하나도 입력되지 않았습니다 "
                "(기본계획 화면에서 입력하세요).",
            )  # fmt: skip
        for i in inds:
            missing = [
                str(y)
                for y in years
                if y in entered and not str((i.targets or {}).get(str(y), "")).strip()
            ]
            if missing and i.project_id is not None:
                code = codes.get(i.project_id, "")
                name = names.get(i.project_id, "")
                self.add(
                    WARNING, None, i.project_id, code, "BasicIndicator.targets", i.id,
                    f"{code} {name}: 기본계획 지표 「{_short(i.name)}」의 {', '.join(missing)}년 "
                    "목표가 비어 있습니다 (없으면 '-'를 입력하세요).",
                )  # fmt: skip
        for b in budgets:
            if b.amount is None or b.year not in years:
                continue
            targets = [
                str((i.targets or {}).get(str(b.year), "")).strip()
                for i in by_project[b.project_id]
            ]
            if not any(targets):
                code = codes.get(b.project_id, "")
                self.add(
                    WARNING, None, b.project_id, code, "BasicBudget.amount", b.id,
                    f"{code} {names.get(b.project_id, '')}: 기본계획 {b.year}년 예산({format_money(b.amount)}백만원)이 있는데 "
                    "그 해 성과지표 목표가 없습니다.",
                )  # fmt: skip

    def card(self, year: int, pv, ended: bool, basic_budget) -> None:
        card = pv.card
        head = f"{pv.code} {pv.name}"

        def add(sev, field, row_id, text):
            self.add(sev, year, pv.id, pv.code, field, row_id, f"{head}: {text}")

        for field in REQUIRED_CARD_FIELDS:
            if _blank(getattr(card, field)):
                label = fields.title("Card", field)
                add(ERROR, f"Card.{field}", card.id, f"{ga(label)} 비어 있습니다 (필수 항목).")
        for field in EXPECTED_CARD_FIELDS:
            if _blank(getattr(card, field)):
                label = fields.title("Card", field)
                add(WARNING, f"Card.{field}", card.id, f"{ga(label)} 비어 있습니다.")
        if not pv.steps:
            add(
                WARNING, "DeliveryStep.step", card.id, "지원 절차(추진 단계)가 입력되지 않았습니다."
            )
        if ended:
            for field in RESULT_CARD_FIELDS:
                if _blank(getattr(card, field)):
                    label = fields.title("Card", field)
                    add(
                        WARNING,
                        f"Card.{field}",
                        card.id,
                        f"{ga(label)} 비어 있습니다 (시행결과 항목).",
                    )

        # indicators
        if not pv.indicators:
            add(ERROR, "Indicator.name", card.id, "성과지표가 하나도 없습니다.")
        for n, iv in enumerate(pv.indicators, 1):
            self.indicator(add, n, iv, ended)

        # budget
        self.budget(add, pv, ended, basic_budget)

        # partners
        if pv.project.public_private and not pv.partners:
            add(
                WARNING, "Partner.agency", card.id,
                "민관협력 사업인데 추진체계(협력 기관)가 입력되지 않았습니다.",
            )  # fmt: skip

    def indicator(self, add, n: int, iv, ended: bool) -> None:
        row = iv.row
        label = f"성과지표 {n}「{_short(row.name) or '이름 없음'}」"
        if _blank(row.name):
            add(ERROR, "Indicator.name", row.id, f"성과지표 {n}의 지표명이 비어 있습니다.")
        target = parse_measure(row.annual_target)
        actual = parse_measure(row.actual)
        if target.kind is MeasureKind.BLANK:
            add(ERROR, "Indicator.annual_target", row.id, f"{label}의 목표(A)가 비어 있습니다.")
        elif target.kind is MeasureKind.DASH:
            add(
                INFO,
                "Indicator.annual_target",
                row.id,
                f"{label}의 목표(A)가 '-'이어서 달성률을 계산하지 않습니다.",
            )
        if actual.kind is MeasureKind.BLANK:
            sev = ERROR if ended else INFO
            add(sev, "Indicator.actual", row.id, f"{label}의 실적(B)이 비어 있습니다.")
        elif actual.kind is MeasureKind.DASH:
            add(
                INFO,
                "Indicator.actual",
                row.id,
                f"{label}의 실적(B)이 '-'이어서 달성률을 계산하지 않습니다.",
            )
        numeric = target.kind is MeasureKind.NUMBER and actual.kind is MeasureKind.NUMBER
        if numeric:
            if target.value == 0 and row.direction != "lower":
                add(
                    WARNING,
                    "Indicator.annual_target",
                    row.id,
                    f"{label}의 목표(A)가 0이어서 달성률을 계산할 수 없습니다.",
                )
            elif actual.value == 0 and row.direction == "lower":
                add(
                    WARNING,
                    "Indicator.actual",
                    row.id,
                    f"{label}(감소 지표)의 실적(B)이 0이어서 달성률을 계산할 수 없습니다.",
                )
            elif actual.value == 0:
                add(
                    WARNING, "Indicator.actual", row.id,
                    f"{label}의 실적(B)이 0입니다 (달성률 0.0%). 실적이 맞는지 확인하세요.",
                )  # fmt: skip
        qualitative = MeasureKind.TEXT in (target.kind, actual.kind) and not (
            {target.kind, actual.kind} & {MeasureKind.BLANK, MeasureKind.DASH}
        )
        if qualitative and row.judgement not in (Judgement.MET, Judgement.NOT_MET):
            add(
                WARNING, "Indicator.judgement", row.id,
                f"{label}은(는) 정성 지표(목표 '{row.annual_target}', 실적 '{row.actual}')인데 "
                "달성 여부 판정이 없어 달성률에 들어가지 않습니다.",
            )  # fmt: skip
        if _blank(row.unit) and numeric and not target.unit and not actual.unit:
            add(INFO, "Indicator.unit", row.id, f"{label}의 단위가 없습니다.")
        ach = getattr(iv, "achievement", None)
        if ach is not None and (ach > ACHIEVEMENT_HIGH or (0 < ach < ACHIEVEMENT_LOW)):
            add(
                WARNING, "Indicator.actual", row.id,
                f"{label}의 달성률이 {format_rate(ach)}입니다 ({ACHIEVEMENT_HIGH}% 초과 또는 "
                f"{ACHIEVEMENT_LOW}% 미만). 목표와 실적의 단위·자릿수를 확인하세요.",
            )  # fmt: skip
        if MeasureKind.TEXT in (target.kind, actual.kind):
            for what, mm in (("목표(A)", target), ("실적(B)", actual)):
                if mm.kind is MeasureKind.TEXT and re.search(r"\d", mm.text):
                    add(
                        INFO, "Indicator.actual" if what == "실적(B)" else "Indicator.annual_target",
                        row.id,
                        f"{label}의 {what} '{_short(mm.text)}'은(는) 숫자로 읽히지 않아 정성 값으로 "
                        "다뤄집니다. 수치라면 숫자와 단위만 쓰세요(예: 1,108명).",
                    )  # fmt: skip

    def budget(self, add, pv, ended: bool, basic_budget) -> None:
        totals: compute.BudgetTotals = pv.budget
        for line in pv.budget_lines:
            src = FUNDING_LABELS.get(line.source, line.source)
            if line.source == FundingSource.OTHER and _blank(line.source_name):
                add(
                    WARNING,
                    "BudgetLine.source_name",
                    line.id,
                    "기타 재원의 이름(예: 후원금)이 비어 있습니다.",
                )
            has_budget = bool(line.annual_amount)
            if has_budget and line.executed_amount is None:
                if ended:
                    add(
                        ERROR, "BudgetLine.executed_amount", line.id,
                        f"{src} 예산(A) {format_money(line.annual_amount)}백만원의 집행액(B)이 비어 있습니다 "
                        "(연도가 끝났습니다. 집행이 없으면 0을 입력하세요).",
                    )  # fmt: skip
            if not has_budget and line.executed_amount is not None:
                if line.executed_amount > 0:
                    add(
                        ERROR, "BudgetLine.executed_amount", line.id,
                        f"{src} 예산(A) 없이 집행액(B) {format_money(line.executed_amount)}백만원이 입력되어 있습니다.",
                    )  # fmt: skip
                else:
                    add(
                        INFO, "BudgetLine.executed_amount", line.id,
                        f"{src} 예산(A) 없이 집행액(B) 0이 입력되어 있습니다 (빈칸이어야 하는지 확인하세요).",
                    )  # fmt: skip
        execution = totals.execution
        if execution is not None and execution > 100:
            first = next((ln for ln in pv.budget_lines if ln.executed_amount), None)
            add(
                WARNING, "BudgetLine.executed_amount", first.id if first else pv.card.id,
                f"집행률이 {format_rate(execution)}로 100%를 넘습니다 "
                f"(집행 {format_money(totals.executed.total)} / 예산 {format_money(totals.annual.total)}백만원).",
            )  # fmt: skip
        plan_total = totals.plan.total
        if basic_budget is not None and basic_budget.amount is not None and plan_total is not None:
            if basic_budget.amount != plan_total:
                add(
                    WARNING, "BudgetLine.plan_amount", pv.budget_lines[0].id,
                    f"재원별 기본계획 예산의 합계 {format_money(plan_total)}백만원이 "
                    f"기본계획의 {pv.card.year}년 예산 {format_money(basic_budget.amount)}백만원과 다릅니다.",
                )  # fmt: skip
        figures = pv.figures()
        figures.year_over = ended
        if figures.unexecuted:
            add(
                WARNING, "BudgetLine.executed_amount", pv.budget_lines[0].id,
                f"연도가 끝났는데 예산 {format_money(totals.annual.total)}백만원의 집행액이 하나도 "
                "입력되지 않아, 평균 집행률에는 집행률 0%로 계산됩니다.",
            )  # fmt: skip
        if totals.annual.total is None and totals.executed.total is None and not pv.budget_lines:
            add(INFO, "BudgetLine.annual_amount", pv.card.id, "비예산 사업입니다 (재원 입력 없음).")

    def changes(
        self, year: int, changes: Iterable[m.ChangeEntry], project_ids: set[int], codes
    ) -> None:
        for n, ch in enumerate(changes, 1):
            label = f"{year}년 변경 내용 {n}번째 줄"
            code = codes.get(ch.project_id, "") if ch.project_id else ""
            if ch.project_id is None or ch.project_id not in project_ids:
                if ch.change_type in ("폐지", "제외") and not _blank(ch.project_name):
                    continue  # an abolished project no longer exists; its name is kept
                if _blank(ch.project_name):
                    self.add(
                        ERROR, year, None, "", "ChangeEntry.project_id", ch.id,
                        f"{label}({ch.change_type}): 어느 사업의 변경인지 지정되지 않았습니다.",
                    )  # fmt: skip
                else:
                    self.add(
                        WARNING, year, None, "", "ChangeEntry.project_id", ch.id,
                        f"{label}({ch.change_type}) 「{ch.project_name}」: 계획의 사업과 연결되어 있지 않습니다.",
                    )  # fmt: skip
            if _blank(ch.reason):
                self.add(
                    WARNING, year, ch.project_id, code, "ChangeEntry.reason", ch.id,
                    f"{(code + ' ') if code else ''}{ch.project_name}: {label}의 변경 사유가 비어 있습니다.",
                )  # fmt: skip

    def budget_list(self, year: int, items: list[m.BudgetListItem]) -> None:
        """첨부 2: an entered 계 or 지방비 소계 that its parts do not add up to.

        The budget book rounds each figure on its own, so a difference of at
        most half a unit per part is rounding (참고); a larger one is a warning.
        """
        for it in items:
            row = compute.budget_list_row(it)
            head = f"{year}년 첨부 2 일련번호 {it.serial}「{_short(it.name)}」"
            checks = (
                (row.total_differs, "total", "계", row.total, row.parts_total,
                 [it.national, it.province, it.district, it.other], "국비·시·도·시·군·구·기타"),
                (row.local_differs, "local_subtotal", "지방비 소계", row.local, row.parts_local,
                 [it.province, it.district], "시·도와 시·군·구"),
            )  # fmt: skip
            for differs, field, label, printed, parts, values, names in checks:
                if not differs or printed is None:  # differs implies printed is not None
                    continue
                entered = sum(1 for v in values if v is not None)
                rounding = abs(printed - (parts or 0)) * 2 <= max(entered, 1)
                self.add(
                    INFO if rounding else WARNING, year, None, "", f"BudgetListItem.{field}", it.id,
                    f"{head}: {label} {format_money(printed)}백만원이 {names}의 합 "
                    f"{format_money(parts)}백만원과 다릅니다"
                    + (" (반올림 차이로 보입니다; " if rounding else " (")
                    + f"입력한 {label}를 그대로 인쇄합니다).",
                )  # fmt: skip

    def committee(self, year: int, members: list[m.CommitteeMember]) -> None:
        if not members:
            self.add(
                INFO, year, None, "", "CommitteeMember.name", None,
                f"{year}년 심의위원(심의결과서 서명자)이 입력되지 않았습니다.",
            )  # fmt: skip
            return
        if not any(x.is_chair for x in members):
            self.add(
                WARNING, year, None, "", "CommitteeMember.is_chair", members[0].id,
                f"{year}년 심의위원 중 위원장(공공·민간)이 지정되지 않았습니다.",
            )  # fmt: skip
        for x in members:
            if _blank(x.name):
                self.add(
                    WARNING, year, None, "", "CommitteeMember.name", x.id,
                    f"{year}년 심의위원 {x.position + 1}번째({x.title or '위원'})의 이름이 비어 있습니다.",
                )  # fmt: skip


#: Card rows the checks read (no rule reads the evaluations; leaving them out saves a
#: fifth of the reading on a large plan).
CHECKED_CARD_ROWS = ("DeliveryStep", "BudgetLine", "Indicator", "Partner")


def run_checks(
    store: Any, year: int | None = None, today: _dt.date | None = None, view: Any = None
) -> list[Finding]:
    """Every finding of the plan, for ``year`` or (None) every year that has cards.

    ``store`` is anything with the plan file's ``path`` (``PlanStore``, ``PlanReader``):
    the whole plan is read once as plain rows (``read_model.read_plan_rows``), in one
    read transaction, without the ORM — every year even when ``year`` is given, since
    the 6th-term rules compare every year's cards with the basic plan. ``view``:
    ``year``'s view when the caller has built it already (the report), so it is not
    assembled twice.

    Findings are ordered: plan-level first, then by project number, then by
    severity (errors first) within a project.
    """
    return check_rows(read_plan_rows(store, None, CHECKED_CARD_ROWS), year, today, view)


def check_rows(
    data: PlanRows, year: int | None = None, today: _dt.date | None = None, view: Any = None
) -> list[Finding]:
    """``run_checks`` over rows already read (``read_model.PlanRows`` of the whole plan)."""
    checker = _Checker(data, today)
    checker.structure()
    checker.basic_plan()
    rules = rules_for(data.plan.term)
    if rules.checks:
        from sbdesk.services.check_term6 import Term6Rules

        Term6Rules(checker, rules).run()
    for y in [year] if year is not None else data.card_years():
        checker.year(y, view if y == year else None)
    return sorted(
        checker.out,
        key=lambda f: (
            f.code != "",
            _code_key(f.code) if f.code else (),
            f.year or 0,
            _ORDER.get(f.severity, 9),
        ),
    )


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    out = {ERROR: 0, WARNING: 0, INFO: 0}
    for f in findings:
        out[f.severity] = out.get(f.severity, 0) + 1
    return out


def format_findings(findings: list[Finding]) -> str:
    """Findings grouped per project, for the terminal (Korean)."""
    if not findings:
        return "점검 결과: 문제가 없습니다."
    lines = []
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        groups[f.code].append(f)
    for code, group in groups.items():
        if code:
            first = group[0].message
            head = first.split(": ", 1)[0] if first.startswith(code + " ") else code
            lines.append(f"[{head}]")
        else:
            lines.append("[계획 전체]")
        for f in group:
            text = f.message
            if code and text.startswith(code + " "):
                text = text.split(": ", 1)[-1]
            year = f"{f.year}년 " if f.year and code else ""
            lines.append(f"  {SEVERITY_LABELS.get(f.severity, f.severity)}: {year}{text}")
    c = counts(findings)
    lines.append("")
    lines.append(
        f"점검 결과: 오류 {c[ERROR]}건, 경고 {c[WARNING]}건, 참고 {c[INFO]}건 "
        f"(사업 {len([k for k in groups if k])}개)"
    )
    return "\n".join(lines)

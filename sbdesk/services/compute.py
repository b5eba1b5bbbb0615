"""Every computed figure of a plan, in one Qt-free module.

Rates are never stored: they are computed here from the stored figures each time
they are shown, printed or exported. All arithmetic is ``Decimal``; rates are
percentages rounded half-up to one decimal (124.1), the way the official tables
print them.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sbdesk.models.types import Direction, FundingSource, Judgement
from sbdesk.services.numbers import MeasureKind, parse_measure, round_half_up

HUNDRED = Decimal(100)


def rate(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """``numerator / denominator × 100``, rounded half-up to one decimal.

    Rule: ``None`` when either figure is missing or the denominator is zero (a
    rate of a zero budget or a zero target is undefined, not 0 % or 100 %).
    """
    if numerator is None or denominator is None or denominator == 0:
        return None
    return round_half_up(numerator * HUNDRED / denominator)


def indicator_achievement(
    annual_target: str | None,
    actual: str | None,
    direction: str = Direction.HIGHER,
    judgement: str | None = None,
) -> Decimal | None:
    """Achievement 달성률 (B/A) of one indicator.

    Rules:
    - both target A and actual B numeric: higher-is-better → B / A × 100;
      lower-is-better (감소 지표) → A / B × 100 (reaching a lower actual than the
      target scores above 100). A zero denominator gives ``None``.
    - a qualitative target or actual ("만족 이상", "매우 만족", "수시"): the
      officer's judgement decides — 달성 → 100.0, 미달성 → 0.0, not judged → ``None``.
    - a dash or a blank on either side ("-", not applicable / not yet measured)
      → ``None``: it contributes nothing to any average.
    """
    a = parse_measure(annual_target)
    b = parse_measure(actual)
    if a.kind in (MeasureKind.BLANK, MeasureKind.DASH) or b.kind in (
        MeasureKind.BLANK,
        MeasureKind.DASH,
    ):
        return None
    if a.kind is MeasureKind.NUMBER and b.kind is MeasureKind.NUMBER:
        if direction == Direction.LOWER:
            return rate(a.value, b.value)
        return rate(b.value, a.value)
    if judgement == Judgement.MET:
        return Decimal("100.0")
    if judgement == Judgement.NOT_MET:
        return Decimal("0.0")
    return None


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    """Arithmetic mean of the defined values, rounded half-up to one decimal; ``None`` if none."""
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    return round_half_up(sum(vals, Decimal(0)) / Decimal(len(vals)))


def project_achievement(indicator_rates: Sequence[Decimal | None]) -> Decimal | None:
    """A project's achievement: the mean of its indicators' defined achievements.

    Rule: indicators whose achievement is ``None`` (dash, blank, unjudged
    qualitative, zero target) are left out; a project with none has ``None``.
    """
    return mean(indicator_rates)


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    total = None  # 0 + v1 + v2 … in order, as sum(…, Decimal(0)); None when nothing is given
    for v in values:
        if v is not None:
            total = (_ZERO if total is None else total) + v
    return total


_SOURCES = tuple(src.value for src in FundingSource)
_PROVINCE, _DISTRICT = FundingSource.PROVINCE.value, FundingSource.DISTRICT.value
_ZERO = Decimal(0)


@dataclass
class Column:
    """One column of the 재원구성 table (basic plan, annual budget or execution)."""

    by_source: dict[str, Decimal | None] = field(default_factory=dict)
    total: Decimal | None = None  # 계 (①+②+③ and 국비)
    local: Decimal | None = None  # 지방비 소계 (시·도비 + 시·군·구비)

    def share(self, source: str) -> Decimal | None:
        """Share of a source in this column's total (비중), one decimal."""
        return rate(self.by_source.get(source), self.total)


@dataclass
class BudgetTotals:
    """The computed 재원구성 of a card: three columns and the execution rates."""

    plan: Column
    annual: Column
    executed: Column

    @property
    def execution(self) -> Decimal | None:
        """집행률 (D/C): total executed ÷ total annual budget × 100."""
        return rate(self.executed.total, self.annual.total)

    def source_execution(self, source: str) -> Decimal | None:
        """집행률 of one funding source."""
        return rate(self.executed.by_source.get(source), self.annual.by_source.get(source))

    @property
    def local_execution(self) -> Decimal | None:
        return rate(self.executed.local, self.annual.local)

    @property
    def non_budget(self) -> bool:
        """비예산: no annual budget at all (every source blank or zero)."""
        return not self.annual.total


def budget_totals(lines: Sequence) -> BudgetTotals:
    """Totals of a card's budget lines (objects with ``source`` and three amounts).

    Rules: 계 is the sum of every source (국비 + 시·도비 + 시·군·구비 + 기타), 지방비
    소계 the sum of 시·도비 and 시·군·구비; blank amounts add nothing, and a column
    with no figure at all has ``None`` totals (printed "-"), not 0. Several lines
    of one source (two 기타 sources) add up.
    """
    cols = []
    for attr in ("plan_amount", "annual_amount", "executed_amount"):
        by_source: dict[str, Decimal | None] = dict.fromkeys(_SOURCES)
        for ln in lines:  # one pass per column (this runs for every card of a year)
            value = getattr(ln, attr)
            if value is not None and ln.source in by_source:
                current = by_source[ln.source]
                by_source[ln.source] = (_ZERO if current is None else current) + value
        total = _sum(by_source.values())
        local = _sum([by_source[_PROVINCE], by_source[_DISTRICT]])
        cols.append(Column(by_source, total, local))
    return BudgetTotals(*cols)


def basic_budget_column(rows: Sequence) -> Column:
    """The 6th-term 사업비 of one year from its ``BasicBudget`` rows (one per source).

    Same rules as ``budget_totals``: 계 = ①시·도비 + ②시·군·구비 + ③기타 (and 국비
    where a row has it), 지방비 소계 = ① + ②; no figure at all → ``None``.
    """
    by_source = {
        src.value: _sum(r.amount for r in rows if r.source == src.value) for src in FundingSource
    }
    total = _sum(by_source.values())
    local = _sum([by_source[FundingSource.PROVINCE], by_source[FundingSource.DISTRICT]])
    return Column(by_source, total, local)


def year_ended(year: int, today: _dt.date | None = None) -> bool:
    """A year is over (its results are due) once today's year is later."""
    return year < (today or _dt.date.today()).year


@dataclass
class ProjectFigures:
    """What the overview needs of one project."""

    public_private: bool
    budget: Decimal | None  # annual budget total C
    executed: Decimal | None  # executed total D
    achievement: Decimal | None
    execution: Decimal | None
    year_over: bool = False  # the year has ended (see ``execution_in_means``)

    @property
    def unexecuted(self) -> bool:
        """Budgeted, the year is over, and no executed amount was entered at all."""
        return self.year_over and bool(self.budget) and self.executed is None

    @property
    def execution_in_means(self) -> Decimal | None:
        """The project's execution rate as it counts in 평균 집행률.

        Rule: at year end a project with an annual budget and no executed amount
        entered counts as 0.0 % (nothing was spent); during the year it is left
        out (not yet known). Otherwise the project's own rate (D/C).
        """
        if self.unexecuted:
            return Decimal("0.0")
        return self.execution


@dataclass
class Overview:
    """The official overview row of a system (section 2 가./나.).

    ``avg_achievement`` and ``avg_execution`` are the means of the per-project
    rates (what the official form asks for: 평균 달성률, 평균 집행률);
    ``execution_ratio`` is total executed ÷ total budget, a different figure that
    weights each project by its budget. Both are shown, each named for what it is.
    """

    projects: int
    budget: Decimal | None
    executed: Decimal | None
    public_private: int
    non_budget: int
    avg_achievement: Decimal | None
    avg_execution: Decimal | None
    execution_ratio: Decimal | None


def overview(projects: Sequence[ProjectFigures]) -> Overview:
    """The overview row of a set of projects.

    Rules: budget and executed are sums of the projects' totals; a non-budget
    project (no annual budget) counts in ``non_budget`` and contributes nothing
    to the execution averages; averages leave out projects whose rate is ``None``,
    except that once the year is over a budgeted project with no executed amount
    counts as 0 % in 평균 집행률 (``ProjectFigures.execution_in_means``).
    """
    return Overview(
        projects=len(projects),
        budget=_sum(p.budget for p in projects),
        executed=_sum(p.executed for p in projects),
        public_private=sum(1 for p in projects if p.public_private),
        non_budget=sum(1 for p in projects if not p.budget),
        avg_achievement=mean(p.achievement for p in projects),
        avg_execution=mean(p.execution_in_means for p in projects),
        execution_ratio=rate(_sum(p.executed for p in projects), _sum(p.budget for p in projects)),
    )


@dataclass
class BudgetListRow:
    """One row of 첨부 2 as printed: 계 and 지방비 소계 with the sums of their parts."""

    total: Decimal | None  # printed 계: as entered, else the sum of the parts
    local: Decimal | None  # printed 지방비 소계: as entered, else 시·도 + 시·군·구
    parts_total: Decimal | None  # 국비 + 시·도 + 시·군·구 + 기타
    parts_local: Decimal | None  # 시·도 + 시·군·구

    @property
    def total_differs(self) -> bool:
        return self.total is not None and (self.parts_total or 0) != self.total

    @property
    def local_differs(self) -> bool:
        return self.local is not None and (self.parts_local or 0) != self.local


def budget_list_row(item) -> BudgetListRow:
    """The 계/지방비 소계 of a 첨부 2 row (``BudgetListItem``).

    Rule: the budget book rounds every figure on its own, so its 계 need not be
    the sum of its rounded parts (290 = 213 + 50 + 26 + 0 + 1). A 계 or 소계 that
    was entered is printed as entered; one left blank is the sum of the parts.
    A row whose entered figure differs from its parts is reported by ``check``.
    """
    parts_total = _sum([item.national, item.province, item.district, item.other])
    parts_local = _sum([item.province, item.district])
    total = item.total if item.total is not None else parts_total
    local = item.local_subtotal if item.local_subtotal is not None else parts_local
    return BudgetListRow(total, local, parts_total, parts_local)


def budget_list_totals(items: Sequence) -> list[Decimal | None]:
    """The 합계 row of 첨부 2: [계, 국비, 지방비 소계, 시·도, 시·군·구, 기타].

    Rule: each column is the sum of the printed figures of that column (so the
    grand 계 is the sum of the entered 계, 399,238 in the demo, not of the parts).
    """
    rows = [(budget_list_row(it), it) for it in items]
    return [
        _sum(r.total for r, _ in rows),
        _sum(it.national for _, it in rows),
        _sum(r.local for r, _ in rows),
        _sum(it.province for _, it in rows),
        _sum(it.district for _, it in rows),
        _sum(it.other for _, it in rows),
    ]


REFLECTION_KINDS = ("반영", "일부 반영", "미반영")


def reflection_counts(entries: Iterable) -> dict[str, int]:
    """How many monitoring/self-evaluation entries were 반영, 일부 반영, 미반영.

    Rule: counted from the entries' ``reflected`` judgements (one per entry);
    an entry not judged counts nowhere. The report prints these counts only,
    never a typed summary of them.
    """
    counts = dict.fromkeys(REFLECTION_KINDS, 0)
    for e in entries:
        if e.reflected in counts:
            counts[e.reflected] += 1
    return counts


def attendance(members: Sequence, enrolled: int | None, present: int | None) -> tuple:
    """(재적, 출석, quorum met) of a council meeting.

    Rules: 재적 and 출석 as entered; a figure left blank is counted from the
    members (재적 = every member listed; 출석 = members marked present, only when
    at least one member's attendance is recorded). The quorum (의사정족수) is a
    majority of the enrolled members present: ``출석 × 2 > 재적``; ``None`` when
    either figure is unknown.
    """
    if enrolled is None and members:
        enrolled = len(members)
    recorded = [getattr(mb, "present", None) for mb in members]
    if present is None and any(r is not None for r in recorded):
        present = sum(1 for r in recorded if r)
    met = None if enrolled is None or present is None else present * 2 > enrolled
    return enrolled, present, met


def basic_plan_totals(
    amounts: Sequence[tuple[Decimal | None, bool]],
) -> tuple[Decimal | None, Decimal | None]:
    """Totals of one year's basic-plan budgets: ``(with duplicates, without)``.

    ``amounts`` holds ``(amount, is_duplicate)`` per project; a project printed
    twice (linked to its original) counts once in the second total. Blank and
    "-" budgets add nothing; ``None`` when no project has an amount.
    """
    return _sum(a for a, _ in amounts), _sum(a for a, dup in amounts if not dup)

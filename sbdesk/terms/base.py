"""The shape of a term's rules (``TermRules``) and its parts; the values live in term5/term6."""

from __future__ import annotations

from dataclasses import dataclass, field

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"


def circled(n: int) -> str:
    """1 → "①" (the official way to print a code number)."""
    return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else f"({n})"


@dataclass(frozen=True)
class CodeField:
    """A single-choice classification field of a project (사업대상 ①–④ …)."""

    key: str  # Project column
    label: str  # 사업대상
    short: str  # column head in narrow tables
    choices: tuple[str, ...]  # choices[0] is code 1

    def label_of(self, code: int | None) -> str:
        if code is None or not 1 <= code <= len(self.choices):
            return ""
        return f"{circled(code)} {self.choices[code - 1]}"

    def legend(self) -> str:
        """ "사업대상: ① 인프라 및 기관 ② 개인 및 가구 …" (the line under a table)."""
        items = " ".join(f"{circled(i)} {c}" for i, c in enumerate(self.choices, 1))
        return f"{self.label}: {items}"


@dataclass(frozen=True)
class FixedStrategy:
    """A system-II strategy whose name the guide fixes, with its fixed 대표과업."""

    number: int
    title: str
    tasks: tuple[str, ...] = ()  # fixed 대표과업 1, 2, … (their names)


@dataclass(frozen=True)
class Limits:
    """Count rules of the structure; ``None`` = no rule."""

    strategies_i_max: int | None = None
    projects_per_strategy: tuple[int, int] | None = None  # (min, max), recommended
    priority_per_strategy: int | None = None  # exactly this many 중점추진
    strategies_ii_extra_max: int | None = None  # free strategies beside the fixed ones
    tasks_per_strategy_ii_min: int | None = None
    projects_per_task_min: int | None = None
    subsidy_cap: float | None = None  # share of projects admitted as 국고보조 exceptions
    other_plans: tuple[int, int] | None = None  # (min, max) other plans in the 연관 내용 table
    items_per_other_plan_max: int | None = None  # items listed per other plan
    analysis_pages_max: int | None = None  # A4 pages of the 수요·공급 분석 text


@dataclass(frozen=True)
class TermRules:
    """Everything that depends on the plan's term."""

    term: int
    start_year: int
    end_year: int
    baseline_year: int  # the column before the first year (기준)
    system_titles: dict[str, str]
    stored_numbers: bool  # True: 사업번호 is data, kept when a project moves
    funding_sources: tuple[str, ...]  # FundingSource values offered on a card
    new_label: str  # "5기 신규" / "6기 신규"
    code_fields: tuple[CodeField, ...] = ()
    basic_plan_link: bool = False  # 제3차 사회보장기본계획 area ①–③ + text
    basic_plan_areas: tuple[str, ...] = ()
    subsidy_kinds: tuple[str, ...] = ()  # 국고보조 exception kinds
    indicator_kinds: tuple[str, ...] = ()  # 투입/산출/결과/영향
    indicator_detail_levels: tuple[str, ...] = ()  # levels with 지표정의/근거/출처
    fixed_strategies: tuple[FixedStrategy, ...] = ()
    limits: Limits = field(default_factory=Limits)
    checks: tuple[str, ...] = ()  # names of the term-specific check rules (services/check_term6)
    budget_decimals: int | None = None  # amounts shown to this many decimals
    tf_categories: tuple[tuple[str, str], ...] = ()  # 첨부1 (group, category)

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    @property
    def table_years(self) -> list[int]:
        """Baseline plus the term's years (the 총괄 and 첨부2 columns)."""
        return [self.baseline_year, *self.years]

    def display_code(self, code: str) -> str:
        """ "I-1-1" → "Ⅰ-1-1" (the forms' Roman numerals)."""
        system, _, rest = code.partition("-")
        roman = {"I": "Ⅰ", "II": "Ⅱ"}.get(system, system)
        return f"{roman}-{rest}" if rest else roman

    def code_field(self, key: str) -> CodeField | None:
        return next((f for f in self.code_fields if f.key == key), None)

    def fixed_strategy(self, number: int) -> FixedStrategy | None:
        return next((f for f in self.fixed_strategies if f.number == number), None)

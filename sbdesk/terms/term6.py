"""The 6th term (2027–2030), from ``/work/shared/docs/sixth-term-rules.md``.

Where the rules document flags a conflict (⚠) the choice is one constant below
and is explained in ``docs/sixth-term.md``; change the constant to change the
behaviour everywhere.
"""

from __future__ import annotations

from sbdesk.models import fields
from sbdesk.terms.base import CodeField, FixedStrategy, Limits, TermRules

# ⚠1 Three fixed 대표과업 under 균형발전 전략 1 (the 시·군·구 forms), not two (the text).
STRATEGY1_FIXED_TASKS = ("전달체계 조직과 운영", "사각지대 발굴", "부정수급 방지 대책")

# ⚠2 System II label: the 시·군·구 forms' wording ("발전 전략체계"; the strategy word
# is in documents/wording.py STRATEGY_WORDS, where every strategy spelling lives).
SYSTEM_II_TITLE = "지역사회보장 발전 전략체계"

# ⚠3 Fixed strategy names as the 시·군·구 forms print them.
FIXED_STRATEGIES = (
    FixedStrategy(1, "사회보장급여 이용·제공 및 수급권자 발굴", STRATEGY1_FIXED_TASKS),
    FixedStrategy(2, "담당인력 역량강화"),
    FixedStrategy(3, "지역사회 거버넌스 구축"),
    FixedStrategy(4, "지역사회보장 인프라 확충"),
)

# ⚠4 The 30 % cap counts projects (not budget).
SUBSIDY_CAP = 0.30
SUBSIDY_CAP_BASIS = "count"

# ⚠5 Strategy and 대표과업 rows of the 총괄 table carry no budget (left blank).
LEVEL_ROWS_BUDGET = False

#: The six classification fields; labels and legends live in the field registry
#: (``models/fields.py``), declared once.
CODE_KEYS = ("cls_target", "cls_form", "cls_life", "cls_household", "cls_domain", "cls_selection")
CODE_FIELDS = tuple(
    CodeField(
        key,
        fields.title("Project", key),
        fields.label("Project", key),
        tuple(text.split(" ", 1)[1] for text, value in fields.choices("Project", key) if value),
    )
    for key in CODE_KEYS
)

#: Names of the 제3차 사회보장기본계획 strategies ①–③ (not in the guide files: the
#: 2023 draft's wording; check against the final plan).
BASIC_PLAN_AREAS = ("약자부터 두터운 복지", "전 생애 사회서비스 고도화", "사회보장체계 혁신")

#: YearText key (first year of the term) of 제1절 다. 1) 복지 수요 공급 및 자원 분석 (rule 10).
DEMAND_ANALYSIS = "demand_analysis"

#: 첨부1 TFT composition columns: (group, category) in the form's order.
TF_CATEGORIES = (
    ("공무원", "담당자"),
    ("공무원", "유관부서 담당자"),
    ("시·군·구 지역사회보장협의체", "위원"),
    ("시·군·구 지역사회보장협의체", "전담인력"),
    ("민관협력", "민간기관/시설"),
    ("민관협력", "기타"),
)

TERM6 = TermRules(
    term=6,
    start_year=2027,
    end_year=2030,
    baseline_year=2026,
    system_titles={"I": "지역사회보장사업 전략체계", "II": SYSTEM_II_TITLE},
    stored_numbers=True,
    funding_sources=("province", "district", "other"),
    new_label="6기 신규",
    code_fields=CODE_FIELDS,
    basic_plan_link=True,
    basic_plan_areas=BASIC_PLAN_AREAS,
    subsidy_kinds=("공모", "지역선택"),
    indicator_kinds=("투입", "산출", "결과", "영향"),
    indicator_detail_levels=("strategy", "task", "project"),
    fixed_strategies=FIXED_STRATEGIES,
    limits=Limits(
        strategies_i_max=5,
        projects_per_strategy=(5, 8),
        priority_per_strategy=2,
        strategies_ii_extra_max=1,
        tasks_per_strategy_ii_min=2,
        projects_per_task_min=2,
        subsidy_cap=SUBSIDY_CAP,
        other_plans=(3, 5),
        items_per_other_plan_max=8,
        analysis_pages_max=15,
    ),
    checks=(
        "counts",
        "fixed_names",
        "numbers",
        "duplicates",
        "codes",
        "basic_plan_areas",
        "budgets",
        "indicators",
        "subsidy_cap",
        "plan_links",
        "page_limit",
    ),
    budget_decimals=1,
    tf_categories=TF_CATEGORIES,
)

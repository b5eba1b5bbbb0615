"""The field registry: every user-facing field's Korean title, choices, unit and kind, once.

Each field a user sees — on the card form, in a department workbook, in a
printed card, in a check message or an error — is declared here exactly once,
beside the tables (the way Picard declares each option once in
``options.py``). Everything else reads it:

- ``title``: the field's name as the official form prints it ("집행 실적(B)");
  used by documents, workbooks, error messages and the validation panel.
- ``short``: a shorter label for the app's own form and grid columns, where
  the section heading already says the rest ("선정 기준" under 지원 대상).
  Empty means "same as title". ``label()`` returns it.
- ``kind``: what kind of value it holds — ``text`` (free text), ``name`` (text
  that may not be blank), ``flag`` (O/X), ``money`` (백만원 Decimal as typed),
  ``measure`` (a target or actual kept as typed), ``date`` (stored ISO
  "2024-02-28", typed "2024. 2. 28."), ``int``, ``new`` (신규/계속/
  미기재), or one of the fixed choice sets ``source``, ``direction``,
  ``judgement``, ``reflected``, ``status``. The department workbook stores this
  kind in its stamp, so these names never change.
- ``choices``: for fixed sets, ``(label, stored value)`` pairs in display order.
- ``unit``: the unit a number is in ("백만원", "억원", "%"), or "".

Enumeration labels (funding-source names, 상향/하향, system titles) are
declared here too, so no other module spells them.

Term-specific labels
--------------------
A term (기) may print a field under another title (the 6th term renames some
card items). Put the difference in ``TERM_OVERRIDES``::

    TERM_OVERRIDES = {6: {"Card.change_note": {"title": "사업 변경 사유"}}}

Each entry replaces attributes of the base ``Field`` for that term only; pass
``term=`` to ``field()``, ``title()``, ``label()`` or ``choices()`` to read it.
Without ``term`` (or for a term with no override) the base declaration holds.
New fields that exist only in one term are declared in ``FIELDS`` like any
other (their ``terms`` tuple says where they apply).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sbdesk.models.types import (
    ChangeType,
    Direction,
    FundingSource,
    Judgement,
    Reflected,
    ReviewMode,
    ReviewResult,
    ReviewStatus,
    System,
)

# --------------------------------------------------------------------------- enumeration labels
SYSTEM_TITLES: dict[str, str] = {
    System.SOCIAL_SECURITY: "지자체 사회보장사업 전략체계",
    System.DEVELOPMENT: "지역사회보장 발전(균형발전) 전략체계",
}

#: Funding-source names (재원), in the official order.
FUNDING_LABELS: dict[str, str] = {
    FundingSource.NATIONAL: "국비",
    FundingSource.PROVINCE: "시·도비",
    FundingSource.DISTRICT: "시·군·구비",
    FundingSource.OTHER: "기타",
}

#: Indicator directions: 상향 (higher is better) / 하향 (lower is better).
DIRECTION_LABELS: dict[str, str] = {
    Direction.HIGHER: "상향",
    Direction.LOWER: "하향",
}

#: Other words people write for a funding source or a direction (besides the
#: labels above and the stored values), accepted when a returned workbook is read.
SOURCE_SYNONYMS: dict[str, str] = {
    "국고": FundingSource.NATIONAL,
    "시비": FundingSource.PROVINCE,
    "도비": FundingSource.PROVINCE,
    "시·도": FundingSource.PROVINCE,
    "구비": FundingSource.DISTRICT,
    "군비": FundingSource.DISTRICT,
    "시·군·구": FundingSource.DISTRICT,
}
DIRECTION_SYNONYMS: dict[str, str] = {
    "높을수록 좋음": Direction.HIGHER,
    "증가": Direction.HIGHER,
    "낮을수록 좋음": Direction.LOWER,
    "감소": Direction.LOWER,
}

SOURCE_CHOICES = tuple((FUNDING_LABELS[s], s.value) for s in FundingSource)
DIRECTION_CHOICES = tuple((DIRECTION_LABELS[d], d.value) for d in Direction)
JUDGEMENT_CHOICES = tuple((j.value, j.value) for j in Judgement)
REFLECTED_CHOICES = tuple((r.value, r.value) for r in Reflected)
STATUS_CHOICES = tuple((s.value, s.value) for s in ReviewStatus)
NEW_CHOICES = (("미기재", None), ("신규", True), ("계속", False))


REVIEW_MODE_CHOICES = (("-", ""), *((x.value, x.value) for x in ReviewMode))
REVIEW_RESULT_CHOICES = (("-", ""), *((x.value, x.value) for x in ReviewResult))
PRESENT_CHOICES = (("-", None), ("출석", True), ("불참", False))
CHAIR_CHOICES = (("위원", False), ("위원장", True))
CHANGE_CHOICES = tuple((x.value, x.value) for x in ChangeType)


# --------------------------------------------------------------------------- the declaration
@dataclass(frozen=True)
class Field:
    """One user-facing field of one table."""

    model: str
    name: str
    title: str
    kind: str = "text"
    short: str = ""
    choices: tuple[tuple[str, Any], ...] = ()
    unit: str = ""
    hint: str = ""
    terms: tuple[int, ...] = ()  # empty: every term

    @property
    def key(self) -> str:
        return f"{self.model}.{self.name}"

    @property
    def label(self) -> str:
        return self.short or self.title

    def choice_label(self, value: Any) -> str:
        """The label of a stored value of a fixed set ("" for a blank, the value if unknown)."""
        for text, v in self.choices:
            if v == value:
                return text
        return "" if value is None else str(value)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"


def _codes(*labels: str) -> tuple[tuple[str, int | None], ...]:
    """A code legend as choices: ("선택 안 함", None), ("① 인프라 및 기관", 1), …"""
    return (("선택 안 함", None),) + tuple(
        (f"{_CIRCLED[i]} {text}", i + 1) for i, text in enumerate(labels)
    )


def _f(key: str, title: str, kind: str = "text", **kw: Any) -> Field:
    model, name = key.split(".")
    return Field(model, name, title, kind, **kw)


#: Fields of the plan and year pages (plan, 심의, TF, 입법, 변경, 활동, 첨부 3, basic plan).
PLAN_PAGE_FIELDS: tuple[Field, ...] = (
    _f("Municipality.province", "시·도", "name", hint="예: 서울특별시"),
    _f("Municipality.name", "시·군·구", "name", hint="예: 성동구"),
    _f("Municipality.head_title", "단체장 직함", hint="예: 성동구청장"),
    _f("Municipality.head_name", "단체장 이름"),
    _f("Municipality.submitted_to", "제출처 (시·도지사)", hint="예: 서울특별시장"),
    _f("Municipality.council_name", "협의체 이름", hint="예: 성동구 지역사회보장협의체"),
    _f("Municipality.population", "총 인구수", "int", unit="명"),
    _f("Municipality.welfare_recipients", "복지대상자 총수", "int", unit="명"),
    _f("Municipality.dong_count", "읍·면·동 수", "int", unit="개"),
    _f("Plan.term", "기수", "int"),
    _f("Plan.start_year", "시작 연도", "int"),
    _f("Plan.end_year", "끝 연도", "int"),
    _f("Plan.vision", "비전"),
    _f("Plan.goal", "목표"),
    _f("PlanYear.council_name", "협의체 이름 (이 해만)", hint="비우면 계획의 협의체 이름"),
    _f("PlanYear.review_title", "회의명", hint="예: 2024년 제1차 성동구 지역사회보장협의체 회의"),
    _f("PlanYear.review_round", "차수", hint="예: 제1차"),
    _f("PlanYear.review_mode", "심의 방식", "choice", choices=REVIEW_MODE_CHOICES),
    _f("PlanYear.reviewed_on", "심의 일자", "date", hint="예: 2024. 2. 28."),
    _f("PlanYear.review_agenda", "안건"),
    _f("PlanYear.review_result", "심의 결과", "choice", choices=REVIEW_RESULT_CHOICES),
    _f("PlanYear.review_amendments", "수정 의결 내용"),
    _f("PlanYear.review_enrolled", "재적 위원 수", "int", unit="명"),
    _f("PlanYear.review_present", "출석 위원 수", "int", unit="명"),
    _f("PlanYear.submitted_on", "제출 일자", "date", hint="예: 2024. 2. 28."),
    _f("PlanYear.submitted_to", "제출처 (이 해만)", hint="비우면 계획의 제출처"),
    _f("PlanYear.monitoring_title", "모니터링 회의명", hint="예: 2023년 하반기 모니터링 회의"),
    _f("PlanYear.monitoring_when", "모니터링 회의 일시", hint="예: 2023. 11. 15.(수) 14:00"),
    _f("PlanYear.monitoring_place", "모니터링 회의 장소", hint="예: 구청 3층 소회의실"),
    _f("CommitteeMember.is_chair", "위원장 여부", "choice", short="구분", choices=CHAIR_CHOICES),
    _f("CommitteeMember.title", "직위", hint="공공위원장 / 민간위원장 / 위원"),
    _f("CommitteeMember.name", "이름"),
    _f("CommitteeMember.affiliation", "소속"),
    _f("CommitteeMember.present", "출석", "choice", choices=PRESENT_CHOICES),
    _f("TFMember.role", "구분"),
    _f("TFMember.name", "이름"),
    _f("TFMember.affiliation", "소속"),
    _f("TFMember.duty", "역할"),
    _f("TFMember.note", "비고"),
    _f("Legislation.kind", "구분", hint="조례 / 규칙 / 기타"),
    _f("Legislation.title", "조례·규칙명"),
    _f("Legislation.date", "제·개정일"),
    _f("Legislation.relevance", "관련 내용"),
    _f("Legislation.project_id", "관련 사업", "int"),
    _f("ChangeEntry.project_id", "사업", "int"),
    _f("ChangeEntry.project_name", "사업명 (폐지 사업)"),
    _f("ChangeEntry.change_type", "변경 유형", "choice", choices=CHANGE_CHOICES),
    _f("ChangeEntry.before", "변경 전"),
    _f("ChangeEntry.after", "변경 후"),
    _f("ChangeEntry.reason", "변경 사유 (①–⑤)"),
    _f("ChangeEntry.council_review", "협의체 심의"),
    _f("ChangeEntry.ministry_consultation", "사회보장제도 협의"),
    _f("Activity.title", "제목"),
    _f("Activity.date", "일시"),
    _f("Activity.place", "장소"),
    _f("Activity.participants", "참석자"),
    _f("Activity.content", "내용"),
    _f("Activity.project_id", "관련 사업", "int"),
    _f("Project.priority_dash", "중점 '-' 표시", "flag"),
    _f("Project.duplicate_of", "원래 사업 (중복)", "int"),
    _f("BasicIndicator.name", "기본계획 성과지표명"),
    _f("BasicIndicator.unit", "단위"),
    _f("BasicIndicator.targets", "연도별 목표", "measure"),
)

FIELDS: tuple[Field, ...] = (
    # the plan tree
    _f("Strategy.title", "전략명", "name"),
    _f("Task.title", "대표과업명", "name"),
    _f("Project.name", "세부사업(과업)명", "name", short="사업명"),
    _f("Project.number", "사업번호", "int"),
    _f("Project.task_id", "대표과업", "int"),
    _f("Project.priority", "중점추진 사업여부", "flag", short="중점추진"),
    _f("Project.duplicate", "세부사업 중복여부", "flag", short="세부사업 중복"),
    _f("Project.public_private", "민관협력 사업여부", "flag", short="민관협력"),
    _f("Project.new_in_term", "신규 여부", "new", choices=NEW_CHOICES),
    # 6th term (sbdesk/terms/term6.py, docs/sixth-term.md): the six classification codes
    # (one code each, legends verbatim from the guide), the 제3차 기본계획 link, 국고보조 예외
    _f("Project.code", "사업번호", terms=(6,)),
    _f(
        "Project.cls_target",
        "사업(과업)대상",
        "code",
        short="대상",
        terms=(6,),
        choices=_codes("인프라 및 기관", "개인 및 가구", "행사", "기타"),
    ),
    _f(
        "Project.cls_form",
        "사업(과업)형태",
        "code",
        short="형태",
        terms=(6,),
        choices=_codes(
            "현금(수당, 지역화폐 포함)", "현물", "서비스", "이용권(바우처)", "기타", "해당없음"
        ),
    ),
    _f(
        "Project.cls_life",
        "생애주기",
        "code",
        terms=(6,),
        choices=_codes(
            "구분없음(전생애)", "영유아", "아동", "청소년", "청년", "중장년", "노년", "해당없음"
        ),
    ),
    _f(
        "Project.cls_household",
        "가구유형",
        "code",
        terms=(6,),
        choices=_codes(
            "신혼부부가구",
            "1인가구",
            "노인가구",
            "가정위탁가구",
            "장애인가구",
            "한부모가구",
            "조손가구",
            "소년소녀가구",
            "다자녀가구",
            "다문화가구",
            "기타",
            "해당없음",
        ),
    ),
    _f(
        "Project.cls_domain",
        "세부사업(과업)영역",
        "code",
        short="영역",
        terms=(6,),
        choices=_codes(
            "빈곤/소득지원/자산형성",
            "돌봄(영유아, 아동)",
            "돌봄(성인, 노인, 장애인)",
            "보호안전",
            "건강(보건의료)",
            "교육",
            "일자리(고용)",
            "주거",
            "문화여가",
            "환경",
            "인프라",
            "기타",
            "해당없음",
        ),
    ),
    _f(
        "Project.cls_selection",
        "선정기준",
        "code",
        terms=(6,),
        choices=_codes("선정기준 없음", "소득 및 재산", "연령", "수급자격", "기타"),
    ),
    _f("Project.basic_plan_areas", "연계 전략 번호", short="제3차 기본계획\n연계 전략", terms=(6,)),
    _f("Project.basic_plan_link", "연계 내용", terms=(6,)),
    _f(
        "Project.subsidy_exception",
        "국고보조 예외",
        "choice",
        terms=(6,),
        choices=(("해당 없음", ""), ("공모 사업", "공모"), ("지역 선택 국고보조", "지역선택")),
    ),
    _f("BasicIndicator.definition", "지표정의", terms=(6,)),
    _f("BasicIndicator.rationale", "목표수준 산출근거", terms=(6,)),
    _f("BasicIndicator.data_source", "자료출처", terms=(6,)),
    _f(
        "BasicIndicator.kind",
        "지표 유형",
        "choice",
        terms=(6,),
        choices=(("", ""), ("투입", "투입"), ("산출", "산출"), ("결과", "결과"), ("영향", "영향")),
    ),
    _f("BasicBudget.source", "재원", "source", terms=(6,)),
    _f("BasicBudget.source_name", "재원명", terms=(6,)),
    _f("BasicBudget.mark", "'/' (기준연도 수치 없음)", terms=(6,)),
    _f("TFMember.category", "TFT 구성", terms=(6,)),
    # 타 계획과의 연관 내용 (rules §01-가-2-(2)); 수요·공급 분석 is YearText demand_analysis
    _f("OtherPlanLink.plan_name", "계획명", hint="예: 제9기 지역보건의료계획 (2027~2030)"),
    _f(
        "OtherPlanLink.level",
        "구분",
        "choice",
        choices=(("", ""), ("중앙", "중앙"), ("시·도", "시·도"), ("시·군·구", "시·군·구")),
    ),
    _f("OtherPlanLink.project_id", "제6기 사업(과업)", "int"),
    _f("OtherPlanLink.content", "연계성"),
    # the card
    _f("Card.id", "카드", "int"),  # a finding about the card as a whole
    _f("Card.department", "담당과", hint="예: 복지정책과"),
    _f("Card.team", "담당팀", hint="예: 희망나눔팀"),
    _f("Card.officer", "담당자"),
    _f("Card.phone", "연락처", hint="예: 02-450-7302"),
    _f("Card.background", "사업(과업) 배경", short="배경"),
    _f("Card.purpose", "사업(과업) 목적", short="목적"),
    _f("Card.legal_basis", "추진근거(관련규정)", short="추진근거"),
    _f("Card.change_note", "사업변경 내용 및 취지"),
    _f("Card.target_criteria", "지원 대상 선정 기준", short="선정 기준"),
    _f("Card.target_scale", "지원 대상 규모", short="대상 규모"),
    _f(
        "Card.content_type",
        "사업(과업) 유형",
        short="유형",
        hint="예: 현금 지원, 서비스 제공, 시설 운영",
    ),
    _f("Card.content_detail", "사업(과업) 세부 내용", short="세부 내용"),
    _f("Card.delivery_agencies", "수행 기관"),
    _f("Card.budget_note", "사업비 비고", short="비고"),
    _f("Card.results", "주요성과"),
    _f("Card.effects", "사업효과"),
    _f("Card.improvements", "개선방안"),
    _f("Card.review_status", "작성 상태", "status", choices=STATUS_CHOICES),
    # card rows
    _f("DeliveryStep.step", "지원 절차"),
    _f("DeliveryStep.agency", "담당 기관"),
    _f("BudgetLine.source", "재원", "source", choices=SOURCE_CHOICES),
    _f("BudgetLine.source_name", "재원명"),
    _f("BudgetLine.plan_amount", "기본계획 예산", "money", short="기본계획", unit="백만원"),
    _f("BudgetLine.annual_amount", "예산(A)", "money", unit="백만원"),
    _f("BudgetLine.executed_amount", "집행 실적(B)", "money", unit="백만원"),
    _f("Indicator.name", "성과지표 명", short="성과지표명"),
    _f("Indicator.definition", "지표정의", short="정의"),
    _f("Indicator.unit", "단위"),
    _f("Indicator.direction", "지표 방향", "direction", short="방향", choices=DIRECTION_CHOICES),
    _f("Indicator.plan_target", "기본계획 목표", "measure"),
    _f("Indicator.annual_target", "시행계획 목표(A)", "measure"),
    _f("Indicator.actual", "실적(B)", "measure"),
    _f("Indicator.judgement", "판정", "judgement", short="판정(정성)", choices=JUDGEMENT_CHOICES),
    _f("Indicator.rationale", "목표수준 산출근거"),
    _f("Indicator.data_source", "자료출처"),
    _f("Partner.agency", "참여기관"),
    _f("Partner.role", "기관별 역할", short="역할"),
    _f("Partner.cooperation", "민관협력 및 주민참여 방법"),
    _f("Evaluation.who", "주체"),
    _f("Evaluation.when", "시기"),
    _f("Evaluation.content", "내용", short="내용 (제안사항)"),
    _f("Evaluation.follow_up", "반영결과"),
    _f("Evaluation.reflected", "반영 여부", "reflected", choices=REFLECTED_CHOICES),
    # strategy / task indicators
    _f("LevelIndicator.name", "지표명"),
    _f("LevelIndicator.unit", "단위"),
    _f(
        "LevelIndicator.direction",
        "지표 방향",
        "direction",
        short="방향",
        choices=DIRECTION_CHOICES,
    ),
    _f("LevelIndicator.annual_target", "목표(A)", "measure"),
    _f("LevelIndicator.actual", "실적(B)", "measure"),
    _f(
        "LevelIndicator.judgement",
        "판정",
        "judgement",
        short="판정(정성)",
        choices=JUDGEMENT_CHOICES,
    ),
    # money held elsewhere
    _f("BasicBudget.amount", "기본계획 예산", "money", unit="백만원"),
    # 첨부 2 (the budget list): titles are its column headers
    _f("BudgetListItem.serial", "일련 번호", "int"),
    _f("BudgetListItem.name", "사업명", "name"),
    _f("BudgetListItem.total", "계", "money", unit="백만원"),
    _f("BudgetListItem.local_subtotal", "지방비 소계", "money", unit="백만원"),
    _f("BudgetListItem.national", FUNDING_LABELS[FundingSource.NATIONAL], "money", unit="백만원"),
    _f("BudgetListItem.province", "시·도", "money", unit="백만원"),
    _f("BudgetListItem.district", "시·군·구", "money", unit="백만원"),
    _f("BudgetListItem.other", FUNDING_LABELS[FundingSource.OTHER], "money", unit="백만원"),
    _f("BudgetListItem.kind", "자체/보조", "budget_kind"),
    _f("BudgetListItem.project_ids", "지역사회보장계획 사업번호", "project_codes"),
    _f("Municipality.total_budget", "총예산", "money", unit="억원"),
    _f("Municipality.welfare_budget", "사회복지예산", "money", unit="억원"),
    _f("Municipality.fiscal_autonomy", "재정자립도", "money", unit="%"),
    # the plan and year pages (issue 9)
    *PLAN_PAGE_FIELDS,
)

#: "Model.field" → Field
BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}

#: term → {"Model.field": {attribute: value}}; see the module docstring.
TERM_OVERRIDES: dict[int, dict[str, dict[str, Any]]] = {
    6: {
        "Project.new_in_term": {"title": "6기 신규 사업 여부", "short": "6기 신규 여부"},
        "BasicIndicator.name": {"title": "성과지표명"},
    },
}


# --------------------------------------------------------------------------- lookup
def _key(model: Any, name: str | None) -> str:
    if name is None:
        return str(model)
    return f"{model if isinstance(model, str) else model.__name__}.{name}"


def field(model: Any, name: str | None = None, term: int | None = None) -> Field:
    """The declaration of ``model.name`` (``model`` a table class or its name), or
    of the key ``"Model.field"`` when ``name`` is omitted. Raises ``KeyError``."""
    key = _key(model, name)
    base = BY_KEY[key]
    if term is not None:
        override = TERM_OVERRIDES.get(term, {}).get(key)
        if override:
            return replace(base, **override)
    return base


def find(model: Any, name: str | None = None, term: int | None = None) -> Field | None:
    """Like ``field`` but ``None`` for an undeclared field."""
    try:
        return field(model, name, term)
    except KeyError:
        return None


def title(model: Any, name: str | None = None, term: int | None = None) -> str:
    """The official title; for an undeclared field, its bare name."""
    f = find(model, name, term)
    return f.title if f else _key(model, name).split(".")[-1]


def label(model: Any, name: str | None = None, term: int | None = None) -> str:
    """The short label for the app's forms and grids (the title when none)."""
    f = find(model, name, term)
    return f.label if f else _key(model, name).split(".")[-1]


def choices(model: Any, name: str | None = None, term: int | None = None) -> list[tuple[str, Any]]:
    """``(label, value)`` pairs of a fixed set."""
    return list(field(model, name, term).choices)


def values(model: Any, name: str | None = None, term: int | None = None) -> list[Any]:
    """The stored values of a fixed set, in display order."""
    return [v for _t, v in field(model, name, term).choices]

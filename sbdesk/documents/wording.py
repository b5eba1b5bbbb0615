"""The shared wording of every document, defined once.

Indicator label with unit, strategy / task / system titles, project labels,
the change types of a project, which monitoring and self-evaluation entries are
"follow-ups" (표 4-3), typed cells for money and rates, the "해당 사항 없음"
text and the rules explained under the tables. PDF, HWPX and Excel renderers
and every table description take their words from here.
"""

from __future__ import annotations

import re
from decimal import Decimal

from sbdesk.documents.model import COUNT, MONEY, RATE, Cell
from sbdesk.services.numbers import format_money, format_rate, money_places
from sbdesk.services.report_parts import NONE_TEXT, TO_WRITE  # noqa: E402,F401 - one rule

FLAG_ON, FLAG_OFF = "○", "×"

ACHIEVEMENT_RULE = (
    "달성률 = 실적(B) ÷ 목표(A) × 100 (하향 지표는 A ÷ B). 정성 목표(예: 만족 이상)는 판정이 "
    "달성이면 100%, 미달성이면 0%. 목표나 실적이 '-'이거나 비어 있으면 계산하지 않습니다('-'). "
    "소수 첫째 자리에서 반올림."
)
EXECUTION_RULE = (
    "집행률 = 집행실적(D) ÷ 예산(C) × 100, 소수 첫째 자리에서 반올림. 예산이 없거나 0이면 '-'."
)
OVERVIEW_RULE = (
    "평균 달성률·평균 집행률 = 사업별 비율의 산술평균('-'인 사업은 빼고). "
    "총액 집행률 = 집행액 합계 ÷ 예산 합계 × 100 (예산이 큰 사업에 가중)."
)
OVERVIEW_NOTE = (
    "※ 목표달성률(평균)과 예산집행률(평균)은 사업별 달성률·집행률의 평균입니다 "
    "(비예산 사업 제외). 참고: 총액 대비 집행률(집행액 합계 ÷ 예산 합계) {ratio}."
)


BUDGET_LIST_RULE = (
    "계와 지방비 소계는 예산서에 적힌 그대로입니다(재원마다 반올림되어 합과 1 정도 다를 수 "
    "있습니다). 입력하지 않은 행은 재원의 합입니다."
)


#: The section labels of the project card (첨부 1), shared by the printed card, the
#: 6th-term card, the department workbook's card sheet and the app's card sections.
CARD_SECTIONS = {
    "name": "사업(과업)명",
    "owner": "사업(과업) 소관",
    "classes": "사업(과업) 분류",
    "target": "지원 대상",
    "delivery": "전달 체계",
    "procedure": "지원 절차",
    "budget": "사업비\n(단위: 백만원)",
    "funding": "재원구성(비중)",
}


def funding_marks(national: bool) -> dict[str, str]:
    """The circled number of each funding row of a card's 재원구성: ①국비 ②시·도
    ③시·군·구 ④기타 where 국비 is printed, else ①시·도 ②시·군·구 ③기타."""
    keys = ("national", "province", "district", "other")
    return dict(zip(keys[0 if national else 1 :], "①②③④", strict=False))


def funding_sum_labels(national: bool) -> tuple[str, str]:
    """ "계(①+②+③)" and "지방비 소계(①+②)" (with 국비: "계(①+②+③+④)",
    "지방비 소계(②+③)"), the two sums of a card's 재원구성."""
    n = funding_marks(national)
    return f"계({'+'.join(n.values())})", f"지방비 소계({n['province']}+{n['district']})"


def as_of_year_end(year: int) -> str:
    """ "23. 12. 31. 기준": the date the 첨부 tables stand at."""
    return f"{year % 100:02d}. 12. 31. 기준"


# ---------------------------------------------------------------------------- labels
def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def indicator_label(row) -> str:
    """An indicator's name with its unit: "연 이용인원 (명)".

    The unit is not added when the name already states it, as "(명)",
    "(단위: 명)" or "(단위 명)" (spaces ignored)."""
    name = (getattr(row, "name", "") or "").strip()
    unit = (getattr(row, "unit", "") or "").strip()
    if not unit:
        return name
    n, u = _squash(name), _squash(unit)
    if f"({u})" in n or f"단위:{u}" in n or f"단위{u}" in n:
        return name
    return f"{name} ({unit})"


def system_title(sys_v) -> str:
    """ "I. 지자체 사회보장사업"."""
    return f"{sys_v.system}. {sys_v.title}"


#: The strategy words per term (5th: the results report's spelling; 6th: the 시·군·구
#: forms of the 6th-term guide, docs/sixth-term.md ⚠2).
STRATEGY_WORDS = {
    5: {"I": "사회보장전략", "II": "지역발전 전략"},
    6: {"I": "사회보장 전략", "II": "지역발전 전략"},
}


def strategy_word(system: str, term: int = 5) -> str:
    """ "사회보장전략" (system I) / "지역발전 전략" (system II); the 6th term spells
    system I "사회보장 전략"."""
    words = STRATEGY_WORDS.get(term, STRATEGY_WORDS[5])
    return words["I"] if system == "I" else words["II"]


def strategy_title(sv, term: int | None = None) -> str:
    """ "사회보장전략 1. …" (system I) / "지역발전 전략 1. …" (system II)."""
    st = sv.strategy
    return f"{strategy_word(st.system, term or 5)} {st.number}. {st.title}"


def task_title(tv) -> str:
    """ "대표과업 1. …"."""
    return f"대표과업 {tv.task.number}. {tv.task.title}"


def project_label(pv, short: bool = False) -> str:
    """A project's name, marked when it is a priority project:
    "(중점추진) …" (section 1) or "(중점) …" (section 2, ``short``)."""
    if pv.project.priority:
        return f"({'중점' if short else '중점추진'}) {pv.name}"
    return pv.name


def card_title(pv) -> str:
    """ "I-1-1. 사업명" (첨부 1)."""
    return f"{pv.code}. {pv.name}"


def project_ref(pv) -> str:
    """ "I-1-1 (사업명)" — a project named in a table cell."""
    return f"{pv.code} ({pv.name})"


def flag(value: bool | None) -> str:
    """○ / × as the official tables print flags ("" when not stated)."""
    if value is None:
        return ""
    return FLAG_ON if value else FLAG_OFF


def change_kinds(ch) -> list[str]:
    """What a change changed, as the report's 사업 변경 이력 names it.

    A 변경 is 예산변경 (its before/after or reason speaks of the budget, 사유 ②),
    지표변경 (성과지표), both, or else 사업내용 변경; 신설 / 폐지 / 제외 stay as
    they are.
    """
    kind = (ch.change_type or "").strip()
    if kind and kind != "변경":
        return [kind]
    said = f"{ch.before} {ch.after}"
    out = []
    if "예산" in said or (ch.reason or "").strip().startswith("②"):
        out.append("예산변경")
    if "지표" in said:
        out.append("지표변경")
    return out or ["사업내용 변경"]


def changes_of(view, pv) -> str:
    """The 사업 변경 이력 of a project this year ("예산변경, 지표변경") or "-"."""
    kinds = [k for c in view.changes if c.project_id == pv.id for k in change_kinds(c)]
    return ", ".join(dict.fromkeys(kinds)) if kinds else "-"


def evaluation_word(kind: str) -> str:
    return "모니터링" if kind == "monitoring" else "자체평가"


def followup_entries(pv, kind: str) -> list:
    """The entries of a card that are follow-ups (표 4-3 모니터링/자체평가 후속 조치).

    Entries with content or a follow-up, except the card's own "who/when"
    entry (it names who evaluated and when, and is printed on the card) unless
    it carries a 반영 여부. The Gwangjin 2023 report prints 27 monitoring and
    64 self-evaluation follow-ups this way."""
    evs = pv.monitoring if kind == "monitoring" else pv.self_evaluation
    return [e for e in evs if (e.content or e.follow_up) and (e.reflected or not (e.who or e.when))]


def system_summary(view) -> str:
    """ "8대 추진전략, 44개 세부사업(12개 중점추진사업)"."""
    n_str = sum(len(x.strategies) for x in view.systems)
    every = view.all_projects()
    n_pri = sum(1 for p in every if p.project.priority)
    return f"{n_str}대 추진전략, {len(every)}개 세부사업({n_pri}개 중점추진사업)"


def system_detail(sys_v) -> str:
    ps = sys_v.all_projects()
    if sys_v.system == "I":
        n_pri = sum(1 for p in ps if p.project.priority)
        return f"{len(sys_v.strategies)}대 추진전략, {n_pri}개 중점사업, {len(ps)}개 세부사업"
    n_tasks = sum(len(sv.tasks) for sv in sys_v.strategies)
    return f"{len(sys_v.strategies)}대 추진전략, {n_tasks}개 대표과업, {len(ps)}개 세부과업"


# ---------------------------------------------------------------------------- typed cells
def money(value: Decimal | None, blank: str = "-", places: int | None = None, **kw) -> Cell:
    """An amount in 백만원; ``places``: the decimals of its table (``money_places``)."""
    return Cell(format_money(value, blank, places), MONEY, value, **kw)


def table_places(projects) -> int:
    """Decimals of the budget/executed amounts of a table of projects (one style per table)."""
    return money_places(
        v for pv in projects for v in (pv.budget.annual.total, pv.budget.executed.total)
    )


def rate(value: Decimal | None, blank: str = "-", **kw) -> Cell:
    return Cell(format_rate(value, blank), RATE, value, **kw)


def count(value: int | None, **kw) -> Cell:
    return Cell("-" if value is None else f"{value:,}", COUNT, value, **kw)


# ---------------------------------------------------------------------------- free text
def year_data(view, key: str):
    """The value stored under a ``YearText`` key (``{"data": …}`` unwrapped)."""
    v = view.texts.get(key)
    if isinstance(v, dict) and "data" in v:
        return v["data"]
    return v


def text_lines(view, key: str) -> list[str]:
    """The lines of the free text stored under ``key`` ([] when none)."""
    data = year_data(view, key)
    if not data:
        return []
    items = data if isinstance(data, list) else [data]
    out: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("text") or item.get("printed") or ""
        out += [ln.strip() for ln in str(item).split("\n") if ln.strip()]
    return out

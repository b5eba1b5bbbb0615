"""The parts of the results report a secretary writes, and the "(작성 필요)" rule.

Every renderer (PDF, Excel, HWPX, the renderer-free document layer) and
``check`` use this one module to decide what an empty part prints:

- a part with content prints its content;
- a part the user marked 해당 없음 prints "해당 사항 없음" (``NONE_TEXT``);
- any other empty part prints "(작성 필요)" (``TO_WRITE``) in a visible style,
  and ``check`` lists it with the page to open.

Narrative parts are stored in ``YearText`` under their key, value
``{"data": str | [str, …], "tables": [{"title", "columns", "rows"}],
"not_applicable": bool}`` (older files hold only ``data``). Parts made of
records (TF members, legislation, activities …) keep only their 해당 없음 mark
in ``YearText`` under the part's key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TO_WRITE = "(작성 필요)"
NONE_TEXT = "해당 사항 없음"

#: The colour of "(작성 필요)" in every document (visible, prints grey on mono printers).
TO_WRITE_COLOR = "#C00000"


@dataclass(frozen=True)
class TableSpec:
    """A table a narrative part prints (the seed's 1인가구 현황, 인적안전망 tables)."""

    title: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class ReportPart:
    """One part of the results report that may be empty.

    ``source`` says where its content lives: ``"text"`` (a narrative ``YearText``),
    ``"text:<key>"`` (structured ``YearText`` written by imports), a model name
    (``"TFMember"``, ``"Legislation"``, ``"ChangeEntry"``, ``"BudgetListItem"``)
    or ``"Activity:<kind>"``.
    """

    key: str
    number: str  # as the report numbers it: "1-3", "2-가-2"
    title: str
    source: str = "text"
    page: str = "narrative"  # the app page that edits it (for check's jump)
    tables: tuple[TableSpec, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}"


PARTS: tuple[ReportPart, ...] = (
    ReportPart("changes", "1-2", "연차별 시행계획 변경 내용", "ChangeEntry", "changes"),
    ReportPart(
        "environment_changes",
        "1-3",
        "계획 수립 후 환경 변화",
        tables=(TableSpec("1인가구 현황", ("구분", "가구 수", "비율", "비고")),),
    ),
    ReportPart("consulting_reflection_items", "1-4", "컨설팅 및 기타 반영 사항"),
    ReportPart(
        "plan_linkage",
        "1-5",
        "상위계획과의 연계성",
        tables=(TableSpec("상위계획 연계", ("상위계획", "주요 내용", "연계 사업")),),
    ),
    ReportPart("tf_members", "1-6-1", "시행계획 수립 TF 구성", "TFMember", "tf"),
    ReportPart("tf_meetings", "1-6-2", "시행계획 수립 TF 운영 결과", "Activity:tf_meeting", "tf"),
    ReportPart("representative_results", "2-가-2", "지자체 사회보장사업 대표성과"),
    ReportPart("excellent_projects", "2-가-2-2", "우수사업 선정 기준·과정·근거 및 향후 추진"),
    ReportPart(
        "representative_results_II",
        "2-나-2",
        "지역사회보장 발전 과업 대표성과",
        tables=(
            TableSpec("인적안전망 현황", ("구분", "인원", "활동 내용")),
            TableSpec("인적안전망 활동 실적", ("구분", "실적", "비고")),
        ),
    ),
    ReportPart(
        "participation", "3-1", "지역주민 참여도 제고 노력", "Activity:participation", "residents"
    ),
    ReportPart(
        "satisfaction", "3-2", "지역주민 만족도 제고 노력", "Activity:satisfaction", "residents"
    ),
    ReportPart("legislation", "4-1", "입법 실적", "Legislation", "legislation"),
    ReportPart(
        "financial_admin_support",
        "4-2",
        "재정·행정 지원 실적",
        tables=(TableSpec("재정·행정 지원 현황", ("구분", "내용", "금액(백만원)")),),
    ),
    ReportPart("plan_vs_actual", "4-3", "계획 대비 실적 총괄평가"),
    ReportPart(
        "statistics",
        "5-1",
        "지역사회보장지표 이용 및 통계 관리",
        "Activity:statistics",
        "consulting",
    ),
    ReportPart("consulting", "5-2", "시·도 컨설팅 참여 실적", "Activity:consulting", "consulting"),
    ReportPart("training", "5-3", "교육 참여 실적", "Activity:training", "consulting"),
    ReportPart("budget_list", "첨부 2", "사회보장분야 사업 목록", "BudgetListItem", "budget_list"),
)

PART_BY_KEY = {p.key: p for p in PARTS}

#: The narrative parts (free text + tables), in report order.
NARRATIVE_PARTS = tuple(p for p in PARTS if p.source == "text")


def _value(texts: dict[str, Any], key: str) -> dict:
    v = texts.get(key)
    return v if isinstance(v, dict) else {}


def not_applicable(texts: dict[str, Any], key: str) -> bool:
    """Whether the user marked part ``key`` 해당 없음 (``texts``: YearView.texts)."""
    return bool(_value(texts, key).get("not_applicable"))


def _has(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple):
        return any(_has(x) for x in value)
    if isinstance(value, dict):
        return any(_has(v) for v in value.values())
    return True


def narrative_filled(texts: dict[str, Any], key: str) -> bool:
    """Whether a narrative part holds any text or table row."""
    v = _value(texts, key)
    if _has(v.get("data")):
        return True
    return any(_has(t.get("rows")) for t in v.get("tables") or [] if isinstance(t, dict))


def part_filled(view, part: ReportPart) -> bool:
    """Whether the year (a ``YearView``) holds content for ``part``."""
    texts = view.texts
    if part.key == "plan_vs_actual":
        return any(
            _has(_value(texts, k).get("data"))
            for k in ("monitoring_plan_vs_actual", "self_evaluation_plan_vs_actual")
        )
    if part.key == "consulting":
        status = _value(texts, "consulting").get("data")
        return bool(view.activities.get("consulting")) or _has(status)
    if part.key == "consulting_reflection_items":
        cr = _value(texts, "consulting_reflection").get("data")
        return narrative_filled(texts, part.key) or _has(cr)
    if part.source == "text":
        return narrative_filled(texts, part.key)
    if part.source.startswith("Activity:"):
        return bool(view.activities.get(part.source.split(":", 1)[1]))
    rows = {
        "ChangeEntry": view.changes,
        "TFMember": view.tf_members,
        "Legislation": view.legislation,
        "BudgetListItem": view.budget_list,
    }[part.source]
    return bool(rows)


def empty_text(texts: dict[str, Any], key: str | None) -> str:
    """What an empty part prints: "해당 사항 없음" only where marked, else "(작성 필요)"."""
    if key is not None and not_applicable(texts, key):
        return NONE_TEXT
    return TO_WRITE


def empty_parts(view) -> list[ReportPart]:
    """The parts of the year that are empty and not marked 해당 없음."""
    return [p for p in PARTS if not part_filled(view, p) and not not_applicable(view.texts, p.key)]

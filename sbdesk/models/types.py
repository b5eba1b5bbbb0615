"""Column types and enumerations shared by the plan model.

Importing this module costs no SQLAlchemy: ``DecimalText`` (a SQLAlchemy column
type) lives in ``decimal_text.py`` and is handed out from here on first use,
so the enumerations reach the Qt-free core and the CLI without the ORM.
"""

from __future__ import annotations

import uuid
from enum import StrEnum


def __getattr__(name: str):
    if name == "DecimalText":  # imported by the tables only (it needs SQLAlchemy)
        from sbdesk.models.decimal_text import DecimalText

        return DecimalText
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def new_uid() -> str:
    """A row identity that is never reused (unlike SQLite's integer ids, see migration 2)."""
    return uuid.uuid4().hex


class System(StrEnum):
    """The two strategy systems of a plan."""

    SOCIAL_SECURITY = "I"  # 지자체 사회보장사업 전략체계
    DEVELOPMENT = "II"  # 지역사회보장 발전(균형발전) 전략체계


class FundingSource(StrEnum):
    NATIONAL = "national"  # 국비
    PROVINCE = "province"  # 시·도비
    DISTRICT = "district"  # 시·군·구비
    OTHER = "other"  # 기타 (named: 후원금, 재단 …)


class Direction(StrEnum):
    HIGHER = "higher"  # 상향 지표 (higher is better)
    LOWER = "lower"  # 하향 지표 (lower is better)


class Judgement(StrEnum):
    """Judgement of a qualitative indicator (목표 "만족 이상", 실적 "매우 만족")."""

    MET = "달성"
    NOT_MET = "미달성"


class Reflected(StrEnum):
    YES = "반영"
    PARTLY = "일부 반영"
    NO = "미반영"


class EvaluationKind(StrEnum):
    MONITORING = "monitoring"  # 시행계획 모니터링
    SELF = "self"  # 시행계획 자체평가


class ChangeType(StrEnum):
    NEW = "신설"
    ABOLISHED = "폐지"
    EXCLUDED = "제외"
    CHANGED = "변경"


class ReviewStatus(StrEnum):
    DRAFT = "작성 중"
    SUBMITTED = "제출"
    REVIEWED = "검토 완료"


class ReviewMode(StrEnum):
    """How the council deliberated (심의 방식)."""

    IN_PERSON = "대면"
    WRITTEN = "서면"


class ReviewResult(StrEnum):
    """The council's decision on the report (심의 결과)."""

    AS_IS = "원안 의결"
    AMENDED = "수정 의결"

"""The municipality, the plan term and the years of the term."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Column, Field, SQLModel

from sbdesk.models.types import DecimalText


class Municipality(SQLModel, table=True):
    """The 시·군·구 that owns the plan, with the general figures of 첨부 3."""

    id: int | None = Field(default=None, primary_key=True)
    province: str = ""  # 시·도 (서울특별시)
    name: str = ""  # 시·군·구 (광진구)
    head_title: str = ""  # 광진구청장
    head_name: str = ""
    submitted_to: str = ""  # 서울특별시장
    population: int | None = None
    welfare_recipients: int | None = None  # 기초생활수급자 수
    dong_count: int | None = None  # 읍·면·동 수
    total_budget: Decimal | None = Field(default=None, sa_column=Column(DecimalText))  # 억원
    welfare_budget: Decimal | None = Field(default=None, sa_column=Column(DecimalText))  # 억원
    fiscal_autonomy: Decimal | None = Field(default=None, sa_column=Column(DecimalText))  # %
    council_name: str = ""  # 성동구 지역사회보장협의체 (a year may override it)


class Plan(SQLModel, table=True):
    """The community social security plan of one term (제N기, 4 years)."""

    id: int | None = Field(default=None, primary_key=True)
    term: int = 5
    start_year: int = 2023
    end_year: int = 2026
    vision: str = ""
    goal: str = ""


class PlanYear(SQLModel, table=True):
    """One year of the term: its annual plan and results report metadata."""

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True, unique=True)
    submitted_on: str = ""  # ISO date of the 제출문
    reviewed_on: str = ""  # ISO date of the council deliberation (심의)
    council_name: str = ""  # 광진구 지역사회보장협의체
    note: str = ""
    # The council's deliberation (심의) of the year's report, printed in the 심의결과서.
    review_title: str = ""  # 회의명 (2024년 제1차 광진구 지역사회보장협의체 대표협의체 회의)
    review_round: str = ""  # 차수 (제1차)
    review_mode: str = ""  # ReviewMode: 대면 / 서면
    review_agenda: str = ""  # 안건
    review_result: str = ""  # ReviewResult: 원안 의결 / 수정 의결
    review_amendments: str = ""  # 수정 의결 내용
    review_enrolled: int | None = None  # 재적 위원 수
    review_present: int | None = None  # 출석 위원 수
    submitted_to: str = ""  # 제출처 ("" = the municipality's ``submitted_to``)
    # The year's monitoring meeting, printed on the cover of the monitoring pack.
    monitoring_title: str = ""  # 회의명 (2023년 하반기 지역사회보장계획 모니터링 회의)
    monitoring_when: str = ""  # 일시, as typed (2023. 11. 15.(수) 14:00)
    monitoring_place: str = ""  # 장소

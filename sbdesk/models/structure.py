"""The plan tree: strategies, representative tasks (대표과업) and projects."""

from __future__ import annotations

from sqlmodel import JSON, Column, Field, SQLModel

from sbdesk.models.types import new_uid


class Strategy(SQLModel, table=True):
    """A strategy (사회보장전략 n / 지역발전전략 n) of system I or II."""

    id: int | None = Field(default=None, primary_key=True)
    system: str = "I"  # System value
    number: int = 1
    title: str = ""


class Task(SQLModel, table=True):
    """A representative task (대표과업) under a system-II strategy."""

    id: int | None = Field(default=None, primary_key=True)
    strategy_id: int = Field(foreign_key="strategy.id", ondelete="CASCADE", index=True)
    number: int = 1
    title: str = ""


class Project(SQLModel, table=True):
    """A project (세부사업, or 세부과업 under a 대표과업).

    Its number (I-1-1, II-1-1-1) is derived from its parents' numbers and its own
    ``number`` among its siblings; every other record refers to it by ``id``, so a
    renumbering never breaks a reference.
    """

    id: int | None = Field(default=None, primary_key=True)
    uid: str | None = Field(default_factory=new_uid)  # stable identity (stamps)
    strategy_id: int = Field(foreign_key="strategy.id", ondelete="CASCADE", index=True)
    task_id: int | None = Field(default=None, foreign_key="task.id", ondelete="CASCADE")
    number: int = 1
    name: str = ""
    priority: bool = False  # 중점추진
    duplicate: bool = False  # 세부사업 중복
    public_private: bool = False  # 민관협력
    new_in_term: bool | None = None  # N기 신규 (5기 / 6기; None = not stated)
    # 6th term (see sbdesk/terms/term6.py); blank in a 5th-term plan.
    code: str = ""  # stored 사업번호 ("I-1-1"); "" = derived from the position (5th term)
    cls_target: int | None = None  # 사업대상 ①–④
    cls_form: int | None = None  # 사업형태 ①–⑥
    cls_life: int | None = None  # 생애주기 ①–⑧
    cls_household: int | None = None  # 가구유형 ①–⑫
    cls_domain: int | None = None  # 세부사업영역 ①–⑬
    cls_selection: int | None = None  # 선정기준 ①–⑤
    basic_plan_areas: list = Field(default_factory=list, sa_column=Column(JSON))  # 제3차 ①–③
    basic_plan_link: str = ""  # 연계 내용
    subsidy_exception: str = ""  # 국고보조 예외: "" / "공모" / "지역선택"
    priority_dash: bool = False  # 중점 column printed "-" (not applicable), distinct from ×
    #: the original of a project printed twice (Mapo II-2-1-2 = I-4-5): totals count it once
    duplicate_of: int | None = Field(default=None, foreign_key="project.id", ondelete="SET NULL")


class LevelIndicator(SQLModel, table=True):
    """An indicator of a strategy or a representative task for one year."""

    id: int | None = Field(default=None, primary_key=True)
    strategy_id: int | None = Field(default=None, foreign_key="strategy.id", ondelete="CASCADE")
    task_id: int | None = Field(default=None, foreign_key="task.id", ondelete="CASCADE")
    year: int = 2023
    position: int = 0
    name: str = ""
    unit: str = ""
    direction: str = "higher"
    annual_target: str = ""  # as typed: "21%", "2,800건", "-"
    actual: str = ""
    judgement: str | None = None  # Judgement for qualitative values
    definition: str = ""  # 지표정의 (산식)
    rationale: str = ""  # 목표설정 근거
    data_source: str = ""  # 자료출처
    kind: str = ""  # 투입 / 산출 / 결과 / 영향

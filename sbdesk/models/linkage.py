"""Links of a 6th-term plan to other plans (rules §01-가-2-(2), validator rule 9).

One row is one line of the table 「타 계획과 제6기 지역사회보장계획 간 연관 내용」: the
other plan (its name and 구분: 중앙 / 시·도 / 시·군·구), one item of the 6th plan (a
project, printed with its 사업번호) and the 연계성 text. Rows with the same plan name
form that plan's block; the plan lists 3–5 plans with at most 8 items each.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class OtherPlanLink(SQLModel, table=True):
    """An item of the 6th plan linked to another mid/long-term plan."""

    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    plan_name: str = ""  # 지역보건의료계획 (제9기, 2027-2030) …
    level: str = ""  # 구분: 중앙 / 시·도 / 시·군·구 ("" = not stated)
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="SET NULL")
    content: str = ""  # 연계성

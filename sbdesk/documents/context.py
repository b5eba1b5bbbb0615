"""What every document needs to know about the plan it prints: names, the
year, the term and the labels of the funding sources, all from a ``YearView``."""

from __future__ import annotations

from dataclasses import dataclass

from sbdesk.services import titles
from sbdesk.services.numbers import format_date
from sbdesk.services.read_model import ProjectView, YearView


@dataclass
class Ctx:
    view: YearView

    @property
    def year(self) -> int:
        return self.view.year

    @property
    def term(self) -> int:
        return self.view.plan.term

    @property
    def muni_name(self) -> str:
        return self.view.municipality.name or "○○구"

    @property
    def province(self) -> str:
        return self.view.municipality.province or ""

    @property
    def full_name(self) -> str:
        """ "서울특별시 광진구"."""
        return " ".join(x for x in (self.province, self.muni_name) if x)

    @property
    def term_label(self) -> str:
        """ "제5기('23~'26)"."""
        p = self.view.plan
        return f"제{p.term}기('{p.start_year % 100:02d}~'{p.end_year % 100:02d})"

    @property
    def plan_name(self) -> str:
        """ "제5기 지역사회보장계획의 2023년도 연차별 시행계획의 시행결과"."""
        return f"제{self.term}기 지역사회보장계획의 {self.year}년도 연차별 시행계획의 시행결과"

    @property
    def council(self) -> str:
        return (
            self.view.plan_year.council_name
            or self.view.municipality.council_name
            or titles.council_name(self.muni_name)
        )

    @property
    def head_title(self) -> str:
        """ "성동구청장": as stored, else derived (never "성동구장")."""
        return self.view.municipality.head_title or titles.head_title(self.muni_name)

    @property
    def submitted_to(self) -> str:
        """The 제출처 of the year ("서울특별시장"), as stored, else derived."""
        return (
            self.view.plan_year.submitted_to
            or self.view.municipality.submitted_to
            or titles.province_head_title(self.province)
        )

    @property
    def submitted_on(self) -> str:
        return format_date(self.view.plan_year.submitted_on)

    @property
    def reviewed_on(self) -> str:
        return format_date(self.view.plan_year.reviewed_on or self.view.plan_year.submitted_on)

    # -- funding source labels (card 사업비) ------------------------------------
    @property
    def province_label(self) -> str:
        """시비 for a 특별시/광역시, 도비 for a 도."""
        p = self.province
        if p.endswith("도"):
            return "도비"
        return "시비" if p else "시·도비"

    @property
    def district_label(self) -> str:
        """구비 / 군비 / 시비 by the municipality's kind."""
        n = self.muni_name
        for suffix in ("구", "군", "시"):
            if n.endswith(suffix):
                return f"{suffix}비"
        return "시·군·구비"

    @property
    def is_autonomous_district(self) -> bool:
        """A 자치구 (Seoul's 광진구): its card form has no 국비 row."""
        return self.muni_name.endswith("구")

    def shows_national(self, pv: ProjectView) -> bool:
        if not self.is_autonomous_district:
            return True
        b = pv.budget
        return any(
            col.by_source.get("national") is not None for col in (b.plan, b.annual, b.executed)
        )

"""The plan page: municipality and titles, council, term, 비전/목표, and 첨부 3 일반현황."""

from __future__ import annotations

from sbdesk import models as m
from sbdesk.ui.pages.plan.base import FormSection, PlanPage


def _form(section: FormSection, model, names: list[str], long: tuple[str, ...] = ()) -> None:
    g = section.form(1)
    for i, name in enumerate(names):
        w = section.text(model, name) if name in long else section.line(model, name)
        g.addWidget(section.field_label(model, name), i, 0)
        g.addWidget(w, i, 1)
    section.finish()


class PlanInfoPage(PlanPage):
    TITLE = "계획 정보"
    KEY = "plan"

    def build(self) -> None:
        s = self.add(FormSection("지자체와 직함", self))
        _form(
            s,
            m.Municipality,
            ["province", "name", "head_title", "head_name", "submitted_to", "council_name"],
        )
        s = self.add(FormSection("계획", self))
        _form(s, m.Plan, ["vision", "goal"], long=("vision", "goal"))
        s = self.add(FormSection("[첨부 3] 지자체 일반현황", self))
        _form(
            s,
            m.Municipality,
            [
                "population",
                "welfare_recipients",
                "dong_count",
                "total_budget",
                "welfare_budget",
                "fiscal_autonomy",
            ],
        )

    def describe(self) -> str:
        p = self.session.store.plan()
        return (
            f"제{p.term}기 지역사회보장계획 ({p.start_year}~{p.end_year}). 직함은 시·군·구와 "
            "시·도 이름에서 만들어졌고 고칠 수 있습니다. 보고서의 제출문과 표지에 그대로 인쇄됩니다."
        )

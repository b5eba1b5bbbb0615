"""The 심의 page of a year: the council meeting, its decision, and the members who sign."""

from __future__ import annotations

from sbdesk import models as m
from sbdesk.ui.pages.plan.base import FormSection, PlanPage, RecordsSection, col


class ReviewPage(PlanPage):
    TITLE = "심의 (협의체 심의결과서)"
    KEY = "review"

    def build(self) -> None:
        s = self.add(FormSection("회의", self))
        g = s.form(2)
        names = [
            ("review_title", 0, 0, 3),
            ("review_round", 1, 0, 1),
            ("review_mode", 1, 2, 1),
            ("reviewed_on", 2, 0, 1),
            ("review_result", 2, 2, 1),
            ("review_enrolled", 3, 0, 1),
            ("review_present", 3, 2, 1),
            ("submitted_on", 4, 0, 1),
            ("submitted_to", 4, 2, 1),
            ("council_name", 5, 0, 3),
        ]
        for name, r, c, span in names:
            spec_choices = name in ("review_mode", "review_result")
            w = s.combo(m.PlanYear, name) if spec_choices else s.line(m.PlanYear, name)
            g.addWidget(s.field_label(m.PlanYear, name), r, c)
            g.addWidget(w, r, c + 1, 1, span)
        for i, name in enumerate(("review_agenda", "review_amendments")):
            g.addWidget(s.field_label(m.PlanYear, name), 6 + i, 0)
            g.addWidget(s.text(m.PlanYear, name), 6 + i, 1, 1, 3)
        s.finish()
        mon = self.add(FormSection("모니터링 회의 (모니터링 회의 자료 표지)", self))
        g = mon.form(2)
        g.addWidget(mon.field_label(m.PlanYear, "monitoring_title"), 0, 0)
        g.addWidget(mon.line(m.PlanYear, "monitoring_title"), 0, 1, 1, 3)
        for c, name in ((0, "monitoring_when"), (2, "monitoring_place")):
            g.addWidget(mon.field_label(m.PlanYear, name), 1, c)
            g.addWidget(mon.line(m.PlanYear, name), 1, c + 1)
        mon.finish()
        self.members = self.add(
            RecordsSection(
                "위원 (공동위원장과 위원, 소속, 출석)",
                m.CommitteeMember,
                [
                    col(m.CommitteeMember, "is_chair", width=70),
                    col(m.CommitteeMember, "title", width=110),
                    col(m.CommitteeMember, "name", width=110),
                    col(m.CommitteeMember, "affiliation", "long", 200, 2),
                    col(m.CommitteeMember, "present", width=70),
                ],
                "위원",
                parent=self,
            )
        )

    def describe(self) -> str:
        return (
            f"{self.session.year}년 시행결과 보고서를 심의한 회의와 위원. 심의결과서와 제출문에 "
            "인쇄됩니다. 날짜는 2024. 2. 28. 처럼 입력하세요."
        )

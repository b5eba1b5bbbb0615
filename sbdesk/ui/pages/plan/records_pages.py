"""Year record pages: TF, 입법 실적, 변경 내용, 주민 참여·만족도, 컨설팅·교육, 지표·통계 관리.

Each is a grid (or two) over the year's rows of a record model, with the
"해당 없음" mark of its report part.
"""

from __future__ import annotations

from sbdesk import models as m
from sbdesk.ui.pages.plan.base import PlanPage, RecordsSection, col, project_choices


def _activity_cols(extra: tuple[str, ...] = ()) -> list:
    cols = [
        col(m.Activity, "title", "long", 180, 2),
        col(m.Activity, "date", width=110),
        col(m.Activity, "place", width=110),
        col(m.Activity, "participants", "long", 140, 1),
        col(m.Activity, "content", "long", 220, 3),
    ]
    return [c for c in cols if c.field not in extra]


def tf_category_choices(rules) -> list[tuple[str, str]]:
    """The 첨부1 TFT 구분/분야 choices of a term ("공무원 · 담당자" → "담당자"); "" = not chosen."""
    return [("선택 안 함", "")] + [(f"{group} · {cat}", cat) for group, cat in rules.tf_categories]


class TFPage(PlanPage):
    TITLE = "시행계획 수립 TF"
    KEY = "tf"

    def build(self) -> None:
        self.members = self.add(
            RecordsSection(
                "(1) TF 구성",
                m.TFMember,
                [
                    col(m.TFMember, "role", width=100),
                    col(m.TFMember, "name", width=100),
                    # 6th term only (첨부1 TFT composition); hidden for a term without categories
                    col(m.TFMember, "category", "choice", 170, choices=[("선택 안 함", "")]),
                    col(m.TFMember, "affiliation", "long", 160, 2),
                    col(m.TFMember, "duty", "long", 160, 2),
                    col(m.TFMember, "note", width=100),
                ],
                "TF 위원",
                part_key="tf_members",
                parent=self,
            )
        )
        self.add(
            RecordsSection(
                "(2) TF 운영 결과 (회의)",
                m.Activity,
                _activity_cols(("place",)),
                "TF 회의",
                kind="tf_meeting",
                part_key="tf_meetings",
                parent=self,
            )
        )

    def load(self) -> None:
        if self.session is not None:
            from sbdesk.terms import rules_of

            rules = rules_of(self.session.store)
            columns = self.members.rows_model.columns
            i = next(n for n, c in enumerate(columns) if c.field == "category")
            columns[i].choices = tf_category_choices(rules)
            self.members.table.view.setColumnHidden(i, not rules.tf_categories)
            self._categories = bool(rules.tf_categories)
        super().load()

    def describe(self) -> str:
        text = super().describe()
        if self.session is not None and getattr(self, "_categories", False):
            text += " · TFT 구성(구분/분야)은 첨부1 TFT 구성표의 인원·비율로 인쇄됩니다."
        return text


class _ProjectLinkedPage(PlanPage):
    """A page whose grid has a 사업 column (choices = the plan's projects, re-read on load)."""

    def load(self) -> None:
        if self.session is not None:
            choices = project_choices(self.session.store)
            for s in self.sections:
                for c in getattr(getattr(s, "rows_model", None), "columns", []):
                    if c.field == "project_id":
                        c.choices = choices
        super().load()


class LegislationPage(_ProjectLinkedPage):
    TITLE = "입법 실적 (조례·규칙 제·개정)"
    KEY = "legislation"

    def build(self) -> None:
        self.add(
            RecordsSection(
                "입법 실적",
                m.Legislation,
                [
                    col(m.Legislation, "project_id", "choice", 200, 1, choices=[("-", None)]),
                    col(m.Legislation, "kind", width=80),
                    col(m.Legislation, "title", "long", 220, 3),
                    col(m.Legislation, "date", width=100),
                    col(m.Legislation, "relevance", "long", 200, 2),
                ],
                "조례·규칙",
                part_key="legislation",
                parent=self,
            )
        )


class ChangesPage(_ProjectLinkedPage):
    TITLE = "연차별 시행계획 변경 내용"
    KEY = "changes"

    def build(self) -> None:
        self.add(
            RecordsSection(
                "변경 내용 (신설·폐지·제외·변경)",
                m.ChangeEntry,
                [
                    col(m.ChangeEntry, "project_id", "choice", 180, 1, choices=[("-", None)]),
                    col(m.ChangeEntry, "project_name", width=140),
                    col(m.ChangeEntry, "change_type", width=70),
                    col(m.ChangeEntry, "before", "long", 160, 2),
                    col(m.ChangeEntry, "after", "long", 160, 2),
                    col(m.ChangeEntry, "reason", "long", 140, 1),
                    col(m.ChangeEntry, "council_review", width=100),
                    col(m.ChangeEntry, "ministry_consultation", width=110),
                ],
                "변경",
                part_key="changes",
                parent=self,
            )
        )

    def describe(self) -> str:
        return (
            "사유는 ①–⑤ 번호로 적으세요. 폐지·제외된 사업은 사업을 고르지 않고 "
            "'사업명 (폐지 사업)' 칸에 이름을 적습니다."
        )


class ResidentsPage(PlanPage):
    TITLE = "주민 참여·만족도"
    KEY = "residents"

    def build(self) -> None:
        self.add(
            RecordsSection(
                "1) 지역주민 참여도 제고 노력",
                m.Activity,
                _activity_cols(),
                "참여 활동",
                kind="participation",
                part_key="participation",
                parent=self,
            )
        )
        self.add(
            RecordsSection(
                "2) 지역주민 만족도 제고 노력",
                m.Activity,
                _activity_cols(),
                "만족도 활동",
                kind="satisfaction",
                part_key="satisfaction",
                parent=self,
            )
        )


class ConsultingPage(PlanPage):
    TITLE = "컨설팅·교육"
    KEY = "consulting"

    def build(self) -> None:
        self.add(
            RecordsSection(
                "2) 시·도 컨설팅 참여 실적",
                m.Activity,
                _activity_cols(),
                "컨설팅",
                kind="consulting",
                part_key="consulting",
                parent=self,
            )
        )
        self.add(
            RecordsSection(
                "3) 교육 참여 실적",
                m.Activity,
                _activity_cols(("place",)),
                "교육",
                kind="training",
                part_key="training",
                parent=self,
            )
        )


class StatisticsPage(_ProjectLinkedPage):
    TITLE = "지표·통계 관리"
    KEY = "statistics"

    def build(self) -> None:
        self.add(
            RecordsSection(
                "1) 지역사회보장지표 이용 및 통계 관리 실적",
                m.Activity,
                [
                    col(m.Activity, "project_id", "choice", 200, 1, choices=[("-", None)]),
                    col(m.Activity, "title", "long", 200, 2),
                    col(m.Activity, "content", "long", 260, 3),
                ],
                "통계 활용",
                kind="statistics",
                part_key="statistics",
                parent=self,
            )
        )

"""6th-term plan page: 타 계획과의 연관 내용 and 복지 수요·공급 분석 (validator rules 9 and 10).

- A grid over ``OtherPlanLink`` (plan-level rows: 계획명, 구분, the linked project,
  연계성); rows with the same 계획명 are one plan's block in the printed table.
- The 제1절 다. 1) 수요·공급 분석 text, stored as the first year's ``YearText``
  ``demand_analysis`` through the session (one undo step per commit: leaving the
  editor or a pause in typing).

The page is listed for every plan but says so when the plan is not 6th-term.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from sbdesk import models as m
from sbdesk.services.term_plan import DEMAND_ANALYSIS
from sbdesk.ui.pages.card.section import CardSection
from sbdesk.ui.pages.plan.base import RecordsSection, col
from sbdesk.ui.pages.plan.records_pages import _ProjectLinkedPage

TYPING_COMMIT_MS = 800


class PlanRecordsSection(RecordsSection):
    """A grid over every row of a plan-level model (not tied to a year)."""

    def load_year(self, session) -> None:
        # any non-empty dict makes the grid editable; a new row starts with a blank 계획명
        self.rows_model.attach(session, None, {"plan_name": ""})
        self.rows_model.set_rows(session.store.list(self.model_cls))
        self.table._update_buttons()


class AnalysisEdit(QPlainTextEdit):
    """The text editor; ``commit()`` / ``session`` let the window write what is being typed."""

    section = None

    @property
    def session(self):
        return self.section.session if self.section is not None else None

    def commit(self) -> bool:
        return self.section.commit() if self.section is not None else False


class AnalysisSection(CardSection):
    """The 수요·공급 분석 text of the term (first year's YearText)."""

    TITLE = "다. 1) 복지 수요 공급 및 자원 분석 (A4 15쪽 이내)"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self._saved = ""
        self._loading = False
        self.hint = QLabel(
            "핵심 진단 위주로 적으세요 (지역 핵심 이슈, 행정통계·욕구조사 근거, 공급·자원의 진단과 "
            "시사점). 점검은 PDF로 그린 쪽수가 15쪽을 넘으면 알립니다.",
            self,
        )
        self.hint.setWordWrap(True)
        self._layout.addWidget(self.hint)
        self.text = AnalysisEdit(self)
        self.text.section = self
        self.text.setObjectName("YearText.demand_analysis")
        self.text.setMinimumHeight(240)
        self.text.setPlaceholderText("(비워 두면 계획서에 '(작성 필요)'로 인쇄됩니다)")
        self.text.textChanged.connect(self._typing)
        self.text.installEventFilter(self)
        self._layout.addWidget(self.text)
        self.timer = QTimer(self, singleShot=True, interval=TYPING_COMMIT_MS)
        self.timer.timeout.connect(self.commit)
        self.finish()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.text and event.type() == event.Type.FocusOut:
            self.commit()
        return False

    def load_page(self, session) -> None:
        self.session = session
        year = session.store.plan().start_year
        text = session.store.narrative(year, DEMAND_ANALYSIS)["data"]
        text = text if isinstance(text, str) else ""
        self._loading = True
        if text != self.text.toPlainText():
            self.text.setPlainText(text)
        self._saved = text
        self.text.setReadOnly(session.read_only)
        self._loading = False

    def _typing(self) -> None:
        if not self._loading:
            self.timer.start()

    def commit(self) -> bool:
        self.timer.stop()
        if self.session is None or self.session.read_only:
            return False
        text = self.text.toPlainText()
        if text == self._saved:
            return False
        year = self.session.store.plan().start_year
        self._saved = text
        return self.session.set_narrative(
            DEMAND_ANALYSIS, "복지 수요 공급 및 자원 분석", data=text, year=year
        )

    def save(self) -> None:
        self.commit()

    def focus_field(self, key: str, row_id: int | None) -> bool:
        if key == f"YearText.{DEMAND_ANALYSIS}":
            self.text.setFocus()
            return True
        return False


class Term6LinksPage(_ProjectLinkedPage):
    TITLE = "제6기 연계성·수요 분석"
    KEY = "term6_links"

    def build(self) -> None:
        self.links = self.add(
            PlanRecordsSection(
                "가. 2) (2) 타 계획과 제6기 지역사회보장계획 간 연관 내용 (계획 3~5개, 계획별 8개 이내)",
                m.OtherPlanLink,
                [
                    col(m.OtherPlanLink, "plan_name", "text", 200, 2),
                    col(m.OtherPlanLink, "level", width=80),
                    col(m.OtherPlanLink, "project_id", "choice", 220, 2, choices=[("-", None)]),
                    col(m.OtherPlanLink, "content", "long", 260, 3),
                ],
                "연계 항목",
                parent=self,
            )
        )
        self.analysis = self.add(AnalysisSection(self))

    def describe(self) -> str:
        if self.session is None:
            return ""
        if self.session.store.plan().term != 6:
            return "제6기 계획의 항목입니다 (이 계획은 제6기가 아닙니다)."
        return (
            "같은 계획명의 행이 한 계획의 블록으로 인쇄됩니다. 항목은 제6기 사업(과업)을 고르세요."
        )

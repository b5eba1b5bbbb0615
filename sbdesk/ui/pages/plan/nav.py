"""The plan and year pages in the window: their list beside the plan tree, the 연도 menu
(새 연도 카드 만들기) and the jump from a plan-level finding to its page.

``PlanPages(window)`` installs itself: the list goes above the plan tree (a
vertical splitter in the tree's place), the pages into the window's page stack.
It follows the window's signals (``store_changed``, ``year_changed``) and the
validation panel's ``jump``; ``MainWindow`` only creates it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sbdesk.services.errors import SbdeskError
from sbdesk.services.report_parts import PART_BY_KEY
from sbdesk.ui.dialogs.error_dialog import show_error
from sbdesk.ui.pages.plan.basic_plan_page import BasicPlanPage
from sbdesk.ui.pages.plan.narrative_page import NarrativePage
from sbdesk.ui.pages.plan.plan_page import PlanInfoPage
from sbdesk.ui.pages.plan.records_pages import (
    ChangesPage,
    ConsultingPage,
    LegislationPage,
    ResidentsPage,
    StatisticsPage,
    TFPage,
)
from sbdesk.ui.pages.plan.review_page import ReviewPage

PLAN_PAGES = (PlanInfoPage, BasicPlanPage)
YEAR_PAGES = (
    ReviewPage,
    NarrativePage,
    ChangesPage,
    TFPage,
    ResidentsPage,
    LegislationPage,
    StatisticsPage,
    ConsultingPage,
)
PAGE_ROLE = Qt.UserRole + 21


class PlanPages:
    def __init__(self, window):
        self.window = window
        self.pages = {cls.KEY: cls(window) for cls in (*PLAN_PAGES, *YEAR_PAGES)}
        for page in self.pages.values():
            window.pages.addWidget(page)
        self.list = QListWidget()
        self.list.setObjectName("planPagesList")
        self.list.setToolTip("계획 전체와 연도별 보고서 항목 (사업 카드는 아래 계획 트리)")
        self._fill()
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        # the list above the tree, in a vertical splitter in the tree's place
        self.left = QSplitter(Qt.Vertical)
        self.left.setObjectName("leftSplitter")
        self.left.setChildrenCollapsible(True)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        head = QLabel("계획·연도 자료")
        head.setObjectName("sectionTitle")
        lay.addWidget(head)
        lay.addWidget(self.list)
        index = window.splitter.indexOf(window.tree)
        self.left.addWidget(box)
        self.left.addWidget(window.tree)
        window.splitter.insertWidget(max(index, 0), self.left)
        self.left.setStretchFactor(1, 3)
        self.left.setSizes([210, 600])
        # the 연도 menu, before 도움말
        self.year_menu = QMenu("연도(&Y)", window)
        self.year_menu.setObjectName("menu.year")
        window.menuBar().insertMenu(window.menu("help").menuAction(), self.year_menu)
        self.act_new_year = QAction("새 연도 카드 만들기…", window)
        self.act_new_year.setObjectName("act.newYearCards")
        self.act_new_year.triggered.connect(self.new_year_cards)
        self.year_menu.addAction(self.act_new_year)
        # 도움말 → 사용 안내 (offline), first in the help menu
        self.act_help = QAction("사용 안내", window)
        self.act_help.setObjectName("act.helpGuide")
        self.act_help.setShortcut("F1")
        self.act_help.triggered.connect(self.show_help)
        help_menu = window.menu("help")
        first = help_menu.actions()[0] if help_menu.actions() else None
        help_menu.insertAction(first, self.act_help)
        if first is not None:
            help_menu.insertSeparator(first)
        # docks fold away at 1366×768: the validation dock starts low
        window.validation_dock.setFeatures(
            window.validation_dock.features() | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self._dock_sized = False
        window.store_changed.connect(self._store_changed)
        window.year_changed.connect(lambda _y: self._fill() or self.reload_current())
        window.validation.jump.connect(self.jump_to_finding)
        self._update_actions()

    # ------------------------------------------------------------------ list
    def _fill(self) -> None:
        year = getattr(self.window, "year", 0) or ""
        self.list.clear()
        for title, classes in (("계획 전체", PLAN_PAGES), (f"{year}년", YEAR_PAGES)):
            head = QListWidgetItem(title)
            head.setFlags(Qt.NoItemFlags)
            f = head.font()
            f.setBold(True)
            head.setFont(f)
            self.list.addItem(head)
            for cls in classes:
                item = QListWidgetItem("   " + cls.TITLE)
                item.setData(PAGE_ROLE, cls.KEY)
                self.list.addItem(item)

    def _clicked(self, item: QListWidgetItem) -> None:
        key = item.data(PAGE_ROLE)
        if key:
            self.show(key)

    def show(self, key: str):
        w = self.window
        if w.session is None:
            return None
        w.commit_pending()
        self.current_page_commit()
        page = self.pages[key]
        page.set_session(w.session)
        page.load()
        w.pages.setCurrentWidget(page)
        w.tabs.setCurrentIndex(0)
        return page

    def current(self):
        page = self.window.pages.currentWidget()
        return page if page in self.pages.values() else None

    def current_page_commit(self) -> None:
        page = self.current()
        if page is not None:
            page.save()

    def reload_current(self) -> None:
        page = self.current()
        if page is not None and self.window.session is not None:
            page.set_session(self.window.session)
            page.load()

    def _fit_dock(self) -> None:
        """At 1366×768 the validation dock must not take a third of the height."""
        w = self.window
        if self._dock_sized or w.session is None or not w.validation_dock.isVisible():
            return
        self._dock_sized = True
        limit = max(120, w.height() // 5)
        if w.validation_dock.height() > limit:
            w.resizeDocks([w.validation_dock], [limit], Qt.Vertical)

    def _hook_session(self) -> None:
        """After a write from outside the undo stack (an import), the status bar's
        "저장됨" time is that write's time, not the last edit's."""
        s = self.window.session
        if s is None or getattr(s, "_plan_pages_hooked", False):
            return
        s._plan_pages_hooked = True
        import datetime as _dt

        s.external_change.connect(
            lambda: self.window._saved(_dt.datetime.now().strftime("%H:%M:%S"))
        )

    def _store_changed(self) -> None:
        self._fit_dock()
        self._hook_session()
        for page in self.pages.values():
            page.set_session(self.window.session)
        if self.window.session is None:
            if self.current() is not None:
                self.window.pages.setCurrentWidget(self.window.blank_page)
        else:
            self.reload_current()
        self._update_actions()

    def _update_actions(self) -> None:
        s = self.window.session
        ok = s is not None and not s.read_only
        self.act_new_year.setEnabled(ok)
        self.act_new_year.setToolTip(
            "" if ok else ("계획 파일을 여세요" if s is None else "읽기 전용으로 연 파일입니다")
        )

    def show_help(self):
        from sbdesk.ui.dialogs.help_dialog import HelpDialog

        dlg = HelpDialog(self.window)
        dlg.show()
        self._help = dlg
        return dlg

    # ------------------------------------------------------------------ findings
    def jump_to_finding(self, finding) -> None:
        field = getattr(finding, "field", "") or ""
        if finding.project_id is not None:
            return
        target = None
        if field.startswith("YearText."):
            part = PART_BY_KEY.get(field.split(".", 1)[1])
            target = part.page if part else None
        elif field.startswith(("PlanYear.", "CommitteeMember.")):
            target = "review"
        elif field.startswith(("BasicIndicator.", "BasicBudget.")):
            target = "basic_plan"
        elif field.startswith("ChangeEntry."):
            target = "changes"
        elif field.startswith("Municipality."):
            target = "plan"
        if target is None:
            return
        if finding.year and finding.year != self.window.year:
            self.window.set_year(finding.year)
        page = self.show(target)
        if page is not None:
            page.focus_field(field, finding.row_id)

    # ------------------------------------------------------------------ next year
    def new_year_cards(self) -> None:
        w = self.window
        if w.session is None or w.session.read_only:
            return
        years = w.store.years()
        dlg = QDialog(w)
        dlg.setWindowTitle("새 연도 카드 만들기")
        form = QFormLayout(dlg)
        src, dst = QSpinBox(dlg), QSpinBox(dlg)
        for sb in (src, dst):
            sb.setRange(years[0], years[-1])
        src.setValue(w.year)
        dst.setValue(min(w.year + 1, years[-1]))
        form.addRow("원본 연도", src)
        form.addRow("만들 연도", dst)
        note = QLabel(
            "소관·배경·목적·근거·대상·내용·전달체계·추진체계·성과지표를 옮기고, 목표와 예산은 "
            "기본계획에서 가져옵니다. 실적·집행·모니터링·자체평가·성과는 비웁니다. 이미 카드가 "
            "있는 사업은 그대로 둡니다. 한 번의 실행 취소(Ctrl+Z)로 되돌릴 수 있습니다.",
            dlg,
        )
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, dlg)
        buttons.button(QDialogButtonBox.Ok).setText("만들기")
        buttons.button(QDialogButtonBox.Cancel).setText("취소")
        buttons.accepted.connect(dlg.accept)
        buttons.rejected.connect(dlg.reject)
        form.addRow(buttons)
        if dlg.exec() != QDialog.Accepted:
            return
        self.make_year_cards(src.value(), dst.value())

    def make_year_cards(self, from_year: int, to_year: int):
        w = self.window
        w.commit_pending()
        try:
            result = w.session.make_year_cards(from_year, to_year)
        except SbdeskError as exc:
            show_error(w, exc)
            return None
        w.set_year(to_year)
        QMessageBox.information(w, "새 연도 카드 만들기", result.summary())
        return result

"""The plan and year pages in the window: their nodes in the plan tree, the 연도 menu
(새 연도 카드 만들기) and the jump from a plan-level finding to its page.

``PlanPages(window)`` installs itself: a "계획" group node and a "<year>년 보고서"
group node go into the plan tree beside the strategy systems (``PlanTreeModel.set_pages``),
the pages into the window's page stack; selecting a page node shows its page, a
group node an index of its pages. It follows the window's signals
(``store_changed``, ``year_changed``), the tree's ``node_selected`` and the
validation panel's ``jump``; ``MainWindow`` only creates it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QSpinBox,
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
from sbdesk.ui.pages.plan.term6_links_page import Term6LinksPage

PLAN_PAGES = (PlanInfoPage, BasicPlanPage, Term6LinksPage)
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
#: pages shown only for a plan of these terms (the others for every plan)
PAGE_TERMS = {Term6LinksPage.KEY: (6,)}

#: the tree's page groups: (group ident, title, page classes)
GROUPS = (
    ("plan", "계획", PLAN_PAGES),
    ("year", "{year}년 보고서", YEAR_PAGES),
)


class GroupPage(QWidget):
    """What a group node shows: its title and a button per page."""

    def __init__(self, ident: str, title: str, classes, open_page, parent=None):
        super().__init__(parent)
        self.setObjectName(f"planGroup.{ident}")
        self.ident, self.title_template = ident, title
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 12)
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        lay.addWidget(self.title)
        hint = QLabel(
            "항목을 고르세요. 계획 트리에서 이 항목들은 전략체계 옆에 있습니다 "
            "(↑↓ 키로 옮겨 다닐 수 있습니다).",
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.buttons: dict[str, QCommandLinkButton] = {}
        for cls in classes:
            b = QCommandLinkButton(cls.TITLE, self)
            b.setObjectName(f"open.{cls.KEY}")
            b.clicked.connect(lambda _=False, key=cls.KEY: open_page(key))
            lay.addWidget(b)
            self.buttons[cls.KEY] = b
        lay.addStretch(1)

    def show_year(self, year) -> None:
        self.title.setText(self.title_template.format(year=year or ""))


class _Pages(dict):
    """The plan and year pages by key, each built (and put in the window's page stack)
    the first time it is asked for: the window's first paint does not wait for ten
    pages nobody has opened yet. ``values()`` holds the pages built so far."""

    def __init__(self, window, classes):
        super().__init__()
        self._window = window
        self._classes = {cls.KEY: cls for cls in classes}

    def __missing__(self, key: str):
        page = self._classes[key](self._window)
        self._window.pages.addWidget(page)
        self[key] = page
        return page


class PlanPages:
    def __init__(self, window):
        self.window = window
        self.pages = _Pages(window, (*PLAN_PAGES, *YEAR_PAGES))
        self.groups = {
            ident: GroupPage(ident, title, classes, self._open_from_group, window)
            for ident, title, classes in GROUPS
        }
        for g in self.groups.values():
            window.pages.addWidget(g)
        # the page nodes in the plan tree, beside the strategy systems
        window.tree.model.set_pages(
            [
                (
                    ident,
                    title,
                    [(cls.KEY, cls.TITLE, PAGE_TERMS.get(cls.KEY, ())) for cls in classes],
                )
                for ident, title, classes in GROUPS
            ]
        )
        window.tree.node_selected.connect(self._node_selected)
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
        window.year_changed.connect(lambda _y: self.reload_current())
        window.validation.jump.connect(self.jump_to_finding)
        self._update_actions()

    # ------------------------------------------------------------------ tree nodes
    def _node_selected(self, kind: str, ident) -> None:
        if kind == "page":
            self.show(ident, select=False)
        elif kind == "group":
            self.show_group(ident, select=False)

    def _open_from_group(self, key: str) -> None:
        self.show(key)
        self.window.tree.view.setFocus()

    def show_group(self, ident: str, select: bool = True):
        w = self.window
        if w.session is None:
            return None
        self.current_page_commit()
        page = self.groups[ident]
        page.show_year(w.year)
        if select:
            w.tree.select("group", ident, emit=False)
        w.pages.setCurrentWidget(page)
        w.tabs.setCurrentIndex(0)
        return page

    def show(self, key: str, select: bool = True):
        """Show the page ``key`` (and, with ``select``, make its tree node the current one)."""
        w = self.window
        if w.session is None:
            return None
        w.commit_pending()
        self.current_page_commit()
        page = self.pages[key]
        page.set_session(w.session)
        page.load()
        if select:
            w.tree.select("page", key, emit=False)
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
        group = self.window.pages.currentWidget()
        if group in self.groups.values():
            group.show_year(self.window.year)
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
            shown = self.window.pages.currentWidget()
            if self.current() is not None or shown in self.groups.values():
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
        if field.startswith("OtherPlanLink.") or field == "YearText.demand_analysis":
            target = "term6_links"
        elif field.startswith("YearText."):
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

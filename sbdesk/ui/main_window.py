"""MainWindow: the plan tree, the page of the selected node (card, strategy, system), the
overview table and the validation panel around one open plan file.

Its menus are built here, explicitly: the 파일 actions (``file_actions``), the
문서 menu (``document_actions``), the 가져오기/내보내기 menu
(``exchange_actions``) and 도움말 → sbdesk 정보 (``about_action``). What those
modules use of the window:

- ``window.store`` — the open ``PlanStore`` or ``None``; ``window.year`` — the year shown;
- ``window.menu(key)`` — the QMenu for "file", "edit", "view", "documents", "exchange", "help";
- ``window.undo_stack`` — the QUndoStack of every edit;
- ``window.reload()`` — re-read everything from the store (after an import, say);
- ``window.selected_project_ids()`` — ids of the projects selected in the tree (or overview);
- signals ``store_changed()`` (after any write, or another file opened) and ``year_changed(int)``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QWidget,
)

from sbdesk import APP_NAME, paths
from sbdesk.services.errors import PlanLockedError, SbdeskError
from sbdesk.services.lock import break_lock, describe, is_other_pc
from sbdesk.services.store import PlanStore
from sbdesk.ui import style
from sbdesk.ui.actions.documents_actions import DocumentActions
from sbdesk.ui.actions.exchange_actions import ExchangeActions
from sbdesk.ui.actions.file_actions import FileActions
from sbdesk.ui.dialogs.about_dialog import add_about_action
from sbdesk.ui.dialogs.error_dialog import show_error
from sbdesk.ui.figures import load_project
from sbdesk.ui.pages.card.editor import CardEditor
from sbdesk.ui.pages.level_page import LevelPage
from sbdesk.ui.pages.system_page import SystemPage
from sbdesk.ui.pages.welcome_page import WelcomePage
from sbdesk.ui.panels.overview_panel import OverviewPanel
from sbdesk.ui.panels.plan_tree import PlanTreePanel
from sbdesk.ui.panels.validation_panel import ValidationPanel
from sbdesk.ui.session import Change, PlanSession
from sbdesk.ui.settings import add_recent, settings

#: the plan tree's narrowest width: the code, a readable name and both rate columns
TREE_MIN_WIDTH = 380

MENUS = [
    ("file", "파일(&F)"),
    ("edit", "편집(&E)"),
    ("view", "보기(&V)"),
    ("documents", "문서(&D)"),
    ("exchange", "가져오기/내보내기(&X)"),
    ("help", "도움말(&H)"),
]
TAB_EDIT, TAB_OVERVIEW = 0, 1


class MainWindow(QMainWindow):
    store_changed = Signal()
    year_changed = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store: PlanStore | None = None
        self.session: PlanSession | None = None
        self.year: int = 0
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.setDockOptions(QMainWindow.AnimatedDocks | QMainWindow.AllowTabbedDocks)

        self._menus: dict[str, QMenu] = {}
        for key, title in MENUS:
            menu = self.menuBar().addMenu(title)
            menu.setObjectName(f"menu.{key}")
            self._menus[key] = menu

        # --- central: welcome page or the workspace
        self.welcome = WelcomePage(self)
        self.tree = PlanTreePanel(self)
        self.tree.setMinimumWidth(TREE_MIN_WIDTH)
        self.card_editor = CardEditor(self)
        self.level_page = LevelPage(self)
        self.system_page = SystemPage(self)
        self.blank_page = QLabel("왼쪽 계획 트리에서 전략이나 사업을 고르세요.", self)
        self.blank_page.setAlignment(Qt.AlignCenter)
        self.pages = QStackedWidget(self)
        for w in (self.blank_page, self.card_editor, self.level_page, self.system_page):
            self.pages.addWidget(w)
        self.overview = OverviewPanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.pages, "편집")
        self.tabs.addTab(self.overview, "사업 총괄표")
        self.splitter = QSplitter(Qt.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([450, 1050])
        self.splitter.setChildrenCollapsible(False)
        self.central = QStackedWidget(self)
        self.central.addWidget(self.welcome)
        self.central.addWidget(self.splitter)
        self.setCentralWidget(self.central)

        self.validation = ValidationPanel(self)
        self.validation_dock = QDockWidget("점검 결과", self)
        self.validation_dock.setObjectName("validationDock")
        self.validation_dock.setWidget(self.validation)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.validation_dock)

        # --- year selector
        self.year_box = QComboBox(self)
        self.year_box.setObjectName("yearSelector")
        self.year_box.setMinimumContentsLength(8)
        self.year_box.currentIndexChanged.connect(self._year_picked)
        self.plan_label = QLabel(self)
        self.plan_label.setObjectName("pageSubtitle")
        bar = QToolBar("계획", self)
        bar.setObjectName("planToolbar")
        bar.setMovable(False)
        year_label = QLabel("  연도 ", self)
        year_label.setBuddy(self.year_box)
        bar.addWidget(year_label)
        bar.addWidget(self.year_box)
        bar.addSeparator()
        bar.addWidget(self.plan_label)
        self.addToolBar(Qt.TopToolBarArea, bar)
        self.plan_toolbar = bar

        # --- status bar
        self.path_label = QLabel(self)
        self.path_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.save_label = QLabel(self)
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.save_label)

        self._build_menus()
        self.file_actions = FileActions(self)
        self._wire()
        from sbdesk.ui.pages.plan.nav import PlanPages

        self.plan_pages = PlanPages(self)  # plan and year pages, 연도 menu (issue 9)
        self.document_actions = DocumentActions(self)
        self.exchange_actions = ExchangeActions(self)
        self.about_action = add_about_action(self)
        for key, menu in self._menus.items():  # a menu nothing was added to stays hidden
            if key != "file":
                menu.menuAction().setVisible(bool(menu.actions()))
        self._restore_settings()
        self._dock_wanted = not self.validation_dock.isHidden()
        self._show_no_plan()

    # ================================================================== what the menus use
    def menu(self, key: str) -> QMenu:
        """The QMenu of ``key``: "file", "edit", "view", "documents", "exchange" or "help"."""
        menu = self._menus[key]
        menu.menuAction().setVisible(True)
        return menu

    def reload(self) -> None:
        """Re-read everything from the store (after an external change such as an import)."""
        if self.store is None:
            return
        self._show_view(self.store.year_view(self.year))

    def _show_view(self, view, defer_overview: bool = False, prepared=None) -> None:
        """Show a year's view (read by ``reload`` or in the background by ``set_year``).

        ``defer_overview``: while the overview tab is not shown, fill it when it is
        (switching years on a large plan then costs the tree and the page only).
        ``prepared``: the tree's nodes, built with the view in the background.
        """
        self.tree.load(view, prepared)
        if defer_overview:  # filled when shown, or on the next turn of the loop if it is
            self._overview_stale = True
            if self.tabs.currentIndex() == TAB_OVERVIEW:
                # 1 ms, not 0: a timer, so input and paint events get their turn in between
                QTimer.singleShot(1, lambda: self._tab_changed(self.tabs.currentIndex()))
        else:
            self._load_overview()
        self._refresh_page()
        self.validation.schedule(300)
        self.store_changed.emit()

    def selected_project_ids(self) -> list[int]:
        """Projects selected in the overview (when it is shown) or in the tree, in plan order."""
        if self.store is None:
            return []
        if self.tabs.currentIndex() == TAB_OVERVIEW:
            rows = self.overview.view.selectionModel().selectedRows()
            if rows:
                from sbdesk.ui.models.overview_model import PROJECT_ROLE

                chosen = {r.data(PROJECT_ROLE) for r in rows}
                return [pid for pid in self.tree.model.project_ids() if pid in chosen]
        return self.tree.selected_project_ids()

    # ================================================================== building
    def _build_menus(self) -> None:
        edit = self._menus["edit"]
        self.act_undo = self.undo_stack.createUndoAction(self, "실행 취소")
        self.act_undo.setShortcuts(QKeySequence.Undo)
        self.act_redo = self.undo_stack.createRedoAction(self, "다시 실행")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addAction(self.act_undo)
        edit.addAction(self.act_redo)
        edit.addSeparator()
        for a in (
            self.tree.act_add,
            self.tree.act_rename,
            self.tree.act_remove,
            None,
            self.tree.act_up,
            self.tree.act_down,
            None,
            self.tree.act_add_strategy,
            self.tree.act_add_task,
        ):
            if a is None:
                edit.addSeparator()
            else:
                edit.addAction(a)

        view = self._menus["view"]
        self.act_show_card = QAction("편집 화면", self)
        self.act_show_card.setShortcut(QKeySequence("Ctrl+1"))
        self.act_show_card.triggered.connect(lambda: self.tabs.setCurrentIndex(TAB_EDIT))
        self.act_show_overview = QAction("사업 총괄표", self)
        self.act_show_overview.setShortcut(QKeySequence("Ctrl+2"))
        self.act_show_overview.triggered.connect(lambda: self.tabs.setCurrentIndex(TAB_OVERVIEW))
        self.act_focus_tree = QAction("계획 트리로 이동", self)
        self.act_focus_tree.setShortcut(QKeySequence("Ctrl+T"))
        self.act_focus_tree.triggered.connect(lambda: self.tree.view.setFocus())
        toggle = self.validation_dock.toggleViewAction()
        toggle.setText("점검 결과 창")
        toggle.setShortcut(QKeySequence("Ctrl+3"))
        self.act_recheck = QAction("다시 검사", self)
        self.act_recheck.setShortcut(QKeySequence(Qt.Key_F5))
        self.act_recheck.triggered.connect(self._recheck)
        for a in (
            self.act_show_card,
            self.act_show_overview,
            self.act_focus_tree,
            None,
            toggle,
            self.act_recheck,
        ):
            if a is None:
                view.addSeparator()
            else:
                view.addAction(a)

        help_menu = self._menus["help"]
        a = QAction("데이터 폴더 열기", self)
        a.triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir())))
        )
        help_menu.addAction(a)

    def _wire(self) -> None:
        self.tabs.currentChanged.connect(self._tab_changed)
        self.tree.node_selected.connect(self._node_selected)
        self.tree.project_activated.connect(self.open_project)
        self.overview.open_project.connect(self.open_project)
        self.overview.threshold_changed.connect(self.tree.model.set_threshold)
        self.level_page.open_project.connect(self.open_project)
        for page in (self.level_page, self.system_page):  # their structure buttons
            page.set_tree(self.tree)
        self.system_page.open_strategy.connect(lambda sid: self.tree.select("strategy", sid))
        self.validation.jump.connect(self.jump_to_finding)
        self.validation.findings_changed.connect(self.overview.set_findings)
        self.welcome.new_requested.connect(lambda: self.file_actions.new_plan())
        self.welcome.open_requested.connect(lambda: self.file_actions.open_dialog())
        self.welcome.demo_requested.connect(lambda: self.file_actions.open_demo())
        self.welcome.recent_requested.connect(self.open_file)

    # ================================================================== files
    def open_file(self, path: str | Path, read_only: bool = False) -> bool:
        """Open a plan file; a file another instance holds is offered read-only."""
        path = Path(path)
        if self.store is not None and path.resolve() == self.store.path.resolve():
            return True
        try:
            store = PlanStore(path, read_only=read_only)
        except PlanLockedError as exc:
            choice = self._ask_read_only(path, exc.holder)
            if choice is None:
                return False
            try:
                if choice == "unlock":
                    break_lock(path)
                store = PlanStore(path, read_only=choice == "read_only")
            except SbdeskError as exc2:
                show_error(self, exc2)
                return False
        except SbdeskError as exc:
            show_error(self, exc)
            return False
        try:
            store.years()  # a plan whose term ends before it starts cannot be shown
        except SbdeskError as exc:
            store.close()
            show_error(self, exc)
            return False
        if not self.close_file():
            store.close()
            return False
        self.set_store(store)
        if store.read_only_reason:
            QMessageBox.information(self, "읽기 전용으로 열었습니다", store.read_only_reason)
        if store.backup_made:
            QMessageBox.information(
                self,
                "계획 파일 형식 변환",
                f"이전 버전의 계획 파일을 새 형식으로 바꿨습니다.\n원래 파일은 다음에 보관했습니다:\n{store.backup_made}",
            )
        return True

    def _ask_read_only(self, path: Path, holder: dict) -> str | None:
        """ "read_only", "unlock" (after a second warning) or None (cancel)."""
        box = QMessageBox(QMessageBox.Warning, "다른 곳에서 사용 중인 파일", "", parent=self)
        box.setText(f"'{path.name}' 파일은 지금 다른 곳에서 열려 있습니다.")
        info = (
            f"사용 중: {describe(holder)}\n\n"
            "두 곳에서 함께 고치면 서로의 입력이 사라질 수 있습니다. "
            "읽기 전용으로 열면 내용을 보고 문서를 만들 수 있지만 고칠 수는 없습니다."
        )
        unlock = None
        if is_other_pc(holder):
            info += (
                "\n\n그 PC에서 sbdesk가 꺼진 뒤 잠금만 남았다면(전원이 꺼졌거나 프로그램이 멈춘 경우) "
                "잠금을 해제할 수 있습니다."
            )
            unlock = box.addButton("잠금 해제…", QMessageBox.DestructiveRole)
        box.setInformativeText(info)
        ro = box.addButton("읽기 전용으로 열기", QMessageBox.AcceptRole)
        box.addButton("취소", QMessageBox.RejectRole)
        box.exec()
        if box.clickedButton() is ro:
            return "read_only"
        if unlock is not None and box.clickedButton() is unlock:
            sure = QMessageBox.warning(
                self,
                "잠금 해제",
                f"{describe(holder)}이(가) 아직 이 파일을 고치고 있다면, 잠금을 해제한 뒤 "
                "두 곳에서 함께 고치게 되어 서로의 입력이 사라질 수 있습니다.\n\n"
                "그 PC에서 sbdesk가 꺼져 있는 것을 확인했습니까? 잠금을 해제하고 열까요?",
                QMessageBox.Yes | QMessageBox.No,
                QMessageBox.No,
            )
            return "unlock" if sure == QMessageBox.Yes else None
        return None

    def set_store(self, store: PlanStore) -> None:
        """Show an already open store (new plan, opened file)."""
        self.store = store
        self.undo_stack.clear()
        years = store.years()
        saved_year = settings().value(f"year/{store.path.resolve()}")
        self.year = int(saved_year) if saved_year and int(saved_year) in years else years[0]
        self.session = PlanSession(store, self.year, self.undo_stack, self)
        self.session.changed.connect(self._on_change)
        self.session.external_change.connect(self.reload)
        self.session.saved.connect(self._saved)
        self.session.error.connect(self._command_failed)
        for w in (self.tree, self.card_editor, self.level_page, self.system_page, self.validation):
            w.set_session(self.session)
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in years:
            self.year_box.addItem(f"{y}년", y)
        self.year_box.setCurrentIndex(years.index(self.year))
        self.year_box.blockSignals(False)
        add_recent(store.path)
        self._show_plan_labels()
        self.central.setCurrentWidget(self.splitter)
        self.plan_toolbar.show()
        self.validation_dock.setVisible(self._dock_wanted)
        if self._dock_wanted and not self._dock_sized:  # first start: a fifth of the height
            self._dock_sized = True
            height = max(120, self.height() // 5)
            self.resizeDocks([self.validation_dock], [height], Qt.Vertical)
        self.pages.setCurrentWidget(self.blank_page)
        self.reload()
        self._select_first()
        self.file_actions.update()
        self.year_changed.emit(self.year)

    def close_file(self) -> bool:
        """Close the open plan (everything is already saved); True when nothing is left open."""
        if self.store is None:
            return True
        self.commit_pending()
        self.validation.stop()
        self.undo_stack.clear()
        settings().setValue(f"year/{self.store.path.resolve()}", self.year)
        self.session.close()
        self.store.close()
        self.store = None
        self.session = None
        for w in (self.tree, self.card_editor, self.level_page, self.system_page):
            w.set_session(None)
        self.validation.set_session(None)
        self._show_no_plan()
        self.store_changed.emit()
        return True

    def commit_pending(self) -> None:
        """Write the field being typed now (before closing, switching, exporting)."""
        if self.session is not None:
            self.card_editor.commit_pending()
            w = self.focusWidget()
            if w is not None and hasattr(w, "commit") and hasattr(w, "session"):
                w.commit()

    def _show_no_plan(self) -> None:
        if self.central.currentWidget() is self.splitter:
            self._dock_wanted = not self.validation_dock.isHidden()
        self.validation_dock.hide()
        self.plan_toolbar.hide()
        self.welcome.refresh()
        self.central.setCurrentWidget(self.welcome)
        self.setWindowTitle(APP_NAME)
        self.path_label.setText("열린 계획이 없습니다.")
        self.save_label.setText("")
        self.year_box.clear()
        self.plan_label.setText("")
        self.plan_toolbar.setEnabled(False)
        self.file_actions.update()
        self.tree.model.clear()

    def _show_plan_labels(self) -> None:
        store = self.store
        muni = store.municipality()
        plan = store.plan()
        ro = " [읽기 전용]" if store.read_only else ""
        self.setWindowTitle(f"{store.path.name}{ro} — {APP_NAME}")
        self.path_label.setText(str(store.path))
        self.plan_toolbar.setEnabled(True)
        who = " ".join(x for x in (muni.province, muni.name) if x)
        self.plan_label.setText(
            f"  {who} 제{plan.term}기 지역사회보장계획 ({plan.start_year}~{plan.end_year})"
            + (f" · {plan.vision}" if plan.vision else "")
        )
        if store.read_only:
            self.save_label.setText("읽기 전용 — 고친 내용을 저장할 수 없습니다")
            self.save_label.setStyleSheet(f"color: {style.BAD}; font-weight: bold;")
        else:
            self.save_label.setText("모든 변경 내용이 저장됨")
            self.save_label.setStyleSheet(f"color: {style.GOOD};")

    def _saved(self, when: str) -> None:
        self.save_label.setText(f"모든 변경 내용이 저장됨 ({when})")
        self.save_label.setStyleSheet(f"color: {style.GOOD};")

    def _command_failed(self, exc: BaseException) -> None:
        self.save_label.setText("저장하지 못한 변경이 있습니다")
        self.save_label.setStyleSheet(f"color: {style.BAD}; font-weight: bold;")
        show_error(self, exc)

    # ================================================================== year
    def _year_picked(self, index: int) -> None:
        year = self.year_box.itemData(index)
        if year is None or self.session is None or year == self.year:
            return
        self.set_year(year, background=True)

    def set_year(self, year: int, background: bool = False) -> None:
        """Show another year; ``background`` reads it in a worker thread (the year selector).

        While it loads, the window keeps showing (and editing) the current year;
        ``year_changed`` is emitted once the new year is shown.
        """
        self.commit_pending()
        if background and self.store is not None:
            self._load_year_in_background(year)
            return
        self._loading_year = None
        self._switch_year(year, None)

    def _load_year_in_background(self, year: int) -> None:
        from sbdesk.services.read_model import build_year_view
        from sbdesk.ui.tasks import run_task

        store = self.store
        self._loading_year = year
        self.statusBar().showMessage(f"{year}년 계획을 불러오는 중…")

        tree_model = self.tree.model

        def work(progress):  # worker thread: the view and the tree's nodes, no widget
            view = build_year_view(store, year)
            return view, tree_model.prepare(view)

        def done(result) -> None:
            view, prepared = result
            if self.store is not store or getattr(self, "_loading_year", None) != year:
                return  # another file or year was chosen meanwhile
            self._loading_year = None
            self.statusBar().clearMessage()
            self._switch_year(year, view, prepared)

        self._year_task = run_task(
            self,
            "연도 불러오기",
            work,
            on_done=done,
            show_dialog=False,
        )

    def _switch_year(self, year: int, view, prepared=None) -> None:
        self.year = year
        self.session.year = year
        i = self.year_box.findData(year)
        if i >= 0 and i != self.year_box.currentIndex():
            self.year_box.blockSignals(True)
            self.year_box.setCurrentIndex(i)
            self.year_box.blockSignals(False)
        if view is None:
            self.reload()
        else:
            self._show_view(view, defer_overview=True, prepared=prepared)
        self.year_changed.emit(year)

    # ================================================================== navigation
    def _select_first(self) -> None:
        ids = self.tree.model.project_ids()
        if ids:
            self.tree.select("project", ids[0])
        self.tree.view.scrollToTop()

    def _node_selected(self, kind: str, ident) -> None:
        self.commit_pending()
        node = self.tree.model.node(self.tree.model.index_of(kind, ident))
        if kind == "project":
            self.card_editor.show_project(ident, node.code)
            self.pages.setCurrentWidget(self.card_editor)
        elif kind in ("strategy", "task"):
            self.level_page.show_node(node)
            self.pages.setCurrentWidget(self.level_page)
        elif kind == "system":
            self.system_page.show_node(node)
            self.pages.setCurrentWidget(self.system_page)
        if self.tabs.currentIndex() != TAB_EDIT and self.tree.view.hasFocus():
            self.tabs.setCurrentIndex(TAB_EDIT)

    def open_project(self, project_id: int) -> None:
        """Show a project's card (from the overview, a finding, a strategy page)."""
        self.tree.select("project", project_id)
        if (
            self.card_editor.project_id != project_id
            or self.pages.currentWidget() is not self.card_editor
        ):
            self._node_selected("project", project_id)
        self.tabs.setCurrentIndex(TAB_EDIT)

    def jump_to_finding(self, finding) -> None:
        if finding.project_id is not None and finding.year in (None, self.year):
            self.open_project(finding.project_id)
            self.card_editor.focus_field(finding.field, finding.row_id)
        elif finding.project_id is not None:
            self.set_year(finding.year)
            self.open_project(finding.project_id)
            self.card_editor.focus_field(finding.field, finding.row_id)
        elif finding.field.startswith(("Strategy.", "Task.")) and finding.row_id:
            kind = "strategy" if finding.field.startswith("Strategy.") else "task"
            self.tree.select(kind, finding.row_id)
            self.tabs.setCurrentIndex(TAB_EDIT)

    def _recheck(self) -> None:
        if self.session is not None:
            self.commit_pending()
            self.validation.run()

    # ================================================================== changes
    def _on_change(self, change: Change) -> None:
        if self.store is None:
            return
        if change.structural:
            self.tree.rebuild()
            self._load_overview()
            if self.card_editor.project_id is not None:
                code = self.tree.model.code_of(self.card_editor.project_id)
                if code:
                    self.card_editor.reload(code)
                else:
                    self.card_editor.project_id = None
                    self.pages.setCurrentWidget(self.blank_page)
            self._refresh_level_pages()
        elif change.project_id is not None:
            if (
                self.card_editor.project_id == change.project_id
                and self.card_editor.data is not None
            ):
                if change.undo or change.rows:
                    self.card_editor.reload()
                else:  # an edit made in the card: its widgets already show it
                    self.card_editor.refresh_header(change.edit)
                fig = self.card_editor.figures()
            else:
                code = self.tree.model.code_of(change.project_id)
                fig = load_project(self.store, change.project_id, self.year, code)
            if fig is not None:
                self.tree.model.update_project(fig)
                self.overview.update_project(fig)
            self._refresh_level_pages()
        else:
            self._refresh_level_pages()
        self.validation.plan_changed()
        self.store_changed.emit()

    def _refresh_level_pages(self) -> None:
        page = self.pages.currentWidget()
        if page in (self.level_page, self.system_page) and page.node is not None:
            node = self.tree.model.node(self.tree.model.index_of(page.node.kind, page.node.ident))
            if node is self.tree.model.root:
                self.pages.setCurrentWidget(self.blank_page)
                return
            page.show_node(node)

    def _refresh_page(self) -> None:
        page = self.pages.currentWidget()
        if page is self.card_editor and self.card_editor.project_id is not None:
            code = self.tree.model.code_of(self.card_editor.project_id)
            if code:
                self.card_editor.reload(code)
            else:
                self.card_editor.project_id = None
                self.pages.setCurrentWidget(self.blank_page)
        else:
            self._refresh_level_pages()

    def _tab_changed(self, index: int) -> None:
        if index == TAB_OVERVIEW and getattr(self, "_overview_stale", False):
            self._load_overview()

    def _load_overview(self) -> None:
        self._overview_stale = False
        strategies = [
            (n.ident, f"{n.code} {n.title}") for s in self.tree.model.systems() for n in s.children
        ]
        self.overview.load(self.tree.model.figures(), strategies)
        self.tree.model.set_threshold(Decimal(self.overview.threshold.value()))

    # ================================================================== settings
    def _restore_settings(self) -> None:
        s = settings()
        geo = s.value("main/geometry")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            self._first_size()
        state = s.value("main/state")
        self._dock_sized = False  # the dock's height is the user's once saved
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
            self._dock_sized = True
        split = s.value("main/splitter")
        if isinstance(split, QByteArray) and not split.isEmpty():
            self.splitter.restoreState(split)
        else:  # the tree gets a third of the window: codes, names and both rates readable
            tree = max(TREE_MIN_WIDTH, self.width() // 3)
            self.splitter.setSizes([tree, max(1, self.width() - tree)])
        tree_header = s.value("main/tree_header")
        if isinstance(tree_header, QByteArray) and not tree_header.isEmpty():
            self.tree.view.header().restoreState(tree_header)

    def _first_size(self) -> None:
        """The first start: 1500×940, or the whole screen where it is smaller (1366×768)."""
        width, height = 1500, 940
        screen = self.screen()
        if screen is not None:
            avail = screen.availableGeometry()
            if avail.width() < width or avail.height() < height:
                self.resize(min(width, avail.width()), min(height, avail.height()))
                self.setWindowState(self.windowState() | Qt.WindowMaximized)
                return
        self.resize(width, height)

    def save_settings(self) -> None:
        s = settings()
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/state", self.saveState())
        s.setValue("main/splitter", self.splitter.saveState())
        s.setValue("main/tree_header", self.tree.view.header().saveState())
        s.sync()

    def closeEvent(self, event) -> None:
        self.save_settings()
        self.close_file()
        event.accept()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.store is None:
            QTimer.singleShot(0, self.welcome.refresh)

    def current_page(self) -> QWidget:
        return self.pages.currentWidget()

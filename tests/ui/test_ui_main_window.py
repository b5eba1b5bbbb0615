"""The main window: menus, extension points, files, locks, years, remembered geometry."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QMenu
from uihelpers import answer_next_dialog, open_card, project_id, type_text

from sbdesk import models as m
from sbdesk.services import planfile
from sbdesk.services.store import PlanStore
from sbdesk.ui.actions.file_actions import ensure_demo, make_backup
from sbdesk.ui.main_window import MainWindow


def menu_texts(menu: QMenu) -> list[str]:
    return [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]


def test_menus(window):
    for key, title in [
        ("file", "파일"),
        ("edit", "편집"),
        ("view", "보기"),
        ("documents", "문서"),
        ("exchange", "가져오기/내보내기"),
        ("help", "도움말"),
    ]:
        menu = window.menu(key)
        assert isinstance(menu, QMenu) and menu.title().startswith(title)
    assert menu_texts(window.menu("file")) == [
        "새 계획…",
        "열기…",
        "최근 파일",
        "예시 계획 열기 (광진구 2023)",
        "새 기수 계획 (제6기)…",
        "다른 이름으로 저장…",
        "백업 만들기…",
        "닫기",
        "끝내기",
    ]
    edit = menu_texts(window.menu("edit"))
    assert edit[0].startswith("실행 취소") and edit[1].startswith("다시 실행")
    shortcuts = {s.toString() for s in window.act_redo.shortcuts()}
    assert shortcuts == {"Ctrl+Y", "Ctrl+Shift+Z"}
    assert window.act_undo.shortcut().toString() == "Ctrl+Z"
    assert window.undo_stack is window.session.undo_stack
    assert isinstance(window.store, PlanStore) and window.year == 2023
    assert window.year_box.count() == 4 and window.year_box.currentText() == "2023년"


def test_store_changed_and_selected_projects(window, qtbot):
    editor = open_card(window, "I-3-1")
    with qtbot.waitSignal(window.store_changed, timeout=10000):
        type_text(editor.section("owner").fields["Card.team"], "돌봄팀")
        editor.section("owner").fields["Card.team"].commit()
    assert window.selected_project_ids() == [project_id(window, "I-3-1")]
    st = window.store.get(m.Project, project_id(window, "I-3-1")).strategy_id
    window.tree.select("strategy", st)
    ids = window.selected_project_ids()
    assert len(ids) == 6 and ids[0] == project_id(window, "I-3-1")
    window.tabs.setCurrentIndex(1)
    window.overview.view.selectRow(0)
    assert window.selected_project_ids() == [window.overview.visible_project_ids()[0]]


def test_reload_after_an_external_write(window, qtbot):
    pid = project_id(window, "I-3-1")
    card = window.store.card(pid, 2023)
    line = window.store.card_rows(card.id).budget_lines[0]
    # someone else's code (an import) writes straight on the store …
    window.store.set_field(m.BudgetLine, line.id, "executed_amount", "0")
    # … the window notices on its own and re-reads, or is told with reload()
    qtbot.waitUntil(
        lambda: window.tree.model.index_of("project", pid).siblingAtColumn(2).data() == "▼ 0.0%",
        timeout=3000,
    )
    window.reload()
    assert window.tree.model.index_of("project", pid).siblingAtColumn(2).data() == "▼ 0.0%"


def test_year_selector(window, qtbot):
    open_card(window, "I-3-1")
    with qtbot.waitSignal(window.year_changed, timeout=2000) as blocker:
        window.year_box.setCurrentIndex(1)
    assert blocker.args == [2024] and window.year == 2024
    assert window.card_editor.stack.currentWidget() is window.card_editor.empty
    assert "2024년 카드가 아직 없습니다" in window.card_editor.empty_text.text()
    window.card_editor.create_button.click()
    assert window.card_editor.stack.currentIndex() == 0
    assert window.store.card(project_id(window, "I-3-1"), 2024) is not None
    assert "2024" in window.card_editor.section("budget").budget_model.columns[4].title
    window.act_undo.trigger()
    assert window.store.card(project_id(window, "I-3-1"), 2024) is None


def test_a_file_held_elsewhere_is_offered_read_only(qtbot, demo_path, tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from sbdesk.services.store import PlanStore; "
            "s = PlanStore(sys.argv[1]); print('held', flush=True); time.sleep(60)",
            str(demo_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        w = MainWindow()
        qtbot.addWidget(w)
        w.show()
        state = answer_next_dialog("취소")
        assert w.open_file(demo_path) is False
        assert "다른 곳에서 열려 있습니다" in state["seen"] and str(holder.pid) not in state["seen"]
        assert w.store is None
        state = answer_next_dialog("읽기 전용으로 열기")
        assert w.open_file(demo_path) is True
        assert w.store.read_only
        assert "읽기 전용" in w.save_label.text() and "[읽기 전용]" in w.windowTitle()
        editor = open_card(w, "I-3-1")
        assert editor.section("owner").fields["Card.officer"].isReadOnly()
        assert not editor.section("indicators").table.add_button.isEnabled()
        assert not w.tree.act_remove.isEnabled()
        w.close()
    finally:
        holder.kill()
        holder.wait()


def test_geometry_and_splitter_are_remembered(qtbot, demo_path):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.setGeometry(QRect(40, 50, 1234, 777))
    w.open_file(demo_path)
    w.splitter.setSizes([300, 900])
    QApplication.processEvents()
    sizes = w.splitter.sizes()
    w.close()
    w2 = MainWindow()
    qtbot.addWidget(w2)
    w2.show()
    QApplication.processEvents()
    assert (w2.width(), w2.height()) == (1234, 777)
    # the recent list and the welcome page know the file
    assert w2.welcome.recent.item(0).data(0x0100) == str(demo_path.resolve())
    w2.open_file(demo_path)
    QApplication.processEvents()
    assert w2.splitter.sizes() == sizes
    w2.close()


def test_every_menu_is_built_explicitly(qtbot):
    """No optional features: the 문서, 가져오기/내보내기 and 도움말 menus are always there."""
    w = MainWindow()
    qtbot.addWidget(w)
    menu = w.menu("documents")
    entries = [a for a in menu.actions() if not a.isSeparator()]
    flat = []  # the entries of the menu and of its submenus (한글(HWPX)로 만들기), in order
    for a in entries:
        flat += menu_texts(a.menu()) if a.menu() else [a.text().split("\t")[0]]
    assert flat == [a.text().split("\t")[0] for a in w.document_actions.actions.values()]
    assert "한글(HWPX)로 만들기" in menu_texts(menu)
    assert "부서 통합문서 가져오기…" in menu_texts(w.menu("exchange"))
    assert w.about_action in w.menu("help").actions()
    for key in ("documents", "exchange", "help"):
        assert w.menu(key).menuAction().isVisible()
    w.close()


def test_new_plan_then_add_a_strategy_and_project(qtbot, tmp_path, monkeypatch):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    target = tmp_path / "새 계획.sbplan"
    seen = {}
    from PySide6.QtCore import QStandardPaths

    def fill():
        from sbdesk.ui.dialogs.new_plan_dialog import NewPlanDialog

        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, NewPlanDialog)
        docs = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
        seen["default"] = dlg.path.text()
        assert seen["default"].startswith(docs or str(Path.home()))  # Documents, whole path
        dlg.province.setCurrentText("경기도")
        dlg.name.setText("가평군")
        seen["titles"] = dlg.titles_label.text()
        dlg.path.setText(str(target))
        dlg._accept()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, fill)
    w.file_actions.new.trigger()
    assert w.store is not None and w.store.path == target
    assert "경기도 가평군 제" in w.plan_label.text()
    assert "가평군수" in seen["titles"] and "경기도지사 귀하" in seen["titles"]
    muni = w.store.municipality()
    assert (muni.head_title, muni.submitted_to) == ("가평군수", "경기도지사")
    assert muni.council_name == "가평군 지역사회보장협의체"
    w.tree.select("system", "I")
    answer_next_dialog("OK", text="함께 사는 가평")
    w.tree.act_add_strategy.trigger()
    st = w.store.strategies("I")[0]
    assert st.title == "함께 사는 가평" and w.tree.current() == ("strategy", st.id)
    answer_next_dialog("OK", text="경로당 순회 건강교실")
    w.tree.act_add.trigger()
    assert w.store.project_by_code("I-1-1").name == "경로당 순회 건강교실"
    assert w.card_editor.title.text() == "I-1-1  경로당 순회 건강교실"
    w.close()


def test_save_as_and_backup(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    editor = open_card(window, "I-3-1")
    type_text(editor.section("owner").fields["Card.phone"], "02-000-0000")  # still being typed
    original = window.store.path
    answers = iter([str(tmp_path / "backup"), str(tmp_path / "copy.sbplan")])
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (next(answers), ""))
    )
    state = answer_next_dialog("OK")
    window.file_actions.backup.trigger()
    assert state["done"] and "백업을 만들었습니다" in state["seen"]
    assert window.store.path == original
    window.file_actions.save_as.trigger()
    assert window.store.path == tmp_path / "copy.sbplan"
    assert not Path(str(original) + ".lock").exists()
    for path in (original, tmp_path / "backup.sbplan", tmp_path / "copy.sbplan"):
        assert planfile.inspect(path) == planfile.SCHEMA_VERSION
        with PlanStore(path, read_only=True) as s:  # the typed text was committed first
            assert s.card(s.project_by_code("I-3-1").id, 2023).phone == "02-000-0000"
    assert make_backup(original, tmp_path / "again.sbplan").exists()


def test_demo_is_built_once_in_the_data_folder(qtbot):
    from sbdesk import paths

    t = time.time()
    path = ensure_demo()
    assert path == paths.demo_plan_path() and planfile.inspect(path) == planfile.SCHEMA_VERSION
    mtime = path.stat().st_mtime
    assert ensure_demo() == path and path.stat().st_mtime == mtime
    assert time.time() - t < 60


def test_first_start_fits_the_screen_and_shows_names_in_the_tree(qtbot, demo_path):
    """No saved geometry (first start): the window fits the screen (a 1366×768 office PC),
    the tree is wide enough for the code, a name and both rates, the dock stays low."""
    from sbdesk.ui.main_window import TREE_MIN_WIDTH

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    avail = w.screen().availableGeometry()
    assert w.width() <= max(avail.width(), 1500) and w.height() <= max(avail.height(), 940)
    if avail.width() < 1500 or avail.height() < 940:
        assert w.isMaximized()
    assert w.open_file(demo_path)
    qtbot.waitExposed(w)
    assert w.tree.minimumWidth() == TREE_MIN_WIDTH
    qtbot.waitUntil(lambda: w.splitter.sizes()[0] >= TREE_MIN_WIDTH)
    name_width = w.tree.view.header().sectionSize(0)
    assert name_width >= w.tree.view.fontMetrics().horizontalAdvance("I-1-1 200가구 보듬")
    w.validation.wait()
    w.close()

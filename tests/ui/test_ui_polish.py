"""Polish found by the new-district walkthrough (issue 9 item 7), in the real window:
Qt's own dialogs speak Korean, a new project's card opens at its top, a deleted row
leaves no gap."""

from __future__ import annotations

import re
import time

from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit, QPushButton
from uihelpers import answer_next_dialog, project_id

HANGUL = re.compile(r"[가-힣]")


def _spin(seconds: float = 0.4) -> None:
    """Let pending timers (grid fitting, focus) run, as the user's event loop would."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()


def test_qt_file_dialog_labels_are_korean(qtbot, tmp_path):
    """Qt's own file dialog (the one used where the system has none): every label Korean,
    including the two Qt 6 gave a shortcut mark ("&Look in:", "Files of &type:")."""
    dlg = QFileDialog(None, "계획 파일 열기", str(tmp_path), "sbdesk 계획 (*.sbplan)")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dlg)
    dlg.show()
    labels = {w.objectName(): w.text() for w in dlg.findChildren(QLabel) if w.objectName()}
    for name in ("lookInLabel", "fileNameLabel", "fileTypeLabel"):
        assert HANGUL.search(labels[name]), (name, labels[name])
    assert labels["lookInLabel"] == "다음에서 찾기(&L):"
    assert labels["fileTypeLabel"] == "파일 형식(&T):"
    buttons = {b.text().replace("&", "") for b in dlg.findChildren(QPushButton)}
    assert "취소" in buttons and any(t.startswith("열기") for t in buttons)
    assert not any("Look in" in t or "Files of" in t for t in labels.values())
    dlg.close()


def test_a_new_project_opens_at_the_top_of_its_card(window, qtbot):
    editor = window.card_editor
    pid = project_id(window, "I-3-1")
    window.open_project(pid)
    _spin()
    bar = editor.scroll.verticalScrollBar()
    # the user was working in the middle of a card, a field focused …
    editor._jump(6)
    field = next(w for w in editor.section("content").findChildren(QLineEdit) if w.isVisible())
    field.setFocus()
    _spin(0.1)
    assert bar.value() > 300
    # … and adds a project from the tree (편집 → 사업 추가)
    state = answer_next_dialog("OK", text="새 돌봄 사업")
    window.tree.act_add.trigger()
    qtbot.waitUntil(lambda: state["done"], timeout=3000)
    _spin()
    new = window.store.project_by_code("I-3-2")
    assert new.name == "새 돌봄 사업" and editor.project_id == new.id
    assert bar.value() == 0
    # from a strategy page, after the card of another project was scrolled down too
    window.open_project(pid)
    _spin()
    editor._jump(6)
    window.tree.select("strategy", window.store.get(type(new), new.id).strategy_id)
    _spin(0.1)
    state = answer_next_dialog("OK", text="또 새 사업")
    window.level_page.bar.buttons["add"].click()
    qtbot.waitUntil(lambda: state["done"], timeout=3000)
    _spin()
    assert editor.title.text().endswith("또 새 사업")
    assert bar.value() == 0


def test_a_deleted_row_leaves_no_gap(window):
    editor = window.card_editor
    window.open_project(project_id(window, "I-3-1"))
    _spin()
    sec = editor.section("partners")
    table = sec.tables["Partner:partners"]
    after = editor.section("monitoring")

    def gap() -> int:
        return after.y() - (sec.y() + sec.height())

    def table_gap() -> int:  # between the grid's last row and the buttons below it
        view = table.view
        return view.height() - (view.horizontalHeader().height() + view.verticalHeader().length())

    before_gap, before_table = gap(), table_gap()
    height = table.view.height()
    n = table.view.model().rowCount()
    assert n >= 3
    for i in range(2):
        table.view.setCurrentIndex(table.view.model().index(0, 0))
        table.delete_row()
        _spin()
        assert table.view.model().rowCount() == n - 1 - i
        assert gap() == before_gap and table_gap() == before_table
    assert table.view.height() < height

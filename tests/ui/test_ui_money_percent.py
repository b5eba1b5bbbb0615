"""A percentage typed or pasted into a money cell of the card editor is refused in Korean, nothing written.

The import refuses a %-formatted number in a money cell (issue 13, item 12); the editor
refuses "95%" the same way: the message names the source row and the field, the cell
keeps what was typed (marked), the plan file is not touched and there is nothing to undo.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from uihelpers import cell_text, edit_cell, open_card

from sbdesk.models import fields


@pytest.mark.parametrize(
    ("column", "field", "typed"),
    [
        (2, "plan_amount", "95%"),
        (4, "annual_amount", "95 %"),
        (4, "annual_amount", "９５％"),  # full width, as an IME types it
        (6, "executed_amount", "95%"),
        (6, "executed_amount", "95퍼센트"),  # Hangul, typed through the input method
    ],
)
def test_a_percentage_in_a_money_cell_is_refused(window, qtbot, demo_path, column, field, typed):
    editor = open_card(window, "I-3-1")
    section = editor.section("budget")
    model = section.budget_model
    row = next(i for i, r in enumerate(model.rows) if r.source == "district")
    shown = cell_text(model, row, column)
    before = demo_path.read_bytes()
    edit_cell(qtbot, section.table.view, row, column, typed)
    msg = section.table.message.text()
    assert section.table.message.isVisible()
    assert "시·군·구비" in msg and fields.title("BudgetLine", field) in msg, msg
    assert "백분율(%)" in msg and typed in msg, msg
    assert cell_text(model, row, column) == typed  # kept as typed, marked
    assert model.index(row, column).data(Qt.BackgroundRole).color().name() == "#fde2e1"
    assert demo_path.read_bytes() == before
    assert window.undo_stack.count() == 0
    # a real amount clears the mark and is written
    edit_cell(qtbot, section.table.view, row, column, "95")
    assert not section.table.message.isVisible()
    assert cell_text(model, row, column) == "95" != shown
    assert window.undo_stack.count() == 1


def test_a_percentage_never_adds_a_budget_line(window, qtbot, demo_path):
    editor = open_card(window, "I-3-1")
    section = editor.section("budget")
    model = section.budget_model
    row = next(i for i, r in enumerate(model.rows) if r.source == "province")
    assert model.rows[row].line is None  # an empty source: typing there adds its line
    before = demo_path.read_bytes()
    edit_cell(qtbot, section.table.view, row, 4, "95%")
    assert "백분율(%)" in section.table.message.text()
    assert model.rows[row].line is None
    assert demo_path.read_bytes() == before and window.undo_stack.count() == 0


def test_a_pasted_percentage_writes_nothing(window, qtbot, demo_path):
    editor = open_card(window, "I-3-1")
    section = editor.section("budget")
    model = section.budget_model
    view = section.table.view
    row = next(i for i, r in enumerate(model.rows) if r.source == "district")
    before = demo_path.read_bytes()
    view.setFocus()
    view.setCurrentIndex(model.index(row, 4))
    QGuiApplication.clipboard().setText("120\t\t95%\n")  # 예산 120, 집행 "95%" copied from Excel
    qtbot.keyClick(view, Qt.Key_V, Qt.ControlModifier)
    msg = section.table.message.text()
    assert "붙여넣지 않았습니다" in msg and "백분율(%)" in msg, msg
    assert demo_path.read_bytes() == before and window.undo_stack.count() == 0

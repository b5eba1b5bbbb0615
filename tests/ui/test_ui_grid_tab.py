"""Tab in a card table moves cell by cell inside it (as in Excel) and leaves only at the end.

Issue 13, item 16: typing "90" and Tab in one table replaced 추진체계's
"광진구청 복지정책과" with "90". Real key events (pytest-qt) on the real card editor.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sbdesk import models as m

try:
    from .uihelpers import open_card
except ImportError:  # tests/ui is not a package
    from uihelpers import open_card

CODE = "I-1-1"


def _grid(editor, name):
    from sbdesk.ui.widgets.grid_view import GridView

    return editor.findChild(GridView, f"grid.{name}")


def _focus_view(view):
    w = QApplication.focusWidget()
    while w is not None and w is not view:
        w = w.parentWidget()
    return w is view


def test_tab_walks_the_cells_of_one_table_and_typing_stays_in_it(qtbot, window):
    editor = open_card(window, CODE)
    ind = _grid(editor, "성과지표")
    partners = _grid(editor, "추진체계")
    model = ind.model()
    pmodel = partners.model()
    agency_before = [pmodel.index(r, 0).data() for r in range(pmodel.rowCount())]
    assert "광진구청 복지정책과" in agency_before
    editable = [
        (r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.flags(model.index(r, c)) & Qt.ItemIsEditable
    ]
    assert len(editable) >= 4
    r0, c0 = editable[0]
    ind.setFocus(Qt.OtherFocusReason)
    ind.setCurrentIndex(model.index(r0, c0))
    QApplication.processEvents()
    visited = [(r0, c0)]
    for _ in range(len(editable) - 1):  # Tab without editing: the next editable cell
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        QApplication.processEvents()
        assert _focus_view(ind), QApplication.focusWidget()
        cur = ind.currentIndex()
        visited.append((cur.row(), cur.column()))
    assert visited == editable
    # Shift+Tab goes back one cell
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Backtab, Qt.ShiftModifier)
    assert (ind.currentIndex().row(), ind.currentIndex().column()) == editable[-2]
    # Tab inside the multi-line editor of a long text cell (성과지표명): the case of the issue
    long_cell = model.index(*editable[0])
    ind.setCurrentIndex(long_cell)
    ind.edit(long_cell)
    QApplication.processEvents()
    qtbot.keyClicks(QApplication.focusWidget(), "X")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    QApplication.processEvents()
    assert _focus_view(ind), QApplication.focusWidget()
    assert (ind.currentIndex().row(), ind.currentIndex().column()) == editable[1]
    assert str(long_cell.data()).endswith("X")
    # typing "90", Tab, "90": both values land in this table, cell after cell
    actual_col = next(
        c for c in range(model.columnCount()) if "실적" in str(model.headerData(c, Qt.Horizontal))
    )
    target = (0, actual_col)
    nxt = editable[editable.index(target) + 1]
    ind.setCurrentIndex(model.index(*target))
    qtbot.keyClick(ind, "9")  # starts the editor (AnyKeyPressed), as in Excel
    qtbot.keyClicks(QApplication.focusWidget(), "0")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    QApplication.processEvents()
    assert _focus_view(ind), QApplication.focusWidget()
    assert (ind.currentIndex().row(), ind.currentIndex().column()) == nxt
    qtbot.keyClick(ind, "9")
    qtbot.keyClicks(QApplication.focusWidget(), "0")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    QApplication.processEvents()
    assert "90" in str(model.index(*target).data()) and "90" in str(model.index(*nxt).data())
    assert [pmodel.index(r, 0).data() for r in range(pmodel.rowCount())] == agency_before
    store = window.store
    card = store.card(store.project_by_code(CODE).id, window.year)
    assert "광진구청 복지정책과" in [p.agency for p in store.list(m.Partner, card_id=card.id)]


def test_tab_leaves_the_table_only_after_its_last_cell(qtbot, window):
    editor = open_card(window, CODE)
    ind = _grid(editor, "성과지표")
    model = ind.model()
    last = max(
        (r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.flags(model.index(r, c)) & Qt.ItemIsEditable
    )
    ind.setFocus(Qt.OtherFocusReason)
    ind.setCurrentIndex(model.index(*last))
    qtbot.keyClick(ind, Qt.Key_Tab)
    QApplication.processEvents()
    assert not _focus_view(ind)
    # coming back with Shift+Tab lands on the last cell again, not anywhere else
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Backtab, Qt.ShiftModifier)
    QApplication.processEvents()
    assert _focus_view(ind)
    assert (ind.currentIndex().row(), ind.currentIndex().column()) == last


def test_indicator_values_in_the_editor_keep_the_unit_and_warn(qtbot, window):
    """Issue 13, item 13 in the editor: "약 1,108" is warned; a retyped number keeps the unit."""
    try:
        from .uihelpers import edit_cell
    except ImportError:
        from uihelpers import edit_cell

    editor = open_card(window, CODE)
    ind = _grid(editor, "성과지표")
    model = ind.model()
    col = next(
        c for c in range(model.columnCount()) if "실적" in str(model.headerData(c, Qt.Horizontal))
    )
    row = 0
    ident = model.rows[row].id
    assert window.store.get(m.Indicator, ident).actual == "211 (가구)"
    messages = []
    model.message.connect(messages.append)
    edit_cell(qtbot, ind, row, col, "300")
    assert window.store.get(m.Indicator, ident).actual == "300 (가구)"
    edit_cell(qtbot, ind, row, col, "약 1,108")
    assert window.store.get(m.Indicator, ident).actual == "약 1,108"  # kept as typed
    assert any("확인" in t and "숫자로 읽히지 않아" in t for t in messages), messages

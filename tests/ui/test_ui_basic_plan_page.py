"""The 기본계획 page: its note (the demo says its 2024–2026 figures are examples) and a
6th-term plan's budgets per funding source (시·도비, 시·군·구비, 기타)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from uihelpers import type_text

from sbdesk import models as m
from sbdesk.services.basic_plan import basic_plan_note
from sbdesk.services.store import PlanStore


def test_demo_basic_plan_page_says_its_figures_are_examples(window, demo_path):
    page = window.plan_pages.show("basic_plan")
    QApplication.processEvents()
    note = page.note.toPlainText()
    assert "2023년 기본계획 수치를 그대로 되풀이한 예시 값" in note
    assert "2024~2026년" in note and page.note.isVisible()
    # the 2024 column shows the repeated figures
    grid = page.grids[0]
    heads = [grid.table.horizontalHeaderItem(c).text() for c in range(grid.table.columnCount())]
    c23, c24 = heads.index("'23 목표"), heads.index("'24 목표")
    rows = [r for r in range(grid.table.rowCount()) if grid.table.item(r, c23).text().strip()]
    assert rows and all(
        grid.table.item(r, c24).text() == grid.table.item(r, c23).text() for r in rows
    )
    # the note is the user's to edit: written on leaving it, undoable, kept in the file
    type_text(page.note, "2025~2026년은 잠정치")
    page.note.commit()
    assert basic_plan_note(window.store) == "2025~2026년은 잠정치"
    window.act_undo.trigger()
    QApplication.processEvents()
    assert basic_plan_note(window.store) == note
    assert page.note.toPlainText() == note
    window.act_redo.trigger()
    window.close()
    with PlanStore(demo_path, read_only=True) as store:
        assert basic_plan_note(store) == "2025~2026년은 잠정치"
        assert len(store.list(m.YearText, year=0)) == 1

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


def test_sixth_term_basic_plan_takes_budgets_per_source(qtbot, demo_path, tmp_path):
    from PySide6.QtCore import Qt

    from sbdesk.services.new_term import new_term
    from sbdesk.ui.main_window import MainWindow
    from sbdesk.ui.pages.plan.basic_plan_page import ROW_ID, ROW_KIND, ROW_SOURCE

    path = tmp_path / "d6.sbplan"
    new_term(demo_path, path, term=6)
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1500, 950)
    w.show()
    assert w.open_file(path)
    # a 6th-term plan shows its own plan page in the tree (a 5th-term plan does not)
    plan_group = w.tree.model.root.children[0]
    assert [c.ident for c in plan_group.children] == ["plan", "basic_plan", "term6_links"]
    page = w.plan_pages.show("basic_plan")
    QApplication.processEvents()
    assert w.tree.current() == ("page", "basic_plan")
    assert "재원별" in page.subtitle.text()

    def grid_rows():
        t = page.grids[0].table
        return t, [
            (t.item(r, 0).data(ROW_KIND), t.item(r, 0).data(ROW_ID), t.item(r, 0).data(ROW_SOURCE))
            for r in range(t.rowCount())
        ]

    t, rows = grid_rows()
    heads = [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]
    col = heads.index("'27 예산")
    prow = next(r for r, (k, _i, _s) in enumerate(rows) if k == "project")
    pid = rows[prow][1]
    src_rows = [r for r, (k, i, _s) in enumerate(rows) if k == "project_src" and i == pid]
    assert [rows[r][2] for r in src_rows] == ["province", "district", "other"]
    assert [t.item(r, 1).text().strip() for r in src_rows] == ["①시·도비", "②시·군·구비", "③기타"]
    # the project row is the computed sum: not editable; the source rows are
    assert not t.item(prow, col).flags() & Qt.ItemIsEditable
    assert t.item(src_rows[1], col).flags() & Qt.ItemIsEditable
    before = {s: w.store.term_budget(pid, 2027, s) for s in ("province", "district", "other")}
    t.item(src_rows[0], col).setText("7.5")
    QApplication.processEvents()
    t, rows = grid_rows()
    t.item(src_rows[1], col).setText("12.5")
    QApplication.processEvents()
    assert w.store.term_budget(pid, 2027, "province") == "7.5"
    assert w.store.term_budget(pid, 2027, "district") == "12.5"
    t, rows = grid_rows()
    other = w.store.term_budget(pid, 2027, "other") or "0"
    from decimal import Decimal

    want = Decimal("7.5") + Decimal("12.5") + Decimal(other)
    assert t.item(prow, col).text().replace(",", "") == f"{want.normalize():f}"
    # bad input: a Korean message naming the year and the source, nothing written
    t.item(src_rows[2], col).setText("많이")
    QApplication.processEvents()
    assert page.message.isVisible() and "2027" in page.message.text()
    assert "기타" in page.message.text()
    assert w.store.term_budget(pid, 2027, "other") == before["other"]
    # each cell is one undo step
    w.act_undo.trigger()
    QApplication.processEvents()
    assert w.store.term_budget(pid, 2027, "district") == before["district"]
    w.act_undo.trigger()
    assert w.store.term_budget(pid, 2027, "province") == before["province"]
    w.act_redo.trigger()
    w.validation.wait()
    w.close()
    with PlanStore(path, read_only=True) as store:
        assert store.term_budget(pid, 2027, "province") == "7.5"

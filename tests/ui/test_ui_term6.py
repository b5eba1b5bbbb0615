"""A 6th-term plan in the app: moving a project keeps its number; undo; renumbering."""

from __future__ import annotations

import pytest

from sbdesk import models as m
from sbdesk.services.new_term import new_term
from sbdesk.services.store import PlanStore
from sbdesk.ui.main_window import MainWindow


@pytest.fixture
def d6_path(demo_path, tmp_path):
    path = tmp_path / "d6.sbplan"
    new_term(demo_path, path, term=6)
    return path


@pytest.fixture
def window6(qtbot, d6_path):
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1500, 950)
    w.show()
    assert w.open_file(d6_path)
    qtbot.waitExposed(w)
    yield w
    w.validation.wait()


def test_move_to_another_strategy_keeps_the_number_and_undo_restores(window6, d6_path):
    store = window6.store
    p = store.project_by_code("I-1-3")
    first, second = store.strategies("I")[:2]
    window6.session.move_project_to(p.id, second.id)
    assert store.get(m.Project, p.id).strategy_id == second.id
    assert store.codes()[p.id] == "I-1-3"
    window6.act_undo.trigger()
    back = store.get(m.Project, p.id)
    assert back.strategy_id == first.id and store.codes()[p.id] == "I-1-3"
    assert [x.id for x in store.projects(first.id)].index(p.id) == 2
    window6.act_redo.trigger()
    assert store.get(m.Project, p.id).strategy_id == second.id
    window6.close()
    with PlanStore(d6_path, read_only=True) as s:
        assert s.get(m.Project, p.id).strategy_id == second.id
        assert s.codes()[p.id] == "I-1-3"


def test_renumbering_is_one_undoable_step(window6):
    store = window6.store
    p = store.project_by_code("I-1-3")
    window6.session.move_project_to(p.id, store.strategies("I")[1].id)
    before = store.codes()
    window6.session.renumber_projects()
    assert store.codes()[p.id].startswith("I-2-")
    window6.act_undo.trigger()
    assert store.codes() == before


def test_sixth_term_card_has_code_pickers_and_no_national_row(window6, d6_path):
    from uihelpers import open_card

    editor = open_card(window6, "I-1-1")
    sec = editor.section("classification")
    assert not sec.isHidden()
    assert len(sec.pickers) == 6
    assert editor.section("project").new_label.text() == "6기 신규 여부"
    household = sec.pickers["cls_household"]
    assert household.count() == 13  # "선택 안 함" + ①–⑫
    household.setCurrentIndex(12)
    household.activated.emit(12)
    pid = window6.store.project_by_code("I-1-1").id
    assert window6.store.get(m.Project, pid).cls_household == 12
    sec.area_boxes[2].setChecked(True)
    assert window6.store.get(m.Project, pid).basic_plan_areas == [3]
    window6.act_undo.trigger()
    assert window6.store.get(m.Project, pid).basic_plan_areas == []
    window6.act_undo.trigger()
    assert window6.store.get(m.Project, pid).cls_household is None
    labels = [
        editor.section("budget").budget_model.row_label(r)
        for r in editor.section("budget").budget_model.rows
    ]
    assert not any("국비" in x for x in labels)
    assert any("시·도비" in x for x in labels)
    # the section list offers the classification section
    names = [
        editor.section_list.item(i).text()
        for i in range(editor.section_list.count())
        if not editor.section_list.item(i).isHidden()
    ]
    assert "사업 분류 · 기본계획 연계" in names
    window6.close()
    with PlanStore(d6_path, read_only=True) as s:
        assert s.get(m.Project, pid).cls_household is None  # undone before closing


def test_fifth_term_card_is_unchanged(window):
    from uihelpers import open_card

    editor = open_card(window, "I-1-1")
    assert editor.section("classification").isHidden()
    assert editor.section("project").new_label.text() == "신규 여부"
    labels = [
        editor.section("budget").budget_model.row_label(r)
        for r in editor.section("budget").budget_model.rows
    ]
    assert any("국비" in x for x in labels)


def test_file_menu_makes_a_new_term_plan_and_leaves_the_old_file(window, demo_path, monkeypatch):
    import hashlib

    from PySide6.QtWidgets import QFileDialog

    window.commit_pending()
    target = demo_path.with_name("d-제6기.sbplan")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert window.file_actions.new_term.isEnabled()
    window.close_file()
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    assert window.open_file(demo_path)
    window.file_actions.new_term.trigger()
    assert window.store.path == target and window.store.plan().term == 6
    assert not window.file_actions.new_term.isEnabled()  # already the 6th term
    assert window.store.project_by_code("I-1-1").new_in_term is False
    window.close_file()
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before


def test_tree_moves_a_project_through_the_dialog_and_renumbers(window6):
    from uihelpers import answer_next_dialog

    store = window6.store
    p = store.project_by_code("I-1-3")
    window6.tree.select("project", p.id)
    assert window6.tree.act_move_to.isEnabled() and window6.tree.act_renumber.isEnabled()
    second = store.strategies("I")[1]
    target = next(t for t in window6.tree.move_targets(p.id) if t[1] == second.id)
    answer_next_dialog("OK", text=target[0])
    window6.tree.act_move_to.trigger()
    assert store.get(m.Project, p.id).strategy_id == second.id
    assert store.codes()[p.id] == "I-1-3"
    state = answer_next_dialog("다시 매기기")
    window6.tree.act_renumber.trigger()
    assert state["done"] and "사업번호" in state["seen"], state
    assert store.codes()[p.id].startswith("I-2-")
    window6.act_undo.trigger()
    assert store.codes()[p.id] == "I-1-3"
    window6.act_undo.trigger()
    assert store.get(m.Project, p.id).strategy_id == store.strategies("I")[0].id


def test_fifth_term_tree_has_no_renumbering(window):
    assert not window.tree.act_renumber.isEnabled()


def test_four_year_budget_and_targets_are_edited_on_the_card(window6):
    from uihelpers import open_card

    store = window6.store
    pid = store.project_by_code("I-1-1").id
    editor = open_card(window6, "I-1-1")
    sec = editor.section("term_plan")
    assert not sec.isHidden()
    b = sec.budget
    assert [b.horizontalHeaderItem(c).text() for c in range(b.columnCount())] == [
        "2026년", "2027년", "2028년", "2029년", "2030년",
    ]  # fmt: skip
    rows = [b.verticalHeaderItem(r).text() for r in range(b.rowCount())]
    assert rows == ["계(①+②+③)", "①시·도비", "②시·군·구비", "③기타"]
    b.item(1, 1).setText("12.34")  # 2027 시·도비
    assert store.term_budget(pid, 2027, "province") == "12.34"
    b.item(2, 1).setText("30")
    assert sec.budget.item(0, 1).text() == "42.34"  # the computed 계
    sec.budget.item(2, 0).setText("/")
    assert store.term_budget(pid, 2026, "district") == "/"
    sec.budget.item(1, 2).setText("약 5")  # refused, named, nothing stored
    assert "2028년 시·도비 사업비" in sec.message.text()
    assert store.term_budget(pid, 2028, "province") == ""
    t = sec.indicators
    col_2027 = 3 + 1
    t.item(0, col_2027).setText("180가구")
    bi = store.list(m.BasicIndicator, project_id=pid)[0]
    assert bi.targets["2027"] == "180가구"
    window6.act_undo.trigger()
    assert "2027" not in store.get(m.BasicIndicator, bi.id).targets
    window6.act_undo.trigger()
    assert store.term_budget(pid, 2026, "district") != "/"


def test_fifth_term_card_has_no_four_year_section(window):
    from uihelpers import open_card

    assert open_card(window, "I-1-1").section("term_plan").isHidden()


def test_strategy_page_edits_its_four_year_indicator(window6):
    store = window6.store
    st = store.strategies("I")[0]
    window6.tree.select("strategy", st.id)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    page = window6.level_page
    assert window6.pages.currentWidget() is page and not page.term_grid.isHidden()
    grid = page.term_grid
    assert grid.table.rowCount() == 1  # carried from the 5th-term strategy indicator
    heads = [grid.table.horizontalHeaderItem(c).text() for c in range(grid.table.columnCount())]
    assert heads[2] == "지표정의" and heads[-3:] == ["목표설정 근거", "자료출처", "유형"]
    grid.table.item(0, 2).setText("신규 수급자 수 ÷ 추정 대상자 수 × 100")
    bi = store.list(m.BasicIndicator, strategy_id=st.id)[0]
    assert bi.definition.startswith("신규 수급자 수")
    from sbdesk.services.check import run_checks

    msgs = [f.message for f in run_checks(store, 2027) if f.row_id == bi.id]
    assert not any("지표정의" in x for x in msgs) and any("자료출처" in x for x in msgs)
    window6.act_undo.trigger()
    assert store.get(m.BasicIndicator, bi.id).definition == ""


def test_documents_menu_makes_the_sixth_term_plan(window6, qtbot):
    actions = window6.document_actions
    assert "제6기 계획 (총괄표·목표설정·첨부)…" in [
        a.text() for a in window6.menu("documents").actions()
    ]
    task = actions.make("term-plan")
    qtbot.waitUntil(lambda: task.finished_flag, timeout=60000)
    qtbot.waitUntil(lambda: bool(actions.previews), timeout=10000)
    preview = actions.previews[-1]
    qtbot.waitUntil(lambda: preview.page_count() > 44, timeout=10000)
    for p in list(actions.previews):
        p.close()


def _tf_page(window):
    from PySide6.QtWidgets import QApplication

    page = window.plan_pages.show("tf")
    QApplication.processEvents()
    return page


def test_tf_page_sets_the_tft_category_undo_redo_reopen(window6, qtbot, d6_path):
    from PySide6.QtWidgets import QAbstractItemDelegate, QApplication
    from uihelpers import edit_cell

    page = _tf_page(window6)
    section = page.members
    model = section.rows_model
    col = next(i for i, c in enumerate(model.columns) if c.field == "category")
    assert not section.table.view.isColumnHidden(col)
    labels = [t for t, _v in model.columns[col].choices]
    assert labels[1:] == [
        "공무원 · 담당자", "공무원 · 유관부서 담당자", "시·군·구 지역사회보장협의체 · 위원",
        "시·군·구 지역사회보장협의체 · 전담인력", "민관협력 · 민간기관/시설", "민관협력 · 기타",
    ]  # fmt: skip
    n = model.rowCount()
    section.table.add_row()
    QApplication.processEvents()
    edit_cell(qtbot, section.table.view, n, 1, "김위원")
    row_id = model.rows[n].id
    # the real combo editor: choose 전담인력
    index = model.index(n, col)
    view = section.table.view
    view.setCurrentIndex(index)
    view.edit(index)
    QApplication.processEvents()
    combo = view.indexWidget(index) or QApplication.focusWidget()
    combo.setCurrentIndex(combo.findData("전담인력"))
    view.commitData(combo)
    view.closeEditor(combo, QAbstractItemDelegate.NoHint)
    QApplication.processEvents()
    store = window6.store
    assert store.get(m.TFMember, row_id).category == "전담인력"
    assert model.data(index) == "시·군·구 지역사회보장협의체 · 전담인력"
    window6.undo_stack.undo()
    QApplication.processEvents()
    assert store.get(m.TFMember, row_id).category == ""
    window6.undo_stack.redo()
    QApplication.processEvents()
    assert store.get(m.TFMember, row_id).category == "전담인력"
    window6.close_file()
    with PlanStore(d6_path, read_only=True) as s:
        got = s.get(m.TFMember, row_id)
        assert (got.name, got.category) == ("김위원", "전담인력")
        # the 첨부1 composition counts it
        from sbdesk.services.term_plan import load_term_plan

        tp = load_term_plan(s)
        assert [x.category for x in tp.tf_members] == ["전담인력"]


def test_fifth_term_tf_page_has_no_category_column(window):
    page = _tf_page(window)
    model = page.members.rows_model
    col = next(i for i, c in enumerate(model.columns) if c.field == "category")
    assert page.members.table.view.isColumnHidden(col)

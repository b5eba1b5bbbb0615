"""Tree operations through the real panel: reorder, add, rename, remove — saved and undoable."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QApplication
from uihelpers import answer_next_dialog, open_card, project_id

from sbdesk import models as m
from sbdesk.services.store import PlanStore


def codes(window, strategy_code: str) -> list[str]:
    st = next(n for s in window.tree.model.systems() for n in s.children if n.code == strategy_code)
    return [f"{p.code} {p.title}" for p in st.projects()]


def test_reorder_a_project_and_undo(window, demo_path):
    pid = project_id(window, "I-3-1")
    other = project_id(window, "I-3-2")
    other_name = window.store.get(m.Project, other).name
    window.tree.select("project", pid)
    assert window.tree.act_up.isEnabled() is False
    assert window.tree.act_down.isEnabled()
    window.tree.act_down.trigger()
    assert window.store.codes()[pid] == "I-3-2"
    assert window.store.codes()[other] == "I-3-1"
    assert window.tree.current() == ("project", pid)
    assert codes(window, "I-3")[:2] == [f"I-3-1 {other_name}", "I-3-2 광진형 돌봄SOS 사업"]
    # the card follows the project (ids, not numbers) and shows the new number
    assert window.card_editor.title.text() == "I-3-2  광진형 돌봄SOS 사업"
    assert window.card_editor.section("project").code.text() == "I-3-2"
    ov = {f.id: f.code for f in window.overview.model.rows}
    assert ov[pid] == "I-3-2" and ov[other] == "I-3-1"
    window.act_undo.trigger()
    assert window.store.codes()[pid] == "I-3-1"
    assert codes(window, "I-3")[0] == "I-3-1 광진형 돌봄SOS 사업"
    window.act_redo.trigger()
    assert window.store.codes()[pid] == "I-3-2"
    window.close()
    with PlanStore(demo_path, read_only=True) as store:
        assert store.project_by_code("I-3-2").name == "광진형 돌봄SOS 사업"
        assert store.card(pid, 2023).officer == "원지은"


def test_add_project_through_the_dialog_then_undo(window):
    anchor = project_id(window, "I-3-3")
    window.tree.select("project", anchor)
    answer_next_dialog("OK", text="어르신 말벗 서비스")
    window.tree.act_add.trigger()
    QApplication.processEvents()
    new = window.store.project_by_code("I-3-4")
    assert new is not None and new.name == "어르신 말벗 서비스"
    assert window.store.card(new.id, 2023) is not None
    assert window.card_editor.project_id == new.id
    assert len(codes(window, "I-3")) == 7
    assert codes(window, "I-3")[4].startswith("I-3-5 ")  # the old I-3-4 moved down
    window.act_undo.trigger()
    assert len(codes(window, "I-3")) == 6
    assert window.store.get(m.Project, new.id) is None


def test_remove_asks_first_and_undo_restores_everything(window, demo_path):
    pid = project_id(window, "I-3-1")
    second = window.store.project_by_code("I-3-2").name
    card = window.store.card(pid, 2023)
    n_ind = len(window.store.card_rows(card.id).indicators)
    window.tree.select("project", pid)
    state = answer_next_dialog("취소")
    window.tree.act_remove.trigger()
    assert (
        state["done"]
        and "광진형 돌봄SOS 사업" in state["seen"]
        and "되돌릴 수 있습니다" in state["seen"]
    )
    assert window.store.get(m.Project, pid) is not None
    answer_next_dialog("삭제")
    window.tree.act_remove.trigger()
    assert window.store.get(m.Project, pid) is None
    assert codes(window, "I-3")[0] == f"I-3-1 {second}"
    assert all(f.id != pid for f in window.overview.model.rows)
    window.act_undo.trigger()
    assert window.store.codes()[pid] == "I-3-1"
    assert len(window.store.card_rows(window.store.card(pid, 2023).id).indicators) == n_ind
    assert codes(window, "I-3")[0] == "I-3-1 광진형 돌봄SOS 사업"


def test_rename_in_place_is_undoable(window):
    pid = project_id(window, "I-1-1")
    idx = window.tree.model.index_of("project", pid)
    assert window.tree.model.setData(idx, "200가구 보듬기")
    assert window.store.get(m.Project, pid).name == "200가구 보듬기"
    assert window.tree.model.index_of("project", pid).data() == "I-1-1  200가구 보듬기"
    answer_next_dialog("OK")
    assert not window.tree.model.setData(window.tree.model.index_of("project", pid), "  ")
    window.act_undo.trigger()
    assert window.store.get(m.Project, pid).name == "200가구 보듬기 사업"


def test_strategy_page_edits_title_and_indicators(window, qtbot):
    st = window.store.strategies("I")[2]
    window.tree.select("strategy", st.id)
    page = window.level_page
    assert window.pages.currentWidget() is page
    assert page.title.text() == f"I-3  {st.title}"
    assert page.projects.rowCount() == 6
    assert page.overview.rowCount() == 1
    model = page.indicators
    n = model.rowCount()
    page.ind_table.add_button.click()
    assert model.rowCount() == n + 1
    row = n
    model.setData(model.index(row, model.column_of("annual_target")), "10건")
    model.setData(model.index(row, model.column_of("actual")), "12")
    assert model.index(row, len(model.columns) - 1).data() == "120.0%"
    rows = window.store.list(m.LevelIndicator, strategy_id=st.id, task_id=None, year=2023)
    assert rows[-1].actual == "12"
    window.act_undo.trigger()
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert model.rowCount() == n


def test_system_page_shows_the_official_overview(window):
    window.tree.select("system", "I")
    page = window.system_page
    assert window.pages.currentWidget() is page
    view = window.store.year_view(2023)
    o = view.system("I").overview
    last = page.table.rowCount() - 1
    assert page.table.item(last, 0).text() == "계"
    assert page.table.item(last, 1).text() == str(o.projects)
    from sbdesk.services.numbers import format_money, format_rate

    assert page.table.item(last, 2).text() == format_money(o.budget)
    assert page.table.item(last, 6).text() == format_rate(o.avg_achievement)
    assert page.table.item(last, 7).text() == format_rate(o.avg_execution)
    assert page.table.item(last, 8).text() == format_rate(o.execution_ratio)
    headers = [page.table.horizontalHeaderItem(i).text() for i in range(page.table.columnCount())]
    assert any("평균 집행률" in h for h in headers) and any("총액 집행률" in h for h in headers)
    # an edit elsewhere updates the page when shown again (live figures)
    editor = open_card(window, "I-3-1")
    section = editor.section("budget")
    row = next(i for i, r in enumerate(section.budget_model.rows) if r.source == "district")
    section.budget_model.setData(section.budget_model.index(row, 6), "0")
    window.tree.select("system", "I")
    o2 = window.store.year_view(2023).system("I").overview
    assert o2.executed == o.executed - Decimal("189.5")
    assert page.table.item(last, 3).text() == format_money(o2.executed)

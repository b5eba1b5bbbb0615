"""The plan and year pages as plan-tree nodes, and the structure buttons on the system and
strategy pages (issue 9 items 2 and 3): real window, real file, undo and redo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication
from uihelpers import answer_next_dialog, project_id

from sbdesk import models as m
from sbdesk.services.store import PlanStore


def _root_titles(window) -> list[tuple[str, str]]:
    model = window.tree.model
    return [(n.kind, n.title) for n in model.root.children]


def _wait(qtbot, state) -> None:
    qtbot.waitUntil(lambda: state["done"] or "error" in state, timeout=3000)
    assert "error" not in state, state


def test_plan_and_year_pages_are_tree_nodes(window, qtbot):
    model = window.tree.model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    kinds = _root_titles(window)
    assert kinds[:2] == [("group", "계획"), ("group", "2023년 보고서")]
    assert [k for k, _t in kinds[2:]] == ["system", "system"]
    plan_group, year_group = model.root.children[:2]
    assert [c.ident for c in plan_group.children] == ["plan", "basic_plan"]
    assert [c.ident for c in year_group.children][:2] == ["review", "narrative"]
    assert len(year_group.children) == 8
    # no 달성률 / 집행률 on a page node, and the overview and figures hold projects only
    idx = model.index_of("page", "review")
    assert idx.siblingAtColumn(1).data() == "" and idx.data().startswith("심의")
    assert len(model.project_ids()) == 44
    assert [n.kind for n in model.systems()] == ["system", "system"]

    # selecting a page node shows its page
    window.tree.select("page", "review")
    QApplication.processEvents()
    assert window.pages.currentWidget() is window.plan_pages.pages["review"]
    # keyboard: from the 계획 group down through its pages, then into the year group
    window.tree.select("group", "plan")
    QApplication.processEvents()
    group_page = window.plan_pages.groups["plan"]
    assert window.pages.currentWidget() is group_page
    assert group_page.title.text() == "계획"
    window.tree.view.setFocus()
    qtbot.keyClick(window.tree.view, Qt.Key_Down)
    assert window.pages.currentWidget() is window.plan_pages.pages["plan"]
    qtbot.keyClick(window.tree.view, Qt.Key_Down)
    assert window.pages.currentWidget() is window.plan_pages.pages["basic_plan"]
    qtbot.keyClick(window.tree.view, Qt.Key_Down)
    assert window.tree.current() == ("group", "year")
    qtbot.keyClick(window.tree.view, Qt.Key_Down)
    assert window.pages.currentWidget() is window.plan_pages.pages["review"]
    # a group page's button opens its page and moves the tree along
    window.tree.select("group", "year")
    QApplication.processEvents()
    window.plan_pages.groups["year"].buttons["tf"].click()
    assert window.pages.currentWidget() is window.plan_pages.pages["tf"]
    assert window.tree.current() == ("page", "tf")
    # another year: the group is renamed, the page stays and shows that year
    window.set_year(2024)
    assert _root_titles(window)[1] == ("group", "2024년 보고서")
    assert window.tree.current() == ("page", "tf")
    assert window.pages.currentWidget() is window.plan_pages.pages["tf"]
    assert "2024" in window.plan_pages.pages["tf"].subtitle.text()
    # a structural edit rebuilds the tree: the page nodes stay
    st = window.store.strategies("I")[0]
    window.session.set_field(m.Strategy, st.id, "title", "새 이름", label="제목", structural=True)
    QApplication.processEvents()
    assert _root_titles(window)[:2] == [("group", "계획"), ("group", "2024년 보고서")]


def test_a_finding_selects_its_page_node(window):
    from sbdesk.services.check import Finding

    f = Finding("error", 2023, None, "", "PlanYear.review_title", None, "회의명을 입력하세요")
    window.plan_pages.jump_to_finding(f)
    QApplication.processEvents()
    assert window.pages.currentWidget() is window.plan_pages.pages["review"]
    assert window.tree.current() == ("page", "review")


def test_strategy_page_buttons_move_rename_delete_with_undo(window, qtbot, demo_path):
    page = window.level_page
    first, second = window.store.strategies("I")[:2]
    window.tree.select("strategy", first.id)
    QApplication.processEvents()
    assert window.pages.currentWidget() is page
    bar = page.bar.buttons
    # greyed out with the reason
    assert not bar["up"].isEnabled()
    assert bar["up"].toolTip() == "첫 번째 전략이라 위로 옮길 수 없습니다"
    assert bar["down"].isEnabled()
    assert not bar["add_task"].isEnabled() and "(II)" in bar["add_task"].toolTip()
    assert bar["add"].isEnabled()
    # move down, undo, redo
    bar["down"].click()
    assert window.store.get(m.Strategy, first.id).number == 2
    assert window.pages.currentWidget() is page and page.title.text().startswith("I-2 ")
    assert not page.bar.buttons["down"].isEnabled() or len(window.store.strategies("I")) > 2
    assert page.bar.buttons["up"].isEnabled()
    window.act_undo.trigger()
    assert window.store.get(m.Strategy, first.id).number == 1
    window.act_redo.trigger()
    assert window.store.get(m.Strategy, first.id).number == 2
    window.act_undo.trigger()
    # rename through the button's dialog
    window.tree.select("strategy", first.id)
    QApplication.processEvents()
    state = answer_next_dialog("OK", text="촘촘한 안전망")
    page.bar.buttons["rename"].click()
    _wait(qtbot, state)
    assert window.store.get(m.Strategy, first.id).title == "촘촘한 안전망"
    window.act_undo.trigger()
    assert window.store.get(m.Strategy, first.id).title == first.title
    # delete: asks first, naming what goes; undo brings everything back
    n_cards = window.store.count(m.Card)
    window.tree.select("strategy", second.id)
    QApplication.processEvents()
    state = answer_next_dialog("삭제")
    page.bar.buttons["remove"].click()
    _wait(qtbot, state)
    assert "사업 카드" in state["seen"]
    assert window.store.get(m.Strategy, second.id) is None
    assert window.pages.currentWidget() is window.system_page  # its system is shown
    window.act_undo.trigger()
    assert window.store.get(m.Strategy, second.id) is not None
    assert window.store.count(m.Card) == n_cards
    window.close()
    with PlanStore(demo_path, read_only=True) as store:
        assert store.get(m.Strategy, first.id).number == 1
        assert store.get(m.Strategy, first.id).title == first.title


def test_strategy_page_project_buttons(window, qtbot):
    page = window.level_page
    pid = project_id(window, "I-3-1")
    st = window.store.get(m.Project, pid).strategy_id
    window.tree.select("strategy", st)
    QApplication.processEvents()
    pbar = page.project_bar.buttons
    assert not pbar["up"].isEnabled() and pbar["up"].toolTip() == "소속 사업 표에서 사업을 고르세요"
    page.choose_project(pid)
    assert page.chosen_project() == pid
    assert not pbar["up"].isEnabled()
    assert pbar["up"].toolTip() == "첫 번째 사업이라 위로 옮길 수 없습니다"
    assert pbar["down"].isEnabled() and pbar["move_to"].isEnabled()
    pbar["down"].click()
    assert window.store.codes()[pid] == "I-3-2"
    assert window.pages.currentWidget() is page  # stays on the strategy page
    assert page.chosen_project() == pid  # the moved project stays chosen
    assert page.projects.item(1, 0).text() == "I-3-2"
    assert pbar["up"].isEnabled()
    window.act_undo.trigger()
    assert window.store.codes()[pid] == "I-3-1"
    # move to another strategy of the same system
    page.choose_project(pid)
    target = window.store.strategies("I")[0]
    state = answer_next_dialog("OK", text=f"I-{target.number}  {target.title}")
    pbar["move_to"].click()
    _wait(qtbot, state)
    assert window.store.get(m.Project, pid).strategy_id == target.id
    assert window.pages.currentWidget() is page
    window.act_undo.trigger()
    assert window.store.get(m.Project, pid).strategy_id == st
    # rename and delete the chosen project
    page.choose_project(pid)
    state = answer_next_dialog("OK", text="돌봄 SOS")
    pbar["rename"].click()
    _wait(qtbot, state)
    assert window.store.get(m.Project, pid).name == "돌봄 SOS"
    window.act_undo.trigger()
    page.choose_project(pid)
    state = answer_next_dialog("삭제")
    pbar["remove"].click()
    _wait(qtbot, state)
    assert window.store.get(m.Project, pid) is None
    assert window.pages.currentWidget() is page
    assert not pbar["remove"].isEnabled()  # nothing chosen any more
    window.act_undo.trigger()
    assert window.store.get(m.Project, pid).name == "광진형 돌봄SOS 사업"
    # add a project from the page: its card opens at the top
    state = answer_next_dialog("OK", text="어르신 말벗")
    page.bar.buttons["add"].click()
    _wait(qtbot, state)
    QApplication.processEvents()
    new = window.store.project_by_code("I-3-7")
    assert new is not None and new.name == "어르신 말벗"
    assert window.card_editor.project_id == new.id
    window.act_undo.trigger()
    assert window.store.project_by_code("I-3-7") is None


def test_system_II_strategy_page_adds_a_task(window, qtbot):
    page = window.level_page
    s2 = window.store.strategies("II")[0]
    n = len(window.store.tasks(s2.id))
    window.tree.select("strategy", s2.id)
    QApplication.processEvents()
    assert page.bar.buttons["add_task"].isEnabled()
    # a strategy with 대표과업 takes projects only through a 대표과업
    assert not page.bar.buttons["add"].isEnabled()
    assert "대표과업을 고르고" in page.bar.buttons["add"].toolTip()
    state = answer_next_dialog("OK", text="새 대표과업")
    page.bar.buttons["add_task"].click()
    _wait(qtbot, state)
    assert len(window.store.tasks(s2.id)) == n + 1
    window.act_undo.trigger()
    assert len(window.store.tasks(s2.id)) == n


def test_system_page_buttons(window, qtbot):
    page = window.system_page
    window.tree.select("system", "I")
    QApplication.processEvents()
    assert window.pages.currentWidget() is page
    bar = page.bar.buttons
    assert page.strategies.count() == 4
    assert bar["add_strategy"].isEnabled() and "Ⅰ" in bar["add_strategy"].toolTip()
    assert not bar["up"].isEnabled() and bar["up"].toolTip() == "위 목록에서 전략을 고르세요"
    first, second = window.store.strategies("I")[:2]
    page.choose_strategy(first.id)
    assert not bar["up"].isEnabled()
    assert bar["up"].toolTip() == "첫 번째 전략이라 위로 옮길 수 없습니다"
    page.choose_strategy(second.id)
    assert bar["up"].isEnabled()
    bar["up"].click()
    assert window.store.get(m.Strategy, second.id).number == 1
    assert window.pages.currentWidget() is page and page.chosen_strategy() == second.id
    assert page.strategies.item(0).text().startswith("I-1  " + second.title)
    window.act_undo.trigger()
    assert window.store.get(m.Strategy, second.id).number == 2
    state = answer_next_dialog("OK", text="새 전략")
    bar["add_strategy"].click()
    _wait(qtbot, state)
    assert [s.title for s in window.store.strategies("I")][-1] == "새 전략"
    window.act_undo.trigger()
    assert len(window.store.strategies("I")) == 4
    # the last strategy cannot go down, and says so
    window.tree.select("system", "I")
    QApplication.processEvents()
    page.choose_strategy(window.store.strategies("I")[-1].id)
    assert bar["down"].toolTip() == "마지막 전략이라 아래로 옮길 수 없습니다"


def test_read_only_buttons_say_why(qtbot, demo_path):
    from sbdesk.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.open_file(demo_path, read_only=True)
    st = w.store.strategies("I")[1]
    w.tree.select("strategy", st.id)
    QApplication.processEvents()
    for name, b in w.level_page.bar.buttons.items():
        assert not b.isEnabled(), name
        assert "읽기 전용" in b.toolTip(), name
    w.close()

"""The plan and year pages (issue 9) with real widgets: edit, undo, redo, reopen the file."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QTableWidget
from uihelpers import answer_next_dialog, edit_cell, type_text

from sbdesk import models as m
from sbdesk.services.check import Finding
from sbdesk.services.store import PlanStore
from sbdesk.ui.pages.plan.base import RecordsSection


def _page(window, key):
    page = window.plan_pages.show(key)
    QApplication.processEvents()
    assert window.pages.currentWidget() is page
    return page


def _undo(window, n=1):
    for _ in range(n):
        window.undo_stack.undo()
    QApplication.processEvents()


def _redo(window, n=1):
    for _ in range(n):
        window.undo_stack.redo()
    QApplication.processEvents()


def _reopen(window, path):
    window.close_file()
    return PlanStore(path, read_only=True)


def test_plan_page_and_review_page(window, qtbot, demo_path):
    page = _page(window, "plan")
    head = page.findChild(QLineEdit, "Municipality.head_name")
    type_text(head, "김경호")
    head.commit()
    assert window.store.municipality().head_name == "김경호"
    pop = page.findChild(QLineEdit, "Municipality.population")
    type_text(pop, "삼십만")
    pop.commit()
    assert "정수" in pop.error_text  # refused, field named, nothing written
    assert window.store.municipality().population == 335554
    type_text(pop, "350,000")
    pop.commit()
    assert window.store.municipality().population == 350000
    _undo(window)
    assert window.store.municipality().population == 335554
    _redo(window)

    review = _page(window, "review")
    title = review.findChild(QLineEdit, "PlanYear.review_title")
    type_text(title, "2024년 제1차 광진구 지역사회보장협의체 회의")
    title.commit()
    date = review.findChild(QLineEdit, "PlanYear.reviewed_on")
    type_text(date, "2024. 2. 30.")
    date.commit()
    assert "없는 날짜" in date.error_text
    type_text(date, "2024. 2. 27.")
    date.commit()
    mode = review.findChild(QComboBox, "PlanYear.review_mode")
    mode.setCurrentIndex(mode.findText("서면"))
    mode.activated.emit(mode.findText("서면"))  # what a user's pick emits
    QApplication.processEvents()
    py = window.store.plan_year(2023)
    assert (py.review_title, py.reviewed_on, py.review_mode) == (
        "2024년 제1차 광진구 지역사회보장협의체 회의",
        "2024-02-27",
        "서면",
    )
    members = review.members
    n = members.rows_model.rowCount()
    members.table.add_row()
    QApplication.processEvents()
    assert members.rows_model.rowCount() == n + 1
    cols = [c.field for c in members.rows_model.columns]
    edit_cell(qtbot, members.table.view, n, cols.index("name"), "홍길순")
    edit_cell(qtbot, members.table.view, n, cols.index("affiliation"), "성동종합사회복지관")
    added = window.store.list(m.CommitteeMember, year=2023)[-1]
    assert (added.name, added.affiliation) == ("홍길순", "성동종합사회복지관")
    _undo(window, 2)
    assert window.store.list(m.CommitteeMember, year=2023)[-1].name == ""
    _redo(window, 2)
    place = review.findChild(QLineEdit, "PlanYear.monitoring_place")
    type_text(place, "광진구청 3층 소회의실")
    place.commit()
    assert window.store.plan_year(2023).monitoring_place == "광진구청 3층 소회의실"
    _undo(window)
    assert window.store.plan_year(2023).monitoring_place == ""
    _redo(window)
    with _reopen(window, demo_path) as store:
        assert store.plan_year(2023).monitoring_place == "광진구청 3층 소회의실"
        assert store.municipality().head_name == "김경호"
        assert store.municipality().population == 350000
        assert store.plan_year(2023).review_mode == "서면"
        last = store.list(m.CommitteeMember, year=2023)[-1]
        assert (last.name, last.affiliation) == ("홍길순", "성동종합사회복지관")


def test_every_records_page_adds_edits_undoes(window, qtbot, demo_path):
    edited = []
    for key in ("tf", "changes", "legislation", "residents", "consulting", "statistics"):
        page = _page(window, key)
        for section in [s for s in page.sections if isinstance(s, RecordsSection)]:
            model = section.rows_model
            n = model.rowCount()
            section.table.add_row()
            QApplication.processEvents()
            assert model.rowCount() == n + 1, (key, section.TITLE)
            col = next(i for i, c in enumerate(model.columns) if c.editable and c.kind != "choice")
            text = f"{key} 시험 {section.TITLE[:6]}".strip()
            edit_cell(qtbot, section.table.view, n, col, text)
            row = model.rows[n]
            stored = getattr(window.store.get(section.model_cls, row.id), model.columns[col].field)
            assert stored == text
            _undo(window)
            assert (
                getattr(window.store.get(section.model_cls, row.id), model.columns[col].field) == ""
            )
            _redo(window)
            edited.append((section.model_cls, row.id, model.columns[col].field, text))
            # the 해당 없음 mark of the part
            if section.na_box is not None:
                section.na_box.setChecked(True)
                QApplication.processEvents()
                value = window.store.year_text(2023, section.na_box.part_key)
                assert value["not_applicable"] is True
                _undo(window)
                assert not (window.store.year_text(2023, section.na_box.part_key) or {}).get(
                    "not_applicable"
                )
    assert len(edited) == 9
    with _reopen(window, demo_path) as store:
        for model, ident, field, text in edited:
            assert getattr(store.get(model, ident), field) == text


def test_narrative_page_text_tables_and_not_applicable(window, qtbot, demo_path):
    page = _page(window, "narrative")
    ed = page.editor
    ed.select_part("consulting_reflection_items")
    QApplication.processEvents()
    assert ed.text.toPlainText() == ""
    type_text(ed.text, "□ 컨설팅 반영\n○ 시 컨설팅 의견을 지표에 반영", replace=False)
    ed.commit()
    value = window.store.narrative(2023, "consulting_reflection_items")
    assert value["data"] == "□ 컨설팅 반영\n○ 시 컨설팅 의견을 지표에 반영"
    # a table: add it, type a cell
    ed.add_table()
    QApplication.processEvents()
    assert ed.grid.rowCount() == 1
    ed.grid.item(0, 0).setText("2023년")
    QApplication.processEvents()
    tables = window.store.narrative(2023, "consulting_reflection_items")["tables"]
    assert tables[0]["rows"][0][0] == "2023년"
    _undo(window)  # the cell
    assert (
        window.store.narrative(2023, "consulting_reflection_items")["tables"][0]["rows"][0][0] == ""
    )
    _redo(window)
    # 해당 없음 on another part, distinct from empty
    ed.select_part("plan_linkage")
    QApplication.processEvents()
    assert "상위계획" in ed.text.toPlainText() or ed.text.toPlainText()  # the demo's seed text
    ed.select_part("excellent_projects")
    QApplication.processEvents()
    ed.na.setChecked(True)
    QApplication.processEvents()
    assert window.store.year_text(2023, "excellent_projects")["not_applicable"] is True
    # Enter continues the bullet
    ed.select_part("consulting_reflection_items")
    QApplication.processEvents()
    cur = ed.text.textCursor()
    cur.movePosition(cur.MoveOperation.End)
    ed.text.setTextCursor(cur)
    from PySide6.QtCore import Qt

    qtbot.keyClick(ed.text, Qt.Key_Return)
    assert ed.text.toPlainText().endswith("\n○ ")
    with _reopen(window, demo_path) as store:
        v = store.narrative(2023, "consulting_reflection_items")
        assert v["data"].startswith("□ 컨설팅 반영") and v["tables"][0]["rows"][0][0] == "2023년"
        assert store.year_text(2023, "excellent_projects")["not_applicable"] is True


def test_basic_plan_page_targets_budgets_dash(window, qtbot, demo_path):
    page = _page(window, "basic_plan")
    grid = page.grids[0]
    t: QTableWidget = grid.table
    years = grid.years
    ny = len(years)
    kinds = [t.item(r, 0).data(grid_kind()) for r in range(t.rowCount())]
    prow = kinds.index("project")
    irow = kinds.index("project_ind")
    pid = t.item(prow, 0).data(grid_id())
    iid = t.item(irow, 0).data(grid_id())
    c2024 = 3 + years.index(2024)
    t.item(irow, c2024).setText("-")
    QApplication.processEvents()
    assert window.store.get(m.BasicIndicator, iid).targets["2024"] == "-"
    t = page.grids[0].table  # the page re-reads after each write
    b2024 = 3 + ny + years.index(2024)
    example = window.store.basic_budget(pid, 2024)  # the demo's example value (2023's)
    assert example == window.store.basic_budget(pid, 2023) != ""
    t.item(prow, b2024).setText("1,234.5")
    QApplication.processEvents()
    assert window.store.basic_budget(pid, 2024) == "1234.5"
    t = page.grids[0].table
    t.item(prow, b2024).setText("1,300명")
    QApplication.processEvents()
    assert page.message.isVisible() and "2024년 기본계획 예산" in page.message.text()
    assert window.store.basic_budget(pid, 2024) == "1234.5"
    _undo(window)
    assert window.store.basic_budget(pid, 2024) == example
    _redo(window)
    from sbdesk.services.basic_plan import basic_plan_data

    totals = basic_plan_data(window.store)["totals"]
    base = Decimal(str(totals["2023"]["with_duplicates"]))
    want = base - Decimal(example) + Decimal("1234.5")
    assert f"2024년 {want:,}" in page.totals.text()
    with _reopen(window, demo_path) as store:
        assert store.basic_budget(pid, 2024) == "1234.5"
        assert store.get(m.BasicIndicator, iid).targets["2024"] == "-"


def grid_kind():
    from sbdesk.ui.pages.plan.basic_plan_page import ROW_KIND

    return ROW_KIND


def grid_id():
    from sbdesk.ui.pages.plan.basic_plan_page import ROW_ID

    return ROW_ID


def test_new_year_cards_is_one_undo_step(window, qtbot):
    state = answer_next_dialog("OK")
    result = window.plan_pages.make_year_cards(2023, 2024)
    qtbot.waitUntil(lambda: state["done"], timeout=3000)
    assert len(result.made) == 44 and window.year == 2024
    assert len(window.store.list(m.Card, year=2024)) == 44
    _undo(window)
    assert window.store.list(m.Card, year=2024) == []
    _redo(window)
    assert len(window.store.list(m.Card, year=2024)) == 44


def test_a_plan_level_finding_opens_its_page(window):
    f = Finding("error", 2023, None, "", "YearText.tf_members", None, "x")
    window.plan_pages.jump_to_finding(f)
    QApplication.processEvents()
    assert window.pages.currentWidget() is window.plan_pages.pages["tf"]
    f = Finding("error", 2023, None, "", "YearText.plan_linkage", None, "x")
    window.plan_pages.jump_to_finding(f)
    QApplication.processEvents()
    page = window.plan_pages.pages["narrative"]
    assert window.pages.currentWidget() is page and page.editor.key == "plan_linkage"


def test_tree_deletes_and_moves_strategies_and_tasks_with_undo(window, qtbot):
    tree = window.tree
    st = window.store.strategies("I")[0]
    n_cards = window.store.count(m.Card)
    tree.select("strategy", st.id)
    QApplication.processEvents()
    assert tree.act_remove.isEnabled() and "삭제" in tree.act_remove.toolTip()
    assert not tree.act_up.isEnabled() and "첫 번째 전략이라" in tree.act_up.toolTip()
    state = answer_next_dialog("삭제")
    tree.act_remove.trigger()
    qtbot.waitUntil(lambda: state["done"], timeout=3000)
    assert "세부사업 7개" in state["seen"] and "사업 카드 7개" in state["seen"]  # names what goes
    assert window.store.get(m.Strategy, st.id) is None
    assert window.store.count(m.Card) == n_cards - 7
    _undo(window)
    assert window.store.get(m.Strategy, st.id).number == 1
    assert window.store.count(m.Card) == n_cards
    tree.select("strategy", st.id)
    QApplication.processEvents()
    tree.act_down.trigger()
    assert window.store.get(m.Strategy, st.id).number == 2
    _undo(window)
    assert window.store.get(m.Strategy, st.id).number == 1
    # a 대표과업 with its projects
    s2 = window.store.strategies("II")[0]
    task = window.store.tasks(s2.id)[0]
    tree.select("task", task.id)
    QApplication.processEvents()
    state = answer_next_dialog("삭제")
    tree.act_remove.trigger()
    qtbot.waitUntil(lambda: state["done"], timeout=3000)
    assert window.store.get(m.Task, task.id) is None
    _undo(window)
    assert window.store.get(m.Task, task.id) is not None


def test_report_with_errors_asks_draft_or_final(window, qtbot):
    window.validation.wait()
    assert any(f.severity == "error" for f in window.validation.findings)
    actions = window.document_actions
    state = answer_next_dialog("취소")
    assert actions._ask_final(2023) is None
    assert "오류가" in state["seen"] and "초안" in state["seen"]
    state = answer_next_dialog("초안으로 만들기")
    assert actions._ask_final(2023) is False
    state = answer_next_dialog("최종본으로 만들기")
    assert actions._ask_final(2023) is True


def test_help_guide_is_offline_korean(window):
    assert window.plan_pages.act_help in window.menu("help").actions()
    dlg = window.plan_pages.show_help()
    text = dlg.browser.toPlainText()
    assert "새 연도 카드 만들기" in text and "(작성 필요)" in text and "초안" in text
    assert "http" not in dlg.browser.toHtml().lower().replace("http://www.w3.org", "")
    dlg.close()


def test_status_time_follows_an_outside_write_and_findings_name_parts(window, qtbot):
    from sbdesk.ui.panels.validation_panel import field_label

    assert field_label("YearText.environment_changes") == "1-3 계획 수립 후 환경 변화"
    window.save_label.setText("모든 변경 내용이 저장됨 (00:00:00)")
    window.store.set_field(m.Plan, window.store.plan().id, "goal", "함께 돌보는 광진")  # an import
    qtbot.waitUntil(lambda: "00:00:00" not in window.save_label.text(), timeout=5000)
    assert "저장됨" in window.save_label.text()

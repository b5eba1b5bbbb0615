"""The project-card editor driven through its real widgets; every edit checked in the file."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from uihelpers import card_of, cell_text, edit_cell, open_card, project_id, type_text

from sbdesk import models as m
from sbdesk.services.store import PlanStore


def file_value(path, sql, *args):
    """Read straight from the plan file with a separate connection (what a crash would leave)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql, args).fetchone()[0]
    finally:
        con.close()


def test_typing_korean_into_a_field_is_saved_on_enter(window, qtbot, demo_path):
    editor = open_card(window, "I-3-1")
    officer = editor.section("owner").fields["Card.officer"]
    type_text(officer, "김민지 주무관")
    assert officer.text() == "김민지 주무관"
    qtbot.keyClick(officer, Qt.Key_Return)
    card_id = card_of(window, "I-3-1").id
    assert file_value(demo_path, "select officer from card where id=?", card_id) == "김민지 주무관"
    assert "담당 김민지 주무관" in editor.subtitle.text()
    assert window.save_label.text().startswith("모든 변경 내용이 저장됨")
    assert window.undo_stack.count() == 1
    window.act_undo.trigger()
    assert file_value(demo_path, "select officer from card where id=?", card_id) == "원지은"
    assert officer.text() == "원지은"
    window.act_redo.trigger()
    assert officer.text() == "김민지 주무관"


def test_long_text_is_saved_after_a_pause_and_merges_into_one_undo_step(window, qtbot, demo_path):
    editor = open_card(window, "I-3-1")
    purpose = editor.section("purpose").fields["Card.purpose"]
    card_id = card_of(window, "I-3-1").id
    type_text(purpose, "돌봄 공백을 줄인다.")
    qtbot.waitUntil(
        lambda: (
            file_value(demo_path, "select purpose from card where id=?", card_id)
            == "돌봄 공백을 줄인다."
        ),
        timeout=3000,
    )
    type_text(purpose, " 누구나.", replace=False)
    purpose.moveCursor(purpose.textCursor().MoveOperation.End)
    # leaving the field commits at once
    editor.section("owner").fields["Card.team"].setFocus()
    QApplication.processEvents()
    stored = file_value(demo_path, "select purpose from card where id=?", card_id)
    assert stored.endswith("누구나.") and "돌봄 공백을 줄인다." in stored
    assert window.undo_stack.count() == 1  # one typing session, one undo step
    window.act_undo.trigger()
    assert file_value(demo_path, "select purpose from card where id=?", card_id).startswith(
        "변화하는 환경"
    )


def test_long_text_field_grows_with_its_content(window):
    editor = open_card(window, "I-3-1")
    field = editor.section("results").fields["Card.effects"]
    before = field.height()
    type_text(field, "\n".join(f"· 효과 {i}" for i in range(12)))
    QApplication.processEvents()
    assert field.height() > before + 100
    assert field.verticalScrollBar().maximum() == 0


def test_budget_cell_updates_execution_rate_live(window, qtbot, demo_path):
    editor = open_card(window, "I-3-1")
    section = editor.section("budget")
    model = section.budget_model
    view = section.table.view
    row = next(i for i, r in enumerate(model.rows) if r.source == "district")
    assert cell_text(model, 0, 7) == "100.0%"  # 계 row
    edit_cell(qtbot, view, row, 6, "94.75")
    assert cell_text(model, row, 6) == "94.75"
    assert cell_text(model, row, 7) == "50.0%"
    assert cell_text(model, 0, 6) == "94.75"  # 계 recomputed
    assert cell_text(model, 0, 7) == "50.0%"
    assert cell_text(model, 1, 7) == "50.0%"  # 지방비 소계
    assert "50.0%" in editor.badges["execution"].text()
    tree_idx = window.tree.model.index_of("project", project_id(window, "I-3-1"))
    assert tree_idx.siblingAtColumn(2).data() == "▼ 50.0%"
    line_id = model.rows[row].line.id
    assert (
        file_value(demo_path, "select executed_amount from budgetline where id=?", line_id)
        == "94.75"
    )


def test_invalid_amount_is_shown_in_place_and_not_written(window, qtbot, demo_path):
    editor = open_card(window, "I-3-1")
    section = editor.section("budget")
    model = section.budget_model
    row = next(i for i, r in enumerate(model.rows) if r.source == "district")
    line_id = model.rows[row].line.id
    before = demo_path.read_bytes()
    edit_cell(qtbot, section.table.view, row, 4, "1,300명")
    assert cell_text(model, row, 4) == "1,300명"
    assert model.index(row, 4).data(Qt.BackgroundRole).color().name() == "#fde2e1"
    msg = section.table.message.text()
    assert section.table.message.isVisible()
    assert "예산(A)" in msg and "1,300명" in msg and "시·군·구비" in msg
    assert (
        file_value(demo_path, "select annual_amount from budgetline where id=?", line_id) == "189.5"
    )
    assert demo_path.read_bytes() == before
    assert window.undo_stack.count() == 0
    # correcting it clears the mark
    edit_cell(qtbot, section.table.view, row, 4, "1,300")
    assert not section.table.message.isVisible()
    assert (
        file_value(demo_path, "select annual_amount from budgetline where id=?", line_id) == "1300"
    )
    assert cell_text(model, row, 4) == "1,300"


def test_typing_into_an_empty_source_adds_its_line(window, qtbot, demo_path):
    editor = open_card(window, "I-3-1")
    section = editor.section("budget")
    model = section.budget_model
    row = next(i for i, r in enumerate(model.rows) if r.source == "province")
    assert model.rows[row].line is None
    edit_cell(qtbot, section.table.view, row, 4, "10.5")
    assert model.rows[model.row_of(model.rows[row].line.id)].source == "province"
    assert cell_text(model, 0, 4) == "200"  # 189.5 + 10.5
    assert cell_text(model, row, 5) == "5.3%"  # share of 10.5 in 200
    card_id = card_of(window, "I-3-1").id
    assert file_value(demo_path, "select count(*) from budgetline where card_id=?", card_id) == 2
    window.act_undo.trigger()
    assert file_value(demo_path, "select count(*) from budgetline where card_id=?", card_id) == 1
    assert cell_text(model, 0, 4) == "189.5"


def test_add_indicator_and_undo(window, qtbot, demo_path):
    editor = open_card(window, "I-3-1")
    section = editor.section("indicators")
    model = section.rows_model
    card_id = card_of(window, "I-3-1").id
    assert model.rowCount() == 2
    section.table.add_button.click()
    assert model.rowCount() == 3
    assert file_value(demo_path, "select count(*) from indicator where card_id=?", card_id) == 3
    edit_cell(qtbot, section.table.view, 2, model.column_of("name"), "돌봄매니저 교육 횟수")
    edit_cell(qtbot, section.table.view, 2, model.column_of("annual_target"), "3회")
    edit_cell(qtbot, section.table.view, 2, model.column_of("actual"), "4")
    rate_col = next(i for i, c in enumerate(model.columns) if c.kind == "computed")
    assert cell_text(model, 2, rate_col) == "133.3%"
    # project achievement: mean of 29.1, 116.8, 133.3
    assert "93.1%" in editor.badges["achievement"].text()
    for _ in range(4):
        window.act_undo.trigger()
    assert model.rowCount() == 2
    assert file_value(demo_path, "select count(*) from indicator where card_id=?", card_id) == 2
    assert "73.0%" in editor.badges["achievement"].text()
    window.act_redo.trigger()
    assert model.rowCount() == 3


def test_qualitative_indicator_counts_through_its_judgement(window, qtbot):
    editor = open_card(window, "I-3-1")
    section = editor.section("indicators")
    model = section.rows_model
    col_target = model.column_of("annual_target")
    edit_cell(qtbot, section.table.view, 1, col_target, "만족 이상")
    rate_col = next(i for i, c in enumerate(model.columns) if c.kind == "computed")
    assert cell_text(model, 1, rate_col) == "-"
    index = model.index(1, model.column_of("judgement"))
    assert model.setData(index, "달성")
    assert cell_text(model, 1, rate_col) == "100.0%"


def test_pasting_a_block_from_excel_adds_indicator_rows(window, demo_path):
    editor = open_card(window, "I-3-1")
    section = editor.section("indicators")
    model = section.rows_model
    QGuiApplication.clipboard().setText(
        "민관 네트워크 회의\t분기별 회의 개최 횟수\t4회\t4회\t5\t125%\t분기 1회\t회의록\n"
        '자원 연계 건수\t"연계한 자원\n건수"\t100건\t120건\t90\t75%\t전년 대비 20% 증\t실적 보고\n'
    )
    view = section.table.view
    view.setFocus()
    view.setCurrentIndex(model.index(2, 0) if model.rowCount() > 2 else model.index(1, 0))
    view.setCurrentIndex(model.index(model.rowCount() - 1, 0))
    # paste below the last row: start a new row
    section.table._paste(
        model.rowCount(),
        0,
        __import__("sbdesk.ui.widgets.paste", fromlist=["x"]).parse_cells(
            QGuiApplication.clipboard().text()
        ),
    )
    assert model.rowCount() == 4
    rate_col = next(i for i, c in enumerate(model.columns) if c.kind == "computed")
    assert cell_text(model, 2, 0) == "민관 네트워크 회의"
    assert cell_text(model, 3, 1) == "연계한 자원\n건수"
    assert cell_text(model, 2, rate_col) == "125.0%"  # computed, the pasted "125%" is ignored
    assert cell_text(model, 3, rate_col) == "75.0%"
    card_id = card_of(window, "I-3-1").id
    assert file_value(demo_path, "select count(*) from indicator where card_id=?", card_id) == 4
    assert window.undo_stack.count() == 1  # one paste, one undo step
    window.act_undo.trigger()
    assert model.rowCount() == 2


def test_ctrl_v_into_the_budget_grid(window, qtbot, demo_path):
    editor = open_card(window, "I-3-1")
    section = editor.section("budget")
    model = section.budget_model
    view = section.table.view
    row = next(i for i, r in enumerate(model.rows) if r.source == "province")
    view.setFocus()
    view.setCurrentIndex(model.index(row, 2))
    QGuiApplication.clipboard().setText("50\t\t40\t\t38\n150\t\t149.5\t\t151.5\n")
    qtbot.keyClick(view, Qt.Key_V, Qt.ControlModifier)
    assert cell_text(model, row, 4) == "40"
    assert cell_text(model, row + 1, 4) == "149.5"
    assert cell_text(model, 0, 4) == "189.5"
    assert cell_text(model, 0, 6) == "189.5"
    assert cell_text(model, row, 7) == "95.0%"
    assert window.undo_stack.count() == 1


def test_a_bad_cell_in_a_paste_writes_nothing(window, qtbot, demo_path):
    editor = open_card(window, "I-3-1")
    section = editor.section("budget")
    model = section.budget_model
    row = next(i for i, r in enumerate(model.rows) if r.source == "province")
    before = demo_path.read_bytes()
    section.table._paste(row, 2, [["50", "", "40"], ["150", "", "1,300명"]])
    assert demo_path.read_bytes() == before
    assert "붙여넣지 않았습니다" in section.table.message.text()
    assert "1,300명" in section.table.message.text()
    assert window.undo_stack.count() == 0


def test_project_flags_and_name(window, demo_path):
    editor = open_card(window, "I-3-1")
    sec = editor.section("project")
    pid = project_id(window, "I-3-1")
    dup = sec.fields["Project.duplicate"]
    assert not dup.isChecked()
    dup.click()
    assert file_value(demo_path, "select duplicate from project where id=?", pid) == 1
    name = sec.fields["Project.name"]
    type_text(name, "광진형 돌봄SOS")
    name.clearFocus()
    QApplication.processEvents()
    assert window.store.get(m.Project, pid).name == "광진형 돌봄SOS"
    assert window.tree.model.index_of("project", pid).data() == "I-3-1  광진형 돌봄SOS"
    assert editor.title.text() == "I-3-1  광진형 돌봄SOS"


def test_review_status_shows_in_the_overview(window, demo_path):
    editor = open_card(window, "I-3-1")
    i = editor.review.findData("제출")
    editor.review.setCurrentIndex(i)
    editor.review.activated.emit(i)
    card_id = card_of(window, "I-3-1").id
    assert file_value(demo_path, "select review_status from card where id=?", card_id) == "제출"
    fig = next(f for f in window.overview.model.rows if f.code == "I-3-1")
    assert fig.review_status == "제출"


def test_every_section_in_official_order_and_keyboard_order(window):
    editor = open_card(window, "I-3-1")
    titles = [
        editor.section_list.item(i).text()
        for i in range(editor.section_list.count())
        if not editor.section_list.item(i).isHidden()  # 6th-term sections hide in a 5th-term plan
    ]
    assert titles == [
        "사업(과업)명",
        "사업(과업) 소관",
        "배경 · 목적 · 추진근거",
        "지원 대상",
        "사업(과업) 내용",
        "전달 체계",
        "사업비 (재원구성)",
        "성과지표",
        "추진체계",
        "시행계획 모니터링",
        "시행계획 자체평가",
        "주요성과 · 사업효과 · 개선방안",
    ]
    # Tab walks the form top to bottom
    first = editor.section("project").fields["Project.name"]
    first.setFocus()
    QApplication.processEvents()
    seen = []
    w = first
    for _ in range(40):
        w = w.nextInFocusChain()
        while not (w.focusPolicy() & Qt.TabFocus) or not w.isVisible() or not w.isEnabled():
            w = w.nextInFocusChain()
        seen.append(w.objectName())
        if w.objectName() == "Card.improvements":
            break
    order = [n for n in seen if n.startswith(("Card.", "Project.", "grid."))]
    expect = [
        "Card.department",
        "Card.team",
        "Card.officer",
        "Card.phone",
        "Card.background",
        "Card.purpose",
        "Card.legal_basis",
        "Card.change_note",
        "Card.target_criteria",
        "Card.target_scale",
        "Card.content_type",
        "Card.content_detail",
        "grid.지원 절차",
        "Card.delivery_agencies",
        "grid.사업비",
        "Card.budget_note",
        "grid.성과지표",
        "grid.추진체계",
        "grid.모니터링",
        "grid.자체평가",
        "Card.results",
        "Card.effects",
        "Card.improvements",
    ]
    assert [n for n in order if n in expect] == expect


def test_reopen_finds_every_edit(window, qtbot, demo_path):
    editor = open_card(window, "I-3-1")
    type_text(editor.section("owner").fields["Card.phone"], "02-450-0000")
    qtbot.keyClick(editor.section("owner").fields["Card.phone"], Qt.Key_Return)
    type_text(editor.section("results").fields["Card.improvements"], "하반기 모니터링 강화")
    budget = editor.section("budget")
    row = next(i for i, r in enumerate(budget.budget_model.rows) if r.source == "district")
    edit_cell(qtbot, budget.table.view, row, 6, "180")
    inds = editor.section("indicators")
    inds.table.add_button.click()
    edit_cell(qtbot, inds.table.view, 2, 0, "신규 지표")
    partners = editor.section("partners")
    edit_cell(qtbot, partners.table.view, 0, 1, "사업계획 및 예산 관리")
    window.tree.select("project", project_id(window, "I-3-2"))  # leaving the card commits
    window.tree.view.setFocus()
    QApplication.processEvents()
    window.close()
    with PlanStore(demo_path, read_only=True) as store:
        pid = store.project_by_code("I-3-1").id
        card = store.card(pid, 2023)
        rows = store.card_rows(card.id)
        assert card.phone == "02-450-0000"
        assert card.improvements == "하반기 모니터링 강화"
        assert [b.executed_amount for b in rows.budget_lines] == [Decimal("180")]
        assert [i.name for i in rows.indicators][-1] == "신규 지표"
        assert rows.partners[0].role == "사업계획 및 예산 관리"
        view = store.year_view(2023)
        assert view.project("I-3-1").execution == Decimal("95.0")

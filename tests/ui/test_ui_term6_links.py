"""The 6th-term 연계성·수요 분석 page: link rows and the analysis text, undo, redo, reopen, jump."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from uihelpers import edit_cell, type_text

from sbdesk import models as m
from sbdesk.services.check import run_checks
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


def _undo(w):
    w.undo_stack.undo()
    QApplication.processEvents()


def _redo(w):
    w.undo_stack.redo()
    QApplication.processEvents()


def test_links_and_analysis_are_edited_undone_redone_and_kept(window6, qtbot, d6_path):
    page = window6.plan_pages.show("term6_links")
    QApplication.processEvents()
    assert window6.pages.currentWidget() is page
    section = page.links
    model = section.rows_model
    assert model.rowCount() == 0
    section.table.add_row()
    QApplication.processEvents()
    edit_cell(qtbot, section.table.view, 0, 0, "제9기 지역보건의료계획")
    row_id = model.rows[0].id
    store = window6.store
    assert store.get(m.OtherPlanLink, row_id).plan_name == "제9기 지역보건의료계획"
    # the project column offers the plan's projects by number
    pcol = next(i for i, c in enumerate(model.columns) if c.field == "project_id")
    p = store.project_by_code("I-1-1")
    assert any(v == p.id and t.startswith("I-1-1 ") for t, v in model.columns[pcol].choices)
    assert model.setData(model.index(0, pcol), p.id)
    assert store.get(m.OtherPlanLink, row_id).project_id == p.id
    _undo(window6)
    assert store.get(m.OtherPlanLink, row_id).project_id is None
    _redo(window6)
    assert store.get(m.OtherPlanLink, row_id).project_id == p.id
    # the analysis text: one undo step per commit
    editor = page.analysis.text
    type_text(editor, "□ 1인 가구 증가\n○ 고독사 위험군 3,200명")
    editor.commit()
    year = store.plan().start_year
    assert store.narrative(year, "demand_analysis")["data"].startswith("□ 1인 가구 증가")
    _undo(window6)
    assert store.narrative(year, "demand_analysis")["data"] == ""
    assert editor.toPlainText() == ""
    _redo(window6)
    assert editor.toPlainText().startswith("□ 1인 가구 증가")
    window6.close_file()
    with PlanStore(d6_path, read_only=True) as s:
        link = s.get(m.OtherPlanLink, row_id)
        assert (link.plan_name, link.project_id) == ("제9기 지역보건의료계획", p.id)
        assert "고독사 위험군" in s.narrative(year, "demand_analysis")["data"]
        msgs = [f.message for f in run_checks(s, 2027) if f.field.startswith("OtherPlanLink")]
        assert any("계획이 1개입니다 (3~5개 선택)" in x for x in msgs)


def test_a_link_finding_jumps_to_the_page(window6):
    store = window6.store
    ident = store.add_row(m.OtherPlanLink, {"plan_name": "아동정책기본계획"})
    finding = next(f for f in run_checks(store, 2027) if f.field == "OtherPlanLink.project_id")
    assert finding.row_id == ident and finding.severity == "error"
    window6.plan_pages.jump_to_finding(finding)
    QApplication.processEvents()
    assert window6.pages.currentWidget() is window6.plan_pages.pages["term6_links"]
    empty = next(f for f in run_checks(store, 2027) if f.field == "YearText.demand_analysis")
    assert empty.severity == "warning"

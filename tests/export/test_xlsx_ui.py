"""The Excel entries of the main window's 가져오기/내보내기 menu and the diff-review dialog."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings, Qt

from sbdesk.export.xlsx.dept_workbook import export_department_workbooks
from sbdesk.importers.diff_types import DiffEntry, ImportPlan
from sbdesk.importers.workbook import read_workbooks
from sbdesk.models import Indicator
from sbdesk.services.store import PlanStore
from sbdesk.ui.actions import exchange_actions
from sbdesk.ui.dialogs.import_diff_dialog import ImportDiffDialog

try:
    from .xlsx_fixtures import CODE, DEPT, cell_of, edit, file_hash
except ImportError:  # tests/export is not a package
    from xlsx_fixtures import CODE, DEPT, cell_of, edit, file_hash


def entry(field, conflict=False, new="새 값"):
    return DiffEntry(
        key=f"Card:1:{field}",
        model="Card",
        row_id=1,
        field=field,
        kind="text",
        project_code="I-1-1",
        project_name="200가구 보듬기 사업",
        field_label=field,
        old="옛 값",
        new=new,
        conflict=conflict,
        source="'a.xlsx' I-1-1!C8",
    )


def test_dialog_checks_and_remembers_its_geometry(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    plan = ImportPlan(
        kind="cards",
        year=2023,
        files=["/x/a.xlsx"],
        entries=[entry("team"), entry("officer", conflict=True), entry("phone")],
    )
    dlg = ImportDiffDialog(plan, settings=settings)
    qtbot.addWidget(dlg)
    # conflicts start unchecked, the rest checked
    assert [e.field for e in dlg.accepted_entries()] == ["team", "phone"]
    assert dlg.table.item(1, 5).text() == "충돌"
    assert dlg.table.item(0, 3).text() == "옛 값" and dlg.table.item(0, 4).text() == "새 값"
    assert dlg.apply_button.isEnabled()
    qtbot.mouseClick(dlg.btn_none, Qt.LeftButton)
    assert dlg.accepted_entries() == [] and not dlg.apply_button.isEnabled()
    assert dlg.count_label.text() == "선택 0 / 3"
    qtbot.mouseClick(dlg.btn_all, Qt.LeftButton)
    assert len(dlg.accepted_entries()) == 3
    qtbot.mouseClick(dlg.btn_safe, Qt.LeftButton)
    assert [e.field for e in dlg.accepted_entries()] == ["team", "phone"]
    dlg.table.item(2, 0).setCheckState(Qt.Unchecked)  # some, not all
    assert [e.field for e in dlg.accepted_entries()] == ["team"]
    dlg.resize(777, 444)
    dlg.accept()
    again = ImportDiffDialog(plan, settings=settings)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (777, 444)


def test_dialog_with_errors_cannot_apply(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    plan = ImportPlan(
        kind="cards",
        year=2023,
        entries=[entry("team")],
        errors=[
            "'a.xlsx' I-1-1!H24 (I-1-1): 집행(B): '1,300명'은(는) 금액(백만원)으로 읽을 수 없습니다."
        ],
    )
    dlg = ImportDiffDialog(plan, settings=settings)
    qtbot.addWidget(dlg)
    assert "I-1-1!H24" in dlg.errors_box.toPlainText()
    assert not dlg.apply_button.isEnabled()
    qtbot.mouseClick(dlg.btn_all, Qt.LeftButton)
    assert not dlg.apply_button.isEnabled()


@pytest.fixture
def window(qtbot, demo_path, monkeypatch):
    from sbdesk.ui.main_window import MainWindow

    shown = []
    monkeypatch.setattr(exchange_actions, "inform", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(
        exchange_actions, "warn", lambda parent, title, text: shown.append("경고: " + text)
    )
    w = MainWindow()
    qtbot.addWidget(w)
    w.set_store(PlanStore(demo_path))
    w.shown = shown
    yield w
    w.close_file()


def test_menu_entries(window):
    texts = [a.text() for a in window.menu("exchange").actions()]
    for t in (
        "결과표 내보내기(Excel)…",
        "부서별 카드 통합문서 내보내기…",
        "부서 통합문서 가져오기…",
        "첨부2 예산목록 가져오기…",
    ):
        assert t in texts


def test_exports_from_the_menu(qtbot, window, tmp_path, monkeypatch):
    acts = window.exchange_actions
    out = tmp_path / "표.xlsx"
    monkeypatch.setattr(exchange_actions, "ask_save_path", lambda *a: str(out))
    acts.export_tables_action.trigger()
    qtbot.waitUntil(lambda: any("내보냈습니다" in s for s in window.shown), timeout=30000)
    assert out.exists()
    monkeypatch.setattr(
        exchange_actions, "ask_department", lambda parent, depts: DEPT if DEPT in depts else None
    )
    monkeypatch.setattr(exchange_actions, "ask_folder", lambda *a: str(tmp_path / "d"))
    acts.export_cards_action.trigger()
    qtbot.waitUntil(
        lambda: any("통합문서 1개를 만들었습니다" in s for s in window.shown), timeout=30000
    )
    assert (tmp_path / "d" / f"2023 사업카드 - {DEPT}.xlsx").exists()


def test_import_from_the_menu_is_reviewed_applied_and_undoable(
    qtbot, window, tmp_path, monkeypatch
):
    store = window.store
    pv = store.year_view(2023).project(CODE)
    ind = pv.indicators[0].row
    (book,) = export_department_workbooks(store, 2023, tmp_path, department=DEPT)
    edit(book, {(CODE, cell_of(book, CODE, f"Indicator:{ind.id}:actual")): "1,300명"})
    monkeypatch.setattr(exchange_actions, "ask_open_paths", lambda *a: [str(book)])
    reviewed = []

    def review(parent, plan):  # the real dialog, answered like a user: accept what is checked
        dlg = ImportDiffDialog(plan, parent)
        qtbot.addWidget(dlg)
        reviewed.append([(e.field_label, e.old_text, e.new_text) for e in plan.entries])
        return dlg.accepted_entries()

    monkeypatch.setattr(exchange_actions, "review", review)
    acts = window.exchange_actions
    acts.import_cards_action.trigger()
    qtbot.waitUntil(lambda: acts.last_result is not None, timeout=30000)
    assert reviewed == [[("성과지표 1 · 실적(B)", "1,182명", "1,300명")]]
    assert store.get(Indicator, ind.id).actual == "1,300명"
    assert store.year_view(2023).project(CODE).achievement == Decimal("118.2")
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert store.get(Indicator, ind.id).actual == "1,182명"
    window.undo_stack.redo()
    assert store.get(Indicator, ind.id).actual == "1,300명"
    # the same workbook again: nothing to review
    h = file_hash(store.path)
    window.shown.clear()
    acts.import_cards_action.trigger()
    qtbot.waitUntil(lambda: any("바뀐 것이 없습니다" in s for s in window.shown), timeout=30000)
    assert len(reviewed) == 1 and file_hash(store.path) == h


def test_an_inserted_indicator_row_imported_from_the_menu_is_undone_with_ctrl_z(
    qtbot, window, tmp_path, monkeypatch
):
    try:
        from .test_xlsx_returns import NEW_INDICATOR, insert_indicator_row
    except ImportError:  # tests/export is not a package
        from test_xlsx_returns import NEW_INDICATOR, insert_indicator_row

    store = window.store
    cid = store.year_view(2023).project(CODE).card.id
    before = [r.name for r in store.list(Indicator, card_id=cid)]
    (book,) = export_department_workbooks(store, 2023, tmp_path, department=DEPT)
    insert_indicator_row(book, NEW_INDICATOR)
    monkeypatch.setattr(exchange_actions, "ask_open_paths", lambda *a: [str(book)])
    monkeypatch.setattr(exchange_actions, "review", lambda parent, plan: list(plan.entries))
    acts = window.exchange_actions
    acts.import_cards_action.trigger()
    qtbot.waitUntil(lambda: acts.last_result is not None, timeout=30000)
    assert [r.name for r in store.list(Indicator, card_id=cid)] == [*before, "긴급돌봄 연계 건수"]
    window.undo_stack.undo()
    assert [r.name for r in store.list(Indicator, card_id=cid)] == before
    window.undo_stack.redo()
    assert [r.name for r in store.list(Indicator, card_id=cid)][-1] == "긴급돌봄 연계 건수"


def test_import_errors_are_shown_and_nothing_is_written(qtbot, window, tmp_path, monkeypatch):
    bogus = tmp_path / "x.xlsx"
    bogus.write_text("not a workbook")
    monkeypatch.setattr(exchange_actions, "ask_open_path", lambda *a: str(bogus))
    h = file_hash(window.store.path)
    window.exchange_actions.import_budget_action.trigger()
    qtbot.waitUntil(lambda: any(s.startswith("경고:") for s in window.shown), timeout=30000)
    assert any("Excel 통합문서(.xlsx)가 아닙니다" in s for s in window.shown)
    assert file_hash(window.store.path) == h


def test_read_workbooks_refuses_the_windows_other_year(window, tmp_path):
    (book,) = export_department_workbooks(window.store, 2023, tmp_path, department=DEPT)
    from sbdesk.services.errors import InterchangeError

    with pytest.raises(InterchangeError, match="지금 연도는 2024년"):
        read_workbooks(window.store, [book], 2024)

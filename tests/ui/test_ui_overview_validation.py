"""The 사업 총괄표 and the validation panel."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from uihelpers import open_card, project_id

from sbdesk.services.check import run_checks
from sbdesk.ui.models.overview_model import (
    COL_ACH,
    COL_CODE,
    COL_DEPT,
    COL_EXRATE,
    COL_IND,
    COL_NAME,
)


def shown(window) -> list[str]:
    p = window.overview.proxy
    return [p.index(r, COL_CODE).data() for r in range(p.rowCount())]


def test_overview_lists_every_project_with_computed_rates(window):
    ov = window.overview
    headers = [
        ov.model.headerData(c, Qt.Horizontal).replace("\n", "")
        for c in range(ov.model.columnCount())
    ]
    assert headers == [
        "번호",
        "사업명",
        "부서",
        "성과지표",
        "목표(A)",
        "실적(B)",
        "달성률",
        "예산(A)(백만원)",
        "집행 실적(B)(백만원)",
        "집행률",
        "작성 상태",
    ]
    assert len(shown(window)) == 44
    assert shown(window)[:3] == ["I-1-1", "I-1-2", "I-1-3"] and shown(window)[-1] == "II-4-2-2"
    row = shown(window).index("I-3-1")
    idx = ov.proxy.index(row, COL_ACH)
    assert idx.data() == "▼ 73.0%"  # below the 80 % line: marked
    assert idx.data(Qt.BackgroundRole) is not None
    assert ov.proxy.index(row, COL_EXRATE).data() == "100.0%"
    assert ov.proxy.index(row, COL_EXRATE).data(Qt.BackgroundRole) is None
    assert ov.proxy.index(row, COL_IND).data().split("\n") == [
        "서비스 지원 건수 (단위:건)",
        "서비스 이용 만족도 (단위:%)",
    ]
    assert "사업 44개 중 44개 표시" == ov.count.text()


def test_overview_sorts_and_filters(window):
    ov = window.overview
    ov.view.sortByColumn(COL_ACH, Qt.AscendingOrder)
    rates = [
        ov.model.rows[ov.proxy.mapToSource(ov.proxy.index(r, 0)).row()].achievement
        for r in range(ov.proxy.rowCount())
    ]
    defined = [r for r in rates if r is not None]
    assert defined == sorted(defined)
    ov.view.sortByColumn(COL_CODE, Qt.AscendingOrder)
    ov.strategy.setCurrentIndex(ov.strategy.findText("I-3", Qt.MatchStartsWith))
    assert shown(window) == [f"I-3-{n}" for n in range(1, 7)]
    ov.strategy.setCurrentIndex(0)
    ov.department.setCurrentIndex(ov.department.findText("복지정책과"))
    assert shown(window) and all(
        ov.proxy.index(r, COL_DEPT).data() == "복지정책과" for r in range(ov.proxy.rowCount())
    )
    ov.department.setCurrentIndex(0)
    ov.search.setText("돌봄SOS")
    assert shown(window) == ["I-3-1"]
    ov.search.clear()
    ov.flagged.setChecked(True)
    flagged = shown(window)
    assert "I-3-1" in flagged and len(flagged) < 44
    ov.threshold.setValue(50)
    assert "I-3-1" not in shown(window) or project_id(window, "I-3-1") in ov.model.findings
    ov.flagged.setChecked(False)
    row = shown(window).index("I-3-1")
    assert ov.proxy.index(row, COL_ACH).data() == "73.0%"
    assert window.tree.model.threshold == Decimal(50)


def test_double_click_opens_the_card(window, qtbot):
    ov = window.overview
    window.tabs.setCurrentIndex(1)
    row = shown(window).index("I-3-1")
    idx = ov.proxy.index(row, COL_NAME)
    QApplication.processEvents()
    ov.view.scrollTo(idx)
    QApplication.processEvents()
    rect = ov.view.visualRect(idx)
    assert rect.isValid() and ov.view.viewport().rect().contains(rect.center())
    # QTest's double click alone does not make a view emit doubleClicked: click, then double-click
    qtbot.mouseClick(ov.view.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(ov.view.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.tabs.currentIndex() == 0
    assert window.card_editor.project_id == project_id(window, "I-3-1")


def test_validation_panel_shows_the_findings_and_marks_the_overview(window):
    window.validation.wait()
    expected = run_checks(window.store, 2023)
    tree = window.validation.tree
    assert tree.topLevelItemCount() == len(expected) > 0
    assert window.validation.summary.text().startswith("점검 결과: 오류 ")
    first = tree.topLevelItem(0)
    assert first.text(0) in ("오류", "경고", "참고") and first.text(3)
    labels = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    order = {"오류": 0, "경고": 1, "참고": 2}
    assert "오류" in labels and labels == sorted(labels, key=order.__getitem__)  # errors first
    flagged = {f.project_id for f in expected if f.project_id}
    ov = window.overview.model
    for i, fig in enumerate(ov.rows):
        has_icon = ov.index(i, COL_CODE).data(Qt.DecorationRole) is not None
        assert has_icon == (fig.id in flagged)
    window.validation.severity.setCurrentIndex(1)  # errors only
    assert all(tree.topLevelItem(i).text(0) == "오류" for i in range(tree.topLevelItemCount()))


def test_clicking_a_finding_jumps_to_the_field(window, qtbot):
    window.validation.wait()
    tree = window.validation.tree

    def click(pred):
        for i in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(i)
            f = item.data(0, Qt.UserRole)
            if pred(f):
                tree.scrollToItem(item)
                rect = tree.visualItemRect(item)
                qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=rect.center())
                QApplication.processEvents()
                return f
        raise AssertionError("no such finding")

    f = click(lambda f: f.field == "Card.content_detail")
    assert window.card_editor.project_id == f.project_id
    assert QApplication.focusWidget().objectName() == "Card.content_detail"
    f = click(lambda f: f.field == "BudgetLine.executed_amount" and f.severity == "error")
    assert window.card_editor.project_id == f.project_id
    view = window.card_editor.section("budget").table.view
    assert QApplication.focusWidget() is view
    model = view.model()
    assert model.rows[view.currentIndex().row()].line.id == f.row_id
    assert view.currentIndex().column() == 6
    f = click(lambda f: f.field == "Indicator.actual")
    view = window.card_editor.section("indicators").table.view
    assert QApplication.focusWidget() is view
    assert view.model().rows[view.currentIndex().row()].id == f.row_id


def test_checks_rerun_after_an_edit(window, qtbot):
    window.validation.wait()
    before = len(window.validation.findings)
    editor = open_card(window, "I-3-1")
    field = editor.section("content").fields["Card.content_detail"]
    assert any(
        f.field == "Card.content_detail" and f.project_id == project_id(window, "I-3-1")
        for f in window.validation.findings
    )
    field.setFocus()
    field.setPlainText("돌봄매니저가 방문하여 필요한 서비스를 연계")
    field.commit()
    qtbot.waitUntil(lambda: len(window.validation.findings) == before - 1, timeout=30000)

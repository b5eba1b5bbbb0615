"""The 문서 menu and the PDF preview, with the real MainWindow (pytest-qt, offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from pdf_readback import page_count, pdftotext_pages, squash  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402

from sbdesk.app import create_app  # noqa: E402
from sbdesk.ui.actions import documents_actions  # noqa: E402
from sbdesk.ui.dialogs.pdf_preview import PdfPreview  # noqa: E402
from sbdesk.ui.main_window import MainWindow  # noqa: E402


@pytest.fixture
def window(qtbot, qapp, demo_path):
    create_app()
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    assert w.open_file(demo_path)
    qtbot.waitExposed(w)
    yield w
    for p in list(w.document_actions.previews):
        try:
            p.close()
        except RuntimeError:
            pass
    if hasattr(w, "validation"):
        w.validation.wait()
    w.close()


def _finish(qtbot, task, timeout=60000):
    qtbot.waitUntil(lambda: task.finished_flag, timeout=timeout)


def _make(qtbot, window, kind) -> PdfPreview:
    actions = window.document_actions
    before = len(actions.previews)
    task = actions.make(kind)
    assert task is not None
    _finish(qtbot, task)
    qtbot.waitUntil(lambda: len(actions.previews) > before, timeout=10000)
    preview = actions.previews[-1]
    qtbot.waitUntil(lambda: preview.page_count() > 0, timeout=10000)
    return preview


def test_documents_menu_has_the_five_entries(window):
    texts = [a.text() for a in window.menu("documents").actions()]
    for expected in (
        "시행결과 보고서…",
        "심의결과서…",
        "모니터링 회의 자료…",
        "사업 카드 인쇄…",
        "기본계획 4개년 표…",
    ):
        assert expected in texts


def test_review_sheet_opens_in_the_preview_and_saves_and_prints(window, qtbot, tmp_path):
    window.menu("documents")  # the menu the action lives in
    act = window.document_actions.actions["review-sheet"]
    actions = window.document_actions
    act.trigger()
    task = actions.tasks[-1]
    _finish(qtbot, task)
    qtbot.waitUntil(lambda: bool(actions.previews), timeout=10000)
    preview = actions.previews[-1]
    qtbot.waitUntil(lambda: preview.page_count() == 1, timeout=10000)
    assert preview.isVisible()
    assert "심의결과서" in preview.windowTitle()
    assert preview.page_count_label.text().strip() == "/ 1쪽"

    saved = preview.save_as(str(tmp_path / "saved.pdf"))
    assert saved is not None and page_count(saved) == 1
    assert saved.read_bytes() == preview.path.read_bytes()

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == 1
    assert page_count(tmp_path / "printed.pdf") == 1


def test_card_print_of_the_selected_projects(window, qtbot, monkeypatch):
    ids = {code: pid for pid, code in window.store.codes().items()}
    monkeypatch.setattr(window, "selected_project_ids", lambda: [ids["I-2-1"], ids["I-3-1"]])
    preview = _make(qtbot, window, "card")
    text = squash("".join(pdftotext_pages(preview.path, raw=True)))
    assert "I-2-1." in text and "I-3-1." in text and "I-1-1." not in text
    assert preview.page_count() >= 3
    assert preview.bookmarks.rowCount() == 2  # one outline entry per card
    preview.go_to(2)
    qtbot.waitUntil(lambda: preview.current_page() == 2, timeout=5000)
    assert preview.page_box.value() == 3
    preview.zoom(1.5)
    assert preview.view.zoomFactor() > 1.0
    preview.fit_width()


def test_monitoring_pack_asks_for_a_strategy_without_selection(window, qtbot, monkeypatch):
    monkeypatch.setattr(window, "selected_project_ids", lambda: [])
    asked = []

    def answer(parent, items):
        asked.append(items)
        return next(i for i in items if i.startswith("I-3 "))

    monkeypatch.setattr(documents_actions, "ask_strategy", answer)
    preview = _make(qtbot, window, "monitoring-pack")
    assert asked and asked[0][0] == "전체 사업" and len(asked[0]) == 9
    pages = pdftotext_pages(preview.path)
    assert sum(1 for t in pages if "I-3-" in t) >= 6
    assert "참석자명단" in squash(pages[-1])


def test_cancelled_generation_opens_nothing(window, qtbot, monkeypatch):
    monkeypatch.setattr(documents_actions, "confirm", lambda *a: True)
    monkeypatch.setattr(window, "selected_project_ids", lambda: [])
    actions = window.document_actions
    monkeypatch.setattr(actions, "_ask_final", lambda year: False)  # asked in its own test
    before = len(actions.previews)
    cancelled = []
    task = actions.make("results")
    task.cancelled.connect(lambda: cancelled.append(True))
    task.dialog.canceled.emit()  # what the dialog's 취소 button does
    _finish(qtbot, task)
    qtbot.waitUntil(lambda: bool(cancelled), timeout=10000)
    assert len(actions.previews) == before
    assert not any(p.suffix == ".pdf" for p in actions.out_dir().iterdir())


def test_landscape_pages_print_landscape(window, qtbot, tmp_path):
    preview = _make(qtbot, window, "basic-plan")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "bp-printed.pdf"))
    n = preview.print_to(printer, 1, 2)
    assert n == 2
    reader = PdfReader(str(tmp_path / "bp-printed.pdf"))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)


def test_no_plan_open_warns(qtbot, qapp, monkeypatch):
    create_app()
    w = MainWindow()
    qtbot.addWidget(w)
    warned = []
    monkeypatch.setattr(documents_actions, "warn", lambda parent, title, text: warned.append(text))
    assert w.document_actions.make("results") is None
    assert warned and "계획 파일" in warned[0]


def test_same_document_twice_and_saving_never_replaces_silently(window, qtbot, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    first = _make(qtbot, window, "review-sheet")
    second = _make(qtbot, window, "review-sheet")  # the app's scratch file is not in the way
    assert first.path != second.path and first.path.exists() and second.path.exists()

    kept = tmp_path / "심의.pdf"
    kept.write_bytes(b"earlier document")
    asked: list[str] = []

    def answer(button):
        def attempt(n=100):
            w = QApplication.activeModalWidget()
            if isinstance(w, QMessageBox):
                asked.append(w.text())
                w.button(button).click()
            elif n:
                QTimer.singleShot(20, lambda: attempt(n - 1))

        QTimer.singleShot(0, attempt)

    # "심의" without .pdf: the program adds the extension, so it asks before replacing
    answer(QMessageBox.No)
    assert second.save_as(str(tmp_path / "심의")) is None
    assert asked and "이미 있습니다" in asked[-1]
    assert kept.read_bytes() == b"earlier document"
    answer(QMessageBox.Yes)
    assert second.save_as(str(tmp_path / "심의")) == kept
    assert kept.read_bytes() == second.path.read_bytes()
    # a plan file is never replaced, whatever its name
    plan_copy = tmp_path / "계획.pdf"
    plan_copy.write_bytes(window.store.path.read_bytes())
    answer(QMessageBox.Ok)
    assert second.save_as(str(plan_copy)) is None
    assert plan_copy.read_bytes()[:16] == b"SQLite format 3\x00"


def test_hwpx_submenu_writes_a_hangul_file_where_the_user_chose(
    window, qtbot, tmp_path, monkeypatch
):
    sub = next(
        a.menu() for a in window.menu("documents").actions() if a.text() == "한글(HWPX)로 만들기"
    )
    assert [a.text() for a in sub.actions()][:2] == [
        "시행결과 보고서 (한글)…",
        "심의결과서 (한글)…",
    ]
    asked, told = [], []
    target = tmp_path / "심의결과서"
    monkeypatch.setattr(
        documents_actions,
        "ask_save_path",
        lambda parent, title, suggested: asked.append(suggested) or str(target) + ".hwpx",
    )
    monkeypatch.setattr(documents_actions, "inform", lambda p, t, text: told.append(text))
    actions = window.document_actions
    actions.actions["review-sheet:hwpx"].trigger()
    _finish(qtbot, actions.tasks[-1])
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert asked and asked[0].endswith("심의결과서.hwpx")
    out = tmp_path / "심의결과서.hwpx"
    assert out.read_bytes()[:2] == b"PK" and str(out) in told[0]
    # the basic-plan table of the whole term, as 한글 too
    asked.clear(), told.clear()
    target = tmp_path / "기본계획"
    actions.actions["basic-plan:hwpx"].trigger()
    _finish(qtbot, actions.tasks[-1])
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    out = tmp_path / "기본계획.hwpx"
    assert out.read_bytes()[:2] == b"PK" and str(out) in told[0]
    import zipfile

    with zipfile.ZipFile(out) as z:
        section = z.read("Contents/section0.xml").decode("utf-8")
    assert "사업번호" in section and "I-1-1" in section
    # cancelling the save dialog makes nothing
    monkeypatch.setattr(documents_actions, "ask_save_path", lambda *a: None)
    window.selected_project_ids = lambda: []
    monkeypatch.setattr(documents_actions, "confirm", lambda *a: True)
    assert actions.make("card", "hwpx") is None

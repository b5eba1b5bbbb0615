"""The crash dialog, the exception hook and the bundled Korean fonts."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication, QMessageBox
from uihelpers import answer_next_dialog

from sbdesk import paths
from sbdesk.services.errors import PlanFileError
from sbdesk.ui.dialogs import error_dialog
from sbdesk.ui.dialogs.error_dialog import ErrorDialog, install_excepthook, show_error
from sbdesk.ui.fonts import app_font, register_fonts


def test_sbdesk_error_is_a_plain_korean_message(qtbot):
    state = answer_next_dialog("OK")
    show_error(None, PlanFileError("계획 파일을 찾을 수 없습니다: x.sbplan"))
    assert state["done"]
    assert "계획 파일을 찾을 수 없습니다" in state["seen"]


def test_unexpected_error_dialog_has_copyable_details(qtbot):
    try:
        {}["없는 키"]
    except KeyError as exc:
        dlg = ErrorDialog(None, exc)
    qtbot.addWidget(dlg)
    assert "KeyError" in dlg.details and "test_ui_errors_fonts.py" in dlg.details
    assert dlg.text.toPlainText() == dlg.details
    assert dlg.text.isReadOnly()
    dlg.copy_button.click()
    assert QApplication.clipboard().text() == dlg.details
    assert dlg.copy_button.text() == "복사됨"


def test_excepthook_shows_the_dialog_and_logs(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self.details) or 0)
    old_hook, old_thread_hook = sys.excepthook, __import__("threading").excepthook
    try:
        install_excepthook()
        try:
            raise RuntimeError("슬롯에서 난 오류")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    finally:
        sys.excepthook = old_hook
        __import__("threading").excepthook = old_thread_hook
    assert "슬롯에서 난 오류" in shown[0]
    log = paths.data_dir() / "crash.log"
    assert "RuntimeError: 슬롯에서 난 오류" in log.read_text(encoding="utf-8")
    assert error_dialog._showing is False


def test_errors_from_worker_threads_reach_the_dialog(qtbot, monkeypatch):
    import threading

    shown = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self.details) or 0)
    old_hook, old_thread_hook = sys.excepthook, threading.excepthook
    try:
        install_excepthook()
        t = threading.Thread(target=lambda: 1 / 0)
        t.start()
        t.join()
        qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    finally:
        sys.excepthook, threading.excepthook = old_hook, old_thread_hook
    assert "ZeroDivisionError" in shown[0]


def test_bundled_fonts_are_registered_and_used():
    fams = register_fonts()
    assert set(fams) >= {"NanumGothic.ttf", "NanumGothicBold.ttf", "NanumMyeongjo.ttf"}
    assert "NanumGothic" in fams["NanumGothic.ttf"]
    assert QApplication.font().family() == "NanumGothic"
    info = QFontInfo(app_font())
    assert info.family() == "NanumGothic"
    assert "NanumGothic" in QFontDatabase.families()
    # Hangul is in the font itself (rendered the same without a system Korean font)
    from PySide6.QtGui import QFontMetrics, QRawFont

    from sbdesk.resources import resource

    raw = QRawFont(str(resource("fonts", "NanumGothic.ttf")), 12)
    assert raw.isValid() and raw.familyName() == "NanumGothic"
    assert all(g > 0 for g in raw.glyphIndexesForString("지역사회보장계획"))
    assert QFontMetrics(app_font()).horizontalAdvance("가") > 0


def test_message_box_class_is_used_for_validation_errors(qtbot):
    from sbdesk.services.errors import ValidationError

    state = answer_next_dialog("OK")
    show_error(None, ValidationError("집행(B): '1,300명'은(는) 금액(백만원)으로 읽을 수 없습니다."))
    assert state["done"] and "1,300명" in state["seen"]
    assert QMessageBox is not None

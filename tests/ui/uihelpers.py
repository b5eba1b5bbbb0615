"""Helpers of the UI tests: typing Hangul, editing cells, answering dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton

from sbdesk import models as m


def project_id(window, code: str) -> int:
    return window.store.project_by_code(code).id


def open_card(window, code: str):
    window.open_project(project_id(window, code))
    QApplication.processEvents()
    return window.card_editor


def type_text(widget, text: str, replace: bool = True) -> None:
    """Type ``text`` into a focused text widget as an input method commits it (Hangul-safe)."""
    widget.setFocus(Qt.OtherFocusReason)
    QApplication.processEvents()
    if replace:
        widget.selectAll()
    ev = QInputMethodEvent("", [])
    ev.setCommitString(text)
    QApplication.sendEvent(widget, ev)


def edit_cell(qtbot, view, row: int, column: int, text: str) -> None:
    """Edit one table cell through its real editor, committing with Enter."""
    index = view.model().index(row, column)
    view.setFocus()
    view.setCurrentIndex(index)
    view.edit(index)
    QApplication.processEvents()
    editor = view.indexWidget(index) or QApplication.focusWidget()
    assert editor is not None and editor is not view, "no cell editor opened"
    if hasattr(editor, "selectAll"):
        editor.selectAll()
    ev = QInputMethodEvent("", [])
    ev.setCommitString(text)
    QApplication.sendEvent(editor, ev)
    qtbot.keyClick(editor, Qt.Key_Return)
    QApplication.processEvents()


def answer_next_dialog(button_text: str | None = None, text: str | None = None, tries: int = 50):
    """Answer the next modal dialog (message box or input dialog) once it is shown."""
    state = {"done": False, "seen": ""}

    def attempt(n=tries):
        w = QApplication.activeModalWidget()
        if w is None:
            if n > 0:
                QTimer.singleShot(20, lambda: attempt(n - 1))
            return
        if isinstance(w, QMessageBox):
            state["seen"] = w.text() + "\n" + w.informativeText()
        if text is not None and hasattr(w, "setTextValue"):
            w.setTextValue(text)
        if button_text is None:
            w.accept() if isinstance(w, QDialog) else w.close()
        else:
            # standard buttons are translated (qtbase_ko): "OK" reads "확인"
            wanted = {button_text, QCoreApplication.translate("QPlatformTheme", button_text)}
            for b in w.findChildren(QPushButton):
                if b.text().replace("&", "") in wanted:
                    b.click()
                    break
            else:
                state["error"] = f"no button {button_text!r} in dialog"
                w.reject() if isinstance(w, QDialog) else w.close()  # never leave a test hanging
                return
        state["done"] = True

    QTimer.singleShot(0, attempt)
    return state


def cell_text(model, row: int, column: int) -> str:
    return model.index(row, column).data() or ""


def card_of(window, code: str) -> m.Card:
    return window.store.card(project_id(window, code), window.year)

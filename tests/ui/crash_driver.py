"""Test-only driver: the real app on FILE, edited through its widgets until it is killed.

``python tests/ui/crash_driver.py FILE`` starts the app the way ``sbdesk FILE``
does (``sbdesk.app.create_app`` + ``open_window``), then keeps editing cards:
Korean text typed into 담당자 (committed with Enter) and amounts typed into the
집행(B) cells of the budget grid. After each edit is committed it prints
``COMMITTED <n> <code> <field> <value>``; between edits it leaves text typed but
not yet committed in 목적, the "field being typed" a crash may lose.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication

from sbdesk.app import create_app, open_window


def commit_string(widget, text: str) -> None:
    widget.setFocus(Qt.OtherFocusReason)
    if hasattr(widget, "selectAll"):
        widget.selectAll()
    ev = QInputMethodEvent("", [])
    ev.setCommitString(text)
    QApplication.sendEvent(widget, ev)


def press_enter(widget) -> None:
    for kind in (QEvent.KeyPress, QEvent.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_Return, Qt.NoModifier))


def main(path: str) -> int:
    app = create_app()
    window = open_window(path)
    window.show()
    codes = [c for _pid, c in sorted(window.store.codes().items()) if c.startswith("I-")]
    state = {"n": 0}

    def step() -> None:
        n = state["n"] = state["n"] + 1
        code = codes[n % len(codes)]
        window.open_project(window.store.project_by_code(code).id)
        editor = window.card_editor
        if editor.data is None or editor.data.card is None:
            QTimer.singleShot(5, step)
            return
        if n % 2:
            field = editor.section("owner").fields["Card.officer"]
            value = f"담당자{n}"
            commit_string(field, value)
            press_enter(field)
            print(f"COMMITTED {n} {code} Card.officer {value}", flush=True)
        else:
            section = editor.section("budget")
            model, view = section.budget_model, section.table.view
            row = next((i for i, r in enumerate(model.rows) if r.line is not None), None)
            if row is None:
                QTimer.singleShot(5, step)
                return
            index = model.index(row, 6)
            view.setFocus()
            view.setCurrentIndex(index)
            view.edit(index)
            cell = QApplication.focusWidget()
            value = f"{n}.5"
            commit_string(cell, value)
            press_enter(cell)
            print(
                f"COMMITTED {n} {code} BudgetLine.executed_amount:{model.rows[row].line.id} {value}",
                flush=True,
            )
        # something typed and not committed yet: a crash may lose only this
        commit_string(editor.section("purpose").fields["Card.purpose"], f"입력 중 {n}")
        QTimer.singleShot(5, step)

    QTimer.singleShot(0, step)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

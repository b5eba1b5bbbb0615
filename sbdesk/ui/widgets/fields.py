"""Form fields bound to one column of one row, written through the session as the user commits.

- ``FieldLineEdit`` commits on Enter and on leaving the field; Esc restores the saved text.
- ``GrowingTextEdit`` (long texts) grows with its content and commits on leaving the
  field and after a short pause in typing, so a crash loses at most the last second.
- ``FieldCheckBox`` and ``FieldCombo`` commit on change.

A value the store rejects stays in the field, marked red with the Korean message
(tooltip and ``message`` signal); nothing is written. Reloading a field never
overwrites text the user is still typing unless the saved value itself changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QFrame, QLineEdit, QSizePolicy, QTextEdit

from sbdesk.services.errors import ValidationError

TYPING_COMMIT_MS = 700


class _Bound:
    """What every bound field knows: where its value lives and how to write it."""

    def _init_binding(self, model, field: str, label: str) -> None:
        self.model, self.field, self.label = model, field, label
        self.session = None
        self.ident: int | None = None
        self.project_id: int | None = None
        self.structural = False
        self.error_text = ""
        self.setObjectName(f"{model.__name__}.{field}")
        self.setAccessibleName(label)

    def attach(self, session, ident: int | None, project_id: int | None = None) -> None:
        self.session, self.ident, self.project_id = session, ident, project_id
        self.setEnabled(ident is not None)
        self._set_read_only(session is None or session.read_only)

    def _set_read_only(self, ro: bool) -> None:
        self.setEnabled(self.isEnabled() and not ro)

    def commit(self) -> bool:
        """Write what is being typed; choice fields write on change, so nothing is pending."""
        return False

    def _write(self, value: Any, merge_key: object | None = None) -> bool:
        if self.session is None or self.ident is None:
            return False
        try:
            self.session.set_field(
                self.model,
                self.ident,
                self.field,
                value,
                project_id=self.project_id,
                label=self.label,
                structural=self.structural,
                merge_key=merge_key,
            )
        except ValidationError as exc:
            self._show_error(str(exc))
            return False
        self._show_error("")
        return True

    def _defer_undo(self, event) -> bool:
        """Ctrl+Z / Ctrl+Y in a field with nothing pending go to the window's undo stack."""
        return (
            event.type() == QEvent.ShortcutOverride
            and (event.matches(QKeySequence.Undo) or event.matches(QKeySequence.Redo))
            and self.text() == self._saved
        )

    def _show_error(self, text: str) -> None:
        if text == self.error_text:
            return
        self.error_text = text
        self.setProperty("invalid", bool(text))
        self.setToolTip(text)
        self.style().unpolish(self)
        self.style().polish(self)
        self.message.emit(text)


class FieldLineEdit(QLineEdit, _Bound):
    message = Signal(str)

    def __init__(self, model, field: str, label: str, parent=None, placeholder: str = ""):
        super().__init__(parent)
        self._init_binding(model, field, label)
        self._saved = ""
        if placeholder:
            self.setPlaceholderText(placeholder)
        self.editingFinished.connect(self.commit)

    def _set_read_only(self, ro: bool) -> None:
        self.setReadOnly(ro)

    def show_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        pending = self.text() != self._saved
        if pending and text == self._saved and self.hasFocus():
            return  # the user is typing; the saved value did not change
        if pending and self.error_text and text == self._saved:
            return  # keep the rejected text visible with its message
        self._saved = text
        if self.text() != text:
            self.setText(text)
            self.setCursorPosition(0)
        self._show_error("")

    def commit(self) -> bool:
        if self.isReadOnly() or self.ident is None:
            return False
        text = self.text()
        if text == self._saved and not self.error_text:
            return False
        if self._write(text):
            self._saved = text
            return True
        return False

    def event(self, event) -> bool:
        if self._defer_undo(event):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and self.text() != self._saved:
            self.setText(self._saved)
            self._show_error("")
            return
        super().keyPressEvent(event)


class GrowingTextEdit(QTextEdit, _Bound):
    """A plain-text field that is as tall as its text (no inner scrollbar up to a limit)."""

    message = Signal(str)
    MAX_HEIGHT = 520

    def __init__(
        self, model, field: str, label: str, parent=None, min_lines: int = 2, placeholder: str = ""
    ):
        super().__init__(parent)
        self._init_binding(model, field, label)
        self._saved = ""
        self._min_lines = min_lines
        self._typing: object | None = None
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.StyledPanel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        if placeholder:
            self.setPlaceholderText(placeholder)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_COMMIT_MS)
        self._timer.timeout.connect(self.commit)
        self.textChanged.connect(self._text_changed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    def _set_read_only(self, ro: bool) -> None:
        self.setReadOnly(ro)

    def _text_changed(self) -> None:
        if self.toPlainText() != self._saved and not self.isReadOnly():
            self._timer.start()

    def _fit(self, *_args) -> None:
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())

    def sizeHint(self) -> QSize:
        doc = self.document()
        doc.setTextWidth(max(50, self.viewport().width()))
        line = self.fontMetrics().lineSpacing()
        h = max(doc.size().height(), self._min_lines * line + 2 * doc.documentMargin())
        return QSize(
            super().sizeHint().width(), min(self.MAX_HEIGHT, int(h) + 2 * self.frameWidth() + 2)
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def show_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        pending = self.toPlainText() != self._saved
        if pending and text == self._saved and self.hasFocus():
            return
        self._saved = text
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
            self._fit()
        self._timer.stop()
        self._show_error("")

    def event(self, event) -> bool:
        if self._defer_undo(event):
            event.ignore()
            return False
        return super().event(event)

    def focusInEvent(self, event) -> None:
        self._typing = object()  # commits until focus leaves merge into one undo step
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.commit()
        super().focusOutEvent(event)

    def commit(self) -> bool:
        self._timer.stop()
        if self.isReadOnly() or self.ident is None:
            return False
        text = self.toPlainText()
        if text == self._saved:
            return False
        if self._write(text, merge_key=self._typing):
            self._saved = text
            return True
        return False

    def text(self) -> str:
        return self.toPlainText()


class FieldCheckBox(QCheckBox, _Bound):
    message = Signal(str)

    def __init__(self, model, field: str, label: str, parent=None):
        super().__init__(label, parent)
        self._init_binding(model, field, label)
        self.toggled.connect(self._toggled)

    def show_value(self, value: Any) -> None:
        self.blockSignals(True)
        self.setChecked(bool(value))
        self.blockSignals(False)

    def _toggled(self, checked: bool) -> None:
        if not self._write(checked):
            self.show_value(not checked)


class FieldCombo(QComboBox, _Bound):
    """A fixed set of values: ``choices`` is a list of (label, stored value)."""

    message = Signal(str)

    def __init__(self, model, field: str, label: str, choices: list[tuple[str, Any]], parent=None):
        super().__init__(parent)
        self._init_binding(model, field, label)
        for text, value in choices:
            self.addItem(text, value)
        self.activated.connect(self._activated)

    def show_value(self, value: Any) -> None:
        i = self.findData(value)
        self.blockSignals(True)
        self.setCurrentIndex(max(i, 0))
        self.blockSignals(False)
        self._current = value

    def _activated(self, index: int) -> None:
        value = self.itemData(index)
        if not self._write(value):
            self.show_value(self._current)
        else:
            self._current = value

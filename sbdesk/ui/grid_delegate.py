"""Cell editors of the card grids: a combo for fixed choices, a multi-line editor for long text.

In a long-text cell Enter commits and Shift+Enter starts a new line (the way a
spreadsheet cell behaves with Alt+Enter), so typing stays quick.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QStyledItemDelegate


class GridDelegate(QStyledItemDelegate):
    def __init__(self, columns, parent=None):
        super().__init__(parent)
        self.columns = columns

    def createEditor(self, parent, option, index):
        col = self.columns[index.column()]
        if col.kind == "choice":
            combo = QComboBox(parent)
            for text, value in col.choices:
                combo.addItem(text, value)
            return combo
        if col.kind == "long":
            ed = QPlainTextEdit(parent)
            ed.setTabChangesFocus(True)
            ed.installEventFilter(self)
            return ed
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            i = editor.findData(index.data(Qt.EditRole))
            editor.setCurrentIndex(max(0, i))
            return
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data(Qt.EditRole) or ""))
            editor.moveCursor(editor.textCursor().MoveOperation.End)
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.EditRole)
            return
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.EditRole)
            return
        super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor, option, index):
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect.setHeight(max(rect.height(), 60))
        editor.setGeometry(rect)

    def eventFilter(self, editor, event):
        if isinstance(editor, QPlainTextEdit) and event.type() == QEvent.KeyPress:
            if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not (event.modifiers() & Qt.ShiftModifier):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.NoHint)
                return True
        return super().eventFilter(editor, event)

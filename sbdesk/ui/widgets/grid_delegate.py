"""Cells of the card grids: wrapped Korean text, a combo for fixed choices, a multi-line editor.

Korean is written with few spaces ("돌봄SOS 사업 실적(생활복지통합정보시스템 조회)"),
so text wraps at word boundaries where it can and anywhere else where it must,
instead of being cut off with "…". In a long-text cell Enter commits and
Shift+Enter starts a new line, so typing stays quick; Tab commits and moves to the
next cell of the same table (see ``GridView``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

PAD_X, PAD_Y = 4, 3


def _text_option(alignment) -> QTextOption:
    opt = QTextOption(alignment)
    opt.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
    return opt


def wrapped_height(text: str, font, width: float, option: QTextOption) -> float:
    height = 0.0
    for para in (text or " ").split("\n"):
        layout = QTextLayout(para or " ", font)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(10.0, width))
            height += line.height()
        layout.endLayout()
    return height


class GridDelegate(QStyledItemDelegate):
    def __init__(self, columns, parent=None):
        super().__init__(parent)
        self.columns = columns
        self._heights: dict[tuple[str, str, int], float] = {}

    def paint(self, painter, option, index):
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget else None
        style.drawControl(QStyle.CE_ItemViewItem, opt, painter, widget)
        if not text:
            return
        rect = style.subElementRect(QStyle.SE_ItemViewItemText, opt, widget)
        painter.save()
        group = QPalette.Normal if opt.state & QStyle.State_Enabled else QPalette.Disabled
        role = QPalette.HighlightedText if opt.state & QStyle.State_Selected else QPalette.Text
        painter.setPen(opt.palette.color(group, role))
        painter.setFont(opt.font)
        painter.drawText(
            QRectF(rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)),
            text,
            _text_option(opt.displayAlignment),
        )
        painter.restore()

    def sizeHint(self, option, index):
        """The wrapped text's height at the column's width.

        Asks the model for the text and font only (not every role, as
        ``initStyleOption`` does) and remembers heights per text, font and width:
        after an edit the grid re-measures its rows, mostly to the same sizes.
        """
        view = option.widget
        width = (
            view.columnWidth(index.column())
            if hasattr(view, "columnWidth")
            else option.rect.width()
        )
        text = index.data(Qt.DisplayRole)
        if text is not None and not isinstance(text, str):  # numbers: Qt's own display text
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            text = opt.text
        font = index.data(Qt.FontRole) or option.font
        key = (text or "", font.key(), width)
        h = self._heights.get(key)
        if h is None:
            if len(self._heights) > 20000:
                self._heights.clear()
            # line breaks do not depend on the horizontal alignment
            h = wrapped_height(text or "", font, width - 2 * PAD_X - 6, _text_option(Qt.AlignLeft))
            self._heights[key] = h
        return QSize(width, int(h) + 2 * PAD_Y + 6)

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
            if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not (
                event.modifiers() & Qt.ShiftModifier
            ):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.NoHint)
                return True
            # Qt leaves Tab to a text editor, whose Tab then moved the focus out of the
            # table (issue 13, item 16): commit and go to the next cell of this table instead
            if event.key() in (Qt.Key_Tab, Qt.Key_Backtab) and not (
                event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)
            ):
                back = event.key() == Qt.Key_Backtab or event.modifiers() & Qt.ShiftModifier
                self.commitData.emit(editor)
                self.closeEditor.emit(
                    editor,
                    QStyledItemDelegate.EditPreviousItem
                    if back
                    else QStyledItemDelegate.EditNextItem,
                )
                return True
        return super().eventFilter(editor, event)

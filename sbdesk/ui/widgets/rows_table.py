"""RowsTable: a card grid with its buttons (추가, 삭제, 위로, 아래로) and its message line.

Works with ``RowsModel`` and ``BudgetModel``. Rows are saved and undoable like
every other edit; a block copied from Excel or a HWP table pastes with Ctrl+V
(starting at the current cell, adding rows as needed).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from sbdesk.ui.widgets.grid_delegate import GridDelegate
from sbdesk.ui.widgets.grid_view import GridView


class RowsTable(QWidget):
    def __init__(
        self,
        model,
        parent=None,
        add_text: str = "행 추가",
        empty_text: str = "",
        movable: bool = True,
    ):
        super().__init__(parent)
        self.model = model
        self.view = GridView(
            self,
            empty_text=empty_text
            or f"내용이 없습니다. [{add_text}]를 누르거나 Ctrl+V로 붙여넣으세요.",
        )
        self.view.setObjectName(f"grid.{getattr(model, 'label', '')}")
        self.view.setModel(model)
        self.view.setItemDelegate(GridDelegate(model.columns, self.view))
        self.view.set_column_widths([(c.width, c.stretch) for c in model.columns])
        self.view.verticalHeader().setVisible(getattr(model, "show_row_numbers", True))
        self.view.paste_requested.connect(self._paste)
        self.view.clear_requested.connect(self._clear)
        self.view.insert_requested.connect(self.add_row)
        self.message = QLabel(self)
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()
        model.message.connect(self.show_message)

        self.add_button = QPushButton(add_text, self)
        self.delete_button = QPushButton("삭제", self)
        self.up_button = QPushButton("▲ 위로", self)
        self.down_button = QPushButton("▼ 아래로", self)
        self.add_button.clicked.connect(self.add_row)
        self.delete_button.clicked.connect(self.delete_row)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.delete_button.setToolTip("선택한 행을 지웁니다 (Ctrl+Z로 되돌릴 수 있습니다)")
        hint = QLabel("Ctrl+V: 엑셀·한글 표 붙여넣기", self)
        hint.setObjectName("hint")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.add_button, self.delete_button, self.up_button, self.down_button):
            b.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Fixed)
            b.setFocusPolicy(Qt.TabFocus)
            buttons.addWidget(b)
        if not movable:
            self.up_button.hide()
            self.down_button.hide()
        buttons.addStretch(1)
        buttons.addWidget(hint)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.view)
        lay.addWidget(self.message)
        lay.addLayout(buttons)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = self.model.editable
        row = self.view.currentIndex().row()
        n = self.model.rowCount()
        can_delete = getattr(self.model, "can_delete", lambda r: True)
        can_move = getattr(self.model, "can_move", lambda r, d: True)
        self.add_button.setEnabled(editable)
        self.delete_button.setEnabled(editable and 0 <= row < n and can_delete(row))
        self.up_button.setEnabled(editable and 0 < row < n and can_move(row, -1))
        self.down_button.setEnabled(editable and 0 <= row < n - 1 and can_move(row, 1))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def add_row(self) -> None:
        if not self.model.editable:
            return
        ident = self.model.add_row()
        row = self.model.row_of(ident)
        first = next((i for i, c in enumerate(self.model.columns) if c.editable), 0)
        self.view.focus_cell(row, first)
        self._update_buttons()

    def delete_row(self) -> None:
        row = self.view.currentIndex().row()
        if row < 0 or not self.model.editable:
            return
        col = self.view.currentIndex().column()
        self.model.delete_row(row)
        n = self.model.rowCount()
        if n:
            self.view.focus_cell(min(row, n - 1), col)
        self._update_buttons()

    def move(self, delta: int) -> None:
        cur = self.view.currentIndex()
        row = cur.row()
        if row < 0 or not self.model.editable:
            return
        new = row + delta
        if not 0 <= new < self.model.rowCount():
            return
        ident = self.model.rows[row].id
        self.model.move_row(row, new)
        self.view.focus_cell(self.model.row_of(ident), cur.column())
        self._update_buttons()

    def _paste(self, row: int, col: int, cells: list) -> None:
        if not self.model.editable:
            return
        msg = self.model.paste(row, col, cells)
        self.show_message(msg)
        self.view.focus_cell(min(row, self.model.rowCount() - 1), col)

    def _clear(self, indexes: list) -> None:
        if self.model.editable and indexes:
            self.model.clear_cells(indexes)

    def focus_row(self, row_id: int | None, field: str | None) -> bool:
        row = self.model.row_of(row_id) if row_id is not None else 0
        if row < 0:
            return False
        col = self.model.column_of(field) if field else 0
        self.view.focus_cell(row, max(col, 0))
        return True

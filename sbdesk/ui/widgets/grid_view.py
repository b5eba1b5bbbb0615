"""GridView: a table that is as tall as its rows (it lives inside the scrolling card form).

Cells wrap their text; columns keep their set widths and share the spare width
by their ``stretch`` weights. Tab and Shift+Tab move cell by cell through the
editable cells, as in Excel (also while a cell is being edited: the value is
committed first), and leave the table only after its last (before its first)
cell; coming in with Tab starts at the first cell, with Shift+Tab at the last.
So what is typed after a Tab never lands in another table.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QTableView,
)

from sbdesk.ui.widgets.paste import parse_cells


class GridView(QTableView):
    paste_requested = Signal(int, int, list)  # row, column, cells
    clear_requested = Signal(list)  # indexes
    insert_requested = Signal()

    def __init__(self, parent=None, empty_text: str = "", max_visible_rows: int = 0):
        super().__init__(parent)
        self.empty_text = empty_text
        self.max_visible_rows = max_visible_rows
        self.widths: list[tuple[int, int]] = []  # (width, stretch) per column
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(False)
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.DoubleClicked
            | QAbstractItemView.EditKeyPressed
            | QAbstractItemView.AnyKeyPressed
            | QAbstractItemView.SelectedClicked
        )
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarAlwaysOff if not max_visible_rows else Qt.ScrollBarAsNeeded
        )
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        vh = self.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.Interactive)  # fitted after changes, see fit()
        vh.setDefaultAlignment(Qt.AlignCenter)
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.Fixed)
        hh.setDefaultAlignment(Qt.AlignCenter)
        hh.setHighlightSections(False)
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit)
        #: rows to re-measure at the next fit: None = every row, a set = only these
        self._fit_rows: set[int] | None = None
        vh.sectionResized.connect(self._row_resized)

    def setModel(self, model) -> None:
        super().setModel(model)
        for sig in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
        ):
            sig.connect(lambda *_: self.schedule_fit())
        model.dataChanged.connect(self._rows_changed)

    def set_column_widths(self, widths: list[tuple[int, int]]) -> None:
        self.widths = widths
        self._apply_widths()

    def schedule_fit(self) -> None:
        self._fit_rows = None  # every row
        self._fit_timer.start()

    def _rows_changed(self, top, bottom, *_roles) -> None:
        """A cell edit re-measures its own rows only (not every row of the grid)."""
        changed = set(range(top.row(), bottom.row() + 1)) if top.isValid() else None
        if not self._fit_timer.isActive():
            self._fit_rows = changed
        elif self._fit_rows is not None:
            if changed is None:
                self._fit_rows = None
            else:
                self._fit_rows |= changed
        self._fit_timer.start()

    def _row_resized(self, *_args) -> None:
        """A row's height changed (fitted, or dragged): only the table's height follows."""
        if not self._fit_timer.isActive():
            self._fit_rows = set()
        self._fit_timer.start()

    def _apply_widths(self) -> None:
        """Set widths from the declared ones: spare width goes to stretch columns by weight;
        when the view is narrower than the declared widths, every column shrinks alike."""
        if not self.widths or self.model() is None:
            return
        avail = self.viewport().width()
        fixed = sum(w for w, s in self.widths)
        weight = sum(s for w, s in self.widths)
        if avail < fixed or not weight:
            scale = avail / fixed if fixed else 1
            sizes = [max(36, int(w * scale)) for w, s in self.widths]
        else:
            spare = avail - fixed
            sizes = [w + (spare * s // weight if s else 0) for w, s in self.widths]
        sizes[-1] = max(36, sizes[-1] + (avail - sum(sizes)))
        hh = self.horizontalHeader()
        for i, width in enumerate(sizes):
            if hh.sectionSize(i) != width:
                hh.resizeSection(i, width)
        self.schedule_fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_widths()

    def fit(self) -> None:
        if self.model() is None:
            return
        changed, self._fit_rows = self._fit_rows, None
        rows = self.model().rowCount()
        if changed is None:
            self.resizeRowsToContents()
        else:
            for r in sorted(changed):
                if r < rows:
                    self.resizeRowToContents(r)
        vh = self.verticalHeader()
        if self.max_visible_rows and rows > self.max_visible_rows:
            body = sum(vh.sectionSize(i) for i in range(self.max_visible_rows))
        else:
            body = vh.length() if rows else 40
        h = self.horizontalHeader().height() + body + 2 * self.frameWidth() + 2
        if self.height() != h:
            self.setFixedHeight(h)
        if not self.max_visible_rows:
            self.verticalScrollBar().setValue(0)  # every row is shown: never scrolled inside

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0 and self.empty_text:
            p = QPainter(self.viewport())
            p.setPen(self.palette().placeholderText().color())
            p.drawText(self.viewport().rect(), Qt.AlignCenter, self.empty_text)
            p.end()

    def scrollTo(self, index, hint=QAbstractItemView.EnsureVisible) -> None:
        if self.max_visible_rows:  # otherwise the whole table is shown; the form scrolls instead
            super().scrollTo(index, hint)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.Paste):
            text = QApplication.clipboard().text()
            cells = parse_cells(text)
            if cells:
                cur = self.currentIndex()
                row = cur.row() if cur.isValid() else self.model().rowCount()
                col = cur.column() if cur.isValid() else 0
                self.paste_requested.emit(row, col, cells)
            return
        if event.matches(QKeySequence.Copy):
            self.copy_selection()
            return
        if (
            event.key() in (Qt.Key_Delete, Qt.Key_Backspace)
            and self.state() != QAbstractItemView.EditingState
        ):
            self.clear_requested.emit(self.selectedIndexes())
            return
        if event.key() == Qt.Key_Insert:
            self.insert_requested.emit()
            return
        super().keyPressEvent(event)

    # ---- Tab: cell by cell inside the table
    def _cells(self) -> list[tuple[int, int]]:
        model = self.model()
        if model is None:
            return []
        cells = [
            (r, c)
            for r in range(model.rowCount())
            for c in range(model.columnCount())
            if not self.isColumnHidden(c)
        ]
        editable = [rc for rc in cells if model.flags(model.index(*rc)) & Qt.ItemIsEditable]
        return editable or cells

    def _step(self, forward: bool) -> QModelIndex:
        """The next (previous) cell after the current one, or an invalid index at the end."""
        cells = self._cells()
        if not cells:
            return QModelIndex()
        cur = self.currentIndex()
        here = (cur.row(), cur.column()) if cur.isValid() else None
        if forward:
            after = [rc for rc in cells if here is None or rc > here]
            rc = after[0] if after else None
        else:
            before = [rc for rc in cells if here is not None and rc < here]
            rc = before[-1] if before else None
        return self.model().index(*rc) if rc is not None else QModelIndex()

    def _leave(self, forward: bool) -> bool:
        """Move the focus out of the table (past QAbstractItemView's own Tab handling)."""
        return super(QAbstractItemView, self).focusNextPrevChild(forward)

    def focusNextPrevChild(self, forward: bool) -> bool:  # Qt's name
        if self.state() != QAbstractItemView.EditingState:
            index = self._step(forward)
            if index.isValid():
                self.setCurrentIndex(index)
                return True
        return self._leave(forward)

    def closeEditor(self, editor, hint) -> None:  # Qt's name
        """Tab in an editor: commit, then the next cell of THIS table (or leave at the end)."""
        if hint in (QAbstractItemDelegate.EditNextItem, QAbstractItemDelegate.EditPreviousItem):
            forward = hint == QAbstractItemDelegate.EditNextItem
            super().closeEditor(editor, QAbstractItemDelegate.NoHint)
            index = self._step(forward)
            if index.isValid():
                self.setCurrentIndex(index)
                self.setFocus(Qt.TabFocusReason)
            else:
                self.setFocus(Qt.OtherFocusReason)
                self._leave(forward)
            return
        super().closeEditor(editor, hint)

    def focusInEvent(self, event) -> None:  # Qt's name
        reason = event.reason()
        if reason in (Qt.TabFocusReason, Qt.BacktabFocusReason) and self.model() is not None:
            cells = self._cells()
            if cells:
                rc = cells[0] if reason == Qt.TabFocusReason else cells[-1]
                self.setCurrentIndex(self.model().index(*rc))
        super().focusInEvent(event)

    def copy_selection(self) -> None:
        idx = sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column()))
        if not idx:
            return
        rows: dict[int, dict[int, str]] = {}
        for i in idx:
            rows.setdefault(i.row(), {})[i.column()] = str(i.data() or "")
        cols = sorted({i.column() for i in idx})
        lines = []
        for r in sorted(rows):
            cells = []
            for c in cols:
                t = rows[r].get(c, "")
                cells.append(
                    f'"{t.replace(chr(34), chr(34) * 2)}"' if ("\n" in t or "\t" in t) else t
                )
            lines.append("\t".join(cells))
        QApplication.clipboard().setText("\n".join(lines) + "\n")

    def focus_cell(self, row: int, column: int) -> None:
        if row < 0 or self.model() is None:
            return
        index = self.model().index(row, max(0, column))
        self.setCurrentIndex(index)
        if self.max_visible_rows:
            self.scrollTo(index)
        self.setFocus(Qt.OtherFocusReason)

    def current_or_end(self) -> QModelIndex:
        cur = self.currentIndex()
        return cur if cur.isValid() else QModelIndex()

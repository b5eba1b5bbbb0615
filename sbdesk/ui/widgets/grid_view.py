"""GridView: a table that is as tall as its rows (it lives inside the scrolling card form).

Cells wrap their text; columns keep their set widths and share the spare width
by their ``stretch`` weights; Tab leaves the table (arrows move between cells)
so the form stays keyboard-friendly.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView

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
        vh.sectionResized.connect(lambda *_: self._fit_timer.start())

    def setModel(self, model) -> None:
        super().setModel(model)
        for sig in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
            model.layoutChanged,
        ):
            sig.connect(lambda *_: self.schedule_fit())

    def set_column_widths(self, widths: list[tuple[int, int]]) -> None:
        self.widths = widths
        self._apply_widths()

    def schedule_fit(self) -> None:
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
        self.resizeRowsToContents()
        rows = self.model().rowCount()
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

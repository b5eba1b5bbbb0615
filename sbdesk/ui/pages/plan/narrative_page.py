"""The report's narrative parts of a year: text with □ ○ - bullets, tables, and 해당 없음.

Parts and their tables are declared in ``services.report_parts``. The text is
written through the session (one undo step per commit: leaving the editor, a
pause in typing, or switching parts); Enter continues the line's bullet mark.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sbdesk.services.errors import ValidationError
from sbdesk.services.report_parts import NARRATIVE_PARTS, PART_BY_KEY
from sbdesk.ui.pages.plan.base import NotApplicableBox, PlanPage

MARKS = ("□", "○", "-")
TYPING_COMMIT_MS = 800


class BulletEdit(QPlainTextEdit):
    """Plain text that keeps the report's bullets: Enter repeats the line's mark.

    ``commit()`` / ``session`` let the window write what is being typed before
    it closes or switches (``MainWindow.commit_pending``).
    """

    editor = None

    @property
    def session(self):
        return self.editor.session if self.editor is not None else None

    def commit(self) -> bool:
        return self.editor.commit() if self.editor is not None else False

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers():
            line = self.textCursor().block().text()
            stripped = line.lstrip()
            indent = line[: len(line) - len(stripped)]
            mark = next((mk for mk in MARKS if stripped.startswith(mk + " ")), None)
            if mark is not None and stripped.strip() == mark:  # an empty bullet ends the list
                cur = self.textCursor()
                cur.select(cur.SelectionType.LineUnderCursor)
                cur.removeSelectedText()
                return
            super().keyPressEvent(event)
            if mark is not None:
                self.insertPlainText(f"{indent}{mark} ")
            return
        super().keyPressEvent(event)

    def set_mark(self, mark: str) -> None:
        """Put ``mark`` at the start of the current line (replacing another mark)."""
        cur = self.textCursor()
        cur.movePosition(cur.MoveOperation.StartOfBlock)
        line = cur.block().text()
        stripped = line.lstrip()
        old = next((mk for mk in MARKS if stripped.startswith(mk + " ")), None)
        start = len(line) - len(stripped)
        cur.movePosition(cur.MoveOperation.Right, cur.MoveMode.MoveAnchor, start)
        if old is not None:
            cur.movePosition(cur.MoveOperation.Right, cur.MoveMode.KeepAnchor, len(old) + 1)
        cur.insertText(f"{mark} ")
        self.setFocus()


class NarrativeEditor(QWidget):
    """Text, tables and 해당 없음 of one narrative part."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("narrativeEditor")
        self.session = None
        self.key = NARRATIVE_PARTS[0].key
        self._saved_text = ""
        self._tables: list[dict] = []
        self._loading = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.picker = QComboBox(self)
        self.picker.setObjectName("narrativePart")
        for p in NARRATIVE_PARTS:
            self.picker.addItem(p.label, p.key)
        self.picker.currentIndexChanged.connect(self._picked)
        top.addWidget(QLabel("항목", self))
        top.addWidget(self.picker, 1)
        lay.addLayout(top)
        marks = QHBoxLayout()
        for mk, tip in zip(MARKS, ("큰 항목", "중간 항목", "작은 항목"), strict=True):
            b = QPushButton(mk, self)
            b.setToolTip(f"이 줄을 '{mk}' {tip}으로 (Enter를 누르면 다음 줄에도 이어집니다)")
            b.setFixedWidth(36)
            b.clicked.connect(lambda _=False, mk=mk: self.text.set_mark(mk))
            marks.addWidget(b)
        marks.addStretch(1)
        lay.addLayout(marks)
        self.text = BulletEdit(self)
        self.text.editor = self
        self.text.setObjectName("narrativeText")
        self.text.setPlaceholderText(
            "□ 큰 항목\n○ 중간 항목\n- 작은 항목\n(비워 두면 보고서에 '(작성 필요)'로 인쇄됩니다)"
        )
        self.text.setMinimumHeight(220)
        self.text.textChanged.connect(self._typing)
        lay.addWidget(self.text, 1)
        self.timer = QTimer(self, singleShot=True, interval=TYPING_COMMIT_MS)
        self.timer.timeout.connect(self.commit)
        self.text.installEventFilter(self)
        self.na = NotApplicableBox(self.key, self)
        lay.addWidget(self.na)
        # tables
        self.table_title = QLabel(self)
        self.table_title.setObjectName("sectionTitle")
        lay.addWidget(self.table_title)
        tb = QHBoxLayout()
        self.table_picker = QComboBox(self)
        self.table_picker.currentIndexChanged.connect(self._show_table)
        self.add_table_button = QPushButton("표 추가", self)
        self.add_row_button = QPushButton("행 추가", self)
        self.del_row_button = QPushButton("행 삭제", self)
        self.del_table_button = QPushButton("표 삭제", self)
        self.add_table_button.clicked.connect(self.add_table)
        self.add_row_button.clicked.connect(self.add_table_row)
        self.del_row_button.clicked.connect(self.delete_table_row)
        self.del_table_button.clicked.connect(self.delete_table)
        for w in (
            self.table_picker,
            self.add_table_button,
            self.add_row_button,
            self.del_row_button,
            self.del_table_button,
        ):
            tb.addWidget(w)
        tb.addStretch(1)
        lay.addLayout(tb)
        self.grid = QTableWidget(self)
        self.grid.setObjectName("narrativeTable")
        self.grid.setMinimumHeight(160)
        self.grid.cellChanged.connect(self._cell_changed)
        lay.addWidget(self.grid)
        self.message = QLabel(self)
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()
        lay.addWidget(self.message)

    # ------------------------------------------------------------------ loading
    def eventFilter(self, obj, event) -> bool:
        if obj is self.text and event.type() == event.Type.FocusOut:
            self.commit()
        return False

    def set_session(self, session) -> None:
        self.session = session

    def load(self) -> None:
        if self.session is None:
            return
        part = self.session.store.narrative(self.session.year, self.key)
        self._loading = True
        text = part["data"] if isinstance(part["data"], str) else ""
        if text != self.text.toPlainText():
            self.text.setPlainText(text)
        self._saved_text = text
        self.text.setReadOnly(self.session.read_only)
        self._tables = copy.deepcopy(part["tables"])
        self.na.part_key = self.key
        self.na.load(self.session)
        self._fill_table_picker()
        self._loading = False

    def _picked(self, index: int) -> None:
        self.commit()
        self.key = self.picker.itemData(index)
        self.load()

    def select_part(self, key: str) -> None:
        i = self.picker.findData(key)
        if i >= 0:
            self.picker.setCurrentIndex(i)

    # ------------------------------------------------------------------ text
    def _typing(self) -> None:
        if not self._loading:
            self.timer.start()

    def commit(self) -> bool:
        """Write the text being typed (one undo step)."""
        self.timer.stop()
        if self.session is None or self.session.read_only:
            return False
        text = self.text.toPlainText()
        if text == self._saved_text:
            return False
        label = PART_BY_KEY[self.key].label
        self.session.set_narrative(self.key, label, data=text)
        self._saved_text = text
        return True

    # ------------------------------------------------------------------ tables
    def _specs(self):
        return PART_BY_KEY[self.key].tables

    def _fill_table_picker(self) -> None:
        self.table_picker.blockSignals(True)
        self.table_picker.clear()
        for i, t in enumerate(self._tables):
            self.table_picker.addItem(t.get("title") or f"표 {i + 1}", i)
        self.table_picker.blockSignals(False)
        n = len(self._tables)
        self.table_title.setText(f"표 ({n}개)" if n else "표 (없음)")
        ro = self.session is None or self.session.read_only
        self.add_table_button.setEnabled(not ro)
        spec = ", ".join(s.title for s in self._specs())
        self.add_table_button.setToolTip(
            f"새 표를 만듭니다{f' (예시 양식: {spec})' if spec else ''}"
        )
        for b in (self.add_row_button, self.del_row_button, self.del_table_button):
            b.setEnabled(bool(n) and not ro)
            b.setToolTip("" if n else "먼저 [표 추가]로 표를 만드세요")
        self._show_table(self.table_picker.currentIndex())

    def _current(self) -> int:
        return self.table_picker.currentIndex()

    def _show_table(self, index: int) -> None:
        self.grid.blockSignals(True)
        self.grid.clear()
        if 0 <= index < len(self._tables):
            t = self._tables[index]
            cols = [str(c) for c in t.get("columns") or []]
            rows = t.get("rows") or []
            n = max([len(cols)] + [len(r) for r in rows]) or 1
            self.grid.setColumnCount(n)
            self.grid.setHorizontalHeaderLabels(cols + [""] * (n - len(cols)))
            self.grid.setRowCount(len(rows))
            for r, row in enumerate(rows):
                for c in range(n):
                    self.grid.setItem(r, c, QTableWidgetItem(str(row[c]) if c < len(row) else ""))
        else:
            self.grid.setColumnCount(0)
            self.grid.setRowCount(0)
        self.grid.setEditTriggers(
            QTableWidget.NoEditTriggers
            if self.session is None or self.session.read_only
            else QTableWidget.AllEditTriggers
        )
        self.grid.blockSignals(False)

    def _write_tables(self, what: str) -> None:
        label = f"{PART_BY_KEY[self.key].label} {what}"
        try:
            self.session.set_narrative(self.key, label, tables=copy.deepcopy(self._tables))
        except ValidationError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.message.hide()

    def add_table(self) -> None:
        specs = self._specs()
        spec = specs[len(self._tables)] if len(self._tables) < len(specs) else None
        cols = list(spec.columns) if spec else ["구분", "내용", "비고"]
        self._tables.append(
            {"title": spec.title if spec else "", "columns": cols, "rows": [[""] * len(cols)]}
        )
        self._write_tables("표 추가")
        self._fill_table_picker()
        self.table_picker.setCurrentIndex(len(self._tables) - 1)

    def delete_table(self) -> None:
        i = self._current()
        if 0 <= i < len(self._tables):
            del self._tables[i]
            self._write_tables("표 삭제")
            self._fill_table_picker()

    def add_table_row(self) -> None:
        i = self._current()
        if 0 <= i < len(self._tables):
            n = max(1, len(self._tables[i].get("columns") or []))
            self._tables[i].setdefault("rows", []).append([""] * n)
            self._write_tables("행 추가")
            self._show_table(i)

    def delete_table_row(self) -> None:
        i, r = self._current(), self.grid.currentRow()
        if 0 <= i < len(self._tables) and 0 <= r < len(self._tables[i].get("rows") or []):
            del self._tables[i]["rows"][r]
            self._write_tables("행 삭제")
            self._show_table(i)

    def _cell_changed(self, row: int, column: int) -> None:
        i = self._current()
        if self._loading or not 0 <= i < len(self._tables):
            return
        rows = self._tables[i].setdefault("rows", [])
        while len(rows) <= row:
            rows.append([])
        while len(rows[row]) <= column:
            rows[row].append("")
        rows[row][column] = self.grid.item(row, column).text()
        self._write_tables("표 수정")


class NarrativePage(PlanPage):
    TITLE = "보고서 서술 항목"
    KEY = "narrative"

    def build(self) -> None:
        self.editor = NarrativeEditor(self)
        self.sections_widget = self.editor
        self.body.addWidget(self.editor, 1)

    def set_session(self, session) -> None:
        super().set_session(session)
        self.editor.set_session(session)

    def load(self) -> None:
        if self.session is None:
            return
        self.editor.load()
        self.subtitle.setText(
            f"{self.session.year}년 시행결과 보고서의 서술 항목. 비워 둔 항목은 '(작성 필요)'로, "
            "'해당 없음'으로 표시한 항목만 '해당 사항 없음'으로 인쇄됩니다."
        )

    def save(self) -> None:
        self.editor.commit()

    def check(self) -> list[str]:
        return [self.editor.message.text()] if self.editor.message.isVisible() else []

    def focus_field(self, key: str, row_id: int | None) -> bool:
        part = key.split(".", 1)[-1]
        if part in PART_BY_KEY and PART_BY_KEY[part].source == "text":
            self.editor.select_part(part)
            self.editor.text.setFocus()
            return True
        return False

"""ValidationPanel: the findings of ``services.check`` for the open plan, in a dock.

Checks run in the background (a 시·도-size plan takes seconds) and again a
moment after edits stop, when the last run was quick; otherwise the panel
says the list may be out of date. Clicking a finding opens the project card
on the field it is about.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sbdesk.models import fields
from sbdesk.ui import style

SEVERITY = {
    "error": ("오류", style.BAD),
    "warning": ("경고", style.MID),
    "info": ("참고", style.NONE),
}
AUTO_RECHECK_MS = 1500
AUTO_RECHECK_MAX_SECONDS = 1.5
#: finding rows added per turn of the event loop (a few ms each turn)
FILL_CHUNK = 400


def field_label(field: str) -> str:
    """The title of a finding's field ("Card.purpose" → 사업(과업) 목적), from ``models.fields``;
    an empty report part (``YearText.<key>``) by its number and title ("1-3 계획 수립 후 환경 변화")."""
    if field.startswith("YearText."):
        from sbdesk.services.report_parts import PART_BY_KEY

        part = PART_BY_KEY.get(field.split(".", 1)[1])
        if part is not None:
            return part.label
    return fields.title(field) if field else ""


class ValidationPanel(QWidget):
    jump = Signal(object)  # a Finding
    findings_changed = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.findings: list = []
        self._task = None
        self._pending = False
        self._last_seconds = 0.0
        self._started = 0.0
        self.summary = QLabel("점검 결과 없음", self)
        self.severity = QComboBox(self)
        self.severity.addItem("모두", None)
        for key, (label, _c) in SEVERITY.items():
            self.severity.addItem(f"{label}만", key)
        self.severity.currentIndexChanged.connect(self._fill)
        self.recheck = QPushButton("다시 검사", self)
        self.recheck.setToolTip("계획 전체를 다시 점검합니다 (F5)")
        self.recheck.clicked.connect(self.run)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("findings")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["구분", "번호", "항목", "내용"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        hh = self.tree.header()
        hh.resizeSection(0, 64)
        hh.resizeSection(1, 84)
        hh.resizeSection(2, 130)
        hh.setSectionResizeMode(3, QHeaderView.Stretch)
        hh.setStretchLastSection(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.severity)
        top.addWidget(self.recheck)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addLayout(top)
        lay.addWidget(self.tree, 1)
        self._timer = QTimer(self, singleShot=True, interval=AUTO_RECHECK_MS)
        self._timer.timeout.connect(self.run)

    def set_session(self, session) -> None:
        self.session = session
        self.findings = []
        self._fill()
        if session is None:
            self.summary.setText("열린 계획이 없습니다.")

    # ------------------------------------------------------------------ running
    def plan_changed(self) -> None:
        """Called after every edit: re-check soon if that is cheap, else say the list is stale."""
        if self.session is None:
            return
        if self._last_seconds <= AUTO_RECHECK_MAX_SECONDS:
            self._timer.start(AUTO_RECHECK_MS)
        else:
            self.summary.setText(
                self._counts_text() + " — 고친 내용이 있습니다. [다시 검사]를 누르세요."
            )

    def schedule(self, delay_ms: int = 0) -> None:
        """Check soon (after the window has drawn itself) instead of now."""
        if self.session is not None:
            self._timer.start(delay_ms)

    def run(self) -> None:
        self._timer.stop()
        if self.session is None:
            return
        if self._task is not None:
            self._pending = True
            return
        from sbdesk.services.check import run_checks
        from sbdesk.ui.tasks import run_task

        store, year = self.session.store, self.session.year
        self._started = time.monotonic()
        self.summary.setText("점검하는 중…")
        self.recheck.setEnabled(False)

        def work(progress):
            return run_checks(store, year)

        self._task = run_task(
            self, "계획 점검", work, show_dialog=False, on_done=self._done, on_error=self._failed
        )

    def stop(self) -> None:
        """Cancel a planned check and wait for a running one (closing the file)."""
        self._timer.stop()
        self._pending = False
        self._to_fill = []
        self.wait()

    def wait(self, timeout_ms: int = 30000) -> None:
        """Block until a running check has finished (tests, closing)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(timeout_ms)
        while self.busy and not deadline.hasExpired():
            QCoreApplication.processEvents()
            time.sleep(0.01)

    def _done(self, findings) -> None:
        self._task = None
        self._last_seconds = time.monotonic() - self._started
        self.recheck.setEnabled(True)
        self.set_findings(findings)
        if self._pending:
            self._pending = False
            self.run()

    def _failed(self, exc, tb) -> None:
        self._task = None
        self.recheck.setEnabled(True)
        self.summary.setText(f"점검하지 못했습니다: {exc}")
        from sbdesk.ui.dialogs.error_dialog import show_error

        show_error(self.window(), exc, tb)

    # ------------------------------------------------------------------ showing
    def set_findings(self, findings: list) -> None:
        self.findings = list(findings)
        self._fill()
        self.findings_changed.emit(self.findings)

    def _counts_text(self) -> str:
        c = {k: 0 for k in SEVERITY}
        for f in self.findings:
            c[f.severity] = c.get(f.severity, 0) + 1
        if not self.findings:
            return "점검 결과: 문제가 없습니다."
        return f"점검 결과: 오류 {c['error']}건 · 경고 {c['warning']}건 · 참고 {c['info']}건"

    def _fill(self, *_args) -> None:
        """List the findings: the first ``FILL_CHUNK`` now, the rest a chunk per loop turn.

        A 시·도 plan has thousands of findings; making all their rows at once
        would hold the window for longer than 100 ms.
        """
        self.summary.setText(self._counts_text())
        wanted = self.severity.currentData()
        self.tree.clear()
        shown = [f for f in self.findings if not wanted or f.severity == wanted]
        # errors first, then warnings, then notes; the check's own order within each
        rank = {key: i for i, key in enumerate(SEVERITY)}
        self._to_fill = sorted(shown, key=lambda f: rank.get(f.severity, len(rank)))
        self._fill_chunk()

    def _fill_chunk(self) -> None:
        todo = getattr(self, "_to_fill", [])
        chunk, self._to_fill = todo[:FILL_CHUNK], todo[FILL_CHUNK:]
        self._add_items(chunk)
        if self._to_fill:  # 1 ms: a timer, so input and paint events get their turn between
            QTimer.singleShot(1, self._fill_chunk)

    @property
    def busy(self) -> bool:
        """A check is planned, running, or its findings are still being listed."""
        return self._task is not None or self._timer.isActive() or self.filling

    @property
    def filling(self) -> bool:
        """Rows of the last findings are still being added (see ``_fill``)."""
        return bool(getattr(self, "_to_fill", None))

    def _add_items(self, findings: list) -> None:
        items = []
        for f in findings:
            label, colour = SEVERITY.get(f.severity, (f.severity, style.NONE))
            message = f.message
            if f.code and message.startswith(f.code + " "):
                message = message.split(": ", 1)[-1]
            item = QTreeWidgetItem([label, f.code or "계획", field_label(f.field), message])
            item.setIcon(0, style.dot_icon(colour))
            item.setForeground(0, QBrush(QColor(colour)))
            item.setToolTip(3, f.message)
            item.setData(0, Qt.UserRole, f)
            items.append(item)
        self.tree.addTopLevelItems(items)

    def _activated(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        f = item.data(0, Qt.UserRole)
        if f is not None:
            self.jump.emit(f)

"""OverviewPanel: the 사업 총괄표 with its filters (전략, 부서, 검색, 표시 기준) and totals line."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sbdesk.services.numbers import format_money, format_rate
from sbdesk.ui import style
from sbdesk.ui.figures import overview_of
from sbdesk.ui.models.overview_model import (
    COL_ACH,
    COL_ACTUAL,
    COL_BUDGET,
    COL_CODE,
    COL_DEPT,
    COL_EXEC,
    COL_EXRATE,
    COL_IND,
    COL_NAME,
    COL_REVIEW,
    COL_TARGET,
    PROJECT_ROLE,
    OverviewFilter,
    OverviewModel,
)

ALL = "전체"


class OverviewTable(QTableView):
    """The overview table; a row's height is computed from its text, not measured cell by cell.

    With ``ResizeToContents`` rows Qt asks every cell of every row for its size
    hint (about ten roles each) whenever anything changes: 120,000 calls into
    the model on a 1,200-project plan, seconds of frozen window. Here the rows
    have fixed heights that ``fit_rows`` sets once per turn of the event loop
    after a change (only while the table is shown): the most lines any cell of
    the row needs (indicator lines, or the wrapped name and department), cached
    per figures object and column widths.
    """

    WRAPPED = (COL_CODE, COL_NAME, COL_DEPT, COL_REVIEW)
    FIT_CHUNK = 250

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lines: dict[tuple[str, int], int] = {}
        self._heights: dict[int, tuple[object, tuple[int, ...], int]] = {}
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit_rows)
        self._chunk_timer = QTimer(self, singleShot=True, interval=0)
        self._chunk_timer.timeout.connect(self._fit_some)
        self.horizontalHeader().sectionResized.connect(lambda *_a: self.schedule_fit())

    def setModel(self, model) -> None:  # Qt API name
        super().setModel(model)
        for sig in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            sig.connect(lambda *_a: self.schedule_fit())
        model.dataChanged.connect(lambda *_a: self.schedule_fit())

    def schedule_fit(self) -> None:
        """Fit the rows' heights on the next turn of the event loop (once, while shown)."""
        if self.isVisible():
            self._fit_timer.start()
        else:
            self._fit_stale = True

    def showEvent(self, event) -> None:  # Qt API name
        super().showEvent(event)
        if getattr(self, "_fit_stale", True):
            self.fit_rows()

    def fit_rows(self) -> None:
        """Give every row the height its text needs (heights cached per figures object).

        The rows from the top of the view down come first; beyond ``FIT_CHUNK`` rows
        the rest follow a chunk per turn of the event loop, so a 1,200-row table
        never holds the window for long (a new fit restarts from the view).
        """
        self._fit_timer.stop()
        self._fit_stale = False
        proxy = self.model()
        if proxy is None:
            return
        n = proxy.rowCount()
        top = max(0, self.rowAt(0))
        self._fit_queue = [*range(top, n), *range(top)]
        self._fit_some()

    def _fit_some(self) -> None:
        queue = getattr(self, "_fit_queue", [])
        chunk, self._fit_queue = queue[: self.FIT_CHUNK], queue[self.FIT_CHUNK :]
        vh = self.verticalHeader()
        rows = self.model().rowCount() if self.model() is not None else 0
        for r in chunk:
            if r < rows:
                h = self.sizeHintForRow(r)
                if h > 0 and vh.sectionSize(r) != h:
                    vh.resizeSection(r, h)
        if self._fit_queue:
            self._chunk_timer.start()

    def _wrapped_lines(self, text: str, width: int) -> int:
        key = (text, width)
        n = self._lines.get(key)
        if n is None:
            fm = self.fontMetrics()
            rect = fm.boundingRect(QRect(0, 0, max(width, 10), 100_000), Qt.TextWordWrap, text)
            n = max(1, -(-rect.height() // max(fm.lineSpacing(), 1)))
            if len(self._lines) > 20_000:
                self._lines.clear()
            self._lines[key] = n
        return n

    def sizeHintForRow(self, row: int) -> int:  # Qt API name
        proxy = self.model()
        if proxy is None or not 0 <= row < proxy.rowCount():
            return -1
        source = proxy.mapToSource(proxy.index(row, 0))
        f = proxy.sourceModel().rows[source.row()]
        header = self.horizontalHeader()
        widths = tuple(header.sectionSize(c) for c in self.WRAPPED)
        cached = self._heights.get(f.id)
        if cached is not None and cached[0] is f and cached[1] == widths:
            return cached[2]  # the same figures object at the same widths (replaced on change)
        lines = max(1, len(f.indicators))
        for col, text in (
            (COL_CODE, f.code),
            (COL_NAME, f.name),
            (COL_DEPT, f.department),
            (COL_REVIEW, f.review_status),
        ):
            if text:
                lines = max(lines, self._wrapped_lines(text, header.sectionSize(col) - 10))
        height = lines * self.fontMetrics().lineSpacing() + 10
        self._heights[f.id] = (f, widths, height)
        return height


class OverviewPanel(QWidget):
    open_project = Signal(int)
    threshold_changed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = OverviewModel(self)
        self.proxy = OverviewFilter(self)
        self.proxy.setSourceModel(self.model)

        self.strategy = QComboBox(self)
        self.strategy.setMinimumContentsLength(18)
        self.strategy.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.department = QComboBox(self)
        self.department.setMinimumContentsLength(10)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("번호·사업명·부서·지표 검색")
        self.search.setClearButtonEnabled(True)
        self.threshold = QSpinBox(self)
        self.threshold.setRange(0, 100)
        self.threshold.setValue(int(style.DEFAULT_THRESHOLD))
        self.threshold.setSuffix(" %")
        self.threshold.setToolTip("달성률·집행률이 이 값보다 낮으면 빨간색으로 표시합니다")
        self.flagged = QCheckBox("기준 미달·점검 결과만", self)
        self.count = QLabel(self)
        self.count.setObjectName("hint")

        bar = QHBoxLayout()
        for text, w in (
            ("전략", self.strategy),
            ("부서", self.department),
            ("검색", self.search),
            ("표시 기준", self.threshold),
        ):
            lab = QLabel(text, self)
            lab.setBuddy(w)
            bar.addWidget(lab)
            bar.addWidget(w, 2 if w is self.search else 0)
        bar.addWidget(self.flagged)
        bar.addStretch(1)
        bar.addWidget(self.count)

        self.view = OverviewTable(self)
        self.view.setObjectName("overviewTable")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COL_CODE, Qt.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        hh = self.view.horizontalHeader()
        widths = {
            COL_CODE: 82, COL_NAME: 158, COL_DEPT: 112, COL_IND: 220, COL_TARGET: 80,
            COL_ACTUAL: 76, COL_ACH: 74, COL_BUDGET: 74, COL_EXEC: 74, COL_EXRATE: 74,
            COL_REVIEW: 68,
        }  # fmt: skip
        for c, w in widths.items():
            hh.resizeSection(c, w)
        hh.setSectionResizeMode(COL_IND, QHeaderView.Stretch)
        hh.setMinimumHeight(44)
        self.view.doubleClicked.connect(self._open)
        self.totals = QLabel(self)
        self.totals.setObjectName("hint")
        self.totals.setTextInteractionFlags(Qt.TextSelectableByMouse)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 6)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.totals)

        self.strategy.currentIndexChanged.connect(self._filter)
        self.department.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self._filter)
        self.flagged.toggled.connect(self._filter)
        self.threshold.valueChanged.connect(self._threshold)
        # The count and totals are recomputed once per turn of the event loop, however many
        # row ranges a filter change inserts or removes (one signal each).
        self._count_timer = QTimer(self, singleShot=True, interval=0)
        self._count_timer.timeout.connect(self._update_count_now)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.model.dataChanged.connect(self._update_count)
        self.model.findings_changed.connect(self._findings_changed)

    # ------------------------------------------------------------------ data
    def load(self, figures, strategies: list[tuple[int, str]]) -> None:
        keep_strategy = self.strategy.currentData()
        keep_dept = self.department.currentText()
        self.strategy.blockSignals(True)
        self.strategy.clear()
        self.strategy.addItem(ALL, None)
        for sid, label in strategies:
            self.strategy.addItem(label, sid)
        self.strategy.setCurrentIndex(max(0, self.strategy.findData(keep_strategy)))
        self.strategy.blockSignals(False)
        self._fill_departments(keep_dept, figures)
        # the filter first, then the rows: the reset filters each row once (not twice)
        dept = self.department.currentText()
        self.proxy.strategy_id = self.strategy.currentData()
        self.proxy.department = None if dept in ("", ALL) else dept
        self.proxy.text = self.search.text()
        self.proxy.flagged_only = self.flagged.isChecked()
        self.model.set_rows(figures)
        self._update_count_now()

    def _fill_departments(self, keep: str | None = None, figures=None) -> None:
        keep = keep if keep is not None else self.department.currentText()
        rows = self.model.rows if figures is None else figures
        depts = sorted({f.department for f in rows if f.department})
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(ALL)
        self.department.addItems(depts)
        i = self.department.findText(keep)
        self.department.setCurrentIndex(max(0, i))
        self.department.blockSignals(False)

    def update_project(self, fig) -> None:
        old = next((r for r in self.model.rows if r.id == fig.id), None)
        self.model.update_project(fig)
        if old is not None and old.department != fig.department:
            self._fill_departments()

    def set_findings(self, findings) -> None:
        self.model.set_findings(findings)

    def _findings_changed(self) -> None:
        self.view.viewport().update()
        if self.flagged.isChecked():
            self._filter()
        else:
            self._update_count()

    # ------------------------------------------------------------------ filters
    def _filter(self, *_args) -> None:
        dept = self.department.currentText()
        self.proxy.set_filter(
            strategy_id=self.strategy.currentData(),
            department=None if dept in ("", ALL) else dept,
            text=self.search.text(),
            flagged_only=self.flagged.isChecked(),
        )
        self._update_count_now()

    def _threshold(self, value: int) -> None:
        self.model.set_threshold(Decimal(value))
        self.proxy.invalidate()
        self.threshold_changed.emit(Decimal(value))

    def _update_count(self, *_args) -> None:
        if self.isVisible():
            self._count_timer.start()
        else:  # recomputed when the overview is shown again
            self._count_dirty = True

    def showEvent(self, event) -> None:  # Qt API name
        super().showEvent(event)
        if getattr(self, "_count_dirty", False):
            self._update_count_now()

    def _update_count_now(self) -> None:
        self._count_timer.stop()
        self._count_dirty = False
        shown = [
            self.model.rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()]
            for r in range(self.proxy.rowCount())
        ]
        self.count.setText(f"사업 {len(self.model.rows)}개 중 {len(shown)}개 표시")
        o = overview_of(shown)
        low = sum(1 for f in shown if self.model.flagged(f))
        self.totals.setText(
            f"표시된 사업 {o.projects}개 · 예산 {format_money(o.budget)}백만원 · 집행 {format_money(o.executed)}백만원 · "
            f"평균 달성률 {format_rate(o.avg_achievement)} · 평균 집행률 {format_rate(o.avg_execution)} · "
            f"총액 집행률 {format_rate(o.execution_ratio)} · 기준 미달 또는 점검 필요 {low}개"
        )

    def _open(self, index) -> None:
        pid = index.data(PROJECT_ROLE)
        if pid is not None:
            self.open_project.emit(pid)

    def visible_project_ids(self) -> list[int]:
        return [self.proxy.index(r, 0).data(PROJECT_ROLE) for r in range(self.proxy.rowCount())]

"""Review an import before anything is written: one row per field that would change.

Columns: 적용 (check box) | 사업 | 항목 | 현재 값 (plan) | 새 값 (workbook) | 충돌 | 위치 (file,
sheet!cell). Conflicts — fields changed in the app after the workbook was
exported — are marked red and start unchecked, so applying them is a choice;
so do values that need a look (확인 필요: executed above 3× the budget, too
many digits, an indicator value that is not a number). Errors that block the
whole import are listed on top and block applying; a sheet with errors blocks
only its own project (listed as 가져오지 않는 사업), and values typed outside
the input cells are listed as 가져오지 않은 내용.
The dialog remembers its size and column widths.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sbdesk.importers.diff_types import DiffEntry, ImportPlan

COLUMNS = ["적용", "사업", "항목", "현재 값", "새 값", "충돌·확인", "위치"]
CONFLICT_BG = QColor("#FDE2E1")
WARNING_BG = QColor("#FFF4CE")
SETTINGS_GROUP = "ImportDiffDialog"


def dialog_settings() -> QSettings:
    """Settings in sbdesk's config folder (portable mode respected)."""
    from sbdesk.paths import config_dir

    return QSettings(str(config_dir() / "dialogs.ini"), QSettings.IniFormat)


def _short(text: str, limit: int = 120) -> str:
    one = " ".join(str(text).split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def _rich_label(html: str) -> QLabel:
    label = QLabel(html)
    label.setTextFormat(Qt.RichText)
    label.setWordWrap(True)
    return label


class ImportDiffDialog(QDialog):
    """Per-field diff of an ``ImportPlan`` with check boxes; ``accepted_entries()`` after exec."""

    def __init__(
        self, plan: ImportPlan, parent: QWidget | None = None, settings: QSettings | None = None
    ):
        super().__init__(parent)
        self.plan = plan
        self._settings = settings or dialog_settings()
        self.setWindowTitle("가져올 내용 확인")
        self.setObjectName("importDiffDialog")
        lay = QVBoxLayout(self)

        files = ", ".join(p.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] for p in plan.files)
        head = QLabel(
            f"<b>{plan.summary()}</b><br>파일: {files}" + (f" · {plan.year}년" if plan.year else "")
        )
        head.setWordWrap(True)
        head.setTextFormat(Qt.RichText)
        lay.addWidget(head)
        self.summary_label = head

        # (what is listed, its heading, box height, object name): errors, blocked sheets, unread values
        blocked = [
            line for h, errs in plan.blocked.items() for line in [h, *(f"  - {e}" for e in errs)]
        ]
        boxes = (
            (
                "errors_box",
                plan.errors,
                f"<span style='color:#B00020'><b>고칠 곳 {len(plan.errors)}군데</b> — "
                "통합문서를 고친 뒤 다시 가져오세요. 이대로는 적용할 수 없습니다.</span>",
                140,
                "importErrors",
            ),
            (
                "blocked_box",
                blocked,
                f"<span style='color:#B00020'><b>가져오지 않는 사업 {len(plan.blocked)}개</b></span> — "
                "시트에 고칠 곳이 있어 그 사업은 가져오지 않습니다. 나머지 사업은 적용할 수 있습니다.",
                120,
                "importBlocked",
            ),
            (
                "unread_box",
                plan.unread,
                f"<b>가져오지 않은 내용 {len(plan.unread)}개</b> — 입력 칸이 아닌 곳(양식 밖, 병합을 푼 옆 칸, "
                "계산 칸, 복사한 시트)에 쓴 값입니다. 필요하면 입력 칸에 옮겨 적어 다시 보내 달라고 하세요.",
                100,
                "importUnread",
            ),
        )
        self.errors_box: QPlainTextEdit | None = None
        self.blocked_box: QPlainTextEdit | None = None
        self.unread_box: QPlainTextEdit | None = None
        for attr, lines, heading, height, name in boxes:
            if not lines:
                continue
            lay.addWidget(_rich_label(heading))
            box = QPlainTextEdit("\n".join(lines))
            box.setReadOnly(True)
            box.setMaximumHeight(height)
            box.setObjectName(name)
            lay.addWidget(box)
            setattr(self, attr, box)
        if plan.notes:
            notes = QLabel("\n".join(f"참고: {n}" for n in plan.notes))
            notes.setWordWrap(True)
            notes.setStyleSheet("color:#555")
            lay.addWidget(notes)
        for shown, heading in (
            (
                plan.conflicts,
                f"<span style='color:#B00020'>충돌 {len(plan.conflicts)}개</span>: 내보낸 뒤 앱에서도 바뀐 항목입니다. "
                "체크하면 앱의 값을 통합문서의 값으로 덮어씁니다 (처음에는 체크하지 않음).",
            ),
            (
                plan.warnings,
                f"<b>확인 필요 {len(plan.warnings)}개</b>: 예산의 3배를 넘는 집행, 시·군·구 예산보다 큰 금액, "
                "숫자로 읽히지 않는 지표 값 등입니다. 맞는지 확인한 뒤 체크해야 적용됩니다 (처음에는 체크하지 않음).",
            ),
        ):
            if shown:
                lay.addWidget(_rich_label(heading))

        self.table = QTableWidget(len(plan.entries), len(COLUMNS), self)
        self.table.setObjectName("importDiffTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.Interactive)
        hh.setStretchLastSection(True)
        self._fill()
        self.table.itemChanged.connect(self._update)
        lay.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.btn_all = QPushButton("모두 선택")
        self.btn_none = QPushButton("모두 해제")
        self.btn_safe = QPushButton("충돌 빼고 선택")
        for b in (self.btn_all, self.btn_none, self.btn_safe):
            row.addWidget(b)
        self.btn_all.clicked.connect(lambda: self.set_all(True))
        self.btn_none.clicked.connect(lambda: self.set_all(False))
        self.btn_safe.clicked.connect(self.select_non_conflicts)
        row.addStretch(1)
        self.count_label = QLabel()
        row.addWidget(self.count_label)
        lay.addLayout(row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.apply_button = self.buttons.button(QDialogButtonBox.Ok)
        self.apply_button.setText("적용")
        self.buttons.button(QDialogButtonBox.Cancel).setText("취소")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

        self.resize(1100, 620)
        self._restore()
        self._update()

    # ---- table
    def _fill(self) -> None:
        self.table.blockSignals(True)
        for r, e in enumerate(self.plan.entries):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemIsUserCheckable | Qt.ItemIsEnabled | Qt.ItemIsSelectable)
            hold = e.conflict or bool(e.warning) or bool(self.plan.errors)
            check.setCheckState(Qt.Unchecked if hold else Qt.Checked)
            self.table.setItem(r, 0, check)
            values = [
                e.project,
                e.field_label,
                e.old_text,
                e.new_text,
                "충돌" if e.conflict else ("확인" if e.warning else ""),
                e.source,
            ]
            for c, text in enumerate(values, start=1):
                item = QTableWidgetItem(_short(text) if c in (3, 4) else text)
                item.setToolTip(str(text))
                if e.conflict:
                    item.setBackground(QBrush(CONFLICT_BG))
                    if c == 5:
                        item.setForeground(QBrush(QColor("#B00020")))
                        item.setToolTip(
                            "내보낸 뒤 앱에서도 바뀐 항목: 적용하면 앱의 값을 덮어씁니다."
                        )
                if e.warning and not e.conflict:
                    item.setBackground(QBrush(WARNING_BG))
                    if c == 5:
                        item.setToolTip(e.warning)
                self.table.setItem(r, c, item)
            if e.warning and not e.conflict:
                check.setBackground(QBrush(WARNING_BG))
            if e.conflict:
                check.setBackground(QBrush(CONFLICT_BG))
        self.table.blockSignals(False)
        for c, w in enumerate((44, 220, 200, 200, 200, 48)):
            self.table.setColumnWidth(c, w)

    def entry_at(self, row: int) -> DiffEntry:
        return self.plan.entries[row]

    def is_checked(self, row: int) -> bool:
        return self.table.item(row, 0).checkState() == Qt.Checked

    def set_checked(self, row: int, on: bool) -> None:
        self.table.item(row, 0).setCheckState(Qt.Checked if on else Qt.Unchecked)

    def set_all(self, on: bool) -> None:
        self.table.blockSignals(True)
        for r in range(self.table.rowCount()):
            self.set_checked(r, on)
        self.table.blockSignals(False)
        self._update()

    def select_non_conflicts(self) -> None:
        self.table.blockSignals(True)
        for r in range(self.table.rowCount()):
            e = self.entry_at(r)
            self.set_checked(r, not e.conflict and not e.warning)
        self.table.blockSignals(False)
        self._update()

    def accepted_entries(self) -> list[DiffEntry]:
        return [self.entry_at(r) for r in range(self.table.rowCount()) if self.is_checked(r)]

    def _update(self, *_args) -> None:
        n = len(self.accepted_entries())
        total = self.table.rowCount()
        self.count_label.setText(f"선택 {n} / {total}")
        self.apply_button.setEnabled(n > 0 and not self.plan.errors)
        if self.plan.errors:
            self.apply_button.setToolTip("고칠 곳이 있어 적용할 수 없습니다.")

    # ---- geometry
    def _restore(self) -> None:
        s = self._settings
        geo = s.value(f"{SETTINGS_GROUP}/geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        state = s.value(f"{SETTINGS_GROUP}/columns")
        if state is not None:
            self.table.horizontalHeader().restoreState(state)

    def _save(self) -> None:
        s = self._settings
        s.setValue(f"{SETTINGS_GROUP}/geometry", self.saveGeometry())
        s.setValue(f"{SETTINGS_GROUP}/columns", self.table.horizontalHeader().saveState())
        s.sync()

    def done(self, result: int) -> None:
        self._save()
        super().done(result)

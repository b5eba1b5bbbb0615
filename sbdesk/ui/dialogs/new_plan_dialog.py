"""NewPlanDialog: the few facts a new plan file needs (who, which term, where to save).

The titles that the documents print are derived as the names are typed
(성동구 → 성동구청장, 서울특별시 → 서울특별시장; ``services.titles``) and shown,
so the user sees what the 제출문 will say; they stay editable on the plan page.
The file goes to the user's Documents folder (or the folder used last time),
never a hidden data folder, and the whole path is shown.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from sbdesk import FILE_SUFFIX
from sbdesk.services import titles
from sbdesk.ui.settings import remember_geometry, settings

FOLDER_KEY = "new_plan/folder"


def default_folder() -> Path:
    """The folder used last time for a new plan, else the user's Documents folder."""
    last = settings().value(FOLDER_KEY)
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    docs = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    return Path(docs) if docs else Path.home()


def remember_folder(path: Path) -> None:
    settings().setValue(FOLDER_KEY, str(Path(path).parent))


class NewPlanDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("새 계획")
        self.province = QComboBox(self)
        self.province.setEditable(True)
        self.province.addItems(titles.PROVINCES)
        self.province.setCurrentIndex(-1)
        self.province.lineEdit().setPlaceholderText("예: 서울특별시")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("예: 광진구")
        self.term = QSpinBox(self)
        self.term.setRange(1, 20)
        self.term.setValue(6 if _dt.date.today().year >= 2027 else 5)
        self.term.setSuffix("기")
        self.start = QSpinBox(self)
        self.start.setRange(2015, 2060)
        self.start.setValue(2027 if _dt.date.today().year >= 2027 else 2023)
        self.start.setSuffix("년")
        self.end_label = QLabel(self)
        self.start.valueChanged.connect(self._update_end)
        self.council = QLineEdit(self)
        self.titles_label = QLabel(self)
        self.titles_label.setObjectName("pageSubtitle")
        self.titles_label.setWordWrap(True)
        self.path = QLineEdit(self)
        self.path.setMinimumWidth(520)
        self.folder = default_folder()
        browse = QPushButton("찾아보기…", self)
        browse.clicked.connect(self._browse)
        prow = QHBoxLayout()
        prow.addWidget(self.path, 1)
        prow.addWidget(browse)
        form = QFormLayout()
        form.addRow("시·도", self.province)
        form.addRow("시·군·구", self.name)
        form.addRow("협의체 이름", self.council)
        form.addRow("직함", self.titles_label)
        form.addRow("계획 기수", self.term)
        form.addRow("시작 연도", self.start)
        form.addRow("기간", self.end_label)
        form.addRow("저장할 파일", prow)
        self.error = QLabel(self)
        self.error.setObjectName("errorText")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText("만들기")
        buttons.button(QDialogButtonBox.Cancel).setText("취소")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.name.textChanged.connect(self._suggest_path)
        self.name.textChanged.connect(self._update_titles)
        self.province.currentTextChanged.connect(self._update_titles)
        self.term.valueChanged.connect(self._suggest_path)
        self._update_titles()
        self._update_end()
        self._suggest_path()
        remember_geometry(self, "new_plan_dialog")

    def _update_end(self) -> None:
        self.end_label.setText(f"{self.start.value()}년 ~ {self.start.value() + 3}년 (4년)")

    def _update_titles(self) -> None:
        district = self.name.text().strip()
        province = self.province.currentText().strip()
        self.council.setPlaceholderText(
            titles.council_name(district) or "예: 성동구 지역사회보장협의체"
        )
        head = titles.head_title(district) or "(시·군·구)"
        to = titles.province_head_title(province) or "(시·도)"
        self.titles_label.setText(
            f"단체장: {head} · 제출처: {to} 귀하 (계획 정보 화면에서 고칠 수 있습니다)"
        )

    def _suggest_path(self) -> None:
        name = self.name.text().strip() or "새 계획"
        self.path.setText(str(self.folder / f"{name}-{self.term.value()}기{FILE_SUFFIX}"))
        self.path.setToolTip(self.path.text())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "새 계획 파일", self.path.text(), f"계획 파일 (*{FILE_SUFFIX})"
        )
        if path:
            if not path.endswith(FILE_SUFFIX):
                path += FILE_SUFFIX
            self.path.setText(path)
            self.folder = Path(path).parent

    def _accept(self) -> None:
        p = Path(self.path.text().strip())
        if not self.province.currentText().strip():
            self._fail("시·도 이름을 입력하세요 (예: 서울특별시).")
        elif not self.name.text().strip():
            self._fail("시·군·구 이름을 입력하세요.")
        elif not str(p):
            self._fail("저장할 파일을 정하세요.")
        elif p.exists():
            self._fail(f"이미 있는 파일입니다: {p}. 다른 이름을 정하세요.")
        else:
            self.accept()

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def values(self) -> dict:
        return {
            "province": self.province.currentText().strip(),
            "name": self.name.text().strip(),
            "council": self.council.text().strip(),
            "term": self.term.value(),
            "start_year": self.start.value(),
            "path": Path(self.path.text().strip()),
        }

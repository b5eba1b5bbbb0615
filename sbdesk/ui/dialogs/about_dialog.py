"""도움말 → "sbdesk 정보": version, where the data lives, and the licences of what is bundled.

``install(window)`` adds the menu entry to ``window.menu("help")``; the dialog
itself (``AboutDialog(parent=None)``) needs no main window. Everything shown is
read from the running program and the shipped files (``sbdesk/assets/licenses``,
``sbdesk/assets/fonts/LICENSE-Nanum-OFL.txt``): nothing is fetched, no link leaves
the PC.
"""

from __future__ import annotations

import platform
import sys

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QFontDatabase, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sbdesk import __version__, paths
from sbdesk.resources import resource

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

#: (tab title, file under sbdesk/assets/) of every licence text the dialog shows.
LICENCE_TABS = (
    ("구성 요소", ("licenses", "THIRD_PARTY.txt")),
    ("글꼴 (OFL-1.1)", ("fonts", "LICENSE-Nanum-OFL.txt")),
    ("LGPL-3.0 (Qt)", ("licenses", "LGPL-3.0.txt")),
    ("GPL-3.0", ("licenses", "GPL-3.0.txt")),
)


def app_icon() -> QIcon:
    """The sbdesk icon in every drawn size (sbdesk/assets/icons)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource("icons", f"sbdesk-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon


def run_mode() -> str:
    """How this copy runs, in the words the dialog shows."""
    if paths.is_portable():
        return f"휴대용 (portable) — {paths.PORTABLE_MARKER} 파일이 있어 데이터를 프로그램 옆 data 폴더에 둡니다"
    if getattr(sys, "frozen", False):
        return "설치본 — 데이터는 사용자 폴더에 둡니다"
    return "소스에서 실행 (개발용)"


def component_versions() -> str:
    """One line: Python, Qt, PySide6 and the document libraries as actually loaded."""
    import openpyxl
    import PySide6
    import reportlab
    import sqlalchemy

    parts = [
        f"Python {platform.python_version()}",
        f"Qt {qVersion()}",
        f"PySide6 {PySide6.__version__}",
        f"reportlab {reportlab.Version}",
        f"openpyxl {openpyxl.__version__}",
        f"SQLAlchemy {sqlalchemy.__version__}",
    ]
    return " · ".join(parts)


def _read(parts: tuple[str, ...]) -> str:
    path = resource(*parts)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return f"(파일을 찾을 수 없습니다: {path})"


class AboutDialog(QDialog):
    """The "sbdesk 정보" dialog. Builds without a main window (``parent=None``)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("sbdesk 정보")
        self.setObjectName("aboutDialog")
        self.resize(720, 600)

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"sbdesk {__version__}")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel("지역사회보장계획 시행계획·시행결과 작성 도구")
        head_text = QVBoxLayout()
        head_text.addWidget(title)
        head_text.addWidget(subtitle)
        head_text.addStretch(1)
        head = QHBoxLayout()
        head.addWidget(icon)
        head.addSpacing(8)
        head.addLayout(head_text, 1)

        self.version_label = self._value(__version__)
        self.data_dir = paths.data_dir()
        self.config_dir = paths.config_dir()
        self.data_label = self._value(str(self.data_dir))
        self.config_label = self._value(str(self.config_dir))
        self.mode_label = self._value(run_mode())
        self.components_label = self._value(component_versions())
        open_data = QPushButton("데이터 폴더 열기")
        open_data.setObjectName("openDataFolder")
        open_data.clicked.connect(self.open_data_folder)
        data_row = QHBoxLayout()
        data_row.addWidget(self.data_label, 1)
        data_row.addWidget(open_data)

        form = QFormLayout()
        form.addRow("버전:", self.version_label)
        form.addRow("데이터 폴더:", data_row)
        form.addRow("설정 폴더:", self.config_label)
        form.addRow("실행 방식:", self.mode_label)
        form.addRow("구성 요소:", self.components_label)

        self.tabs = QTabWidget()
        self.licence_views: dict[str, QPlainTextEdit] = {}
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for name, parts in LICENCE_TABS:
            view = QPlainTextEdit()
            view.setReadOnly(True)
            view.setPlainText(_read(parts))
            view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            if name.startswith(("LGPL", "GPL")):
                view.setFont(mono)
            self.tabs.addTab(view, name)
            self.licence_views[name] = view

        note = QLabel(
            "sbdesk는 MIT 라이선스로 배포됩니다. 함께 들어 있는 글꼴과 라이브러리의 "
            "라이선스는 아래에 있습니다. 이 프로그램은 인터넷에 연결하지 않습니다."
        )
        note.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("닫기")
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    @staticmethod
    def _value(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        return label

    def open_data_folder(self) -> bool:
        """Show the data folder in the file manager (a local folder: no network)."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))


def show_about(parent: QWidget | None = None) -> AboutDialog:
    """Open the dialog window-modal without blocking; it deletes itself when closed."""
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def add_about_action(window) -> QAction:
    """Add 도움말 → "sbdesk 정보" to ``window.menu("help")``; give the app its icon if it has none."""
    app = QApplication.instance()
    if app is not None and app.windowIcon().isNull():
        app.setWindowIcon(app_icon())
    action = QAction("sbdesk 정보(&A)", window)
    action.setObjectName("actionAbout")
    action.setMenuRole(QAction.MenuRole.AboutRole)
    action.setStatusTip("버전, 데이터 폴더, 함께 들어 있는 글꼴과 라이브러리의 라이선스")
    action.triggered.connect(lambda: show_about(window))
    window.menu("help").addAction(action)
    return action


__all__ = ["AboutDialog", "add_about_action", "app_icon", "show_about"]

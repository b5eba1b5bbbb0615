"""WelcomePage: what the window shows when no plan is open — new, open, demo, recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sbdesk.ui.settings import recent_files


class WelcomePage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("cardCanvas")
        title = QLabel("sbdesk", self)
        title.setObjectName("pageTitle")
        from PySide6.QtWidgets import QApplication

        icon = QLabel(self)
        app_icon = QApplication.windowIcon()
        if not app_icon.isNull():
            icon.setPixmap(app_icon.pixmap(56, 56))
        sub = QLabel("지역사회보장계획 시행계획·시행결과 작성 도구", self)
        sub.setObjectName("pageSubtitle")
        buttons = QHBoxLayout()
        for text, sig in (
            ("새 계획 만들기…", self.new_requested),
            ("계획 파일 열기…", self.open_requested),
            ("예시 계획 열기 (광진구 2023)", self.demo_requested),
        ):
            b = QPushButton(text, self)
            b.setMinimumHeight(36)
            b.clicked.connect(sig)
            buttons.addWidget(b)
        buttons.addStretch(1)
        recent_title = QLabel("최근 파일", self)
        recent_title.setObjectName("sectionTitle")
        self.recent = QListWidget(self)
        self.recent.itemActivated.connect(
            lambda item: self.recent_requested.emit(item.data(Qt.UserRole))
        )
        self.recent.setMaximumWidth(760)
        note = QLabel(
            "고친 내용은 입력하는 즉시 계획 파일에 저장됩니다. 저장 단추는 없습니다.", self
        )
        note.setObjectName("hint")
        box = QVBoxLayout()
        box.setSpacing(10)
        head = QHBoxLayout()
        head.addWidget(icon)
        names = QVBoxLayout()
        names.addWidget(title)
        names.addWidget(sub)
        head.addLayout(names, 1)
        box.addLayout(head)
        box.addSpacing(14)
        box.addLayout(buttons)
        box.addSpacing(18)
        box.addWidget(recent_title)
        box.addWidget(self.recent, 1)
        box.addWidget(note)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(48, 40, 48, 40)
        lay.addLayout(box, 1)
        self.refresh()

    def refresh(self) -> None:
        self.recent.clear()
        for f in recent_files():
            p = Path(f)
            item = QListWidgetItem(f"{p.name}    —    {p.parent}", self.recent)
            item.setData(Qt.UserRole, f)
            if not p.exists():
                item.setText(item.text() + "  (없음)")
                item.setFlags(item.flags() & ~Qt.ItemIsEnabled)
        if not self.recent.count():
            item = QListWidgetItem("최근에 연 파일이 없습니다.", self.recent)
            item.setFlags(Qt.NoItemFlags)

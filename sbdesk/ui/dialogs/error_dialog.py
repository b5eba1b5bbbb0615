"""The global error dialog: errors never disappear silently.

- ``show_error(parent, exc, tb)``: a ``SbdeskError`` (whose text is a Korean
  message for the user) in a plain message box; anything else in a dialog with
  the technical details, selectable and copyable with one button, to send to
  whoever supports the office.
- ``install_excepthook()``: every uncaught exception — in a Qt slot, a worker
  thread or the main code — is written to ``crash.log`` in the data folder and
  shown in that dialog.
"""

from __future__ import annotations

import datetime as _dt
import platform
import sys
import threading
import traceback

from PySide6.QtCore import QObject, Qt, Signal, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
)

from sbdesk import __version__, paths
from sbdesk.services.errors import PlanFileError, SbdeskError, ValidationError


def details_text(exc: BaseException, tb: str | None) -> str:
    tb = tb or "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return (
        f"sbdesk {__version__} · Python {platform.python_version()} · Qt {qVersion()} · "
        f"{platform.system()} {platform.release()}\n"
        f"시각: {_dt.datetime.now().isoformat(timespec='seconds')}\n"
        f"오류: {type(exc).__name__}: {exc}\n\n{tb}"
    )


class ErrorDialog(QDialog):
    """An unexpected error, with copyable details."""

    def __init__(self, parent, exc: BaseException, tb: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("예기치 않은 오류")
        self.details = details_text(exc, tb)
        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.SP_MessageBoxCritical).pixmap(40, 40))
        text = QLabel(
            "<b>작업 중 예기치 않은 오류가 났습니다.</b><br>"
            "오류 전까지 입력한 내용은 계획 파일에 저장되어 있습니다. "
            "아래 내용을 [복사]해 담당자에게 보내 주시면 원인을 찾는 데 도움이 됩니다.",
            self,
        )
        text.setWordWrap(True)
        self.text = QPlainTextEdit(self.details, self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.text.setMinimumHeight(200)
        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton("복사", self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ActionRole)
        close = buttons.addButton("닫기", QDialogButtonBox.AcceptRole)
        close.setDefault(True)
        self.copy_button.clicked.connect(self.copy)
        buttons.accepted.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignTop)
        top.addWidget(text, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.text, 1)
        lay.addWidget(buttons)
        self.resize(720, 420)
        from sbdesk.ui.settings import remember_geometry

        remember_geometry(self, "error_dialog")

    def copy(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText("복사됨")


def show_error(parent, exc: BaseException, tb: str | None = None) -> None:
    """Show ``exc`` to the user: a plain message for sbdesk's own errors, details otherwise."""
    if QApplication.instance() is None:
        print(details_text(exc, tb), file=sys.stderr)
        return
    if isinstance(exc, SbdeskError):
        title = (
            "입력 확인"
            if isinstance(exc, ValidationError)
            else ("계획 파일" if isinstance(exc, PlanFileError) else "sbdesk")
        )
        QMessageBox.warning(parent, title, str(exc))
        return
    _log(exc, tb)
    ErrorDialog(parent, exc, tb).exec()


def _log(exc: BaseException, tb: str | None) -> None:
    try:
        path = paths.data_dir() / "crash.log"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(details_text(exc, tb) + "\n" + "-" * 60 + "\n")
    except OSError:
        pass


class _Bridge(QObject):
    raised = Signal(object, str)


_bridge: _Bridge | None = None
_showing = False


def _show_from_hook(exc: BaseException, tb: str) -> None:
    global _showing
    if _showing:  # an error while showing an error: log it, do not stack dialogs
        _log(exc, tb)
        print(tb, file=sys.stderr)
        return
    _showing = True
    try:
        show_error(QApplication.activeWindow(), exc, tb)
    finally:
        _showing = False


def install_excepthook() -> None:
    """Route every uncaught exception (GUI thread or worker threads) to the error dialog."""
    global _bridge
    if _bridge is None:
        _bridge = _Bridge()
        _bridge.raised.connect(_show_from_hook, Qt.QueuedConnection)

    def hook(exc_type, exc, tb_obj) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb_obj)
            return
        tb = "".join(traceback.format_exception(exc_type, exc, tb_obj))
        print(tb, file=sys.stderr)
        _bridge.raised.emit(exc, tb)

    def thread_hook(args) -> None:
        hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook

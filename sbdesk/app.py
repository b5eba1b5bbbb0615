"""Starting the desktop app: QApplication, Korean fonts, style, error hook, the main window.

``run_app(file=None, demo=False, read_only=False)`` is what ``sbdesk [FILE]``
calls. ``create_app()`` and ``open_window(...)`` are the same steps, usable by
benchmarks and tests that need the real window without the event loop.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sbdesk import APP_NAME, __version__


def create_app(argv: list[str] | None = None):
    """The QApplication, with the bundled Korean fonts as its font (created once)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    if app.property("sbdesk_ready"):
        return app
    app.setProperty("sbdesk_ready", True)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("sbdesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    from sbdesk.ui import style
    from sbdesk.ui.fonts import app_font

    app.setFont(app_font())
    app.setStyle("Fusion")
    app.setStyleSheet(style.STYLESHEET)
    _set_icon(app)
    _install_qt_translations(app)
    return app


def _install_qt_translations(app) -> None:
    """Korean for Qt's own texts (standard buttons, file dialogs, print dialog)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Korean), "qtbase", "_", path):
        app.installTranslator(translator)
        app.setProperty("sbdesk_qt_ko", True)


def _set_icon(app) -> None:
    from PySide6.QtGui import QIcon

    from sbdesk.resources import resource

    icons = resource("icons")
    if icons.is_dir():
        icon = QIcon()
        for png in sorted(icons.glob("*.png")):
            icon.addFile(str(png))
        if not icon.isNull():
            app.setWindowIcon(icon)


def open_window(file: str | Path | None = None, demo: bool = False, read_only: bool = False):
    """Build the main window and open ``file`` (or the demo plan, made on first use)."""
    from sbdesk.ui.actions.file_actions import ensure_demo
    from sbdesk.ui.main_window import MainWindow

    window = MainWindow()
    target = ensure_demo() if demo and not file else file
    if target:
        window.open_file(Path(target), read_only=read_only)
    return window


def run_app(file: str | None = None, demo: bool = False, read_only: bool = False) -> int:
    app = create_app()
    from sbdesk.ui.dialogs.error_dialog import install_excepthook

    install_excepthook()
    window = open_window(file, demo=demo, read_only=read_only)
    window.show()
    return app.exec()

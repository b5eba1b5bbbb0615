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


def qt_translations_dirs() -> list[Path]:
    """Where Qt's own translations may be: Qt's translations path, then PySide6's folder
    (a frozen bundle keeps them in ``PySide6/Qt/translations`` under its own folder)."""
    from PySide6.QtCore import QLibraryInfo

    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    try:
        import PySide6

        base = Path(PySide6.__file__).resolve().parent
        dirs += [base / "Qt" / "translations", base / "translations"]
    except (ImportError, TypeError):  # pragma: no cover - PySide6 is always there
        pass
    if getattr(sys, "frozen", False):
        root = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
        dirs += [root / "PySide6" / "Qt" / "translations", root / "PySide6" / "translations"]
    return [d for d in dict.fromkeys(dirs) if (d / "qtbase_ko.qm").is_file()]


def _install_qt_translations(app) -> None:
    """Korean for Qt's own texts (standard buttons, file dialogs, print dialog).

    Loads ``qtbase_ko.qm`` (and the ``qt_ko.qm`` catalogue when present). Qt 6 gave some
    file-dialog labels a shortcut mark ("&Look in:", "Files of &type:") that the Korean
    catalogue still has without it; ``_MnemonicFallback`` finds those.
    """
    from PySide6.QtCore import QLocale, QTranslator

    for folder in qt_translations_dirs():
        base = QTranslator(app)
        if not base.load(QLocale(QLocale.Language.Korean), "qtbase", "_", str(folder)):
            continue
        app.installTranslator(base)
        meta = QTranslator(app)
        if meta.load(QLocale(QLocale.Language.Korean), "qt", "_", str(folder)):
            app.installTranslator(meta)
        fallback = _mnemonic_fallback(base, app)
        app.installTranslator(fallback)  # installed last: asked first
        app.setProperty("sbdesk_qt_ko", True)
        app.setProperty("sbdesk_qt_ko_dir", str(folder))
        app._sbdesk_translators = (base, meta, fallback)  # keep them alive
        return


def _mnemonic_fallback(base, parent):
    """A translator answering "&Look in:" with the Korean of "Look in:" (keeping the
    shortcut letter as Korean labels show it: "다음에서 찾기(&L):")."""
    from PySide6.QtCore import QTranslator

    class _MnemonicFallback(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            if not source or "&" not in source or "&&" in source:
                return None
            if base.translate(context, source, disambiguation, n):
                return None  # the catalogue has it: let it answer
            plain = source.replace("&", "")
            text = base.translate(context, plain, disambiguation, n)
            if not text:
                return None
            key = source[source.index("&") + 1 : source.index("&") + 2].upper()
            if key.isalnum():
                colon = text.endswith(":")
                text = (text[:-1] if colon else text) + f"(&{key})" + (":" if colon else "")
            return text

        def isEmpty(self) -> bool:
            return False

    return _MnemonicFallback(parent)


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

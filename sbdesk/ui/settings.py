"""Settings kept between sessions: an INI file under ``paths.config_dir()``.

Window and dialog geometry, splitter positions and the recent files list.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings

from sbdesk import paths

MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings(str(paths.config_dir() / "sbdesk.ini"), QSettings.IniFormat)


class _GeometryKeeper(QObject):
    def __init__(self, widget, key: str):
        super().__init__(widget)
        self.key = key
        widget.installEventFilter(self)
        if hasattr(widget, "finished"):
            widget.finished.connect(lambda *_: self.save(widget))

    def save(self, widget) -> None:
        s = settings()
        s.setValue(f"geometry/{self.key}", widget.saveGeometry())
        s.sync()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Close:
            self.save(obj)
        return False


def remember_geometry(widget, key: str) -> None:
    """Restore ``widget``'s size and place now, and save them when it closes (dialogs too)."""
    data = settings().value(f"geometry/{key}")
    if data:
        widget.restoreGeometry(data)
    _GeometryKeeper(widget, key)


def recent_files() -> list[str]:
    value = settings().value("recent/files", [])
    if isinstance(value, str):
        value = [value] if value else []
    return [v for v in (value or []) if v]


def add_recent(path: str | Path) -> None:
    p = str(Path(path).resolve())
    files = [f for f in recent_files() if f != p]
    files.insert(0, p)
    s = settings()
    s.setValue("recent/files", files[:MAX_RECENT])
    s.sync()


def remove_recent(path: str | Path) -> None:
    p = str(Path(path).resolve())
    s = settings()
    s.setValue("recent/files", [f for f in recent_files() if f != p])
    s.sync()

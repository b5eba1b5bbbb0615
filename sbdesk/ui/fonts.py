"""The bundled Korean fonts (Nanum, OFL-1.1): registered at start and used as the app font.

Registering them from ``sbdesk/assets/fonts`` means Hangul renders — and renders the
same — on an office PC that has no Korean font installed.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from sbdesk.resources import resource

APP_FAMILY = "NanumGothic"
APP_POINT_SIZE = 10

_registered: dict[str, list[str]] = {}


def register_fonts() -> dict[str, list[str]]:
    """Add every ``sbdesk/assets/fonts/*.ttf`` to the application's font database (once)."""
    if _registered:
        return _registered
    for path in sorted(resource("fonts").glob("*.ttf")):
        fid = QFontDatabase.addApplicationFont(str(path))
        if fid < 0:
            raise RuntimeError(f"글꼴을 불러올 수 없습니다: {path}")
        _registered[path.name] = QFontDatabase.applicationFontFamilies(fid)
    return _registered


def app_font(point_size: int = APP_POINT_SIZE) -> QFont:
    families = {f for fams in register_fonts().values() for f in fams}
    family = APP_FAMILY if APP_FAMILY in families else next(iter(sorted(families)), APP_FAMILY)
    font = QFont(family, point_size)
    font.setStyleStrategy(QFont.PreferAntialias)
    return font

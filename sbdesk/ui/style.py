"""Colours, the application style sheet and the status marks (▲ ● ▼) of the lists."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

ACCENT = "#1f5fa8"
ERROR_BG = "#fde2e1"
ERROR_FG = "#a61b1b"
WARN_BG = "#fff3cd"
LOW_BG = "#fbe3e1"
LOW_FG = "#b3261e"
COMPUTED_BG = "#f3f5f8"
HEADER_BG = "#e8eef6"
GOOD = "#2e7d32"
MID = "#e0a100"
BAD = "#c62828"
NONE = "#9aa3ad"

#: Below this rate a figure is marked (overview, tree) — the usual 80 % line of monitoring.
DEFAULT_THRESHOLD = Decimal(80)

STYLESHEET = f"""
QMainWindow::separator {{ width: 4px; height: 4px; }}
QLineEdit[invalid="true"], QTextEdit[invalid="true"] {{
    border: 1px solid {ERROR_FG}; background: {ERROR_BG};
}}
QLabel#sectionTitle {{
    font-size: 12pt; font-weight: bold; color: {ACCENT};
    padding: 2px 0 4px 0; border-bottom: 2px solid {ACCENT};
}}
QLabel#pageTitle {{ font-size: 15pt; font-weight: bold; color: #1d2733; }}
QLabel#pageSubtitle {{ color: #5a6572; }}
QLabel#fieldLabel {{ color: #33404d; font-weight: bold; }}
QLabel#hint {{ color: #6b7785; }}
QLabel#errorText {{ color: {ERROR_FG}; background: {ERROR_BG}; padding: 4px 6px; border-radius: 3px; }}
QLabel#figureBadge {{
    background: {HEADER_BG}; border-radius: 4px; padding: 3px 8px; color: #1d2733;
}}
QFrame#cardSection {{ background: white; border: 1px solid #d5dce5; border-radius: 4px; }}
QWidget#cardCanvas {{ background: #eef1f5; }}
QHeaderView::section {{
    background: {HEADER_BG}; border: none; border-right: 1px solid #c9d3df;
    border-bottom: 1px solid #c9d3df; padding: 4px 6px; font-weight: bold; color: #26313d;
}}
QTableView {{ gridline-color: #d5dce5; selection-background-color: #bcd5f3; selection-color: black; }}
QListWidget#sectionList {{ background: #f7f9fb; border: none; border-right: 1px solid #d5dce5; }}
QListWidget#sectionList::item {{ padding: 5px 8px; }}
QListWidget#sectionList::item:selected {{ background: #dbe7f5; color: black; border-left: 3px solid {ACCENT}; }}
QStatusBar QLabel {{ padding: 0 6px; }}
"""


def rate_colour(value: Decimal | None, threshold: Decimal = DEFAULT_THRESHOLD) -> str:
    if value is None:
        return NONE
    if value >= 100:
        return GOOD
    if value >= threshold:
        return MID
    return BAD


def status_colour(
    achievement: Decimal | None, execution: Decimal | None, threshold: Decimal = DEFAULT_THRESHOLD
) -> str:
    """The dot of a tree node: red if either rate is below the threshold, green if both reach 100 %."""
    rates = [r for r in (achievement, execution) if r is not None]
    if not rates:
        return NONE
    if min(rates) < threshold:
        return BAD
    if min(rates) >= 100:
        return GOOD
    return MID


def status_text(value: Decimal | None, threshold: Decimal = DEFAULT_THRESHOLD) -> str:
    """ "▲ 116.8%" (at or above 100), "● 96.7%", "▼ 29.1%" (below the threshold), "-"."""
    from sbdesk.services.numbers import format_rate

    if value is None:
        return "-"
    mark = "▲" if value >= 100 else ("▼" if value < threshold else "●")
    return f"{mark} {format_rate(value)}"


_DOTS: dict[str, QIcon] = {}


def dot_icon(colour: str) -> QIcon:
    if colour not in _DOTS:
        pm = QPixmap(14, 14)
        pm.fill(QColor(0, 0, 0, 0))
        p = QPainter(pm)
        p.setRenderHint(QPainter.Antialiasing)
        p.setBrush(QColor(colour))
        p.setPen(QColor(colour).darker(130))
        p.drawEllipse(2, 2, 10, 10)
        p.end()
        _DOTS[colour] = QIcon(pm)
    return _DOTS[colour]

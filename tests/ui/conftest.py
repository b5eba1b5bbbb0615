"""Fixtures for the desktop app tests: real widgets (pytest-qt, offscreen), real plan files.

``demo_path`` (from tests/conftest.py) is a fresh copy of the Gwangjin-gu demo
plan; ``window`` is the real MainWindow with that file open. Text is typed the
way an input method commits Hangul (``QInputMethodEvent.setCommitString``):
``qtbot.keyClicks`` cannot type non-ASCII text.
"""

from __future__ import annotations

import json
import os
import tempfile

# Headless, with a virtual screen the size of an office monitor (the default offscreen
# screen is 800×800, smaller than the window; Qt would squeeze restored geometry into it).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    _screen = os.path.join(tempfile.gettempdir(), "sbdesk-test-screen.json")
    with open(_screen, "w", encoding="utf-8") as _fh:
        json.dump(
            {
                "screens": [
                    {
                        "name": "office",
                        "x": 0,
                        "y": 0,
                        "width": 1920,
                        "height": 1200,
                        "logicalDpi": 96,
                        "dpr": 1,
                    }
                ]
            },
            _fh,
        )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"

import pytest  # noqa: E402

from sbdesk.app import create_app  # noqa: E402
from sbdesk.ui.main_window import MainWindow  # noqa: E402


@pytest.fixture(autouse=True)
def _app(qapp):
    """The QApplication set up like the real app (Korean fonts, style)."""
    create_app()
    return qapp


@pytest.fixture
def window(qtbot, demo_path):
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1500, 950)
    w.show()
    assert w.open_file(demo_path)
    qtbot.waitExposed(w)
    yield w
    w.validation.wait()
    w.close()

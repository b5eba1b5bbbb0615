"""Fixtures for the desktop app tests: real widgets (pytest-qt, offscreen), real plan files.

``demo_path`` (from tests/conftest.py) is a fresh copy of the Gwangjin-gu demo
plan; ``window`` is the real MainWindow with that file open. Text is typed the
way an input method commits Hangul (``QInputMethodEvent.setCommitString``):
``qtbot.keyClicks`` cannot type non-ASCII text.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
    w = MainWindow(extensions=[])
    qtbot.addWidget(w)
    w.resize(1500, 950)
    w.show()
    assert w.open_file(demo_path)
    qtbot.waitExposed(w)
    yield w
    w.validation.wait()
    w.close()

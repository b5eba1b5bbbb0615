"""Guards on the Qt runtime: singleton refcounts (pinned PySide6) and Korean Qt texts.

PySide6 6.12.0 dropped a reference to None on every void call (and to True/False
on every Signal.emit), so a Python 3.11 app aborted after a few thousand calls.
"""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    changed = Signal(bool)


def test_void_calls_and_emits_keep_singleton_refcounts(qtbot):
    label = QLabel("x")
    qtbot.addWidget(label)
    emitter = _Emitter()
    emitter.changed.connect(lambda value: None)
    before_none, before_true = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2000):
        label.update()
        label.setText("y")
        emitter.changed.emit(True)
    # a few references may come and go elsewhere; thousands must not vanish
    assert abs(sys.getrefcount(None) - before_none) < 100
    assert abs(sys.getrefcount(True) - before_true) < 100


def test_qt_standard_texts_are_korean(qapp):
    from PySide6.QtCore import QCoreApplication

    from sbdesk.app import create_app

    create_app()
    assert qapp.property("sbdesk_qt_ko") is True
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"

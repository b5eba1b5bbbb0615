"""A real extension module for the tests: adds an entry to the 문서 menu."""

from PySide6.QtGui import QAction


def install(window):
    action = QAction("시험 문서…", window)
    action.setObjectName("sampleDocument")
    window.menu("documents").addAction(action)
    window.sample_installed = True

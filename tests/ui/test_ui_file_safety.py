"""The window and an unsafe plan file: another PC's lock ("잠금 해제"), a read-only file."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from sbdesk.services import lock
from sbdesk.ui.main_window import MainWindow
from tests.core.readonly import can_make_read_only, read_only

OTHER = {"user": "박주무관", "host": "복지정책과-PC7", "pid": 4242, "since": "2026-11-20T09:15:00"}


def answer_dialogs(buttons: list[str]) -> list[str]:
    """Answer the next modal message boxes in turn by button text; return what they said."""
    seen: list[str] = []
    queue = list(buttons)

    def attempt(n=200):
        w = QApplication.activeModalWidget()
        if isinstance(w, QMessageBox) and not getattr(w, "_answered", False):
            w._answered = True
            seen.append(w.text() + "\n" + w.informativeText())
            wanted = queue.pop(0)
            standard = (
                w.button(getattr(QMessageBox, wanted)) if wanted in ("Yes", "No", "Ok") else None
            )
            if standard is not None:
                standard.click()
            else:
                for b in w.findChildren(QPushButton):
                    if b.text().replace("&", "") == wanted:
                        b.click()
                        break
                else:
                    seen.append(f"no button {wanted!r}")
                    w.reject()
        if queue and n > 0:
            QTimer.singleShot(20, lambda: attempt(n - 1))

    QTimer.singleShot(0, attempt)
    return seen


@pytest.fixture
def bare_window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def _lock_by_other_pc(path):
    lock.lock_path(path).write_text(json.dumps(OTHER, ensure_ascii=False), encoding="utf-8")


def test_other_pc_lock_unlock_after_two_warnings(bare_window, demo_path):
    _lock_by_other_pc(demo_path)
    seen = answer_dialogs(["잠금 해제…", "Yes"])
    assert bare_window.open_file(demo_path), seen
    assert (
        "박주무관" in seen[0] and "복지정책과-PC7" in seen[0] and "2026-11-20 09:15:00" in seen[0]
    )
    assert "서로의 입력이 사라질 수 있습니다" in seen[1]
    assert not bare_window.store.read_only
    holder = json.loads(lock.lock_path(demo_path).read_text(encoding="utf-8"))
    assert holder["host"] != OTHER["host"]  # the lock is ours now


def test_other_pc_lock_declining_the_second_warning_opens_nothing(bare_window, demo_path):
    _lock_by_other_pc(demo_path)
    seen = answer_dialogs(["잠금 해제…", "No"])
    assert not bare_window.open_file(demo_path)
    assert len(seen) == 2 and bare_window.store is None
    assert json.loads(lock.lock_path(demo_path).read_text(encoding="utf-8")) == OTHER


def test_other_pc_lock_read_only(bare_window, demo_path):
    _lock_by_other_pc(demo_path)
    answer_dialogs(["읽기 전용으로 열기"])
    assert bare_window.open_file(demo_path)
    assert bare_window.store.read_only
    assert "[읽기 전용]" in bare_window.windowTitle()


@pytest.mark.skipif(not can_make_read_only(), reason="cannot make a read-only file here")
def test_read_only_file_opens_read_only_and_says_so(bare_window, demo_path):
    with read_only(demo_path):
        seen = answer_dialogs(["Ok"])
        assert bare_window.open_file(demo_path)
        assert "읽기 전용으로 열었습니다" in seen[0]
        assert bare_window.store.read_only
        assert "[읽기 전용]" in bare_window.windowTitle()
        bare_window.close_file()

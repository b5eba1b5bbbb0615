"""Background work for the GUI: one helper, results and errors back on the GUI thread.

``run_task(parent, title, fn, *args, on_done=..., on_error=...)`` runs
``fn(*args, progress=Progress)`` in a worker thread behind a standard modal
progress dialog with a 취소 button. ``fn`` reports with ``progress.report(done,
total, text)`` and should call ``progress.check()`` now and then, which raises
``Cancelled`` once the user pressed 취소. ``on_done(result)`` or
``on_error(exc)`` then runs on the GUI thread. The window never freezes.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class Cancelled(Exception):
    """The user cancelled the task."""


class Progress:
    """Handed to the task function: report progress, check for cancellation."""

    def __init__(self, signal: Signal):
        self._signal = signal
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        self._signal.emit(done, total, text)
        self.check()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)

    def __init__(self, fn: Callable, args: tuple, kwargs: dict):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.progress = Progress(self.progressed)

    def run(self) -> None:
        try:
            result = self.fn(*self.args, progress=self.progress, **self.kwargs)
        except BaseException as exc:  # handed to the GUI thread
            self.failed.emit(exc, traceback.format_exc())
        else:
            self.finished.emit(result)


class Task(QObject):
    """A running background task; keep a reference until it finishes."""

    done = Signal(object)
    error = Signal(object, str)
    cancelled = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fn: Callable,
        *args: Any,
        show_dialog: bool = True,
        **kwargs: Any,
    ):
        super().__init__(parent)
        self.thread = QThread()
        self.worker = _Worker(fn, args, kwargs)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.dialog: QProgressDialog | None = None
        if show_dialog:
            self.dialog = QProgressDialog(title, "취소", 0, 0, parent)
            self.dialog.setWindowTitle(title)
            self.dialog.setWindowModality(Qt.WindowModal)
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.worker.progress.cancel)
            self.worker.progressed.connect(self._progressed)
        self.result: Any = None
        self.finished_flag = False

    def start(self) -> Task:
        _RUNNING.add(self)
        self.thread.start()
        return self

    def _progressed(self, done: int, total: int, text: str) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(text)

    def _cleanup(self) -> None:
        self.finished_flag = True
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.close()
        self.thread.quit()
        self.thread.wait()
        _RUNNING.discard(self)

    def _finished(self, result: Any) -> None:
        self.result = result
        self._cleanup()
        self.done.emit(result)

    def _failed(self, exc: BaseException, tb: str) -> None:
        self._cleanup()
        if isinstance(exc, Cancelled):
            self.cancelled.emit()
        else:
            self.error.emit(exc, tb)


_RUNNING: set[Task] = set()


def run_task(
    parent: QWidget | None,
    title: str,
    fn: Callable,
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException, str], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    show_dialog: bool = True,
    **kwargs: Any,
) -> Task:
    """Run ``fn(*args, progress=…, **kwargs)`` in the background; see the module doc.

    Without ``on_error`` an error goes to the global error dialog (never silent).
    """
    task = Task(parent, title, fn, *args, show_dialog=show_dialog, **kwargs)
    if on_done:
        task.done.connect(on_done)
    if on_error:
        task.error.connect(on_error)
    else:

        def _default(exc: BaseException, tb: str) -> None:
            from sbdesk.ui.dialogs.error_dialog import show_error

            show_error(parent, exc, tb)

        task.error.connect(_default)
    if on_cancel:
        task.cancelled.connect(on_cancel)
    return task.start()

"""EventLoopWatchdog: the longest time the Qt event loop went without turning.

A 10 ms ``QTimer`` notes when it fires; a gap between two firings longer than
the interval is time in which the window could not react (drawing, input).

Two measures per gap: ``worst`` (wall clock) and ``worst_busy``: the CPU time
the GUI thread itself spent inside the gap (``time.thread_time``), which is
the work that kept the loop from turning. On a machine shared by many
processes the wall gaps also hold the time the OS did not run the process at
all; the busy time does not, so the test asserts on it (``gaps`` lists every
gap whose busy time is over the limit, with ``watch.doing`` as its label).
Used by ``bench/interact.py`` and the UI test that nothing blocks over 100 ms.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer


class EventLoopWatchdog(QObject):
    def __init__(self, interval_ms: int = 10, limit_ms: float = 100.0, parent=None):
        super().__init__(parent)
        self.interval_ms = interval_ms
        self.limit_ms = limit_ms
        self.doing = ""
        self.worst = 0.0
        self.worst_busy = 0.0
        self.gaps: list[tuple[str, float]] = []
        self._last = None
        self._last_cpu = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> EventLoopWatchdog:
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer.start()
        return self

    def stop(self) -> None:
        self._timer.stop()

    def reset(self) -> None:
        self.worst = 0.0
        self.worst_busy = 0.0
        self.gaps = []
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = (now - self._last) * 1000 - self.interval_ms
        busy = (cpu - self._last_cpu) * 1000
        self._last, self._last_cpu = now, cpu
        self.worst = max(self.worst, gap)
        self.worst_busy = max(self.worst_busy, busy)
        if busy > self.limit_ms:
            self.gaps.append((self.doing, busy))

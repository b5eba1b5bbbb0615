"""PySide6 widgets of sbdesk; they talk to data only through ``PlanStore``.

Importing this package applies ``_pin_none()`` first: PySide6 6.12's abi3 build
releases a reference to ``None`` on every call of a C++ method returning void
(``update()``, ``setText()``, ``processEvents()`` …) without having taken one.
On Python 3.12+ ``None`` is immortal and nothing happens; on Python 3.11 the
count of ``None`` falls by one per call and the interpreter aborts with
"Fatal Python error: none_dealloc" after some thousands of calls — minutes of
use, or at exit. Giving ``None`` a practically infinite count (what 3.12 does
by design) removes the crash; it changes nothing else, since ``None`` is never
freed anyway.
"""

from __future__ import annotations

import ctypes
import platform
import sys


def _pin_none() -> bool:
    """Make ``None`` effectively immortal on CPython < 3.12; True when applied."""
    if sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False
    refcnt = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is PyObject's first field
    if refcnt.value < 1 << 40:
        refcnt.value += 1 << 40
    return True


NONE_PINNED = _pin_none()

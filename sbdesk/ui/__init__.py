"""PySide6 widgets of sbdesk; they talk to data only through ``PlanStore``.

Importing this package applies ``_pin_singletons()`` first: PySide6 6.12's
abi3 build releases a reference to ``None`` on every call of a C++ method
returning void (``update()``, ``setText()``, ``processEvents()`` …) and to
``True``/``False`` on every ``Signal.emit()``, without having taken one. On
Python 3.12+ these objects are immortal and nothing happens; on Python 3.11
their counts fall by one per call and the interpreter aborts with "Fatal
Python error: none_dealloc" (or ``bool_dealloc``) after some thousands of
calls — minutes of use, or at exit. Giving them a practically infinite count
(what 3.12 does by design) removes the crash and changes nothing else: they
are never freed anyway.
"""

from __future__ import annotations

import ctypes
import platform
import sys


def _pin_singletons() -> bool:
    """Make ``None``, ``True`` and ``False`` effectively immortal on CPython < 3.12."""
    if sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False
    for obj in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt: PyObject's first field
        if refcnt.value < 1 << 40:
            refcnt.value += 1 << 40
    return True


SINGLETONS_PINNED = _pin_singletons()

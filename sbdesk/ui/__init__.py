"""PySide6 widgets of sbdesk; they talk to data only through ``PlanStore``.

PySide6 is pinned to 6.11.3 (see pyproject.toml): 6.12.0's abi3 build releases
a reference to ``None``/``True``/``False`` it never took on every void call and
``Signal.emit()``, which aborts Python 3.11 ("none_dealloc") after minutes of use.
``tests/ui/test_ui_qt_runtime.py`` guards against that regression.
"""

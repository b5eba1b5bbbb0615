"""Modules that add their menus and actions to the main window.

Each module has ``install(window)``; the window calls them at construction, in
this order. A module that is not there (a feature not built into this copy)
is skipped; any other import error is a real error and is reported.
"""

from __future__ import annotations

import importlib
import traceback

EXTENSIONS = [
    "sbdesk.ui.actions.documents_actions",
    "sbdesk.ui.actions.exchange_actions",
    "sbdesk.ui.dialogs.about_dialog",
]


def install_extensions(
    window, names: list[str] | None = None
) -> list[tuple[str, BaseException, str]]:
    """Install every extension; return the (module, error, traceback) of those that failed."""
    failures = []
    for name in EXTENSIONS if names is None else names:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            failures.append((name, exc, traceback.format_exc()))
            continue
        except Exception as exc:  # noqa: BLE001 - reported, the window still opens
            failures.append((name, exc, traceback.format_exc()))
            continue
        try:
            module.install(window)
        except Exception as exc:  # noqa: BLE001
            failures.append((name, exc, traceback.format_exc()))
    return failures

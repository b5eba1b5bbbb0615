"""Where sbdesk keeps user data and settings.

Installed: the per-user folders of platformdirs (``%LOCALAPPDATA%\\sbdesk`` on
Windows). Portable: when a file named ``portable.txt`` lies next to the
executable (frozen) or at the repository root (from source), everything stays in
a ``data/`` folder beside it. sbdesk writes nowhere else.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

PORTABLE_MARKER = "portable.txt"


def app_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def is_portable() -> bool:
    return (app_dir() / PORTABLE_MARKER).exists()


def data_dir() -> Path:
    """User data (the demo plan, backups, crash logs)."""
    override = os.environ.get("SBDESK_DATA_DIR")
    if override:
        p = Path(override)
    elif is_portable():
        p = app_dir() / "data"
    else:
        p = Path(user_data_dir("sbdesk", appauthor=False))
    p.mkdir(parents=True, exist_ok=True)
    return p


def config_dir() -> Path:
    """Settings (window geometry, recent files)."""
    override = os.environ.get("SBDESK_CONFIG_DIR")
    if override:
        p = Path(override)
    elif is_portable():
        p = app_dir() / "data" / "settings"
    else:
        p = Path(user_config_dir("sbdesk", appauthor=False))
    p.mkdir(parents=True, exist_ok=True)
    return p


def demo_plan_path() -> Path:
    return data_dir() / "광진구-2023-예시.sbplan"

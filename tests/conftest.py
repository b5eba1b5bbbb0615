"""Shared fixtures: a fresh demo plan file, and user folders kept out of the way.

Sub-folders add their own ``conftest.py`` for fixtures of their own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sbdesk.services.demo import build_demo


@pytest.fixture(autouse=True)
def _user_dirs(tmp_path_factory, monkeypatch):
    """Data and settings go to temporary folders: tests never touch the real ones."""
    base = tmp_path_factory.mktemp("user")
    for var, sub in (
        ("SBDESK_DATA_DIR", "data"),
        ("SBDESK_CONFIG_DIR", "config"),
        ("XDG_CONFIG_HOME", "xdg-config"),
        ("XDG_DATA_HOME", "xdg-data"),
    ):
        (base / sub).mkdir()
        monkeypatch.setenv(var, str(base / sub))
    return base


@pytest.fixture(scope="session")
def _demo_master(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo-master") / "d.sbplan"
    build_demo(path).close()
    return path


@pytest.fixture
def demo_path(_demo_master, tmp_path) -> Path:
    """A new Gwangjin-gu 2023 demo plan file (``tmp_path/"d.sbplan"``), closed.

    Built once per session with ``build_demo`` and copied for each test (the copy
    is the same real SQLite plan file, byte for byte), so a test may change it freely.
    """
    path = tmp_path / "d.sbplan"
    shutil.copyfile(_demo_master, path)
    return path

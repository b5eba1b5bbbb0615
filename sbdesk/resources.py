"""Finding the files the app reads at run time (fonts, demo plan, icons, licences).

They are package data in ``sbdesk/assets/`` and are located with
``importlib.resources`` — the same call from a source checkout, from an
installed wheel and from the PyInstaller bundle (which keeps them at
``_internal/sbdesk/assets``). sbdesk is never imported from a zip, so the
location is a real folder and a ``Path`` is handed out.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resources_dir() -> Path:
    """The ``sbdesk/assets`` folder of the running program."""
    return Path(str(files("sbdesk") / "assets"))


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)

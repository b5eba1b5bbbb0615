"""Entry point of the frozen bundle: PyInstaller runs this file as ``__main__``.

It prepares the process for an offline office PC, then hands over to
``sbdesk.__main__.main`` exactly as ``python -m sbdesk`` does.
"""

from __future__ import annotations

import os
import sys


def _confine_writes() -> None:
    """Keep the frozen app from writing caches outside sbdesk's own folders.

    - Python: modules come from the bundle's archive; never write ``.pyc``.
    - Qt: no OpenGL shader disk cache (it would land in the per-user cache
      folder); widgets do not use it, this only makes sure.
    """
    sys.dont_write_bytecode = True
    os.environ.setdefault("QT_DISABLE_SHADER_DISK_CACHE", "1")


def _windowed_streams() -> None:
    """``sbdesk.exe`` is built without a console, so stdout/stderr are ``None``.

    A command typed in a terminal (``sbdesk.exe summary …``) attaches to that
    terminal's console so it still prints; started from Explorer there is no
    console and output goes to the null device, so ``print`` and ``json.dump``
    never fail. ``sbdesk-cli.exe`` (console build) needs none of this.
    """
    if sys.stdout is not None and sys.stderr is not None:
        return
    stream = None
    if sys.platform == "win32":
        import ctypes

        attach_parent_process = -1
        if ctypes.windll.kernel32.AttachConsole(attach_parent_process):
            try:
                stream = open("CONOUT$", "w", encoding="utf-8", errors="replace")
            except OSError:
                stream = None
    if stream is None:
        stream = open(os.devnull, "w", encoding="utf-8")
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream


def run() -> int:
    if getattr(sys, "frozen", False):
        _confine_writes()
        _windowed_streams()
    from sbdesk.__main__ import main

    return main()


if __name__ == "__main__":
    sys.exit(run())

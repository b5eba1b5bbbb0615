"""Screenshots of the demo plan in the real app for ``docs/screenshots/``: the main window at
1366×768 (plan tree with its page nodes, card, validation dock), a strategy page and a
system page with their structure buttons (1600×1000). Run on a display (Xvfb) with a
fresh home folder so no saved window state interferes:

    Xvfb :99 -screen 0 1600x1000x24 &
    HOME=$(mktemp -d) DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots_demo.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from sbdesk.app import create_app
from sbdesk.services.demo import build_demo

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots"


def save(widget, name: str) -> None:
    """Grab ``widget`` to ``docs/screenshots/<name>.png`` in 256 colours (a third of the
    size, text as sharp: docs images stay under 300 KB)."""
    from PIL import Image

    path = SHOTS / f"{name}.png"
    widget.grab().save(str(path))
    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, dither=Image.Dither.NONE).save(path, optimize=True)


def spin(seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()


def main(out: Path) -> None:
    create_app()
    from sbdesk.ui.main_window import MainWindow

    plan = out / "광진구-2023-예시.sbplan"
    plan.unlink(missing_ok=True)
    build_demo(plan).close()
    w = MainWindow()
    w.resize(1366, 768)
    w.show()
    assert w.open_file(plan)
    w.validation_dock.show()
    spin(1.5)
    w.validation.wait()
    spin()
    w.open_project(w.store.project_by_code("I-1-1").id)
    spin()
    save(w, "main-window")
    w.resize(1600, 1000)
    spin()
    st = w.store.get(type(w.store.strategies("I")[0]), w.store.strategies("I")[2].id)
    w.tree.select("strategy", st.id)
    spin()
    w.level_page.choose_project(w.store.project_by_code("I-3-2").id)
    spin()
    save(w, "strategy")
    w.tree.select("system", "I")
    spin()
    w.system_page.choose_strategy(st.id)
    spin()
    save(w, "system")
    w.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()))

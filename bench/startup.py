"""Time from launch to a usable main window, beside an empty PySide6 window started the same way.

``python bench/startup.py [--runs N] [--skip-large]`` starts, each in a fresh
Python process (offscreen unless a display is set), N times:

- an empty ``QMainWindow`` (``QApplication`` + show + drain the event queue): the baseline;
- the app on the built-in demo plan;
- the app on a generated 시·도-size plan (``bench/generate.py``, 25 districts, ≈1,200 projects);
- the app on the same plan with four years of cards (``--years 4``, ≈ 4,800 cards).

"Usable" is: the window is shown with the plan tree, the overview and the first
card loaded and the event queue drained (the validation runs on afterwards in
the background). It prints each median beside the targets of issue 14:
demo ≤ 1.0 s and ≤ 4× the empty window; large ≤ 1.5× the demo; 4 years ≤ 2× the demo.
Bytecode is cached before timing (one untimed run each), as in the installed app.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

APP = """
import sys, time
from sbdesk.app import create_app, open_window
app = create_app()
w = open_window(sys.argv[1])
w.show()
app.processEvents()
assert w.store is not None and w.card_editor.project_id is not None
assert len(w.tree.model.project_ids()) > 0 and w.overview.model.rows
print("READY", time.perf_counter(), flush=True)
w.validation.stop()
w.close()
"""

EMPTY = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([sys.argv[0]])
w = QMainWindow()
w.resize(1500, 940)
w.show()
app.processEvents()
print("READY", time.perf_counter(), flush=True)
"""


def run_once(code: str, args: list[str], env: dict) -> float:
    """Seconds from launching a new process to its READY line."""
    launch = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT
    )
    ready = next((ln for ln in proc.stdout.splitlines() if ln.startswith("READY")), None)
    if proc.returncode != 0 or ready is None:
        raise SystemExit(f"start failed:\n{proc.stderr[-3000:]}")
    # perf_counter is the system-wide monotonic clock on Linux: comparable across processes
    return float(ready.split()[1]) - launch


def median_of(code: str, args: list[str], env: dict, runs: int) -> float:
    run_once(code, args, env)  # untimed: compiles and caches the bytecode, warms the disk cache
    return statistics.median(run_once(code, args, env) for _ in range(runs))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-large", action="store_true")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="sbdesk-bench-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    env["SBDESK_CONFIG_DIR"] = str(tmp / "config")
    env["SBDESK_DATA_DIR"] = str(tmp / "data")

    from sbdesk.services.demo import build_demo

    demo = tmp / "demo.sbplan"
    build_demo(demo).close()
    plans = [("demo (광진구 2023, 44 projects)", demo)]
    if not args.skip_large:
        from bench.generate import make_large_plan

        make_large_plan(tmp / "large.sbplan").close()
        make_large_plan(tmp / "large4.sbplan", years=4).close()
        plans += [
            ("large (1,202 projects, 1 year of cards)", tmp / "large.sbplan"),
            ("large, 4 years of cards (4,808 cards)", tmp / "large4.sbplan"),
        ]

    print(
        f"launch → usable window, median of {args.runs} fresh processes ({env['QT_QPA_PLATFORM']})"
    )
    empty = median_of(EMPTY, [], env, args.runs)
    print(f"  baseline: empty PySide6 window            {empty:6.2f} s")
    results = {}
    for label, path in plans:
        results[label] = median_of(APP, [str(path)], env, args.runs)
        print(f"  sbdesk, {label:40s} {results[label]:6.2f} s")
    d = results[plans[0][0]]
    print(f"  demo: {d:.2f} s (target ≤ 1.0 s) = {d / empty:.1f}× the empty window (target ≤ 4×)")
    for (label, _p), limit in zip(plans[1:], (1.5, 2.0), strict=False):
        print(f"  {label}: {results[label] / d:.2f}× the demo (target ≤ {limit}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

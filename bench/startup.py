"""Time from launch to a usable main window on the demo plan, in a fresh process.

``python bench/startup.py [--runs N] [--file PLAN]`` starts the app N times in
a new Python process each (offscreen unless a display is set), and prints the
seconds from process start to the moment the window is shown with the plan's
tree, overview and first card loaded and the event queue drained. The demo
plan is built once beforehand (not timed).
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

CHILD = """
import sys, time
from sbdesk.app import create_app, open_window
app = create_app()
w = open_window(sys.argv[1])
w.show()
app.processEvents()
assert w.store is not None and w.card_editor.project_id is not None
print("READY", time.perf_counter(), flush=True)
w.validation.wait()
w.close()
"""


def run_once(plan: Path, env: dict) -> tuple[float, float]:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(plan)],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(ROOT),
    )
    total = time.perf_counter() - t0
    ready = next((line for line in proc.stdout.splitlines() if line.startswith("READY")), None)
    if proc.returncode != 0 or ready is None:
        raise SystemExit(f"app failed to start:\n{proc.stderr[-3000:]}")
    return total, float(ready.split()[1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--file", help="plan file (default: a fresh copy of the demo)")
    args = ap.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    tmp = Path(tempfile.mkdtemp(prefix="sbdesk-bench-"))
    env["SBDESK_CONFIG_DIR"] = str(tmp / "config")
    env["SBDESK_DATA_DIR"] = str(tmp / "data")
    if args.file:
        plan = Path(args.file)
    else:
        from sbdesk.services.demo import build_demo

        plan = tmp / "demo.sbplan"
        build_demo(plan).close()
    # the child reports its perf_counter at READY; perf_counter is system-wide monotonic on
    # Linux, so READY - (parent time at launch) is launch → usable window
    times = []
    for i in range(args.runs):
        launch = time.perf_counter()
        _total, ready = run_once(plan, env)
        times.append(ready - launch)
        print(f"run {i + 1}: launch → usable window {ready - launch:.2f} s")
    print(
        f"startup on {plan.name}: median {statistics.median(times):.2f} s, best {min(times):.2f} s "
        f"({args.runs} runs, platform {env['QT_QPA_PLATFORM']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

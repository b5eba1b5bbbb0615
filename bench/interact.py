"""Working in the window on a 시·도-size plan: switch year, open a card, filter, search, check, memory.

``python bench/interact.py [--districts N] [--repeat R]`` builds the generated plan
with four years of cards (``bench/generate.py --years 4``: ≈1,200 projects,
≈4,800 cards), opens the real main window (offscreen) and times, each as the
user would trigger it and until the window has caught up (events processed):

- switching the year with the year selector (the year is read in the background);
- opening a project's card from the tree;
- filtering the overview (strategy, department, "flagged only") and searching it
  by code, project name, department and indicator name;
- ``check`` over the whole plan (every year), without the window;
- the peak memory of the process with the app open and the results report generated.

Beside every interaction it prints the longest stall of the event loop
(``bench/watchdog.py``): the time the window could not react. Targets (issue 14):
switch/open/filter ≤ 150 ms, search ≤ 50 ms, check ≤ 1 s, peak ≤ 400 MiB, and no
stall over 100 ms.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--districts", type=int, default=25)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--file", help="an existing plan with several years of cards")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="sbdesk-bench-"))
    os.environ["SBDESK_CONFIG_DIR"] = str(tmp / "config")
    os.environ["SBDESK_DATA_DIR"] = str(tmp / "data")
    if args.file:
        plan = Path(args.file)
    else:
        from bench.generate import make_large_plan

        plan = tmp / "large4.sbplan"
        make_large_plan(plan, districts=args.districts, years=4).close()

    from PySide6.QtWidgets import QApplication

    from bench.watchdog import EventLoopWatchdog
    from sbdesk.app import create_app, open_window

    app = create_app()
    window = open_window(plan)
    window.show()
    app.processEvents()
    window.validation.stop()  # timed on its own below; here it would compete for the CPU
    watch = EventLoopWatchdog(limit_ms=100).start()
    rows: list[tuple[str, list[float], float, float, str]] = []

    def settle(until=lambda: True, timeout=30.0) -> None:
        end = time.perf_counter() + timeout
        while True:
            app.processEvents()
            if until() or time.perf_counter() > end:
                break
            time.sleep(0.001)
        app.processEvents()

    def timed(label: str, target: str, action, until=lambda: True, repeat=None) -> None:
        times, worst, busy = [], 0.0, 0.0
        for _ in range(repeat or args.repeat):
            settle()
            watch.reset()
            watch.doing = label
            t = time.perf_counter()
            action()
            settle(until)
            times.append(time.perf_counter() - t)
            worst = max(worst, watch.worst)
            busy = max(busy, watch.worst_busy)
        rows.append((label, times, worst, busy, target))

    n = len(window.tree.model.project_ids())
    print(f"plan: {plan.name}, {n:,} projects, years {window.store.years()}")

    # --- switch year (the selector reads the year in the background)
    years = window.store.years()
    for y in years[1:] + years[:1]:
        i = window.year_box.findData(y)
        timed(
            f"switch year → {y}",
            "≤ 150 ms",
            lambda i=i: window.year_box.setCurrentIndex(i),
            lambda y=y: window.year == y and window.tree.model.project_ids(),
            repeat=1,  # a second selection of the same year would change nothing
        )

    # --- open a card from the tree
    ids = window.tree.model.project_ids()
    picks = [ids[k * len(ids) // 8 + 3] for k in range(8)]  # not the card open at start
    it = iter(picks * args.repeat)
    timed("open a card", "≤ 150 ms", lambda: window.open_project(next(it)))

    # --- filter the overview
    window.tabs.setCurrentIndex(1)
    panel = window.overview
    settle()
    timed("filter: strategy", "≤ 150 ms", lambda: panel.strategy.setCurrentIndex(3))
    timed("filter: all strategies", "≤ 150 ms", lambda: panel.strategy.setCurrentIndex(0))
    timed("filter: department", "≤ 150 ms", lambda: panel.department.setCurrentIndex(2))
    timed("filter: all departments", "≤ 150 ms", lambda: panel.department.setCurrentIndex(0))
    timed("filter: flagged only", "≤ 150 ms", lambda: panel.flagged.toggle())
    if panel.flagged.isChecked():
        panel.flagged.setChecked(False)
    settle()
    rows_ = panel.model.rows
    sample = rows_[len(rows_) // 3]
    ind = next((f.indicators[0].name for f in rows_ if f.indicators), "")
    queries = [
        ("search by code", sample.code),
        ("search by name", sample.name.split("]")[-1].strip()[:6]),
        ("search by department", sample.department),
        ("search by indicator", ind[:8]),
    ]
    for label, q in queries:
        timed(f"{label} ({q!r})", "≤ 50 ms", lambda q=q: panel.search.setText(q))
        shown = panel.proxy.rowCount()
        panel.search.setText("")
        settle()
        assert shown > 0, (label, q)
    watch.stop()

    # --- check, whole plan (every year with cards), without the window
    from sbdesk.services.check import run_checks

    t = time.perf_counter()
    findings = run_checks(window.store)
    check_s = time.perf_counter() - t

    # --- the results report generated with the app open (peak memory)
    from sbdesk.export.pdf.build import build_document

    t = time.perf_counter()
    result = build_document(window.store, years[0], "results", tmp / "report.pdf")
    report_s = time.perf_counter() - t
    peak = _peak_mib()

    print(
        f"{'interaction':40s} {'median':>8s} {'max':>8s} {'gap':>8s} {'busy':>8s}  target "
        "(gap: longest event-loop gap; busy: GUI-thread CPU in it, ≤ 100 ms)"
    )
    for label, times, worst, busy, target in rows:
        print(
            f"{label[:40]:40s} {statistics.median(times) * 1000:6.0f}ms {max(times) * 1000:6.0f}ms "
            f"{worst:6.0f}ms {busy:6.0f}ms  {target}"
        )
    print(
        f"check, whole plan (every year): {check_s:.2f} s, {len(findings):,} findings (target ≤ 1 s)"
    )
    print(
        f"results report {years[0]} with the app open: {result.pages:,} pages in {report_s:.1f} s; "
        f"peak memory {peak:.0f} MiB (target ≤ 400 MiB)"
    )
    window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())

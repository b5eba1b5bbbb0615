"""Peak memory with a 시·도-size plan open in the app and its results report generated.

``python bench/memory.py [--districts 25] [--file PLAN]`` generates the 1,202-project
plan (``bench/generate.py``) unless ``--file`` is given, then runs two fresh processes
(offscreen Qt, the same interpreter and environment) and prints each one's peak
resident memory (``ru_maxrss``):

- baseline: the empty app — ``create_app()`` and the main window with no plan, shown;
- the app with the plan open (window shown, the validation panel's check finished)
  and the results report of the first year generated the way the window makes it:
  ``build_document`` run by ``ui.tasks.run_task`` in the background (``final=False``:
  the 초안 check included), waited for with the event loop running.

Target (issue 14): ≤ 400 MiB with the report generated.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1_048_576


def child(plan: str | None, out: str) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sbdesk.app import create_app, open_window

    app = create_app()

    def settle(until, timeout: float = 600.0) -> None:
        end = time.perf_counter() + timeout
        while not until() and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.005)
        app.processEvents()

    window = open_window(plan) if plan else open_window()
    window.show()
    settle(lambda: True)
    result: dict = {"open_mib": _rss_mib()}
    if plan:
        panel = getattr(window, "validation", None)
        if panel is not None:  # the check the window runs after opening a plan
            panel.wait(600_000)
        from sbdesk.export.pdf.build import build_document
        from sbdesk.ui.tasks import run_task

        done: list = []
        t = time.perf_counter()
        task = run_task(
            window,
            "시행결과 보고서 만들기",
            build_document,
            window.store,
            window.year,
            "results",
            Path(out),
            final=False,
            show_dialog=False,
            on_done=done.append,
            on_error=lambda exc, tb="": done.append(exc),
        )
        settle(lambda: bool(done))
        if not done or isinstance(done[0], BaseException):
            raise SystemExit(f"report failed: {done}")
        result.update(pages=done[0].pages, report_s=time.perf_counter() - t, after_mib=_rss_mib())
        del task
    result["peak_mib"] = _peak_mib()
    window.close()
    app.processEvents()
    return result


def _run(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        cwd=str(ROOT),
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-4000:])
        raise SystemExit(f"child {args} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--districts", type=int, default=25)
    ap.add_argument("--file", help="an existing plan file instead of the generated one")
    args = ap.parse_args(argv)
    if args.child:
        plan, out = args.child
        print(json.dumps(child(plan or None, out)))
        return 0
    with tempfile.TemporaryDirectory(prefix="sbdesk-bench-") as tmp:
        tmpd = Path(tmp)
        os.environ["SBDESK_CONFIG_DIR"] = str(tmpd / "config")
        os.environ["SBDESK_DATA_DIR"] = str(tmpd / "data")
        if args.file:
            plan = Path(args.file)
        else:
            from bench.generate import make_large_plan

            plan = tmpd / "large.sbplan"
            make_large_plan(plan, districts=args.districts).close()
        empty = _run("", str(tmpd / "none.pdf"))
        large = _run(str(plan), str(tmpd / "report.pdf"))
        print(
            f"  baseline: the empty app (window shown, no plan): peak {empty['peak_mib']:6.0f} MiB"
        )
        print(
            f"  {plan.name} open, results report generated ({large['pages']:,} pages in "
            f"{large['report_s']:.0f} s): peak {large['peak_mib']:6.0f} MiB "
            f"(open {large['open_mib']:.0f}, after the report {large['after_mib']:.0f}) = "
            f"{large['peak_mib'] / empty['peak_mib']:.1f}x the empty app; target ≤ 400 MiB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``check`` of a whole 시·도-size plan: the 1,202-project plan and its 4-year version.

``python bench/check.py [--districts 25] [--repeat 3]`` generates both plans
(``bench/generate.py``, ``--years 1`` and ``--years 4``) and times, in one process:

- ``run_checks`` of the whole plan (every year with cards), as ``sbdesk check`` runs
  it, on a ``PlanReader`` (plain rows, no ORM) — the best of ``--repeat`` runs;
- the same through a read-only ``PlanStore`` (what the window and the CLI hold);
- baseline, same run: ``sqlite3`` reading every row of every table of the file
  (``SELECT *``, ``fetchall``) — the floor of any check that looks at every row.

Wall and CPU time are printed: on a machine shared with other work the CPU time is the\nsteadier figure. Target (issue 14): ≤ 1 s on the large plan.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def best(fn, repeat: int) -> tuple[tuple[float, float], object]:
    """(wall, CPU) seconds of the fastest of ``repeat`` runs, and its result."""
    out, times = None, []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        times.append((time.perf_counter() - t, time.process_time() - c))
    return min(times), out


def bare_read(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return sum(len(con.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables)
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--districts", type=int, default=25)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    from bench.generate import make_large_plan
    from sbdesk.services.check import run_checks
    from sbdesk.services.reader import PlanReader
    from sbdesk.services.store import PlanStore

    with tempfile.TemporaryDirectory(prefix="sbdesk-bench-") as tmp:
        for years in (1, 4):
            path = Path(tmp) / f"large{years}.sbplan"
            make_large_plan(path, districts=args.districts, years=years).close()
            reader = PlanReader(path)
            floor, rows = best(lambda p=path: bare_read(p), args.repeat)
            seconds, findings = best(lambda r=reader: run_checks(r), args.repeat)
            store = PlanStore(path, read_only=True)
            try:
                via_store, _ = best(lambda s=store: run_checks(s), args.repeat)
            finally:
                store.close()
            n = len(reader.codes())
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            cards = con.execute("SELECT COUNT(*) FROM card").fetchone()[0]
            con.close()
            print(f"plan: {n:,} projects, {cards:,} cards ({years} year{'s' if years > 1 else ''})")
            print(
                f"  baseline: sqlite3 reading all {rows:,} rows of the file: "
                f"{floor[0]:6.2f} s (CPU {floor[1]:5.2f} s)"
            )
            print(
                f"  check, whole plan, {len(findings):,} findings: {seconds[0]:6.2f} s "
                f"(CPU {seconds[1]:5.2f} s) = {seconds[0] / floor[0]:.1f}x the baseline "
                f"(CPU {seconds[1] / floor[1]:.1f}x); target ≤ 1 s; "
                f"through PlanStore {via_store[0]:.2f} s (CPU {via_store[1]:.2f} s)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

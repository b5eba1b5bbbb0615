"""Time for one field edit to be committed to the plan file, through the real window.

``python bench/edit.py [--edits N] [--districts D]`` opens the real main window
(offscreen) on the demo plan and on a generated 시·도-size plan (``bench/generate.py``,
≈1,200 projects), opens a card and types N values into 담당자 and N amounts into
the 집행(B) cell of the budget grid, committing each as the user would (Enter).
It prints, per plan, the seconds from the commit to the point where the value
is in the file (SQLite commit, ``synchronous=FULL``) and the window has updated
the card, the tree, the overview and the rates (events processed) — median,
90th percentile, max — and checks each value with a separate connection to the
file. Beside it, the baseline: a bare ``sqlite3`` UPDATE + commit with
``synchronous=FULL`` on the same file, the same number of times. The files are
made in a new folder under ``--dir`` (default: the system's temporary folder);
the script prints which file system that is (a tmpfs would make every commit
free, so it warns).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def in_file(path: Path, sql: str, *args):
    from sbdesk.services.planfile import connect

    con = connect(path, "ro")
    try:
        return con.execute(sql, args).fetchone()[0]
    finally:
        con.close()


def measure(plan: Path, edits: int, label: str) -> None:
    from PySide6.QtWidgets import QApplication

    from sbdesk.app import create_app, open_window

    app = create_app()
    t0 = time.perf_counter()
    window = open_window(plan)
    window.show()
    app.processEvents()
    opened = time.perf_counter() - t0
    window.validation.stop()
    pid = window.store.project_by_code("I-3-1").id
    window.open_project(pid)
    app.processEvents()
    editor = window.card_editor
    officer = editor.section("owner").fields["Card.officer"]
    budget = editor.section("budget").budget_model
    row = next(i for i, r in enumerate(budget.rows) if r.line is not None)
    field_times, cell_times = [], []
    for n in range(edits):
        value = f"담당자{n}"
        officer.setFocus()
        officer.setText(value)
        app.processEvents()
        t = time.perf_counter()
        officer.commit()
        app.processEvents()  # deferred updates (overview totals) count too
        field_times.append(time.perf_counter() - t)
        assert in_file(plan, "select officer from card where id=?", editor.data.card.id) == value
        amount = f"{100 + n}.5"
        t = time.perf_counter()
        budget.setData(budget.index(row, 6), amount)  # what the cell editor does on Enter
        app.processEvents()
        cell_times.append(time.perf_counter() - t)
        line_id = budget.rows[row].line.id
        assert in_file(plan, "select executed_amount from budgetline where id=?", line_id) == amount
        app.processEvents()
    n_projects = len(window.tree.model.project_ids())
    card_id = editor.data.card.id
    window.close()
    QApplication.processEvents()
    bare = bare_sqlite_times(plan, card_id, edits)

    def fmt(xs):
        xs = sorted(xs)
        p90 = xs[max(0, int(len(xs) * 0.9) - 1)]
        return f"median {statistics.median(xs) * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms, max {xs[-1] * 1000:.0f} ms"

    print(f"{label}: {n_projects:,} projects, window opened in {opened:.2f} s")
    print(f"  baseline: bare sqlite3 UPDATE + commit (synchronous=FULL): {fmt(bare)}")
    print(f"  text field (담당자) edit → committed and shown: {fmt(field_times)}")
    print(f"  budget cell (집행) edit → committed, rates recomputed: {fmt(cell_times)}")
    base = statistics.median(bare)
    for name, xs in (("text field", field_times), ("budget cell", cell_times)):
        print(
            f"  {name}: {statistics.median(xs) / base:.1f}× the bare UPDATE + commit "
            f"(target ≤ 3×; ≤ 10 ms demo, ≤ 15 ms large)"
        )
    return statistics.median(field_times), statistics.median(cell_times), base


def file_system(path: Path) -> str:
    """The file system holding ``path`` ("ext4 /dev/vda on /"), from /proc/mounts (Linux)."""
    try:
        mounts = [ln.split() for ln in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return "unknown"
    real = str(path.resolve())
    best = max(
        (m for m in mounts if real == m[1] or real.startswith(m[1].rstrip("/") + "/")),
        key=lambda m: len(m[1]),
        default=None,
    )
    return f"{best[2]} {best[0]} on {best[1]}" if best else "unknown"


def bare_sqlite_times(plan: Path, card_id: int, edits: int) -> list[float]:
    """The floor: one UPDATE of the same column and commit, durable like the app's."""
    con = sqlite3.connect(plan, isolation_level=None)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("PRAGMA synchronous=FULL")
    times = []
    try:
        for n in range(edits):
            t = time.perf_counter()
            con.execute("BEGIN")
            con.execute("UPDATE card SET officer=? WHERE id=?", (f"기준{n}", card_id))
            con.execute("COMMIT")
            times.append(time.perf_counter() - t)
    finally:
        con.close()
    return times


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--districts", type=int, default=25)
    ap.add_argument("--dir", help="folder for the plan files (a real disk, not tmpfs)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="sbdesk-bench-", dir=args.dir))
    fs = file_system(tmp)
    print(f"plan files and the bare baseline in {tmp} ({fs})")
    if fs.startswith("tmpfs"):
        print("  warning: tmpfs never reaches a disk; pass --dir on a real disk")
    os.environ["SBDESK_CONFIG_DIR"] = str(tmp / "config")
    os.environ["SBDESK_DATA_DIR"] = str(tmp / "data")
    from sbdesk.services.demo import build_demo

    demo = tmp / "demo.sbplan"
    build_demo(demo).close()
    measure(demo, args.edits, "demo (광진구 2023)")
    from bench.generate import make_large_plan

    large = tmp / "large.sbplan"
    t = time.perf_counter()
    make_large_plan(large, districts=args.districts).close()
    print(f"(generated the large plan in {time.perf_counter() - t:.1f} s)")
    measure(large, args.edits, f"generated plan ({args.districts} districts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Department workbooks on a 시·도-size plan: ``dept-workbooks`` and a 433-edit import dry run.

``python bench/workbooks.py [--districts 25] [--edits 433] [--file PLAN]`` generates the
1,202-project plan (``bench/generate.py``) unless ``--file`` is given, then times, in
one process, each beside a bare-openpyxl baseline measured in the same run:

- ``dept-workbooks``: every department's workbook of the first year, written the way
  ``sbdesk dept-workbooks`` writes them (the plan opened read-only, one workbook per
  department, saved). Baseline: openpyxl writing the same number of workbooks, sheets
  and cells (short strings, no styles) and saving them.
- the import dry run (``sbdesk import-xlsx --dry-run``) of the largest department's
  returned workbook (복지정책과: 433 card sheets on the generated plan) with one input
  cell changed on each sheet (``--edits``, default all: 433 edits), read against the
  plan and the changes listed (``read_any`` + ``format_plan``, as the CLI does).
  Baseline: openpyxl loading the same workbook read-only and reading every value.

Targets (issue 14): dept-workbooks ≤ 10 s, the dry run ≤ 3 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EDITABLE = {"text", "measure", "name"}


def export(plan: Path, out: Path) -> tuple[float, list[Path]]:
    from sbdesk.cli.workbook_commands import _open
    from sbdesk.export.xlsx.dept_workbook import export_department_workbooks

    t, c = time.perf_counter(), time.process_time()
    store = _open(str(plan), True)  # what ``sbdesk dept-workbooks`` opens
    try:
        year = store.years()[0]
        paths = export_department_workbooks(store, year, out)
    finally:
        store.close()
    return (time.perf_counter() - t, time.process_time() - c), paths


def shape_of(paths: list[Path]) -> list[list[int]]:
    """Cells written per sheet of each workbook (every cell openpyxl keeps, styled or not)."""
    from openpyxl import load_workbook

    out = []
    for p in paths:
        wb = load_workbook(p, read_only=True)
        sizes = []
        for ws in wb.worksheets:
            ws.reset_dimensions()
            sizes.append(sum(1 for row in ws.iter_rows() for c in row if c.value is not None))
        wb.close()
        out.append(sizes)
    return out


def bare_write(shape: list[list[int]], out: Path) -> float:
    """openpyxl writing the same workbooks/sheets/cells, values only."""
    from openpyxl import Workbook

    out.mkdir(parents=True, exist_ok=True)
    t, c = time.perf_counter(), time.process_time()
    for i, sizes in enumerate(shape):
        wb = Workbook()
        wb.remove(wb.active)
        for j, n in enumerate(sizes):
            ws = wb.create_sheet(f"s{j}")
            for k in range(n):
                ws.cell(row=k // 10 + 1, column=k % 10 + 1, value=f"값 {k}")
        wb.save(out / f"bare-{i}.xlsx")
    return time.perf_counter() - t, time.process_time() - c


def edit(path: Path, edits: int) -> int:
    """Change one input cell on each of the first ``edits`` card sheets of the workbook
    (untimed: the department's work): a text field, an indicator actual, a name in turn."""
    from openpyxl import load_workbook

    from sbdesk.export.xlsx import common as xc

    stamp = xc.read_stamp(xc.read_book(path), path.name) or {}
    wb = load_workbook(path)
    made = 0
    for n, rec in enumerate(stamp.get("sheets", [])[:edits]):
        cells = [
            (ref, kind)
            for ref, key, kind, _sum in rec["cells"]
            if kind in EDITABLE and not key.startswith("+")
        ]
        if not cells:
            continue
        ref, kind = cells[(n * 7) % len(cells)]
        cell = wb[rec["sheet"]][ref]
        cell.value = f"{n + 1:,}명" if kind == "measure" else f"{cell.value or ''} 수정{n + 1}"
        made += 1
    wb.save(path)
    return made


def dry_run(plan: Path, paths: list[Path]) -> tuple[float, int, int]:
    from sbdesk.cli.workbook_commands import _open, read_any
    from sbdesk.importers.diff_types import format_plan

    t, c = time.perf_counter(), time.process_time()
    store = _open(str(plan), True)  # ``import-xlsx --dry-run`` opens the plan read-only
    try:
        result = read_any(store, paths, None)
        text = format_plan(result)
    finally:
        store.close()
    return (time.perf_counter() - t, time.process_time() - c), len(result.entries), len(text)


def bare_read(paths: list[Path]) -> float:
    from openpyxl import load_workbook

    t, c = time.perf_counter(), time.process_time()
    n = 0
    for p in paths:
        wb = load_workbook(p, read_only=True)
        for ws in wb.worksheets:
            ws.reset_dimensions()
            for row in ws.iter_rows(values_only=True):
                n += sum(1 for v in row if v is not None)
        wb.close()
    return time.perf_counter() - t, time.process_time() - c


def fmt(wc: tuple[float, float]) -> str:
    return f"{wc[0]:7.2f} s (CPU {wc[1]:6.2f} s)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--districts", type=int, default=25)
    ap.add_argument("--edits", type=int, default=10**6, help="sheets edited (default: all)")
    ap.add_argument("--file", help="an existing plan file instead of the generated one")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sbdesk-bench-") as tmp:
        tmpd = Path(tmp)
        if args.file:
            plan = Path(args.file)
        else:
            from bench.generate import make_large_plan

            plan = tmpd / "large.sbplan"
            make_large_plan(plan, districts=args.districts).close()
        from sbdesk.services.reader import PlanReader

        n_projects = len(PlanReader(plan).codes())
        print(f"plan: {plan.name}, {n_projects:,} projects")

        seconds, paths = export(plan, tmpd / "out")
        shape = shape_of(paths)
        cells = sum(sum(x) for x in shape)
        sheets = sum(len(x) for x in shape)
        bare = bare_write(shape, tmpd / "bare")
        print(
            f"  baseline: bare openpyxl writing {len(shape)} workbooks, {sheets:,} sheets, "
            f"{cells:,} cells: {fmt(bare)}"
        )
        print(
            f"  dept-workbooks, {len(paths)} workbooks: {fmt(seconds)} = "
            f"{seconds[0] / bare[0]:.2f}x the baseline (CPU {seconds[1] / bare[1]:.2f}x); "
            "target ≤ 10 s"
        )
        largest = max(zip(shape, paths, strict=True), key=lambda x: len(x[0]))[1]
        made = edit(largest, args.edits)
        base_read = bare_read([largest])
        seconds, entries, _ = dry_run(plan, [largest])
        print(f"  baseline: bare openpyxl reading '{largest.name}' (read-only): {fmt(base_read)}")
        print(
            f"  import dry run of it, {made} cells edited → {entries} changes: {fmt(seconds)} = "
            f"{seconds[0] / base_read[0]:.2f}x the baseline (CPU {seconds[1] / base_read[1]:.2f}x); "
            "target ≤ 3 s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

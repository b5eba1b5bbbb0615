"""Hostile JSON files (hypothesis, ``bench/fuzz_json.py``): no traceback, no plan file changed.

The bench runs 10,000 files (``python bench/fuzz_json.py``); this test runs
``SBDESK_FUZZ_N`` of them (default 400) and prints the counts.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

FUZZ = Path(__file__).resolve().parents[2] / "bench" / "fuzz_json.py"


def test_hostile_json_files_never_give_a_traceback(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_fuzz_json", FUZZ)
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    n = int(os.environ.get("SBDESK_FUZZ_N", "400"))
    counts = fuzz.run(n, seed=13)
    examples = counts.pop("examples")
    print(f"JSON fuzz: {counts}")
    assert counts["files"] >= n
    assert counts["tracebacks"] == 0, "\n".join(examples)
    assert counts["plan_files_changed"] == 0
    assert counts["files_left_by_refusals"] == 0
    assert counts["refused"] > n // 2 and counts["imported"] > 0  # both paths really ran

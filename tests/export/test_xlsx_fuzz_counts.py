"""The hostile-workbook run of ``bench/fuzz_workbooks.py``, small: 0 tracebacks, 0 changed plans.

The bench runs 10,000 examples (``python bench/fuzz_workbooks.py``); CI runs a few
dozen of the same generator (``SBDESK_FUZZ_WORKBOOKS`` to change) and prints the counts.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "fuzz_workbooks.py"
EXAMPLES = int(os.environ.get("SBDESK_FUZZ_WORKBOOKS", "40"))


def load():
    spec = importlib.util.spec_from_file_location("bench_fuzz_workbooks", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_hostile_workbooks_end_in_messages_and_leave_the_plan_alone(tmp_path, capsys):
    fuzz = load()
    counter = fuzz.run(EXAMPLES, seed=7, work=tmp_path)
    with capsys.disabled():
        print("\n" + counter.report())
    n = counter.n
    assert n["examples"] >= EXAMPLES
    assert n["tracebacks"] == 0, counter.tracebacks
    assert n["refused changed plan"] == 0, counter.tracebacks
    assert n["second import not empty"] == 0, counter.tracebacks
    assert n["message not Korean"] == 0
    assert n["refused"] > 0 and n["applied"] + n["nothing to do"] > 0  # both paths ran


def test_the_xml_editor_types_values_like_openpyxl(tmp_path):
    """The bench writes typed values into the sheet XML; openpyxl must read them back."""
    from openpyxl import load_workbook

    fuzz = load()
    base = fuzz.Base(tmp_path)
    path = tmp_path / "typed.xlsx"
    values = {"D5": "새 이름 <&>", "H32": 1317, "M3": "양식 밖", "L200": 2.5, "J5": True}
    fuzz.xml_set_cells(base, path, values)
    ws = load_workbook(path)[fuzz.CODE]
    assert {k: ws[k].value for k in values} == values

"""Hypothesis fuzzing of the workbook import: whatever comes back, the result is a clear Korean
message (InterchangeError) or a valid diff, and a failed import leaves the plan file byte-identical."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sbdesk.export.xlsx import common as xc
from sbdesk.export.xlsx.results_tables import export_tables
from sbdesk.importers.budget_list import read_budget_list
from sbdesk.importers.workbook import apply_import, read_workbooks
from sbdesk.services.errors import InterchangeError
from sbdesk.services.store import PlanStore

try:
    from .xlsx_fixtures import CODE, export_one, file_hash, stamp_of
except ImportError:  # tests/export is not a package
    from xlsx_fixtures import CODE, export_one, file_hash, stamp_of

HANGUL = re.compile(r"[가-힣]")
#: Modest by default (2-core CI); SBDESK_FUZZ_EXAMPLES=500 for a long run.
EXAMPLES = int(os.environ.get("SBDESK_FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def base(tmp_path_factory, _demo_master):
    """The demo plan bytes, a department workbook and a tables workbook exported from it."""
    d = tmp_path_factory.mktemp("fuzz-base")
    plan = d / "d.sbplan"
    shutil.copyfile(_demo_master, plan)
    store = PlanStore(plan, read_only=True)
    try:
        book = export_one(store, d / "out")
        tables = export_tables(store, 2023, d / "tables.xlsx")
    finally:
        store.close()
    # only the budget list (and the stamp): the other tables' merges make openpyxl slow to load
    wb = load_workbook(tables)
    for name in wb.sheetnames:
        if name not in ("첨부2 예산목록", xc.STAMP_SHEET):
            del wb[name]
    wb.save(tables)
    cells = [(c[0], c[1], c[2]) for r in stamp_of(book)["sheets"] for c in r["cells"]]
    return Base(plan=plan.read_bytes(), book=book, tables=tables, cells=cells)


class Base(dict):
    """The module's material; a short repr keeps hypothesis' failure reports readable."""

    def __init__(self, **kw):
        super().__init__(**kw)

    def __repr__(self) -> str:
        return "<fuzz base>"


class Case:
    """A fresh copy of the plan and of the workbook for one example."""

    def __init__(self, base):
        self.dir = Path(tempfile.mkdtemp(prefix="sbdesk-fuzz-"))
        self.plan = self.dir / "p.sbplan"
        self.plan.write_bytes(base["plan"])
        self.book = self.dir / base["book"].name
        shutil.copyfile(base["book"], self.book)
        self.tables = self.dir / "tables.xlsx"
        shutil.copyfile(base["tables"], self.tables)

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def check_message(exc: InterchangeError) -> None:
    text = str(exc)
    assert HANGUL.search(text), text
    assert "Traceback" not in text


def attempt(case: Case, path: Path, *, apply: bool = True, reader=None) -> None:
    """Read (and apply when clean) ``path`` into the case's plan, checking the invariants."""
    store = PlanStore(case.plan)
    try:
        before = file_hash(case.plan)
        try:
            plan = (reader or (lambda s, p: read_workbooks(s, [p])))(store, path)
        except InterchangeError as exc:
            check_message(exc)
            assert file_hash(case.plan) == before
            return
        assert file_hash(case.plan) == before  # reading never writes
        for err in plan.errors:  # Korean, naming the cell (sheet!cell) or the sheet
            assert HANGUL.search(err) and ("!" in err or "시트" in err), err
        if plan.errors:
            with pytest.raises(InterchangeError):
                apply_import(store, plan)
            assert file_hash(case.plan) == before
            return
        if not apply:
            return
        apply_import(store, plan)
        # a second import of the same workbook finds nothing left to do and writes nothing
        after = file_hash(case.plan)
        again = (reader or (lambda s, p: read_workbooks(s, [p])))(store, path)
        assert again.errors == [] and again.entries == [], [e.describe() for e in again.entries]
        assert apply_import(store, again).empty
        assert file_hash(case.plan) == after
    finally:
        store.close()


CELL_VALUES = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    st.integers(min_value=-(10**6), max_value=10**9),
    st.floats(min_value=-1e6, max_value=1e9, allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2040, 1, 1)),
    st.sampled_from(
        [
            "1,300명",
            "85 %",
            "1,317",
            "-",
            "만족 이상",
            "１３００",
            " O ",
            "×",
            "x",
            "달성",
            "미달성",
            "일부반영",
            "반영",
            "국비",
            "시·도비",
            "구비",
            "기타",
            "하향",
            "제출",
            "=SUM(A1:A3)",
            "#DIV/0!",
            "  ",
            "\n",
            "189.5 백만원",
            "0.8",
            "3,810 (건)",
            "1개소 (2025년)",
            "①시·도비",
            "Ⅱ-1-1-1",
        ]
    ),
)


@FUZZ
@given(data=st.data())
def test_random_values_in_input_cells(base, data):
    case = Case(base)
    try:
        cells = base["cells"]
        picks = data.draw(st.lists(st.sampled_from(cells), min_size=1, max_size=8, unique=True))
        wb = load_workbook(case.book)
        ws = wb[CODE]
        for ref, _key, _kind in picks:
            ws[ref] = data.draw(CELL_VALUES)
        wb.save(case.book)
        attempt(case, case.book)
    finally:
        case.close()


def _resign(path: Path, mutate) -> None:
    wb = load_workbook(path)
    ws = wb[xc.STAMP_SHEET]
    text = "".join(c.value for c in ws["A"] if c.value)
    data = json.loads(text)
    data = mutate(data)
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for c in ws["A"]:
        c.value = None
    for i in range(0, len(out), 30000):
        ws.cell(row=i // 30000 + 1, column=1, value=out[i : i + 30000])
    ws["B1"] = hashlib.sha256(out.encode()).hexdigest()
    wb.save(path)


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.text(max_size=12)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)

DAMAGE = st.sampled_from(
    [
        "delete_sheet",
        "delete_stamp",
        "truncate",
        "flip_bytes",
        "random_bytes",
        "rename_sheet",
        "insert_rows",
        "insert_cols",
        "stamp_wrong_type",
        "stamp_mutate",
        "other_plan",
        "other_year",
        "merge_over_inputs",
        "unhide_and_edit_stamp",
    ]
)


@FUZZ
@given(kind=DAMAGE, data=st.data())
def test_broken_and_hostile_workbooks(base, kind, data):
    case = Case(base)
    try:
        p = case.book
        raw = p.read_bytes()
        if kind == "truncate":
            p.write_bytes(raw[: data.draw(st.integers(0, len(raw) - 1))])
        elif kind == "flip_bytes":
            b = bytearray(raw)
            for _ in range(data.draw(st.integers(1, 20))):
                i = data.draw(st.integers(0, len(b) - 1))
                b[i] = data.draw(st.integers(0, 255))
            p.write_bytes(bytes(b))
        elif kind == "random_bytes":
            p.write_bytes(data.draw(st.binary(min_size=0, max_size=2000)))
        elif kind in ("stamp_mutate", "other_plan", "other_year"):

            def mutate(d):
                if kind == "other_plan":
                    d["plan"]["municipality"] = data.draw(st.sampled_from(["마포구", "", "광진"]))
                    return d
                if kind == "other_year":
                    d["year"] = data.draw(st.sampled_from([2022, 2024, 2031, "2023", None]))
                    return d
                paths = list(_paths(d))[1:]
                path = data.draw(st.sampled_from(paths))
                target = d
                for k in path[:-1]:
                    target = target[k]
                target[path[-1]] = data.draw(JSON_VALUES)
                return d

            _resign(p, mutate)
        else:
            wb = load_workbook(p)
            if kind == "delete_sheet":
                del wb[data.draw(st.sampled_from(wb.sheetnames))]
            elif kind == "delete_stamp":
                del wb[xc.STAMP_SHEET]
            elif kind == "rename_sheet":
                wb[CODE].title = data.draw(st.sampled_from(["I-2-4", "사업", "I-2-3 (2)"]))
            elif kind == "insert_rows":
                wb[CODE].insert_rows(data.draw(st.integers(1, 60)), data.draw(st.integers(1, 3)))
            elif kind == "insert_cols":
                wb[CODE].insert_cols(data.draw(st.integers(1, 10)), 1)
            elif kind == "stamp_wrong_type":
                wb[xc.STAMP_SHEET]["A1"] = data.draw(
                    st.one_of(st.integers(), st.floats(allow_nan=False), st.none())
                )
            elif kind == "merge_over_inputs":
                ws = wb[CODE]
                ws.protection.sheet = False
                refs = [c[0] for c in base["cells"]]
                ref = data.draw(st.sampled_from(refs))
                col = ws[ref].column
                row = ws[ref].row
                start = max(1, col - data.draw(st.integers(0, 2)))
                for rng in list(ws.merged_cells.ranges):
                    if rng.min_row <= row <= rng.max_row:
                        ws.unmerge_cells(str(rng))
                ws.merge_cells(
                    start_row=row, start_column=start, end_row=row, end_column=min(10, col + 1)
                )
            elif kind == "unhide_and_edit_stamp":
                ws = wb[xc.STAMP_SHEET]
                ws.sheet_state = "visible"
                ws["A1"] = (ws["A1"].value or "")[:-1] + "x"
            wb.save(p)
        attempt(case, p)
    finally:
        case.close()


@settings(max_examples=max(10, EXAMPLES // 2), deadline=None)
@given(data=st.data())
def test_random_values_in_the_budget_list(base, data):
    case = Case(base)
    try:
        wb = load_workbook(case.tables)
        ws = wb["첨부2 예산목록"]
        for _ in range(data.draw(st.integers(1, 6))):
            r = data.draw(st.integers(6, 40))
            c = data.draw(st.integers(1, 11))
            ws.cell(row=r, column=c).value = data.draw(CELL_VALUES)
        wb.save(case.tables)
        attempt(case, case.tables, reader=lambda s, p: read_budget_list(s, 2023, p))
    finally:
        case.close()


def test_a_non_xlsx_file_and_a_workbook_of_another_plan(base, tmp_path):
    case = Case(base)
    try:
        for content in (b"%PDF-1.4 not a workbook", "사업명\t예산\n".encode("utf-16")):
            p = case.dir / "x.xlsx"
            p.write_bytes(content)
            attempt(case, p)
        # another plan: the demo with a different term
        other = case.dir / "other.sbplan"
        other.write_bytes(base["plan"])
        s = PlanStore(other)
        from sbdesk.models import Plan

        s.set_field(Plan, s.plan().id, "term", 6)
        book = export_one(s, case.dir / "o")
        s.close()
        store = PlanStore(case.plan)
        h = file_hash(case.plan)
        with pytest.raises(InterchangeError, match="다른 계획"):
            read_workbooks(store, [book])
        store.close()
        assert file_hash(case.plan) == h
    finally:
        case.close()

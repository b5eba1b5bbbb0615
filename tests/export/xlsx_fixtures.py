"""Helpers of the Excel exchange tests (imported by tests/export/test_xlsx_*.py; not a conftest)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from openpyxl import load_workbook

from sbdesk.export.xlsx import common as xc
from sbdesk.export.xlsx.dept_workbook import export_department_workbooks

TABLES = [
    "project",
    "card",
    "deliverystep",
    "budgetline",
    "indicator",
    "partner",
    "evaluation",
    "budgetlistitem",
    "yeartext",
    "changeentry",
    "strategy",
    "task",
]


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def snapshot(path: Path) -> dict[tuple[str, int, str], object]:
    """Every value of the plan's tables, keyed (table, id, column), read straight from SQLite."""
    con = sqlite3.connect(f"file:{Path(path).resolve().as_posix()}?mode=ro", uri=True)
    try:
        out = {}
        for t in TABLES:
            cur = con.execute(f"SELECT * FROM {t}")
            cols = [d[0] for d in cur.description]
            for row in cur.fetchall():
                rec = dict(zip(cols, row, strict=True))
                for c, v in rec.items():
                    out[(t, rec["id"], c)] = v
        return out
    finally:
        con.close()


def changed_keys(before: dict, after: dict) -> set[tuple[str, int, str]]:
    return {k for k in set(before) | set(after) if before.get(k) != after.get(k)}


#: A department with one card (I-2-3): small workbooks keep openpyxl (and the tests) fast.
DEPT, CODE = "건강관리과", "I-2-3"


def export_one(store, out_dir: Path, department: str = DEPT, year: int = 2023) -> Path:
    (path,) = export_department_workbooks(store, year, out_dir, department=department)
    return path


def stamp_of(path: Path) -> dict:
    return xc.read_stamp(xc.read_book(path), path.name)


def cell_of(path: Path, sheet: str, key: str) -> str:
    """The input cell (coordinate) of a field, found the way the import finds it: via the stamp."""
    for rec in stamp_of(path)["sheets"]:
        if rec["sheet"] == sheet:
            for ref, k, _kind, _h in rec["cells"]:
                if k == key:
                    return ref
    raise KeyError((sheet, key))


def find_label(ws, text: str) -> tuple[int, int]:
    """(row, column) of the first cell whose value is ``text`` (a person reading the labels)."""
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c.row, c.column
    raise KeyError(text)


def edit(path: Path, changes: dict[tuple[str, str], object]) -> None:
    """Type values into cells {(sheet, coordinate): value} and save, like a person in Excel."""
    wb = load_workbook(path)
    for (sheet, ref), value in changes.items():
        wb[sheet][ref] = value
    wb.save(path)

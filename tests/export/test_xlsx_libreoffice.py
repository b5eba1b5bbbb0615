"""Department workbooks filled in, then re-saved by LibreOffice Calc (as offices using it do).

LibreOffice rewrites the whole file: numbers, merges, hidden columns, text cells. The
import must read its files exactly like Excel's: the typed values, the inserted rows, the
values typed beside an unmerged input, and nothing else.
"""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sbdesk import models as m
from sbdesk.importers.workbook import apply_import, read_workbooks
from sbdesk.services.store import PlanStore

try:
    from .test_xlsx_returns import NEW_INDICATOR, insert_indicator_row, insert_rows_like_excel
    from .xlsx_fixtures import CODE, cell_of, export_one, stamp_of
except ImportError:  # tests/export is not a package
    from test_xlsx_returns import NEW_INDICATOR, insert_indicator_row, insert_rows_like_excel
    from xlsx_fixtures import CODE, cell_of, export_one, stamp_of

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice Calc (soffice) is not installed (CI installs it)"
)


def resave(path: Path, tmp: Path) -> Path:
    """Open ``path`` in LibreOffice Calc (headless) and save it as .xlsx again, in place."""
    out = tmp / "lo-out"
    out.mkdir(exist_ok=True)
    profile = (tmp / "lo-profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    saved = out / path.name
    assert saved.is_file() and saved.read_bytes() != path.read_bytes()
    shutil.copyfile(saved, path)
    return path


@pytest.fixture
def store(demo_path):
    s = PlanStore(demo_path)
    yield s
    s.close()


def test_a_libreoffice_resaved_return_reads_as_typed(store, tmp_path):
    pv = store.year_view(2023).project(CODE)
    card, ind, line = pv.card, pv.indicators[0].row, pv.budget_lines[0]
    n_partners = len(pv.partners)
    book = export_one(store, tmp_path / "out")
    rec = next(r for r in stamp_of(book)["sheets"] if r["sheet"] == CODE)
    block = next(b for b in rec["blocks"] if b["model"] == "Partner")
    refs = {
        "actual": cell_of(book, CODE, f"Indicator:{ind.id}:actual"),
        "executed": cell_of(book, CODE, f"BudgetLine:{line.id}:executed_amount"),
        "officer": cell_of(book, CODE, f"Card:{card.id}:officer"),
    }
    wb = load_workbook(book)
    ws = wb[CODE]
    ws[refs["actual"]] = "'1,300명"  # the apostrophe LibreOffice keeps
    ws[refs["executed"]] = 12.5
    ws.unmerge_cells(f"{refs['officer']}:H7")
    ws["H7"] = "옆 칸에 쓴 값"
    at = block["first"] + 1
    insert_rows_like_excel(ws, at, 1)
    ws.cell(row=at, column=2, value="광진구 자원봉사센터")
    ws.cell(row=at, column=4, value="봉사자 연계")
    wb.save(book)
    resave(book, tmp_path)

    plan = read_workbooks(store, [book])
    assert plan.all_errors == [], plan.all_errors
    got = {(e.model, e.field): e.new for e in plan.entries}
    assert got[("Indicator", "actual")] == "1,300명"
    assert got[("BudgetLine", "executed_amount")] == Decimal("12.5")
    assert got[("Partner", "agency")] == "광진구 자원봉사센터"
    assert got[("Partner", "role")] == "봉사자 연계"
    assert len(plan.entries) == 4, [e.describe() for e in plan.entries]
    assert len(plan.unread) == 1 and f"{CODE}!H" in plan.unread[0], plan.unread
    apply_import(store, plan)
    assert store.get(m.Indicator, ind.id).actual == "1,300명"
    assert len(store.year_view(2023).project(CODE).partners) == n_partners + 1
    # the same LibreOffice file again: nothing left to do
    assert read_workbooks(store, [book]).entries == []


def test_an_untouched_libreoffice_resave_changes_nothing(store, tmp_path):
    book = resave(export_one(store, tmp_path / "out"), tmp_path)
    plan = read_workbooks(store, [book])
    assert plan.entries == [] and plan.all_errors == [] and plan.unread == []


def test_an_indicator_row_inserted_then_resaved_by_libreoffice_is_a_new_indicator(store, tmp_path):
    cid = store.year_view(2023).project(CODE).card.id
    before = [r.id for r in store.list(m.Indicator, card_id=cid)]
    book = export_one(store, tmp_path / "out")
    at = insert_indicator_row(book, {**NEW_INDICATOR, 6: "하향"}, after_blocks=len(before) + 1)
    resave(book, tmp_path)
    plan = read_workbooks(store, [book])
    assert plan.all_errors == [] and plan.unread == [], (plan.all_errors, plan.unread)
    got = {e.field: e.new for e in plan.entries}
    assert got == {
        "name": "긴급돌봄 연계 건수",
        "plan_target": "100건",
        "unit": "건",
        "annual_target": "120건",
        "actual": "131건",
    }
    assert all(f"!{e.source.rsplit('!', 1)[1][0]}{at}" in e.source for e in plan.entries)
    result = apply_import(store, plan)
    new = store.list(m.Indicator, card_id=cid)[-1]
    assert new.id not in before
    assert (new.name, new.unit, new.annual_target, new.actual, new.direction) == (
        "긴급돌봄 연계 건수", "건", "120건", "131건", "lower",
    )  # fmt: skip
    assert read_workbooks(store, [book]).entries == []
    store.revert_batch(result)
    assert [r.id for r in store.list(m.Indicator, card_id=cid)] == before

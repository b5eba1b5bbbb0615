"""Department workbook returns as real offices send them (issue 13, items 9-15)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sbdesk import models as m
from sbdesk.importers.workbook import apply_import, read_workbooks
from sbdesk.services.store import PlanStore

try:
    from .xlsx_fixtures import cell_of, edit, export_one, file_hash, stamp_of
except ImportError:  # tests/export is not a package
    from xlsx_fixtures import cell_of, edit, export_one, file_hash, stamp_of


@pytest.fixture
def store(demo_path):
    s = PlanStore(demo_path)
    yield s
    s.close()


def _last_project(store):
    """The project with the highest id: SQLite gives that id to the next project added."""
    view = store.year_view(2023)
    return max(
        (pv for pv in view.all_projects() if pv.card is not None), key=lambda pv: pv.project.id
    )


def test_item9_old_workbook_never_lands_in_a_project_added_later(store, tmp_path):
    pv = _last_project(store)
    dept, code, pid, cid = pv.card.department, pv.code, pv.project.id, pv.card.id
    strategy = pv.project.strategy_id
    book = export_one(store, tmp_path / "out", department=dept)
    name_cell = cell_of(book, code, f"Project:{pid}:name")
    dept_cell = cell_of(book, code, f"Card:{cid}:officer")
    edit(book, {(code, name_cell): "옛 사업의 새 이름", (code, dept_cell): "옛 담당자"})
    # the project is deleted and another added: it gets the SAME ids (the bug's precondition)
    store.remove_project(pid)
    new_pid = store.add_project(strategy, "새로 만든 사업", 2023)
    new_card = store.card(new_pid, 2023)
    assert (new_pid, new_card.id) == (pid, cid)
    before = file_hash(store.path)
    plan = read_workbooks(store, [book])
    assert plan.entries == [] and plan.errors == []
    assert any(code in n and "건너뜁니다" in n for n in plan.notes), plan.notes
    assert plan.skipped == [f"{book.name}!{code}"]
    assert apply_import(store, plan).empty
    assert file_hash(store.path) == before
    assert store.get(m.Project, new_pid).name == "새로 만든 사업"


def test_item9_a_row_deleted_and_its_id_reused_in_the_same_card(store, tmp_path):
    last = max(store.list(m.Partner), key=lambda r: r.id)  # its id goes to the next partner
    cid = last.card_id
    card = store.get(m.Card, cid)
    pv = store.year_view(card.year).project(store.codes()[card.project_id])
    code = pv.code
    book = export_one(store, tmp_path / "out", department=pv.card.department)
    ref = cell_of(book, code, f"Partner:{last.id}:agency")
    edit(book, {(code, ref): "고친 기관"})
    store.delete_row(m.Partner, last.id)
    new_id = store.add_row(m.Partner, {"card_id": cid, "agency": "새 기관"})
    assert new_id == last.id  # same id, another row
    plan = read_workbooks(store, [book])
    assert [e for e in plan.entries if e.model == "Partner"] == []
    assert any("삭제되어" in n for n in plan.notes), plan.notes
    assert store.get(m.Partner, new_id).agency == "새 기관"


def test_item9_stamp_carries_the_uid_of_every_row_it_names(store, tmp_path):
    pv = _last_project(store)
    book = export_one(store, tmp_path / "out", department=pv.card.department)
    rec = next(r for r in stamp_of(book)["sheets"] if r["sheet"] == pv.code)
    assert rec["uids"][f"Project:{pv.project.id}"] == pv.project.uid
    named = {k.rsplit(":", 1)[0] for _ref, k, _kind, _h in rec["cells"] if not k.startswith("+")}
    assert named <= set(rec["uids"]) and all(len(u) == 32 for u in rec["uids"].values())
    assert Decimal  # (keeps the import used by the later tests of this module)

"""A 6th-term department workbook: the six classification codes go out and come back; no 국비 row."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from sbdesk import models as m
from sbdesk.export.xlsx.dept_workbook import export_department_workbooks
from sbdesk.importers.workbook import apply_import, read_workbooks
from sbdesk.services.new_term import new_term
from sbdesk.services.store import PlanStore

try:
    from .xlsx_fixtures import cell_of, edit
except ImportError:  # tests/export is not a package
    from xlsx_fixtures import cell_of, edit


@pytest.fixture
def d6(demo_path, tmp_path):
    path = tmp_path / "d6.sbplan"
    new_term(demo_path, path, term=6)
    s = PlanStore(path)
    yield s
    s.close()


def test_codes_round_trip_and_no_national_row(d6, tmp_path):
    p = d6.project_by_code("I-1-1")
    card = d6.card(p.id, 2027)
    (book,) = export_department_workbooks(d6, 2027, tmp_path / "out", department=card.department)
    sheet = next(ws.title for ws in load_workbook(book) if ws.title.startswith("I-1-1"))
    target = cell_of(book, sheet, f"Project:{p.id}:cls_target")
    household = cell_of(book, sheet, f"Project:{p.id}:cls_household")
    life = cell_of(book, sheet, f"Project:{p.id}:cls_life")
    ws = load_workbook(book)[sheet]
    labels = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert "가구유형" in labels and not any(x.startswith("재원 국비") for x in labels)
    assert not any("국비" == x for x in labels)
    # people type the code the way they read it in the legend
    edit(book, {(sheet, target): "② 개인 및 가구", (sheet, household): "12", (sheet, life): "⑦"})
    plan = read_workbooks(d6, [book])
    assert plan.errors == []
    got = {(e.model, e.field): e.new for e in plan.entries}
    assert got == {("Project", "cls_target"): 2, ("Project", "cls_household"): 12,
                   ("Project", "cls_life"): 7}  # fmt: skip
    apply_import(d6, plan)
    q = d6.get(m.Project, p.id)
    assert (q.cls_target, q.cls_household, q.cls_life) == (2, 12, 7)


def test_a_word_is_not_a_code(d6, tmp_path):
    p = d6.project_by_code("I-1-1")
    card = d6.card(p.id, 2027)
    (book,) = export_department_workbooks(d6, 2027, tmp_path / "out", department=card.department)
    sheet = next(ws.title for ws in load_workbook(book) if ws.title.startswith("I-1-1"))
    ref = cell_of(book, sheet, f"Project:{p.id}:cls_form")
    edit(book, {(sheet, ref): "서비스"})
    plan = read_workbooks(d6, [book])
    assert any(ref in e and "코드 번호가 아닙니다" in e for e in map(str, plan.all_errors))
    assert apply_import(d6, plan).changed == []
    assert d6.get(m.Project, p.id).cls_form is None


def _two_sheet_book(d6, tmp_path):
    """A department workbook with at least two card sheets (two projects of one department)."""
    view = d6.year_view(2027)
    depts: dict[str, list] = {}
    for pv in view.all_projects():
        if pv.card is not None:
            depts.setdefault(pv.card.department, []).append(pv)
    dept = next(d for d, pvs in depts.items() if len(pvs) >= 2)
    (book,) = export_department_workbooks(d6, 2027, tmp_path / "out", department=dept)
    return book, depts[dept][:2]


@pytest.mark.parametrize(
    ("field", "typed", "allowed"),
    [("cls_target", "⑨", "①~④"), ("cls_target", "7", "①~④"), ("cls_domain", "14", "①~⑬")],
)
def test_out_of_range_code_is_refused_and_blocks_only_its_sheet(
    d6, tmp_path, field, typed, allowed
):
    book, (pv1, pv2) = _two_sheet_book(d6, tmp_path)
    names = [ws.title for ws in load_workbook(book)]
    s1 = next(n for n in names if n.startswith(pv1.code))
    s2 = next(n for n in names if n.startswith(pv2.code))
    bad = cell_of(book, s1, f"Project:{pv1.project.id}:{field}")
    good = cell_of(book, s2, f"Project:{pv2.project.id}:cls_target")
    edit(book, {(s1, bad): typed, (s2, good): "③"})
    plan = read_workbooks(d6, [book])
    errors = [e for errs in plan.blocked.values() for e in errs]
    assert len(errors) == 1
    assert f"{s1}!{bad}" in errors[0] and allowed in errors[0] and "코드는 없습니다" in errors[0]
    # only the good sheet's change is offered; the bad sheet's project is not touched
    assert [(e.row_id, e.field, e.new) for e in plan.entries] == [(pv2.project.id, "cls_target", 3)]
    apply_import(d6, plan)
    assert d6.get(m.Project, pv2.project.id).cls_target == 3
    assert getattr(d6.get(m.Project, pv1.project.id), field) is None

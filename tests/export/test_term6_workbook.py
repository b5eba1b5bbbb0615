"""A 6th-term department workbook: the six classification codes go out and come back; no 국비 row."""

from __future__ import annotations

import shutil
from decimal import Decimal as D

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

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def _d6_master(tmp_path_factory, _demo_master):
    path = tmp_path_factory.mktemp("d6wb") / "d6.sbplan"
    new_term(_demo_master, path, term=6)
    return path


@pytest.fixture
def d6(_d6_master, tmp_path):
    path = tmp_path / "d6.sbplan"
    shutil.copyfile(_d6_master, path)
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


# ---------------------------------------------------------------- the 4-year section
def t6_cell(path, sheet: str, key: str) -> str:
    """The coordinate of a 6th-term section cell, found through the stamp like the import."""
    from xlsx_fixtures import stamp_of

    for rec in stamp_of(path)["sheets"]:
        if rec["sheet"] == sheet:
            for ref, k, _kind, _h in rec["term6"]:
                if k == key:
                    return ref
    raise KeyError((sheet, key))


def _i11_book(d6, tmp_path):
    p = d6.project_by_code("I-1-1")
    card = d6.card(p.id, 2027)
    (book,) = export_department_workbooks(d6, 2027, tmp_path / "out", department=card.department)
    sheet = next(ws.title for ws in load_workbook(book) if ws.title.startswith("I-1-1"))
    return p, book, sheet


def test_section_shows_the_plan_values(d6, tmp_path):
    p = d6.project_by_code("I-1-1")
    d6.set_fields(m.Project, p.id, {"new_in_term": True, "basic_plan_areas": [1, 3],
                                     "subsidy_exception": "공모"})  # fmt: skip
    d6.set_term_budget(p.id, 2026, "district", "/")
    d6.set_term_budget(p.id, 2027, "district", "0")
    _p, book, sheet = _i11_book(d6, tmp_path)
    ws = load_workbook(book)[sheet]
    get = lambda key: ws[t6_cell(book, sheet, key)].value  # noqa: E731
    assert get(f"Project:{p.id}:new_in_term") == "○"
    assert get(f"Project:{p.id}:basic_plan_areas") == "① ③"
    assert get(f"Project:{p.id}:subsidy_exception") == "공모"
    assert get("BasicBudget:2026:district") == "/"
    assert get("BasicBudget:2027:district") == 0  # 비예산: a real 0, not blank
    assert get("BasicBudget:2028:district") is None
    labels = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert "①시·도비" in labels and "2026년" in labels and not any("국비" == x for x in labels)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice Calc (soffice) is not installed")
def test_section_round_trip_through_libreoffice(d6, tmp_path):
    from test_xlsx_libreoffice import resave

    p, book, sheet = _i11_book(d6, tmp_path)
    bi = d6.list(m.BasicIndicator, project_id=p.id)[0]
    before_2030 = (bi.targets or {}).get("2030")
    wb = load_workbook(book)
    ws = wb[sheet]
    typed = {
        f"Project:{p.id}:new_in_term": "○",
        f"Project:{p.id}:subsidy_exception": "지역선택",
        f"Project:{p.id}:basic_plan_areas": "1, ③",
        f"Project:{p.id}:basic_plan_link": "약자 복지 강화와 연계",
        "BasicBudget:2026:province": "/",
        "BasicBudget:2027:district": 12.5,
        "BasicBudget:2028:other": "0",
        f"BasicIndicator:{bi.id}:target:2026": "/",
        f"BasicIndicator:{bi.id}:target:2027": "120",
        f"BasicIndicator:{bi.id}:target:2028": "0",
        f"BasicIndicator:{bi.id}:definition": "지원 가구 수 누계",
        f"BasicIndicator:{bi.id}:data_source": "행정자료",
    }
    for key, value in typed.items():
        ws[t6_cell(book, sheet, key)] = value
    wb.save(book)
    resave(book, tmp_path)
    plan = read_workbooks(d6, [book])
    assert plan.all_errors == [] and plan.unread == []
    apply_import(d6, plan)
    q = d6.get(m.Project, p.id)
    assert (q.new_in_term, q.subsidy_exception, q.basic_plan_areas) == (True, "지역선택", [1, 3])
    assert q.basic_plan_link == "약자 복지 강화와 연계"
    rows = {(b.year, b.source): (b.amount, b.mark) for b in d6.list(m.BasicBudget, project_id=p.id)}
    assert rows[(2026, "province")] == (None, "/")
    assert rows[(2027, "district")] == (D("12.5"), "")
    assert rows[(2028, "other")] == (D("0"), "")  # "0" is 비예산, its own value
    got = d6.get(m.BasicIndicator, bi.id)
    assert {y: got.targets.get(y) for y in ("2026", "2027", "2028")} == {
        "2026": "/", "2027": "120", "2028": "0"}  # fmt: skip
    assert got.targets.get("2030") == before_2030  # untouched years kept
    assert (got.definition, got.data_source) == ("지원 가구 수 누계", "행정자료")
    # the same file again: nothing left to change
    again = read_workbooks(d6, [book])
    assert again.entries == [] and again.all_errors == []


@pytest.mark.parametrize(
    ("key", "typed", "words"),
    [
        ("areas", "④", ["①~③"]),
        ("new", "예스", ["○/×"]),
        ("subsidy", "국비", ["공모", "지역선택"]),
        ("budget", "약 30", ["0(비예산)", "/"]),
    ],
)
def test_section_refuses_bad_values_naming_the_cell(d6, tmp_path, key, typed, words):
    p, book, sheet = _i11_book(d6, tmp_path)
    full = {
        "areas": f"Project:{p.id}:basic_plan_areas",
        "new": f"Project:{p.id}:new_in_term",
        "subsidy": f"Project:{p.id}:subsidy_exception",
        "budget": "BasicBudget:2027:district",
    }[key]
    ref = t6_cell(book, sheet, full)
    edit(book, {(sheet, ref): typed})
    plan = read_workbooks(d6, [book])
    errors = plan.all_errors
    assert len(errors) == 1 and f"{sheet}!{ref}" in errors[0], errors
    assert all(w in errors[0] for w in words), errors[0]
    assert plan.entries == []
    before = d6.get(m.Project, p.id).model_dump()
    apply_import(d6, plan)  # the blocked sheet changes nothing
    assert d6.get(m.Project, p.id).model_dump() == before


def test_spare_indicator_block_adds_a_four_year_indicator(d6, tmp_path):
    p = d6.project_by_code("I-1-1")
    for bi in d6.list(m.BasicIndicator, project_id=p.id):
        d6.delete_row(m.BasicIndicator, bi.id)
    _p, book, sheet = _i11_book(d6, tmp_path)
    edit(book, {(sheet, t6_cell(book, sheet, "BasicIndicator:+1:target:2027")): "50"})
    plan = read_workbooks(d6, [book])
    assert any("성과지표명을 입력하세요" in e for e in plan.all_errors)
    edit(book, {(sheet, t6_cell(book, sheet, "BasicIndicator:+1:name")): "지원 가구 수",
                (sheet, t6_cell(book, sheet, "BasicIndicator:+1:unit")): "가구"})  # fmt: skip
    plan = read_workbooks(d6, [book])
    assert plan.all_errors == []
    result = apply_import(d6, plan)
    (bi,) = d6.list(m.BasicIndicator, project_id=p.id)
    assert (bi.name, bi.unit, bi.targets) == ("지원 가구 수", "가구", {"2027": "50"})
    d6.revert_batch(result)  # undo of the import (one step)
    assert d6.list(m.BasicIndicator, project_id=p.id) == []

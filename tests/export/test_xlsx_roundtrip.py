"""Department workbooks out and back in: the round trip, conflicts, typed values, refusals."""

from __future__ import annotations

import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from sbdesk.export.xlsx import common as xc
from sbdesk.importers.diff_types import format_plan
from sbdesk.importers.workbook import apply_import, read_workbooks
from sbdesk.models import Evaluation, Indicator, Municipality
from sbdesk.services.errors import InterchangeError
from sbdesk.services.store import PlanStore

try:
    from .xlsx_fixtures import (
        CODE,
        cell_of,
        changed_keys,
        edit,
        export_one,
        file_hash,
        snapshot,
        stamp_of,
    )
except ImportError:  # tests/export is not a package
    from xlsx_fixtures import (
        CODE,
        cell_of,
        changed_keys,
        edit,
        export_one,
        file_hash,
        snapshot,
        stamp_of,
    )


@pytest.fixture
def store(demo_path):
    s = PlanStore(demo_path)
    yield s
    s.close()


def ids(store, code=CODE):
    pv = store.year_view(2023).project(code)
    return pv


def test_round_trip_changes_exactly_the_typed_fields(store, tmp_path):
    pv = ids(store)
    ind = pv.indicators[0].row
    line = pv.budget_lines[0]
    card = pv.card
    assert (pv.achievement, pv.execution) == (Decimal("107.5"), Decimal("127.1"))
    book = export_one(store, tmp_path / "out")
    actual = cell_of(book, CODE, f"Indicator:{ind.id}:actual")
    executed = cell_of(book, CODE, f"BudgetLine:{line.id}:executed_amount")
    annual = cell_of(book, CODE, f"BudgetLine:{line.id}:annual_amount")
    team = cell_of(book, CODE, f"Card:{card.id}:team")
    # a person types: "1,300명" into the 실적 cell, the executed amount as text with a thousands
    # separator, the budget as a number, and leaves a trailing space after the team name
    edit(
        book,
        {
            (CODE, actual): "1,300명",
            (CODE, executed): "1,317",
            (CODE, annual): 1500,
            (CODE, team): card.team + "  ",  # unchanged apart from the spaces
        },
    )
    before = snapshot(store.path)
    hash_before = file_hash(store.path)
    plan = read_workbooks(store, [book])
    assert file_hash(store.path) == hash_before  # reading never writes
    assert plan.errors == []
    got = {(e.model, e.row_id, e.field): e.new for e in plan.entries}
    assert got == {
        ("Indicator", ind.id, "actual"): "1,300명",
        ("BudgetLine", line.id, "executed_amount"): Decimal("1317"),
        ("BudgetLine", line.id, "annual_amount"): Decimal("1500"),
    }
    assert not any(e.conflict for e in plan.entries)
    entry = next(e for e in plan.entries if e.field == "actual")
    assert entry.old_text == "1,182명" and entry.project_code == CODE
    assert f"{CODE}!{actual}" in entry.source
    result = apply_import(store, plan)
    assert len(result.changed) == 3 and result.created == []
    after = snapshot(store.path)
    changed = changed_keys(before, after)
    # the import log (what each workbook cell last brought in) is the only other change
    assert {k[0] for k in changed} - {"indicator", "budgetline"} == {"yeartext"}
    assert {k for k in changed if k[0] != "yeartext"} == {
        ("indicator", ind.id, "actual"),
        ("budgetline", line.id, "executed_amount"),
        ("budgetline", line.id, "annual_amount"),
    }
    pv2 = ids(store)
    assert pv2.indicators[0].row.actual == "1,300명"
    assert pv2.achievement == Decimal("118.2")  # 1,300 / 1,100, recomputed by compute
    assert pv2.execution == Decimal("87.8")  # 1,317 / 1,500
    assert (
        store.year_view(2023).system("I").overview.executed
        == Decimal("3987.8") - Decimal("8.9") + 1317
    )
    # the same workbook again: nothing to do, the file is not touched
    hash_applied = file_hash(store.path)
    again = read_workbooks(store, [book])
    assert again.entries == [] and again.errors == []
    assert apply_import(store, again).empty
    assert file_hash(store.path) == hash_applied


def test_added_rows_are_added_once(store, tmp_path):
    pv = ids(store, "I-2-5")
    n_mon = len(pv.monitoring)
    book = export_one(store, tmp_path / "out", department="도시안전과")
    rec = next(r for r in stamp_of(book)["sheets"] if r["sheet"] == "I-2-5")
    groups = {g: info for g, info in rec["groups"].items()}
    mon = next(
        g
        for g, i in groups.items()
        if i["model"] == "Evaluation" and i["fixed"]["kind"] == "monitoring"
    )
    new_ind = next(g for g, i in groups.items() if i["model"] == "Indicator")
    other = next(
        g
        for g, i in groups.items()
        if i["model"] == "BudgetLine"
        and next(c for c in rec["cells"] if c[1] == f"{g}:source")[3] == xc.checksum("other")
    )
    cells = {k: ref for ref, k, _kind, _h in rec["cells"]}
    edit(
        book,
        {
            ("I-2-5", cells[f"{mon}:content"]): "하반기 현장 점검",
            ("I-2-5", cells[f"{mon}:reflected"]): "일부 반영",
            ("I-2-5", cells[f"{new_ind}:name"]): "입주 가구 수",
            ("I-2-5", cells[f"{new_ind}:annual_target"]): "１２가구",
            ("I-2-5", cells[f"{new_ind}:actual"]): "15가구",
            ("I-2-5", cells[f"{other}:source_name"]): "후원금",
            ("I-2-5", cells[f"{other}:executed_amount"]): 0.8,
        },
    )
    plan = read_workbooks(store, [book])
    assert plan.errors == [], plan.errors
    labels = sorted(e.field_label for e in plan.entries)
    assert "성과지표 2 (추가) · 성과지표 명" in labels
    assert "재원 기타 (추가) · 집행 실적(B)" in labels
    apply_import(store, plan)
    pv2 = ids(store, "I-2-5")
    assert len(pv2.monitoring) == n_mon + 1
    added = pv2.monitoring[-1]
    assert (added.content, added.reflected, added.kind) == (
        "하반기 현장 점검",
        "일부 반영",
        "monitoring",
    )
    assert [i.row.name for i in pv2.indicators][-1] == "입주 가구 수"
    assert pv2.indicators[-1].row.annual_target == "12가구"  # full-width digits read as ASCII
    assert pv2.indicators[-1].achievement == Decimal("125.0")
    assert pv2.indicators[-1].row.direction == "higher"
    other_line = [b for b in pv2.budget_lines if b.source == "other"]
    assert [(b.source_name, b.executed_amount) for b in other_line] == [("후원금", Decimal("0.8"))]
    # again: recognised as already added
    h = file_hash(store.path)
    again = read_workbooks(store, [book])
    assert again.entries == [] and again.errors == []
    assert file_hash(store.path) == h
    # the app deletes the added monitoring row: importing again does not resurrect it
    store.delete_row(Evaluation, added.id)
    third = read_workbooks(store, [book])
    assert third.entries == []
    assert any("삭제되어 다시 추가하지 않습니다" in n for n in third.notes)


def test_conflict_when_the_app_changed_the_field_after_export(store, tmp_path):
    pv = ids(store)
    ind = pv.indicators[0].row
    card = pv.card
    book = export_one(store, tmp_path / "out")
    # after the export the secretary changes three fields in the app
    store.set_field(Indicator, ind.id, "actual", "200 (가구)")
    store.set_field(Indicator, ind.id, "rationale", "앱에서 고친 근거")
    store.set_field(Indicator, ind.id, "data_source", "같은 값")
    # the department changes 실적 too (conflict), 자료출처 to the same value (no entry) and the
    # officer (plain change); 산출근거 is untouched in the workbook (the app's value stays)
    edit(
        book,
        {
            (CODE, cell_of(book, CODE, f"Indicator:{ind.id}:actual")): "215 (가구)",
            (CODE, cell_of(book, CODE, f"Indicator:{ind.id}:data_source")): "같은 값",
            (CODE, cell_of(book, CODE, f"Card:{card.id}:officer")): "홍길동",
        },
    )
    plan = read_workbooks(store, [book])
    by_field = {e.field: e for e in plan.entries}
    assert set(by_field) == {"actual", "officer"}
    assert by_field["actual"].conflict is True
    assert by_field["actual"].old == "200 (가구)" and by_field["actual"].new == "215 (가구)"
    assert by_field["officer"].conflict is False
    assert "충돌" in format_plan(plan)
    # accept only the non-conflicting entry
    apply_import(store, plan, [by_field["officer"]])
    assert store.get(Indicator, ind.id).actual == "200 (가구)"
    assert store.card(pv.id, 2023).officer == "홍길동"
    assert store.get(Indicator, ind.id).rationale == "앱에서 고친 근거"


def test_apply_is_all_or_nothing(store, tmp_path):
    pv = ids(store)
    ind = pv.indicators[0].row
    card = pv.card
    book = export_one(store, tmp_path / "out")
    edit(
        book,
        {
            (CODE, cell_of(book, CODE, f"Card:{card.id}:officer")): "홍길동",
            (CODE, cell_of(book, CODE, f"Indicator:{ind.id}:actual")): "300 (가구)",
        },
    )
    plan = read_workbooks(store, [book])
    assert len(plan.entries) == 2
    store.set_field(Indicator, ind.id, "actual", "199 (가구)")  # changed while the dialog was open
    h = file_hash(store.path)
    with pytest.raises(InterchangeError, match="검토하는 동안 계획이 바뀌었습니다"):
        apply_import(store, plan)
    assert file_hash(store.path) == h
    assert store.card(pv.id, 2023).officer != "홍길동"  # the other entry was not written either


def test_undo_of_an_import_restores_everything(store, tmp_path):
    pv = ids(store, "I-2-5")
    book = export_one(store, tmp_path / "out", department="도시안전과")
    rec = next(r for r in stamp_of(book)["sheets"] if r["sheet"] == "I-2-5")
    cells = {k: ref for ref, k, _kind, _h in rec["cells"]}
    partner = next(g for g, i in rec["groups"].items() if i["model"] == "Partner")
    edit(
        book,
        {
            ("I-2-5", cells[f"Card:{pv.card.id}:results"]): "새 주요성과",
            ("I-2-5", cells[f"{partner}:agency"]): "새 협력기관",
        },
    )
    before = snapshot(store.path)
    result = apply_import(store, read_workbooks(store, [book]))
    assert changed_keys(before, snapshot(store.path))
    store.revert_batch(result)
    assert changed_keys(before, snapshot(store.path)) == set()


# --------------------------------------------------------------------------- typed values
@pytest.mark.parametrize(
    ("field", "typed", "stored"),
    [
        ("actual", "85 %", "85 %"),
        ("actual", "-", "-"),
        ("actual", "만족 이상", "만족 이상"),
        ("actual", "１３００명", "1300명"),
        ("actual", 1300, "1,300명"),  # a retyped number keeps the unit of "1,182명"
        ("actual", "  1,182명   ", None),  # only spaces differ: no change
        ("annual_target", 94.6, "94.6명"),
    ],
)
def test_measures_as_people_type_them(store, tmp_path, field, typed, stored):
    ind = ids(store).indicators[0].row
    book = export_one(store, tmp_path / "out")
    edit(book, {(CODE, cell_of(book, CODE, f"Indicator:{ind.id}:{field}")): typed})
    plan = read_workbooks(store, [book])
    assert plan.errors == []
    if stored is None:
        assert plan.entries == []
    else:
        assert [(e.field, e.new) for e in plan.entries] == [(field, stored)]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1,317", Decimal("1317")),
        ("１３１７", Decimal("1317")),
        (" 189.5 ", Decimal("189.5")),
        (0.8, Decimal("0.8")),
        ("-", None),
        ("", None),
        ("3.14백만원", Decimal("3.14")),
    ],
)
def test_amounts_as_people_type_them(store, tmp_path, typed, stored):
    line = ids(store).budget_lines[0]
    book = export_one(store, tmp_path / "out")
    edit(book, {(CODE, cell_of(book, CODE, f"BudgetLine:{line.id}:plan_amount")): typed})
    plan = read_workbooks(store, [book])
    assert plan.errors == []
    assert [(e.field, e.new) for e in plan.entries] == [("plan_amount", stored)]


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("BudgetLine:{line}:executed_amount", "1,300명", "금액(백만원)으로 읽을 수 없습니다"),
        ("BudgetLine:{line}:executed_amount", -5, "음수"),
        ("Project:{pid}:priority", "예아니오", "O/X가 아닙니다"),
        ("Project:{pid}:priority", None, "O 또는 X"),
        ("Indicator:{ind}:judgement", "대충 달성", "판정이 아닙니다"),
        ("BudgetLine:{line}:source", "구청돈", "재원이 아닙니다"),
        ("Project:{pid}:name", "   ", "비워 둘 수 없습니다"),
    ],
)
def test_bad_cells_are_rejected_with_their_reference(store, tmp_path, key, typed, message):
    pv = ids(store)
    key = key.format(line=pv.budget_lines[0].id, pid=pv.id, ind=pv.indicators[0].row.id)
    book = export_one(store, tmp_path / "out")
    ref = cell_of(book, CODE, key)
    edit(book, {(CODE, ref): typed})
    h = file_hash(store.path)
    plan = read_workbooks(store, [book])
    # the error blocks this project's sheet (only), naming the cell
    assert plan.errors == [] and len(plan.all_errors) == 1
    assert f"{CODE}!{ref}" in plan.all_errors[0] and message in plan.all_errors[0]
    assert [CODE in head for head in plan.blocked] == [True] and plan.entries == []
    assert apply_import(store, plan).empty
    assert file_hash(store.path) == h


def test_flags_accept_the_usual_marks(store, tmp_path):
    pv = ids(store)
    book = export_one(store, tmp_path / "out")
    edit(
        book,
        {
            (CODE, cell_of(book, CODE, f"Project:{pv.id}:duplicate")): "○",
            (CODE, cell_of(book, CODE, f"Project:{pv.id}:public_private")): "x",
        },
    )
    plan = read_workbooks(store, [book])
    assert {(e.field, e.new) for e in plan.entries} == {
        ("duplicate", True),
        ("public_private", False),
    }


def test_merged_cells(store, tmp_path):
    pv = ids(store)
    card = pv.card
    book = export_one(store, tmp_path / "out")
    team = cell_of(book, CODE, f"Card:{card.id}:team")  # E7 (merged E7:F7)
    officer = cell_of(book, CODE, f"Card:{card.id}:officer")  # G7 (merged G7:H7)
    wb = load_workbook(book)
    ws = wb[CODE]
    ws.protection.sheet = False
    # someone merges the team cell over the officer's: the officer's value is lost under it
    ws.unmerge_cells(f"{team}:F7")
    ws.unmerge_cells(f"{officer}:H7")
    ws.merge_cells(f"{team}:{officer}")
    wb.save(book)
    plan = read_workbooks(store, [book])
    assert any(f"{CODE}!{officer}" in e and "병합" in e for e in plan.all_errors), plan.all_errors
    # a merge that starts at an input cell is read from it
    book2 = export_one(store, tmp_path / "out2")
    wb = load_workbook(book2)
    ws = wb[CODE]
    ws.unmerge_cells(f"{officer}:H7")
    ws[officer] = "홍길동"
    ws.merge_cells(f"{officer}:H7")
    wb.save(book2)
    plan2 = read_workbooks(store, [book2])
    assert plan2.errors == [] and [(e.field, e.new) for e in plan2.entries] == [
        ("officer", "홍길동")
    ]


def test_formula_cells_use_their_value_or_are_refused(store, tmp_path):
    card = ids(store).card
    book = export_one(store, tmp_path / "out")
    edit(book, {(CODE, cell_of(book, CODE, f"Card:{card.id}:phone")): "=1+1"})
    plan = read_workbooks(store, [book])  # openpyxl stores no computed value
    assert len(plan.all_errors) == 1 and "수식" in plan.all_errors[0]


# --------------------------------------------------------------------------- refusals
def test_another_plan_year_or_layout_is_refused(store, demo_path, tmp_path):
    book = export_one(store, tmp_path / "out")
    h = file_hash(store.path)
    with pytest.raises(InterchangeError, match="2023년 통합문서입니다. 지금 연도는 2024년"):
        read_workbooks(store, [book], year=2024)
    # another plan: the same file after the municipality was renamed
    other_path = tmp_path / "other.sbplan"
    other_path.write_bytes(demo_path.read_bytes())
    other = PlanStore(other_path)
    muni = other.municipality()
    other.set_field(Municipality, muni.id, "name", "마포구")
    other_book = export_one(other, tmp_path / "other")
    other.close()
    with pytest.raises(InterchangeError, match=r"다른 계획\(서울특별시 마포구 제5기"):
        read_workbooks(store, [other_book])
    # an unknown layout: a plain workbook
    plain = tmp_path / "plain.xlsx"
    wb = Workbook()
    wb.active["A1"] = "사업명"
    wb.save(plain)
    with pytest.raises(InterchangeError, match="알 수 없는 양식"):
        read_workbooks(store, [plain])
    # a column inserted: the labels moved (rows may be inserted, see test_xlsx_returns)
    moved = export_one(store, tmp_path / "moved")
    wb = load_workbook(moved)
    wb[CODE].insert_cols(3, 1)
    wb.save(moved)
    plan = read_workbooks(store, [moved])
    assert any("양식이 바뀌었습니다" in e and f"{CODE}!" in e for e in plan.all_errors)
    assert file_hash(store.path) == h


def test_damaged_files_are_refused(store, tmp_path):
    book = export_one(store, tmp_path / "out")
    h = file_hash(store.path)
    data = book.read_bytes()
    cases = {
        "truncated.xlsx": data[: len(data) // 2],
        "empty.xlsx": b"",
        "text.xlsx": "사업명,예산\n".encode(),
        "old.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
    }
    for name, content in cases.items():
        p = tmp_path / name
        p.write_bytes(content)
        with pytest.raises(InterchangeError) as info:
            read_workbooks(store, [p])
        assert name in str(info.value)
    # a zip that is not a workbook
    z = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(InterchangeError, match="Excel 통합문서"):
        read_workbooks(store, [z])
    # the stamp removed, and the stamp tampered with
    wb = load_workbook(book)
    del wb[xc.STAMP_SHEET]
    wb.save(tmp_path / "nostamp.xlsx")
    with pytest.raises(InterchangeError, match="식별 정보 시트가 없는"):
        read_workbooks(store, [tmp_path / "nostamp.xlsx"])
    wb = load_workbook(book)
    ws = wb[xc.STAMP_SHEET]
    cell = next(c for c in ws["A"] if c.value and '"year":2023' in c.value)
    cell.value = cell.value.replace('"year":2023', '"year":2024')
    wb.save(tmp_path / "tampered.xlsx")
    with pytest.raises(InterchangeError, match="손상되었거나 고쳐졌습니다"):
        read_workbooks(store, [tmp_path / "tampered.xlsx"])
    # a card sheet deleted
    wb = load_workbook(book)
    del wb[CODE]
    wb.save(tmp_path / "nosheet.xlsx")
    plan = read_workbooks(store, [tmp_path / "nosheet.xlsx"])
    assert any(f"시트 '{CODE}'" in e for e in plan.all_errors)
    assert file_hash(store.path) == h


def test_two_workbooks_disagreeing_on_a_cell(store, tmp_path):
    card = ids(store).card
    a = export_one(store, tmp_path / "a")
    b = export_one(store, tmp_path / "b")
    edit(a, {(CODE, cell_of(a, CODE, f"Card:{card.id}:phone")): "111-1111"})
    edit(b, {(CODE, cell_of(b, CODE, f"Card:{card.id}:phone")): "222-2222"})
    plan = read_workbooks(store, [a, b])
    assert any("두 통합문서가 같은 칸을 다르게 고쳤습니다" in e for e in plan.errors)
    with pytest.raises(InterchangeError, match="같은 내보내기"):
        read_workbooks(store, [a, a])


def test_workbook_text_is_imported_as_nfc(store, tmp_path):
    """A workbook saved on a Mac (NFD Hangul) or pasted from HWP (U+F0A7) imports as NFC text."""
    import unicodedata

    ind = ids(store).indicators[0].row
    book = export_one(store, tmp_path / "out")
    typed = "\uf0a7 " + unicodedata.normalize("NFD", "신규 발굴 가구 수")
    edit(book, {(CODE, cell_of(book, CODE, f"Indicator:{ind.id}:name")): typed})
    plan = read_workbooks(store, [book])
    assert plan.errors == []
    assert [(e.field, e.new) for e in plan.entries] == [("name", "· 신규 발굴 가구 수")]
    apply_import(store, plan)
    assert store.get(Indicator, ind.id).name == "· 신규 발굴 가구 수"

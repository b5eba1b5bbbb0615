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


# --------------------------------------------------------------------------- helpers
try:
    from .xlsx_fixtures import CODE
except ImportError:  # tests/export is not a package
    from xlsx_fixtures import CODE

from openpyxl import load_workbook  # noqa: E402


def insert_rows_like_excel(ws, at: int, n: int) -> None:
    """``ws.insert_rows`` plus what Excel also does: merged ranges below move, ranges across grow."""
    from openpyxl.worksheet.cell_range import CellRange

    ranges = [CellRange(r.coord) for r in ws.merged_cells.ranges]
    for r in ranges:
        ws.unmerge_cells(r.coord)
    ws.insert_rows(at, n)
    for r in ranges:
        if r.min_row >= at:
            r.shift(row_shift=n)
        elif r.max_row >= at:
            r.expand(down=n)
        ws.merge_cells(r.coord)


def _pv(store, code=CODE):
    return store.year_view(2023).project(code)


def _stamp_rec(book, code=CODE):
    return next(r for r in stamp_of(book)["sheets"] if r["sheet"] == code)


# --------------------------------------------------------------------------- item 10
def test_item10_a_corrected_resend_can_clear_a_value_it_had_sent(store, tmp_path):
    card = _pv(store).card
    store.set_field(m.Card, card.id, "change_note", "")
    book = export_one(store, tmp_path / "out")
    ref = cell_of(book, CODE, f"Card:{card.id}:change_note")
    edit(book, {(CODE, ref): "사업 대상 확대"})
    apply_import(store, read_workbooks(store, [book]))
    assert store.get(m.Card, card.id).change_note == "사업 대상 확대"
    # the department clears the cell again and sends the same workbook back
    edit(book, {(CODE, ref): None})
    plan = read_workbooks(store, [book])
    assert [(e.field, e.old, e.new, e.conflict) for e in plan.entries] == [
        ("change_note", "사업 대상 확대", "", False)
    ]
    apply_import(store, plan)
    assert store.get(m.Card, card.id).change_note == ""
    # and the cleared value stays cleared: nothing more to do
    assert read_workbooks(store, [book]).entries == []


def test_item10_clearing_an_exported_value_is_a_change(store, tmp_path):
    card = _pv(store).card
    assert card.phone
    book = export_one(store, tmp_path / "out")
    edit(book, {(CODE, cell_of(book, CODE, f"Card:{card.id}:phone")): None})
    plan = read_workbooks(store, [book])
    assert [(e.field, e.new) for e in plan.entries] == [("phone", "")]


# --------------------------------------------------------------------------- item 11
def test_item11_values_the_import_does_not_read_are_listed_with_their_cell(store, tmp_path):
    pv = _pv(store)
    book = export_one(store, tmp_path / "out")
    rec = _stamp_rec(book)
    officer = cell_of(book, CODE, f"Card:{pv.card.id}:officer")  # G7, merged G7:H7
    wb = load_workbook(book)
    ws = wb[CODE]
    ws.protection.sheet = False
    ws.unmerge_cells(f"{officer}:H7")
    ws["H7"] = "김담당(부)"  # beside an unmerged input cell
    ws["M3"] = "메모: 12월 확정"  # outside the form
    computed = next(ref for ref in rec["fixed"] if ref.startswith("C5"))  # the project number
    ws[computed] = "I-9-9"  # over a computed cell
    copy = wb.copy_worksheet(ws)  # a copied sheet with a value typed into it
    copy.title = f"{CODE} (2)"
    copy[cell_of(book, CODE, f"Card:{pv.card.id}:team")] = "복사본에 쓴 팀"
    wb.save(book)
    plan = read_workbooks(store, [book])
    text = "\n".join(plan.unread)
    assert f"{CODE}!H7" in text and "김담당(부)" in text
    assert f"{CODE}!M3" in text and "12월 확정" in text
    assert f"{CODE}!{computed}" in text and "계산" in text
    assert f"{CODE} (2)!" in text and "복사본에 쓴 팀" in text and "복사한 시트" in text
    assert not any("계획과 다른 값이 없습니다" in n for n in plan.notes)
    from sbdesk.importers.diff_types import format_plan

    assert "가져오지 않은 내용 4개" in format_plan(plan)


# --------------------------------------------------------------------------- item 12
def test_item12_percent_formatted_money_is_refused(store, tmp_path):
    line = _pv(store).budget_lines[0]
    book = export_one(store, tmp_path / "out")
    ref = cell_of(book, CODE, f"BudgetLine:{line.id}:executed_amount")
    wb = load_workbook(book)
    wb[CODE][ref] = 0.95
    wb[CODE][ref].number_format = "0%"
    wb.save(book)
    plan = read_workbooks(store, [book])
    assert plan.entries == []
    assert any(f"{CODE}!{ref}" in e and "백분율" in e for e in plan.all_errors), plan.all_errors


def test_item12_implausible_amounts_need_confirmation(store, tmp_path):
    line = _pv(store).budget_lines[0]
    assert line.annual_amount and line.annual_amount < 100
    book = export_one(store, tmp_path / "out")
    ex = cell_of(book, CODE, f"BudgetLine:{line.id}:executed_amount")
    plan_cell = cell_of(book, CODE, f"BudgetLine:{line.id}:plan_amount")
    edit(book, {(CODE, ex): 8860, (CODE, plan_cell): 123456789})  # 천원, and 9 digits
    plan = read_workbooks(store, [book])
    warned = {e.field: e.warning for e in plan.warnings}
    assert "3배" in warned["executed_amount"] and "자릿수" in warned["plan_amount"]
    from sbdesk.cli.workbook_commands import accepted_for_cli

    assert accepted_for_cli(plan, skip_conflicts=False, accept_warnings=False) == []


@pytest.mark.parametrize("typed", ["9" * 400, 1e300])
def test_item12_a_400_digit_amount_is_refused_everywhere(store, tmp_path, typed):
    from sbdesk.services.errors import ValidationError

    line = _pv(store).budget_lines[0]
    book = export_one(store, tmp_path / "out")
    edit(book, {(CODE, cell_of(book, CODE, f"BudgetLine:{line.id}:executed_amount")): typed})
    before = file_hash(store.path)
    plan = read_workbooks(store, [book])
    assert plan.entries == [] and len(plan.all_errors) == 1
    assert "집행" in plan.all_errors[0] and (
        "자리" in plan.all_errors[0] or "너무" in plan.all_errors[0]
    )
    with pytest.raises(ValidationError, match="자리|너무|읽을 수 없습니다"):
        store.set_field(m.BudgetLine, line.id, "executed_amount", str(typed))
    with pytest.raises(ValidationError, match="자리"):
        store.set_field(m.BudgetLine, line.id, "executed_amount", Decimal(10) ** 400)
    assert file_hash(store.path) == before


# --------------------------------------------------------------------------- item 13
def test_item13_indicator_values(store, tmp_path):
    ind = _pv(store).indicators[0].row  # unit 명, actual "1,182명"
    book = export_one(store, tmp_path / "out")
    actual = cell_of(book, CODE, f"Indicator:{ind.id}:actual")
    target = cell_of(book, CODE, f"Indicator:{ind.id}:annual_target")
    plan_t = cell_of(book, CODE, f"Indicator:{ind.id}:plan_target")
    edit(book, {(CODE, actual): "약 1,108", (CODE, target): "'1,300명", (CODE, plan_t): "120가구"})
    plan = read_workbooks(store, [book])
    got = {e.field: e for e in plan.entries}
    assert "숫자로 읽히지 않아" in got["actual"].warning
    assert got["annual_target"].new == "1,300명" and not got["annual_target"].warning
    assert "단위 '가구'" in got["plan_target"].warning
    from sbdesk.services.check import run_checks

    store.set_field(m.Indicator, ind.id, "actual", "9,999명")
    found = [f for f in run_checks(store, 2023) if "달성률" in str(f) and CODE in str(f)]
    assert found and any("300" in str(f) for f in found), found


# --------------------------------------------------------------------------- item 14
def test_item14_rows_inserted_inside_a_block_are_new_rows(store, tmp_path):
    pv = _pv(store)
    n_self = len(pv.self_evaluation)
    book = export_one(store, tmp_path / "out")
    rec = _stamp_rec(book)
    block = next(b for b in rec["blocks"] if b["fixed"].get("kind") == "self")
    wb = load_workbook(book)
    ws = wb[CODE]
    at = block["first"] + 1
    insert_rows_like_excel(ws, at, 2)  # two rows inserted inside the 자체평가 block
    ws.cell(row=at, column=2, value="협의체")
    ws.cell(row=at, column=4, value="삽입한 행의 평가 내용")
    ws.cell(row=at + 1, column=2, value="담당부서")
    ws.cell(row=at + 1, column=4, value="두 번째 삽입 행")
    wb.save(book)
    plan = read_workbooks(store, [book])
    assert plan.all_errors == [], plan.all_errors
    new = sorted(e.new for e in plan.entries if e.model == "Evaluation" and e.field == "content")
    assert new == ["두 번째 삽입 행", "삽입한 행의 평가 내용"]
    apply_import(store, plan)
    assert len(_pv(store).self_evaluation) == n_self + 2
    assert read_workbooks(store, [book]).entries == []  # not added twice


def insert_indicator_row(book, values: dict[int, object], after_blocks: int = 1) -> int:
    """Insert one row after the ``after_blocks``-th 성과지표 block (as Excel does) and type ``values``
    (column → value) into it; the row's number."""
    rec = _stamp_rec(book)
    block = next(b for b in rec["blocks"] if b["model"] == "Indicator")
    wb = load_workbook(book)
    ws = wb[CODE]
    at = block["first"] + 7 * after_blocks
    insert_rows_like_excel(ws, at, 1)
    for col, v in values.items():
        ws.cell(row=at, column=col, value=v)
    wb.save(book)
    return at


NEW_INDICATOR = {2: "긴급돌봄 연계 건수", 3: "100건", 4: "건", 5: "120건", 7: "131건"}


def test_item14_a_row_inserted_among_the_indicators_is_a_new_indicator(store, tmp_path):
    cid = _pv(store).card.id
    before = [(r.id, r.name) for r in store.list(m.Indicator, card_id=cid)]
    book = export_one(store, tmp_path / "out")
    rec = _stamp_rec(book)
    block = next(b for b in rec["blocks"] if b["model"] == "Indicator")
    # the block spans every indicator and the spare one (7 rows each)
    assert block["last"] - block["first"] + 1 == 7 * (len(before) + 1)
    at = insert_indicator_row(book, NEW_INDICATOR)
    plan = read_workbooks(store, [book])
    assert plan.all_errors == [] and plan.unread == [], (plan.all_errors, plan.unread)
    got = {e.field: e for e in plan.entries}
    assert {f: e.new for f, e in got.items()} == {
        "name": "긴급돌봄 연계 건수",
        "plan_target": "100건",
        "unit": "건",
        "annual_target": "120건",
        "actual": "131건",
    }
    assert got["actual"].source == f"'{book.name}' {CODE}!G{at}"
    assert got["name"].field_label.startswith("성과지표 (삽입한 행 1)")
    result = apply_import(store, plan)
    rows = store.list(m.Indicator, card_id=cid)
    assert [(r.id, r.name) for r in rows[:-1]] == before  # appended after the others
    new = rows[-1]
    assert (new.name, new.unit, new.plan_target, new.annual_target, new.actual, new.direction) == (
        "긴급돌봄 연계 건수", "건", "100건", "120건", "131건", "higher",
    )  # fmt: skip
    iv = next(i for i in _pv(store).indicators if i.row.id == new.id)
    assert iv.achievement == Decimal("109.2")  # 131 / 120, computed from what was typed
    assert read_workbooks(store, [book]).entries == []  # the same workbook again adds nothing
    store.revert_batch(result)  # undo of the import removes it again
    assert [(r.id, r.name) for r in store.list(m.Indicator, card_id=cid)] == before


def test_item14_an_inserted_indicator_row_needs_a_name_and_a_valid_direction(store, tmp_path):
    book = export_one(store, tmp_path / "out")
    at = insert_indicator_row(book, {3: "100건", 7: "90건", 10: "자료원 메모"})
    plan = read_workbooks(store, [book])
    assert [u for u in plan.unread if f"{CODE}!J{at}" in u and "자료원 메모" in u], plan.unread
    (head,) = plan.blocked
    assert any(f"{CODE}!B{at}" in e and "성과지표 명을 입력하세요" in e for e in plan.blocked[head])
    book = export_one(store, tmp_path / "out2")
    at = insert_indicator_row(book, {2: "지표", 6: "옆으로"})
    plan = read_workbooks(store, [book])
    errs = plan.all_errors
    assert any(f"{CODE}!F{at}" in e and "지표 방향이 아닙니다" in e for e in errs), errs


def test_item14_a_blank_row_inserted_under_a_merged_label_is_no_error(store, tmp_path):
    """Inserted between 달성률's two rows, the row's B cell lies under that label's merge."""
    book = export_one(store, tmp_path / "out")
    rec = _stamp_rec(book)
    block = next(b for b in rec["blocks"] if b["model"] == "Indicator")
    wb = load_workbook(book)
    ws = wb[CODE]
    at = block["first"] + 4  # between the target labels row and the targets row
    insert_rows_like_excel(ws, at, 1)
    assert any(
        r.min_col <= 2 <= r.max_col and r.min_row < at <= r.max_row for r in ws.merged_cells.ranges
    )  # B of the inserted row is under the label's merge
    wb.save(book)
    plan = read_workbooks(store, [book])
    assert plan.all_errors == [] and plan.entries == [], (plan.all_errors, plan.entries)


def test_item14_enough_spare_rows_for_the_largest_block(store, tmp_path):
    from sbdesk.export.xlsx.dept_workbook import largest_blocks

    view = store.year_view(2023)
    biggest = largest_blocks(view)[("Evaluation", "self")]
    pv = _pv(store)
    book = export_one(store, tmp_path / "out")
    rec = _stamp_rec(book)
    block = next(b for b in rec["blocks"] if b["fixed"].get("kind") == "self")
    assert block["last"] - block["first"] + 1 >= max(len(pv.self_evaluation) + 2, biggest + 2)


def test_item14_one_bad_sheet_blocks_only_its_own_project(store, tmp_path):
    dept = "가정복지과"
    view = store.year_view(2023)
    codes = [pv.code for pv in view.all_projects() if pv.card and pv.card.department == dept]
    assert len(codes) >= 2
    book = export_one(store, tmp_path / "out", department=dept)
    a, b = codes[:2]
    ca, cb = _pv(store, a).card, _pv(store, b).card
    edit(
        book,
        {
            (a, cell_of(book, a, f"Card:{ca.id}:officer")): "새 담당자",
            (a, cell_of(book, a, f"Project:{ca.project_id}:priority")): "글쎄요",
            (b, cell_of(book, b, f"Card:{cb.id}:officer")): "다른 담당자",
        },
    )
    plan = read_workbooks(store, [book])
    assert plan.errors == [] and [a in h for h in plan.blocked] == [True]
    assert [(e.project_code, e.new) for e in plan.entries] == [(b, "다른 담당자")]
    apply_import(store, plan)
    assert store.get(m.Card, cb.id).officer == "다른 담당자"
    assert store.get(m.Card, ca.id).officer != "새 담당자"


# --------------------------------------------------------------------------- item 15
def test_item15_dash_in_executed_means_zero(store, tmp_path):
    line = _pv(store).budget_lines[0]
    book = export_one(store, tmp_path / "out")
    edit(book, {(CODE, cell_of(book, CODE, f"BudgetLine:{line.id}:executed_amount")): "-"})
    plan = read_workbooks(store, [book])
    assert [(e.field, e.new) for e in plan.entries] == [("executed_amount", Decimal(0))]
    guide = "\n".join(str(c.value) for c in load_workbook(book)["안내"]["A"] if c.value)
    assert "'-'를 쓰면 0" in guide


def test_item15_ods_and_xls_refusals_say_how_to_resave(store, tmp_path):
    import zipfile

    from sbdesk.services.errors import InterchangeError

    ods = tmp_path / "카드.ods"
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    xls = tmp_path / "카드.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    for path in (ods, xls):
        with pytest.raises(InterchangeError) as info:
            read_workbooks(store, [path])
        assert path.name in str(info.value) and "다른 이름으로 저장" in str(info.value)
        assert ".xlsx" in str(info.value)


def test_item15_text_over_the_cell_limit_is_never_imported_as_a_truncation(store, tmp_path):
    from sbdesk.export.xlsx import common as xc

    card = _pv(store).card
    long_text = "가" * 40000
    store.set_field(m.Card, card.id, "content_detail", long_text)
    book = export_one(store, tmp_path / "out")
    ref = cell_of(book, CODE, f"Card:{card.id}:content_detail")
    cell = load_workbook(book)[CODE][ref].value
    assert len(cell) <= xc.CELL_LIMIT and cell.endswith(xc.TRUNCATION_MARK)
    assert read_workbooks(store, [book]).entries == []  # untouched: the plan keeps all 40,000
    edit(book, {(CODE, ref): cell.replace("가가", "나나", 1)})  # edited, marker kept
    plan = read_workbooks(store, [book])
    assert plan.entries == [] and any("잘려" in e for e in plan.all_errors)
    assert store.get(m.Card, card.id).content_detail == long_text


def test_item15_cli_skip_conflicts(demo_path, tmp_path, capsys):
    from sbdesk.cli.main import main

    s = PlanStore(demo_path)
    card = _pv(s).card
    book = export_one(s, tmp_path / "out")
    edit(
        book,
        {
            (CODE, cell_of(book, CODE, f"Card:{card.id}:team")): "새 팀",
            (CODE, cell_of(book, CODE, f"Card:{card.id}:officer")): "새 담당",
        },
    )
    s.set_field(m.Card, card.id, "officer", "앱에서 고친 담당")  # a conflict
    s.close()
    assert main(["import-xlsx", str(demo_path), str(book), "--yes", "--skip-conflicts"]) == 0
    out = capsys.readouterr().out
    assert "충돌" in out
    s = PlanStore(demo_path)
    try:
        c = s.get(m.Card, card.id)
        assert (c.team, c.officer) == ("새 팀", "앱에서 고친 담당")
    finally:
        s.close()

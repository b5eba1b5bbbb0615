"""첨부 2 read back: find the seed-like table in any workbook, match rows by 일련번호, diff.

``read_budget_list`` finds the 첨부 2 header in any sheet of any workbook laid
out like it (the tables workbook sbdesk writes with
``export.xlsx.budget_list.write_budget_sheet``, or the list the budget office
sends), matches rows by 일련번호 and returns an ``ImportPlan`` applied by
``importers.workbook.apply_import`` like the department workbooks.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from sbdesk import models as m
from sbdesk.export.xlsx import common as xc
from sbdesk.export.xlsx.budget_list import FIELDS, KINDS, LABELS
from sbdesk.export.xlsx.dept_workbook import normal
from sbdesk.importers.diff_types import DiffEntry, ImportPlan, NewRow, unreadable_file
from sbdesk.services.errors import InterchangeError
from sbdesk.services.numbers import DASHES, NumberError, parse_money

# --------------------------------------------------------------------------- reading
_SQ = re.compile(r"[\s·ㆍ•∙.,/()\[\]_\-]")


def _sq(v: Any) -> str:
    return _SQ.sub("", xc.halfwidth(str(v or "")))


def _find_header(ws: Worksheet) -> tuple[int, dict[str, int], int] | None:
    """(first header row, field → column, first data row) if the sheet holds the 첨부 2 table."""
    limit = min(ws.max_row or 0, 40)
    for r in range(1, limit + 1):
        texts = {
            c: _sq(ws.cell(row=r, column=c).value)
            for c in range(1, min(ws.max_column or 0, 30) + 1)
        }
        serial_col = next(
            (c for c, t in texts.items() if t.startswith("일련") or t in ("연번", "번호")), None
        )
        name_col = next((c for c, t in texts.items() if t == "사업명"), None)
        if serial_col is None or name_col is None:
            continue
        cols: dict[str, int] = {"serial": serial_col, "name": name_col}
        last = r
        for rr in range(r, min(r + 3, (ws.max_row or r)) + 1):
            for c in range(1, min(ws.max_column or 0, 30) + 1):
                t = _sq(ws.cell(row=rr, column=c).value)
                if not t:
                    continue
                found = None
                if t == "국비":
                    found = "national"
                elif t in ("시도", "시도비", "시비", "도비"):
                    found = "province"
                elif t in ("시군구", "사군구", "시군구비", "구비", "군비"):
                    found = "district"
                elif t == "기타":
                    found = "other"
                elif "자체" in t or "보조" in t:
                    found = "kind"
                elif "사업번호" in t:
                    found = "project_ids"
                elif t in ("계", "합계", "총계"):
                    found = "total"
                elif t in ("소계", "지방비소계"):
                    found = "local_subtotal"
                if found and found not in cols:
                    cols[found] = c
                    last = max(last, rr)
        missing = [
            LABELS[f] for f in ("national", "province", "district", "other") if f not in cols
        ]
        if missing:
            raise InterchangeError(
                f"{ws.title}!{ws.cell(row=r, column=serial_col).coordinate}: 첨부 2 표의 머리글에 "
                f"{', '.join(missing)} 열이 없습니다. 첨부 2 양식(일련 번호, 사업명, 국비, 시·도, 시·군·구, 기타 …)을 쓰세요."
            )
        return r, cols, last + 1
    return None


def looks_like_budget_list(wb) -> bool:
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        try:
            if _find_header(ws) is not None:
                return True
        except InterchangeError:
            return True
    return False


def _merged_value(ws: Worksheet, coord: str) -> tuple[Any, bool]:
    """(value, from_merge): a cell under a vertical merge takes the merge's value."""
    cell = ws[coord]
    if not cell.merged_hidden:
        return cell.value, False
    for rng in ws.merged_ranges:
        if coord in rng:
            if rng.min_col == rng.max_col:
                return ws.cell(rng.min_row, rng.min_col).value, True
            raise xc.CellProblem(
                xc.ref_of(ws, coord),
                f"셀이 {rng.coord} 범위에 가로로 병합되어 있습니다. 병합을 해제하고 칸마다 입력하세요.",
            )
    return None, False


def _parse_serial(ws, coord, raw) -> int:
    if raw is None or str(raw).strip() == "":
        raise xc.CellProblem(xc.ref_of(ws, coord), "일련번호가 비어 있습니다.")
    if isinstance(raw, bool):
        raise xc.CellProblem(xc.ref_of(ws, coord), "일련번호가 숫자가 아닙니다.")
    if isinstance(raw, (int, float)):
        if float(raw).is_integer() and 0 < raw < 10**7:
            return int(raw)
        raise xc.CellProblem(
            xc.ref_of(ws, coord), f"일련번호 {raw}은(는) 1 이상의 정수가 아닙니다."
        )
    text = xc.halfwidth(str(raw)).strip().rstrip(".")
    if text.isdigit() and 0 < int(text) < 10**7:
        return int(text)
    raise xc.CellProblem(xc.ref_of(ws, coord), f"일련번호 '{raw}'은(는) 1 이상의 정수가 아닙니다.")


_CODE_SPLIT = re.compile(r"[\s,;/、，]+")
_ROMAN = {"Ⅰ": "I", "Ⅱ": "II", "ⅰ": "I", "ⅱ": "II"}


def _parse_codes(text: str, codes_to_id: dict[str, int], ws, coord) -> tuple[list[int], list[str]]:
    ids, shown = [], []
    for part in _CODE_SPLIT.split(text):
        part = part.strip().rstrip(".")
        if not part or part in DASHES:
            continue
        for k, v in _ROMAN.items():
            part = part.replace(k, v)
        code = part.upper()
        if code not in codes_to_id:
            raise xc.CellProblem(
                xc.ref_of(ws, coord),
                f"사업번호 '{part}'이(가) 계획에 없습니다 (예: I-2-1, II-1-1-1).",
            )
        if codes_to_id[code] not in ids:
            ids.append(codes_to_id[code])
            shown.append(code)
    return ids, shown


def _parse_kind(text: str, ws, coord) -> str:
    t = _sq(text)
    if not t or t in DASHES:
        return ""
    if t.startswith("자체"):
        return "자체"
    if t.startswith("보조"):
        return "보조"
    raise xc.CellProblem(
        xc.ref_of(ws, coord), f"'{text}'은(는) 자체/보조가 아닙니다. 자체 또는 보조를 입력하세요."
    )


def read_budget_list(store, year: int, path: str | Path, progress=None) -> ImportPlan:
    """Read a 첨부 2 list laid out like the seed's table into an ``ImportPlan``; never writes."""
    path = Path(path)
    with unreadable_file(path.name):
        return _read(store, year, path, progress)


def _read(store, year: int, path: Path, progress) -> ImportPlan:
    name = path.name
    _check_year(store, year)
    wb = xc.read_book(path)
    expected, sheet_name = _read_stamp(store, year, wb, name)
    ws, hdr = _locate_table(wb, sheet_name, name)
    codes = store.codes()
    plan = ImportPlan(kind="budget_list", year=year, files=[str(path)])
    items = {it.serial: it for it in reversed(store.list(m.BudgetListItem, year=year))}
    last_row = _last_row(ws, hdr[2], name)
    seen = _read_rows(plan, ws, hdr, last_row, items, expected, codes, name, progress)
    _add_notes(plan, items, seen, name)
    return plan


def _check_year(store, year: int) -> None:
    years = store.years()
    if year not in years:
        raise InterchangeError(f"{year}년은 이 계획의 기간({years[0]}~{years[-1]})이 아닙니다.")


def _read_stamp(store, year: int, wb, name: str) -> tuple[dict[str, dict[str, str]] | None, Any]:
    """(exported item hashes, sheet name) from sbdesk's stamp; refuses another plan's workbook."""
    stamp = xc.read_stamp(wb, name)
    if stamp is None:
        return None, None
    if stamp.get("format") == xc.FORMAT_CARDS:
        raise InterchangeError(
            f"'{name}'은(는) 부서 통합문서입니다. '부서 통합문서 가져오기'로 가져오세요."
        )
    if stamp.get("format") != xc.FORMAT_TABLES:
        raise InterchangeError(f"'{name}'은(는) 알 수 없는 양식의 통합문서입니다.")
    identity = xc.plan_identity(store)
    if not xc.same_identity(identity, stamp.get("plan")):
        raise InterchangeError(
            f"'{name}'은(는) 다른 계획({xc.identity_label(stamp.get('plan') or {})})의 통합문서입니다. "
            f"열린 계획은 {xc.identity_label(identity)}입니다."
        )
    if stamp.get("year") != year:
        raise InterchangeError(
            f"'{name}'은(는) {stamp.get('year')}년 통합문서입니다. 지금 연도는 {year}년입니다."
        )
    bl = stamp.get("budget_list")
    if (
        isinstance(bl, dict)
        and isinstance(bl.get("items"), dict)
        and isinstance(bl.get("sheet"), str)
    ):
        return bl["items"], bl["sheet"]
    return None, None


def _locate_table(wb, sheet_name, name: str) -> tuple[Worksheet, tuple[int, dict[str, int], int]]:
    """The stamped sheet first, then every visible one: the first holding the 첨부 2 header."""
    candidates = [wb[sheet_name]] if sheet_name and sheet_name in wb.sheetnames else []
    candidates += [
        ws for ws in wb.worksheets if ws.sheet_state == "visible" and ws not in candidates
    ]
    for ws in candidates:
        hdr = _find_header(ws)
        if hdr is not None:
            return ws, hdr
    raise InterchangeError(
        f"'{name}'에서 첨부 2 예산 목록 표를 찾지 못했습니다 (머리글 '일련 번호', '사업명', '국비' …). "
        "알 수 없는 양식입니다."
    )


def _last_row(ws: Worksheet, first: int, name: str) -> int:
    last_row = ws.max_row or 0
    if last_row - first > 20000:
        raise InterchangeError(f"'{name}'의 표가 너무 깁니다 ({last_row - first}행).")
    return last_row


def _read_rows(plan, ws, hdr, last_row, items, expected, codes, name, progress) -> dict[int, str]:
    """Every data row into ``plan``; returns 일련번호 → the cell it was read from."""
    hdr_row, cols, first = hdr
    codes_to_id = {c.upper(): i for i, c in codes.items()}
    seen: dict[int, str] = {}
    skip_until = 0
    for r in range(first, last_row + 1):
        if progress is not None and r % 50 == 0:
            progress.report(r - first, last_row - first + 1, f"{r}행 읽는 중…")
        serial_coord = ws.cell(row=r, column=cols["serial"]).coordinate
        name_coord = ws.cell(row=r, column=cols["name"]).coordinate
        if _is_blank_or_note(ws, r):
            continue
        keys = _key_values(ws, serial_coord, name_coord, name, plan)
        if keys is None:
            continue
        raw_serial, raw_name = keys
        if _sq(raw_serial).startswith("일련") or _sq(raw_name) == "사업명":
            skip_until = r + (first - hdr_row) - 1  # the header repeated on a new page
            continue
        if _is_skipped(ws, r, cols, raw_serial, skip_until):
            continue
        serial = _new_serial(ws, serial_coord, raw_serial, seen, name, plan)
        if serial is None:
            continue
        fields = _read_fields(ws, r, cols, codes_to_id, serial, name, plan)
        if fields is None:
            continue
        _diff_row(plan, serial, items.get(serial), fields, expected, codes)
    return seen


def _is_blank_or_note(ws: Worksheet, r: int) -> bool:
    """An empty row or a note under the table (※, *, 주), (단위 …)."""
    row_texts = [ws.cell(row=r, column=c).value for c in range(1, min(ws.max_column, 30) + 1)]
    if all(v is None or str(v).strip() == "" for v in row_texts):
        return True
    first_text = next((str(v).strip() for v in row_texts if v is not None and str(v).strip()), "")
    return first_text.startswith(("※", "*", "주)", "주1", "주 ", "(단위"))


def _key_values(ws, serial_coord, name_coord, name, plan) -> tuple[Any, Any] | None:
    """(일련번호, 사업명) as written, through merges; None after recording a problem."""
    try:
        raw_serial, _ = _merged_value(ws, serial_coord)
        raw_name, _ = _merged_value(ws, name_coord)
    except xc.CellProblem as exc:
        plan.errors.append(f"'{name}' {exc}")
        return None
    return raw_serial, raw_name


def _is_skipped(ws, r, cols, raw_serial, skip_until) -> bool:
    """The rest of a repeated header, a 계/합계 total row, or a cell under the header's merge."""
    if r <= skip_until or _sq(raw_serial) in ("계", "합계"):
        return True
    return bool(ws.cell(r, cols["serial"]).merged_hidden)


def _new_serial(ws, serial_coord, raw_serial, seen, name, plan) -> int | None:
    """The row's 일련번호, recorded in ``seen``; None (problem recorded) if unreadable or repeated."""
    try:
        serial = _parse_serial(ws, serial_coord, raw_serial)
    except xc.CellProblem as exc:
        plan.errors.append(f"'{name}' {exc}")
        return None
    if serial in seen:
        plan.errors.append(
            f"'{name}' {xc.ref_of(ws, serial_coord)}: 일련번호 {serial}이(가) {seen[serial]}에도 있습니다."
        )
        return None
    seen[serial] = xc.ref_of(ws, serial_coord)
    return serial


_Fields = tuple[dict[str, Any], dict[str, str], dict[str, str]]


def _read_fields(ws, r, cols, codes_to_id, serial, name, plan) -> _Fields | None:
    """(values, shown project numbers, source refs) of one row; None if any cell had a problem."""
    values: dict[str, Any] = {}
    shown: dict[str, str] = {}
    refs: dict[str, str] = {}
    ok = True
    for f in FIELDS:
        if f not in cols:
            continue
        coord = ws.cell(row=r, column=cols[f]).coordinate
        refs[f] = f"'{name}' {ws.title}!{coord}"
        try:
            values[f], pcodes = _read_field(ws, f, coord, codes_to_id)
        except xc.CellProblem as exc:
            plan.errors.append(f"'{name}' {exc} (일련번호 {serial})")
            ok = False
            continue
        if pcodes is not None:
            shown[f] = ", ".join(pcodes)
    return (values, shown, refs) if ok else None


def _read_field(ws, f: str, coord: str, codes_to_id) -> tuple[Any, list[str] | None]:
    """One cell's value (and, for project numbers, the numbers as written)."""
    raw, _ = _merged_value(ws, coord)
    text = xc.cell_text(ws, coord, raw)
    if f == "name":
        if not text:
            raise xc.CellProblem(xc.ref_of(ws, coord), "사업명이 비어 있습니다.")
        return text, None
    if KINDS[f] == "money":
        return _read_money(ws, f, coord, raw, text), None
    if f == "kind":
        return _parse_kind(text, ws, coord), None
    return _parse_codes(text, codes_to_id, ws, coord)


def _read_money(ws, f: str, coord: str, raw, text: str):
    """A money cell: a number as stored, or its text; problems name the cell."""
    try:
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            v = parse_money(raw, f"{LABELS[f]}")
            if v is not None and v < 0:
                raise NumberError(f"{LABELS[f]}: 음수는 입력할 수 없습니다.")
            return v
        return parse_money(text, LABELS[f])
    except NumberError as exc:
        raise xc.CellProblem(xc.ref_of(ws, coord), str(exc)) from exc


def _diff_row(plan, serial, item, fields: _Fields, expected, codes) -> None:
    values = fields[0]
    pname = str(values.get("name") or (item.name if item else ""))
    if item is None:
        _add_new_item(plan, serial, pname, fields)
    else:
        exp = expected.get(str(serial)) if expected else None
        _add_changes(plan, serial, item, pname, fields, exp, codes)


def _add_new_item(plan, serial, pname, fields: _Fields) -> None:
    """A 일련번호 the plan lacks: a new row with one entry per non-empty field."""
    values, shown, refs = fields
    year = plan.year
    gkey = f"budget/{year}/{serial}"
    plan.new_rows[gkey] = NewRow(
        gkey,
        "BudgetListItem",
        {"year": year, "serial": serial},
        f"일련번호 {serial} (추가)",
    )
    for f, v in values.items():
        if xc.canon(v) == "":
            continue
        plan.entries.append(
            DiffEntry(
                key=f"{gkey}:{f}",
                model="BudgetListItem",
                row_id=None,
                field=f,
                kind=KINDS[f],
                project_code=f"첨부2 {serial}",
                project_name=pname,
                field_label=f"새 항목 · {LABELS[f]}",
                old=None,
                new=v,
                source=refs[f],
                group=gkey,
                new_shown=shown.get(f),
            )
        )


def _hashes(f: str, kind: str, current, v, shown, codes) -> tuple[str, str]:
    """(workbook value's checksum, plan value's checksum); project numbers compare as codes."""
    cur_for_hash = (
        [codes[i] for i in (current or []) if i in codes] if f == "project_ids" else current
    )
    new_for_hash = (
        shown.get(f, "").split(", ")
        if f == "project_ids" and shown.get(f)
        else ([] if f == "project_ids" else v)
    )
    return xc.checksum(normal(kind, new_for_hash)), xc.checksum(normal(kind, cur_for_hash))


def _add_changes(plan, serial, item, pname, fields: _Fields, exp, codes) -> None:
    """An entry per field that differs from the plan and was changed since the export."""
    values, shown, refs = fields
    for f, v in values.items():
        kind = KINDS[f]
        current = getattr(item, f)
        wb_h, plan_h = _hashes(f, kind, current, v, shown, codes)
        if wb_h == plan_h:
            continue
        if exp is not None and isinstance(exp, dict) and exp.get(f) == wb_h:
            continue  # unchanged since the export; the plan's newer value stays
        conflict = bool(
            exp is not None and isinstance(exp, dict) and exp.get(f) not in (None, plan_h)
        )
        plan.entries.append(
            DiffEntry(
                key=f"BudgetListItem:{item.id}:{f}",
                model="BudgetListItem",
                row_id=item.id,
                field=f,
                kind=kind,
                project_code=f"첨부2 {serial}",
                project_name=pname,
                field_label=LABELS[f],
                old=current,
                new=v,
                conflict=conflict,
                source=refs[f],
                old_shown=", ".join(codes.get(i, "?") for i in (current or []))
                if f == "project_ids"
                else None,
                new_shown=shown.get(f) if f == "project_ids" else None,
            )
        )


def _add_notes(plan, items, seen, name: str) -> None:
    missing = sorted(set(items) - set(seen))
    if missing:
        shown_serials = ", ".join(str(x) for x in missing[:15]) + (
            " …" if len(missing) > 15 else ""
        )
        plan.notes.append(
            f"계획에는 있으나 파일에 없는 항목 {len(missing)}개(일련번호 {shown_serials})는 그대로 둡니다. "
            "지우려면 앱에서 지우세요."
        )
    if not plan.entries and not plan.errors:
        plan.notes.append(f"'{name}': 계획과 다른 값이 없습니다.")

"""Workbooks in: read returned department workbooks, show a per-field diff, apply all-or-nothing.

``read_workbooks`` only reads (the plan file is never written): it recognises
each workbook by its stamp (``export.xlsx.dept_workbook``), refuses a workbook of another plan
or year or of an unknown layout, reads every input cell the way people type
("1,300명", "85 %", "1,317", "-", full-width digits, trailing spaces, a merged
cell) and compares three values per field:

- the value exported (its checksum is in the stamp),
- the value in the workbook now,
- the value in the plan now.

A field whose workbook value equals the exported one was not touched by the
department and is left alone; one whose workbook value equals the plan's is
already applied. Everything else is a ``DiffEntry`` (``importers.diff_types``);
it is a *conflict* when the plan, too, was changed in the app since the export.
Rows inserted inside a repeating block (steps, partners, monitoring,
self-evaluation, indicators) are new rows of that block.

``apply_import`` writes the accepted entries in ONE transaction: on any error
nothing is written. Rows added in a spare row are remembered (by export id) in
the plan, so importing the same workbook again changes nothing. Undo and redo
are ``PlanStore.revert_batch`` / ``reapply_batch`` on the returned batch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter
from sqlmodel import select

from sbdesk import models as m
from sbdesk.export.xlsx import common as xc
from sbdesk.export.xlsx.dept_workbook import (
    FIELD_KINDS,
    FIELD_LABELS,
    MODELS,
    PREFILLED,
    SOURCE_LABEL,
    ValueProblem,
    normal,
    parse_value,
)
from sbdesk.export.xlsx.term6_values import code_in_range
from sbdesk.importers import term6_section
from sbdesk.importers.budget_list import looks_like_budget_list
from sbdesk.importers.diff_types import (
    ApplyResult,
    DiffEntry,
    ImportPlan,
    NewRow,
    unreadable_file,
)
from sbdesk.services.batch import FieldEdit, RowInsert, StaleEditError
from sbdesk.services.errors import InterchangeError, SbdeskError
from sbdesk.services.numbers import (
    DASHES,
    MONEY_PLAUSIBLE,
    format_money,
    keep_unit,
    measure_warning,
    normalize_text,
    same_measure,
)
from sbdesk.services.store import PlanStore

#: YearText key under which rows added from workbooks are remembered (export/sheet/group → row id).
IMPORT_LOG_KEY = "xlsx_import_rows"

ALL_MODELS = {
    **MODELS,
    "BudgetListItem": m.BudgetListItem,
    # 6th term: the 4-year rows of the card sheet's term-6 section (importers/term6_section)
    "BasicBudget": m.BasicBudget,
    "BasicIndicator": m.BasicIndicator,
}
_COORD = re.compile(r"^[A-Z]{1,3}[1-9][0-9]{0,6}$")
_KEY = re.compile(
    r"^(?:(?P<model>[A-Za-z]+):(?P<id>[0-9]{1,12})|(?P<group>\+[A-Za-z]+#[0-9]{1,4})):(?P<field>[a-z_]{1,40})$"
)


def _bad_stamp(name: str, why: str = "") -> InterchangeError:
    extra = f" ({why})" if why else ""
    return InterchangeError(
        f"'{name}'의 sbdesk 식별 정보가 이 계획과 맞지 않거나 손상되었습니다{extra}. 새로 내보낸 통합문서를 사용하세요."
    )


def _load_log(s, year: int) -> tuple[m.YearText | None, dict]:
    """The import log of a year: ``{"rows": {group: [id, uid]}, "cells": {export/sheet!ref: checksum}}``.

    ``rows`` remembers rows added from workbooks (so a second import adds nothing),
    ``cells`` what each workbook cell last brought in (so a corrected resend that
    clears a value it had sent is a change). It is a store ledger (``services.batch``).
    """
    row, state = PlanStore.ledger_state(s, (year, IMPORT_LOG_KEY))
    return row, {k: state.get(k, {}) for k in ("rows", "cells")}


class _Reader:
    """Reads department workbooks against one plan (a read-only pass)."""

    def __init__(self, store, year: int | None):
        self.store = store
        self.year = year
        self.identity = xc.plan_identity(store)
        self.years = store.years()
        self.codes = store.codes()
        self.plan = ImportPlan(kind="cards", year=year)
        self.seen: dict[str, DiffEntry] = {}
        self.exports: dict[str, str] = {}
        self.stamp_version = xc.STAMP_VERSION
        self.uids: dict[str, str] | None = None
        self.sheet_errors: list[str] = []
        self.baseline: dict[str, str] = {}
        self.cell_keys: dict[str, str] = {}
        self.group_units: dict[str, str] = {}
        self.card_id: int | None = None
        self.rows: _RowMap | None = None
        self.pre: _Prefetch | None = None

    # ---- one file
    def read(self, path: Path) -> None:
        name = path.name
        wb = xc.read_book(path)
        stamp = xc.read_stamp(wb, name)
        if stamp is None:
            if looks_like_budget_list(wb):
                raise InterchangeError(
                    f"'{name}'은(는) 첨부 2 예산 목록입니다. '첨부2 예산목록 가져오기'로 가져오세요."
                )
            raise InterchangeError(
                f"'{name}'은(는) sbdesk에서 내보낸 부서 통합문서가 아닙니다 (식별 정보 시트가 없는 알 수 없는 양식). "
                "sbdesk에서 내보낸 통합문서에 입력해 보내 달라고 하세요."
            )
        fmt = stamp.get("format")
        if fmt == xc.FORMAT_TABLES:
            raise InterchangeError(
                f"'{name}'은(는) 결과표 통합문서입니다. 부서 통합문서가 아닙니다 "
                "(첨부 2 예산 목록은 '첨부2 예산목록 가져오기'로 가져오세요)."
            )
        if fmt != xc.FORMAT_CARDS:
            raise InterchangeError(f"'{name}'은(는) 알 수 없는 양식의 통합문서입니다.")
        version = stamp.get("version")
        if not isinstance(version, int) or version > xc.STAMP_VERSION:
            raise InterchangeError(
                f"'{name}'은(는) 더 새로운 sbdesk에서 내보낸 통합문서입니다. sbdesk를 업데이트하세요."
            )
        self.stamp_version = version
        if not xc.same_identity(self.identity, stamp.get("plan")):
            raise InterchangeError(
                f"'{name}'은(는) 다른 계획({xc.identity_label(stamp.get('plan') or {})})의 통합문서입니다. "
                f"열린 계획은 {xc.identity_label(self.identity)}입니다."
            )
        year = stamp.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or year not in self.years:
            raise InterchangeError(
                f"'{name}'은(는) 이 계획의 기간({self.years[0]}~{self.years[-1]})이 아닌 연도({year})의 통합문서입니다."
            )
        if self.year is not None and year != self.year:
            raise InterchangeError(
                f"'{name}'은(는) {year}년 통합문서입니다. 지금 연도는 {self.year}년입니다."
            )
        self.year = year
        self.plan.year = year
        export_id = stamp.get("export_id")
        if not isinstance(export_id, str) or not re.fullmatch(r"[0-9a-f]{8,64}", export_id):
            raise _bad_stamp(name, "내보내기 번호")
        if export_id in self.exports:
            raise InterchangeError(
                f"'{name}'과(와) '{self.exports[export_id]}'은(는) 같은 내보내기에서 나온 통합문서입니다. 하나만 고르세요."
            )
        self.exports[export_id] = name
        sheets = stamp.get("sheets")
        if not isinstance(sheets, list) or not sheets:
            raise _bad_stamp(name, "시트 목록")
        self.plan.files.append(str(path))
        formula_wb = None
        before = self._count()
        stamped: dict[str, dict] = {}
        with self.store.reading() as s:
            self.pre = _Prefetch(s, sheets)
            _, log = _load_log(s, year)
            self.baseline = log["cells"]
            for rec in sheets:
                mark = self._stage()
                self.sheet_errors = []
                ws, cells = self._check_sheet(s, name, wb, rec, year)
                if ws is not None:
                    stamped[ws.title] = rec
                    needs_values = any(ws[c[0]].data_type == "f" for c in cells)
                    if needs_values and formula_wb is None:
                        formula_wb = xc.read_book(path, data_only=True)
                    self._read_sheet(s, name, ws, rec, cells, export_id, log["rows"], formula_wb)
                if self.sheet_errors:
                    self._block_sheet(name, rec, mark)
        self._other_sheets(
            name, wb, stamped, {r.get("sheet") for r in sheets if isinstance(r, dict)}
        )
        if self._count() == before:
            self.plan.notes.append(
                f"'{name}': 계획과 다른 값이 없습니다 (바뀐 값이 없거나 이미 반영됨)."
            )

    def _count(self) -> int:
        return (
            len(self.plan.entries)
            + len(self.plan.errors)
            + len(self.plan.unread)
            + len(self.plan.blocked)
            + len(self.plan.skipped)
        )

    def _stage(self) -> tuple[int, set[str], set[str]]:
        return len(self.plan.entries), set(self.plan.new_rows), set(self.seen)

    def _block_sheet(self, name: str, rec: dict, mark: tuple[int, set[str], set[str]]) -> None:
        """A sheet with errors: none of its project's changes are taken; the rest go ahead."""
        n, groups, seen = mark
        del self.plan.entries[n:]
        for g in set(self.plan.new_rows) - groups:
            del self.plan.new_rows[g]
        for k in set(self.seen) - seen:
            del self.seen[k]
        code = rec.get("code") if isinstance(rec.get("code"), str) else ""
        pname = rec.get("name") if isinstance(rec.get("name"), str) else ""
        head = f"'{name}' 시트 {rec.get('sheet')} ({code} {pname})".strip()
        self.plan.blocked[head] = list(self.sheet_errors)

    def _err(self, text: str) -> None:
        self.sheet_errors.append(text)

    def _other_sheets(self, name: str, wb, stamped: dict[str, dict], names: set) -> None:
        """Values in sheets the stamp does not know (a copied sheet, a new one) are listed, not read."""
        for ws in wb.worksheets:
            if ws.title in names or ws.title in (xc.STAMP_SHEET, "안내"):
                continue
            original = next(
                (rec for title, rec in stamped.items() if ws.title.startswith(title)), None
            )
            exported = {}
            if original is not None:
                exported = {c[0]: c[3] for c in original["cells"]}
            shown = 0
            for row, col, value in ws.filled():
                coord = f"{get_column_letter(col)}{row}"
                if xc.canon_cell(value) == "" or col == 11:
                    continue
                if original is not None and coord in exported:
                    kind = next(c[2] for c in original["cells"] if c[0] == coord)
                    try:
                        text = xc.cell_text(ws, coord, value, grouped_numbers=kind == "measure")
                        parsed = parse_value(kind, text, value, "")
                        if xc.checksum(normal(kind, parsed)) == exported[coord]:
                            continue  # the copy still holds the exported value
                    except (xc.CellProblem, ValueProblem):
                        pass
                elif original is not None:
                    continue  # labels and computed cells of the copied form
                shown += 1
                why = "복사한 시트" if original is not None else "sbdesk가 모르는 시트"
                self._unread(name, ws.title, coord, value, f"{why}에 입력한 값")

    def _unread(self, name: str, sheet: str, coord: str, value: Any, why: str) -> None:
        text = " ".join(str(value).split())
        text = text if len(text) <= 60 else text[:59] + "…"
        self.plan.unread.append(f"'{name}' {sheet}!{coord}: '{text}' ({why})")

    def _check_sheet(self, s, name: str, wb, rec: Any, year: int):
        if not isinstance(rec, dict):
            raise _bad_stamp(name, "시트 정보")
        sheet, pid, cid = rec.get("sheet"), rec.get("project_id"), rec.get("card_id")
        if not isinstance(sheet, str) or not isinstance(pid, int) or not isinstance(cid, int):
            raise _bad_stamp(name, "시트 정보")
        labels, cells, groups = rec.get("labels"), rec.get("cells"), rec.get("groups")
        if (
            not isinstance(labels, list)
            or not isinstance(cells, list)
            or not isinstance(groups, dict)
        ):
            raise _bad_stamp(name, f"시트 {sheet}")
        for item in labels:
            if not (
                isinstance(item, list)
                and len(item) == 2
                and isinstance(item[0], str)
                and _COORD.match(item[0])
                and isinstance(item[1], str)
            ):
                raise _bad_stamp(name, f"시트 {sheet}의 항목명")
        refs = set()
        for c in cells:
            if not (
                isinstance(c, list)
                and len(c) == 4
                and all(isinstance(x, str) for x in c)
                and _COORD.match(c[0])
                and _KEY.match(c[1])
            ):
                raise _bad_stamp(name, f"시트 {sheet}의 입력 칸")
            if c[0] in refs:
                raise _bad_stamp(name, f"시트 {sheet}의 입력 칸 {c[0]} 중복")
            refs.add(c[0])
            km = _KEY.match(c[1])
            gname = km.group("group")
            if gname:
                ginfo = groups.get(gname)
                model = ginfo.get("model") if isinstance(ginfo, dict) else None
            else:
                model = km.group("model")
            if (model, km.group("field")) not in FIELD_KINDS or FIELD_KINDS[
                (model, km.group("field"))
            ] != c[2]:
                raise _bad_stamp(name, f"시트 {sheet}의 {c[0]} 항목")
        for g, info in groups.items():
            if not (
                isinstance(g, str)
                and isinstance(info, dict)
                and info.get("model") in MODELS
                and isinstance(info.get("fixed"), dict)
                and isinstance(info.get("label"), str)
            ):
                raise _bad_stamp(name, f"시트 {sheet}의 추가 행")
            fixed = info["fixed"]
            if fixed.get("card_id") != cid or set(fixed) - {"card_id", "kind"}:
                raise _bad_stamp(name, f"시트 {sheet}의 추가 행")
            if info["model"] == "Evaluation" and fixed.get("kind") not in ("monitoring", "self"):
                raise _bad_stamp(name, f"시트 {sheet}의 추가 행")
        uids = rec.get("uids")
        if uids is not None and not (
            isinstance(uids, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in uids.items())
        ):
            raise _bad_stamp(name, f"시트 {sheet}의 행 식별자")
        if uids is None and self.stamp_version >= 2:
            raise _bad_stamp(name, f"시트 {sheet}의 행 식별자")
        self.uids = uids
        project = s.get(m.Project, pid)
        card = s.get(m.Card, cid)
        s_code = rec.get("code") if isinstance(rec.get("code"), str) else ""
        s_name = rec.get("name") if isinstance(rec.get("name"), str) else ""
        if uids is not None:
            gone = not (
                self._same_row(project, f"Project:{pid}") and self._same_row(card, f"Card:{cid}")
            )
        else:  # a workbook from before row uids: the project's number and name must still match
            gone = (
                project is None
                or card is None
                or (self.codes.get(pid), xc.canon(project.name)) != (s_code, xc.canon(s_name))
            )
        if gone:
            label = f"{s_code} {s_name}".strip() or sheet
            self.plan.notes.append(
                f"'{name}' 시트 {sheet}: 사업 '{label}'이(가) 계획에서 삭제되었거나 다른 사업으로 바뀌어 "
                "이 시트는 건너뜁니다 (아무것도 가져오지 않음)."
            )
            self.plan.skipped.append(f"{name}!{sheet}")
            return None, None
        if card.project_id != pid or card.year != year:
            raise _bad_stamp(name, f"시트 {sheet}의 사업 카드")
        if sheet not in wb.sheetnames:
            self._err(
                f"'{name}': 시트 '{sheet}'({self.codes.get(pid, '')} {project.name})이(가) 없습니다. "
                "시트를 지우거나 이름을 바꾸지 마세요."
            )
            return None, None
        ws = wb[sheet]
        self.rows = _RowMap(ws, rec)
        if self.rows.problem:
            col = rec.get("anchor") if isinstance(rec.get("anchor"), str) else "K"
            self._err(
                f"'{name}' {sheet}!{col}:{col}: {self.rows.problem} 이 시트는 읽지 않았습니다."
            )
            return None, None
        for ref, text in labels:
            cell = ws[self.rows.ref(ref)]
            value = None if cell.merged_hidden else cell.value
            if xc.canon(value) != xc.canon(text):
                self._err(
                    f"'{name}' {sheet}!{self.rows.ref(ref)}: 양식이 바뀌었습니다 ('{text}'이(가) 있어야 할 칸). "
                    "열이나 항목 행을 넣거나 지우지 말고(행 삽입은 노란 줄 사이에서만) 새로 내보낸 양식에 입력하세요. "
                    "이 시트는 읽지 않았습니다."
                )
                return None, None
        return ws, [[self.rows.ref(c[0]), c[1], c[2], c[3], c[0]] for c in cells]

    def _read_sheet(
        self, s, name: str, ws, rec: dict, cells: list, export_id: str, log: dict, formula_wb
    ) -> None:
        pid, cid = rec["project_id"], rec["card_id"]
        self.card_id = cid
        project = s.get(m.Project, pid)
        code = self.codes.get(pid, rec.get("code", ""))
        groups: dict[str, dict] = rec["groups"]
        group_cells: dict[str, list[tuple[str, str, str, Any]]] = {}
        row_labels = _row_labels(s, cid, self.pre)
        truncated = rec.get("truncated") if isinstance(rec.get("truncated"), dict) else {}
        self.cell_keys: dict[str, str] = {}
        for ref, key, kind, exp_h, orig in cells:
            km = _KEY.match(key)
            fld = km.group("field")
            gname = km.group("group")
            model = km.group("model") or groups[gname]["model"]
            label = FIELD_LABELS[(model, fld)]
            where = f"'{name}' {ws.title}!{ref}"
            cell_key = f"{export_id}/{ws.title}!{orig}"
            exp_h = self.baseline.get(cell_key, exp_h)
            try:
                value = self._cell_value(ws, ref, kind, label, formula_wb, fld)
            except xc.CellProblem as exc:
                self._err(f"'{name}' {exc.ref} ({code} {label}): {exc.message}")
                continue
            except ValueProblem as exc:
                self._err(f"{where} ({code}): {exc}")
                continue
            if orig in truncated and isinstance(value, str):
                if xc.checksum(normal(kind, value)) == truncated[orig]:
                    continue  # the cut text as exported: the plan keeps the whole text
                if xc.TRUNCATION_MARK.strip() in value:
                    self._err(
                        f"{where} ({code} {label}): 32,767자를 넘어 잘려 내보낸 칸을 고쳤습니다. "
                        "잘린 글을 그대로 가져오면 뒷부분이 사라지므로 이 칸은 앱에서 고치세요."
                    )
                    continue
            self.cell_keys[where] = cell_key
            if gname:
                group_cells.setdefault(gname, []).append((fld, kind, exp_h, value, where))
                continue
            if kind == "source" and not value:
                self._err(
                    f"{where} ({code} {label}): 재원을 고르세요 (국비, 시·도비, 시·군·구비, 기타)."
                )
                continue
            row_id = int(km.group("id"))
            obj = s.get(ALL_MODELS[model], row_id)
            if not self._same_row(obj, f"{model}:{row_id}"):
                obj = None  # deleted, and its id given to a newer row
            context = row_labels.get((model, row_id), "")
            flabel = f"{context} · {label}" if context else label
            if obj is None:
                if xc.checksum(normal(kind, value)) != exp_h:
                    self.plan.notes.append(
                        f"{where}: {flabel} 행이 앱에서 삭제되어 이 변경은 건너뜁니다."
                    )
                continue
            if not _belongs(obj, model, pid, cid):
                raise _bad_stamp(name, f"{ws.title}!{ref}")
            self._diff(
                obj, model, row_id, fld, kind, exp_h, value, code, project.name, flabel, where
            )
        for gname, items in group_cells.items():
            self._new_row(
                s, name, ws, gname, groups[gname], items, export_id, log, code, project.name, cid
            )
        self._inserted_rows(s, name, ws, rec, export_id, log, code, project.name, cid, formula_wb)
        term6_section.read_section(self, s, name, ws, rec, project, code)
        self._unread_cells(name, ws, rec)
        self._plausibility(s, cid)

    def _cell_value(self, ws, ref: str, kind: str, label: str, formula_wb, fld: str = "") -> Any:
        """The model value of one input cell, or CellProblem / ValueProblem."""
        raw = xc.cell_raw(ws, ref)
        if ws[ref].data_type == "f":
            raw = formula_wb[ws.title][ref].value if formula_wb is not None else None
            if raw is None:
                raise xc.CellProblem(
                    xc.ref_of(ws, ref),
                    "수식의 값을 읽을 수 없습니다. 값으로 붙여넣어 입력하세요.",
                )
        if (
            kind == "money"
            and isinstance(raw, (int, float, Decimal))
            and not isinstance(raw, bool)
            and "%" in (ws[ref].number_format or "")
        ):
            shown = xc.cell_text(ws, ref, raw)
            raise ValueProblem(
                f"{label}: 백분율(%) 서식의 숫자({shown})는 금액으로 읽지 않습니다. "
                "셀 서식을 '일반'으로 바꾸고 백만원 단위 금액을 입력하세요."
            )
        text = xc.cell_text(ws, ref, raw, grouped_numbers=kind == "measure")
        if fld == "executed_amount" and normalize_text(text) in DASHES:
            return Decimal(0)  # '-' in 집행 means nothing was spent (the 안내 sheet says so)
        value = parse_value(kind, text, raw, label)
        return code_in_range(fld, value, label) if kind == "code" else value

    def _inserted_rows(
        self, s, name, ws, rec, export_id, log, code, pname, cid, formula_wb
    ) -> None:
        """Rows a person inserted inside a repeating block become new rows of that block."""
        for b in _blocks(rec, cid):
            for n, row in enumerate(self.rows.inserted(b["first"], b["last"]), start=1):
                items = []
                for col, fld, kind in b["cols"]:
                    ref = f"{get_column_letter(col)}{row}"
                    self.rows.used.add(ref)
                    if ws[ref].merged_hidden:
                        continue  # under a label merged down across the inserted row: blank
                    label = FIELD_LABELS[(b["model"], fld)]
                    where = f"'{name}' {ws.title}!{ref}"
                    try:
                        if kind == "direction" and xc.canon_cell(ws[ref].value) == "":
                            value = "higher"  # an inserted indicator row without a direction: 상향
                        else:
                            value = self._cell_value(ws, ref, kind, label, formula_wb, fld)
                    except xc.CellProblem as exc:
                        self._err(f"'{name}' {exc.ref} ({code} {label}): {exc.message}")
                        continue
                    except ValueProblem as exc:
                        self._err(f"{where} ({code}): {exc}")
                        continue
                    cell_key = f"{export_id}/{ws.title}!@{ref}"
                    self.cell_keys[where] = cell_key
                    blank = xc.checksum(normal(kind, None))
                    items.append((fld, kind, self.baseline.get(cell_key, blank), value, where))
                gname = f"+{b['model']}@{row}"
                info = {
                    "model": b["model"],
                    "fixed": b["fixed"],
                    "label": f"{b['label']} (삽입한 행 {n})",
                }
                self._new_row(s, name, ws, gname, info, items, export_id, log, code, pname, cid)

    def _unread_cells(self, name: str, ws, rec: dict) -> None:
        """List every value the import does not read: outside the form, beside an input, over a computed cell."""
        fixed = rec.get("fixed") if isinstance(rec.get("fixed"), dict) else None
        if fixed is None:
            return  # a workbook from before this check
        known = {self.rows.ref(c[0]) for c in rec["cells"]}
        known |= {self.rows.ref(ref) for ref, _ in rec["labels"]}
        known |= self.rows.used
        fixed_now = {self.rows.ref(ref): h for ref, h in fixed.items() if self.rows.has(ref)}
        anchor = self.rows.column
        for row, col, value in ws.filled():
            coord = f"{get_column_letter(col)}{row}"
            if col == anchor or coord in known or xc.canon_cell(value) == "":
                continue
            if ws[coord].merged_hidden:
                continue
            if coord in fixed_now:
                if xc.checksum(xc.canon_cell(value)) != fixed_now[coord]:
                    self._unread(
                        name, ws.title, coord, value, "계산·고정 칸에 쓴 값: 가져오지 않음"
                    )
                continue
            self._unread(
                name, ws.title, coord, value, "입력 칸 밖(양식 밖이나 병합하지 않은 옆 칸)에 쓴 값"
            )

    def _plausibility(self, s, cid: int) -> None:
        """Warnings that need confirmation: executed above 3× the budget (a 천원 slip, for one)."""
        lines: dict[Any, dict[str, Any]] = {}
        entries = [e for e in self.plan.entries if e.model == "BudgetLine" and e.card_id == cid]
        for e in entries:
            key = e.row_id if e.row_id is not None else e.group
            if key not in lines:
                obj = s.get(m.BudgetLine, e.row_id) if e.row_id is not None else None
                lines[key] = {
                    f: getattr(obj, f) if obj is not None else None
                    for f in ("annual_amount", "executed_amount")
                }
            if e.field in ("annual_amount", "executed_amount"):
                lines[key][e.field] = e.new
        for e in entries:
            if e.field not in ("annual_amount", "executed_amount"):
                continue
            vals = lines[e.row_id if e.row_id is not None else e.group]
            a, x = vals["annual_amount"], vals["executed_amount"]
            if a is not None and x is not None and x > 3 * a and a >= 0:
                e.warn(
                    f"집행 실적 {format_money(x)}이(가) 예산 {format_money(a)}의 3배를 넘습니다 "
                    "(천원 단위로 쓰지 않았는지 확인하세요)."
                )

    def _unit_of(self, entry: DiffEntry) -> str:
        """The unit of the indicator an entry belongs to (as the workbook now has it)."""
        if entry.model != "Indicator":
            return ""
        base = entry.key.rsplit(":", 1)[0]
        typed = self.seen.get(f"{base}:unit")
        if typed is not None:
            return str(typed.new or "")
        if entry.row_id is None:
            return str(self.group_units.get(entry.group, "") or "")
        with self.store.reading() as s:
            obj = s.get(m.Indicator, entry.row_id)
            return (obj.unit or "") if obj is not None else ""

    def _same_row(self, obj, name: str) -> bool:
        """``obj`` is the row the stamp names (its uid matches; old stamps carry none)."""
        if obj is None:
            return False
        if self.uids is None:
            return True
        want = self.uids.get(name)
        return want is not None and want == (obj.uid or "")

    def _diff(
        self, obj, model, row_id, fld, kind, exp_h, value, code, pname, flabel, where, group=None
    ) -> None:
        wb_h = xc.checksum(normal(kind, value))
        if wb_h == exp_h:
            return  # not touched in the workbook
        current = getattr(obj, fld)
        if kind == "measure":
            value = keep_unit(value, current, getattr(obj, "unit", "") or "")
            if same_measure(value, current):
                return  # 1182 retyped for "1,182명": the same figure
            wb_h = xc.checksum(normal(kind, value))
        plan_h = xc.checksum(normal(kind, current))
        if wb_h == plan_h:
            return  # the plan already has it
        entry = DiffEntry(
            key=f"{model}:{row_id}:{fld}",
            model=model,
            row_id=row_id,
            field=fld,
            kind=kind,
            project_code=code,
            project_name=pname,
            field_label=flabel,
            old=current,
            new=value,
            conflict=plan_h != exp_h,
            source=where,
            group=group,
        )
        self._add(entry)

    def _add(self, entry: DiffEntry) -> None:
        entry.card_id = self.card_id
        entry.cell_key = self.cell_keys.get(entry.source)
        for text in value_warnings(entry, self._unit_of(entry)):
            entry.warn(text)
        prev = self.seen.get(entry.key)
        if prev is not None:
            if xc.canon(prev.new) != xc.canon(entry.new):
                self.plan.errors.append(
                    f"두 통합문서가 같은 칸을 다르게 고쳤습니다: {entry.project} · {entry.field_label} "
                    f"({prev.source}: '{prev.new_text}', {entry.source}: '{entry.new_text}'). 한 곳만 고쳐서 다시 가져오세요."
                )
            return
        self.seen[entry.key] = entry
        self.plan.entries.append(entry)

    def _new_row(self, s, name, ws, gname, info, items, export_id, log, code, pname, cid) -> None:
        model = info["model"]
        used = any(
            (model, fld) not in PREFILLED and xc.canon(normal(kind, v)) != ""
            for fld, kind, _h, v, _w in items
        )
        if not used:
            return
        values = {fld: v for fld, _k, _h, v, _w in items}
        label = info["label"]
        if model == "BudgetLine":
            src = values.get("source") or ""
            if not src:
                self._err(
                    f"{items[0][4]} ({code} {label}): 재원을 고르세요 (국비, 시·도비, 시·군·구비, 기타)."
                )
                return
            label = f"재원 {SOURCE_LABEL.get(src, src)} (추가)"
        if model == "Indicator" and not (values.get("name") or "").strip():
            where = next((w for f, _k, _h, _v, w in items if f == "name"), items[0][4])
            self._err(f"{where} ({code} {label}): 새 성과지표의 성과지표 명을 입력하세요.")
            return
        log_key = f"{export_id}/{ws.title}/{gname}"
        mapped = log.get(log_key)
        if mapped is not None:
            obj, mapped = _logged_row(s, model, mapped)
            if obj is None or not _belongs(obj, model, None, cid):
                self.plan.notes.append(
                    f"'{name}' {ws.title}: 전에 가져온 '{label}' 행이 앱에서 삭제되어 다시 추가하지 않습니다."
                )
                return
            for fld, kind, exp_h, v, where in items:
                self._diff(
                    obj,
                    model,
                    mapped,
                    fld,
                    kind,
                    exp_h,
                    v,
                    code,
                    pname,
                    f"{label} · {FIELD_LABELS[(model, fld)]}",
                    where,
                )
            return
        group_key = f"{export_id}/{ws.title}/{gname}"
        self.group_units[group_key] = values.get("unit") or ""
        fixed = dict(info["fixed"])
        for fld, _kind, _h, v, _w in items:
            if (model, fld) in PREFILLED:
                fixed[fld] = v
        self.plan.new_rows[group_key] = NewRow(group_key, model, fixed, label, log_key)
        for fld, kind, _h, v, where in items:
            if (model, fld) in PREFILLED or xc.canon(normal(kind, v)) == "":
                continue
            self._add(
                DiffEntry(
                    key=f"{group_key}:{fld}",
                    model=model,
                    row_id=None,
                    field=fld,
                    kind=kind,
                    project_code=code,
                    project_name=pname,
                    field_label=f"{label} · {FIELD_LABELS[(model, fld)]}",
                    old=None,
                    new=v,
                    conflict=False,
                    source=where,
                    group=group_key,
                )
            )


class _RowMap:
    """Where each row the stamp names is now: found by the hidden anchor column (``#12``).

    Without an anchor column (workbooks from before it) every row is where it was
    written. Rows without an anchor are rows a person inserted.
    """

    def __init__(self, ws, rec: dict):
        self.used: set[str] = set()
        self.problem = ""
        self.column = 0
        self.map: dict[int, int] | None = None
        self.free: list[int] = []
        anchor = rec.get("anchor")
        if anchor is None:
            return
        if not (isinstance(anchor, str) and re.fullmatch(r"[A-Z]{1,2}", anchor)):
            self.problem = "sbdesk 식별 정보(행 표시 열)가 손상되었습니다."
            return
        self.column = column_index_from_string(anchor)
        found: dict[int, int] = {}
        for row in range(1, ws.max_row + 1):
            v = ws.cell(row, self.column).value
            mt = re.fullmatch(r"#([1-9][0-9]{0,5})", v.strip()) if isinstance(v, str) else None
            if mt and int(mt.group(1)) not in found:
                found[int(mt.group(1))] = row
            else:
                self.free.append(row)
        if not found:
            self.problem = "양식이 바뀌었습니다 (sbdesk가 숨겨 둔 행 표시 열이 없습니다: 열을 넣거나 지우지 마세요)."
            return
        order = [found[k] for k in sorted(found)]
        if order != sorted(order):
            self.problem = (
                "양식이 바뀌었습니다: 행의 순서가 바뀌었습니다(정렬하거나 잘라 붙이지 마세요)."
            )
            return
        needed = {_row_of(c[0]) for c in rec.get("cells", [])}
        needed |= {_row_of(ref) for ref, _ in rec.get("labels", [])}
        missing = sorted(r for r in needed if r not in found)
        if missing:
            self.problem = (
                f"양식이 바뀌었습니다: 행이 지워졌습니다(원래 {missing[0]}행"
                + (f" 외 {len(missing) - 1}개" if len(missing) > 1 else "")
                + "). 행을 지우지 말고 새로 내보낸 양식에 입력하세요."
            )
            return
        self.map = found

    def has(self, ref: str) -> bool:
        return self.map is None or _row_of(ref) in self.map

    def ref(self, ref: str) -> str:
        """The stamp's coordinate as it is in the sheet now."""
        if self.map is None:
            return ref
        letters = ref.rstrip("0123456789")
        return f"{letters}{self.map.get(_row_of(ref), _row_of(ref))}"

    def inserted(self, first: int, last: int) -> list[int]:
        """Inserted rows inside the block of written rows ``first``..``last`` (or just below it)."""
        if self.map is None:
            return []
        lo = self.map.get(first - 1, self.map.get(first, 0))
        hi = self.map.get(last + 1)
        if hi is None:
            hi = max(self.map.get(last, 0) + 1, 0)
        return [r for r in self.free if lo < r < hi]


def _row_of(ref: str) -> int:
    return int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def _blocks(rec: dict, cid: int) -> list[dict]:
    """The stamp's repeating blocks, checked (a malformed one is ignored)."""
    out = []
    blocks = rec.get("blocks")
    if not isinstance(blocks, list):
        return out
    for b in blocks:
        if not (
            isinstance(b, dict)
            and b.get("model") in ("DeliveryStep", "Partner", "Evaluation", "Indicator")
            and isinstance(b.get("fixed"), dict)
            and b["fixed"].get("card_id") == cid
            and isinstance(b.get("label"), str)
            and isinstance(b.get("first"), int)
            and isinstance(b.get("last"), int)
            and isinstance(b.get("cols"), list)
        ):
            continue
        if b["model"] == "Evaluation" and b["fixed"].get("kind") not in ("monitoring", "self"):
            continue
        cols = []
        for c in b["cols"]:
            if (
                isinstance(c, list)
                and len(c) == 3
                and isinstance(c[0], int)
                and 1 <= c[0] <= 10
                and FIELD_KINDS.get((b["model"], c[1])) == c[2]
            ):
                cols.append(tuple(c))
        if cols:
            out.append({**b, "cols": cols})
    return out


def _logged_row(s, model: str, mapped: Any) -> tuple[Any, int | None]:
    """The row an earlier import added: logged as ``[id, uid]`` (or a bare id before uids)."""
    if isinstance(mapped, list) and len(mapped) == 2:
        ident, uid = mapped
    else:
        ident, uid = mapped, None
    if isinstance(ident, bool) or not isinstance(ident, int):
        return None, None
    obj = s.get(ALL_MODELS[model], ident)
    if obj is not None and uid is not None and obj.uid != uid:
        return None, None
    return obj, ident


def value_warnings(entry: DiffEntry, unit: str = "") -> list[str]:
    """Warnings on one typed value that the user must confirm before it is applied."""
    out = []
    v = entry.new
    if entry.kind == "money" and isinstance(v, Decimal) and v >= MONEY_PLAUSIBLE:
        out.append(
            f"{format_money(v)}백만원은 시·군·구 예산보다 자릿수가 많습니다. 단위(백만원)를 확인하세요."
        )
    if entry.kind == "measure":
        text = measure_warning(v, unit)
        if text:
            out.append(text)
    return out


def _belongs(obj, model: str, pid: int | None, cid: int) -> bool:
    if model == "Project":
        return obj.id == pid
    if model == "Card":
        return obj.id == cid
    return getattr(obj, "card_id", None) == cid


class _Prefetch:
    """The rows every sheet of one workbook can name, read in a few queries.

    Reading a 433-sheet workbook asked the session for each project, card and row on
    its own (``s.get``) and for each card's rows five times (``_row_labels``): some
    20,000 queries. Loaded here at once, the session's identity map answers ``s.get``
    without SQL (``held`` keeps the instances alive: the map holds them weakly) and
    ``_row_labels`` reads ``by_card``.
    """

    CHUNK = 500  # ids per IN list (SQLite's variable limit)

    def __init__(self, s, sheets: list):
        recs = [r for r in sheets if isinstance(r, dict)]
        card_ids = sorted({r["card_id"] for r in recs if isinstance(r.get("card_id"), int)})
        project_ids = sorted(
            {r["project_id"] for r in recs if isinstance(r.get("project_id"), int)}
        )
        self.held: list = []
        self.by_card: dict[str, dict[int, list]] = {}
        for cls, ids in ((m.Project, project_ids), (m.Card, card_ids)):
            for i in range(0, len(ids), self.CHUNK):
                self.held += s.exec(select(cls).where(cls.id.in_(ids[i : i + self.CHUNK]))).all()
        for model in ("DeliveryStep", "Indicator", "Partner", "BudgetLine", "Evaluation"):
            cls = ALL_MODELS[model]
            groups = self.by_card.setdefault(model, {})
            for i in range(0, len(card_ids), self.CHUNK):
                chunk = card_ids[i : i + self.CHUNK]
                q = select(cls).where(cls.card_id.in_(chunk)).order_by(cls.position, cls.id)
                for r in s.exec(q).all():
                    groups.setdefault(r.card_id, []).append(r)
                    self.held.append(r)


def _row_labels(s, card_id: int, pre: _Prefetch | None = None) -> dict[tuple[str, int], str]:
    """'성과지표 2', '재원 시·도비', '모니터링 3' … for the rows of a card, by (model, id)."""

    def rows_of(model: str) -> list:
        if pre is not None and card_id in pre.by_card.get(model, {}):
            return pre.by_card[model][card_id]
        if pre is not None:
            return []  # the card has no such rows (every row of the card was read)
        cls = ALL_MODELS[model]
        q = select(cls).where(cls.card_id == card_id).order_by(cls.position, cls.id)
        return list(s.exec(q).all())

    out: dict[tuple[str, int], str] = {}
    for model, title in (
        ("DeliveryStep", "지원 절차"),
        ("Indicator", "성과지표"),
        ("Partner", "추진체계"),
    ):
        for i, r in enumerate(rows_of(model), start=1):
            out[(model, r.id)] = f"{title} {i}"
    for r in rows_of("BudgetLine"):
        name = f" {r.source_name}" if r.source_name else ""
        out[("BudgetLine", r.id)] = f"재원 {SOURCE_LABEL.get(r.source, r.source)}{name}"
    evals = rows_of("Evaluation")
    for kind, title in (("monitoring", "모니터링"), ("self", "자체평가")):
        for i, r in enumerate((e for e in evals if e.kind == kind), start=1):
            out[("Evaluation", r.id)] = f"{title} {i}"
    return out


def read_workbooks(
    store, paths: Sequence[str | Path], year: int | None = None, progress=None
) -> ImportPlan:
    """Read returned department workbooks into an ``ImportPlan``; never writes.

    A workbook that cannot be recognised (not an xlsx, damaged, another plan or
    year, no stamp) raises InterchangeError naming the file; a cell that cannot
    be read goes to ``plan.errors`` with its sheet!cell reference.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise InterchangeError("가져올 통합문서를 고르세요.")
    reader = _Reader(store, year)
    for i, path in enumerate(paths):
        if progress is not None:
            progress.report(i, len(paths), f"{path.name} 읽는 중…")
        with unreadable_file(path.name):
            reader.read(path)
    if progress is not None:
        progress.report(len(paths), len(paths), "비교 완료")
    return reader.plan


# --------------------------------------------------------------------------- applying
def _check_entries(plan: ImportPlan, accepted: Iterable[DiffEntry] | None) -> list[DiffEntry]:
    if accepted is None:
        return list(plan.entries)
    keys = {id(e) for e in plan.entries}
    by_key = {e.key: e for e in plan.entries}
    out, seen = [], set()
    for e in accepted:
        if id(e) not in keys and by_key.get(getattr(e, "key", None)) is None:
            raise InterchangeError("이 가져오기에 없는 항목은 적용할 수 없습니다.")
        if e.key in seen:
            continue
        seen.add(e.key)
        out.append(by_key[e.key] if id(e) not in keys else e)
    return out


def apply_import(
    store, plan: ImportPlan, accepted_entries: Iterable[DiffEntry] | None = None, progress=None
) -> ApplyResult:
    """Write the accepted entries (default: all) in one transaction; nothing on any error."""
    if store.read_only:
        raise InterchangeError("읽기 전용으로 연 계획에는 가져올 수 없습니다.")
    if plan.errors:
        head = "\n".join(f"- {e}" for e in plan.errors[:10])
        more = f"\n… 외 {len(plan.errors) - 10}건" if len(plan.errors) > 10 else ""
        raise InterchangeError(
            f"통합문서에 고칠 곳이 {len(plan.errors)}군데 있어 가져오지 않았습니다 (아무것도 바뀌지 않음):\n{head}{more}"
        )
    accepted = _check_entries(plan, accepted_entries)
    if not accepted:
        return ApplyResult()
    existing = [e for e in accepted if e.row_id is not None]
    new_groups: dict[str, list[DiffEntry]] = {}
    for e in accepted:
        if e.row_id is None:
            if e.group not in plan.new_rows:
                raise InterchangeError("새 행의 정보가 없습니다. 다시 가져오세요.")
            new_groups.setdefault(e.group, []).append(e)
    edits = [
        FieldEdit(
            ALL_MODELS[e.model],
            e.row_id,
            e.field,
            e.new,
            expect=lambda current, e=e: (
                xc.canon(normal(e.kind, current)) == xc.canon(normal(e.kind, e.old))
            ),
            ref=e,
        )
        for e in existing
    ]
    inserts = []
    for gkey, entries in new_groups.items():
        nr = plan.new_rows[gkey]
        values = dict(nr.fixed)
        for e in entries:
            values[e.field] = e.new
        inserts.append(RowInsert(ALL_MODELS[nr.model], values, nr.log_key, ref=nr))
    # what each workbook cell last brought in (so a corrected resend that clears a value is a change)
    cells = {e.cell_key: xc.checksum(normal(e.kind, e.new)) for e in accepted if e.cell_key}
    ledger = (plan.year, IMPORT_LOG_KEY) if plan.year is not None else None
    try:
        return store.apply_batch(edits, inserts, ledger, {"cells": cells} if cells else None)
    except StaleEditError as exc:
        if exc.reason == "parent":
            raise InterchangeError(
                f"{exc.ref.label}: 사업 카드가 삭제되어 행을 추가할 수 없습니다."
            ) from exc
        e = exc.ref
        what = "그 행이 삭제되었습니다" if exc.reason == "gone" else "계획이 바뀌었습니다"
        raise InterchangeError(
            f"{e.project} · {e.field_label}: 검토하는 동안 {what}. 다시 가져오세요 (아무것도 바뀌지 않음)."
        ) from exc
    except SbdeskError:
        raise
    except Exception as exc:  # rolled back; the user gets a clear message
        raise InterchangeError(
            f"가져오기를 적용하지 못했습니다 (아무것도 바뀌지 않음): {exc}"
        ) from exc

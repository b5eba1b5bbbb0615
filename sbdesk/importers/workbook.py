"""Workbooks in: read returned department workbooks, show a per-field diff, apply all-or-nothing.

``read_workbooks`` only reads (the plan file is never written): it recognises
each workbook by its stamp (``xlsx_cards``), refuses a workbook of another plan
or year or of an unknown layout, reads every input cell the way people type
("1,300명", "85 %", "1,317", "-", full-width digits, trailing spaces, a merged
cell) and compares three values per field:

- the value exported (its checksum is in the stamp),
- the value in the workbook now,
- the value in the plan now.

A field whose workbook value equals the exported one was not touched by the
department and is left alone; one whose workbook value equals the plan's is
already applied. Everything else is a ``DiffEntry``; it is a *conflict* when
the plan, too, was changed in the app since the export.

``apply_import`` writes the accepted entries in ONE transaction: on any error
nothing is written. Rows added in a spare row are remembered (by export id) in
the plan, so importing the same workbook again changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    display,
    normal,
    parse_value,
)
from sbdesk.services.errors import InterchangeError, SbdeskError

#: YearText key under which rows added from workbooks are remembered (export/sheet/group → row id).
IMPORT_LOG_KEY = "xlsx_import_rows"

ALL_MODELS = {**MODELS, "BudgetListItem": m.BudgetListItem}
_COORD = re.compile(r"^[A-Z]{1,3}[1-9][0-9]{0,6}$")
_KEY = re.compile(
    r"^(?:(?P<model>[A-Za-z]+):(?P<id>[0-9]{1,12})|(?P<group>\+[A-Za-z]+#[0-9]{1,4})):(?P<field>[a-z_]{1,40})$"
)


@dataclass
class DiffEntry:
    """One field that would change: where, what, from what to what."""

    key: str
    model: str
    row_id: int | None
    field: str
    kind: str
    project_code: str
    project_name: str
    field_label: str
    old: Any
    new: Any
    conflict: bool = False
    source: str = ""  # 'file.xlsx' I-1-1!G23
    group: str | None = None  # a new row's group key
    old_shown: str | None = None  # display overrides (project numbers of a budget-list row)
    new_shown: str | None = None

    @property
    def old_text(self) -> str:
        if self.group and self.row_id is None:
            return "(새 행)"
        return self.old_shown if self.old_shown is not None else display(self.kind, self.old)

    @property
    def new_text(self) -> str:
        return self.new_shown if self.new_shown is not None else display(self.kind, self.new)

    @property
    def project(self) -> str:
        return f"{self.project_code} {self.project_name}".strip()

    def describe(self) -> str:
        mark = " [충돌: 내보낸 뒤 앱에서도 바뀜]" if self.conflict else ""
        return f"{self.project} · {self.field_label}: '{self.old_text}' → '{self.new_text}'{mark}"


@dataclass
class NewRow:
    """A row to add when any of its entries is accepted."""

    group: str
    model: str
    fixed: dict[str, Any]  # parent and required values (card_id, kind, source, year, serial …)
    label: str
    log_key: str | None = None


@dataclass
class ImportPlan:
    """What an import would do; nothing is written until ``apply_import``."""

    kind: str  # "cards" | "budget_list"
    year: int | None
    files: list[str] = field(default_factory=list)
    entries: list[DiffEntry] = field(default_factory=list)
    new_rows: dict[str, NewRow] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file!sheet" whose project is gone

    @property
    def conflicts(self) -> list[DiffEntry]:
        return [e for e in self.entries if e.conflict]

    def merge(self, other: ImportPlan) -> ImportPlan:
        """Both plans in one (one confirmation, one transaction)."""
        if self.year is not None and other.year is not None and self.year != other.year:
            raise InterchangeError(
                f"서로 다른 연도({self.year}년, {other.year}년)의 파일은 함께 가져올 수 없습니다."
            )
        out = ImportPlan(
            kind=self.kind if self.kind == other.kind else "mixed", year=self.year or other.year
        )
        out.files = self.files + other.files
        out.entries = self.entries + other.entries
        out.new_rows = {**self.new_rows, **other.new_rows}
        out.errors = self.errors + other.errors
        out.notes = self.notes + other.notes
        out.skipped = self.skipped + other.skipped
        return out

    def summary(self) -> str:
        n = len(self.entries)
        parts = [f"바뀌는 항목 {n}개"]
        if self.new_rows:
            used = {e.group for e in self.entries if e.group}
            if used:
                parts.append(f"새 행 {len(used)}개")
        if self.conflicts:
            parts.append(f"충돌 {len(self.conflicts)}개")
        if self.errors:
            parts.append(f"오류 {len(self.errors)}개")
        return ", ".join(parts)


@dataclass
class ApplyResult:
    """What ``apply_import`` wrote, enough to undo and redo it."""

    changed: list[tuple[str, int, str, Any, Any]] = field(
        default_factory=list
    )  # model, id, field, old, new
    created: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # model, full row data
    log_before: dict | None = None
    log_after: dict | None = None
    year: int | None = None

    @property
    def empty(self) -> bool:
        return not self.changed and not self.created

    def summary(self) -> str:
        return f"값 {len(self.changed)}개를 바꾸고 행 {len(self.created)}개를 추가했습니다."


# --------------------------------------------------------------------------- reading
def format_plan(plan: ImportPlan) -> str:
    """The diff as text (CLI --dry-run and messages)."""
    out: list[str] = []
    current = None
    for e in plan.entries:
        if e.project != current:
            current = e.project
            out.append(f"[{current}]")
        mark = "  ※충돌" if e.conflict else ""
        out.append(
            f"  {e.field_label}: {e.old_text or '(빈칸)'} → {e.new_text or '(빈칸)'}{mark}   ({e.source})"
        )
    if not plan.entries:
        out.append("바뀌는 항목이 없습니다.")
    for n in plan.notes:
        out.append(f"참고: {n}")
    for err in plan.errors:
        out.append(f"오류: {err}")
    out.append(plan.summary())
    return "\n".join(out)


def _bad_stamp(name: str, why: str = "") -> InterchangeError:
    extra = f" ({why})" if why else ""
    return InterchangeError(
        f"'{name}'의 sbdesk 식별 정보가 이 계획과 맞지 않거나 손상되었습니다{extra}. 새로 내보낸 통합문서를 사용하세요."
    )


def _load_log(s, year: int) -> tuple[m.YearText | None, dict]:
    row = s.exec(
        select(m.YearText).where(m.YearText.year == year, m.YearText.key == IMPORT_LOG_KEY)
    ).first()
    rows = {}
    if row is not None and isinstance(row.value, dict) and isinstance(row.value.get("rows"), dict):
        rows = dict(row.value["rows"])
    return row, rows


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

    # ---- one file
    def read(self, path: Path) -> None:
        name = path.name
        wb = xc.read_book(path)
        stamp = xc.read_stamp(wb, name)
        if stamp is None:
            from sbdesk.export.xlsx.budget_list import looks_like_budget_list

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
        before = len(self.plan.entries) + len(self.plan.errors)
        with self.store.session() as s:
            _, log = _load_log(s, year)
            for rec in sheets:
                ws, cells = self._check_sheet(s, name, wb, rec, year)
                if ws is None:
                    continue
                needs_values = any(ws[c[0]].data_type == "f" for c in cells)
                if needs_values and formula_wb is None:
                    formula_wb = xc.read_book(path, data_only=True)
                self._read_sheet(s, name, ws, rec, cells, export_id, log, formula_wb)
        if len(self.plan.entries) + len(self.plan.errors) == before:
            self.plan.notes.append(
                f"'{name}': 계획과 다른 값이 없습니다 (바뀐 값이 없거나 이미 반영됨)."
            )

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
            self.plan.errors.append(
                f"'{name}': 시트 '{sheet}'({self.codes.get(pid, '')} {project.name})이(가) 없습니다. "
                "시트를 지우거나 이름을 바꾸지 마세요."
            )
            return None, None
        ws = wb[sheet]
        for ref, text in labels:
            cell = ws[ref]
            value = None if cell.merged_hidden else cell.value
            if xc.canon(value) != xc.canon(text):
                self.plan.errors.append(
                    f"'{name}' {sheet}!{ref}: 양식이 바뀌었습니다 ('{text}'이(가) 있어야 할 칸). "
                    "행이나 열을 넣거나 지우지 말고 새로 내보낸 양식에 입력하세요. 이 시트는 읽지 않았습니다."
                )
                return None, None
        return ws, cells

    def _read_sheet(
        self, s, name: str, ws, rec: dict, cells: list, export_id: str, log: dict, formula_wb
    ) -> None:
        pid, cid = rec["project_id"], rec["card_id"]
        project = s.get(m.Project, pid)
        code = self.codes.get(pid, rec.get("code", ""))
        groups: dict[str, dict] = rec["groups"]
        group_cells: dict[str, list[tuple[str, str, str, Any]]] = {}
        row_labels = _row_labels(s, cid)
        for ref, key, kind, exp_h in cells:
            km = _KEY.match(key)
            fld = km.group("field")
            gname = km.group("group")
            model = km.group("model") or groups[gname]["model"]
            label = FIELD_LABELS[(model, fld)]
            where = f"'{name}' {ws.title}!{ref}"
            try:
                raw = xc.cell_raw(ws, ref)
                if ws[ref].data_type == "f":
                    raw = formula_wb[ws.title][ref].value if formula_wb is not None else None
                    if raw is None:
                        raise xc.CellProblem(
                            xc.ref_of(ws, ref),
                            "수식의 값을 읽을 수 없습니다. 값으로 붙여넣어 입력하세요.",
                        )
                text = xc.cell_text(ws, ref, raw, grouped_numbers=kind == "measure")
                value = parse_value(kind, text, raw, label)
            except xc.CellProblem as exc:
                self.plan.errors.append(f"'{name}' {exc.ref} ({code} {label}): {exc.message}")
                continue
            except ValueProblem as exc:
                self.plan.errors.append(f"{where} ({code}): {exc}")
                continue
            if gname:
                group_cells.setdefault(gname, []).append((fld, kind, exp_h, value, where))
                continue
            if kind == "source" and not value:
                self.plan.errors.append(
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
                self.plan.errors.append(
                    f"{items[0][4]} ({code} {label}): 재원을 고르세요 (국비, 시·도비, 시·군·구비, 기타)."
                )
                return
            label = f"재원 {SOURCE_LABEL.get(src, src)} (추가)"
        if model == "Indicator" and not (values.get("name") or "").strip():
            where = next((w for f, _k, _h, _v, w in items if f == "name"), items[0][4])
            self.plan.errors.append(
                f"{where} ({code} {label}): 새 성과지표의 성과지표 명을 입력하세요."
            )
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


def _belongs(obj, model: str, pid: int | None, cid: int) -> bool:
    if model == "Project":
        return obj.id == pid
    if model == "Card":
        return obj.id == cid
    return getattr(obj, "card_id", None) == cid


def _row_labels(s, card_id: int) -> dict[tuple[str, int], str]:
    """'성과지표 2', '재원 시·도비', '모니터링 3' … for the rows of a card, by (model, id)."""
    out: dict[tuple[str, int], str] = {}
    for model, title in (
        ("DeliveryStep", "지원 절차"),
        ("Indicator", "성과지표"),
        ("Partner", "추진체계"),
    ):
        cls = MODELS[model]
        rows = s.exec(
            select(cls).where(cls.card_id == card_id).order_by(cls.position, cls.id)
        ).all()
        for i, r in enumerate(rows, start=1):
            out[(model, r.id)] = f"{title} {i}"
    for r in s.exec(select(m.BudgetLine).where(m.BudgetLine.card_id == card_id)).all():
        name = f" {r.source_name}" if r.source_name else ""
        out[("BudgetLine", r.id)] = f"재원 {SOURCE_LABEL.get(r.source, r.source)}{name}"
    for kind, title in (("monitoring", "모니터링"), ("self", "자체평가")):
        rows = s.exec(
            select(m.Evaluation)
            .where(m.Evaluation.card_id == card_id, m.Evaluation.kind == kind)
            .order_by(m.Evaluation.position, m.Evaluation.id)
        ).all()
        for i, r in enumerate(rows, start=1):
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
        try:
            reader.read(path)
        except SbdeskError:
            raise
        except Exception as exc:  # noqa: BLE001 - a hostile file must end in a clear message
            raise InterchangeError(
                f"'{path.name}'을(를) 읽을 수 없습니다: 알 수 없는 양식이거나 손상된 통합문서입니다."
            ) from exc
    if progress is not None:
        progress.report(len(paths), len(paths), "비교 완료")
    return reader.plan


# --------------------------------------------------------------------------- applying
def _sibling_position(s, model: str, values: dict[str, Any]) -> int:
    cls = ALL_MODELS[model]
    if "position" not in cls.__table__.columns.keys():
        return 0
    q = select(cls).where(cls.card_id == values["card_id"])
    if model == "Evaluation":
        q = q.where(m.Evaluation.kind == values.get("kind", "monitoring"))
    rows = s.exec(q).all()
    return max((r.position for r in rows), default=-1) + 1


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
    result = ApplyResult(year=plan.year)
    if not accepted:
        return result
    existing = [e for e in accepted if e.row_id is not None]
    new_groups: dict[str, list[DiffEntry]] = {}
    for e in accepted:
        if e.row_id is None:
            if e.group not in plan.new_rows:
                raise InterchangeError("새 행의 정보가 없습니다. 다시 가져오세요.")
            new_groups.setdefault(e.group, []).append(e)
    try:
        with store.session() as s:
            for e in existing:
                cls = ALL_MODELS[e.model]
                obj = s.get(cls, e.row_id)
                if obj is None:
                    raise InterchangeError(
                        f"{e.project} · {e.field_label}: 검토하는 동안 그 행이 삭제되었습니다. 다시 가져오세요 (아무것도 바뀌지 않음)."
                    )
                current = getattr(obj, e.field)
                if xc.canon(normal(e.kind, current)) != xc.canon(normal(e.kind, e.old)):
                    raise InterchangeError(
                        f"{e.project} · {e.field_label}: 검토하는 동안 계획이 바뀌었습니다. 다시 가져오세요 (아무것도 바뀌지 않음)."
                    )
                value = store.coerce(cls, e.field, e.new)
                setattr(obj, e.field, value)
                s.add(obj)
                result.changed.append((e.model, e.row_id, e.field, current, value))
            log_row = None
            log_rows: dict = {}
            if plan.year is not None and any(plan.new_rows[g].log_key for g in new_groups):
                log_row, log_rows = _load_log(s, plan.year)
                result.log_before = dict(log_rows)
            for gkey, entries in new_groups.items():
                nr = plan.new_rows[gkey]
                cls = ALL_MODELS[nr.model]
                values = {k: store.coerce(cls, k, v) for k, v in nr.fixed.items()}
                for e in entries:
                    values[e.field] = store.coerce(cls, e.field, e.new)
                if nr.model != "BudgetListItem":
                    if s.get(m.Card, values.get("card_id")) is None:
                        raise InterchangeError(
                            f"{nr.label}: 사업 카드가 삭제되어 행을 추가할 수 없습니다."
                        )
                    values["position"] = _sibling_position(s, nr.model, values)
                obj = cls(**values)
                s.add(obj)
                s.flush()
                result.created.append(
                    (nr.model, {c: getattr(obj, c) for c in cls.__table__.columns.keys()})
                )
                if nr.log_key:
                    log_rows[nr.log_key] = [obj.id, obj.uid]
            if result.log_before is not None:
                if log_row is None:
                    log_row = m.YearText(
                        year=plan.year, key=IMPORT_LOG_KEY, value={"rows": log_rows}
                    )
                else:
                    log_row.value = {"rows": dict(log_rows)}
                s.add(log_row)
                result.log_after = dict(log_rows)
    except SbdeskError:
        raise
    except Exception as exc:  # noqa: BLE001 - rolled back; the user gets a clear message
        raise InterchangeError(
            f"가져오기를 적용하지 못했습니다 (아무것도 바뀌지 않음): {exc}"
        ) from exc
    return result


def _set_log(s, year: int, rows: dict | None) -> None:
    row, _ = _load_log(s, year)
    if rows is None:
        if row is not None:
            s.delete(row)
        return
    if row is None:
        row = m.YearText(year=year, key=IMPORT_LOG_KEY, value={"rows": dict(rows)})
    else:
        row.value = {"rows": dict(rows)}
    s.add(row)


def revert_import(store, result: ApplyResult) -> None:
    """Undo an applied import in one transaction (old values back, added rows removed)."""
    try:
        with store.session() as s:
            for model, data in reversed(result.created):
                obj = s.get(ALL_MODELS[model], data["id"])
                if obj is not None:
                    s.delete(obj)
            for model, ident, fld, old, _new in reversed(result.changed):
                obj = s.get(ALL_MODELS[model], ident)
                if obj is None:
                    raise InterchangeError("가져온 뒤 그 행이 삭제되어 되돌릴 수 없습니다.")
                setattr(obj, fld, old)
                s.add(obj)
            if result.year is not None and (
                result.log_before is not None or result.log_after is not None
            ):
                _set_log(s, result.year, result.log_before or None)
    except SbdeskError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise InterchangeError(f"가져오기를 되돌리지 못했습니다: {exc}") from exc


def reapply_import(store, result: ApplyResult) -> None:
    """Redo an import undone by ``revert_import`` (same values, same row ids)."""
    try:
        with store.session() as s:
            for model, ident, fld, _old, new in result.changed:
                obj = s.get(ALL_MODELS[model], ident)
                if obj is None:
                    raise InterchangeError("그 행이 삭제되어 가져오기를 다시 적용할 수 없습니다.")
                setattr(obj, fld, new)
                s.add(obj)
            for model, data in result.created:
                s.add(ALL_MODELS[model](**data))
            if result.year is not None and result.log_after is not None:
                _set_log(s, result.year, result.log_after)
    except SbdeskError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise InterchangeError(f"가져오기를 다시 적용하지 못했습니다: {exc}") from exc

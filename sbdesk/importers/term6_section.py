"""Reading back the 6th-term section of a department workbook card sheet (``export/xlsx/term6_section``).

``read_section(reader, s, name, ws, rec, project, code)`` is called by the
workbook reader for each card sheet. For every cell of the stamp's ``term6``
list it reads the value where the row is now, refuses a bad value with a Korean
message naming sheet!cell (the sheet's project is then not imported, as for any
bad cell), and turns a changed value into ``DiffEntry`` rows of the import plan:

- ``Project`` fields (6기 신규, 국고보조 예외, 기본계획 연계 전략 and 내용);
- a 4-year budget cell: ``amount`` and ``mark`` of its ``BasicBudget`` row, or a new
  row (project, year, source) when there is none yet;
- a 4-year indicator: its texts, and its ``targets`` (one entry with every typed
  year), or a new ``BasicIndicator`` from the spare block.

A value equal to what the plan holds now is no change; a value changed in the
app since the export is marked as a conflict.
"""

from __future__ import annotations

import re
from typing import Any

from sqlmodel import select

from sbdesk import models as m
from sbdesk.export.xlsx import common as xc
from sbdesk.export.xlsx import term6_section as ts
from sbdesk.export.xlsx import term6_values as tv
from sbdesk.export.xlsx.dept_workbook import ValueProblem
from sbdesk.models.fields import FUNDING_LABELS
from sbdesk.services.errors import InterchangeError
from sbdesk.services.numbers import format_money
from sbdesk.terms import rules_of

_KEY = re.compile(
    r"^(?:Project:(?P<pid>\d{1,12}):(?P<pfield>new_in_term|subsidy_exception|basic_plan_areas|basic_plan_link)"
    r"|BasicBudget:(?P<year>\d{4}):(?P<source>[a-z]{1,20})"
    r"|BasicIndicator:(?P<bid>\d{1,12}|\+1):(?:(?P<bfield>name|unit|data_source|definition|rationale)"
    r"|target:(?P<tyear>\d{4})))$"
)
KINDS = {ts.NEW, ts.AREAS, ts.SUBSIDY, ts.TEXT, ts.BUDGET, ts.TARGET}
LABELS = {
    "new_in_term": "6기 신규 여부",
    "subsidy_exception": "국고보조 예외",
    "basic_plan_areas": "기본계획 연계 전략",
    "basic_plan_link": "기본계획 연계 내용",
}


def _cells(rec: dict, name: str) -> list[list[str]]:
    cells = rec.get("term6")
    if cells is None:
        return []
    ok = isinstance(cells, list) and all(
        isinstance(c, list)
        and len(c) == 4
        and all(isinstance(x, str) for x in c)
        and re.fullmatch(r"[A-Z]{1,3}[1-9][0-9]{0,6}", c[0])
        and _KEY.match(c[1])
        and c[2] in KINDS
        for c in cells
    )
    if not ok:
        raise InterchangeError(
            f"'{name}'의 sbdesk 식별 정보(시트 {rec.get('sheet')}의 제6기 칸)가 손상되었습니다. "
            "sbdesk에서 새로 내보낸 통합문서를 쓰세요."
        )
    return cells


def _parse(kind: str, raw: Any, text: str, label: str, rules) -> Any:
    if kind == ts.NEW:
        return tv.parse_new(text, label)
    if kind == ts.AREAS:
        return tv.parse_areas(text, label, len(rules.basic_plan_areas))
    if kind == ts.SUBSIDY:
        return tv.parse_subsidy(text, label, rules)
    if kind == ts.BUDGET:
        return tv.parse_budget(raw, text, label)
    if kind == ts.TARGET:
        return tv.parse_target(text)
    return xc.clean_text(text).strip()


def _shown(kind: str, value: Any) -> str:
    if kind == ts.NEW:
        return tv.new_cell(value) or ""
    if kind == ts.AREAS:
        return tv.areas_cell(value) or ""
    if kind == "targets":
        return ", ".join(f"{y}년 {v}" for y, v in sorted((value or {}).items()))
    if kind == "money":
        return "" if value is None else format_money(value)
    return "" if value is None else str(value)


def read_section(reader, s, name: str, ws, rec: dict, project, code: str) -> None:
    """Read the sheet's 6th-term cells into ``reader.plan`` (see the module docstring)."""
    from sbdesk.importers.diff_types import DiffEntry, NewRow

    cells = _cells(rec, name)
    if not cells:
        return
    rules = rules_of(reader.store)
    pid = project.id
    budgets = {
        (b.year, b.source): b
        for b in s.exec(select(m.BasicBudget).where(m.BasicBudget.project_id == pid)).all()
    }
    inds = {
        bi.id: bi
        for bi in s.exec(select(m.BasicIndicator).where(m.BasicIndicator.project_id == pid)).all()
    }
    targets: dict[str, dict[str, Any]] = {}  # indicator base → {year: (value, where, changed)}
    spare: dict[str, tuple[Any, str]] = {}

    def add(key, model, row_id, fld, kind, label, old, new, where, conflict, group=None):
        entry = DiffEntry(
            key=key, model=model, row_id=row_id, field=fld, kind=kind, project_code=code,
            project_name=project.name, field_label=label, old=old, new=new, conflict=conflict,
            source=where, group=group, old_shown=_shown(kind, old), new_shown=_shown(kind, new),
        )  # fmt: skip
        reader._add(entry)

    for ref, key, kind, exp_h in cells:
        now = reader.rows.ref(ref)
        reader.rows.used.add(now)
        where = f"'{name}' {ws.title}!{now}"
        km = _KEY.match(key)
        if km.group("pid") and int(km.group("pid")) != pid:
            raise InterchangeError(
                f"'{name}'의 sbdesk 식별 정보(시트 {ws.title})가 손상되었습니다."
            )
        fld = km.group("pfield") or km.group("bfield") or ("target" if km.group("tyear") else "")
        if km.group("year"):
            label = f"{km.group('year')}년 {FUNDING_LABELS.get(km.group('source'), '')} 사업비"
        elif km.group("tyear"):
            label = f"성과지표 {km.group('tyear')}년 목표"
        else:
            label = LABELS.get(fld) or ts.INDICATOR_LABELS.get(fld, fld)
        try:
            if ws[now].data_type == "f":
                raise ValueProblem(f"{label}: 수식은 읽지 않습니다. 값으로 붙여넣어 입력하세요.")
            raw = xc.cell_raw(ws, now)
            text = xc.cell_text(ws, now, raw)
            value = _parse(kind, raw, text, label, rules)
        except xc.CellProblem as exc:
            reader._err(f"'{name}' {exc.ref} ({code} {label}): {exc.message}")
            continue
        except ValueProblem as exc:
            reader._err(f"{where} ({code}): {exc}")
            continue
        typed_h = xc.checksum(ts.norm(kind, value))
        if km.group("pfield"):
            current = getattr(project, fld)
            if kind == ts.SUBSIDY:
                current = current or ""
            plan_h = xc.checksum(ts.norm(kind, current))
            if typed_h in (exp_h, plan_h):
                continue
            add(f"Project:{pid}:{fld}", "Project", pid, fld, kind, label, current, value, where,
                plan_h != exp_h)  # fmt: skip
        elif km.group("year"):
            year, source = int(km.group("year")), km.group("source")
            b = budgets.get((year, source))
            current = (b.amount, b.mark or "") if b is not None else (None, "")
            plan_h = xc.checksum(ts.norm(kind, current))
            if typed_h in (exp_h, plan_h):
                continue
            amount, mark = value
            conflict = plan_h != exp_h
            if b is not None:
                if xc.canon(amount) != xc.canon(b.amount):
                    add(f"BasicBudget:{b.id}:amount", "BasicBudget", b.id, "amount", "money",
                        label, b.amount, amount, where, conflict)  # fmt: skip
                if mark != (b.mark or ""):
                    add(f"BasicBudget:{b.id}:mark", "BasicBudget", b.id, "mark", "text",
                        f"{label} '/'", b.mark or "", mark, where, conflict)  # fmt: skip
                continue
            group = f"+BasicBudget@{pid}:{year}:{source}"
            reader.plan.new_rows[group] = NewRow(
                group=group, model="BasicBudget",
                fixed={"project_id": pid, "year": year, "source": source}, label=label,
            )  # fmt: skip
            if mark:
                add(f"{group}:mark", "BasicBudget", None, "mark", "text", label, "", mark, where,
                    conflict, group)  # fmt: skip
            else:
                add(f"{group}:amount", "BasicBudget", None, "amount", "money", label, None,
                    amount, where, conflict, group)  # fmt: skip
        else:
            bid = km.group("bid")
            base = f"BasicIndicator:{bid}"
            if bid == "+1":
                spare[key] = (value, where)
                continue
            bi = inds.get(int(bid))
            if bi is None:
                if typed_h != exp_h:
                    reader.plan.notes.append(
                        f"{where}: 성과지표 행이 앱에서 삭제되어 이 변경은 건너뜁니다."
                    )
                continue
            if km.group("tyear"):
                current = str((bi.targets or {}).get(km.group("tyear"), "") or "")
                plan_h = xc.checksum(ts.norm(kind, current))
                slot = targets.setdefault(base, {})
                slot[km.group("tyear")] = (value, where, typed_h not in (exp_h, plan_h),
                                           plan_h != exp_h)  # fmt: skip
                continue
            current = getattr(bi, fld) or ""
            plan_h = xc.checksum(ts.norm(kind, current))
            if typed_h in (exp_h, plan_h):
                continue
            add(f"{base}:{fld}", "BasicIndicator", bi.id, fld, "text",
                f"성과지표「{bi.name}」 {label}", current, value, where, plan_h != exp_h)  # fmt: skip
    for base, years in targets.items():
        changed = {y: v for y, v in years.items() if v[2]}
        if not changed:
            continue
        bi = inds[int(base.split(":")[1])]
        old = dict(bi.targets or {})
        new = dict(old)
        for y, (v, _w, _c, _x) in changed.items():
            if v:
                new[y] = v
            else:
                new.pop(y, None)
        where = ", ".join(w for _v, w, _c, _x in changed.values())
        conflict = any(x for _v, _w, _c, x in changed.values())
        add(f"{base}:targets", "BasicIndicator", bi.id, "targets", "targets",
            f"성과지표「{bi.name}」 연도별 목표", old, new, where, conflict)  # fmt: skip
    _spare_indicator(reader, spare, pid, code, project, add)


def _spare_indicator(reader, spare: dict, pid: int, code: str, project, add) -> None:
    from sbdesk.importers.diff_types import NewRow

    values: dict[str, Any] = {}
    targets: dict[str, str] = {}
    wheres = []
    for key, (value, where) in spare.items():
        fld = key.rsplit(":", 1)[1]
        if ":target:" in key:
            if value:
                targets[fld] = value
                wheres.append(where)
        elif value:
            values[fld] = value
            wheres.append(where)
    if not values and not targets:
        return
    where = wheres[0]
    if not values.get("name"):
        reader._err(f"{where} ({code} 성과지표): 새 성과지표의 성과지표명을 입력하세요.")
        return
    group = f"+BasicIndicator@{pid}"
    reader.plan.new_rows[group] = NewRow(
        group=group, model="BasicIndicator", fixed={"project_id": pid}, label="새 4년 성과지표"
    )
    for fld, value in values.items():
        add(f"{group}:{fld}", "BasicIndicator", None, fld, "text",
            f"새 성과지표 {ts.INDICATOR_LABELS[fld]}", "", value, where, False, group)  # fmt: skip
    if targets:
        add(f"{group}:targets", "BasicIndicator", None, "targets", "targets",
            "새 성과지표 연도별 목표", {}, targets, ", ".join(wheres), False, group)  # fmt: skip

"""Department workbooks out: one workbook per department, one sheet per project card.

Each sheet is laid out like the official card (첨부 1, row order of the
seed's lines 1827–1874): field labels are locked, input cells unlocked (sheet
protection without a password), fixed sets offer a drop-down, rows for
additions are left empty (pale yellow). The hidden stamp sheet records the
plan, the year, every input cell with the field it belongs to and a checksum of
the value exported, so a returned workbook is recognised and a change made in
the app since the export shows as a conflict (see ``importers.workbook``).

``FIELD_KINDS``/``FIELD_LABELS`` (derived from ``models.fields``) and ``parse_value``
are shared with the import, so what is written is exactly what is read back.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from sbdesk import models as m
from sbdesk.documents.wording import CARD_SECTIONS, funding_sum_labels
from sbdesk.export.xlsx import common as xc
from sbdesk.export.xlsx.common import ValueProblem
from sbdesk.models import fields
from sbdesk.models.fields import FUNDING_LABELS
from sbdesk.models.types import Direction, FundingSource, ReviewStatus
from sbdesk.services import compute, outputs
from sbdesk.services.errors import InterchangeError
from sbdesk.services.numbers import NumberError, format_money, parse_money
from sbdesk.terms import rules_for
from sbdesk.terms.term6 import CODE_KEYS as TERM6_CODE_KEYS

# --------------------------------------------------------------------------- the workbook's fields
#: The (model, field) pairs a department workbook carries, in no particular order.
#: Only these are ever read back. Kinds and labels come from ``models.fields``.
WORKBOOK_FIELDS: tuple[tuple[str, str], ...] = (
    ("Project", "name"),
    ("Project", "priority"),
    ("Project", "duplicate"),
    ("Project", "public_private"),
    # 6th term: the six classification codes (written only on a 6th-term card sheet)
    *(("Project", f) for f in TERM6_CODE_KEYS),
    *(
        ("Card", f)
        for f in (
            "department",
            "team",
            "officer",
            "phone",
            "background",
            "purpose",
            "legal_basis",
            "change_note",
            "target_criteria",
            "target_scale",
            "content_type",
            "content_detail",
            "delivery_agencies",
            "budget_note",
            "results",
            "effects",
            "improvements",
            "review_status",
        )
    ),
    ("DeliveryStep", "step"),
    ("DeliveryStep", "agency"),
    ("BudgetLine", "source"),
    ("BudgetLine", "source_name"),
    ("BudgetLine", "plan_amount"),
    ("BudgetLine", "annual_amount"),
    ("BudgetLine", "executed_amount"),
    *(
        ("Indicator", f)
        for f in (
            "name",
            "definition",
            "unit",
            "direction",
            "plan_target",
            "annual_target",
            "actual",
            "judgement",
            "rationale",
            "data_source",
        )
    ),
    ("Partner", "agency"),
    ("Partner", "role"),
    ("Partner", "cooperation"),
    ("Evaluation", "who"),
    ("Evaluation", "when"),
    ("Evaluation", "content"),
    ("Evaluation", "follow_up"),
    ("Evaluation", "reflected"),
)

#: (model, field) → kind (``models.fields`` kinds; a card's free text is "text").
FIELD_KINDS: dict[tuple[str, str], str] = {k: fields.field(*k).kind for k in WORKBOOK_FIELDS}
#: (model, field) → the official title printed beside its cell.
FIELD_LABELS: dict[tuple[str, str], str] = {k: fields.title(*k) for k in WORKBOOK_FIELDS}
T = fields.title

#: Fields that do not by themselves make a spare row "used" (they are pre-filled).
PREFILLED = {("BudgetLine", "source"), ("Indicator", "direction")}

MODELS = {
    "Project": m.Project,
    "Card": m.Card,
    "DeliveryStep": m.DeliveryStep,
    "BudgetLine": m.BudgetLine,
    "Indicator": m.Indicator,
    "Partner": m.Partner,
    "Evaluation": m.Evaluation,
}

SOURCE_ORDER = [s.value for s in FundingSource]
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
_CODE_RE = re.compile(r"^\s*(?:(?P<c>[①-⑮])|(?P<n>\d{1,2}))(?:[.)\s]|$)")
SOURCE_LABEL = {s.value: FUNDING_LABELS[s] for s in FundingSource}
#: The numbered names the official card prints for local sources (①시·도비 …).
SOURCE_MARK = {
    s.value: ("" if s == FundingSource.NATIONAL else "①②③"[i - 1]) + FUNDING_LABELS[s]
    for i, s in enumerate(FundingSource)
}
DIRECTION_LABEL = {d.value: fields.DIRECTION_LABELS[d] for d in Direction}
STATUS_VALUES = fields.values("Card.review_status")
JUDGEMENT_VALUES = fields.values("Indicator.judgement")
REFLECTED_VALUES = fields.values("Evaluation.reflected")
_SOURCES = ", ".join(SOURCE_LABEL.values())
_UP, _DOWN = DIRECTION_LABEL[Direction.HIGHER], DIRECTION_LABEL[Direction.LOWER]
_JUDGEMENTS = ", ".join(JUDGEMENT_VALUES)
_REFLECTED = ", ".join(REFLECTED_VALUES)


def _list_formula(labels) -> str:
    """A drop-down list for a DataValidation: '"a,b,c"'."""
    return '"' + ",".join(labels) + '"'


_SQUASH = re.compile(r"[\s·ㆍ•∙.,_\-]")


def _squash(text: str) -> str:
    return _SQUASH.sub("", xc.halfwidth(text)).lower()


FLAG_TRUE = {"o", "○", "◯", "ㅇ", "●", "y", "yes", "예", "해당", "true"}
FLAG_FALSE = {"x", "×", "✕", "✗", "ⅹ", "n", "no", "아니오", "아니요", "해당없음", "false"}
#: squashed word → stored value: the labels, the numbered marks, the synonyms and the values.
SOURCE_ALIASES: dict[str, str] = {
    _squash(word): str(value)
    for word, value in [
        *((v, v) for v in SOURCE_ORDER),
        *((label, src) for src, label in FUNDING_LABELS.items()),
        *((mark, src) for src, mark in SOURCE_MARK.items()),
        *fields.SOURCE_SYNONYMS.items(),
    ]
}
DIRECTION_ALIASES: dict[str, str] = {
    _squash(word): str(value)
    for word, value in [
        *((d.value, d.value) for d in Direction),
        *((label, d) for d, label in fields.DIRECTION_LABELS.items()),
        *fields.DIRECTION_SYNONYMS.items(),
    ]
}


def display(kind: str, value: Any) -> str:
    """A model value as the user reads it (in the diff, in messages)."""
    if value is None or value == "":
        return ""
    if kind == "flag":
        return "O" if value else "X"
    if kind == "money":
        return format_money(value)
    if kind == "source":
        return SOURCE_LABEL.get(value, str(value))
    if kind == "direction":
        return DIRECTION_LABEL.get(value, str(value))
    if kind == "project_codes":
        return ", ".join(value) if isinstance(value, (list, tuple)) else str(value)
    if kind == "code" and isinstance(value, int) and 1 <= value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    return str(value)


def normal(kind: str, value: Any) -> Any:
    """A model value the way it reads back from a cell (for checksums and comparisons)."""
    if kind in ("text", "name"):
        text = xc.clean_text(value).replace("\r\n", "\n").replace("\r", "\n")
        return "\n".join(ln.rstrip() for ln in text.split("\n")).strip()
    if kind == "measure":
        return xc.halfwidth(xc.clean_text(value)).strip()
    if kind == "status":
        return value or ReviewStatus.DRAFT.value
    if kind == "source":
        return value or ""
    return value


def cell_value_for(kind: str, value: Any) -> Any:
    """What is written into an input cell for a model value."""
    if kind == "money":
        return xc.money_cell_value(value)
    if kind in ("flag", "source", "direction", "code"):
        return display(kind, value) or None
    return value if value not in ("",) else None


def parse_value(kind: str, text: str, raw: Any, label: str) -> Any:
    """Turn the text of an input cell into the model value of ``kind``, or raise ValueProblem.

    ``raw`` is the cell's own value (a number stays exact: 189.5 → Decimal('189.5')).
    """
    if kind in ("text",):
        return text
    if kind == "name":
        if not text:
            raise ValueProblem(f"{label}은(는) 비워 둘 수 없습니다.")
        return text
    if kind == "measure":
        text = xc.halfwidth(text).strip()
        return text[1:].strip() if text.startswith("'") else text  # LibreOffice's text mark
    if kind == "money":
        try:
            if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
                value = parse_money(raw, label)
                if value is not None and value < 0:
                    raise NumberError(f"{label}: 음수({format_money(value)})는 입력할 수 없습니다.")
                return value
            return parse_money(text, label)
        except NumberError as exc:
            raise ValueProblem(str(exc)) from exc
    if kind == "code":  # a classification code: "②", "2", "② 개인 및 가구"
        text = xc.halfwidth(text).strip()
        if not text:
            return None
        cm = _CODE_RE.match(text)
        if cm is None:
            raise ValueProblem(
                f"{label}: '{text}'은(는) 코드 번호가 아닙니다. ①, ② … 중 하나를 적으세요."
            )
        return _CIRCLED.index(cm.group("c")) + 1 if cm.group("c") else int(cm.group("n"))
    key = _squash(text)
    if kind == "flag":
        if key in FLAG_TRUE:
            return True
        if key in FLAG_FALSE:
            return False
        if not key:
            raise ValueProblem(f"{label}: O 또는 X를 입력하세요 (빈칸은 안 됩니다).")
        raise ValueProblem(f"{label}: '{text}'은(는) O/X가 아닙니다. O 또는 X를 입력하세요.")
    if kind == "source":
        if not key:
            return ""
        if key in SOURCE_ALIASES:
            return SOURCE_ALIASES[key]
        raise ValueProblem(f"{label}: '{text}'은(는) 재원이 아닙니다. {_SOURCES} 중에서 고르세요.")
    if kind == "direction":
        if key in DIRECTION_ALIASES:
            return DIRECTION_ALIASES[key]
        raise ValueProblem(
            f"{label}: '{text}'은(는) 지표 방향이 아닙니다. {_UP} 또는 {_DOWN}을 고르세요."
        )
    if kind in CHOICES:
        values, what, hint, blank = CHOICES[kind]
        if not key:
            return blank
        for v in values:
            if key == _squash(v):
                return v
        raise ValueProblem(f"{label}: '{text}'은(는) {what} 아닙니다. {hint}")
    raise ValueProblem(f"{label}: 알 수 없는 항목입니다.")  # pragma: no cover - registry is closed


#: kind → (allowed values, what it is (with its particle), hint, value of a blank cell)
CHOICES = {
    "judgement": (JUDGEMENT_VALUES, "판정이", f"{_JUDGEMENTS} 중에서 고르거나 비워 두세요.", None),
    "reflected": (
        REFLECTED_VALUES,
        "반영 여부가",
        f"{_REFLECTED} 중에서 고르세요.",
        None,
    ),
    "status": (
        STATUS_VALUES,
        "작성 상태가",
        f"{', '.join(STATUS_VALUES)} 중에서 고르세요.",
        ReviewStatus.DRAFT.value,
    ),
}


# --------------------------------------------------------------------------- the sheet writer
COLS = 10  # A..J
WIDTHS = [11, 13, 11.5, 11.5, 11.5, 11.5, 11.5, 11.5, 11.5, 11.5]
BODY = xc.font(9.5)
BOLD = xc.font(9.5, bold=True)
SMALL = xc.font(8.5, color="595959")

VALIDATIONS = {
    "flag": ('"O,X"', "O 또는 X를 고르세요."),
    "source": (
        _list_formula(SOURCE_LABEL.values()),
        f"{_SOURCES} 중에서 고르세요.",
    ),
    "direction": (
        _list_formula(DIRECTION_LABEL.values()),
        f"{_UP}(높을수록 좋음) 또는 {_DOWN}(낮을수록 좋음)을 고르세요.",
    ),
    "judgement": (
        _list_formula(JUDGEMENT_VALUES),
        "정성 목표(예: 만족 이상)의 판정: 달성 또는 미달성. 수치 목표는 비워 두세요.",
    ),
    "reflected": (_list_formula(REFLECTED_VALUES), f"{_REFLECTED} 중에서 고르세요."),
    "status": (_list_formula(STATUS_VALUES), "작성 상태를 고르세요."),
}


@dataclass
class InputCell:
    ref: str
    key: str  # "Card:12:department" or "+Indicator#1:name" (a spare row)
    kind: str
    value: Any  # the model value exported


@dataclass
class SheetRecord:
    sheet: str
    project_id: int
    code: str
    name: str
    card_id: int
    labels: list[tuple[str, str]] = field(default_factory=list)
    cells: list[InputCell] = field(default_factory=list)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    uids: dict[str, str] = field(default_factory=dict)  # "Indicator:7" → the row's uid
    fixed: dict[str, str] = field(default_factory=dict)  # other written cells → checksum
    blocks: list[dict[str, Any]] = field(default_factory=list)  # repeating rows (see below)
    truncated: dict[str, str] = field(default_factory=dict)  # cut cells → checksum as written
    term6: list[list[str]] = field(default_factory=list)  # 6th-term section cells (term6_section)

    def stamp(self) -> dict[str, Any]:
        return {
            "uids": self.uids,
            "anchor": ANCHOR_COL,
            "fixed": self.fixed,
            "blocks": self.blocks,
            "truncated": self.truncated,
            "term6": self.term6,
            "sheet": self.sheet,
            "project_id": self.project_id,
            "code": self.code,
            "name": self.name,
            "card_id": self.card_id,
            "labels": [list(x) for x in self.labels],
            "cells": [
                [c.ref, c.key, c.kind, xc.checksum(normal(c.kind, c.value))] for c in self.cells
            ],
            "groups": self.groups,
        }


class CardSheetWriter:
    """Writes one card sheet and records its input cells and label cells."""

    def __init__(self, ws: Worksheet, record: SheetRecord):
        self.ws = ws
        self.rec = record
        self.row = 1
        self.heights: dict[int, dict[int, float]] = {}
        self.dvs: dict[str, DataValidation] = {}
        for i, w in enumerate(WIDTHS):
            ws.column_dimensions[chr(65 + i)].width = w

    # -- primitives
    def _measure(self, row: int, col: int, last_col: int) -> None:
        w = xc.merged_width(self.ws, col, last_col)
        self.heights.setdefault(row, {})[col] = w

    def label(
        self,
        row: int,
        col: int,
        text: str,
        last_row: int | None = None,
        last_col: int | None = None,
        fill=xc.LABEL_FILL,
        fnt=BOLD,
        record: bool = True,
    ) -> None:
        xc.put(
            self.ws,
            row,
            col,
            text,
            last_row=last_row,
            last_col=last_col,
            fill=fill,
            fnt=fnt,
            align=xc.CENTER,
            protection=xc.LOCKED,
        )
        if record:
            self.rec.labels.append((self.ws.cell(row=row, column=col).coordinate, text))
        if (last_row or row) == row:
            self._measure(row, col, last_col or col)

    def computed(
        self, row: int, col: int, value: Any, last_col: int | None = None, kind: str = "text"
    ) -> None:
        cell = xc.put(
            self.ws,
            row,
            col,
            None,
            last_col=last_col,
            fill=xc.COMPUTED_FILL,
            fnt=BODY,
            align=xc.CENTER,
            protection=xc.LOCKED,
        )
        if kind == "rate":
            xc.set_rate(cell, value, blank="-")
        elif kind == "money":
            xc.set_money(cell, value, blank="-")
        elif value is not None:
            xc.set_text(cell, value)

    def input(
        self,
        row: int,
        col: int,
        key: str,
        kind: str,
        value: Any,
        last_col: int | None = None,
        spare: bool = False,
        align=None,
    ) -> None:
        fill = xc.SPARE_FILL if spare else xc.INPUT_FILL
        if align is None:
            align = xc.LEFT if kind in ("text", "name", "measure") else xc.CENTER
        cell = xc.put(
            self.ws,
            row,
            col,
            None,
            last_col=last_col,
            fill=fill,
            fnt=BODY,
            align=align,
            protection=xc.UNLOCKED,
        )
        v = cell_value_for(kind, value)
        if kind == "money":
            if v is not None:
                cell.value = v
                cell.number_format = xc.money_format(value)
            else:
                cell.number_format = "#,##0.###"
            xc.style(cell, align=xc.RIGHT)
        elif isinstance(v, str):
            if len(v) > xc.CELL_LIMIT:
                v = xc.truncate_for_cell(v)
                self.rec.truncated[cell.coordinate] = xc.checksum(normal(kind, v))
            xc.set_text(cell, v)
        else:
            cell.value = v
        if kind in ("measure", "text", "name"):
            cell.number_format = "@"  # typed numbers stay text (1,300 stays 1,300)
        if kind in VALIDATIONS:
            self._validate(kind, cell.coordinate)
        self.rec.cells.append(InputCell(cell.coordinate, key, kind, value))
        if kind in ("text", "name", "measure"):
            self._measure(row, col, last_col or col)

    def _validate(self, kind: str, coord: str) -> None:
        dv = self.dvs.get(kind)
        if dv is None:
            formula, prompt = VALIDATIONS[kind]
            dv = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False)
            dv.error = prompt
            dv.errorTitle = "입력할 수 없는 값"
            dv.prompt = prompt
            dv.showErrorMessage = True
            dv.showInputMessage = False
            self.ws.add_data_validation(dv)
            self.dvs[kind] = dv
        dv.add(coord)

    def finish_heights(self) -> None:
        for row, cols in self.heights.items():
            xc.fit_row_height(self.ws, row, cols, size=9.5, minimum=20)


#: A hidden column holding each written row's number ("#12"), so rows a person inserts
#: (inside a repeating block) and the rows below them are found again on import.
ANCHOR_COL = "K"
#: Repeating blocks (model, kind) offered with spare rows; kind "" unless Evaluation.
BLOCKS = (
    ("DeliveryStep", ""),
    ("Partner", ""),
    ("Evaluation", "monitoring"),
    ("Evaluation", "self"),
)


#: An inserted row among the 성과지표 blocks holds one new indicator, each field in the
#: column where the form has it: B 성과지표 명, C 기본계획 목표, D 단위, E 시행계획 목표(A),
#: F 방향 (blank = 상향), G 실적(B), I 판정.
INDICATOR_ROW_COLS = (
    (2, "name", "text"),
    (3, "plan_target", "measure"),
    (4, "unit", "text"),
    (5, "annual_target", "measure"),
    (6, "direction", "direction"),
    (7, "actual", "measure"),
    (9, "judgement", "judgement"),
)


def _block(
    rec: SheetRecord, model: str, label: str, fixed: dict, first: int, last: int, cols: list
) -> None:
    """Record rows ``first``..``last`` as one repeating block: rows inserted there are new rows."""
    rec.blocks.append(
        {"model": model, "label": label, "fixed": fixed, "first": first, "last": last, "cols": cols}
    )


def largest_blocks(view) -> dict[tuple[str, str], int]:
    """The largest number of rows of each repeating block on any card of the year."""
    out = dict.fromkeys(BLOCKS, 0)
    for pv in view.all_projects():
        if pv.card is None:
            continue
        for key, rows in (
            (BLOCKS[0], pv.steps),
            (BLOCKS[1], pv.partners),
            (BLOCKS[2], pv.monitoring),
            (BLOCKS[3], pv.self_evaluation),
        ):
            out[key] = max(out[key], len(list(rows)))
    return out


def spare_count(existing: int, largest: int, minimum: int = 2) -> int:
    """Spare rows for a block: at least ``minimum``, and enough for the plan's largest block + 2."""
    return max(minimum, largest + 2 - existing)


def _finish_sheet(ws: Worksheet, rec: SheetRecord, last_row: int) -> None:
    """Anchor every row in the hidden column and checksum every written non-input cell."""
    inputs = {c.ref for c in rec.cells} | {c[0] for c in rec.term6}
    labels = {ref for ref, _ in rec.labels}
    for row in ws.iter_rows(min_row=1, max_row=last_row, max_col=COLS):
        for c in row:
            if c.value is None or c.coordinate in inputs or c.coordinate in labels:
                continue
            rec.fixed[c.coordinate] = xc.checksum(xc.canon_cell(c.value))
    col = ord(ANCHOR_COL) - 64
    for r in range(1, last_row + 1):
        cell = ws.cell(row=r, column=col, value=f"#{r}")
        xc.style(cell, fnt=SMALL, protection=xc.LOCKED)
    ws.column_dimensions[ANCHOR_COL].hidden = True


def _group(rec: SheetRecord, model: str, label: str, fixed: dict[str, Any]) -> str:
    name = f"+{model}#{len(rec.groups) + 1}"
    rec.groups[name] = {"model": model, "label": label, "fixed": fixed}
    return name


@dataclass
class _CardContext:
    """What every card-section writer needs: the sheet, its writer and record, the project."""

    ws: Worksheet
    w: CardSheetWriter
    rec: SheetRecord
    pv: Any
    card: Any
    p: Any
    term: int
    year: int
    rules: Any
    spare_rows: int
    largest: dict[tuple[str, str], int]
    J: int = COLS

    def spares_for(self, block: tuple[str, str], existing: int) -> int:
        return spare_count(existing, self.largest.get(block, 0), self.spare_rows)

    def key(self, obj, f):
        name = f"{type(obj).__name__}:{obj.id}"
        self.rec.uids[name] = obj.uid or ""
        return f"{name}:{f}"


def _card_title(c: _CardContext, r: int) -> int:
    """Rows 1–3: title, guide line with 작성 상태, the table header."""
    ws, w, J = c.ws, c.w, c.J
    xc.put(
        ws,
        r,
        1,
        f"[첨부 1] {c.pv.code}. {c.p.name}",
        last_col=J,
        fnt=xc.font(13, bold=True),
        align=xc.LEFT,
        border=None,
        protection=xc.LOCKED,
    )
    ws.row_dimensions[r].height = 24
    r += 1
    xc.put(
        ws,
        r,
        1,
        "흰 칸에 입력하세요. 회색 칸(항목명)과 파란 칸(계산값)은 잠겨 있습니다. "
        "노란 빈 줄은 추가 입력용입니다.",
        last_col=7,
        fnt=SMALL,
        align=xc.LEFT,
        border=None,
        protection=xc.LOCKED,
    )
    w.label(r, 8, "작성 상태", last_col=9)
    w.input(r, 10, c.key(c.card, "review_status"), "status", c.card.review_status)
    ws.row_dimensions[r].height = 20
    r += 1
    w.label(r, 1, "구 분", last_col=2, fill=xc.HEADER_FILL)
    w.label(r, 3, "주요 내용", last_col=J, fill=xc.HEADER_FILL)
    return r + 1


def _card_name(c: _CardContext, r: int) -> int:
    """사업(과업)명: number, name and the three flags."""
    w, p = c.w, c.p
    w.label(r, 1, CARD_SECTIONS["name"], last_row=r + 1, last_col=2)
    w.label(r, 3, "사업(과업)번호")
    w.label(r, 4, T("Project", "name"), last_col=7)
    for col, f in ((8, "priority"), (9, "duplicate"), (10, "public_private")):
        w.label(r, col, T("Project", f))
    r += 1
    w.computed(r, 3, c.pv.code)
    w.input(r, 4, c.key(p, "name"), "name", p.name, last_col=7)
    w.input(r, 8, c.key(p, "priority"), "flag", p.priority)
    w.input(r, 9, c.key(p, "duplicate"), "flag", p.duplicate)
    w.input(r, 10, c.key(p, "public_private"), "flag", p.public_private)
    return r + 1


def _card_owner(c: _CardContext, r: int) -> int:
    """소관: department, team, officer, phone."""
    w = c.w
    w.label(r, 1, CARD_SECTIONS["owner"], last_row=r + 1, last_col=2)
    for col, f in ((3, "department"), (5, "team"), (7, "officer"), (9, "phone")):
        w.label(r, col, T("Card", f), last_col=col + 1)
    r += 1
    for col, f in ((3, "department"), (5, "team"), (7, "officer"), (9, "phone")):
        w.input(
            r, col, c.key(c.card, f), "text", getattr(c.card, f), last_col=col + 1, align=xc.CENTER
        )
    return r + 1


def _card_codes(c: _CardContext, r: int) -> int:
    """6th term: 사업(과업) 분류, one code each (legend in the note); nothing otherwise."""
    if not c.rules.code_fields:
        return r
    w, J, code_fields = c.w, c.J, c.rules.code_fields
    w.label(r, 1, CARD_SECTIONS["classes"], last_row=r + 1, last_col=2)
    for i, cf in enumerate(code_fields):
        w.label(r, 3 + i, cf.short)
        xc.note(c.ws.cell(row=r, column=3 + i), cf.legend())
        w.input(r + 1, 3 + i, c.key(c.p, cf.key), "code", getattr(c.p, cf.key))
    w.label(r, 3 + len(code_fields), "코드 번호 (①~)", last_col=J, fill=xc.GROUP_FILL)
    w.computed(r + 1, 3 + len(code_fields), "항목명 칸의 메모 참고", last_col=J)
    return r + 2


def _card_texts(c: _CardContext, r: int, names: tuple[str, ...]) -> int:
    """One row per card text field: label over two columns, the text over the rest."""
    for f in names:
        c.w.label(r, 1, T("Card", f), last_col=2)
        c.w.input(r, 3, c.key(c.card, f), "text", getattr(c.card, f), last_col=c.J)
        r += 1
    return r


def _card_pair(c: _CardContext, r: int, title: str, names: list[str]) -> int:
    """A titled block of card text fields (지원 대상, 사업(과업) 내용)."""
    w = c.w
    w.label(r, 1, title, last_row=r + len(names) - 1)
    for i, f in enumerate(names):
        w.label(r + i, 2, fields.label("Card", f))
        w.input(r + i, 3, c.key(c.card, f), "text", getattr(c.card, f), last_col=c.J)
    return r + len(names)


def _card_delivery(c: _CardContext, r: int) -> int:
    """전달 체계: steps + spare rows, then 수행 기관."""
    w, rec, card, J = c.w, c.rec, c.card, c.J
    steps = list(c.pv.steps)
    n_spare = c.spares_for(BLOCKS[0], len(steps))
    n_rows = 1 + len(steps) + n_spare
    w.label(r, 1, CARD_SECTIONS["delivery"], last_row=r + n_rows)
    w.label(r, 2, T("DeliveryStep", "step"), last_row=r + n_rows - 1)
    w.label(r, 3, "순서", fill=xc.GROUP_FILL)
    w.label(r, 4, fields.label("DeliveryStep", "step"), last_col=7, fill=xc.GROUP_FILL)
    w.label(r, 8, T("DeliveryStep", "agency"), last_col=J, fill=xc.GROUP_FILL)
    r += 1
    _block(
        rec,
        "DeliveryStep",
        CARD_SECTIONS["procedure"],
        {"card_id": card.id},
        r,
        r + len(steps) + n_spare - 1,
        [[4, "step", "text"], [8, "agency", "text"]],
    )
    for i, st in enumerate(steps):
        w.computed(r, 3, f"{i + 1}")
        w.input(r, 4, c.key(st, "step"), "text", st.step, last_col=7)
        w.input(r, 8, c.key(st, "agency"), "text", st.agency, last_col=J)
        r += 1
    for i in range(n_spare):
        g = _group(
            rec,
            "DeliveryStep",
            f"{CARD_SECTIONS['procedure']} (추가 {i + 1})",
            {"card_id": card.id},
        )
        w.computed(r, 3, "추가")
        w.input(r, 4, f"{g}:step", "text", "", last_col=7, spare=True)
        w.input(r, 8, f"{g}:agency", "text", "", last_col=J, spare=True)
        r += 1
    w.label(r, 2, T("Card", "delivery_agencies"))
    w.input(r, 3, c.key(card, "delivery_agencies"), "text", card.delivery_agencies, last_col=J)
    return r + 1


def _card_budget(c: _CardContext, r: int) -> int:
    """사업비: header, 계/소계, one row per funding line, spare sources, 비고."""
    ws, w, rec, card, J, term, year = c.ws, c.w, c.rec, c.card, c.J, c.term, c.year
    lines = sorted(
        c.pv.budget_lines,
        key=lambda b: (SOURCE_ORDER.index(b.source) if b.source in SOURCE_ORDER else 9, b.position),
    )
    present = {b.source for b in lines}
    offered = c.rules.funding_sources  # the 6th term has no 국비 row
    spares: list[str] = [s for s in SOURCE_ORDER if s not in present and s in offered] + [""]
    bt = c.pv.budget
    n_rows = 1 + 2 + len(lines) + len(spares) + 1
    w.label(r, 1, CARD_SECTIONS["budget"], last_row=r + n_rows - 1)
    w.label(r, 2, CARD_SECTIONS["funding"], fill=xc.GROUP_FILL)
    w.label(r, 3, T("BudgetLine", "source_name"), fill=xc.GROUP_FILL)
    w.label(r, 4, f"{term}기 기본계획의 {year} 예산", fill=xc.GROUP_FILL)
    w.label(r, 5, "(비중)", fill=xc.GROUP_FILL)
    w.label(r, 6, f"{year}년도 {T('BudgetLine', 'annual_amount')}", fill=xc.GROUP_FILL)
    w.label(r, 7, "(비중)", fill=xc.GROUP_FILL)
    w.label(r, 8, f"{year}년도 예산 {T('BudgetLine', 'executed_amount')}", fill=xc.GROUP_FILL)
    w.label(r, 9, "집행률(B/A)", last_col=J, fill=xc.GROUP_FILL)
    xc.note(
        ws.cell(row=r, column=9),
        "집행률 = 집행 실적(B) ÷ 예산(A) × 100, 소수 첫째 자리 반올림. "
        "비중 = 재원 금액 ÷ 계 × 100. 계·소계·비중·집행률은 sbdesk가 계산한 값(내보낸 때 기준)이며 "
        "가져오면 입력한 금액으로 다시 계산합니다.",
    )
    ws.row_dimensions[r].height = 36
    r += 1
    sums = funding_sum_labels(national="national" in offered)  # as the card prints them
    for text, col_attr in zip(sums, ("total", "local"), strict=True):
        w.label(r, 2, text, fill=xc.GROUP_FILL)
        w.computed(r, 3, None)
        for col, column in ((4, bt.plan), (6, bt.annual), (8, bt.executed)):
            w.computed(r, col, getattr(column, col_attr), kind="money")
        if col_attr == "total":
            w.computed(r, 5, compute.rate(bt.plan.total, bt.plan.total), kind="rate")
            w.computed(r, 7, compute.rate(bt.annual.total, bt.annual.total), kind="rate")
            w.computed(r, 9, bt.execution, last_col=J, kind="rate")
        else:
            w.computed(r, 5, compute.rate(bt.plan.local, bt.plan.total), kind="rate")
            w.computed(r, 7, compute.rate(bt.annual.local, bt.annual.total), kind="rate")
            w.computed(r, 9, bt.local_execution, last_col=J, kind="rate")
        r += 1
    for ln in lines:
        w.input(r, 2, c.key(ln, "source"), "source", ln.source)
        w.input(r, 3, c.key(ln, "source_name"), "text", ln.source_name, align=xc.CENTER)
        w.input(r, 4, c.key(ln, "plan_amount"), "money", ln.plan_amount)
        w.computed(r, 5, compute.rate(ln.plan_amount, bt.plan.total), kind="rate")
        w.input(r, 6, c.key(ln, "annual_amount"), "money", ln.annual_amount)
        w.computed(r, 7, compute.rate(ln.annual_amount, bt.annual.total), kind="rate")
        w.input(r, 8, c.key(ln, "executed_amount"), "money", ln.executed_amount)
        w.computed(
            r, 9, compute.rate(ln.executed_amount, ln.annual_amount), last_col=J, kind="rate"
        )
        r += 1
    for src in spares:
        label = f"재원 {SOURCE_LABEL[src]} (추가)" if src else "재원 (추가)"
        g = _group(rec, "BudgetLine", label, {"card_id": card.id})
        w.input(r, 2, f"{g}:source", "source", src, spare=True)
        w.input(r, 3, f"{g}:source_name", "text", "", spare=True, align=xc.CENTER)
        for col, f in ((4, "plan_amount"), (6, "annual_amount"), (8, "executed_amount")):
            w.input(r, col, f"{g}:{f}", "money", None, spare=True)
        for col in (5, 7):
            w.computed(r, col, None)
        w.computed(r, 9, None, last_col=J)
        r += 1
    w.label(r, 2, fields.label("Card", "budget_note"))
    w.input(r, 3, c.key(card, "budget_note"), "text", card.budget_note, last_col=J)
    return r + 1


def _card_second_table(c: _CardContext, r: int) -> int:
    """The official card starts its second table here, on a new page, with the header again."""
    c.ws.row_breaks.append(Break(id=r - 1))
    c.w.label(r, 1, "구 분", last_col=2, fill=xc.HEADER_FILL, record=False)
    c.w.label(r, 3, "주요 내용", last_col=c.J, fill=xc.HEADER_FILL, record=False)
    return r + 1


def _card_indicators(c: _CardContext, r: int) -> int:
    """성과지표 blocks (+ one spare block), seven rows each."""
    ws, w, rec, card, J, term, year = c.ws, c.w, c.rec, c.card, c.J, c.term, c.year
    key = c.key
    blocks: list[tuple[Any, Any]] = [(iv.row, iv.achievement) for iv in c.pv.indicators] + [
        (None, None)
    ]
    first_indicator_row = r
    for n, (ind, ach) in enumerate(blocks, start=1):
        if ind is None:
            g = _group(rec, "Indicator", f"성과지표 {n} (추가)", {"card_id": card.id})

            def k(f, g=g):
                return f"{g}:{f}"

            vals = {"direction": "higher"}
            spare = True
        else:

            def k(f, ind=ind):
                return key(ind, f)

            vals = {f: getattr(ind, f) for (mdl, f) in FIELD_KINDS if mdl == "Indicator"}
            spare = False
        title = f"성과지표 {n}" + ("\n(추가)" if spare else "")
        w.label(r, 1, title, last_row=r + 6)
        w.label(r, 2, T("Indicator", "name"))
        w.input(r, 3, k("name"), "text", vals.get("name", ""), last_col=J, spare=spare)
        w.label(r + 1, 2, T("Indicator", "definition"))
        w.input(
            r + 1, 3, k("definition"), "text", vals.get("definition", ""), last_col=J, spare=spare
        )
        w.label(r + 2, 2, "단위·방향·판정")
        w.label(r + 2, 3, T("Indicator", "unit"), fill=xc.GROUP_FILL)
        w.input(r + 2, 4, k("unit"), "text", vals.get("unit", ""), spare=spare, align=xc.CENTER)
        w.label(r + 2, 5, T("Indicator", "direction"), fill=xc.GROUP_FILL)
        w.input(r + 2, 6, k("direction"), "direction", vals.get("direction", "higher"), spare=spare)
        w.label(r + 2, 7, "판정(정성 목표)", last_col=8, fill=xc.GROUP_FILL)
        w.input(
            r + 2, 9, k("judgement"), "judgement", vals.get("judgement"), last_col=J, spare=spare
        )
        w.label(r + 3, 2, f"{year}년 성과목표 달성률", last_row=r + 4)
        w.label(
            r + 3, 3, f"{term}기 기본계획에 제시한 {year}년 목표", last_col=4, fill=xc.GROUP_FILL
        )
        w.label(r + 3, 5, f"{year}년 시행계획의 목표(A)", last_col=6, fill=xc.GROUP_FILL)
        w.label(r + 3, 7, f"{year}년 실적(B)", last_col=8, fill=xc.GROUP_FILL)
        w.label(r + 3, 9, "달성률(B/A)", last_col=J, fill=xc.GROUP_FILL)
        if n == 1:
            xc.note(
                ws.cell(row=r + 3, column=9),
                "달성률 = 실적(B) ÷ 목표(A) × 100 (하향 지표는 A ÷ B), "
                "소수 첫째 자리 반올림. 정성 목표(예: 만족 이상)는 판정이 달성이면 100%, 미달성이면 0%. "
                "목표나 실적이 '-'이거나 비어 있으면 계산하지 않습니다. sbdesk가 계산한 값(내보낸 때 기준).",
            )
        for col, name in ((3, "plan_target"), (5, "annual_target"), (7, "actual")):
            w.input(
                r + 4,
                col,
                k(name),
                "measure",
                vals.get(name, ""),
                last_col=col + 1,
                spare=spare,
                align=xc.CENTER,
            )
        w.computed(r + 4, 9, ach, last_col=J, kind="rate")
        w.label(r + 5, 2, T("Indicator", "rationale"))
        w.input(
            r + 5, 3, k("rationale"), "text", vals.get("rationale", ""), last_col=J, spare=spare
        )
        w.label(r + 6, 2, T("Indicator", "data_source"))
        w.input(
            r + 6, 3, k("data_source"), "text", vals.get("data_source", ""), last_col=J, spare=spare
        )
        r += 7
    # a row inserted among the indicator blocks is one new indicator, read by INDICATOR_ROW_COLS
    _block(rec, "Indicator", "성과지표", {"card_id": card.id}, first_indicator_row, r - 1,
           [list(cols) for cols in INDICATOR_ROW_COLS])  # fmt: skip
    return r


def _card_partners(c: _CardContext, r: int) -> int:
    """추진체계: one row per partner + spare rows."""
    w, rec, card, J = c.w, c.rec, c.card, c.J
    partners = list(c.pv.partners)
    n_spare = c.spares_for(BLOCKS[1], len(partners))
    n_rows = 1 + len(partners) + n_spare
    w.label(r, 1, "추진체계", last_row=r + n_rows - 1)
    w.label(r, 2, T("Partner", "agency"), last_col=3, fill=xc.GROUP_FILL)
    w.label(r, 4, T("Partner", "role"), last_col=6, fill=xc.GROUP_FILL)
    w.label(r, 7, T("Partner", "cooperation"), last_col=J, fill=xc.GROUP_FILL)
    r += 1
    _block(
        rec,
        "Partner",
        "추진체계",
        {"card_id": card.id},
        r,
        r + len(partners) + n_spare - 1,
        [[2, "agency", "text"], [4, "role", "text"], [7, "cooperation", "text"]],
    )
    rows = [(pt, False) for pt in partners] + [(None, True)] * n_spare
    for i, (pt, spare) in enumerate(rows):
        if spare:
            g = _group(
                rec, "Partner", f"추진체계 (추가 {i - len(partners) + 1})", {"card_id": card.id}
            )
            keys = {f: f"{g}:{f}" for f in ("agency", "role", "cooperation")}
            vals = dict.fromkeys(keys, "")
        else:
            keys = {f: c.key(pt, f) for f in ("agency", "role", "cooperation")}
            vals = {f: getattr(pt, f) for f in keys}
        w.input(r, 2, keys["agency"], "text", vals["agency"], last_col=3, spare=spare)
        w.input(r, 4, keys["role"], "text", vals["role"], last_col=6, spare=spare)
        w.input(r, 7, keys["cooperation"], "text", vals["cooperation"], last_col=J, spare=spare)
        r += 1
    return r


def _card_evaluations(c: _CardContext, r: int, kind: str, title: str, follow: str) -> int:
    """모니터링 (``kind`` "monitoring") or 자체평가 ("self"): one row per evaluation + spares."""
    w, rec, card = c.w, c.rec, c.card
    evs = list(c.pv.monitoring if kind == "monitoring" else c.pv.self_evaluation)
    n_spare = c.spares_for(("Evaluation", kind), len(evs))
    n_rows = 1 + len(evs) + n_spare
    w.label(r, 1, title, last_row=r + n_rows - 1)
    w.label(r, 2, T("Evaluation", "who"), fill=xc.GROUP_FILL)
    w.label(r, 3, T("Evaluation", "when"), fill=xc.GROUP_FILL)
    w.label(r, 4, T("Evaluation", "content"), last_col=6, fill=xc.GROUP_FILL)
    w.label(r, 7, follow, last_col=9, fill=xc.GROUP_FILL)
    w.label(r, 10, T("Evaluation", "reflected"), fill=xc.GROUP_FILL)
    r += 1
    _block(
        rec,
        "Evaluation",
        "모니터링" if kind == "monitoring" else "자체평가",
        {"card_id": card.id, "kind": kind},
        r,
        r + len(evs) + n_spare - 1,
        [
            [2, "who", "text"],
            [3, "when", "text"],
            [4, "content", "text"],
            [7, "follow_up", "text"],
            [10, "reflected", "reflected"],
        ],
    )
    rows = [(ev, False) for ev in evs] + [(None, True)] * n_spare
    names = ("who", "when", "content", "follow_up", "reflected")
    for i, (ev, spare) in enumerate(rows):
        if spare:
            label = (
                f"{'모니터링' if kind == 'monitoring' else '자체평가'} (추가 {i - len(evs) + 1})"
            )
            g = _group(rec, "Evaluation", label, {"card_id": card.id, "kind": kind})
            keys = {f: f"{g}:{f}" for f in names}
            vals = {f: None if f == "reflected" else "" for f in names}
        else:
            keys = {f: c.key(ev, f) for f in names}
            vals = {f: getattr(ev, f) for f in names}
        w.input(r, 2, keys["who"], "text", vals["who"], spare=spare)
        w.input(r, 3, keys["when"], "text", vals["when"], spare=spare, align=xc.CENTER)
        w.input(r, 4, keys["content"], "text", vals["content"], last_col=6, spare=spare)
        w.input(r, 7, keys["follow_up"], "text", vals["follow_up"], last_col=9, spare=spare)
        w.input(r, 10, keys["reflected"], "reflected", vals["reflected"], spare=spare)
        r += 1
    return r


def _card_term6(c: _CardContext, r: int, term6: dict | None) -> int:
    """6th term: the 4-year plan's own fields (``term6_section``); nothing otherwise."""
    if not (c.rules.code_fields and term6 is not None):
        return r
    from sbdesk.export.xlsx import term6_section

    return term6_section.write_section(c.w, c.p, r, c.rules, term6.get(c.p.id))


def _card_footnote(c: _CardContext, r: int) -> None:
    """The closing note on the computed (blue) cells, on row ``r`` (the sheet's last)."""
    xc.put(
        c.ws,
        r,
        1,
        "※ 파란 칸(계·소계·비중·집행률·달성률)은 sbdesk가 계산한 값입니다(내보낸 때 기준). "
        "가져오면 입력한 수치로 다시 계산합니다. 달성률 = 실적(B)÷목표(A)×100(하향 지표는 A÷B), "
        "집행률 = 집행 실적(B)÷예산(A)×100, 소수 첫째 자리 반올림.",
        last_col=c.J,
        fnt=SMALL,
        align=xc.LEFT,
        border=None,
        protection=xc.LOCKED,
    )
    c.ws.row_dimensions[r].height = 30


def _protect_card_sheet(ws: Worksheet, last_row: int) -> None:
    """Sheet protection (rows may be inserted), print setup, view."""
    ws.protection.sheet = True
    ws.protection.insertRows = False  # a person may insert rows in a repeating block
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    ws.protection.formatCells = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False
    xc.setup_print(ws, landscape=False)
    ws.print_area = f"A1:J{last_row}"
    ws.sheet_view.showGridLines = False
    ws.freeze_panes = "A4"


def write_card_sheet(
    ws: Worksheet,
    pv,
    term: int,
    year: int,
    spare_rows: int = 2,
    largest: dict[tuple[str, str], int] | None = None,
    term6: dict | None = None,
) -> SheetRecord:
    """Lay out one project card on ``ws``; return what was written where.

    Each repeating block gets ``spare_rows`` empty rows, or more so that it can
    hold as many rows as the largest block of its kind in ``largest`` plus two.
    One ``_card_*`` function per section writes from a row and returns the next.
    """
    card = pv.card
    p = pv.project
    rec = SheetRecord(sheet=ws.title, project_id=p.id, code=pv.code, name=p.name, card_id=card.id)
    c = _CardContext(
        ws=ws,
        w=CardSheetWriter(ws, rec),
        rec=rec,
        pv=pv,
        card=card,
        p=p,
        term=term,
        year=year,
        rules=rules_for(term),
        spare_rows=spare_rows,
        largest=largest or {},
    )
    c.key(p, "name")
    c.key(card, "department")

    r = _card_title(c, 1)
    r = _card_name(c, r)
    r = _card_owner(c, r)
    r = _card_codes(c, r)
    r = _card_texts(c, r, ("background", "purpose", "legal_basis", "change_note"))
    r = _card_pair(c, r, CARD_SECTIONS["target"], ["target_criteria", "target_scale"])
    r = _card_pair(c, r, "사업(과업) 내용", ["content_type", "content_detail"])
    r = _card_delivery(c, r)
    r = _card_budget(c, r)
    r = _card_second_table(c, r)
    r = _card_indicators(c, r)
    r = _card_partners(c, r)
    r = _card_evaluations(c, r, "monitoring", "시행계획\n모니터링", "반영결과 (후속조치)")
    r = _card_evaluations(c, r, "self", "시행계획\n자체평가", "반영계획 (후속조치)")
    r = _card_texts(c, r, ("results", "effects", "improvements"))
    r = _card_term6(c, r, term6)

    _card_footnote(c, r)
    c.w.finish_heights()
    _finish_sheet(ws, rec, r)
    _protect_card_sheet(ws, r)
    return rec


def _write_guide(
    ws: Worksheet, identity: dict, year: int, department: str, views: list, exported: str
) -> None:
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 16
    xc.put(
        ws,
        1,
        1,
        f"{year}년 사업 카드 - {department}",
        last_col=3,
        fnt=xc.font(14, bold=True),
        align=xc.LEFT,
        border=None,
    )
    ws.row_dimensions[1].height = 26
    lines = [
        f"계획: {xc.identity_label(identity)}",
        f"{_EXPORT_TIME_PREFIX} {exported[:16].replace('T', ' ')}",
        "각 시트가 사업 카드 하나입니다. 흰 칸만 고치고, 행·열을 넣거나 지우지 마세요.",
        "노란 빈 줄에 쓰면 새 행(지원 절차, 재원, 성과지표, 추진체계, 모니터링, 자체평가)으로 추가됩니다.",
        "금액은 백만원 단위 숫자(예: 189.5)로 입력하세요. 목표·실적은 적힌 그대로 둡니다(예: 1,300명, 만족 이상, -).",
        "집행 실적에 '-'를 쓰면 0(집행 없음)으로 가져옵니다. 비워 두면 '입력 안 함'입니다.",
        "줄이 모자라면 노란 줄(지원 절차, 추진체계, 모니터링, 자체평가) 사이에 행을 삽입해 쓰세요. 새 행으로 가져옵니다.",
        "성과지표 칸 사이에 삽입한 한 행은 새 성과지표 하나입니다: B열 성과지표 명, C열 기본계획 목표, D열 단위, "
        "E열 시행계획 목표(A), F열 방향(비우면 상향), G열 실적(B), I열 판정.",
        "한 칸에 32,767자를 넘는 글은 잘려 내보내지고 '[sbdesk: … 잘림]' 표시가 붙습니다. 그런 칸은 앱에서 고치세요.",
        "다 쓰면 파일 이름을 바꾸지 말고 그대로 저장해 보내 주세요. 숨겨진 식별 정보로 계획에 다시 합칩니다.",
    ]
    for i, text in enumerate(lines, start=2):
        xc.put(ws, i, 1, text, last_col=3, fnt=xc.font(10), align=xc.LEFT, border=None)
    r = len(lines) + 3
    for col, text in ((1, "사업 번호"), (2, "사업명"), (3, "시트")):
        xc.put(ws, r, col, text, fill=xc.HEADER_FILL, fnt=xc.font(10, bold=True))
    for pv, sheet in views:
        r += 1
        xc.put(ws, r, 1, pv.code, fnt=xc.font(10))
        xc.put(ws, r, 2, pv.name, fnt=xc.font(10), align=xc.LEFT)
        cell = xc.put(ws, r, 3, sheet, fnt=xc.font(10, color="0563C1"))
        cell.hyperlink = f"#'{sheet}'!A1"
    xc.setup_print(ws, landscape=False)
    ws.sheet_view.showGridLines = False


def _departments(view) -> dict[str, list]:
    out: dict[str, list] = {}
    for pv in view.all_projects():
        if pv.card is None:
            continue
        dept = (pv.card.department or "").strip() or "부서 미지정"
        out.setdefault(dept, []).append(pv)
    return out


def build_department_workbook(
    store, view, department: str, projects: list, exported: str, identity: dict | None = None
) -> Workbook:
    """One department's workbook (not saved)."""
    identity = identity or xc.plan_identity(store)
    term = view.plan.term
    wb = Workbook()
    guide = wb.active
    guide.title = "안내"
    used = {"안내"}
    records: list[SheetRecord] = []
    placed = []
    largest = largest_blocks(view)
    term6 = None
    if rules_for(term).code_fields:
        from sbdesk.export.xlsx import term6_section

        term6 = term6_section.load(store, [pv.project.id for pv in projects])
    for pv in projects:
        name = xc.safe_sheet_name(pv.code, used)
        ws = wb.create_sheet(name)
        records.append(write_card_sheet(ws, pv, term, view.year, largest=largest, term6=term6))
        placed.append((pv, name))
    _write_guide(guide, identity, view.year, department, placed, exported)
    xc.write_stamp(
        wb,
        {
            "format": xc.FORMAT_CARDS,
            "version": xc.STAMP_VERSION,
            "export_id": uuid.uuid4().hex,
            "plan": identity,
            "year": view.year,
            "department": department,
            "exported_at": exported,
            "sheets": [r.stamp() for r in records],
        },
    )
    wb.active = 0
    return wb


def export_department_workbooks(
    store,
    year: int,
    out_dir: str | Path,
    department: str | None = None,
    progress=None,
    notes: list[str] | None = None,
) -> list[Path]:
    """Write one workbook per department (or only ``department``) into ``out_dir``; return the paths.

    A workbook already there is replaced only when it shows the same content;
    one that differs (a department's return, an older export) is kept and the
    new one gets a free name (``… (2).xlsx``), with a Korean line in ``notes``.
    """
    if year not in store.years():
        ys = store.years()
        raise InterchangeError(f"{year}년은 이 계획의 기간({ys[0]}~{ys[-1]})이 아닙니다.")
    view = store.year_view(year)
    groups = _departments(view)
    if not groups:
        raise InterchangeError(f"{year}년 사업 카드가 없습니다. 내보낼 것이 없습니다.")
    if department is not None:
        wanted = department.strip()
        if wanted not in groups:
            raise InterchangeError(
                f"'{wanted}' 부서의 {year}년 사업 카드가 없습니다. 부서: {', '.join(sorted(groups))}"
            )
        groups = {wanted: groups[wanted]}
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InterchangeError(f"폴더를 만들 수 없습니다: {out} ({exc.strerror})") from exc
    identity = xc.plan_identity(store)
    exported = xc.now_text()
    paths: list[Path] = []
    total = len(groups)
    for i, (dept, projects) in enumerate(sorted(groups.items())):
        if progress is not None:
            progress.report(i, total, f"{dept} 통합문서를 만드는 중…")
        wb = build_department_workbook(store, view, dept, projects, exported, identity)
        path = out / xc.safe_file_name(f"{year} 사업카드 - {dept}.xlsx")
        wanted, path = path, _target_for(wb, path)
        if path != wanted and notes is not None:
            notes.append(
                f"'{wanted.name}'이(가) 이미 있고 내용이 달라(부서가 입력해 돌려준 파일일 수 있음) "
                f"그대로 두고 '{path.name}'(으)로 저장했습니다."
            )
        _save(wb, path, overwrite=path.exists())
        paths.append(path)
    if progress is not None:
        progress.report(total, total, "완료")
    return paths


def _save(wb: Workbook, path: Path, overwrite: bool = False) -> None:
    """Save through ``services.outputs``: a temporary file, never a plan file, no silent overwrite."""
    with outputs.writing(path, overwrite) as tmp:
        wb.save(tmp)


def _target_for(wb: Workbook, path: Path) -> Path:
    """``path``, or ``… (2).xlsx``, ``(3)``…: the first name that is free or holds this very content."""
    n = 1
    candidate = path
    while candidate.exists() and not _same_content(wb, candidate):
        n += 1
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
    return candidate


#: The one visible line that changes with every export (the 안내 sheet's time).
_EXPORT_TIME_PREFIX = "내보낸 때:"


def _rows(ws) -> list[tuple]:
    rows = [
        tuple(
            _EXPORT_TIME_PREFIX if isinstance(v, str) and v.startswith(_EXPORT_TIME_PREFIX) else v
            for v in row
        )
        for row in ws.iter_rows(values_only=True)
    ]
    rows = [
        r[: max((i + 1 for i, v in enumerate(r) if v not in (None, "")), default=0)] for r in rows
    ]
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _same_content(wb: Workbook, path: Path) -> bool:
    """True if the workbook at ``path`` shows exactly what ``wb`` would (the stamp aside)."""
    from openpyxl import load_workbook

    try:
        old = load_workbook(path, read_only=True)
    except Exception:  # unreadable: certainly not what we would write
        return False
    try:
        names = [n for n in wb.sheetnames if n != xc.STAMP_SHEET]
        if names != [n for n in old.sheetnames if n != xc.STAMP_SHEET]:
            return False
        return all(_rows(wb[n]) == _rows(old[n]) for n in names)
    finally:
        old.close()


save_workbook = _save  # used by the tables export too

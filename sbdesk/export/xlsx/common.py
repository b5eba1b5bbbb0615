"""Shared pieces of the Excel exchange: styles, widths, number formats, cell reading, the stamp.

Every workbook sbdesk writes carries a *stamp*: a ``veryHidden`` sheet holding a
JSON document (plan identity, year, what was exported and a checksum of every
exported value) so a returned workbook is recognised and conflicts can be told
apart from edits. Nothing here touches a plan file.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import re
import unicodedata
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from sbdesk.services.errors import InterchangeError
from sbdesk.services.text import clean_text as normal_text

FONT_NAME = "맑은 고딕"
STAMP_SHEET = "_sbdesk"
#: 2: every row's uid is in the stamp (issue 13, item 9).
STAMP_VERSION = 2
FORMAT_CARDS = "sbdesk-department-cards"
FORMAT_TABLES = "sbdesk-tables"

#: Refuse workbooks bigger than this (a department workbook is a few hundred KB).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Refuse a zip that would unpack to more than this (a zip bomb).
MAX_UNPACKED_BYTES = 400 * 1024 * 1024

#: Rates are written as Excel percentages: the value 1.241 shown "124.1%".
RATE_FORMAT = "#,##0.0%"

_thin = Side(style="thin", color="7F7F7F")
_medium = Side(style="medium", color="404040")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
LABEL_FILL = PatternFill("solid", fgColor="E7E6E6")
COMPUTED_FILL = PatternFill("solid", fgColor="EEF3F8")
INPUT_FILL = PatternFill("solid", fgColor="FFFFFF")
SPARE_FILL = PatternFill("solid", fgColor="FFFDF2")

CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=False)

UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)


@lru_cache(maxsize=64)
def font(
    size: float = 10, bold: bool = False, color: str | None = None, italic: bool = False
) -> Font:
    """One shared ``Font`` per look (cached: ``style`` finds a style by its objects)."""
    return Font(name=FONT_NAME, size=size, bold=bold, color=color, italic=italic)


# --------------------------------------------------------------------------- numbers
def decimals_of(value: Decimal) -> int:
    """How many decimals a stored amount has, exactly as typed (189.5 → 1, 3.14 → 2, 288 → 0)."""
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def money_format(value: Decimal | None) -> str:
    """A number format that shows exactly the stored decimals: '#,##0', '#,##0.0', '#,##0.00'."""
    if value is None:
        return "General"
    n = decimals_of(value)
    return "#,##0" if n == 0 else "#,##0." + "0" * n


def money_cell_value(value: Decimal | None) -> int | float | None:
    """An amount as an Excel number (int when whole, else the exact decimal as a float)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def set_money(cell, value: Decimal | None, blank: str | None = "-") -> None:
    """Write an amount as a number with the format showing its stored decimals."""
    if value is None:
        cell.value = blank
        style(cell, align=CENTER)
        return
    cell.value = money_cell_value(value)
    cell.number_format = money_format(value)
    style(cell, align=RIGHT)


def set_rate(cell, value: Decimal | None, blank: str | None = "-") -> None:
    """Write a computed rate (percent, one decimal: 124.1) as the Excel percentage 1.241 shown '124.1%'."""
    if value is None:
        cell.value = blank
        style(cell, align=CENTER)
        return
    cell.value = float(value / 100)
    cell.number_format = RATE_FORMAT
    style(cell, align=RIGHT)


def clean_text(value: Any) -> str:
    """Text safe for a cell: no control characters Excel refuses."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))


def set_text(cell, value: Any) -> None:
    """Write text as text, even when it starts with '=' (never a formula)."""
    text = clean_text(value)
    cell.value = text if text != "" else None
    if text.startswith("="):
        cell.data_type = "s"


# --------------------------------------------------------------------------- widths
def text_width(text: str) -> float:
    """Display width in Excel column units ('0' = 1); Hangul and other wide glyphs count ~1.8."""
    w = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            w += 1.8
        elif ch == "\t":
            w += 4
        else:
            w += 1.0
    return w


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped text takes in a cell ``width`` units wide."""
    if not text:
        return 1
    usable = max(width - 1.0, 1.0)
    n = 0
    for para in str(text).split("\n"):
        n += max(1, math.ceil(text_width(para) / usable))
    return n


def fit_row_height(
    ws: Worksheet,
    row: int,
    width_of_cell: dict[int, float],
    size: float = 10,
    minimum: float = 18.0,
) -> None:
    """Set a row tall enough for its wrapped texts; ``width_of_cell`` maps column → usable width."""
    line = size * 1.45
    need = 1
    for col, width in width_of_cell.items():
        v = ws.cell(row=row, column=col).value
        if v is None:
            continue
        need = max(need, lines_needed(str(v), width))
    ws.row_dimensions[row].height = max(minimum, min(need * line + 4, 409))


def merged_width(ws: Worksheet, first_col: int, last_col: int) -> float:
    total = 0.0
    for c in range(first_col, last_col + 1):
        dim = ws.column_dimensions[get_column_letter(c)]
        total += dim.width if dim.width else 8.43
    return total


def autofit_columns(
    ws: Worksheet,
    first_row: int,
    last_row: int,
    minimum: dict[int, float] | None = None,
    maximum: dict[int, float] | None = None,
    default_max: float = 40.0,
) -> None:
    """Column widths that fit the unmerged cells of rows ``first_row..last_row``."""
    merged = set()
    for rng in ws.merged_cells.ranges:
        if rng.min_col != rng.max_col:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    merged.add((r, c))
    widths: dict[int, float] = {}
    for row in ws.iter_rows(min_row=first_row, max_row=last_row):
        for cell in row:
            if (
                isinstance(cell, MergedCell)
                or cell.value is None
                or (cell.row, cell.column) in merged
            ):
                continue
            v = cell.value
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                fmt = cell.number_format or ""
                s = f"{v:,.2f}" if "." in fmt else f"{v:,.0f}"
                if "%" in fmt:
                    s += "%"
            else:
                s = str(v)
            longest = max((text_width(p) for p in s.split("\n")), default=0)
            widths[cell.column] = max(widths.get(cell.column, 0), longest + 2)
    minimum = minimum or {}
    maximum = maximum or {}
    for col in set(widths) | set(minimum):
        w = max(widths.get(col, 0), minimum.get(col, 4))
        w = min(w, maximum.get(col, default_max))
        ws.column_dimensions[get_column_letter(col)].width = round(w, 1)


# --------------------------------------------------------------------------- writing helpers
#: (StyleArray slot, the workbook's list of those objects) of what ``style`` sets.
_STYLE_SLOTS = (
    ("borderId", "_borders"),
    ("fillId", "_fills"),
    ("fontId", "_fonts"),
    ("alignmentId", "_alignments"),
    ("protectionId", "_protections"),
)


def _style_ids(wb: Workbook, objs: tuple) -> tuple:
    """The workbook's style-list indexes of ``objs`` (border, fill, font, alignment,
    protection; None = leave as is), looked up once per combination of objects.

    ``cell.border = x`` makes openpyxl hash ``x`` field by field to find its index,
    for every cell: most of the time of writing a department workbook. The cache is
    keyed by the objects' identities and holds the objects, so an identity is never
    reused for another object while the workbook lives.
    """
    cache = wb.__dict__.setdefault("_sbdesk_style_ids", {})
    key = tuple(map(id, objs))
    hit = cache.get(key)
    if hit is None:
        ids = tuple(
            None if o is None else getattr(wb, coll).add(o)
            for o, (_slot, coll) in zip(objs, _STYLE_SLOTS, strict=True)
        )
        hit = cache[key] = (ids, objs)
    return hit[0]


def style(cell, *, border=None, fill=None, fnt=None, align=None, protection=None) -> None:
    """Set the given style parts of one cell (the same as assigning ``cell.border`` …)."""
    ids = _style_ids(cell.parent.parent, (border, fill, fnt, align, protection))
    st = cell._style
    if not st:  # a new cell has none yet (openpyxl creates it on the first assignment)
        st = cell._style = StyleArray()
    for (slot, _coll), i in zip(_STYLE_SLOTS, ids, strict=True):
        if i is not None:
            setattr(st, slot, i)


def style_range(
    ws: Worksheet,
    first_row: int,
    first_col: int,
    last_row: int,
    last_col: int,
    *,
    fill=None,
    fnt=None,
    align=None,
    border=BORDER,
    protection=None,
) -> None:
    ids = _style_ids(ws.parent, (border, fill, fnt, align, protection))
    slots = [(slot, i) for (slot, _coll), i in zip(_STYLE_SLOTS, ids, strict=True) if i is not None]
    for r in range(first_row, last_row + 1):
        for c in range(first_col, last_col + 1):
            cell = ws.cell(row=r, column=c)
            st = cell._style
            if not st:
                st = cell._style = StyleArray()
            for slot, i in slots:
                setattr(st, slot, i)


def merge(ws: Worksheet, row: int, col: int, last_row: int, last_col: int) -> None:
    """``ws.merge_cells`` for a range ``put`` styles whole right after: openpyxl's own
    copies the top-left border to the edges and scans every merged range of the sheet
    for an overlap on each merge (quadratic in a sheet's merges); here the cells are
    styled by ``style_range`` and the writers never merge a range twice."""
    coord = f"{get_column_letter(col)}{row}:{get_column_letter(last_col)}{last_row}"
    ws.merged_cells.ranges.add(MergedCellRange(ws, coord))
    for r in range(row, last_row + 1):
        for c in range(col, last_col + 1):
            if r != row or c != col:
                ws._cells[r, c] = MergedCell(ws, r, c)


def put(
    ws: Worksheet,
    row: int,
    col: int,
    value: Any = None,
    *,
    last_row: int | None = None,
    last_col: int | None = None,
    fill=None,
    fnt=None,
    align=CENTER,
    border=BORDER,
    protection=None,
    number_format: str | None = None,
):
    """Write a value at (row, col), merging to (last_row, last_col) if given; style the block."""
    last_row = last_row or row
    last_col = last_col or col
    if last_row != row or last_col != col:
        merge(ws, row, col, last_row, last_col)
    style_range(
        ws,
        row,
        col,
        last_row,
        last_col,
        fill=fill,
        fnt=fnt or font(),
        align=align,
        border=border,
        protection=protection,
    )
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        set_text(cell, value)
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    return cell


def note(cell, text: str, width: int = 320, height: int = 140) -> None:
    """A cell comment (note) with the computation rule."""
    c = Comment(text, "sbdesk")
    c.width, c.height = width, height
    cell.comment = c


def setup_print(
    ws: Worksheet, *, landscape: bool, title_rows: str | None = None, fit_width: bool = True
) -> None:
    """A4, fit to the page width, repeated header rows, page number at the foot ('- 1 -')."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.5
    ws.page_margins.bottom = 0.6
    ws.page_margins.header = 0.2
    ws.page_margins.footer = 0.25
    ws.oddFooter.center.text = "- &P -"
    ws.oddFooter.center.size = 9
    if title_rows:
        ws.print_title_rows = title_rows


SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def safe_sheet_name(name: str, used: set[str]) -> str:
    base = SHEET_NAME_BAD.sub("_", name).strip("'") or "시트"
    base = base[:31]
    out, n = base, 2
    while out.lower() in {u.lower() for u in used} or out == STAMP_SHEET:
        suffix = f" ({n})"
        out = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(out)
    return out


FILE_NAME_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


#: Longest file name written, in UTF-8 bytes (file systems allow 255; room for " (2)").
FILE_NAME_MAX_BYTES = 200


def safe_file_name(name: str) -> str:
    """``name`` without characters Windows refuses, cut to FILE_NAME_MAX_BYTES (suffix kept)."""
    out = FILE_NAME_BAD.sub("_", name).strip().rstrip(".")
    if len(out.encode("utf-8")) > FILE_NAME_MAX_BYTES:
        stem, dot, suffix = out.rpartition(".")
        if not dot or len(suffix) > 8:
            stem, suffix = out, ""
        tail = ("…." + suffix) if suffix else "…"
        budget = FILE_NAME_MAX_BYTES - len(tail.encode("utf-8"))
        cut = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip()
        out = cut + tail
    return out or "통합문서"


# --------------------------------------------------------------------------- canonical values
def canon(value: Any) -> str:
    """The canonical text of a value, for checksums and comparisons.

    Amounts compare by value (3.10 == 3.1), texts without surrounding spaces and
    with ``\\n`` line ends; ``None`` and "" are the same (blank).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, (list, tuple)):
        return ",".join(canon(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def canon_cell(value: Any) -> str:
    """``canon`` of a cell as read back, numbers compared to 9 decimals (re-saved files differ)."""
    if isinstance(value, bool):
        return canon(value)
    if isinstance(value, (int, float, Decimal)):
        try:
            d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            return canon(round(d, 9)) if d.is_finite() else str(value)
        except (ArithmeticError, ValueError):
            return str(value)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    return canon(value)


#: Excel keeps at most this many characters in a cell.
CELL_LIMIT = 32767
TRUNCATION_MARK = "\n…[sbdesk: 32,767자를 넘어 잘림 - 이 칸은 앱에서 고치세요]"


def truncate_for_cell(text: str) -> str:
    """Text longer than a cell holds: its start and a visible marker (never read back as the value)."""
    return text[: CELL_LIMIT - len(TRUNCATION_MARK)] + TRUNCATION_MARK


def checksum(value: Any) -> str:
    return hashlib.sha256(canon(value).encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- reading cells
class ValueProblem(ValueError):
    """A cell value that does not fit its field; ``str()`` is the Korean message."""


@dataclass
class CellProblem(Exception):
    """A cell that cannot be read; ``ref`` is 'sheet!C5'."""

    ref: str
    message: str

    def __str__(self) -> str:
        return f"{self.ref}: {self.message}"


def ref_of(ws, coord: str) -> str:
    return f"{ws.title}!{coord}"


_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # ideographic space


def halfwidth(text: str) -> str:
    """Full-width ASCII (１３００, ％) to ASCII; other characters untouched."""
    return text.translate(_FULLWIDTH)


def number_text(
    value: int | float | Decimal, number_format: str = "General", grouped: bool = False
) -> str:
    """A number from a cell as text the way a person reads it (1300 → '1300' or '1,300')."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("not finite")
        d = Decimal(repr(value))
    else:
        d = Decimal(value)
    pct = "%" in (number_format or "")
    if pct:
        d = d * 100
    text = format(d.normalize(), "f") if d != d.to_integral_value() else str(int(d))
    if grouped:
        whole, _, frac = text.partition(".")
        sign = "-" if whole.startswith("-") else ""
        whole = f"{int(whole.lstrip('-')):,}"
        text = sign + whole + ("." + frac if frac else "")
    return text + ("%" if pct else "")


def cell_raw(ws: SheetData, coord: str) -> Any:
    """The value of an input cell, refusing a cell hidden under someone's merge.

    A merged range that starts at the cell is read from its first cell (a person
    merged the input with its neighbours: understood); a cell inside a merged
    range that starts elsewhere has lost its value and is refused.
    """
    cell = ws[coord]
    if cell.merged_hidden:
        raise CellProblem(
            ref_of(ws, coord),
            f"셀이 {cell.merged_in} 범위에 병합되어 값을 읽을 수 없습니다. 병합을 해제하고 이 칸에 입력하세요.",
        )
    return cell.value


def cell_text(ws, coord: str, value: Any, *, grouped_numbers: bool = False) -> str:
    """Any cell value as trimmed text (numbers as typed, dates in the official style)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "O" if value else "X"
    if isinstance(value, (int, float, Decimal)):
        try:
            return number_text(value, ws[coord].number_format, grouped_numbers)
        except (ValueError, InvalidOperation) as exc:
            raise CellProblem(ref_of(ws, coord), "숫자가 아닌 값(오류 값)입니다.") from exc
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0):
            return f"{value.year}. {value.month}. {value.day}."
        return f"{value.year}. {value.month}. {value.day}. {value.hour:02d}:{value.minute:02d}"
    if isinstance(value, _dt.date):
        return f"{value.year}. {value.month}. {value.day}."
    if isinstance(value, (_dt.time, _dt.timedelta)):
        return str(value)
    text = str(value)
    if text.startswith("#") and text.rstrip("!?0/").upper() in (
        "#N/A",
        "#VALUE",
        "#REF",
        "#DIV",
        "#NAME",
        "#NUM",
        "#NULL",
    ):
        raise CellProblem(ref_of(ws, coord), f"오류 값({text})입니다. 값을 입력하세요.")
    text = text.replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n")
    lines = [ln.rstrip() for ln in text.split("\n")]
    return normal_text("\n".join(lines).strip())  # NFC, visible bullets


# --------------------------------------------------------------------------- opening files
#: Refuse a workbook with more filled cells than this (a department workbook has a few thousand).
MAX_CELLS = 300_000
_MERGE_RE = re.compile(
    rb'<(?:[A-Za-z0-9_]+:)?mergeCell\s+ref="([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"'
)


@dataclass
class CellView:
    """One cell of a workbook read for import (value, type, number format, merge state)."""

    coordinate: str
    value: Any = None
    data_type: str = "n"
    number_format: str = "General"
    merged_in: str | None = None  # the merged range hiding this cell (not its first cell)

    @property
    def merged_hidden(self) -> bool:
        return self.merged_in is not None


class SheetData:
    """A worksheet read once (openpyxl read-only: fast) with its merged ranges from the XML."""

    def __init__(self, title: str, state: str, cells: dict[tuple[int, int], tuple], merges: list):
        self.title = title
        self.sheet_state = state
        self._cells = cells
        self.merged_ranges = merges
        self._hidden: dict[tuple[int, int], str] = {}
        self._big: list = []
        for rng in merges:
            if rng.size["rows"] * rng.size["columns"] <= 5000:
                for r in range(rng.min_row, rng.max_row + 1):
                    for c in range(rng.min_col, rng.max_col + 1):
                        if (r, c) != (rng.min_row, rng.min_col):
                            self._hidden[(r, c)] = rng.coord
            else:
                self._big.append(rng)
        self.max_row = max((r for r, _ in cells), default=0)
        self.max_column = max((c for _, c in cells), default=0)

    def _merged_in(self, row: int, col: int) -> str | None:
        hit = self._hidden.get((row, col))
        if hit is not None:
            return hit
        for rng in self._big:
            if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
                if (row, col) != (rng.min_row, rng.min_col):
                    return rng.coord
        return None

    def filled(self):
        """(row, column, value) of every cell holding a value, in reading order."""
        for (r, c), raw in sorted(self._cells.items()):
            yield r, c, raw[0]

    def cell(self, row: int, column: int) -> CellView:
        from openpyxl.utils import get_column_letter as _col

        coord = f"{_col(column)}{row}"
        raw = self._cells.get((row, column))
        merged = self._merged_in(row, column)
        if raw is None:
            return CellView(coord, merged_in=merged)
        return CellView(coord, raw[0], raw[1], raw[2], merged)

    def __getitem__(self, coord: str) -> CellView:
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        letters, row = coordinate_from_string(coord)
        return self.cell(row, column_index_from_string(letters))


class BookData:
    """Every sheet of a workbook, read for import; nothing of openpyxl's stays open."""

    def __init__(self, name: str, sheets: list[SheetData]):
        self.name = name
        self.worksheets = sheets
        self._by_title = {s.title: s for s in sheets}
        self.sheetnames = [s.title for s in sheets]

    def __contains__(self, title: str) -> bool:
        return title in self._by_title

    def __getitem__(self, title: str) -> SheetData:
        return self._by_title[title]


#: How to turn an .xls or .ods into the .xlsx the import reads (said in every refusal).
RESAVE_XLSX = (
    "Excel에서는 '파일 > 다른 이름으로 저장'에서 파일 형식을 'Excel 통합 문서(*.xlsx)'로, "
    "LibreOffice Calc에서는 '파일 > 다른 이름으로 저장'에서 'Excel 2007-365 (.xlsx)'로 골라 "
    ".xlsx로 저장한 뒤 그 파일을 가져오세요."
)


def _check_file(p: Path) -> set[str]:
    """Size, format and zip checks before openpyxl sees the file; the zip's part names."""
    name = p.name
    try:
        size = p.stat().st_size
    except FileNotFoundError as exc:
        raise InterchangeError(f"파일을 찾을 수 없습니다: {p}") from exc
    except OSError as exc:
        raise InterchangeError(f"'{name}' 파일을 읽을 수 없습니다 ({exc.strerror}).") from exc
    if p.is_dir():
        raise InterchangeError(f"'{name}'은(는) 파일이 아니라 폴더입니다.")
    if size == 0:
        raise InterchangeError(f"'{name}' 파일이 비어 있습니다. Excel 통합문서(.xlsx)가 아닙니다.")
    if size > MAX_FILE_BYTES:
        raise InterchangeError(
            f"'{name}' 파일이 너무 큽니다 ({size // (1024 * 1024)}MB). 부서 통합문서가 아닙니다."
        )
    with open(p, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InterchangeError(
            f"'{name}'은(는) 옛 Excel 형식(.xls)이거나 암호가 걸린 통합문서입니다. "
            f"{RESAVE_XLSX} (암호가 걸려 있으면 먼저 암호를 푸세요.)"
        )
    if not head.startswith(b"PK"):
        raise InterchangeError(f"'{name}'은(는) Excel 통합문서(.xlsx)가 아닙니다.")
    try:
        with zipfile.ZipFile(p) as zf:
            total = sum(i.file_size for i in zf.infolist())
            names = set(zf.namelist())
            if total > MAX_UNPACKED_BYTES:
                raise InterchangeError(
                    f"'{name}' 파일의 압축을 풀면 너무 큽니다. 부서 통합문서가 아닙니다."
                )
            bad = zf.testzip()
    except InterchangeError:
        raise
    except Exception as exc:  # any zip decoding failure is a damaged file
        raise InterchangeError(
            f"'{name}' 파일이 손상되었거나 잘려 있습니다 (.xlsx로 열 수 없음)."
        ) from exc
    if bad is not None:
        raise InterchangeError(f"'{name}' 파일이 손상되었습니다 ({bad} 부분을 읽을 수 없음).")
    if "content.xml" in names or p.suffix.lower() in (".ods", ".fods"):
        raise InterchangeError(f"'{name}'은(는) LibreOffice·한셀 형식(.ods)입니다. {RESAVE_XLSX}")
    if "xl/workbook.xml" not in names:
        raise InterchangeError(
            f"'{name}'은(는) Excel 통합문서(.xlsx)가 아닙니다 (통합문서 부분이 없음)."
        )
    return names


def read_book(
    path: str | Path, *, data_only: bool = False, only: Collection[str] | None = None
) -> BookData:
    """Read every sheet of an .xlsx for import, or raise InterchangeError naming the file.

    openpyxl's read-only mode reads values fast; the merged ranges (which it
    skips) are taken from each sheet's XML. ``only``: read just the sheets of these
    names (the stamp alone, to tell what a workbook is, without parsing 400 sheets).
    """
    from openpyxl import load_workbook

    p = Path(path)
    name = p.name
    _check_file(p)
    sheets: list[SheetData] = []
    total = 0
    try:
        wb = load_workbook(p, read_only=True, data_only=data_only, keep_links=False)
        try:
            for ws in wb.worksheets:
                if only is not None and ws.title not in only:
                    continue
                merges = []
                wpath = getattr(ws, "_worksheet_path", None)
                if wpath:
                    with wb._archive.open(wpath) as fh:
                        xml = fh.read()
                    for m in _MERGE_RE.finditer(xml):
                        ref = m.group(1).decode()
                        if ":" in ref:
                            merges.append(CellRange(ref))
                cells: dict[tuple[int, int], tuple] = {}
                if hasattr(ws, "reset_dimensions"):
                    ws.reset_dimensions()
                for row in ws.iter_rows():
                    for c in row:
                        if getattr(c, "value", None) is None:
                            continue
                        total += 1
                        if total > MAX_CELLS:
                            raise InterchangeError(
                                f"'{name}'에 값이 든 칸이 너무 많습니다. 부서 통합문서가 아닙니다."
                            )
                        cells[(c.row, c.column)] = (
                            c.value,
                            c.data_type,
                            c.number_format or "General",
                        )
                sheets.append(
                    SheetData(ws.title, getattr(ws, "sheet_state", "visible"), cells, merges)
                )
        finally:
            wb.close()
    except InterchangeError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise InterchangeError(
            f"'{name}'을(를) Excel 통합문서로 읽을 수 없습니다 (손상되었거나 지원하지 않는 형식). "
            "Excel에서 열어 다시 저장한 뒤 가져오세요."
        ) from exc
    return BookData(name, sheets)


# --------------------------------------------------------------------------- the stamp
def plan_identity(store) -> dict[str, Any]:
    """What identifies a plan across copies of its file: municipality and term."""
    muni = store.municipality()
    plan = store.plan()
    return {
        "province": muni.province,
        "municipality": muni.name,
        "term": plan.term,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
    }


def identity_label(ident: dict[str, Any]) -> str:
    try:
        where = " ".join(
            x for x in (str(ident.get("province") or ""), str(ident.get("municipality") or "")) if x
        )
        return f"{where or '(이름 없음)'} 제{ident.get('term')}기({ident.get('start_year')}~{ident.get('end_year')})"
    except Exception:  # a hostile stamp must still give a message
        return "(알 수 없는 계획)"


def same_identity(a: dict[str, Any], b: Any) -> bool:
    if not isinstance(b, dict):
        return False
    keys = ("province", "municipality", "term", "start_year", "end_year")
    return all(canon(a.get(k)) == canon(b.get(k)) for k in keys)


_CHUNK = 30000


def write_stamp(wb: Workbook, data: dict[str, Any]) -> None:
    """Put the stamp in a veryHidden, protected sheet: JSON in A1.., its checksum in B1."""
    ws = wb.create_sheet(STAMP_SHEET)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for i in range(0, len(text), _CHUNK):
        ws.cell(row=i // _CHUNK + 1, column=1, value=text[i : i + _CHUNK])
    ws["B1"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    ws["C1"] = "sbdesk 식별 정보 - 고치지 마세요"
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def read_stamp(book: BookData, name: str) -> dict[str, Any] | None:
    """The stamp of a workbook read with ``read_book``; ``None`` if it has none; InterchangeError if damaged."""
    if STAMP_SHEET not in book:
        return None
    ws = book[STAMP_SHEET]
    parts = []
    row = 1
    while row <= 10000:
        v = ws.cell(row, 1).value
        if v is None:
            break
        if not isinstance(v, str):
            raise InterchangeError(f"'{name}'의 sbdesk 식별 정보가 손상되었습니다.")
        parts.append(v)
        row += 1
    text = "".join(parts)
    digest = ws.cell(1, 2).value
    if (
        not text
        or not isinstance(digest, str)
        or hashlib.sha256(text.encode("utf-8")).hexdigest() != digest
    ):
        raise InterchangeError(
            f"'{name}'의 sbdesk 식별 정보가 손상되었거나 고쳐졌습니다. 새로 내보낸 통합문서를 사용하세요."
        )
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InterchangeError(f"'{name}'의 sbdesk 식별 정보가 손상되었습니다.") from exc
    if not isinstance(data, dict):
        raise InterchangeError(f"'{name}'의 sbdesk 식별 정보가 손상되었습니다.")
    return data


def now_text() -> str:
    return _dt.datetime.now().astimezone().isoformat(timespec="seconds")

"""6th-term values of a department workbook: how each is written into a cell and read back.

Shared by the sheet section writer (``term6_section``) and the import
(``importers/term6_section``, ``importers/workbook``), so what is written is
exactly what is read back. Every refusal is a ``ValueProblem`` whose text is the
Korean message (the caller adds the sheet!cell).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from sbdesk.export.xlsx import common as xc
from sbdesk.export.xlsx.common import ValueProblem
from sbdesk.services.numbers import NumberError, format_money, normalize_text, parse_money
from sbdesk.terms import TermRules
from sbdesk.terms.base import circled
from sbdesk.terms.term6 import CODE_FIELDS

SLASH = "/"
_CODE_BY_KEY = {cf.key: cf for cf in CODE_FIELDS}


def code_in_range(fld: str, value: Any, label: str) -> Any:
    """A classification code read from a cell, refused when its legend has no such number."""
    cf = _CODE_BY_KEY.get(fld)
    if cf is None or value is None:
        return value
    n = len(cf.choices)
    if not 1 <= value <= n:
        legend = " ".join(f"{circled(i)} {c}" for i, c in enumerate(cf.choices, 1))
        raise ValueProblem(
            f"{label}: {value}번 코드는 없습니다. {circled(1)}~{circled(n)} 중 하나를 적으세요 "
            f"({legend})."
        )
    return value


# --------------------------------------------------------------------------- 6기 신규 (○/×)
_NEW_TRUE = {"○", "O", "o", "◯", "예", "신규", "Y", "y"}
_NEW_FALSE = {"×", "X", "x", "✕", "아니오", "계속", "N", "n"}


def new_cell(value: bool | None) -> str | None:
    return None if value is None else ("○" if value else "×")


def parse_new(text: str, label: str) -> bool | None:
    t = normalize_text(text).replace(" ", "")
    if not t:
        return None
    if t in _NEW_TRUE:
        return True
    if t in _NEW_FALSE:
        return False
    raise ValueProblem(f"{label}: '{text}'은(는) ○/×가 아닙니다. ○(신규) 또는 ×(계속)를 적으세요.")


# --------------------------------------------------------------------------- 제3차 기본계획 areas
def areas_cell(areas: list[int] | None) -> str | None:
    return " ".join(circled(a) for a in sorted(areas or [])) or None


def parse_areas(text: str, label: str, n_areas: int) -> list[int]:
    """ "① ③", "1,3", "①③" → [1, 3]; anything else (or ④) is refused."""
    t = xc.halfwidth(normalize_text(text))
    out: list[int] = []
    for tok in re.findall(r"[①-⑮]|\d+|[^\s,·/①-⑮\d]+", t):
        if tok[0].isdigit():
            n = int(tok)
        elif "①" <= tok <= "⑮":
            n = ord(tok) - ord("①") + 1
        else:
            raise ValueProblem(
                f"{label}: '{text}'은(는) 전략 번호가 아닙니다. "
                f"{circled(1)}~{circled(n_areas)} 중 하나 이상을 적으세요 (예: ① ③)."
            )
        if not 1 <= n <= n_areas:
            raise ValueProblem(
                f"{label}: {n}번 전략은 없습니다. {circled(1)}~{circled(n_areas)} 중에서 적으세요."
            )
        if n not in out:
            out.append(n)
    return sorted(out)


# --------------------------------------------------------------------------- 국고보조 예외
def subsidy_cell(value: str) -> str | None:
    return value or None


def parse_subsidy(text: str, label: str, rules: TermRules) -> str:
    t = normalize_text(text).replace(" ", "")
    if not t or t in ("-", "해당없음", "없음"):
        return ""
    for kind in rules.subsidy_kinds:
        if t == kind.replace(" ", "") or t == kind.replace("선택", " 선택").replace(" ", ""):
            return kind
    kinds = ", ".join(rules.subsidy_kinds)
    raise ValueProblem(
        f"{label}: '{text}'은(는) 국고보조 예외 구분이 아닙니다. {kinds} 중에서 고르거나 비워 두세요."
    )


# --------------------------------------------------------------------------- 4-year budget cells
def budget_cell_shown(amount: Decimal | None, mark: str) -> Any:
    """What a 4-year budget cell shows: "/" (no figure), the amount (0 = 비예산), or blank."""
    if mark == SLASH:
        return SLASH
    return amount


def parse_budget(raw: Any, text: str, label: str) -> tuple[Decimal | None, str]:
    """(amount, mark): "/" → (None, "/"); "0" → (0, ""); "12.5" → (12.5, ""); blank → (None, "")."""
    t = normalize_text(text).strip()
    if t == SLASH:
        return None, SLASH
    try:
        if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
            value = parse_money(raw, label)
        else:
            value = parse_money(t, label)
    except NumberError as exc:
        raise ValueProblem(f"{exc} 숫자, 0(비예산) 또는 /(수치 없음)만 적을 수 있습니다.") from exc
    if t and value is None:  # "-" and the like are not 6th-term values
        raise ValueProblem(
            f"{label}: '{text}'은(는) 적을 수 없습니다. 숫자(백만원), 0(비예산) 또는 /(수치 없음)를 적으세요."
        )
    if value is not None and value < 0:
        raise ValueProblem(f"{label}: 음수({format_money(value)})는 입력할 수 없습니다.")
    return value, ""


def parse_target(text: str) -> str:
    """A 4-year target as typed ("/", "0", "120", "만족 이상"): kept as text."""
    t = xc.halfwidth(normalize_text(text)).strip()
    return t[1:].strip() if t.startswith("'") else t

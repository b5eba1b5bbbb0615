"""Reading numbers the way people type them, and printing them the official way.

Every message is Korean and names the field it is about, because it is shown to
the user as it is.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache
from typing import Any

DASHES = {"-", "–", "—", "－", "―", "ㅡ"}
_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MEASURE_RE = re.compile(
    rf"^\s*(?P<num>{_NUMBER})\s*(?P<unit>[^\d\s().,+-][^\d()]*?)?\s*(?:\((?P<paren>[^()]*)\))?\s*$"
)
_MONEY_RE = re.compile(rf"^\s*(?P<num>{_NUMBER})\s*(?:백만원)?\s*$")


#: Refused outright: an amount (백만원) this large or more, or with more decimals, is a slip.
MONEY_MAX = Decimal(10) ** 12
MONEY_MAX_DECIMALS = 6
#: More digits than any 시·군·구 budget has (10조원): accepted only after a warning.
MONEY_PLAUSIBLE = Decimal(10_000_000)


class NumberError(ValueError):
    """A value that cannot be read as a number; ``str()`` is the Korean message."""


def normalize_text(text: str | None) -> str:
    """Full-width digits and signs to ASCII (NFKC), trimmed."""
    if text is None:
        return ""
    return unicodedata.normalize("NFKC", str(text)).strip()


def parse_money(text: str | int | float | Decimal | None, field: str = "금액") -> Decimal | None:
    """Read an amount in 백만원: "189.5", "1,317", "0.8" → Decimal; blank or "-" → None.

    Anything else ("1,300명", "약 5") raises NumberError naming ``field``; a percentage
    ("95%", "95퍼센트") gets its own message: it is a rate, never an amount.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise NumberError(f"{field}: 참/거짓 값은 금액이 아닙니다. 숫자만 입력하세요 (예: 189.5).")
    if isinstance(text, Decimal):
        return check_money(text, field)
    if isinstance(text, int):
        return check_money(Decimal(text), field)
    if isinstance(text, float):
        if not math.isfinite(text):
            raise NumberError(f"{field}: 숫자가 아닌 값입니다. 금액(백만원)을 입력하세요.")
        return check_money(Decimal(repr(text)), field)
    s = normalize_text(text)
    if s.startswith("'"):  # LibreOffice keeps the apostrophe that made a number text
        s = s[1:].strip()
    if len(s) > 60:
        raise NumberError(
            f"{field}: '{s[:20]}…'은(는) 금액으로 읽기에 너무 깁니다 ({len(s)}자). 백만원 단위 숫자만 입력하세요."
        )
    if not s or s in DASHES or s in {"비예산"}:
        return None
    if "%" in s or "퍼센트" in s:  # "95%" typed (or pasted) where an amount goes
        raise NumberError(
            f"{field}: '{text}'은(는) 백분율(%)이라 금액으로 읽지 않습니다. 백만원 단위 금액을 숫자로 "
            "입력하세요 (예: 189.5). 집행률·비중은 sbdesk가 금액으로 계산합니다."
        )
    m = _MONEY_RE.match(s)
    if not m:
        raise NumberError(
            f"{field}: '{text}'은(는) 금액(백만원)으로 읽을 수 없습니다. 숫자만 입력하세요 (예: 189.5)."
        )
    try:
        value = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only numbers
        raise NumberError(f"{field}: '{text}'은(는) 숫자가 아닙니다.") from exc
    if value < 0:
        raise NumberError(f"{field}: 음수({text})는 입력할 수 없습니다.")
    return check_money(value, field)


def check_money(value: Decimal, field: str = "금액") -> Decimal:
    """``value`` if it can be an amount in 백만원; else NumberError (too large, too fine, not finite)."""
    if not value.is_finite():
        raise NumberError(f"{field}: 숫자가 아닌 값입니다. 금액(백만원)을 입력하세요.")
    if abs(value) >= MONEY_MAX:
        digits = value.adjusted() + 1
        raise NumberError(
            f"{field}: {digits}자리 금액은 입력할 수 없습니다 (백만원 단위로 12자리 미만). 단위를 확인하세요."
        )
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MONEY_MAX_DECIMALS:
        value = value.normalize()
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -MONEY_MAX_DECIMALS:
            raise NumberError(
                f"{field}: 소수점 아래 {MONEY_MAX_DECIMALS}자리까지만 입력할 수 있습니다 (백만원 단위)."
            )
    return value


class MeasureKind(Enum):
    BLANK = "blank"
    DASH = "dash"
    NUMBER = "number"
    TEXT = "text"  # qualitative: "만족 이상", "착공", "수시"


@dataclass(frozen=True)
class Measure:
    kind: MeasureKind
    value: Decimal | None = None
    unit: str = ""
    text: str = ""


@lru_cache(maxsize=8192)  # Measure is frozen; a plan repeats its figures (check, views)
def parse_measure(text: str | None) -> Measure:
    """Classify an indicator target or actual as typed.

    "3,810 (건)", "1,300명", "85 %", "94.6", "１３００" → NUMBER with its value;
    "" → BLANK; "-" → DASH; anything else ("만족 이상", "1개소 (2025년)") → TEXT.
    """
    s = normalize_text(text)
    if not s:
        return Measure(MeasureKind.BLANK)
    if s in DASHES:
        return Measure(MeasureKind.DASH, text=s)
    m = _MEASURE_RE.match(s)
    if m and not re.search(r"\d", m.group("paren") or ""):  # "(2025년)" is a note, not a unit
        unit = (m.group("unit") or "").strip()
        paren = (m.group("paren") or "").strip()
        if not unit and paren and not re.search(r"\d", paren):
            unit = paren
        return Measure(MeasureKind.NUMBER, Decimal(m.group("num").replace(",", "")), unit, s)
    return Measure(MeasureKind.TEXT, text=s)


def keep_unit(value: Any, current: Any, unit: str = "") -> Any:
    """A bare number typed over a figure with a unit keeps it, in its style.

    "1300" over "1,182명" → "1300명"; "300" over "211 (가구)" → "300 (가구)".
    Anything else (a unit typed, text, a blank) is returned as typed.
    """
    new = parse_measure(value if isinstance(value, str) else None)
    if new.kind is not MeasureKind.NUMBER or new.unit:
        return value
    old = parse_measure(current if isinstance(current, str) else None)
    if old.kind is not MeasureKind.NUMBER or not old.unit:
        return value
    return re.sub(_NUMBER, lambda _m: new.text, old.text, count=1)


def same_measure(value: Any, current: Any) -> bool:
    """Two typed figures with the same number and unit ("1182명" and "1,182명")."""
    a = parse_measure(value if isinstance(value, str) else None)
    b = parse_measure(current if isinstance(current, str) else None)
    return (
        a.kind is MeasureKind.NUMBER
        and b.kind is MeasureKind.NUMBER
        and a.value == b.value
        and a.unit == b.unit
    )


def _unit_key(unit: str) -> str:
    return re.sub(r"[\s()]", "", normalize_text(unit)).replace("퍼센트", "%")


def measure_warning(text: Any, unit: str = "") -> str:
    """Why a typed target or actual needs a look ("약 1,108", "120명" on a "가구" indicator), or ""."""
    mm = parse_measure(text if isinstance(text, str) else None)
    if mm.kind is MeasureKind.TEXT and re.search(r"\d", mm.text):
        return (
            f"'{mm.text}'은(는) 숫자로 읽히지 않아 정성 목표처럼 다뤄집니다(달성률을 계산하지 않음). "
            "수치라면 숫자와 단위만 쓰세요(예: 1,108명)."
        )
    if mm.kind is MeasureKind.NUMBER and mm.unit and unit and _unit_key(mm.unit) != _unit_key(unit):
        return f"단위 '{mm.unit}'이(가) 지표의 단위 '{unit}'와 다릅니다."
    return ""


def round_half_up(value: Decimal, places: int = 1) -> Decimal:
    """Round like the official tables do (0.05 → 0.1), never banker's rounding."""
    q = Decimal(1).scaleb(-places)
    return value.quantize(q, rounding=ROUND_HALF_UP)


def money_places(values) -> int:
    """The decimals an amount column needs: the most any of ``values`` was entered with.

    Rule (one style per table): every amount of a table is printed with this
    many decimals, so 5,175.9 and 3,953.14 in one table read 5,175.90 and
    3,953.14 — padded, never rounded (money is printed exactly as entered).
    """
    places = 0
    for v in values:
        if v is None:
            continue
        frac = format(abs(v), "f").partition(".")[2].rstrip("0")
        places = max(places, len(frac))
    return places


def format_money(value: Decimal | None, blank: str = "-", places: int | None = None) -> str:
    """189.5 → "189.5"; 1317 → "1,317"; None → "-" (decimals exactly as stored).

    With ``places`` (see ``money_places``) the decimals are padded to that many
    (1317, 1 → "1,317.0"); a value with more decimals keeps them all.
    """
    if value is None:
        return blank
    sign = "-" if value < 0 else ""
    text = format(abs(value), "f")
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    if places:
        frac = frac.ljust(places, "0")
    whole = f"{int(whole):,}"
    return f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}"


def format_rate(value: Decimal | None, blank: str = "-") -> str:
    """124.1 → "124.1%", 116 → "116.0%" (always one decimal); None → "-"."""
    if value is None:
        return blank
    return f"{round_half_up(value):,.1f}%"


def format_date(iso: str | None) -> str:
    """ "2024-02-28" → "2024. 2. 28." (the official style); other text unchanged."""
    if not iso:
        return ""
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", iso.strip())
    if not m:
        return iso
    y, mo, d = (int(g) for g in m.groups())
    return f"{y}. {mo}. {d}."


def parse_date(text: str, field: str = "날짜") -> str:
    """ "2024. 2. 28.", "2024-02-28", "2024.2.28" → "2024-02-28"; blank → ""."""
    s = normalize_text(text)
    if not s:
        return ""
    m = re.match(r"^(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})\s*[.일]?$", s)
    if not m:
        raise NumberError(f"{field}: '{text}'은(는) 날짜로 읽을 수 없습니다 (예: 2024. 2. 28.).")
    y, mo, d = (int(g) for g in m.groups())
    import datetime as _dt

    try:
        _dt.date(y, mo, d)
    except ValueError as exc:
        raise NumberError(f"{field}: '{text}'은(는) 없는 날짜입니다.") from exc
    return f"{y:04d}-{mo:02d}-{d:02d}"

"""Text as it is stored: Unicode NFC, with the HWP private-use bullets made visible.

macOS writes Hangul decomposed (NFD: "ㅎㅏㄴ" jamo sequences) in file names and
in text copied out of some apps; a PDF font then prints loose jamo. Text pasted
from 한글 (HWP) carries Wingdings/Symbol bullets as private-use code points
(U+F0A7, U+F0B7) that no font outside Windows draws, so they print as nothing.
Every text that enters a plan (``PlanStore`` writes, JSON and workbook
imports) passes through ``clean_text``.
"""

from __future__ import annotations

import unicodedata
from typing import Any

#: Private-use bullets from HWP/Word (Wingdings U+F0A7 "▪", Symbol U+F0B7 "•")
#: → the official inner bullet "·" (docs/korean-official-documents.md), which
#: the bundled Nanum fonts draw.
PUA_BULLETS = {"\uf0a7": "·", "\uf0b7": "·"}
_TABLE = str.maketrans(PUA_BULLETS)


def clean_text(text: str) -> str:
    """NFC-normalise ``text`` and map private-use bullets to a visible one."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text.translate(_TABLE))


def clean_value(value: Any) -> Any:
    """``clean_text`` applied to every string inside ``value`` (dicts, lists, keys too)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, tuple):
        return tuple(clean_value(v) for v in value)
    return value

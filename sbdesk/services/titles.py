"""Official titles derived from the municipality's names (editable afterwards).

- the head of a 시·군·구: 성동구 → 성동구청장, 양평군 → 양평군수, 수원시 → 수원시장;
- the head of a 시·도, to whom the report is submitted (제출처, "… 귀하"):
  서울특별시 → 서울특별시장, 부산광역시 → 부산광역시장, 세종특별자치시 →
  세종특별자치시장, 경기도 → 경기도지사, 제주특별자치도 → 제주특별자치도지사,
  강원특별자치도 → 강원특별자치도지사;
- the council: ``<district> 지역사회보장협의체``.

The derived title is only a default: the plan page edits the stored title,
and the documents print what is stored (falling back to the derived one when
nothing is stored).
"""

from __future__ import annotations

#: The 17 시·도 (for the new-plan dialog's list; any other name is accepted).
PROVINCES = [
    "서울특별시",
    "부산광역시",
    "대구광역시",
    "인천광역시",
    "광주광역시",
    "대전광역시",
    "울산광역시",
    "세종특별자치시",
    "경기도",
    "강원특별자치도",
    "충청북도",
    "충청남도",
    "전북특별자치도",
    "전라남도",
    "경상북도",
    "경상남도",
    "제주특별자치도",
]


def head_title(district: str) -> str:
    """The title of the head of a 시·군·구 (구청장, 군수, 시장)."""
    name = (district or "").strip()
    if not name:
        return ""
    if name.endswith("구"):
        return name + "청장"
    if name.endswith("군"):
        return name + "수"
    if name.endswith("시"):
        return name + "장"
    return name + "장"


def province_head_title(province: str) -> str:
    """The title of the head of a 시·도 (서울특별시장, 경기도지사)."""
    name = (province or "").strip()
    if not name:
        return ""
    if name.endswith("도"):
        return name + "지사"
    return name + "장"  # 특별시, 광역시, 특별자치시


def council_name(district: str) -> str:
    """The default council name: ``성동구 지역사회보장협의체``."""
    name = (district or "").strip()
    return f"{name} 지역사회보장협의체" if name else ""

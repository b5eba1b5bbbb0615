"""The 5th term (2023–2026): sbdesk's behaviour before the 6th term existed.

Numbers are derived from positions (I-1-1, II-1-1-1) and renumber when a
project moves; the card has the 국비 row; no classification codes.
"""

from __future__ import annotations

from sbdesk.models.fields import SYSTEM_TITLES
from sbdesk.terms.base import Limits, TermRules

TERM5 = TermRules(
    term=5,
    start_year=2023,
    end_year=2026,
    baseline_year=2022,
    system_titles={str(k): v for k, v in SYSTEM_TITLES.items()},
    stored_numbers=False,
    funding_sources=("national", "province", "district", "other"),
    new_label="5기 신규",
    limits=Limits(),
)

"""Term rules as data: what differs between the 5th and the 6th term, in one place per term.

A plan's term (``Plan.term``) selects a ``TermRules`` object (``rules_for``).
UI pages, documents, exports and ``check`` ask that object (structure limits,
fixed names, numbering, years, card fields, code legends, funding rows,
indicator levels, which checks apply) instead of testing the term number.

- ``term5.py``: the 5th term (2023–2026) exactly as sbdesk always behaved.
- ``term6.py``: the 6th term (2027–2030) per ``docs/sixth-term.md``.
"""

from __future__ import annotations

from sbdesk.terms.base import CodeField, FixedStrategy, Limits, TermRules
from sbdesk.terms.term5 import TERM5
from sbdesk.terms.term6 import TERM6

TERMS: dict[int, TermRules] = {5: TERM5, 6: TERM6}
LATEST = 6


def rules_for(term: int | None) -> TermRules:
    """The rules of ``term``; an unknown or missing term behaves as the 5th term."""
    return TERMS.get(term or 5, TERM5)


def rules_of(store) -> TermRules:
    """The rules of the plan open in ``store``."""
    return rules_for(store.plan().term)


__all__ = [
    "LATEST",
    "TERMS",
    "CodeField",
    "FixedStrategy",
    "Limits",
    "TermRules",
    "rules_for",
    "rules_of",
]

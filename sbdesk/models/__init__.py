"""The plan model: Qt-free sqlmodel tables of one plan file.

The tables are listed in ``tables.py``. They are imported on first use
(``m.Card``, ``m.ALL_TABLES``), because importing sqlmodel takes most of a second:
code that only needs the enumerations (``sbdesk.models.types``), the read model
and the CLI's read-only commands never pay for it.
"""

from sbdesk.models.types import (
    ChangeType,
    Direction,
    EvaluationKind,
    FundingSource,
    Judgement,
    Reflected,
    ReviewStatus,
    System,
)


def __getattr__(name: str):
    import importlib

    tables = importlib.import_module("sbdesk.models.tables")
    try:
        value = getattr(tables, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


__all__ = [
    "ChangeType",
    "Direction",
    "EvaluationKind",
    "FundingSource",
    "Judgement",
    "Reflected",
    "ReviewStatus",
    "System",
]

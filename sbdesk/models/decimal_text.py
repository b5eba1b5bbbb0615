"""``DecimalText``: the SQLAlchemy column type of exact amounts (imported by the tables only)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy.types import String, TypeDecorator


class DecimalText(TypeDecorator):
    """An exact decimal stored as its text ("189.5", "0.8").

    SQLite has no decimal type; REAL would turn 0.1 + 0.2 into 0.30000000000000004.
    Storing the canonical text keeps every amount exactly as the user typed it.
    """

    impl = String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        return format(value, "f")

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - defensive, file edited by hand
            return None

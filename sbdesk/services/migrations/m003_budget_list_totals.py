"""Schema 2: 첨부 2 rows keep the budget book's 계 and 지방비 소계 as entered.

Adds ``budgetlistitem.total`` and ``budgetlistitem.local_subtotal`` (exact
decimal text, NULL = not entered). Existing rows get NULL, so they print the
sum of their parts exactly as before.
"""

from __future__ import annotations

import sqlite3


def upgrade(con: sqlite3.Connection) -> None:
    con.execute("ALTER TABLE budgetlistitem ADD COLUMN total VARCHAR")
    con.execute("ALTER TABLE budgetlistitem ADD COLUMN local_subtotal VARCHAR")

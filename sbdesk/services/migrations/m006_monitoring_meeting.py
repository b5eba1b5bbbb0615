"""Schema 6: the year's monitoring meeting (회의명, 일시, 장소), printed on the cover of
the monitoring pack (issue 12, item 10) and entered on the 심의 page.

Every column is added with a default, so every old row stays as it was.
"""

from __future__ import annotations

import sqlite3

COLUMNS = [
    ("planyear", "monitoring_title", "VARCHAR NOT NULL DEFAULT ''"),
    ("planyear", "monitoring_when", "VARCHAR NOT NULL DEFAULT ''"),
    ("planyear", "monitoring_place", "VARCHAR NOT NULL DEFAULT ''"),
]


def upgrade(con: sqlite3.Connection) -> None:
    for table, column, decl in COLUMNS:
        have = {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
        if column not in have:
            con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")

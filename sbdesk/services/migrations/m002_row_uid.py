"""Schema 2: a ``uid`` column (a random hex UUID) on every row a department workbook names.

SQLite hands the highest freed integer id to the next new row, so a workbook
exported before a project was deleted could name the id of a project added
later (issue 13, item 9). The stamp now carries each row's ``uid`` as well and
the import refuses a row whose ``uid`` differs. Existing rows get a fresh uid
here; new rows get one from the model (``models.types.new_uid``).
"""

from __future__ import annotations

import sqlite3

#: The tables whose rows appear in department workbooks and budget lists.
TABLES = (
    "project",
    "card",
    "deliverystep",
    "budgetline",
    "indicator",
    "partner",
    "evaluation",
    "budgetlistitem",
)


def upgrade(con: sqlite3.Connection) -> None:
    for table in TABLES:
        cols = {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
        if "uid" not in cols:
            con.execute(f"ALTER TABLE {table} ADD COLUMN uid VARCHAR")
        con.execute(f"UPDATE {table} SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL")

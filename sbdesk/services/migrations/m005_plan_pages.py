"""Schema 5: what the plan and year pages edit (issue 9).

- ``municipality.council_name``: the council's name for every year;
- ``planyear.review_*`` and ``planyear.submitted_to``: the council's
  deliberation (심의) of the year and where the report goes (제출처);
- ``committeemember.present``: 출석 / 불참 (NULL = not recorded);
- ``project.priority_dash`` (중점 printed "-") and ``project.duplicate_of`` (the
  original of a project printed twice).

(대표과업 basic-plan indicators and a printed "-" budget use schema 4's
``basicindicator.task_id`` and ``basicbudget.mark``.)

Every column is added with a default, so every old row stays as it was.
"""

from __future__ import annotations

import sqlite3

COLUMNS = [
    ("municipality", "council_name", "VARCHAR NOT NULL DEFAULT ''"),
    ("planyear", "review_title", "VARCHAR NOT NULL DEFAULT ''"),
    ("planyear", "review_round", "VARCHAR NOT NULL DEFAULT ''"),
    ("planyear", "review_mode", "VARCHAR NOT NULL DEFAULT ''"),
    ("planyear", "review_agenda", "VARCHAR NOT NULL DEFAULT ''"),
    ("planyear", "review_result", "VARCHAR NOT NULL DEFAULT ''"),
    ("planyear", "review_amendments", "VARCHAR NOT NULL DEFAULT ''"),
    ("planyear", "review_enrolled", "INTEGER"),
    ("planyear", "review_present", "INTEGER"),
    ("planyear", "submitted_to", "VARCHAR NOT NULL DEFAULT ''"),
    ("committeemember", "present", "BOOLEAN"),
    ("project", "priority_dash", "BOOLEAN NOT NULL DEFAULT 0"),
    ("project", "duplicate_of", "INTEGER REFERENCES project (id) ON DELETE SET NULL"),
]


def upgrade(con: sqlite3.Connection) -> None:
    for table, column, decl in COLUMNS:
        have = {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
        if column not in have:
            con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")

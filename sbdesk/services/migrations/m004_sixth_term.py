"""Schema 4: the 6th-term fields (see ``sbdesk/terms/term6.py`` and docs/sixth-term.md).

Adds, with defaults that leave every 5th-term plan as it was:

- ``project``: the stored 사업번호 ``code``, the six classification codes
  ``cls_*``, the 제3차 사회보장기본계획 link (``basic_plan_areas`` JSON list,
  ``basic_plan_link`` text) and the 국고보조 exception ``subsidy_exception``;
- ``indicator.kind``; ``levelindicator`` and ``basicindicator``: ``definition``,
  ``rationale``, ``data_source``, ``kind``; ``basicindicator.task_id`` (대표과업);
- ``basicbudget``: ``source`` ("" = the total, as before), ``source_name``,
  ``mark`` ("/" = no figure for that year);
- ``tfmember.category`` (첨부1 composition).
"""

from __future__ import annotations

import sqlite3

TEXT = "VARCHAR NOT NULL DEFAULT ''"

COLUMNS = [
    ("project", "code", TEXT),
    ("project", "cls_target", "INTEGER"),
    ("project", "cls_form", "INTEGER"),
    ("project", "cls_life", "INTEGER"),
    ("project", "cls_household", "INTEGER"),
    ("project", "cls_domain", "INTEGER"),
    ("project", "cls_selection", "INTEGER"),
    ("project", "basic_plan_areas", "JSON DEFAULT '[]'"),
    ("project", "basic_plan_link", TEXT),
    ("project", "subsidy_exception", TEXT),
    ("indicator", "kind", TEXT),
    ("levelindicator", "definition", TEXT),
    ("levelindicator", "rationale", TEXT),
    ("levelindicator", "data_source", TEXT),
    ("levelindicator", "kind", TEXT),
    ("basicindicator", "task_id", "INTEGER REFERENCES task(id) ON DELETE CASCADE"),
    ("basicindicator", "definition", TEXT),
    ("basicindicator", "rationale", TEXT),
    ("basicindicator", "data_source", TEXT),
    ("basicindicator", "kind", TEXT),
    ("basicbudget", "source", TEXT),
    ("basicbudget", "source_name", TEXT),
    ("basicbudget", "mark", TEXT),
    ("tfmember", "category", TEXT),
]


def upgrade(con: sqlite3.Connection) -> None:
    for table, column, decl in COLUMNS:
        con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")

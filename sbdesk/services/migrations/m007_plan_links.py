"""Schema 7: the 6th-term links to other plans (rules §01-가-2-(2), validator rule 9).

Creates the table ``otherplanlink`` (one line of 「타 계획과 제6기 지역사회보장계획 간
연관 내용」: plan name, 구분, the linked project, 연계성). Nothing else changes; the
수요·공급 분석 text (rule 10) is a ``yeartext`` part (key ``demand_analysis``) and
needs no column.
"""

from __future__ import annotations

import sqlite3

DDL = """CREATE TABLE IF NOT EXISTS otherplanlink (
\tid INTEGER NOT NULL,
\tposition INTEGER NOT NULL DEFAULT 0,
\tplan_name VARCHAR NOT NULL DEFAULT '',
\tlevel VARCHAR NOT NULL DEFAULT '',
\tproject_id INTEGER,
\tcontent VARCHAR NOT NULL DEFAULT '',
\tPRIMARY KEY (id),
\tFOREIGN KEY(project_id) REFERENCES project (id) ON DELETE SET NULL
)"""


def upgrade(con: sqlite3.Connection) -> None:
    con.execute(DDL)

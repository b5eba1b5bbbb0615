"""How ``tests/schemas/v7.sbplan`` was made (kept for reference; do not re-run later).

Schema 7 (migration ``m007_plan_links``) adds the table ``otherplanlink`` (the
6th-term links to other plans, validator rule 9). The file is ``v6.sbplan``
migrated to schema 7 by the real step, then given two link rows (one naming a
project, one not), so a later migration is tested against real version-7 data.
Copy this script to write ``make_v8.py`` for the next version.

Run: ``.venv/bin/python tests/schemas/make_v7.py`` (refuses to overwrite).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sbdesk.services.migrations import m007_plan_links  # noqa: E402

HERE = Path(__file__).parent
OUT = HERE / "v7.sbplan"


def main() -> None:
    if OUT.exists():
        sys.exit(f"{OUT} exists; it is committed and must not change")
    shutil.copyfile(HERE / "v6.sbplan", OUT)
    con = sqlite3.connect(OUT, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        m007_plan_links.upgrade(con)
        pid = con.execute("SELECT min(id) FROM project").fetchone()[0]
        con.execute(
            "INSERT INTO otherplanlink (position, plan_name, level, project_id, content) "
            "VALUES (0, '지역보건의료계획', '시·군·구', ?, '방문건강관리 연계')",
            (pid,),
        )
        con.execute(
            "INSERT INTO otherplanlink (position, plan_name, level, project_id, content) "
            "VALUES (1, '사회서비스기본계획', '중앙', NULL, '')"
        )
        con.execute("PRAGMA user_version=7")
        con.execute("COMMIT")
        con.execute("VACUUM")
    finally:
        con.close()


if __name__ == "__main__":
    main()

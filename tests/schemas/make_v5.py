"""How ``tests/schemas/v5.sbplan`` was made (kept for reference; do not re-run later).

Schema 5 (migration ``m005_plan_pages``) adds the plan pages' columns: the
council name, the year's 심의 fields and 제출처, members' 출석, the 중점 dash and
the duplicate link of projects. The file is ``v4.sbplan`` migrated to schema 5
by the real step, then given values in the new columns, so a later migration
is tested against real version-5 data. Copy this script to write
``make_v6.py`` for the next version.

Run: ``.venv/bin/python tests/schemas/make_v5.py`` (refuses to overwrite).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sbdesk.services.migrations import m005_plan_pages  # noqa: E402

HERE = Path(__file__).parent
OUT = HERE / "v5.sbplan"


def main() -> None:
    if OUT.exists():
        sys.exit(f"{OUT} exists; it is committed and must not change")
    shutil.copyfile(HERE / "v4.sbplan", OUT)
    con = sqlite3.connect(OUT, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        m005_plan_pages.upgrade(con)
        con.execute("UPDATE municipality SET council_name = '시험구 지역사회보장협의체'")
        con.execute(
            "UPDATE planyear SET review_title = '제1차 시험구 지역사회보장협의체 회의', "
            "review_round = '제1차', review_mode = '대면', review_agenda = '시행결과 심의', "
            "review_result = '수정 의결', review_amendments = '지표 명칭 수정', "
            "review_enrolled = 20, review_present = 15, submitted_to = '서울특별시장'"
        )
        con.execute("UPDATE committeemember SET present = 1")
        con.execute("UPDATE project SET priority_dash = 1 WHERE task_id IS NOT NULL")
        con.execute("PRAGMA user_version=5")
        con.execute("COMMIT")
        con.execute("VACUUM")
    finally:
        con.close()


if __name__ == "__main__":
    main()

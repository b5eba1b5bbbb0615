"""How ``tests/schemas/v6.sbplan`` was made (kept for reference; do not re-run later).

Schema 6 (migration ``m006_monitoring_meeting``) adds the year's monitoring
meeting (회의명, 일시, 장소). The file is ``v5.sbplan`` migrated to schema 6 by
the real step, then given values in the new columns, so a later migration is
tested against real version-6 data. Copy this script to write ``make_v7.py``
for the next version.

Run: ``.venv/bin/python tests/schemas/make_v6.py`` (refuses to overwrite).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sbdesk.services.migrations import m006_monitoring_meeting  # noqa: E402

HERE = Path(__file__).parent
OUT = HERE / "v6.sbplan"


def main() -> None:
    if OUT.exists():
        sys.exit(f"{OUT} exists; it is committed and must not change")
    shutil.copyfile(HERE / "v5.sbplan", OUT)
    con = sqlite3.connect(OUT, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        m006_monitoring_meeting.upgrade(con)
        con.execute(
            "UPDATE planyear SET monitoring_title = '하반기 모니터링 회의', "
            "monitoring_when = '2023. 11. 15.(수) 14:00', monitoring_place = '구청 소회의실'"
        )
        con.execute("PRAGMA user_version=6")
        con.execute("COMMIT")
        con.execute("VACUUM")
    finally:
        con.close()


if __name__ == "__main__":
    main()

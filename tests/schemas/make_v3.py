"""How ``tests/schemas/v3.sbplan`` was made (kept for reference; do not re-run later).

Schema 3 (migration ``m003_budget_list_totals``) only adds the 첨부 2 columns
``total`` and ``local_subtotal``. The file is ``v2.sbplan`` migrated to schema 3
by the real migration step, then given entered totals on its budget-list row
(one that disagrees with its parts, as the budget book prints it), so a later
migration is tested against real version-3 data. Copy this script to write
``make_v4.py`` for the next version.

Run: ``.venv/bin/python tests/schemas/make_v3.py`` (refuses to overwrite).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sbdesk.services.migrations import m003_budget_list_totals  # noqa: E402

HERE = Path(__file__).parent
OUT = HERE / "v3.sbplan"


def main() -> None:
    if OUT.exists():
        sys.exit(f"{OUT} exists; it is committed and must not change")
    shutil.copyfile(HERE / "v2.sbplan", OUT)
    con = sqlite3.connect(OUT, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        m003_budget_list_totals.upgrade(con)
        con.execute("UPDATE budgetlistitem SET total = '101', local_subtotal = '40'")
        con.execute("PRAGMA user_version=3")
        con.execute("COMMIT")
        con.execute("VACUUM")
    finally:
        con.close()


if __name__ == "__main__":
    main()

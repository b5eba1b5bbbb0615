"""How ``tests/schemas/v2.sbplan`` was made (kept for reference; do not re-run later).

Schema 2 only adds the ``uid`` column (migration ``m002_row_uid``), so the
committed version-2 file is the version-1 file migrated by that step: the same
rows, each with its uid. Once the schema moves on, this script would write a
NEWER schema; copy it to write ``make_v3.py`` instead.

Run: ``.venv/bin/python tests/schemas/make_v2.py`` (refuses to overwrite).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sbdesk.services.migrations import m002_row_uid  # noqa: E402

HERE = Path(__file__).parent
OUT = HERE / "v2.sbplan"


def main() -> None:
    if OUT.exists():
        sys.exit(f"{OUT} exists; it is committed and must not change")
    tmp = OUT.with_suffix(".tmp")
    shutil.copyfile(HERE / "v1.sbplan", tmp)
    con = sqlite3.connect(tmp, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        m002_row_uid.upgrade(con)
        con.execute("PRAGMA user_version=2")
        con.execute("COMMIT")
        con.execute("VACUUM")
    finally:
        con.close()
    tmp.replace(OUT)


if __name__ == "__main__":
    main()

"""How ``tests/schemas/v4.sbplan`` was made (kept for reference; do not re-run later).

Schema 4 added the 6th-term columns (``migrations/m004_sixth_term.py``). The
committed file is ``v3.sbplan`` migrated to schema 4 with every new column
given a value, so later migrations are tested against real schema-4 data.

Run: ``.venv/bin/python tests/schemas/make_v4.py`` (refuses to overwrite).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sbdesk.services import planfile  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "v4.sbplan"


def build(path: Path) -> None:
    shutil.copyfile(HERE / "v3.sbplan", path)
    backup = planfile.migrate(path)
    if backup is not None:
        backup.unlink()
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute(
                "UPDATE project SET code='I-1-1', cls_target=2, cls_form=3, cls_life=1, "
                "cls_household=12, cls_domain=1, cls_selection=2, basic_plan_areas=?, "
                "basic_plan_link='소득 보장과 연계', subsidy_exception='' WHERE id=1",
                (json.dumps([1, 3]),),
            )
            con.execute(
                "UPDATE project SET code='II-1-1-1', subsidy_exception='공모', "
                "basic_plan_areas='[2]' WHERE id=2"
            )
            con.execute("UPDATE indicator SET kind='산출'")
            con.execute(
                "UPDATE levelindicator SET definition='정의', rationale='근거', "
                "data_source='행정자료', kind='결과'"
            )
            con.execute(
                "UPDATE basicindicator SET definition='정의', rationale='근거', "
                "data_source='행정자료', kind='산출'"
            )
            con.execute("UPDATE basicbudget SET source='', source_name='', mark=''")
            con.execute("UPDATE tfmember SET category='담당자'")
    finally:
        con.close()
    assert planfile.inspect(path) == 4


if __name__ == "__main__":
    if OUT.exists():
        sys.exit(f"{OUT} exists; not overwriting")
    build(OUT)
    print(f"wrote {OUT}")

"""Migration 2 (row uids) on the committed version-1 file: data intact, every row gets its own uid."""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal as D
from pathlib import Path

from sbdesk import models as m
from sbdesk.services import planfile
from sbdesk.services.migrations import m002_row_uid
from sbdesk.services.store import PlanStore

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def test_v1_file_migrates_to_row_uids_with_its_data(tmp_path):
    path = tmp_path / "old.sbplan"
    shutil.copyfile(SCHEMAS / "v1.sbplan", path)
    con = sqlite3.connect(path)
    before = {
        t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in m002_row_uid.TABLES
    }
    old_cols = {
        t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in m002_row_uid.TABLES
    }
    con.close()
    assert all(before.values())  # a row in every table the step touches
    store = PlanStore(path)
    try:
        assert store.backup_made == planfile.backup_path(path, 1)
        assert store.year_view(2023).project("I-1-1").budget.annual.total == D("190.3")
        uids = [store.get(m.Project, 1).uid, store.get(m.Project, 2).uid]
        assert all(isinstance(u, str) and len(u) == 32 for u in uids) and uids[0] != uids[1]
        new_id = store.add_row(m.Partner, {"card_id": store.card(1, 2023).id, "agency": "새 기관"})
        assert len(store.get(m.Partner, new_id).uid) == 32  # new rows get one from the model
    finally:
        store.close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == planfile.SCHEMA_VERSION
        for table, rows in before.items():
            # later steps may add columns: compare the columns version 1 had
            wanted = ", ".join(f'"{c}"' for c in old_cols[table])
            after = con.execute(f"SELECT {wanted} FROM {table} ORDER BY id").fetchall()
            if table == "partner":
                after = after[: len(rows)]
            assert after == rows  # every old value kept
            got = [r[0] for r in con.execute(f"SELECT uid FROM {table} ORDER BY id")]
            if table == "partner":
                got = got[: len(rows)]
            assert None not in got and len(set(got)) == len(got)
        all_uids = [r[0] for t in m002_row_uid.TABLES for r in con.execute(f"SELECT uid FROM {t}")]
        assert len(set(all_uids)) == len(all_uids)  # unique across tables too
    finally:
        con.close()


def test_the_step_is_idempotent_on_a_file_that_already_has_uids(tmp_path):
    path = tmp_path / "v2.sbplan"
    shutil.copyfile(SCHEMAS / "v2.sbplan", path)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        before = con.execute("SELECT id, uid FROM project").fetchall()
        m002_row_uid.upgrade(con)
        assert con.execute("SELECT id, uid FROM project").fetchall() == before
    finally:
        con.close()

"""Crafted plan files: foreign schema objects are refused, opening is bounded in time.

The cases of the report: a hidden trigger that wiped every indicator on the
next edit, and a recursive view that hung the open.
"""

from __future__ import annotations

import sqlite3
import time

import pytest

from sbdesk import models as m
from sbdesk.cli.main import main as cli_main
from sbdesk.services import planfile
from sbdesk.services.errors import PlanFileError
from sbdesk.services.store import PlanStore


def _craft(path, *sql):
    con = sqlite3.connect(path)
    for stmt in sql:
        con.execute(stmt)
    con.commit()
    con.close()


def _indicators(path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM indicator").fetchone()[0]
    finally:
        con.close()


def test_hidden_trigger_is_refused_and_nothing_is_wiped(demo_path, capsys):
    before = _indicators(demo_path)
    _craft(
        demo_path,
        "CREATE TRIGGER wipe AFTER UPDATE ON plan BEGIN DELETE FROM indicator; END",
    )
    with pytest.raises(PlanFileError) as err:
        PlanStore(demo_path)
    assert "sbdesk가 만들지 않은" in str(err.value) and "trigger wipe" in str(err.value)
    with pytest.raises(PlanFileError):
        PlanStore(demo_path, read_only=True)
    assert cli_main(["summary", str(demo_path), "--year", "2023"]) == 2
    assert "trigger wipe" in capsys.readouterr().err
    assert _indicators(demo_path) == before


def test_recursive_view_is_refused_at_once(demo_path):
    _craft(
        demo_path,
        "CREATE VIEW forever AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
        "SELECT x FROM c",
    )
    start = time.monotonic()
    with pytest.raises(PlanFileError, match="view forever"):
        PlanStore(demo_path)
    assert time.monotonic() - start < 10


def test_a_table_replaced_by_a_view_is_refused(demo_path):
    _craft(
        demo_path,
        "PRAGMA foreign_keys=OFF",
        "DROP TABLE partner",
        "CREATE VIEW partner AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
        "SELECT x AS id, 1 AS card_id FROM c",
    )
    with pytest.raises(PlanFileError, match="view partner"):
        PlanStore(demo_path)


def test_extra_table_and_index_are_refused_autoindexes_are_fine(demo_path):
    _craft(demo_path, "CREATE INDEX ix_mine ON indicator(name)")
    with pytest.raises(PlanFileError, match="index ix_mine"):
        planfile.inspect(demo_path)
    _craft(demo_path, "DROP INDEX ix_mine", "CREATE TABLE notes (x TEXT UNIQUE)")
    with pytest.raises(PlanFileError, match="table notes"):
        planfile.inspect(demo_path)
    _craft(demo_path, "DROP TABLE notes")
    assert planfile.inspect(demo_path) == planfile.SCHEMA_VERSION


def test_an_index_of_ours_moved_to_another_table_is_refused(demo_path):
    _craft(demo_path, "DROP INDEX ix_card_year", "CREATE INDEX ix_card_year ON indicator(name)")
    with pytest.raises(PlanFileError, match="index ix_card_year"):
        planfile.inspect(demo_path)


def test_a_file_sbdesk_made_has_exactly_the_expected_objects(demo_path):
    con = planfile.connect(demo_path, "ro")
    try:
        assert planfile.foreign_objects(con) == []
        names = {n for (n,) in con.execute("SELECT name FROM sqlite_master")}
    finally:
        con.close()
    assert {n for _, n in planfile.expected_objects()} <= names | {"sqlite_sequence"}


def test_every_store_connection_distrusts_the_schema(demo_path):
    with PlanStore(demo_path) as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        store.set_field(m.Plan, store.plan().id, "goal", "고침")


def test_opening_is_bounded_in_time(demo_path, monkeypatch):
    """A check that runs past the limit is stopped with a Korean message."""
    monkeypatch.setattr(planfile, "OPEN_TIME_LIMIT", 0.0)
    start = time.monotonic()
    with pytest.raises(PlanFileError, match="걸려 중단했습니다"):
        planfile.inspect(demo_path)
    assert time.monotonic() - start < 5
    monkeypatch.undo()
    assert planfile.inspect(demo_path) == planfile.SCHEMA_VERSION

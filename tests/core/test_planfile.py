"""The plan file: committed files of each schema version, migrations with backup, refusal of newer files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest

from sbdesk import models as m
from sbdesk.services import planfile
from sbdesk.services.errors import PlanFileError
from sbdesk.services.store import PlanStore

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def v1(tmp_path) -> Path:
    path = tmp_path / "old.sbplan"
    shutil.copyfile(SCHEMAS / "v1.sbplan", path)
    return path


def test_a_committed_file_exists_for_every_released_schema():
    for version in range(1, planfile.SCHEMA_VERSION + 1):
        assert (SCHEMAS / f"v{version}.sbplan").is_file(), (
            f"tests/schemas/v{version}.sbplan missing"
        )


def test_v1_file_opens_with_its_content(v1):
    assert planfile.inspect(v1) == 1
    store = PlanStore(v1)
    try:
        assert store.municipality().name == "시험구"
        assert store.codes() == {1: "I-1-1", 2: "II-1-1-1"}
        view = store.year_view(2023)
        pv = view.project("I-1-1")
        assert pv.budget.annual.total == D("190.3")  # 189.5 + 0.8, exact
        assert [iv.achievement for iv in pv.indicators] == [D("124.1"), D("100.0")]
        assert view.project("II-1-1-1").achievement == D("125.0")  # lower-is-better 10 / 8
        assert store.get(m.BasicIndicator, 1).targets["2026"] == "200"
        assert store.get(m.BudgetListItem, 1).project_ids == [1, 2]
        assert store.get(m.Activity, 1).extra == {"conducted_by": "협의체"}
        assert [x.name for x in view.committee] == ["홍길동", "김위원"]
        assert view.changes[1].change_type == "폐지" and view.changes[1].project_id is None
        # opening an older file migrates it (backup first); at version 1 nothing to migrate
        assert (store.backup_made is None) == (planfile.SCHEMA_VERSION == 1)
    finally:
        store.close()


def test_v1_migrates_to_budget_list_totals(v1):
    """Schema 3: 첨부 2 rows get 계/지방비 소계 columns; old rows keep their parts, totals NULL."""
    store = PlanStore(v1)
    try:
        assert store.backup_made == planfile.backup_path(v1, 1)
        item = store.get(m.BudgetListItem, 1)
        assert (item.national, item.province, item.district) == (D("0.1"), D("0.2"), D("1317"))
        assert item.total is None and item.local_subtotal is None
        assert item.project_ids == [1, 2]
        store.set_field(m.BudgetListItem, 1, "total", "1,318")
        assert store.get(m.BudgetListItem, 1).total == D("1318")
    finally:
        store.close()
    assert planfile.inspect(v1) == planfile.SCHEMA_VERSION


def test_v3_file_keeps_its_entered_totals(tmp_path):
    path = tmp_path / "v3.sbplan"
    shutil.copyfile(SCHEMAS / "v3.sbplan", path)
    assert planfile.inspect(path) == 3
    store = PlanStore(path)
    try:
        item = store.get(m.BudgetListItem, 1)
        assert (item.total, item.local_subtotal) == (D("101"), D("40"))
        assert store.municipality().name == "시험구"
    finally:
        store.close()


def test_the_v1_file_has_a_row_in_every_table_it_holds_and_migrates_to_every_current_table(v1):
    """v1 exercises every table of its time; tables added later (e.g. m007's) come from migrations."""
    con = sqlite3.connect(v1)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        counts = {t.__tablename__: con.execute(f"SELECT count(*) FROM {t.__tablename__}").fetchone()[0]
                  for t in m.ALL_TABLES if t.__tablename__ in tables}  # fmt: skip
    finally:
        con.close()
    assert len(counts) >= len(m.ALL_TABLES) - 3  # only a few tables postdate v1
    assert all(n >= 1 for n in counts.values()), counts  # a row in every table it holds
    planfile.migrate(v1)
    con = sqlite3.connect(v1)
    try:
        after = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()
    assert {t.__tablename__ for t in m.ALL_TABLES} <= after


def _add_note_column(con: sqlite3.Connection) -> None:
    con.execute("ALTER TABLE strategy ADD COLUMN migrated_note TEXT DEFAULT 'v2'")


def test_migration_makes_a_backup_first_then_runs_the_step(v1, monkeypatch):
    original = v1.read_bytes()
    seen = {}

    def step(con):
        # the backup exists, intact, before the step touches anything
        backup = planfile.backup_path(v1, 1)
        seen["backup_before_step"] = backup.read_bytes() == original
        _add_note_column(con)

    monkeypatch.setattr(planfile, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(planfile, "MIGRATIONS", {1: step})
    store = PlanStore(v1)
    try:
        assert seen == {"backup_before_step": True}
        assert store.backup_made == v1.with_name("old.v1.bak.sbplan")
        assert store.backup_made.read_bytes() == original
    finally:
        store.close()
    con = sqlite3.connect(v1)
    try:
        # data kept (read with SQL: the model classes describe the newest schema only)
        assert con.execute("SELECT name FROM municipality").fetchall() == [("시험구",)]
        assert con.execute("PRAGMA user_version").fetchone()[0] == 2
        assert con.execute("SELECT migrated_note FROM strategy").fetchall() == [("v2",), ("v2",)]
    finally:
        con.close()
    assert planfile.inspect(v1) == 2


def test_a_failing_migration_leaves_the_file_byte_identical(v1, monkeypatch):
    before = sha(v1)

    def bad_step(con):
        _add_note_column(con)  # changes something, then fails
        con.execute("UPDATE municipality SET name = '망가짐'")
        raise RuntimeError("디스크 오류 흉내")

    monkeypatch.setattr(planfile, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(planfile, "MIGRATIONS", {1: bad_step})
    with pytest.raises(PlanFileError) as err:
        PlanStore(v1)
    assert "형식 1에서 2" in str(err.value) and "old.v1.bak.sbplan" in str(err.value)
    assert sha(v1) == before
    assert sha(planfile.backup_path(v1, 1)) == before
    assert not v1.with_name(v1.name + ".lock").exists()  # the lock was released
    monkeypatch.setattr(planfile, "SCHEMA_VERSION", 1)
    assert planfile.inspect(v1) == 1


def test_a_missing_migration_step_is_refused_unchanged(v1, monkeypatch):
    before = sha(v1)
    monkeypatch.setattr(planfile, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(planfile, "MIGRATIONS", {1: _add_note_column})
    with pytest.raises(PlanFileError, match="형식 2에서 3"):
        PlanStore(v1)
    # step 1→2 ran and was committed; the backup holds the untouched original
    assert sha(planfile.backup_path(v1, 1)) == before


def test_a_newer_file_is_refused_and_left_alone(v1):
    con = sqlite3.connect(v1)
    con.execute(f"PRAGMA user_version={planfile.SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = sha(v1)
    for read_only in (False, True):
        with pytest.raises(PlanFileError) as err:
            PlanStore(v1, read_only=read_only)
        assert "더 새로운 sbdesk" in str(err.value) and "업데이트" in str(err.value)
    assert sha(v1) == before
    assert sorted(p.name for p in v1.parent.iterdir()) == ["old.sbplan"]  # no lock, no backup


def test_durable_settings_no_wal(tmp_path):
    store = PlanStore.create(tmp_path / "n.sbplan")
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "delete"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()
    assert not (tmp_path / "n.sbplan-wal").exists()
    con = sqlite3.connect(tmp_path / "n.sbplan")
    assert con.execute("PRAGMA application_id").fetchone()[0] == planfile.APPLICATION_ID
    con.close()


def test_create_refuses_an_existing_file(tmp_path):
    path = tmp_path / "exists.sbplan"
    path.write_text("메모", encoding="utf-8")
    with pytest.raises(PlanFileError, match="이미 있는 파일"):
        PlanStore.create(path)
    assert path.read_text(encoding="utf-8") == "메모"


def test_v1_migrates_to_the_sixth_term_columns_with_its_data_intact(v1):
    """Schema 4 (m004_sixth_term): new columns with 5th-term defaults, old data kept."""
    original = v1.read_bytes()
    store = PlanStore(v1)
    try:
        assert planfile.inspect(v1) >= 4
        assert planfile.backup_path(v1, 1).read_bytes() == original
        assert store.plan().term == 5
        assert store.codes() == {1: "I-1-1", 2: "II-1-1-1"}  # still derived: no stored code
        p = store.get(m.Project, 1)
        assert (p.code, p.cls_target, p.basic_plan_areas, p.subsidy_exception) == ("", None, [], "")
        bb = store.list(m.BasicBudget)[0]
        assert (bb.source, bb.mark) == ("", "")
        assert store.get(m.BasicIndicator, 1).targets["2026"] == "200"
        assert store.get(m.BasicIndicator, 1).task_id is None
        assert store.list(m.TFMember)[0].category == ""
        assert store.year_view(2023).project("I-1-1").budget.annual.total == D("190.3")
    finally:
        store.close()


def test_v4_file_keeps_its_sixth_term_values(tmp_path):
    path = tmp_path / "v4.sbplan"
    shutil.copyfile(SCHEMAS / "v4.sbplan", path)
    assert planfile.inspect(path) == 4
    store = PlanStore(path)
    try:
        p = store.get(m.Project, 1)
        assert (p.code, p.cls_household, p.basic_plan_areas) == ("I-1-1", 12, [1, 3])
        assert store.get(m.Project, 2).subsidy_exception == "공모"
        assert store.get(m.BasicIndicator, 1).data_source == "행정자료"
    finally:
        store.close()

"""Bad input: a Korean message naming what is wrong, a non-zero exit, and no file changed."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sbdesk import models as m
from sbdesk.services import planfile
from sbdesk.services.errors import PlanFileError, ValidationError
from sbdesk.services.store import PlanStore


def sbdesk(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sbdesk", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of the folder with its hash: what must not change."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def make_missing(folder: Path, demo: Path) -> Path:
    return folder / "없는파일.sbplan"


def make_text(folder: Path, demo: Path) -> Path:
    p = folder / "메모.sbplan"
    p.write_text("이것은 계획 파일이 아니라 메모입니다.\n", encoding="utf-8")
    return p


def make_foreign_sqlite(folder: Path, demo: Path) -> Path:
    p = folder / "other.sbplan"
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO customers (name) VALUES ('홍길동')")
    con.commit()
    con.close()
    return p


def make_truncated(folder: Path, demo: Path) -> Path:
    p = folder / "truncated.sbplan"
    data = demo.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    return p


def make_corrupt(folder: Path, demo: Path) -> Path:
    p = folder / "corrupt.sbplan"
    data = bytearray(demo.read_bytes())
    data[20480 : 20480 + 4096] = b"\xaa" * 4096  # a b-tree page overwritten
    p.write_bytes(bytes(data))
    return p


def make_newer(folder: Path, demo: Path) -> Path:
    p = folder / "newer.sbplan"
    shutil.copyfile(demo, p)
    con = sqlite3.connect(p)
    con.execute(f"PRAGMA user_version={planfile.SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    return p


def make_empty(folder: Path, demo: Path) -> Path:
    p = folder / "empty.sbplan"
    p.write_bytes(b"")
    return p


CASES = {
    "missing": (make_missing, "찾을 수 없습니다"),
    "text": (make_text, "sbdesk 계획 파일이 아닙니다"),
    "foreign-sqlite": (make_foreign_sqlite, "다른 프로그램의 데이터베이스"),
    "truncated": (make_truncated, "잘려 있습니다"),
    "corrupt": (make_corrupt, "손상되었습니다"),
    "newer": (make_newer, "더 새로운 sbdesk"),
    "empty": (make_empty, "비어 있습니다"),
}


@pytest.fixture
def bad_dir(tmp_path, _demo_master):
    folder = tmp_path / "files"
    folder.mkdir()
    return folder, _demo_master


@pytest.mark.parametrize("case", list(CASES))
def test_bad_plan_file_in_process(bad_dir, case):
    folder, demo = bad_dir
    make, expect = CASES[case]
    path = make(folder, demo)
    before = snapshot(folder)
    for read_only in (False, True):
        with pytest.raises(PlanFileError) as err:
            PlanStore(path, read_only=read_only)
        assert expect in str(err.value)
        assert path.name in str(err.value)
    assert snapshot(folder) == before  # no lock, no backup, no change


@pytest.mark.parametrize("case", list(CASES))
def test_bad_plan_file_from_the_cli(bad_dir, case):
    folder, demo = bad_dir
    make, expect = CASES[case]
    path = make(folder, demo)
    before = snapshot(folder)
    run = sbdesk("summary", path.name, "--year", "2023", "--json", cwd=folder)
    assert run.returncode == 2
    assert run.stderr.startswith("오류: ") and expect in run.stderr
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    assert snapshot(folder) == before


@pytest.mark.parametrize("case", ["truncated", "newer"])
def test_check_and_export_on_a_bad_file(bad_dir, case):
    folder, demo = bad_dir
    make, expect = CASES[case]
    path = make(folder, demo)
    before = snapshot(folder)
    run = sbdesk("check", path.name, cwd=folder)
    assert run.returncode == 2 and expect in run.stderr
    run = sbdesk("export-json", path.name, "out.json", cwd=folder)
    assert run.returncode == 2 and expect in run.stderr
    assert snapshot(folder) == before  # out.json not created, nothing else touched


def test_malformed_json_from_the_cli(tmp_path):
    (tmp_path / "broken.json").write_text('{"format": "sbdesk-plan", "tables": {', encoding="utf-8")
    (tmp_path / "existing.sbplan").write_bytes(b"")  # an existing file must stay as it is
    before = snapshot(tmp_path)
    run = sbdesk("import-json", "broken.json", "new.sbplan", cwd=tmp_path)
    assert run.returncode == 2
    assert "올바른 JSON이 아닙니다" in run.stderr and "broken.json" in run.stderr
    run = sbdesk("import-json", "broken.json", "existing.sbplan", cwd=tmp_path)
    assert run.returncode == 2 and "이미 있는 파일" in run.stderr
    assert snapshot(tmp_path) == before  # new.sbplan not created, no temp file left


def test_money_with_a_unit_names_the_field_and_writes_nothing(demo_path):
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    store = PlanStore(demo_path)
    try:
        pv = store.year_view(2023).project("I-3-1")
        line = pv.budget_lines[0]
        with pytest.raises(ValidationError) as err:
            store.set_field(m.BudgetLine, line.id, "annual_amount", "1,300명")
        msg = str(err.value)
        assert "예산(A)" in msg and "'1,300명'" in msg and "금액(백만원)" in msg
        assert store.get(m.BudgetLine, line.id).annual_amount == line.annual_amount
    finally:
        store.close()
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in demo_path.parent.iterdir()) == ["d.sbplan"]

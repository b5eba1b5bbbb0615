"""Plan files whose names hold ``# % ? &``, spaces, Hangul, or very long paths.

Every SQLite URI is quoted (``planfile.sqlite_uri``): the file opened is the file
named, never a file at a path cut at ``#`` or ``?``, and no stray file appears.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sbdesk import models as m
from sbdesk.cli.main import main as cli_main
from sbdesk.services import planfile
from sbdesk.services.errors import PlanFileError
from sbdesk.services.store import PlanStore

NAMES = [
    "2023 계획 (최종#2).sbplan",
    "광진구#수정본.sbplan",
    "100%.sbplan",
    "%41%2523.sbplan",
    "a?b=c&d.sbplan",
    "x?mode=rwc&cache=shared.sbplan",
    "  두 칸  띄움 .sbplan",
    "file:이상한 이름.sbplan",
    "[괄호]{중괄호};세미콜론'따옴표'.sbplan",
]


def _listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.mark.parametrize("name", NAMES)
def test_store_opens_and_writes_the_file_named(name, demo_path, tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    path = folder / name
    shutil.copyfile(demo_path, path)
    before = _listing(folder)
    with PlanStore(path) as store:
        assert len(store.codes()) == 44
        store.set_field(m.Plan, store.plan().id, "goal", "이름 시험")
    assert _listing(folder) == before  # no stray file at a cut path, lock removed
    con = planfile.connect(path, "ro")
    assert con.execute("SELECT goal FROM plan").fetchone()[0] == "이름 시험"
    con.close()
    target = folder / ("백업 " + name)
    planfile.backup_copy(path, target)
    assert planfile.inspect(target) == planfile.SCHEMA_VERSION


def test_hash_name_exports_that_plan_not_the_one_at_the_cut_path(demo_path, tmp_path, capsys):
    """The case of the report: ``광진구#수정본.sbplan`` exported the plan at ``광진구``."""
    other = tmp_path / "광진구"
    PlanStore.create(other).close()  # an empty plan at the cut path
    path = tmp_path / "광진구#수정본.sbplan"
    shutil.copyfile(demo_path, path)
    out = tmp_path / "내보내기 #1 100%.json"
    assert cli_main(["export-json", str(path), str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["tables"]["Project"]) == 44
    assert cli_main(["summary", str(path), "--year", "2023", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert len(summary["projects"]) == 44
    with PlanStore(other) as store:
        assert store.codes() == {}


def test_new_plan_and_import_under_awkward_names(demo_path, tmp_path):
    created = tmp_path / "새 계획 #3 ?&%.sbplan"
    PlanStore.create(created).close()
    assert planfile.inspect(created) == planfile.SCHEMA_VERSION
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["d.sbplan", created.name])
    out = tmp_path / "j#1.json"
    assert cli_main(["export-json", str(demo_path), str(out)]) == 0
    rebuilt = tmp_path / "다시 #만든 ?계획.sbplan"
    assert cli_main(["import-json", str(out), str(rebuilt)]) == 0
    with PlanStore(rebuilt, read_only=True) as store:
        assert len(store.codes()) == 44


def test_cli_subprocess_with_hash_and_percent(demo_path, tmp_path):
    path = tmp_path / "광진구 (최종#2) 100%.sbplan"
    shutil.copyfile(demo_path, path)
    out = tmp_path / "out #2.json"
    run = subprocess.run(
        [sys.executable, "-m", "sbdesk", "export-json", str(path), str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["tables"]["Project"]) == 44
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, out.name, "d.sbplan"])


def _deep(tmp_path: Path, total_bytes: int) -> Path:
    """A folder path of about ``total_bytes`` (UTF-8) made of Hangul folder names."""
    d = tmp_path
    part = "지역사회보장계획" * 10  # 80 letters, 240 bytes
    while len(os.fsencode(str(d))) + 250 < total_bytes:
        d = d / part
    rest = total_bytes - len(os.fsencode(str(d))) - 30
    if rest > 3:
        d = d / ("가" * (rest // 3))
    d.mkdir(parents=True)
    return d


@pytest.mark.skipif(os.name == "nt", reason="byte limit of the POSIX SQLite build")
def test_long_path_that_fits_opens(demo_path, tmp_path):
    folder = _deep(tmp_path, 470)
    path = folder / "계획 #1.sbplan"
    assert 440 < len(os.fsencode(str(path))) <= 511
    shutil.copyfile(demo_path, path)
    with PlanStore(path) as store:
        store.set_field(m.Plan, store.plan().id, "goal", "긴 경로")
    assert cli_main(["export-json", str(path), str(folder / "긴.json")]) == 0


@pytest.mark.skipif(os.name == "nt", reason="byte limit of the POSIX SQLite build")
def test_too_long_path_gets_a_korean_message(demo_path, tmp_path, capsys):
    folder = _deep(tmp_path, 900)
    path = folder / "계획.sbplan"
    shutil.copyfile(demo_path, path)
    with pytest.raises(PlanFileError, match="경로가 너무 깁니다"):
        PlanStore(path)
    assert cli_main(["summary", str(path), "--year", "2023"]) == 2
    err = capsys.readouterr().err
    assert "경로가 너무 깁니다" in err and "Traceback" not in err
    with pytest.raises(PlanFileError, match="경로가 너무 깁니다"):
        PlanStore.create(folder / "새 계획.sbplan")
    assert sorted(p.name for p in folder.iterdir()) == ["계획.sbplan"]

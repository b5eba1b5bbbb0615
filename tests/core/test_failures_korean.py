"""Every failure a Korean message, never a traceback: full disk (a real 1 MB tmpfs),
read-only folder, 300-character department names, very long project names in PDFs,
JSON nested 200,000 deep, a term ending before it starts, and a JSON import as strict
as the workbook import (no negative amounts, no duplicate cards, no second Plan row)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from sbdesk import models as m
from sbdesk.cli.main import main
from sbdesk.services import outputs
from sbdesk.services.errors import InterchangeError, SbdeskError
from sbdesk.services.interchange import import_json
from sbdesk.services.store import PlanStore
from tests.core.readonly import can_make_read_only, read_only


def _can_mount_tmpfs() -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    probe = Path(f"/tmp/sbdesk-tmpfs-probe-{os.getpid()}")
    probe.mkdir(exist_ok=True)
    try:
        ok = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True
        )
        if ok.returncode != 0:
            return False
        subprocess.run(["umount", str(probe)], capture_output=True)
        return True
    finally:
        probe.rmdir()


needs_tmpfs = pytest.mark.skipif(
    not _can_mount_tmpfs(), reason="a small real file system needs root (mount -t tmpfs)"
)


@pytest.fixture
def small_disk(tmp_path):
    """A real 1 MB file system (tmpfs), unmounted afterwards."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], check=True)
    yield mnt
    subprocess.run(["umount", str(mnt)], check=False)


def _fill(folder: Path, leave: int) -> None:
    """Fill the file system of ``folder`` until about ``leave`` bytes are free."""
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    if free > leave:
        with open(folder / "채움", "wb") as fh:
            fh.write(b"\0" * (free - leave))


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "채움")


@needs_tmpfs
def test_outputs_on_a_full_disk(demo_path, small_disk, capsys):
    _fill(small_disk, 20_000)
    cases = [
        ["report", str(demo_path), "--year", "2023", "--out", str(small_disk / "보고서.pdf")],
        ["export-json", str(demo_path), str(small_disk / "계획.json")],
        ["export-xlsx", str(demo_path), "--year", "2023", "--out", str(small_disk / "표.xlsx")],
        ["salvage", str(demo_path), str(small_disk / "복구.json")],
    ]
    for args in cases:
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert err.startswith("오류:") and "디스크 공간이 부족" in err, err
        assert "Traceback" not in err
        assert _left(small_disk) == []  # no half file, no temporary file


@needs_tmpfs
def test_editing_a_plan_on_a_full_disk(demo_path, small_disk):
    path = small_disk / "계획.sbplan"
    shutil.copyfile(demo_path, path)
    with PlanStore(path) as store:
        plan_id = store.plan().id
        store.set_field(m.Plan, plan_id, "goal", "꽉 차기 전")
        _fill(small_disk, 0)
        with pytest.raises(SbdeskError) as err:
            for i in range(50):  # grows the file until the disk is full
                store.set_field(m.Plan, plan_id, "vision", "가" * 20_000 * (i + 1))
        assert "디스크 공간이 부족" in str(err.value) or "디스크 오류" in str(err.value)
        assert "sqlite" not in str(err.value).lower()
    (small_disk / "채움").unlink()
    with PlanStore(path) as store:
        assert store.plan().goal == "꽉 차기 전"
        assert len(store.codes()) == 44


@pytest.mark.skipif(not can_make_read_only(), reason="cannot make a read-only folder here")
def test_outputs_into_a_read_only_folder(demo_path, tmp_path, capsys):
    folder = tmp_path / "읽기 전용"
    folder.mkdir()
    with read_only(folder):
        cases = [
            ["report", str(demo_path), "--year", "2023", "--out", str(folder / "r.pdf")],
            ["export-json", str(demo_path), str(folder / "a.json")],
            ["dept-workbooks", str(demo_path), "--year", "2023", "--out", str(folder / "부서")],
            ["demo", str(folder / "새.sbplan")],
        ]
        for args in cases:
            assert main(args) == 2, args
            err = capsys.readouterr().err
            assert err.startswith("오류:") and "Traceback" not in err, err
            assert "쓸 수 없" in err or "만들 수 없" in err, err
        assert list(folder.iterdir()) == []


def test_300_character_department_names(demo_path, tmp_path, capsys):
    dept = "지역사회보장협의체실무지원" * 24  # 312 letters, 936 bytes: too long for a file name
    with PlanStore(demo_path) as store:
        for card in store.list(m.Card, year=2023)[:3]:
            store.set_field(m.Card, card.id, "department", dept[:300])
    out = tmp_path / "부서"
    code = main(["dept-workbooks", str(demo_path), "--year", "2023", "--out", str(out)])
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err
    assert code == 0, printed.err
    names = [p.name for p in out.iterdir()]
    assert all(len(n.encode()) <= 255 for n in names)
    assert not any(n.endswith(outputs.TEMP_SUFFIX) for n in names)


def test_very_long_project_names_in_pdfs(demo_path, tmp_path, capsys):
    with PlanStore(demo_path) as store:
        pid = store.project_by_code("I-1-1").id
        store.set_field(m.Project, pid, "name", "아주 긴 사업 이름 " * 400)  # 4,000 letters
    for kind, extra in (("results", []), ("card", ["--project", "I-1-1"])):
        out = tmp_path / f"{kind}.pdf"
        args = ["report", str(demo_path), "--year", "2023", "--kind", kind, "--out", str(out)]
        code = main([*args, *extra])
        err = capsys.readouterr().err
        assert "Traceback" not in err
        if code == 0:
            assert out.read_bytes()[:5] == b"%PDF-"
        else:
            assert code == 2 and err.startswith("오류:") and not out.exists(), err


def test_json_nested_200000_deep(tmp_path, capsys):
    src = tmp_path / "deep.json"
    src.write_text('{"format": "sbdesk-plan", "x": ' + "[" * 200_000 + "]" * 200_000 + "}")
    assert main(["import-json", str(src), str(tmp_path / "p.sbplan")]) == 2
    err = capsys.readouterr().err
    assert "너무 깊게 겹친" in err and "Traceback" not in err
    assert not (tmp_path / "p.sbplan").exists()


def _export(demo_path: Path, tmp_path: Path) -> dict:
    out = tmp_path / "plan.json"
    assert main(["export-json", str(demo_path), str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _refused(doc: dict, tmp_path: Path, *words: str) -> None:
    src = tmp_path / "bad.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "new.sbplan"
    with pytest.raises(InterchangeError) as err:
        import_json(src, target)
    for w in words:
        assert w in str(err.value), str(err.value)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["d.sbplan", "plan.json", "bad.json"]
    )


def test_json_import_refuses_negative_amounts(demo_path, tmp_path):
    doc = _export(demo_path, tmp_path)
    doc["tables"]["BudgetLine"][0]["executed_amount"] = "-12.5"
    _refused(doc, tmp_path, "BudgetLine(재원) 1번째 행", "executed_amount", "음수")


def test_json_import_refuses_duplicate_cards(demo_path, tmp_path):
    doc = _export(demo_path, tmp_path)
    cards = doc["tables"]["Card"]
    twin = dict(cards[0], id=max(c["id"] for c in cards) + 1, uid="f" * 32)
    cards.append(twin)
    _refused(doc, tmp_path, "카드가 두 번 나옵니다")


def test_json_import_refuses_a_second_plan_row(demo_path, tmp_path):
    doc = _export(demo_path, tmp_path)
    plan = doc["tables"]["Plan"][0]
    doc["tables"]["Plan"].append(dict(plan, id=plan["id"] + 1))
    _refused(doc, tmp_path, "Plan(계획) 행이 2개")


def test_json_import_refuses_a_term_ending_before_it_starts(demo_path, tmp_path):
    doc = _export(demo_path, tmp_path)
    doc["tables"]["Plan"][0].update(start_year=2026, end_year=2023)
    _refused(doc, tmp_path, "끝 연도(2023)가 시작 연도(2026)보다 앞섭니다")


def test_a_file_whose_term_ends_before_it_starts(demo_path, capsys):
    con = sqlite3.connect(demo_path)
    con.execute("UPDATE plan SET start_year = 2026, end_year = 2023")
    con.commit()
    con.close()
    assert main(["summary", str(demo_path), "--year", "2023"]) == 2
    err = capsys.readouterr().err
    assert "끝 연도(2023)가 시작 연도(2026)보다 앞섭니다" in err and "Traceback" not in err
    with PlanStore(demo_path) as store:
        with pytest.raises(SbdeskError, match="앞섭니다"):
            store.years()
        with pytest.raises(SbdeskError, match="앞섭니다"):
            store.set_field(m.Plan, store.plan().id, "goal", "x")
        store.set_fields(m.Plan, store.plan().id, {"start_year": 2023, "end_year": 2026})
        assert store.years() == [2023, 2024, 2025, 2026]

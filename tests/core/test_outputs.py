"""Outputs never overwrite: plan files are protected by header, the CLI needs --force,
dept-workbooks keeps a changed workbook, temporary files are exclusive and cleaned up,
finished files get normal permissions."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from openpyxl import load_workbook

from sbdesk.cli.main import main
from sbdesk.services import outputs, planfile
from sbdesk.services.errors import SbdeskError
from sbdesk.services.store import PlanStore

DEPT = "복지정책과"


def _sha(path):
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _temps(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(outputs.TEMP_SUFFIX)]


def test_report_out_plan_file_is_refused_even_with_force(demo_path, tmp_path, capsys):
    """The case of the report: ``report --out plan.sbplan`` replaced the plan with a PDF."""
    before = _sha(demo_path)
    disguised = tmp_path / "최종본.pdf"  # a plan file under another name
    shutil.copyfile(demo_path, disguised)
    for target in (demo_path, disguised):
        for force in ([], ["--force"]):
            args = ["report", str(demo_path), "--year", "2023", "--kind", "review-sheet"]
            assert main([*args, "--out", str(target), *force]) == 2
            err = capsys.readouterr().err
            assert "계획 파일" in err and "덮어쓰지 않습니다" in err
    assert _sha(demo_path) == before and _sha(disguised) == before
    for cmd in (["export-json", str(demo_path), str(disguised), "--force"],):
        assert main(cmd) == 2
    assert _sha(disguised) == before
    assert _temps(tmp_path) == []


def test_cli_refuses_an_existing_output_unless_forced(demo_path, tmp_path, capsys):
    out = tmp_path / "표.xlsx"
    out.write_bytes(b"someone's work")
    args = ["export-xlsx", str(demo_path), "--year", "2023", "--out", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "이미 있습니다" in err and "--force" in err
    assert out.read_bytes() == b"someone's work"
    assert main([*args, "--force"]) == 0
    assert load_workbook(out).sheetnames
    pdf = tmp_path / "심의.pdf"
    pdf.write_bytes(b"old")
    rargs = [
        "report",
        str(demo_path),
        "--year",
        "2023",
        "--kind",
        "review-sheet",
        "--out",
        str(pdf),
    ]
    assert main(rargs) == 2 and pdf.read_bytes() == b"old"
    assert main([*rargs, "--force"]) == 0 and pdf.read_bytes()[:5] == b"%PDF-"
    js = tmp_path / "a.json"
    js.write_text("{}", encoding="utf-8")
    assert main(["export-json", str(demo_path), str(js)]) == 2
    assert js.read_text(encoding="utf-8") == "{}"
    assert main(["export-json", str(demo_path), str(js), "--force"]) == 0
    assert _temps(tmp_path) == []


def test_dept_workbooks_keeps_a_changed_workbook_and_says_so(demo_path, tmp_path, capsys):
    folder = tmp_path / "부서"
    args = ["dept-workbooks", str(demo_path), "--year", "2023", "--out", str(folder)]
    args += ["--department", DEPT]
    assert main(args) == 0
    name = f"2023 사업카드 - {DEPT}.xlsx"
    first = folder / name
    capsys.readouterr()
    # the same export again: same content, replaced in place, no new name
    assert main(args) == 0
    assert sorted(p.name for p in folder.iterdir()) == [name]
    assert "알림" not in capsys.readouterr().out
    # the department fills it in and sends it back into the same folder
    wb = load_workbook(first)
    ws = wb[wb.sheetnames[1]]
    ws.cell(row=ws.max_row + 2, column=1, value="부서가 입력한 내용")
    wb.save(first)
    returned = _sha(first)
    assert main(args) == 0
    out = capsys.readouterr().out
    second = folder / f"2023 사업카드 - {DEPT} (2).xlsx"
    assert _sha(first) == returned  # the return is untouched
    assert second.exists() and f"'{name}'" in out and second.name in out and "알림" in out
    assert main(args) == 0  # and again: (2) holds this very content, so no (3)
    assert sorted(p.name for p in folder.iterdir()) == sorted([name, second.name])


def test_temp_file_is_exclusive_and_never_follows_a_symlink(tmp_path, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_text("원본", encoding="utf-8")
    target = tmp_path / "out.pdf"
    tokens = iter(["aaaa", "bbbb"])
    monkeypatch.setattr(outputs.secrets, "token_hex", lambda n: next(tokens))
    trap = tmp_path / (f".~out.pdf.{outputs._host_tag()}.{os.getpid()}.aaaa{outputs.TEMP_SUFFIX}")
    trap.symlink_to(victim)
    tmp = outputs.temp_file(target)
    assert tmp.name.endswith(f".bbbb{outputs.TEMP_SUFFIX}") and not tmp.is_symlink()
    assert victim.read_text(encoding="utf-8") == "원본"
    tmp.unlink()
    trap.unlink()


def test_failure_leaves_no_temp_and_the_old_file(tmp_path):
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with outputs.writing(out, overwrite=True) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("boom")
    assert out.read_bytes() == b"old"
    assert _temps(tmp_path) == []


def test_leftovers_of_a_killed_run_are_cleaned_next_time(tmp_path):
    out = tmp_path / "r.json"
    script = textwrap.dedent(
        f"""
        import time
        from sbdesk.services import outputs
        with outputs.writing({str(out)!r}) as tmp:
            tmp.write_bytes(b"half")
            print("writing", flush=True)
            time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert len(_temps(tmp_path)) == 1 and not out.exists()
    outputs.write_bytes(tmp_path / "other.txt", b"x")  # any later write in that folder
    assert _temps(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.txt"]


def test_a_killed_import_leaves_nothing_after_the_next_write(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stem = f".~p.sbplan.{outputs._host_tag()}.{dead.pid}.beef{outputs.TEMP_SUFFIX}"
    (tmp_path / stem).write_bytes(b"SQLite format 3\x00")
    (tmp_path / (stem + "-journal")).write_bytes(b"\xd9\xd5\x05\xf9")
    outputs.write_bytes(tmp_path / "z.txt", b"z")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["z.txt"]


def test_a_live_writers_temp_file_is_left_alone(tmp_path):
    live = tmp_path / f".~x.{outputs._host_tag()}.{os.getpid()}.cafe{outputs.TEMP_SUFFIX}"
    live.write_bytes(b"in progress")
    outputs.write_bytes(tmp_path / "y.txt", b"y")
    assert live.exists()


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_outputs_get_normal_permissions(tmp_path, demo_path, mask, mode):
    old = os.umask(mask)
    try:
        with PlanStore(demo_path, read_only=True) as store:
            from sbdesk.services.interchange import export_json

            export_json(store, tmp_path / "a.json")
        outputs.write_bytes(tmp_path / "b.bin", b"b")
        planfile.backup_copy(demo_path, tmp_path / "c.sbplan")
    finally:
        os.umask(old)
    for name in ("a.json", "b.bin", "c.sbplan"):
        assert (tmp_path / name).stat().st_mode & 0o777 == mode, name


def test_backup_copy_never_replaces_a_plan(demo_path, tmp_path):
    other = tmp_path / "other.sbplan"
    PlanStore.create(other).close()
    before = _sha(other)
    with pytest.raises(SbdeskError, match="계획 파일"):
        planfile.backup_copy(demo_path, other, overwrite=True)
    assert _sha(other) == before


def test_free_name_and_new_plan_never_replace(tmp_path):
    p = tmp_path / "a.xlsx"
    assert outputs.free_name(p) == p
    p.write_bytes(b"1")
    (tmp_path / "a (2).xlsx").write_bytes(b"2")
    assert outputs.free_name(p).name == "a (3).xlsx"
    with pytest.raises(SbdeskError, match="이미 있는"):
        PlanStore.create(p)
    assert p.read_bytes() == b"1"
    assert time.time() > 0

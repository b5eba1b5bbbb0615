"""``sbdesk report``: exit codes, Korean messages, nothing half-written."""

from __future__ import annotations

import subprocess
import sys

from pdf_readback import page_count, pdftotext_pages, squash

from sbdesk.cli.main import main


def test_report_review_sheet(demo_path, tmp_path, capsys):
    out = tmp_path / "rs.pdf"
    code = main(
        ["report", str(demo_path), "--year", "2023", "--kind", "review-sheet", "--out", str(out)]
    )
    assert code == 0
    assert "만들었습니다" in capsys.readouterr().out
    assert page_count(out) == 1


def test_report_card_for_projects(demo_path, tmp_path, capsys):
    out = tmp_path / "cards.pdf"
    code = main(
        [
            "report",
            str(demo_path),
            "--year",
            "2023",
            "--kind",
            "card",
            "--project",
            "I-1-1",
            "--project",
            "II-4-2-2",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    text = squash("".join(pdftotext_pages(out, raw=True)))
    assert "I-1-1.200가구보듬기사업" in text and "II-4-2-2." in text and "I-1-2." not in text


def test_demo_keyword_uses_the_builtin_plan(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code = main(["report", "demo", "--year", "2023", "--kind", "review-sheet", "--out", "rs.pdf"])
    assert code == 0
    err = capsys.readouterr().err
    assert "내장 예시 계획" in err
    assert page_count(tmp_path / "rs.pdf") == 1
    assert not (tmp_path / "demo").exists()


def test_missing_file(tmp_path, capsys):
    out = tmp_path / "x.pdf"
    code = main(["report", str(tmp_path / "none.sbplan"), "--year", "2023", "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "계획 파일을 찾을 수 없습니다" in err and "none.sbplan" in err
    assert not out.exists()


def test_year_outside_the_term(demo_path, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    code = main(["report", str(demo_path), "--year", "2031", "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "2031" in err and "2023~2026" in err
    assert not out.exists()


def test_unknown_project_code_is_named(demo_path, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    out.write_bytes(b"old")
    code = main(
        [
            "report",
            str(demo_path),
            "--year",
            "2023",
            "--kind",
            "monitoring-pack",
            "--project",
            "I-3-1",
            "I-9-9",
            "--out",
            str(out),
            "--force",
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert (
        "I-9-9" in err
        and "없습니다" in err
        and "I-3-1" not in err.split("없습니다")[0].split("I-9-9")[0]
    )
    assert out.read_bytes() == b"old"  # an existing file is left as it was
    assert list(tmp_path.glob("*.part")) == []


def test_project_option_with_a_whole_document_is_refused(demo_path, tmp_path, capsys):
    code = main(
        [
            "report",
            str(demo_path),
            "--year",
            "2023",
            "--kind",
            "results",
            "--project",
            "I-1-1",
            "--out",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert code == 2
    assert "--project" in capsys.readouterr().err


def test_bad_kind_is_an_argparse_error(demo_path, tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sbdesk",
            "report",
            str(demo_path),
            "--year",
            "2023",
            "--kind",
            "poster",
            "--out",
            str(tmp_path / "x.pdf"),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "poster" in proc.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_report_runs_as_a_program(demo_path, tmp_path):
    out = tmp_path / "bp.pdf"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sbdesk",
            "report",
            str(demo_path),
            "--year",
            "2023",
            "--kind",
            "basic-plan",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "기본계획 4개년 표" in proc.stdout
    assert page_count(out) >= 2

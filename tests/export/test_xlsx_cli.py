"""The CLI: export-xlsx, dept-workbooks, import-xlsx (dry run, the question, --yes, errors)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from sbdesk.cli.main import main
from sbdesk.services.store import PlanStore

try:
    from .xlsx_fixtures import CODE, DEPT, cell_of, edit, file_hash
except ImportError:  # tests/export is not a package
    from xlsx_fixtures import CODE, DEPT, cell_of, edit, file_hash


def _actual_key(plan_path):
    s = PlanStore(plan_path, read_only=True)
    try:
        pv = s.year_view(2023).project(CODE)
        return f"Indicator:{pv.indicators[0].row.id}:actual"
    finally:
        s.close()


def _actual(plan_path):
    s = PlanStore(plan_path, read_only=True)
    try:
        return s.year_view(2023).project(CODE).indicators[0].row.actual
    finally:
        s.close()


def test_export_commands(demo_path, tmp_path, capsys):
    out = tmp_path / "표.xlsx"
    assert main(["export-xlsx", str(demo_path), "--year", "2023", "--out", str(out)]) == 0
    assert "첨부2 예산목록" in load_workbook(out, read_only=True).sheetnames
    assert (
        main(["dept-workbooks", str(demo_path), "--year", "2023", "--out", str(tmp_path / "d")])
        == 0
    )
    text = capsys.readouterr().out
    assert "부서 통합문서 13개" in text
    assert len(list((tmp_path / "d").glob("*.xlsx"))) == 13
    assert (
        main(
            [
                "dept-workbooks",
                str(demo_path),
                "--year",
                "2023",
                "--out",
                str(tmp_path / "e"),
                "--department",
                DEPT,
            ]
        )
        == 0
    )
    assert [p.name for p in (tmp_path / "e").glob("*.xlsx")] == [f"2023 사업카드 - {DEPT}.xlsx"]
    assert (
        main(
            [
                "dept-workbooks",
                str(demo_path),
                "--year",
                "2023",
                "--out",
                str(tmp_path / "f"),
                "--department",
                "없는과",
            ]
        )
        == 2
    )
    assert "'없는과' 부서의 2023년 사업 카드가 없습니다" in capsys.readouterr().err
    args = ["export-xlsx", str(demo_path), "--year", "2031", "--out", str(out), "--force"]
    assert main(args) == 2
    assert "이 계획의 기간" in capsys.readouterr().err


def test_import_dry_run_question_and_yes(demo_path, tmp_path, capsys, monkeypatch):
    main(
        [
            "dept-workbooks",
            str(demo_path),
            "--year",
            "2023",
            "--out",
            str(tmp_path),
            "--department",
            DEPT,
        ]
    )
    book = tmp_path / f"2023 사업카드 - {DEPT}.xlsx"
    edit(book, {(CODE, cell_of(book, CODE, _actual_key(demo_path))): "1,300명"})
    capsys.readouterr()
    h = file_hash(demo_path)
    assert main(["import-xlsx", str(demo_path), str(book), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "성과지표 1 · 실적(B): 1,182명 → 1,300명" in out and "시험 실행" in out
    assert file_hash(demo_path) == h
    # no answer (EOF) is no
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["import-xlsx", str(demo_path), str(book)]) == 1
    out = capsys.readouterr().out
    assert "적용할까요? [y/N]" in out and "적용하지 않았습니다" in out
    assert file_hash(demo_path) == h
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert main(["import-xlsx", str(demo_path), str(book)]) == 1
    assert file_hash(demo_path) == h
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert main(["import-xlsx", str(demo_path), str(book)]) == 0
    assert "값 1개를 바꾸고" in capsys.readouterr().out
    assert _actual(demo_path) == "1,300명"
    # again: nothing to do, no question asked
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["import-xlsx", str(demo_path), str(book)]) == 0
    assert "바뀌는 항목이 없습니다" in capsys.readouterr().out


def test_import_errors_exit_2_and_write_nothing(demo_path, tmp_path, capsys):
    main(
        [
            "dept-workbooks",
            str(demo_path),
            "--year",
            "2023",
            "--out",
            str(tmp_path),
            "--department",
            DEPT,
        ]
    )
    book = tmp_path / f"2023 사업카드 - {DEPT}.xlsx"
    s = PlanStore(demo_path, read_only=True)
    line = s.year_view(2023).project(CODE).budget_lines[0]
    s.close()
    ref = cell_of(book, CODE, f"BudgetLine:{line.id}:executed_amount")
    edit(book, {(CODE, ref): "1,300명"})
    capsys.readouterr()
    h = file_hash(demo_path)
    assert main(["import-xlsx", str(demo_path), str(book), "--yes"]) == 2
    cap = capsys.readouterr()
    assert f"{CODE}!{ref}" in cap.out and "금액(백만원)으로 읽을 수 없습니다" in cap.out
    assert "가져오지 않았습니다" in cap.err
    assert main(["import-xlsx", str(demo_path), str(book), "--dry-run"]) == 2
    bogus = tmp_path / "x.xlsx"
    bogus.write_text("not a workbook")
    assert main(["import-xlsx", str(demo_path), str(bogus), "--yes"]) == 2
    assert "Excel 통합문서(.xlsx)가 아닙니다" in capsys.readouterr().err
    assert file_hash(demo_path) == h


def test_import_budget_list_through_the_cli(demo_path, tmp_path, capsys):
    out = tmp_path / "표.xlsx"
    main(["export-xlsx", str(demo_path), "--year", "2023", "--out", str(out)])
    wb = load_workbook(out)
    ws = wb["첨부2 예산목록"]
    ws["D6"] = 97
    wb.save(out)
    capsys.readouterr()
    assert main(["import-xlsx", str(demo_path), str(out), "--yes"]) == 0
    assert "국비: 98 → 97" in capsys.readouterr().out

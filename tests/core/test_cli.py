"""The command line, run as a user runs it: ``python -m sbdesk …`` in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def sbdesk(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sbdesk", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_demo_then_summary_json(tmp_path):
    made = sbdesk("demo", "x", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "사업 44개" in made.stdout
    assert (tmp_path / "x").is_file()
    run = sbdesk("summary", "x", "--year", "2023", "--json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["year"] == 2023
    one, two = data["systems"]
    assert (one["system"], one["projects"], one["public_private"]) == ("I", 28, 20)
    assert (two["system"], two["projects"], two["public_private"]) == ("II", 16, 14)
    assert set(one) == {
        "system", "projects", "budget", "executed", "public_private", "non_budget",
        "avg_achievement", "avg_execution", "execution_ratio",
    }  # fmt: skip
    assert one["avg_execution"] == 89.5 and one["execution_ratio"] == 77.0
    assert two["avg_execution"] == 83.7  # II-4-1-2 (budget, nothing executed) counts as 0 %
    assert one["budget"] == 5175.9 and isinstance(one["projects"], int)
    projects = {p["code"]: p for p in data["projects"]}
    assert len(projects) == 44
    assert projects["I-1-1"]["achievement"] == 124.1
    assert projects["I-1-3"]["achievement"] == 116.0
    assert projects["I-3-6"]["execution"] == 56.2
    assert projects["I-3-1"]["budget"] == 189.5
    assert projects["I-2-4"]["execution"] is None  # non-budget: null, not 0
    assert projects["II-4-1-2"]["indicators"][0]["achievement"] is None
    first = projects["I-1-1"]["indicators"][0]
    assert set(first) == {"name", "target", "actual", "achievement"}
    assert first["achievement"] == 124.1 and isinstance(first["target"], str)


def test_summary_text_names_both_execution_figures(tmp_path):
    assert sbdesk("demo", "g.sbplan", cwd=tmp_path).returncode == 0
    run = sbdesk("summary", "g.sbplan", "--year", "2023", cwd=tmp_path)
    assert run.returncode == 0
    assert "평균 집행률 89.5%" in run.stdout and "총액 집행률 77.0%" in run.stdout
    assert "I-1-1" in run.stdout and "124.1%" in run.stdout


def test_demo_refuses_an_existing_file(tmp_path):
    (tmp_path / "x").write_text("내 파일", encoding="utf-8")
    run = sbdesk("demo", "x", cwd=tmp_path)
    assert run.returncode == 2
    assert "이미 있는 파일" in run.stderr
    assert (tmp_path / "x").read_text(encoding="utf-8") == "내 파일"


def test_summary_of_a_year_outside_the_term(tmp_path):
    assert sbdesk("demo", "x", cwd=tmp_path).returncode == 0
    run = sbdesk("summary", "x", "--year", "2030", cwd=tmp_path)
    assert run.returncode == 2 and "2030년" in run.stderr


def test_check_lists_findings_and_exits_1_on_errors(tmp_path):
    assert sbdesk("demo", "x", cwd=tmp_path).returncode == 0
    run = sbdesk("check", "x", cwd=tmp_path)
    assert run.returncode == 1  # the demo has real errors
    assert "[I-3-1 광진형 돌봄SOS 사업]" in run.stdout
    assert "사업(과업) 세부 내용이 비어 있습니다" in run.stdout
    assert "점검 결과: 오류" in run.stdout
    run = sbdesk("check", "x", "--year", "2023", "--json", cwd=tmp_path)
    findings = json.loads(run.stdout)
    assert {"severity", "year", "project_id", "code", "field", "row_id", "message"} == set(
        findings[0]
    )
    assert any(
        f["code"] == "I-3-2" and f["field"] == "BudgetLine.executed_amount" for f in findings
    )


def test_export_then_import_json(tmp_path):
    assert sbdesk("demo", "a.sbplan", cwd=tmp_path).returncode == 0
    out = sbdesk("export-json", "a.sbplan", "a.json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    back = sbdesk("import-json", "a.json", "b.sbplan", cwd=tmp_path)
    assert back.returncode == 0, back.stderr
    assert sbdesk("export-json", "b.sbplan", "b.json", cwd=tmp_path).returncode == 0
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    s = sbdesk("summary", "b.sbplan", "--year", "2023", "--json", cwd=tmp_path)
    assert json.loads(s.stdout)["systems"][0]["projects"] == 28

"""A district's own plan (issue 9): new plan, titles, schema 2, JSON v2, next-year
cards, basic plan, report parts, structure edits — on real plan files."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from sbdesk import models as m
from sbdesk.services import interchange, titles
from sbdesk.services.check import run_checks
from sbdesk.services.errors import ValidationError
from sbdesk.services.report_parts import PARTS, TO_WRITE
from sbdesk.services.store import PlanStore

ROOT = Path(__file__).resolve().parents[2]


def sbdesk(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sbdesk", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )


def doc_of(store) -> dict:
    return interchange.plan_document(store)


@pytest.mark.parametrize(
    "province, district, head, to",
    [
        ("서울특별시", "성동구", "성동구청장", "서울특별시장"),
        ("부산광역시", "해운대구", "해운대구청장", "부산광역시장"),
        ("경기도", "양평군", "양평군수", "경기도지사"),
        ("경기도", "수원시", "수원시장", "경기도지사"),
        ("세종특별자치시", "세종특별자치시", "세종특별자치시장", "세종특별자치시장"),
        ("제주특별자치도", "제주시", "제주시장", "제주특별자치도지사"),
        ("강원특별자치도", "춘천시", "춘천시장", "강원특별자치도지사"),
    ],
)
def test_titles(province, district, head, to):
    assert titles.head_title(district) == head
    assert titles.province_head_title(province) == to
    assert titles.council_name(district) == f"{district} 지역사회보장협의체"


def test_cli_new_makes_an_empty_plan_with_titles(tmp_path):
    run = sbdesk(
        "new", "sd.sbplan", "--province", "서울특별시", "--district", "성동구",
        "--term", "5", "--start-year", "2023", cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "성동구청장" in run.stdout and "서울특별시장 귀하" in run.stdout
    with PlanStore(tmp_path / "sd.sbplan", read_only=True) as store:
        muni, plan = store.municipality(), store.plan()
        assert (muni.province, muni.name, muni.head_title, muni.submitted_to) == (
            "서울특별시", "성동구", "성동구청장", "서울특별시장",
        )  # fmt: skip
        assert muni.council_name == "성동구 지역사회보장협의체"
        assert (plan.term, plan.start_year, plan.end_year) == (5, 2023, 2026)
        assert [py.year for py in store.list(m.PlanYear)] == [2023, 2024, 2025, 2026]
        assert store.codes() == {}
    again = sbdesk(
        "new", "sd.sbplan", "--province", "서울특별시", "--district", "성동구",
        "--start-year", "2023", cwd=tmp_path,
    )  # fmt: skip
    assert again.returncode == 2 and "이미 있는 파일" in again.stderr
    named = sbdesk(
        "new", "x.sbplan", "--province", "경기도", "--district", "양평군",
        "--start-year", "2023", "--council", "양평군 협의체", cwd=tmp_path,
    )  # fmt: skip
    assert named.returncode == 0, named.stderr
    with PlanStore(tmp_path / "x.sbplan", read_only=True) as store:
        assert store.municipality().council_name == "양평군 협의체"
        assert store.municipality().head_title == "양평군수"


def test_v1_file_migrates_with_new_columns(tmp_path):
    path = tmp_path / "v1.sbplan"
    shutil.copy(ROOT / "tests/schemas/v1.sbplan", path)
    before = sqlite3.connect(path).execute("select count(*) from project").fetchone()[0]
    with PlanStore(path) as store:
        assert (tmp_path / "v1.v1.bak.sbplan").exists()
        p = store.list(m.Project)[0]
        assert p.priority_dash is False and p.duplicate_of is None
        assert len(store.list(m.Project)) == before
        py = store.list(m.PlanYear)[0]
        assert py.review_mode == "" and py.review_enrolled is None
        assert store.municipality().name == "시험구"
        assert all(c.present is None for c in store.list(m.CommitteeMember))
        # the new columns are writable
        store.set_fields(m.PlanYear, py.id, {"review_mode": "서면", "review_enrolled": "20"})
        assert store.get(m.PlanYear, py.id).review_enrolled == 20


def test_json_v2_and_v1_documents_import(tmp_path, demo_path):
    with PlanStore(demo_path) as store:
        py = store.year_record(2023)
        store.set_fields(m.PlanYear, py.id, {"review_result": "수정 의결", "review_present": 15})
        store.set_narrative(2023, "plan_linkage", "○ 상위계획 연계", not_applicable=False)
        doc = doc_of(store)
    assert doc["format_version"] == 2
    out = tmp_path / "v2.json"
    with PlanStore(demo_path, read_only=True) as store:
        interchange.export_json(store, out)
    interchange.import_json(out, tmp_path / "back.sbplan")
    with PlanStore(tmp_path / "back.sbplan", read_only=True) as store:
        assert store.plan_year(2023).review_result == "수정 의결"
        assert store.narrative(2023, "plan_linkage")["data"] == "○ 상위계획 연계"
    # a documented version-1 document: no new fields, format_version 1, schema 1
    v1 = json.loads(out.read_text(encoding="utf-8"))
    v1["format_version"], v1["schema_version"] = 1, 1
    from sbdesk.services.migrations.m005_plan_pages import COLUMNS

    new_cols = {(t, c) for t, c, _ in COLUMNS}
    for name, rows in v1["tables"].items():
        table = interchange.TABLES[name].__table__.name
        for row in rows:
            for col in list(row):
                if (table, col) in new_cols:
                    del row[col]
    src = tmp_path / "v1.json"
    src.write_text(json.dumps(v1, ensure_ascii=False), encoding="utf-8")
    interchange.import_json(src, tmp_path / "from-v1.sbplan")
    with PlanStore(tmp_path / "from-v1.sbplan", read_only=True) as store:
        assert len(store.codes()) == 44
        assert store.plan_year(2023).review_result == ""
    # a bad enumeration value is refused, naming the field
    bad = json.loads(out.read_text(encoding="utf-8"))
    bad["tables"]["PlanYear"][0]["review_mode"] = "화상"
    (tmp_path / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(Exception, match="review_mode"):
        interchange.import_json(tmp_path / "bad.json", tmp_path / "bad.sbplan")
    assert not (tmp_path / "bad.sbplan").exists()


def test_new_year_cli_44_cards_idempotent(tmp_path, demo_path):
    shutil.copy(demo_path, tmp_path / "d")
    with PlanStore(tmp_path / "d") as store:
        pid = store.project_by_code("I-2-1").id
        bi = store.list(m.BasicIndicator, project_id=pid)[0]
        store.set_basic_target(bi.id, 2024, "600 (명)")
        store.set_basic_budget(pid, 2024, "560")
        src_card = store.card(pid, 2023)
        src_rows = store.card_rows(src_card.id)
    run = sbdesk("new-year", "d", "--from", "2023", "--to", "2024", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "2024년 카드 44개를 만들었습니다" in run.stdout
    with PlanStore(tmp_path / "d", read_only=True) as store:
        cards = store.list(m.Card, year=2024)
        assert len(cards) == 44
        for c in cards:
            src = store.card(c.project_id, 2023)
            rows = store.card_rows(c.id)
            old = store.card_rows(src.id)
            assert (c.department, c.purpose, c.content_detail) == (
                src.department, src.purpose, src.content_detail,
            )  # fmt: skip
            assert (c.results, c.effects, c.improvements) == ("", "", "")
            assert c.review_status == "작성 중"
            assert [i.name for i in rows.indicators] == [i.name for i in old.indicators]
            assert all(i.actual == "" and i.judgement is None for i in rows.indicators)
            assert all(i.rationale == "" for i in rows.indicators)
            assert [b.source for b in rows.budget_lines] == [b.source for b in old.budget_lines]
            assert all(b.executed_amount is None for b in rows.budget_lines)
            assert rows.monitoring == () and rows.self_evaluation == ()
            assert len(rows.partners) == len(old.partners)
        new = store.card(pid, 2024)
        rows = store.card_rows(new.id)
        assert rows.indicators[0].annual_target == "600 (명)"
        assert rows.indicators[0].plan_target == "600 (명)"
        total = sum((b.annual_amount or 0 for b in rows.budget_lines), Decimal(0))
        assert total == Decimal("560")
        assert [b.source for b in rows.budget_lines] == [b.source for b in src_rows.budget_lines]
        before = doc_of(store)
    again = sbdesk("new-year", "d", "--from", "2023", "--to", "2024", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "카드 0개를 만들었습니다" in again.stdout and "44개는 그대로" in again.stdout
    with PlanStore(tmp_path / "d", read_only=True) as store:
        assert doc_of(store) == before


def test_new_year_undo_removes_exactly_what_it_made(demo_path):
    with PlanStore(demo_path) as store:
        before = doc_of(store)
        result = store.make_year_cards(2023, 2025)
        assert len(result.made) == 44
        data = store.remove_cards(result.made)
        assert doc_of(store)["tables"] == before["tables"]
        store.restore_rows(data)
        assert len(store.list(m.Card, year=2025)) == 44
        with pytest.raises(ValidationError, match="기간"):
            store.make_year_cards(2023, 2031)


def test_split_amount_is_exact():
    from sbdesk.services.plan_writes import split_amount

    parts = split_amount(Decimal("100"), [Decimal("1"), Decimal("2")])
    assert sum(parts) == Decimal("100") and parts[0] == Decimal("33.3")
    assert split_amount(Decimal("10"), [None, None]) == [Decimal("5"), Decimal("5")]


def test_basic_plan_dash_blank_duplicate_totals(tmp_path):
    store = PlanStore.create_plan(tmp_path / "p.sbplan", "서울특별시", "마포구", 5, 2023)
    with store:
        s1 = store.add_strategy("I", "기본생활 보장")
        s2 = store.add_strategy("II", "민관협력 제고")
        t1 = store.add_task(s2, "민관협력 시스템 제도화")
        orig = store.add_project(s1, "일자리 네트워크 구축", 2023)
        dup = store.add_project(s2, "일자리 네트워크 구축", 2023, task_id=t1)
        store.set_field(m.Project, dup, "duplicate", True)
        assert any(f.field == "Project.duplicate_of" for f in run_checks(store, 2023))
        store.link_duplicate(dup, orig)
        store.set_field(m.Project, dup, "priority_dash", True)
        for pid in (orig, dup):
            for y, v in ((2022, "741"), (2023, "780"), (2024, "830")):
                store.set_basic_budget(pid, y, v)
        store.set_basic_budget(orig, 2025, "-")
        iid = store.add_row(m.BasicIndicator, {"project_id": orig, "name": "운영 횟수"})
        store.set_basic_target(iid, 2023, "5회")
        store.set_basic_target(iid, 2024, "-")
        assert store.basic_budget(orig, 2025) == "-" and store.basic_budget(orig, 2026) == ""
        with pytest.raises(ValidationError, match="2026년 기본계획 예산"):
            store.set_basic_budget(orig, 2026, "1,300명")
        findings = run_checks(store, 2023)
        msgs = [f.message for f in findings]
        assert not any(f.field == "Project.duplicate_of" for f in findings)
        assert any("2025, 2026년 성과지표 목표가 하나도" in x for x in msgs)  # "-" counts
        iid2 = store.add_row(m.BasicIndicator, {"project_id": orig, "name": "참여 기관 수"})
        store.set_basic_target(iid2, 2025, "10개")
        msgs = [f.message for f in run_checks(store, 2023)]
        assert any("「운영 횟수」의 2025년 목표가 비어" in x for x in msgs)
        assert any("「참여 기관 수」의 2023, 2024년 목표가 비어" in x for x in msgs)
        assert any(
            x.startswith("II-1-1-1 ") and "2023년 예산(780백만원)이 있는데" in x for x in msgs
        )
        assert not any(x.startswith("I-1-1 ") and "예산(" in x for x in msgs)
    run = sbdesk("basic-plan", "p.sbplan", "--json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["years"] == [2022, 2023, 2024, 2025, 2026]
    assert data["totals"]["2023"] == {"with_duplicates": 1560, "without_duplicates": 780}
    assert data["totals"]["2026"] == {"with_duplicates": None, "without_duplicates": None}
    first, second = data["projects"]
    assert first["budgets"] == {"2022": 741, "2023": 780, "2024": 830, "2025": "-", "2026": None}
    assert first["indicators"][0]["targets"] == {
        "2022": "", "2023": "5회", "2024": "-", "2025": "", "2026": "",
    }  # fmt: skip
    assert second["duplicate_of"] == first["code"] == "I-1-1"
    assert second["priority"] == "-" and first["priority"] == "×"
    text = sbdesk("summary", "p.sbplan", "--year", "2023", cwd=tmp_path)
    assert "2023년 1,560 (중복 제외 780)" in text.stdout, text.stdout


def test_report_parts_to_write_and_not_applicable(tmp_path):
    store = PlanStore.create_plan(tmp_path / "p.sbplan", "서울특별시", "성동구", 5, 2023)
    with store:
        s1 = store.add_strategy("I", "돌봄")
        store.add_project(s1, "돌봄SOS", 2023)
        findings = [f for f in run_checks(store, 2023) if f.field.startswith("YearText.")]
        assert {f.field.split(".", 1)[1] for f in findings} == {p.key for p in PARTS}
        assert all(f.severity == "error" and "(작성 필요)" in f.message for f in findings)
        store.set_narrative(2023, "plan_linkage", not_applicable=True)
        store.set_narrative(
            2023,
            "environment_changes",
            "□ 1인가구 증가\n○ 성동구 1인가구 비율 증가",
            tables=[
                {
                    "title": "1인가구 현황",
                    "columns": ["구분", "가구 수"],
                    "rows": [["2023", "41,000"]],
                }
            ],
        )
        keys = {f.field for f in run_checks(store, 2023) if f.field.startswith("YearText.")}
        assert "YearText.plan_linkage" not in keys and "YearText.environment_changes" not in keys
        assert "YearText.financial_admin_support" in keys
    out = tmp_path / "r.pdf"
    run = sbdesk("report", "p.sbplan", "--year", "2023", "--out", out, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    text = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True, text=True).stdout
    squashed = "".join(text.split())
    assert "성동구청장" in squashed and "서울특별시장귀하" in squashed
    assert "성동구장" not in squashed and "지사귀하" not in squashed
    assert squashed.count("해당사항없음") == 1  # only the part marked 해당 없음
    assert squashed.count("".join(TO_WRITE.split())) >= 15
    assert "41,000" in squashed and "1인가구비율증가" in squashed


def test_report_basic_plan_needs_no_year_and_baseline_explained(tmp_path, demo_path):
    run = sbdesk(
        "report", demo_path, "--kind", "basic-plan", "--out", tmp_path / "b.pdf", cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    base = sbdesk("report", demo_path, "--year", "2022", "--out", tmp_path / "r.pdf", cwd=tmp_path)
    assert base.returncode == 2 and "기준연도" in base.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_structure_edits_and_undo(tmp_path, demo_path):
    with PlanStore(demo_path) as store:
        before = doc_of(store)
        st = store.strategies("I")[0]
        data = store.remove_node(m.Strategy, st.id)
        what = store.describe_subtree(data)
        assert "세부사업 7개" in what and "사업 카드 7개" in what
        assert [x.number for x in store.strategies("I")] == [1, 2, 3]
        assert store.count(m.Card) == 44 - 7
        store.restore_subtree(data)
        assert doc_of(store)["tables"] == before["tables"]
        # across parents: an I project under a II 대표과업, and back
        pid = store.project_by_code("I-1-2").id
        s2 = store.strategies("II")[0]
        task = store.tasks(s2.id)[0]
        old = store.move_project_to(pid, s2.id, task.id, 0)
        assert store.codes()[pid] == f"II-{s2.number}-{task.number}-1"
        assert store.project_by_code("I-1-2").name != store.get(m.Project, pid).name
        store.move_project_to(pid, **old)
        assert doc_of(store)["tables"] == before["tables"]
        # a task with its projects
        data = store.remove_node(m.Task, task.id)
        store.restore_subtree(data)
        assert doc_of(store)["tables"] == before["tables"]
        old_i = store.move_node(m.Strategy, st.id, 2)
        assert store.get(m.Strategy, st.id).number == 3
        store.move_node(m.Strategy, st.id, old_i)
        assert doc_of(store)["tables"] == before["tables"]


def test_v4_file_migrates_to_v5_keeping_its_data(tmp_path):
    path = tmp_path / "v4.sbplan"
    shutil.copy(ROOT / "tests/schemas/v4.sbplan", path)
    con = sqlite3.connect(path)
    before = con.execute("SELECT * FROM budgetlistitem ORDER BY id").fetchall()
    con.close()
    with PlanStore(path) as store:
        assert store.municipality().council_name == ""
        assert store.list(m.BudgetListItem)[0].total == Decimal("101")
    con = sqlite3.connect(path)
    assert con.execute("SELECT * FROM budgetlistitem ORDER BY id").fetchall() == before
    con.close()
    with PlanStore(ROOT / "tests/schemas/v5.sbplan", read_only=True) as store:
        assert store.plan_year(2023).review_present == 15


def test_v5_file_migrates_to_v6_with_an_empty_monitoring_meeting(tmp_path):
    path = tmp_path / "v5.sbplan"
    shutil.copy(ROOT / "tests/schemas/v5.sbplan", path)
    with PlanStore(path) as store:
        py = store.plan_year(2023)
        assert py.review_present == 15  # schema 5's data kept
        assert (py.monitoring_title, py.monitoring_when, py.monitoring_place) == ("", "", "")
        store.set_field(m.PlanYear, py.id, "monitoring_place", "구청 소회의실")
    assert (tmp_path / "v5.v5.bak.sbplan").exists()  # the backup made before migrating
    with PlanStore(path, read_only=True) as store:
        assert store.plan_year(2023).monitoring_place == "구청 소회의실"


def test_draft_mark_until_printed_final(tmp_path):
    store = PlanStore.create_plan(tmp_path / "p.sbplan", "서울특별시", "성동구", 5, 2023)
    with store:
        s1 = store.add_strategy("I", "돌봄")
        store.add_project(s1, "돌봄SOS", 2023)
    run = sbdesk("report", "p.sbplan", "--year", "2023", "--out", "d.pdf", cwd=tmp_path)
    assert run.returncode == 0 and "초안" in run.stderr
    fin = sbdesk("report", "p.sbplan", "--year", "2023", "--out", "f.pdf", "--final", cwd=tmp_path)
    assert fin.returncode == 0 and "초안" not in fin.stderr

    def pages(name):  # pypdf reads the rotated mark (pdftotext drops rotated text)
        from pypdf import PdfReader

        return [pg.extract_text() for pg in PdfReader(tmp_path / name).pages]

    draft, final = pages("d.pdf"), pages("f.pdf")
    assert len(draft) == len(final) > 10
    assert all("초안" in p for p in draft)  # every page, the cover too
    assert not any("초안" in p for p in final)


def test_basic_plan_sheet_in_the_tables_workbook(tmp_path, demo_path):
    from openpyxl import load_workbook

    from sbdesk.export.xlsx.results_tables import build_tables_workbook
    from sbdesk.services.basic_plan import basic_plan_data

    with PlanStore(demo_path) as store:
        pid = store.project_by_code("I-2-1").id
        store.set_basic_budget(pid, 2024, "560")
        store.set_basic_budget(pid, 2025, "-")
        data = basic_plan_data(store)
        build_tables_workbook(store, 2023).save(tmp_path / "t.xlsx")
    ws = load_workbook(tmp_path / "t.xlsx")["기본계획 4개년"]
    rows = list(ws.iter_rows(values_only=True))
    head = rows[3]
    row = next(r for r in rows if r[0] == "I-2-1")
    assert row[head.index("'24년 예산")] == 560 and row[head.index("'25년 예산")] == "-"
    assert row[head.index("'22년 예산")] is None  # a blank budget stays blank
    total = next(r for r in rows if r[0] == "합계")
    assert total[head.index("'23년 예산")] == data["totals"]["2023"]["with_duplicates"]

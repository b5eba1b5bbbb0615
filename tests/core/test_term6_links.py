"""Validator rules 9 (연계성 tables) and 10 (15-page 수요·공급 분석) on real 6th-term plan files,
schema 7 (``otherplanlink``) migrated from the committed v1 and v6 files, and JSON round trip.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from sbdesk import models as m
from sbdesk.services import planfile
from sbdesk.services.check import run_checks
from sbdesk.services.new_term import new_term
from sbdesk.services.store import PlanStore

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


@pytest.fixture(scope="module")
def _d6_master(tmp_path_factory, _demo_master):
    path = tmp_path_factory.mktemp("d6links") / "d6.sbplan"
    new_term(_demo_master, path, term=6)
    return path


@pytest.fixture
def d6(_d6_master, tmp_path):
    path = tmp_path / "d6.sbplan"
    shutil.copyfile(_d6_master, path)
    store = PlanStore(path)
    yield store
    store.close()


def find(findings, field=None, severity=None, text=None):
    return [
        f
        for f in findings
        if (field is None or f.field == field)
        and (severity is None or f.severity == severity)
        and (text is None or text in f.message)
    ]


def _link(store, plan, project_code=None, content="연계"):
    pid = store.project_by_code(project_code).id if project_code else None
    return store.add_row(
        m.OtherPlanLink,
        {"plan_name": plan, "level": "중앙", "project_id": pid, "content": content},
    )


# ---------------------------------------------------------------- rule 9
def test_rule_9_other_plans_three_to_five(d6):
    f = run_checks(d6, 2027)
    assert find(f, "OtherPlanLink.plan_name", "warning", "계획이 0개입니다 (3~5개 선택)")
    codes = list(d6.codes().values())
    for i, name in enumerate(["지역보건의료계획", "사회서비스기본계획", "아동정책기본계획"]):
        _link(d6, name, codes[i])
    assert not find(run_checks(d6, 2027), field="OtherPlanLink.plan_name")
    # the same plan written with other spacing is the same plan
    _link(d6, "지역보건의료 계획", codes[3])
    assert not find(run_checks(d6, 2027), field="OtherPlanLink.plan_name")
    for name in ("청년정책기본계획", "치매관리종합계획", "장기요양기본계획"):
        _link(d6, name, codes[0])
    f = find(run_checks(d6, 2027), "OtherPlanLink.plan_name", "error", "계획이 6개입니다")
    assert len(f) == 1
    last = d6.list(m.OtherPlanLink)[-1]
    assert f[0].row_id == last.id  # the jump goes to the sixth plan's first row


def test_rule_9_at_most_eight_items_per_plan_each_an_existing_project(d6):
    codes = list(d6.codes().values())
    ids = [_link(d6, "지역보건의료계획", c) for c in codes[:9]]
    f = find(run_checks(d6, 2027), "OtherPlanLink.project_id", "error", "연계 항목이 9개")
    assert [x.row_id for x in f] == [ids[8]]
    # the same item under several plans is allowed
    _link(d6, "사회서비스기본계획", codes[0])
    assert not find(run_checks(d6, 2027), "OtherPlanLink.project_id", text="사회서비스")
    # an item without a project, and a link whose project was removed
    blank = _link(d6, "사회서비스기본계획")
    f = find(run_checks(d6, 2027), "OtherPlanLink.project_id", "error", "선택되지 않았습니다")
    assert [x.row_id for x in f] == [blank]
    victim = d6.project_by_code(codes[1]).id
    d6.remove_project(victim)
    assert d6.get(m.OtherPlanLink, ids[1]).project_id is None  # SET NULL, never a dangling id
    f = find(run_checks(d6, 2027), "OtherPlanLink.project_id", "error", "선택되지 않았습니다")
    assert ids[1] in [x.row_id for x in f]
    # a plan name is required
    d6.set_field(m.OtherPlanLink, blank, "plan_name", "")
    assert find(run_checks(d6, 2027), "OtherPlanLink.plan_name", "error", "계획명이 비어")


def test_rule_9_basic_plan_table_eight_items_per_area(d6):
    """The 제3차 기본계획 table lists the projects of each area: at most 8 per area."""
    for p in d6.projects()[:8]:
        d6.set_field(m.Project, p.id, "basic_plan_areas", [1])
    assert not find(run_checks(d6, 2027), "Project.basic_plan_areas", text="전략1에 연계된")
    d6.set_field(m.Project, d6.projects()[8].id, "basic_plan_areas", [1, 2])
    assert find(
        run_checks(d6, 2027), "Project.basic_plan_areas", "warning", "전략1에 연계된 사업이 9개"
    )


def test_removing_a_linked_project_is_undone_with_its_link(d6):
    code = next(iter(d6.codes().values()))
    link = _link(d6, "지역보건의료계획", code)
    p = d6.project_by_code(code).id
    data = d6.remove_project(p)
    assert d6.get(m.OtherPlanLink, link).project_id is None
    d6.restore_project(data)
    assert d6.get(m.OtherPlanLink, link).project_id == p


# ---------------------------------------------------------------- rule 10
PARA = (
    "우리 구의 1인 가구 비율은 행정통계상 꾸준히 증가하고 있으며, 지역주민 욕구조사에서 돌봄과 "
    "주거 불안에 대한 응답이 높게 나타났다. 저소득 노인 가구의 사회적 고립과 고독사 위험이 "
    "주요 과제로 도출되었고, 공급 측면에서는 동 단위 돌봄 인프라가 부족하다. "
)


def _analysis(store, text):
    store.set_narrative(store.plan().start_year, "demand_analysis", text)


def test_rule_10_page_limit_counted_by_the_pdf_renderer(d6, tmp_path):
    from sbdesk.export.pdf.sixth_term import analysis_pages, build

    assert find(run_checks(d6, 2027), "YearText.demand_analysis", "warning", "작성되지 않았습니다")
    short = "\n".join(f"□ 진단 {i}. {PARA}" for i in range(20))
    _analysis(d6, short)
    assert not find(run_checks(d6, 2027), "YearText.demand_analysis")
    long = "\n".join(f"○ 진단 {i}. {PARA * 3}" for i in range(130))
    _analysis(d6, long)
    pages = analysis_pages(long)
    assert pages > 15
    f = find(run_checks(d6, 2027), "YearText.demand_analysis", "warning", f"A4 {pages}쪽입니다")
    assert len(f) == 1 and "15쪽 이내" in f[0].message
    # the count is the section's pages in the real 6th-term PDF
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "export"))
    from pdf_readback import pdftotext_pages, squash

    pdf = tmp_path / "plan.pdf"
    build(d6, pdf)
    texts = [squash(t) for t in pdftotext_pages(pdf)]
    start = next(i for i, t in enumerate(texts) if "1)복지수요공급및자원분석" in t)
    end = next(i for i, t in enumerate(texts) if i > start and "진단" not in t)
    assert end - start == pages
    assert "진단129." in texts[end - 1] and "진단0." in texts[start]


# ---------------------------------------------------------------- schema 7 and JSON
def test_v1_file_migrates_to_schema_7(tmp_path):
    path = tmp_path / "old.sbplan"
    shutil.copyfile(SCHEMAS / "v1.sbplan", path)
    con = sqlite3.connect(path)
    projects = con.execute("SELECT id, name FROM project ORDER BY id").fetchall()
    con.close()
    with PlanStore(path) as store:
        assert store.backup_made == planfile.backup_path(path, 1)
        assert store.list(m.OtherPlanLink) == []
        assert [(p.id, p.name) for p in store.list(m.Project)] == projects
        ident = store.add_row(
            m.OtherPlanLink, {"plan_name": "지역보건의료계획", "project_id": projects[0][0]}
        )
        assert store.get(m.OtherPlanLink, ident).project_id == projects[0][0]
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == planfile.SCHEMA_VERSION >= 7
    con.close()


def test_v6_file_migrates_and_v7_file_opens_with_its_links(tmp_path):
    v6 = tmp_path / "v6.sbplan"
    shutil.copyfile(SCHEMAS / "v6.sbplan", v6)
    with PlanStore(v6) as store:
        assert store.backup_made == planfile.backup_path(v6, 6)
        assert store.list(m.OtherPlanLink) == []
        assert store.plan_year(2023).monitoring_place == "구청 소회의실"  # v6's own data kept
    v7 = tmp_path / "v7.sbplan"
    shutil.copyfile(SCHEMAS / "v7.sbplan", v7)
    with PlanStore(v7) as store:
        rows = store.list(m.OtherPlanLink)
        assert [(r.plan_name, r.level, r.content) for r in rows] == [
            ("지역보건의료계획", "시·군·구", "방문건강관리 연계"),
            ("사회서비스기본계획", "중앙", ""),
        ]
        assert rows[0].project_id == store.list(m.Project)[0].id and rows[1].project_id is None


def test_json_round_trip_keeps_links_and_analysis(d6, tmp_path):
    from sbdesk.services.interchange import export_json, import_json

    code = next(iter(d6.codes().values()))
    _link(d6, "지역보건의료계획", code, "방문건강 연계")
    _analysis(d6, "□ 1인 가구 증가")
    out = tmp_path / "d6.json"
    export_json(d6, out)
    back = import_json(out, tmp_path / "back.sbplan")
    with PlanStore(back, read_only=True) as s:
        (row,) = s.list(m.OtherPlanLink)
        assert (row.plan_name, row.level, row.content) == (
            "지역보건의료계획",
            "중앙",
            "방문건강 연계",
        )
        assert s.codes()[row.project_id] == code
        assert s.narrative(s.plan().start_year, "demand_analysis")["data"] == "□ 1인 가구 증가"
    # a link naming a project the file does not have is refused, naming the table and row
    text = out.read_text(encoding="utf-8")
    import json

    doc = json.loads(text)
    doc["tables"]["OtherPlanLink"][0]["project_id"] = 99999
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(Exception, match="OtherPlanLink"):
        import_json(bad, tmp_path / "bad.sbplan")
    assert not (tmp_path / "bad.sbplan").exists()

"""The 6th term: term rules as data, new-term from a 5th-term plan, stable numbers, checks.

Every test works on a real plan file: the 6th-term example made by ``new_term``
from the Gwangjin 5th-term demo, changed through ``PlanStore`` to break one rule.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest

from sbdesk import models as m
from sbdesk.services.check import run_checks
from sbdesk.services.errors import PlanFileError
from sbdesk.services.new_term import new_term
from sbdesk.services.store import PlanStore
from sbdesk.terms import rules_for
from sbdesk.terms.term6 import FIXED_STRATEGIES, TERM6


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def _d6_master(tmp_path_factory, _demo_master):
    path = tmp_path_factory.mktemp("d6") / "d6.sbplan"
    new_term(_demo_master, path, term=6)
    return path


@pytest.fixture
def d6(_d6_master, tmp_path):
    path = tmp_path / "d6.sbplan"
    shutil.copyfile(_d6_master, path)
    store = PlanStore(path)
    yield store
    store.close()


def find(findings, field=None, severity=None, text=None, code=None):
    return [
        f
        for f in findings
        if (field is None or f.field == field)
        and (severity is None or f.severity == severity)
        and (text is None or text in f.message)
        and (code is None or f.code == code)
    ]


def pid(store, code):
    return store.project_by_code(code).id


# ---------------------------------------------------------------- term rules
def test_term_rules_are_data_and_the_fifth_term_is_unchanged():
    t5, t6 = rules_for(5), rules_for(6)
    assert rules_for(None) is t5
    assert "national" in t5.funding_sources and "national" not in t6.funding_sources
    assert not t5.stored_numbers and t6.stored_numbers
    assert t5.code_fields == () and [len(f.choices) for f in t6.code_fields] == [4, 6, 8, 12, 13, 5]
    assert t6.table_years == [2026, 2027, 2028, 2029, 2030]
    assert t6.code_field("cls_household").label_of(12) == "⑫ 해당없음"
    assert t6.display_code("II-1-2-1") == "Ⅱ-1-2-1"
    assert t6.limits.subsidy_cap == 0.30


# ---------------------------------------------------------------- new term
def test_new_term_keeps_the_old_file_byte_identical_and_carries_the_plan(_demo_master, tmp_path):
    d5 = tmp_path / "d5.sbplan"
    shutil.copyfile(_demo_master, d5)
    before = sha(d5)
    result = new_term(d5, tmp_path / "d6.sbplan", term=6)
    assert sha(d5) == before
    assert result.projects == 44 and result.source_year == 2023
    with PlanStore(tmp_path / "d6.sbplan", read_only=True) as s:
        plan = s.plan()
        assert (plan.term, plan.start_year, plan.end_year) == (6, 2027, 2030)
        assert s.years() == [2027, 2028, 2029, 2030]
        ii = s.strategies("II")
        assert [x.title for x in ii] == [f.title for f in FIXED_STRATEGIES]
        assert [t.title for t in s.tasks(ii[0].id)][:3] == list(TERM6.fixed_strategies[0].tasks)
        # the old II-1 대표과업 follow the fixed ones
        assert [t.title for t in s.tasks(ii[0].id)][3:] == ["위기가구 발굴", "부적정 수급 방지"]
        projects = s.projects()
        assert all(p.new_in_term is False for p in projects)
        assert all(p.code for p in projects)
        codes = s.codes()
        assert "I-1-1" in codes.values() and "II-1-4-1" in codes.values()
        p = s.project_by_code("I-1-1")
        assert p.name == "200가구 보듬기 사업" and p.priority
        card = s.card(p.id, 2027)
        assert card.department and card.purpose
        rows = s.card_rows(card.id)
        assert rows.indicators and rows.indicators[0].annual_target == ""
        assert rows.budget_lines == ()
        bi = s.list(m.BasicIndicator, project_id=p.id)[0]
        assert bi.targets == {"2026": "170 (가구)"}  # the latest card's target as the baseline
        bb = s.list(m.BasicBudget, project_id=p.id)
        assert {(b.year, b.source) for b in bb} <= {
            (2026, "province"),
            (2026, "district"),
            (2026, "other"),
        }
        assert sum(b.amount for b in bb) == D("288")


def test_new_term_refuses_an_existing_target_and_a_wrong_term(_demo_master, _d6_master, tmp_path):
    target = tmp_path / "exists.sbplan"
    target.write_bytes(b"keep")
    with pytest.raises(PlanFileError, match="이미 있는 파일"):
        new_term(_demo_master, target, term=6)
    assert target.read_bytes() == b"keep"
    with pytest.raises(PlanFileError, match="제6기 계획입니다"):
        new_term(_d6_master, tmp_path / "x.sbplan", term=6)
    assert not (tmp_path / "x.sbplan").exists()


def test_national_funding_is_not_dropped_but_noted(_demo_master, _d6_master):
    with PlanStore(_demo_master, read_only=True) as s5:
        view = s5.year_view(2023)
        with_national = [
            pv
            for pv in view.all_projects()
            if any(ln.source == "national" for ln in pv.budget_lines)
        ]
    assert with_national, "the demo has 국비 lines"
    with PlanStore(_d6_master, read_only=True) as s6:
        names = {p.name: p for p in s6.projects()}
        for pv in with_national:
            p = names[pv.name]
            assert "국비" in s6.card(p.id, 2027).budget_note
            assert all(b.source != "national" for b in s6.list(m.BasicBudget, project_id=p.id))


def test_cli_done_when(tmp_path):
    """`sbdesk demo d5 && sbdesk new-term d5 d6 --term 6`: term 6, real findings, d5 unchanged."""

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "sbdesk", *args], cwd=tmp_path, capture_output=True, text=True
        )

    assert run("demo", "d5").returncode == 0
    before = sha(tmp_path / "d5")
    r = run("new-term", "d5", "d6", "--term", "6")
    assert r.returncode == 0, r.stderr
    assert sha(tmp_path / "d5") == before
    summary = json.loads(run("summary", "d6", "--year", "2027", "--json").stdout)
    assert summary["term"] == 6 and summary["year"] == 2027
    assert sum(s["projects"] for s in summary["systems"]) == 44
    r = run("check", "d6", "--json")
    findings = json.loads(r.stdout)
    assert any("사업 분류 코드가 선택되지 않았습니다" in f["message"] for f in findings)
    assert any(f["field"] == "Project.basic_plan_areas" for f in findings)
    assert sha(tmp_path / "d5") == before
    r = run("demo", "--term", "6", "e6")
    assert r.returncode == 0 and "예시" in r.stdout
    with PlanStore(tmp_path / "e6", read_only=True) as s:
        assert s.plan().term == 6
        texts = s.list(m.YearText, key="example_notice")
        assert texts and "실제" in texts[0].value["data"]


# ---------------------------------------------------------------- stable numbers
def test_a_moved_sixth_term_project_keeps_its_number_and_undo_restores(d6):
    p = d6.project_by_code("I-1-3")
    target = d6.strategies("I")[1]
    old = d6.move_project_to(p.id, target.id)
    assert d6.codes()[p.id] == "I-1-3"
    moved = d6.get(m.Project, p.id)
    assert moved.strategy_id == target.id
    # the siblings left behind keep their numbers too
    assert d6.project_by_code("I-1-4").strategy_id == d6.strategies("I")[0].id
    d6.move_project_to(p.id, **old)
    back = d6.get(m.Project, p.id)
    assert (back.strategy_id, back.task_id, d6.codes()[p.id]) == (p.strategy_id, None, "I-1-3")
    assert [x.id for x in d6.projects(p.strategy_id)].index(p.id) == old["index"] == 2


def test_renumbering_is_explicit_and_undoable(d6):
    p = d6.project_by_code("I-1-3")
    d6.move_project_to(p.id, d6.strategies("I")[1].id)
    before = d6.codes()
    old = d6.renumber_projects()
    after = d6.codes()
    assert after[p.id].startswith("I-2-") and after[p.id] != "I-1-3"
    assert len(set(after.values())) == len(after)
    d6.restore_codes(old)
    assert d6.codes() == before


def test_a_new_sixth_term_project_gets_the_next_free_number(d6):
    st = d6.strategies("I")[0]
    n = len(d6.projects(st.id))
    new = d6.add_project(st.id, "새 사업", 2027, index=0)
    assert d6.codes()[new] == f"I-1-{n + 1}"
    assert d6.project_by_code("I-1-1").name == "200가구 보듬기 사업"


def test_fifth_term_numbers_still_follow_the_position(demo_path):
    with PlanStore(demo_path) as s:
        p = s.project_by_code("I-1-3")
        s.move_project_to(p.id, s.strategies("I")[1].id)
        assert s.codes()[p.id].startswith("I-2-")
        assert s.get(m.Project, p.id).code == ""


# ---------------------------------------------------------------- check rules (§8)
def test_rule_counts(d6):
    assert not find(run_checks(d6, 2027), "Project.priority")  # the demo: 2 per strategy
    d6.set_field(m.Project, pid(d6, "I-2-3"), "priority", True)
    assert find(run_checks(d6, 2027), "Project.priority", "warning", "중점추진사업이 3개")
    d6.set_field(m.Project, pid(d6, "I-2-1"), "priority", False)
    f = find(run_checks(d6, 2027), "Project.priority", "warning", "첫 두 세부사업")
    assert [x.code for x in f] == ["I-2-1"]
    st = d6.strategies("I")[0]
    for i in range(3):
        d6.add_project(st.id, f"추가 사업 {i}", 2027)
    f = run_checks(d6, 2027)
    assert find(f, "Strategy.title", "warning", "세부사업이 10개입니다")
    for n in range(5, 7):
        d6.add_row(m.Strategy, {"system": "I", "number": n, "title": f"전략 {n}"})
    assert find(run_checks(d6, 2027), "Strategy.number", "warning", "전략체계 Ⅰ의 전략이 6개")
    for n in (5, 6):
        d6.add_row(m.Strategy, {"system": "II", "number": n, "title": f"자율 {n}"})
    assert find(run_checks(d6, 2027), "Strategy.number", "error", "자율 전략 2개")
    ii1 = d6.strategies("II")[0]
    task = d6.tasks(ii1.id)[0]
    d6.add_project(ii1.id, "세부과업 하나", 2027, task_id=task.id)
    f = run_checks(d6, 2027)
    assert find(f, "Task.title", "warning", "세부과업이 1개입니다")
    ii2 = d6.strategies("II")[1]
    assert not find(f, "Task.title", "warning", f"{ii2.title}」의 대표과업이")  # has 2


def test_rule_fixed_names(d6):
    assert not find(run_checks(d6, 2027), "Strategy.title", "error", "고정 명칭")
    ii1 = d6.strategies("II")[0]
    d6.set_field(m.Strategy, ii1.id, "title", "급여 이용 지원")
    task = d6.tasks(ii1.id)[1]
    d6.set_field(m.Task, task.id, "title", "사각지대 찾기")
    f = run_checks(d6, 2027)
    assert [x.row_id for x in find(f, "Strategy.title", "error", "고정 명칭")] == [ii1.id]
    assert [x.row_id for x in find(f, "Task.title", "error", "고정 명칭")] == [task.id]
    d6.set_field(m.Strategy, ii1.id, "title", "사회보장급여 이용 · 제공 및 수급권자 발굴")
    assert not find(run_checks(d6, 2027), "Strategy.title", "error", "고정 명칭")  # spacing only


def test_rule_numbers(d6):
    a, b = pid(d6, "I-1-1"), pid(d6, "I-1-2")
    d6.set_field(m.Project, a, "code", "")
    d6.set_field(m.Project, b, "code", "I-1")
    f = run_checks(d6, 2027)
    assert find(f, "Project.code", "error", "저장되어 있지 않습니다")
    assert find(f, "Project.code", "error", "형식이")
    d6.set_field(m.Project, a, "code", "I-1-3")
    assert find(run_checks(d6, 2027), "Project.number", "error", "겹칩니다")


def test_rule_duplicates(d6):
    ii1 = d6.strategies("II")[0]
    task = d6.tasks(ii1.id)[0]
    new = d6.add_project(ii1.id, "200가구 보듬기  사업", 2027, task_id=task.id)
    f = find(run_checks(d6, 2027), "Project.name", "error", "중복될 수 없습니다")
    assert [x.project_id for x in f] == [new]


def test_rule_codes(d6):
    p = pid(d6, "I-1-1")
    assert find(run_checks(d6, 2027), "Project.cls_target", "error", code="I-1-1")
    values = {"cls_target": 2, "cls_form": 3, "cls_life": 1, "cls_household": 12,
              "cls_domain": 1, "cls_selection": 2}  # fmt: skip
    d6.set_fields(m.Project, p, values)
    f = run_checks(d6, 2027)
    assert not find(f, severity="error", code="I-1-1", text="분류 코드")
    d6.set_field(m.Project, p, "cls_domain", 14)
    f = find(run_checks(d6, 2027), "Project.cls_domain", "error", "범위(1~13)", code="I-1-1")
    assert len(f) == 1 and f[0].row_id == p


def test_rule_basic_plan_areas(d6):
    p = pid(d6, "I-1-1")
    assert find(run_checks(d6, 2027), "Project.basic_plan_areas", "warning", code="I-1-1")
    d6.set_field(m.Project, p, "basic_plan_areas", [1, 3])
    assert not find(run_checks(d6, 2027), "Project.basic_plan_areas", code="I-1-1")
    d6.set_field(m.Project, p, "basic_plan_areas", [4])
    assert find(run_checks(d6, 2027), "Project.basic_plan_areas", "error", code="I-1-1")
    for proj in d6.projects()[:9]:
        d6.set_field(m.Project, proj.id, "basic_plan_areas", [2])
    assert find(
        run_checks(d6, 2027), "Project.basic_plan_areas", "warning", "전략2에 연계된 사업이 9개"
    )


def test_rule_budgets(d6):
    p = pid(d6, "I-1-1")
    add = lambda **kw: d6.add_row(m.BasicBudget, {"project_id": p, **kw})  # noqa: E731
    nat = add(year=2027, source="national", amount="10")
    odd = add(year=2028, source="district", amount="12.34")
    slash = add(year=2029, source="district", mark="/")
    other = add(year=2030, source="other", amount="5")
    f = run_checks(d6, 2027)
    assert [x.row_id for x in find(f, "BasicBudget.source", "error", "국비")] == [nat]
    rounded = find(f, "BasicBudget.amount", "warning", "반올림")
    assert odd in [x.row_id for x in rounded]
    for x in rounded:  # the carried demo data has such amounts too: all really unrounded
        amount = d6.get(m.BasicBudget, x.row_id).amount
        assert amount.quantize(D("0.1")) != amount
    assert [x.row_id for x in find(f, "BasicBudget.mark", "error", "'/'는 2026년")] == [slash]
    assert other in [x.row_id for x in find(f, "BasicBudget.source_name", "warning")]
    # a 6기 신규 project needs "/" for 2026
    d6.set_field(m.Project, p, "new_in_term", True)
    assert find(run_checks(d6, 2027), "BasicBudget.mark", "error", "6기 신규", code="I-1-1")
    for b in d6.list(m.BasicBudget, project_id=p, year=2026):
        d6.set_fields(m.BasicBudget, b.id, {"amount": None, "mark": "/"})
    assert not find(run_checks(d6, 2027), "BasicBudget.mark", "error", "6기 신규", code="I-1-1")
    # "0" is for 비예산 projects only
    add(year=2028, source="province", amount="0")
    d6.delete_row(m.BasicBudget, odd)
    assert find(
        run_checks(d6, 2027), "BasicBudget.amount", "info", "2028년 사업비가 0", code="I-1-1"
    )


def test_rule_indicators(d6):
    p = pid(d6, "I-1-1")
    card = d6.card(p, 2027)
    ind = d6.card_rows(card.id).indicators[0]
    assert not find(run_checks(d6, 2027), "Indicator.name", "error", "첨부2", code="I-1-1")
    d6.set_field(m.Indicator, ind.id, "name", "다른 지표")
    f = find(run_checks(d6, 2027), "Indicator.name", "error", "첨부2", code="I-1-1")
    assert [x.row_id for x in f] == [ind.id]
    d6.set_field(m.Indicator, ind.id, "name", "200가구 보듬기 사업 지원 대상 가구")
    bi = d6.list(m.BasicIndicator, project_id=p)[0]
    d6.set_field(m.BasicIndicator, bi.id, "targets", {"2026": "170가구", "2027": "180가구"})
    d6.set_field(m.Indicator, ind.id, "annual_target", "175가구")
    assert find(run_checks(d6, 2027), "Indicator.annual_target", "warning", "첨부2의 2027년 목표")
    d6.set_field(m.Project, p, "new_in_term", True)
    assert find(run_checks(d6, 2027), "BasicIndicator.targets", "error", "'/'가 아닙니다")
    st = d6.strategies("I")[0]
    assert find(run_checks(d6, 2027), "BasicIndicator.definition", "warning", st.title)
    d6.set_field(m.BasicIndicator, bi.id, "kind", "산출")
    assert not find(run_checks(d6, 2027), "BasicIndicator.kind")
    d6.set_field(m.BasicIndicator, bi.id, "kind", "성과")
    f = find(run_checks(d6, 2027), "BasicIndicator.kind", "warning", "투입/산출/결과/영향")
    assert [x.row_id for x in f] == [bi.id]


def test_rule_subsidy_cap(d6):
    projects = d6.projects()
    cap = int(0.30 * len(projects))  # 13 of 44 is within 30 %
    for p in projects[:cap]:
        d6.set_field(m.Project, p.id, "subsidy_exception", "공모")
    assert not find(run_checks(d6, 2027), "Project.subsidy_exception", "error")
    d6.set_field(m.Project, projects[cap].id, "subsidy_exception", "지역선택")
    f = find(run_checks(d6, 2027), "Project.subsidy_exception", "error", "30% 이내")
    assert len(f) == 1 and "14개" in f[0].message
    d6.set_field(m.Project, projects[0].id, "subsidy_exception", "보조")
    assert find(run_checks(d6, 2027), "Project.subsidy_exception", "error", "공모/지역선택 중")


def test_fifth_term_plan_gets_no_sixth_term_findings(_demo_master):
    with PlanStore(_demo_master, read_only=True) as s:
        f = run_checks(s, 2023)
    assert not find(f, "Project.cls_target") and not find(f, "BasicBudget.mark")
    assert not find(f, "Strategy.title", text="고정 명칭")


def test_json_interchange_keeps_every_sixth_term_value(d6, tmp_path):
    from sbdesk.services.interchange import export_json, import_json

    p = d6.project_by_code("I-1-1")
    d6.set_fields(m.Project, p.id, {"cls_target": 2, "cls_domain": 13, "basic_plan_areas": [1, 3],
                                     "basic_plan_link": "소득 보장", "subsidy_exception": "공모",
                                     "new_in_term": True})  # fmt: skip
    d6.add_row(m.BasicBudget, {"project_id": p.id, "year": 2026, "source": "district", "mark": "/"})
    d6.add_row(m.BasicBudget, {"project_id": p.id, "year": 2027, "source": "other",
                               "source_name": "후원금", "amount": "12.3"})  # fmt: skip
    out = tmp_path / "d6.json"
    export_json(d6, out)
    back = import_json(out, tmp_path / "back.sbplan")
    with PlanStore(back, read_only=True) as s:
        q = s.get(m.Project, p.id)
        assert (q.code, q.cls_target, q.cls_domain, q.basic_plan_areas) == ("I-1-1", 2, 13, [1, 3])
        assert (q.subsidy_exception, q.new_in_term, q.basic_plan_link) == (
            "공모",
            True,
            "소득 보장",
        )
        rows = {(b.year, b.source): b for b in s.list(m.BasicBudget, project_id=p.id)}
        assert rows[(2026, "district")].mark == "/" and rows[(2026, "district")].amount is None
        assert rows[(2027, "other")].amount == D("12.3")
        assert s.codes() == d6.codes() and s.plan().term == 6
    # a bad 국고보조 kind in the file is refused with the row named
    text = out.read_text(encoding="utf-8").replace('"공모"', '"보조"')
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(Exception, match="subsidy_exception"):
        import_json(bad, tmp_path / "bad.sbplan")
    assert not (tmp_path / "bad.sbplan").exists()

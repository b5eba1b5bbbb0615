"""Validation findings (``sbdesk check``) on the demo and on plans made to fail each check."""

from __future__ import annotations

import datetime as dt

import pytest

from sbdesk import models as m
from sbdesk.services.check import Finding, format_findings, ga, run_checks
from sbdesk.services.store import PlanStore


def find(findings, code=None, field=None, severity=None, text=None):
    return [
        f
        for f in findings
        if (code is None or f.code == code)
        and (field is None or f.field == field)
        and (severity is None or f.severity == severity)
        and (text is None or text in f.message)
    ]


@pytest.fixture(scope="module")
def demo_findings(_demo_master):
    store = PlanStore(_demo_master, read_only=True)
    try:
        return run_checks(store), store.year_view(2023)
    finally:
        store.close()


def test_demo_lists_the_real_gaps_of_the_report(demo_findings):
    findings, view = demo_findings
    # I-3-1: no content type, no detail, no delivery procedure or agencies on the card
    i31 = view.project("I-3-1")
    detail = find(findings, "I-3-1", "Card.content_detail", "error")
    assert len(detail) == 1 and detail[0].row_id == i31.card.id and detail[0].year == 2023
    assert (
        "광진형 돌봄SOS 사업" in detail[0].message and "사업(과업) 세부 내용" in detail[0].message
    )
    assert find(findings, "I-3-1", "Card.content_type", "warning")
    assert find(findings, "I-3-1", "DeliveryStep.step", "warning")
    assert find(findings, "I-3-1", "Card.delivery_agencies", "warning")
    # I-3-2: the printed execution (계 0 beside 구비 247) leaves a nameless 기타 line executed 0 with no budget
    i32 = find(findings, "I-3-2", "BudgetLine.executed_amount")
    assert i32 and i32[0].row_id in {ln.id for ln in view.project("I-3-2").budget_lines}
    assert find(findings, "I-3-2", "BudgetLine.source_name", "warning")
    # I-1-7: actual 0 against a target of 20, and the 시비 5 budget without execution
    i17 = find(findings, "I-1-7", "Indicator.actual", "warning")
    assert i17 and "0입니다" in i17[0].message
    assert i17[0].row_id == view.project("I-1-7").indicators[0].row.id
    assert find(findings, "I-1-7", "BudgetLine.executed_amount", "error", "시·도비")
    # execution over 100 %
    over = find(findings, "I-1-1", "BudgetLine.executed_amount", "warning")
    assert over and "125.7%" in over[0].message
    # II-4-1-2: 2,000 budgeted, nothing executed at year end; actual "-" is legitimate (info)
    assert len(find(findings, "II-4-1-2", "BudgetLine.executed_amount", "error")) == 2
    zero = find(findings, "II-4-1-2", "BudgetLine.executed_amount", "warning")
    assert len(zero) == 1 and "평균 집행률에는 집행률 0%로" in zero[0].message
    assert find(findings, "II-4-1-2", "Indicator.actual", "info")
    # 첨부 2: 85 rows whose entered 계/소계 are not the sum of their (rounded) parts
    rounded = find(findings, "", "BudgetListItem.total", "info")
    assert len(rounded) == 73 and "290백만원" in next(
        f.message for f in rounded if "일련번호 2「" in f.message
    )
    assert len(find(findings, "", "BudgetListItem.local_subtotal", "info")) == 60
    assert find(findings, "II-4-1-2", "Card.improvements", "warning")


def test_demo_has_no_false_alarms(demo_findings):
    findings, _ = demo_findings
    assert not find(findings, field="Project.number")  # numbers are unique
    assert not find(findings, field="Indicator.judgement")  # I-1-2 qualitative is judged
    assert not find(findings, field="Strategy.title")
    assert not find(findings, field="CommitteeMember.is_chair")
    assert not find(findings, field="ChangeEntry.project_id")
    assert not find(findings, "I-1-3")  # a complete card
    assert all(
        isinstance(f, Finding) and f.severity in {"error", "warning", "info"} for f in findings
    )
    assert all(f.message for f in findings)


def test_findings_as_dict_and_format(demo_findings):
    findings, _ = demo_findings
    d = findings[0].as_dict()
    assert set(d) == {"severity", "year", "project_id", "code", "field", "row_id", "message"}
    text = format_findings(findings)
    assert "[I-3-1 광진형 돌봄SOS 사업]" in text
    assert "  오류: 2023년 사업(과업) 세부 내용이 비어 있습니다 (필수 항목)." in text
    assert text.splitlines()[-1].startswith("점검 결과: 오류 ")
    # grouped: each project's block appears once, in number order
    heads = [ln for ln in text.splitlines() if ln.startswith("[")]
    assert len(heads) == len(set(heads))
    assert heads.index("[I-3-1 광진형 돌봄SOS 사업]") < heads.index(
        "[II-4-1-2 중곡지역 노인복지관 건립]"
    )
    assert format_findings([]) == "점검 결과: 문제가 없습니다."


def test_budget_list_row_that_does_not_add_up(tmp_path):
    store = PlanStore.create(tmp_path / "b.sbplan")
    try:
        row = {"year": 2023, "serial": 1, "name": "목록 사업", "national": "100", "district": "50"}
        ok = store.add_row(m.BudgetListItem, {**row, "total": "150", "local_subtotal": "50"})
        off = store.add_row(m.BudgetListItem, {**row, "serial": 2, "total": "160"})
        blank = store.add_row(m.BudgetListItem, {**row, "serial": 3})
        f = run_checks(store, 2023, today=dt.date(2024, 3, 1))
        hits = find(f, field="BudgetListItem.total")
        assert [(x.row_id, x.severity) for x in hits] == [(off, "warning")]
        assert "계 160백만원" in hits[0].message and "합 150백만원" in hits[0].message
        assert not [x for x in f if x.row_id in (ok, blank) and x.field.startswith("BudgetList")]
    finally:
        store.close()


def test_particles():
    assert ga("목적") == "목적이" and ga("담당부서") == "담당부서가" and ga("I-1-1") == "I-1-1이"


@pytest.fixture
def plan(tmp_path):
    """A small plan made to fail each check."""
    store = PlanStore.create(tmp_path / "c.sbplan")
    s1 = store.add_row(m.Strategy, {"system": "I", "number": 1, "title": "전략 하나"})
    store.add_row(m.Strategy, {"system": "I", "number": 2, "title": "빈 전략"})
    s3 = store.add_row(m.Strategy, {"system": "II", "number": 1, "title": "발전 전략"})
    a = store.add_project(s1, "같은 이름 사업", 2023)
    b = store.add_project(s1, "같은 이름  사업", 2023)
    c = store.add_project(s3, "과업 없는 사업", 2023)
    store.set_field(m.Project, b, "number", 1)  # duplicate number I-1-1
    store.set_field(m.Project, a, "public_private", True)
    card = store.card(a, 2023)
    store.set_fields(
        m.Card,
        card.id,
        {"department": "복지과", "officer": "김", "purpose": "목적", "content_detail": "내용"},
    )
    ids = {
        "no_target": store.add_row(m.Indicator, {"card_id": card.id, "name": "목표 없음", "actual": "5"}),
        "no_actual": store.add_row(m.Indicator, {"card_id": card.id, "name": "실적 없음", "annual_target": "5"}),
        "zero": store.add_row(m.Indicator, {"card_id": card.id, "name": "영 목표", "annual_target": "0", "actual": "3"}),
        "qual": store.add_row(m.Indicator, {"card_id": card.id, "name": "만족도", "annual_target": "만족 이상", "actual": "만족"}),
        "unexec": store.add_row(m.BudgetLine, {"card_id": card.id, "source": "district", "annual_amount": "10"}),
        "nobudget": store.add_row(m.BudgetLine, {"card_id": card.id, "source": "province", "executed_amount": "3"}),
        "noname": store.add_row(m.BudgetLine, {"card_id": card.id, "source": "other", "annual_amount": "1", "executed_amount": "1"}),
        "orphan": store.add_row(m.ChangeEntry, {"year": 2023, "change_type": "변경", "reason": "② 예산"}),
        "named": store.add_row(m.ChangeEntry, {"year": 2023, "change_type": "신설", "project_name": "없는 사업", "reason": "①"}),
        "abolished": store.add_row(m.ChangeEntry, {"year": 2023, "change_type": "폐지", "project_name": "폐지 사업", "reason": "③"}),
        "member": store.add_row(m.CommitteeMember, {"year": 2023, "title": "위원", "name": "이위원"}),
    }  # fmt: skip
    store.ids = ids
    store.pids = (a, b, c)
    yield store
    store.close()


def test_each_check_fires(plan):
    a, b, c = plan.pids
    ids = plan.ids
    f = run_checks(plan, 2023, today=dt.date(2024, 3, 1))
    assert {x.project_id for x in find(f, field="Project.number", severity="error")} == {a, b}
    assert {x.project_id for x in find(f, field="Project.name", severity="warning")} == {a, b}
    assert find(f, field="Strategy.title", text="빈 전략")[0].code == ""
    assert find(f, field="Project.task_id")[0].project_id == c
    assert find(f, field="Indicator.annual_target", severity="error")[0].row_id == ids["no_target"]
    assert find(f, field="Indicator.actual", severity="error")[0].row_id == ids["no_actual"]
    assert (
        find(f, field="Indicator.annual_target", severity="warning", text="0이어서")[0].row_id
        == ids["zero"]
    )
    assert find(f, field="Indicator.judgement")[0].row_id == ids["qual"]
    unexec = find(f, field="BudgetLine.executed_amount", severity="error", text="비어 있습니다")
    assert [x.row_id for x in unexec] == [ids["unexec"]]
    nobudget = find(f, field="BudgetLine.executed_amount", severity="error", text="없이")
    assert [x.row_id for x in nobudget] == [ids["nobudget"]]
    assert find(f, field="BudgetLine.source_name")[0].row_id == ids["noname"]
    assert find(f, field="ChangeEntry.project_id", severity="error")[0].row_id == ids["orphan"]
    assert find(f, field="ChangeEntry.project_id", severity="warning")[0].row_id == ids["named"]
    assert not [
        x for x in f if x.field.startswith("ChangeEntry") and x.row_id == ids["abolished"]
    ]  # an abolished project keeps only its name
    assert find(f, field="CommitteeMember.is_chair")[0].row_id == ids["member"]
    assert find(f, field="Partner.agency")[0].project_id == a
    # empty cards of the other projects: required fields and no indicator are errors
    for pid in (b, c):
        assert find(f, field="Card.department", severity="error") and any(
            x.project_id == pid for x in find(f, field="Indicator.name", severity="error")
        )


def test_year_end_rules_wait_for_the_end_of_the_year(plan):
    during = run_checks(plan, 2023, today=dt.date(2023, 6, 1))
    assert not find(during, field="BudgetLine.executed_amount", text="비어 있습니다")
    assert not find(during, field="Card.results")
    assert find(during, field="Indicator.actual", severity="info")  # blank actual: not yet an error
    after = run_checks(plan, 2023, today=dt.date(2024, 1, 2))
    assert find(after, field="Card.results", severity="warning")


def test_fixing_removes_the_finding(plan):
    ids = plan.ids
    plan.set_field(m.BudgetLine, ids["noname"], "source_name", "후원금")
    plan.set_field(m.Indicator, ids["qual"], "judgement", "달성")
    plan.set_field(m.CommitteeMember, ids["member"], "is_chair", True)
    f = run_checks(plan, 2023, today=dt.date(2024, 3, 1))
    assert not find(f, field="BudgetLine.source_name")
    assert not find(f, field="Indicator.judgement")
    assert not find(f, field="CommitteeMember.is_chair")


def test_year_none_checks_every_year_with_cards(plan):
    a = plan.pids[0]
    card24 = plan.card(a, 2024, create=True)
    assert card24 is not None
    f = run_checks(plan, today=dt.date(2025, 3, 1))
    assert {x.year for x in f if x.year} == {2023, 2024}
    assert find(f, field="Indicator.name")  # the 2024 card has no indicator either

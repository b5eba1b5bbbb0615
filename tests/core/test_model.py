"""The plan model and PlanStore on real plan files: what is written is what is read back."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from sbdesk import models as m
from sbdesk.services.errors import PlanFileError, ValidationError
from sbdesk.services.store import PlanStore


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "p.sbplan"
    store = PlanStore.create(path)
    yield store
    store.close()


def reopen(store: PlanStore, read_only: bool = False) -> PlanStore:
    path = store.path
    store.close()
    return PlanStore(path, read_only=read_only)


def test_every_table_round_trips_through_the_file(tmp_path):
    path = tmp_path / "all.sbplan"
    store = PlanStore.create(path)
    st = store.add_row(m.Strategy, {"system": "II", "number": 1, "title": "지역발전 전략 1"})
    task = store.add_row(m.Task, {"strategy_id": st, "number": 1, "title": "위기가구 발굴"})
    pid = store.add_project(st, "복지사각지대 발굴 홍보 강화", 2023, task_id=task)
    store.set_fields(
        m.Project, pid, {"priority": True, "public_private": True, "new_in_term": None}
    )
    card = store.card(pid, 2023)
    store.set_fields(
        m.Card,
        card.id,
        {
            "department": "복지정책과",
            "officer": "권수민",
            "content_detail": "홍보\n· 둘째 줄",
            "phone": "02-450-7494",
        },
    )
    values = {
        m.DeliveryStep: {"card_id": card.id, "step": "신청", "agency": "동주민센터"},
        m.BudgetLine: {"card_id": card.id, "source": "other", "source_name": "후원금",
                       "plan_amount": "1,317", "annual_amount": "189.5", "executed_amount": "0.8"},
        m.Indicator: {"card_id": card.id, "name": "만족도", "annual_target": "만족 이상",
                      "actual": "매우 만족", "judgement": "달성", "direction": "lower"},
        m.Partner: {"card_id": card.id, "agency": "복지관", "role": "발굴", "cooperation": "회의"},
        m.Evaluation: {"card_id": card.id, "kind": "self", "who": "담당자", "reflected": "일부 반영"},
        m.LevelIndicator: {"task_id": task, "year": 2023, "annual_target": "2,800건", "actual": "4,464건"},
        m.BasicIndicator: {"project_id": pid, "name": "홍보 건수", "targets": {"2022": "10", "2023": "16"}},
        m.BasicBudget: {"project_id": pid, "year": 2024, "amount": "12.25"},
        m.ChangeEntry: {"year": 2023, "project_id": pid, "project_name": "홍보", "change_type": "신설"},
        m.CommitteeMember: {"year": 2023, "is_chair": True, "title": "민간위원장", "name": "김경집"},
        m.TFMember: {"year": 2023, "name": "이팀장", "duty": "총괄"},
        m.Legislation: {"year": 2023, "project_id": pid, "kind": "조례", "date": "2023-05-01"},
        m.BudgetListItem: {"year": 2023, "serial": 1, "name": "긴급복지", "national": "0.1",
                           "province": "0.2", "project_ids": [pid]},
        m.Activity: {"year": 2023, "kind": "training", "title": "교육", "extra": {"attended": True, "n": 3}},
        m.YearText: {"year": 2023, "key": "consulting", "value": {"data": ["가", "나"]}},
        m.PlanYear: {"year": 2024, "submitted_on": "2025-02-28"},
    }  # fmt: skip
    ids = {model: store.add_row(model, vals) for model, vals in values.items()}
    store.close()

    store = PlanStore(path, read_only=True)
    try:
        for model, vals in values.items():
            row = store.get(model, ids[model])
            for key, typed in vals.items():
                got = getattr(row, key)
                if isinstance(got, D):
                    assert got == D(str(typed).replace(",", "")), (model, key)
                    assert str(got) == str(typed).replace(",", "")  # exactly as typed, no float
                else:
                    assert got == typed, (model, key)
        assert store.codes()[pid] == "II-1-1-1"
        c = store.get(m.Card, card.id)
        assert c.content_detail == "홍보\n· 둘째 줄" and c.department == "복지정책과"
        p = store.get(m.Project, pid)
        assert (p.priority, p.public_private, p.duplicate, p.new_in_term) == (
            True,
            True,
            False,
            None,
        )
    finally:
        store.close()


def test_decimal_amounts_survive_exactly(plan):
    st = plan.add_row(m.Strategy, {"system": "I", "number": 1, "title": "전략"})
    pid = plan.add_project(st, "사업", 2023)
    card = plan.card(pid, 2023)
    a = plan.add_row(
        m.BudgetLine, {"card_id": card.id, "source": "district", "annual_amount": "0.1"}
    )
    b = plan.add_row(
        m.BudgetLine, {"card_id": card.id, "source": "district", "annual_amount": "0.2"}
    )
    plan = reopen(plan)
    try:
        amounts = [plan.get(m.BudgetLine, i).annual_amount for i in (a, b)]
        assert sum(amounts) == D("0.3")
        assert plan.year_view(2023).project("I-1-1").budget.annual.total == D("0.3")
    finally:
        plan.close()


def test_money_typed_with_a_unit_is_refused_and_nothing_written(plan):
    st = plan.add_row(m.Strategy, {"system": "I", "number": 1, "title": "전략"})
    pid = plan.add_project(st, "사업", 2023)
    card = plan.card(pid, 2023)
    line = plan.add_row(m.BudgetLine, {"card_id": card.id, "annual_amount": "12"})
    with pytest.raises(ValidationError) as err:
        plan.set_field(m.BudgetLine, line, "annual_amount", "1,300명")
    assert "예산(A)" in str(err.value) and "1,300명" in str(err.value)
    assert plan.get(m.BudgetLine, line).annual_amount == D(12)
    with pytest.raises(ValidationError):
        plan.set_fields(m.BudgetLine, line, {"executed_amount": "5", "plan_amount": "약 3"})
    assert plan.get(m.BudgetLine, line).executed_amount is None  # the whole edit was refused
    with pytest.raises(ValidationError) as err:
        plan.set_field(m.Card, card.id, "colour", "red")
    assert "colour" in str(err.value)


def test_positions_delete_restore_and_move(plan):
    st = plan.add_row(m.Strategy, {"system": "I", "number": 1, "title": "전략"})
    pid = plan.add_project(st, "사업", 2023)
    card = plan.card(pid, 2023)
    ids = [plan.add_row(m.DeliveryStep, {"card_id": card.id, "step": s}) for s in "ABC"]
    mid = plan.add_row(m.DeliveryStep, {"card_id": card.id, "step": "X"}, position=1)
    steps = lambda: [r.step for r in plan.card_rows(card.id).steps]  # noqa: E731
    assert steps() == ["A", "X", "B", "C"]
    data = plan.delete_row(m.DeliveryStep, mid)
    assert steps() == ["A", "B", "C"]
    assert [r.position for r in plan.card_rows(card.id).steps] == [0, 1, 2]
    plan.restore_row(m.DeliveryStep, data)
    assert steps() == ["A", "X", "B", "C"]
    assert plan.move_row(m.DeliveryStep, ids[2], 0) == 3
    assert steps() == ["C", "A", "X", "B"]
    plan = reopen(plan)
    try:
        assert [r.step for r in plan.card_rows(card.id).steps] == ["C", "A", "X", "B"]
    finally:
        plan.close()


def test_project_numbers_follow_order_and_references_survive(plan):
    st = plan.add_row(m.Strategy, {"system": "I", "number": 2, "title": "전략 2"})
    a = plan.add_project(st, "가 사업", 2023)
    b = plan.add_project(st, "나 사업", 2023)
    c = plan.add_project(st, "다 사업", 2023)
    ch = plan.add_row(m.ChangeEntry, {"year": 2023, "project_id": c, "project_name": "다 사업"})
    assert [plan.codes()[x] for x in (a, b, c)] == ["I-2-1", "I-2-2", "I-2-3"]
    plan.move_project(c, 0)
    assert [plan.codes()[x] for x in (c, a, b)] == ["I-2-1", "I-2-2", "I-2-3"]
    assert plan.get(m.ChangeEntry, ch).project_id == c  # by id, not by number
    data = plan.remove_project(a)
    assert plan.codes() == {c: "I-2-1", b: "I-2-2"}
    assert plan.card(a, 2023) is None  # its card went with it
    plan.restore_project(data)
    assert plan.codes()[a] == "I-2-2" and plan.card(a, 2023) is not None
    assert plan.project_by_code("I-2-3").id == b


def test_read_only_store_refuses_writes(plan):
    st = plan.add_row(m.Strategy, {"system": "I", "number": 1, "title": "전략"})
    ro = reopen(plan, read_only=True)
    try:
        with pytest.raises(PlanFileError, match="읽기 전용"):
            ro.set_field(m.Strategy, st, "title", "바꿈")
        assert ro.get(m.Strategy, st).title == "전략"
    finally:
        ro.close()


def test_listeners_hear_each_write(plan):
    heard = []
    plan.listeners.append(lambda what, ident: heard.append((what, ident)))
    st = plan.add_row(m.Strategy, {"system": "I", "number": 1, "title": "전략"})
    plan.set_field(m.Strategy, st, "title", "새 제목")
    assert heard == [("Strategy", st), ("Strategy", st)]

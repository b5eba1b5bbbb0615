"""The one write path: batches, plan creation and numbering are PlanStore methods."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sbdesk import models as m
from sbdesk.services.batch import FieldEdit, RowInsert, StaleEditError
from sbdesk.services.errors import PlanFileError, ValidationError
from sbdesk.services.store import PlanStore

SBDESK = Path(__file__).resolve().parents[2] / "sbdesk"


@pytest.fixture
def store(tmp_path):
    st = PlanStore.create_plan(tmp_path / "p.sbplan", "경기도", "가평군", term=6, start_year=2027)
    yield st
    st.close()


def _card(store) -> int:
    sid = store.add_row(m.Strategy, {"system": "I", "number": 1, "title": "전략"})
    pid = store.add_project(sid, "사업", 2027)
    return store.card(pid, 2027, create=True).id


def test_create_writes_plan_municipality_and_years_in_one_transaction(store, tmp_path):
    assert (store.plan().term, store.plan().start_year, store.plan().end_year) == (6, 2027, 2030)
    assert (store.municipality().province, store.municipality().name) == ("경기도", "가평군")
    assert store.municipality().head_title == "가평군수"
    assert [y.year for y in store.list(m.PlanYear)] == [2027, 2028, 2029, 2030]
    store.close()
    again = PlanStore(tmp_path / "p.sbplan")
    assert again.years() == [2027, 2028, 2029, 2030]
    again.close()


def test_a_batch_is_one_transaction_with_positions_ledger_undo_and_redo(store):
    cid = _card(store)
    first = store.add_row(m.Indicator, {"card_id": cid, "name": "기존"})
    heard = []
    store.listeners.append(lambda what, ident: heard.append(what))
    batch = store.apply_batch(
        [FieldEdit(m.Card, cid, "officer", "김주무", expect=lambda v: v == "")],
        [
            RowInsert(m.Indicator, {"card_id": cid, "name": "새 지표"}, ledger_key="a"),
            RowInsert(m.Indicator, {"card_id": cid, "name": "또 새 지표"}, ledger_key="b"),
        ],
        ledger=(2027, "import_log"),
    )
    assert heard == ["batch"]
    rows = store.list(m.Indicator, card_id=cid)
    assert [(r.name, r.position) for r in rows] == [("기존", 0), ("새 지표", 1), ("또 새 지표", 2)]
    assert rows[0].id == first
    assert store.get(m.Card, cid).officer == "김주무"
    assert sorted(store.ledger(2027, "import_log")["rows"]) == ["a", "b"]

    store.revert_batch(batch)
    assert [r.name for r in store.list(m.Indicator, card_id=cid)] == ["기존"]
    assert store.get(m.Card, cid).officer == ""
    assert store.ledger(2027, "import_log") == {}

    store.reapply_batch(batch)
    assert [r.name for r in store.list(m.Indicator, card_id=cid)] == [
        "기존",
        "새 지표",
        "또 새 지표",
    ]
    assert store.ledger(2027, "import_log")["rows"]["a"][0] == rows[1].id


def test_a_stale_edit_writes_nothing(store):
    cid = _card(store)
    store.set_field(m.Card, cid, "officer", "이미 입력")
    with pytest.raises(StaleEditError) as info:
        store.apply_batch(
            [
                FieldEdit(m.Card, cid, "team", "복지팀"),
                FieldEdit(m.Card, cid, "officer", "김", expect=lambda v: v == "", ref="mine"),
            ],
            [RowInsert(m.Partner, {"card_id": cid, "agency": "복지관"})],
        )
    assert info.value.reason == "changed" and info.value.ref == "mine"
    assert store.get(m.Card, cid).team == "" and store.list(m.Partner, card_id=cid) == []
    with pytest.raises(StaleEditError) as info:
        store.apply_batch([], [RowInsert(m.Partner, {"card_id": 999, "agency": "x"}, ref="row")])
    assert info.value.reason == "parent"
    with pytest.raises(ValidationError):  # values are coerced like every write
        store.apply_batch(
            [], [RowInsert(m.BudgetLine, {"card_id": cid, "annual_amount": "1,300명"})]
        )
    assert store.list(m.BudgetLine, card_id=cid) == []


def test_numbering_of_strategies_and_tasks_lives_in_the_store(store):
    a = store.add_row(m.Strategy, store.new_strategy("II", "하나"))
    b = store.add_row(m.Strategy, store.new_strategy("II", "둘"))
    store.delete_row(m.Strategy, a)
    assert store.new_strategy("II", " 셋 ")["number"] == 3  # after the last, never a duplicate
    assert store.new_strategy("I", "첫")["number"] == 1
    assert store.new_task(b, "과업")["number"] == 1
    with pytest.raises(ValidationError, match="전략 이름"):
        store.new_strategy("I", "  ")


def test_reading_refuses_a_write(store):
    with pytest.raises(PlanFileError):
        with store.reading() as s:
            s.add(m.Strategy(title="몰래"))
    assert store.strategies() == []


def test_only_the_store_opens_write_sessions():
    """Outside services/, nothing opens a session that could write (reading() is read-only)."""
    offenders = []
    for path in SBDESK.rglob("*.py"):
        if path.parts[-2] == "services" or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\.session\(\)|\bSession\(", text):
            offenders.append(str(path.relative_to(SBDESK)))
    assert offenders == []


def test_ledger_notes_merge_and_undo(store):
    cid = _card(store)
    first = store.apply_batch(
        [FieldEdit(m.Card, cid, "team", "가팀")], [], (2027, "log"), {"cells": {"a!B2": "x"}}
    )
    second = store.apply_batch(
        [FieldEdit(m.Card, cid, "team", "나팀")], [], (2027, "log"), {"cells": {"a!B3": "y"}}
    )
    assert store.ledger(2027, "log")["cells"] == {"a!B2": "x", "a!B3": "y"}
    store.revert_batch(second)
    assert store.ledger(2027, "log")["cells"] == {"a!B2": "x"}
    store.revert_batch(first)
    assert store.ledger(2027, "log") == {} and store.get(m.Card, cid).team == ""


def test_undo_and_redo_of_a_batch_fail_in_korean_and_write_nothing(store):
    """The store itself names why a batch cannot be undone or redone (the importer adds nothing)."""
    cid = _card(store)
    pid = store.add_row(m.Partner, {"card_id": cid, "agency": "복지관"})
    batch = store.apply_batch(
        [FieldEdit(m.Partner, pid, "role", "연계"), FieldEdit(m.Card, cid, "team", "복지팀")],
        [RowInsert(m.Indicator, {"card_id": cid, "name": "새 지표"})],
    )
    store.delete_row(m.Partner, pid)  # deleted in the app after the import
    with pytest.raises(
        StaleEditError, match="되돌릴 수 없습니다: 그 뒤 앱에서 그 행이 삭제"
    ) as info:
        store.revert_batch(batch)
    assert info.value.reason == "gone" and "아무것도 바뀌지 않음" in str(info.value)
    # nothing written: the added indicator and the card's team are still there
    assert [r.name for r in store.list(m.Indicator, card_id=cid)] == ["새 지표"]
    assert store.get(m.Card, cid).team == "복지팀"

    other = store.apply_batch([FieldEdit(m.Card, cid, "officer", "김")], [])
    store.revert_batch(other)
    store.delete_row(m.Card, cid)
    with pytest.raises(StaleEditError, match="다시 적용할 수 없습니다"):
        store.reapply_batch(other)


def test_a_redo_whose_row_id_was_taken_fails_in_korean(store):
    cid = _card(store)
    batch = store.apply_batch([], [RowInsert(m.Partner, {"card_id": cid, "agency": "가"})])
    store.revert_batch(batch)
    taken = store.add_row(m.Partner, {"card_id": cid, "agency": "다른 기관"})  # same id again
    assert taken == batch.created[0][1]["id"]
    with pytest.raises(PlanFileError, match="다시 적용하지 못했습니다"):
        store.reapply_batch(batch)
    assert [r.agency for r in store.list(m.Partner, card_id=cid)] == ["다른 기관"]

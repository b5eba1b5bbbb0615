"""The demo's 4-year basic plan (2024–2026 example values repeating 2023, noted as such) and
the next year's cards made from it; the demo's 분과 names spelled one way (issue 9)."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from sbdesk import models as m
from sbdesk.documents.monitoring_pack import divisions_of
from sbdesk.services import interchange
from sbdesk.services.basic_plan import basic_plan_data, basic_plan_note
from sbdesk.services.store import PlanStore

#: the council's 8 분과 as the demo's 2-나-2 text names them
COUNCIL_DIVISIONS = {
    "지역사회통합돌봄분과",
    "일자리경제분과",
    "건강의료분과",
    "주거안전환경분과",
    "1인가구분과",
    "통합사례자원발굴분과",
    "문화교육분과",
    "사회통합거버넌스분과",
}


def sbdesk(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sbdesk", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def test_demo_basic_plan_repeats_2023_for_2024_to_2026_and_says_so(demo_path):
    with PlanStore(demo_path, read_only=True) as store:
        data = basic_plan_data(store)
        note = basic_plan_note(store)
        n_budgets = 0
        for p in data["projects"]:
            b = p["budgets"]
            assert b["2024"] == b["2025"] == b["2026"] == b["2023"], p["code"]
            assert b["2022"] is None  # the baseline year is not in the seed: blank
            n_budgets += b["2023"] is not None
            for ind in p["indicators"]:
                t = ind["targets"]
                assert t["2024"] == t["2025"] == t["2026"] == t["2023"], (p["code"], ind)
        assert n_budgets >= 40
        # the 2023 figures are the cards' printed 기본계획 columns
        pid = store.project_by_code("I-1-1").id
        card = store.card(pid, 2023)
        rows = store.card_rows(card.id)
        plan_total = sum((b.plan_amount or 0 for b in rows.budget_lines), Decimal(0))
        i11 = next(p for p in data["projects"] if p["code"] == "I-1-1")
        assert Decimal(str(i11["budgets"]["2024"])) == plan_total
        assert i11["indicators"][0]["targets"]["2024"] == rows.indicators[0].plan_target
    assert "예시 값" in note and "2023년" in note and "2024~2026년" in note
    assert data["note"] == note


def test_demo_new_year_2024_gives_44_cards_from_the_basic_plan(tmp_path):
    """The done-when of issue 9: ``sbdesk demo d && sbdesk new-year d --from 2023 --to 2024``."""
    made = sbdesk("demo", "d", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    run = sbdesk("new-year", "d", "--from", "2023", "--to", "2024", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "2024년 카드 44개를 만들었습니다" in run.stdout
    path = tmp_path / "d"
    with PlanStore(path, read_only=True) as store:
        data = basic_plan_data(store)
        basic = {p["code"]: p for p in data["projects"]}
        codes = store.codes()
        cards = store.list(m.Card, year=2024)
        assert len(cards) == 44
        with_target = with_budget = non_budget = 0
        for c in cards:
            code = codes[c.project_id]
            rows = store.card_rows(c.id)
            bp = basic[code]
            inds = rows.indicators
            assert inds, code  # its indicators
            targets = {i["name"]: i["targets"]["2024"] for i in bp["indicators"]}
            for i in inds:
                want = targets.get(i.name, "")
                assert i.annual_target == want and i.plan_target == want, (code, i.name)
                with_target += bool(want)
                assert (i.actual, i.judgement, i.rationale) == ("", None, ""), (code, i.name)
            lines = rows.budget_lines
            old_lines = store.card_rows(store.card(c.project_id, 2023).id).budget_lines
            # budget lines present, by the same sources; a 비예산 project (I-2-4) has none
            assert [b.source for b in lines] == [b.source for b in old_lines], code
            non_budget += not old_lines
            assert all(b.executed_amount is None for b in lines), code
            amount = bp["budgets"]["2024"]
            if isinstance(amount, (int, float)):
                total = sum((b.annual_amount or 0 for b in lines), Decimal(0))
                assert total == Decimal(str(amount)), code
                assert all(b.plan_amount == b.annual_amount for b in lines), code
                with_budget += 1
            else:  # no basic-plan figure (II-1-1-1 prints "-"): the sources, amounts blank
                assert all(b.annual_amount is None for b in lines), code
            assert rows.monitoring == () and rows.self_evaluation == ()
            assert (c.results, c.effects, c.improvements) == ("", "", "")
        # every indicator of the basic plan had a 2024 target, so every card indicator has one
        n_inds = sum(len(store.card_rows(c.id).indicators) for c in cards)
        assert with_target == n_inds
        assert with_budget == 41 and non_budget == 2  # + II-1-1-1 without a figure
        before = interchange.plan_document(store)
    again = sbdesk("new-year", "d", "--from", "2023", "--to", "2024", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "카드 0개를 만들었습니다" in again.stdout and "44개는 그대로" in again.stdout
    with PlanStore(path, read_only=True) as store:
        assert interchange.plan_document(store) == before  # idempotent


def test_demo_divisions_are_spelled_one_way(demo_path):
    with PlanStore(demo_path, read_only=True) as store:
        view = store.year_view(2023)
        found: set[str] = set()
        for pv in view.all_projects():
            found.update(divisions_of(pv))
    assert found == COUNCIL_DIVISIONS
    # the demo data hold no second spelling any more
    root = Path(__file__).resolve().parents[2] / "sbdesk" / "assets" / "demo" / "gwangjin-2023"
    text = "".join(
        json.dumps(json.loads(f.read_text(encoding="utf-8")), ensure_ascii=False)
        for f in root.glob("projects/*.json")
    )
    for wrong in ("통합사례자원분과", "1인가구 분과", '거버넌스"'):
        assert wrong not in text

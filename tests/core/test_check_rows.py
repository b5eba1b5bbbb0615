"""``check`` over plain rows finds exactly what it found over the ORM's instances.

``run_checks`` reads the whole plan once with ``sqlite3`` (``read_model.read_plan_rows``);
before issue 14 it read the tables through sqlmodel sessions. Here the same plans are
also loaded the old way, every table through the ORM, into the same ``PlanRows`` shape,
and both findings lists must be equal, finding by finding and in order: on the demo
(5th term), the 6th-term demo, and a generated plan with two years of cards.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import select

from sbdesk import models as m
from sbdesk.services.check import CHECKED_CARD_ROWS, check_rows, run_checks
from sbdesk.services.demo import build_demo, build_demo_term6
from sbdesk.services.read_model import YEAR_RECORDS, PlanRows, read_plan_rows
from sbdesk.services.rows import snapshot
from sbdesk.services.store import PlanStore

GENERATE = Path(__file__).resolve().parents[2] / "bench" / "generate.py"
TODAY = dt.date(2027, 3, 1)  # every 5th-term year has ended: the results rules apply


def _generate(path: Path) -> PlanStore:
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_large_plan(path, districts=2, seed=3, years=2)


def orm_plan_rows(store: PlanStore) -> PlanRows:
    """The whole plan as ORM instances (the old way of reading), in ``PlanRows``' shape."""

    def every(s, model, *order):
        return list(s.exec(select(model).order_by(*(order or (model.id,)))).all())

    with store.session() as s:
        children: dict[str, dict[int, list]] = {}
        for name in CHECKED_CARD_ROWS:
            model = getattr(m, name)
            groups: dict[int, list] = {}
            for row in every(s, model, model.position, model.id):
                groups.setdefault(row.card_id, []).append(row)
            children[name] = groups
        records = {}
        for name in YEAR_RECORDS:
            model = getattr(m, name)
            first = model.position if hasattr(model, "position") else model.serial
            records[name] = every(s, model, first, model.id)
        data = PlanRows(
            year=None,
            plan=s.exec(select(m.Plan)).first(),
            municipality=s.exec(select(m.Municipality)).first(),
            plan_years=every(s, m.PlanYear),
            strategies=every(s, m.Strategy),
            tasks=every(s, m.Task),
            projects=every(s, m.Project),
            cards=every(s, m.Card),
            children=children,
            level=every(s, m.LevelIndicator, m.LevelIndicator.position, m.LevelIndicator.id),
            basic_inds=every(s, m.BasicIndicator, m.BasicIndicator.position, m.BasicIndicator.id),
            basic_budgets=every(s, m.BasicBudget),
            records=records,
            texts=every(s, m.YearText),
            plan_year_shape=(),
        )
    with snapshot(store.path) as r:
        data.plan_year_shape = r.shape("PlanYear")
    return data


def _copy_cards_to_next_year(path: Path) -> None:
    """A second year of cards in a 6th-term file (with indicators, one renamed), so the
    6th-term rules that compare every year's cards with the basic plan have two years."""
    con = sqlite3.connect(path)
    try:
        (year,) = con.execute("SELECT MAX(year) FROM card").fetchone()
        card_cols = [r[1] for r in con.execute("PRAGMA table_info(card)") if r[1] != "id"]
        ind_cols = [r[1] for r in con.execute("PRAGMA table_info(indicator)") if r[1] != "id"]
        for (cid,) in con.execute("SELECT id FROM card WHERE year = ?", (year,)).fetchall():
            cols = ", ".join(card_cols)
            picks = ", ".join("year + 1" if c == "year" else c for c in card_cols)
            cur = con.execute(
                f"INSERT INTO card ({cols}) SELECT {picks} FROM card WHERE id = ?", (cid,)
            )
            cols = ", ".join(ind_cols)
            picks = ", ".join("?" if c == "card_id" else c for c in ind_cols)
            con.execute(
                f"INSERT INTO indicator ({cols}) SELECT {picks} FROM indicator WHERE card_id = ?",
                (cur.lastrowid, cid),
            )
        con.execute(
            "UPDATE indicator SET name = name || ' (변경)' WHERE id = (SELECT MAX(id) FROM indicator)"
        )
        con.commit()
    finally:
        con.close()


@pytest.mark.parametrize("kind", ["demo", "term6", "generated"])
def test_findings_same_over_plain_rows_and_orm(tmp_path, kind):
    path = tmp_path / f"{kind}.sbplan"
    if kind == "demo":
        store = build_demo(path)
    elif kind == "term6":
        build_demo_term6(path)
        _copy_cards_to_next_year(path)
        store = PlanStore(path)
    else:
        store = _generate(path)
    try:
        years = read_plan_rows(store).card_years()
        if kind != "demo":
            assert len(years) == 2
        old = check_rows(orm_plan_rows(store), None, TODAY)
        new = run_checks(store, None, TODAY)
        assert len(new) > 50
        assert [f.as_dict() for f in new] == [f.as_dict() for f in old]
        if kind == "term6":  # the renamed indicator of the second year is found
            assert any(f.year == years[1] and "(변경)" in f.message for f in new)
        for year in years:  # one year, as the window and the report ask
            old_y = check_rows(orm_plan_rows(store), year, TODAY)
            new_y = run_checks(store, year, TODAY, view=store.year_view(year))
            assert [f.as_dict() for f in new_y] == [f.as_dict() for f in old_y]
    finally:
        store.close()


def test_check_reads_no_orm(demo_path):
    """The check runs on a ``PlanReader`` (no sqlmodel session at all)."""
    from sbdesk.services.reader import PlanReader

    with PlanReader(demo_path) as reader:
        findings = run_checks(reader, 2023, TODAY)
    store = PlanStore(demo_path, read_only=True)
    try:
        assert [f.as_dict() for f in findings] == [
            f.as_dict() for f in check_rows(orm_plan_rows(store), 2023, TODAY)
        ]
    finally:
        store.close()
    assert any(f.severity == "error" for f in findings)

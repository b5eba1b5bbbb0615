"""The plain-row read model: same values as the ORM, new columns flow through, one builder."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest
from sqlmodel import select

from sbdesk import models as m
from sbdesk.services import project_codes as codes
from sbdesk.services import rows
from sbdesk.services.demo import build_demo
from sbdesk.services.read_model import build_project_view, build_year_view
from sbdesk.services.store import PlanStore


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = build_demo(tmp_path_factory.mktemp("rows") / "demo.sbplan")
    yield store
    store.close()


def test_decimal_columns_match_the_schema():
    """Every DecimalText column of the models is listed (else it would come back as text)."""
    declared = {
        t.__name__: frozenset(
            n for n, c in t.__table__.columns.items() if type(c.type).__name__ == "DecimalText"
        )
        for t in m.ALL_TABLES
    }
    declared = {k: v for k, v in declared.items() if v}
    assert declared == rows.DECIMAL_COLUMNS


def test_every_row_equals_the_orm(demo):
    """Each table read as plain rows gives the ORM's values and types, column by column."""
    with rows.snapshot(demo.path) as r, demo.session() as s:
        for t in m.ALL_TABLES:
            plain = r.rows(t.__name__, order="id")
            orm = s.exec(select(t).order_by(t.id)).all()
            assert len(plain) == len(orm), t.__name__
            for a, b in zip(plain, orm, strict=True):
                assert type(a).__name__ == t.__name__
                for col in t.__table__.columns.keys():
                    va, vb = getattr(a, col), getattr(b, col)
                    assert va == vb and type(va) is type(vb), (t.__name__, col, va, vb)


def test_year_view_figures_from_rows(demo):
    """Spot figures of the demo (the printed report's) through the plain-row view."""
    view = demo.year_view(2023)
    pv = view.project("I-1-1")
    assert pv is not None and pv.card is not None
    assert isinstance(pv.budget.annual.total, Decimal)
    assert pv.code == "I-1-1" and view.codes[pv.id] == "I-1-1"
    assert len(view.all_projects()) == 44
    # the one-project builder gives the same figures as the whole-year one
    for p in view.all_projects():
        one = build_project_view(demo, 2023, p.id)
        assert (one.code, one.achievement, one.execution, one.budget) == (
            p.code,
            p.achievement,
            p.execution,
            p.budget,
        )
        assert [i.row.id for i in one.indicators] == [i.row.id for i in p.indicators]
        assert [e.id for e in one.monitoring] == [e.id for e in p.monitoring]


def test_a_new_column_flows_through(tmp_path):
    """A column the read model has never heard of appears as an attribute (migrations add some)."""
    store = build_demo(tmp_path / "d.sbplan")
    try:
        con = sqlite3.connect(store.path)
        con.execute("ALTER TABLE card ADD COLUMN brand_new_note VARCHAR NOT NULL DEFAULT '새 값'")
        con.execute("ALTER TABLE budgetline ADD COLUMN flag BOOLEAN")
        con.commit()
        con.close()
        view = build_year_view(store, 2023)
        pv = view.all_projects()[0]
        assert pv.card.brand_new_note == "새 값"
        assert pv.budget_lines[0].flag is None
        assert "brand_new_note" in pv.card.as_dict()
    finally:
        store.close()


def test_rows_are_plain_data(demo):
    """Changing a row of a view changes nothing in the file."""
    view = demo.year_view(2023)
    pv = view.all_projects()[0]
    before = pv.card.department
    pv.card.department = "바뀐 부서"
    assert demo.year_view(2023).all_projects()[0].card.department == before


def test_hostile_column_name_is_refused():
    with pytest.raises(ValueError):
        rows.row_class("Card", ("id", "x); import os #"), ("", ""))


def test_code_formatter():
    class R:
        code = ""  # no stored (6th-term) number: derived from the tree

        def __init__(self, **kw):
            self.__dict__.update(kw)

    st = R(id=1, system="II", number=2)
    t = R(id=3, number=1)
    assert codes.strategy_code(st) == "II-2"
    assert codes.task_code(st, t) == "II-2-1"
    assert codes.project_code(st, t, R(number=4)) == "II-2-1-4"
    assert codes.project_code(st, None, R(number=4)) == "II-2-4"
    ps = [
        R(id=9, strategy_id=1, task_id=3, number=2),
        R(id=10, strategy_id=1, task_id=None, number=1),
    ]
    assert codes.all_codes([st], [R(id=3, strategy_id=1, number=1)], ps) == {
        9: "II-2-1-2",
        10: "II-2-1",
    }


def test_path_with_special_characters(demo, tmp_path):
    """URL-quoted read-only URI: '#', '%' and '?' in the folder and file name."""
    import shutil
    from types import SimpleNamespace

    d = tmp_path / "a#b%c?d"
    d.mkdir()
    target = d / "계획 #1?.sbplan"
    shutil.copy(demo.path, target)
    assert len(build_year_view(SimpleNamespace(path=target), 2023).all_projects()) == 44


def test_store_codes_match(demo):
    assert demo.codes() == demo.year_view(2023).codes
    assert isinstance(demo, PlanStore)


def test_schema_objects_match_the_models():
    """The schema objects a file is checked against are the ones the tables create."""
    from sbdesk.services.schema_objects import EXPECTED, computed_expected_objects

    computed = computed_expected_objects()
    missing = sorted(set(computed) - set(EXPECTED))
    extra = sorted(set(EXPECTED) - set(computed))
    assert not missing and not extra, (
        f"regenerate sbdesk/services/schema_objects.py: missing {missing}, extra {extra}"
    )
    assert computed == EXPECTED


def test_rows_dump_like_the_models(demo):
    view = demo.year_view(2023)
    card = view.all_projects()[0].card
    with demo.session() as s:
        orm = s.get(m.Card, card.id)
        assert card.model_dump() == orm.model_dump()
        assert card.model_dump(exclude={"id"}) == orm.model_dump(exclude={"id"})

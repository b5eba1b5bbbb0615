"""New files through the store (``PlanStore.write_new`` + ``NewRows``) and typed card rows
(``CardRows``): real SQLite files, read back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sbdesk import models as m
from sbdesk.services.card_rows import CARD_BLOCKS, CardRows
from sbdesk.services.errors import PlanFileError
from sbdesk.services.new_rows import NewRows
from sbdesk.services.read_model import build_project_view
from sbdesk.services.store import PlanStore

SERVICES = Path(__file__).resolve().parents[2] / "sbdesk" / "services"


def _rows() -> NewRows:
    rows = NewRows()
    rows.add(m.Plan(term=5, start_year=2023, end_year=2026))
    rows.add(m.Municipality(province="서울특별시", name="광진구"))
    st = rows.add(m.Strategy(system="I", number=1, title="전략"))
    p = rows.add(m.Project(strategy_id=st.id, number=1, name="사업"))
    card = rows.add(m.Card(project_id=p.id, year=2023))
    for i, kind in enumerate(["self", "monitoring", "self", "monitoring"]):
        rows.add(m.Evaluation(card_id=card.id, kind=kind, position=i // 2, content=f"{kind}{i}"))
    rows.add(m.Indicator(card_id=card.id, position=1, name="둘째"))
    rows.add(m.Indicator(card_id=card.id, position=0, name="첫째"))
    return rows


def test_new_rows_number_each_table_and_write_new_writes_them_all(tmp_path):
    rows = _rows()
    assert len(rows) == 11
    path = PlanStore.write_new(tmp_path / "n.sbplan", rows)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.sbplan"]  # no temp file left
    with PlanStore(path) as store:
        assert [e.id for e in store.list(m.Evaluation, order="id")] == [1, 2, 3, 4]
        card = store.card(store.projects()[0].id, 2023)
        assert card is not None and card.id == 1
        rows_read = store.card_rows(card.id)
        assert isinstance(rows_read, CardRows)
        assert [e.content for e in rows_read.monitoring] == ["monitoring1", "monitoring3"]
        assert [e.content for e in rows_read.self_evaluation] == ["self0", "self2"]
        assert [i.name for i in rows_read.indicators] == ["첫째", "둘째"]
        assert rows_read.steps == () and rows_read.block("indicators") == rows_read.indicators
        with pytest.raises(KeyError):
            rows_read.block("Indicator")
        # the read model groups the same rows the same way
        view = build_project_view(store, 2023, card.project_id)
        assert view is not None
        assert [e.id for e in view.monitoring] == [e.id for e in rows_read.monitoring]
        assert [i.row.name for i in view.indicators] == ["첫째", "둘째"]


def test_write_new_never_replaces_a_file_and_leaves_nothing_when_it_fails(tmp_path):
    target = tmp_path / "n.sbplan"
    target.write_bytes(b"mine")
    with pytest.raises(PlanFileError, match="이미 있는 파일"):
        PlanStore.write_new(target, _rows())
    assert target.read_bytes() == b"mine"
    bad = NewRows()
    bad.add_data(m.Strategy, {"id": 1, "system": "I", "number": 1, "title": "a"})
    bad.add_data(m.Strategy, {"id": 1, "system": "I", "number": 2, "title": "b"})  # same id
    other = tmp_path / "other.sbplan"
    with pytest.raises(Exception, match="UNIQUE|unique|id"):
        PlanStore.write_new(other, bad)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.sbplan"]


def test_card_blocks_match_card_rows_attributes():
    assert [name for name, _, _ in CARD_BLOCKS] == list(CardRows.__dataclass_fields__)


def test_new_files_are_written_by_the_store():
    """The demo, new-term and JSON-import builders open no session or engine of their own:
    they build ``NewRows`` and call ``PlanStore.write_new`` (new_term reads the old plan
    through a read-only store)."""
    for name in ("demo.py", "new_term.py", "interchange.py"):
        text = (SERVICES / name).read_text(encoding="utf-8")
        assert "PlanStore.write_new(" in text, name
        assert not re.search(r"\bSession\(|make_engine|engine\.begin|create_schema", text), name
        sessions = re.findall(r"(\w+)\.session\(\)", text)
        assert set(sessions) <= ({"old"} if name == "new_term.py" else set()), (name, sessions)

"""A 6th-term plan in the app: moving a project keeps its number; undo; renumbering."""

from __future__ import annotations

import pytest

from sbdesk import models as m
from sbdesk.services.new_term import new_term
from sbdesk.services.store import PlanStore
from sbdesk.ui.main_window import MainWindow


@pytest.fixture
def d6_path(demo_path, tmp_path):
    path = tmp_path / "d6.sbplan"
    new_term(demo_path, path, term=6)
    return path


@pytest.fixture
def window6(qtbot, d6_path):
    w = MainWindow(extensions=[])
    qtbot.addWidget(w)
    w.resize(1500, 950)
    w.show()
    assert w.open_file(d6_path)
    qtbot.waitExposed(w)
    yield w
    w.validation.wait()


def test_move_to_another_strategy_keeps_the_number_and_undo_restores(window6, d6_path):
    store = window6.store
    p = store.project_by_code("I-1-3")
    first, second = store.strategies("I")[:2]
    window6.session.move_project_to(p.id, second.id)
    assert store.get(m.Project, p.id).strategy_id == second.id
    assert store.codes()[p.id] == "I-1-3"
    window6.act_undo.trigger()
    back = store.get(m.Project, p.id)
    assert back.strategy_id == first.id and store.codes()[p.id] == "I-1-3"
    assert [x.id for x in store.projects(first.id)].index(p.id) == 2
    window6.act_redo.trigger()
    assert store.get(m.Project, p.id).strategy_id == second.id
    window6.close()
    with PlanStore(d6_path, read_only=True) as s:
        assert s.get(m.Project, p.id).strategy_id == second.id
        assert s.codes()[p.id] == "I-1-3"


def test_renumbering_is_one_undoable_step(window6):
    store = window6.store
    p = store.project_by_code("I-1-3")
    window6.session.move_project_to(p.id, store.strategies("I")[1].id)
    before = store.codes()
    window6.session.renumber_projects()
    assert store.codes()[p.id].startswith("I-2-")
    window6.act_undo.trigger()
    assert store.codes() == before

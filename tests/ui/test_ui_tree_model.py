"""PlanTreeModel without any widget: structure, figures, updates, renumbering."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from sbdesk import models as m
from sbdesk.services.store import PlanStore
from sbdesk.ui.figures import load_project
from sbdesk.ui.models.plan_tree_model import CODE_ROLE, ID_ROLE, KIND_ROLE, PlanTreeModel


@pytest.fixture
def store(demo_path):
    s = PlanStore(demo_path)
    yield s
    s.close()


@pytest.fixture
def model(store):
    mdl = PlanTreeModel()
    QAbstractItemModelTester(mdl, QAbstractItemModelTester.FailureReportingMode.Fatal)
    mdl.load(store.year_view(2023))
    return mdl


def child(model, *rows):
    idx = QModelIndex()
    for r in rows:
        idx = model.index(r, 0, idx)
    return idx


def test_structure_follows_the_plan(model):
    assert model.rowCount() == 2
    sys1, sys2 = child(model, 0), child(model, 1)
    assert sys1.data() == "Ⅰ. 지자체 사회보장사업 전략체계"
    assert sys2.data(KIND_ROLE) == "system" and sys2.data(ID_ROLE) == "II"
    assert model.rowCount(sys1) == 4 and model.rowCount(sys2) == 4
    i3 = child(model, 0, 2)
    assert i3.data(KIND_ROLE) == "strategy" and i3.data(CODE_ROLE) == "I-3"
    assert [model.index(r, 0, i3).data(CODE_ROLE) for r in range(model.rowCount(i3))] == [
        f"I-3-{n}" for n in range(1, 7)
    ]
    # system II: strategy → 대표과업 → project
    task = child(model, 1, 0, 0)
    assert task.data(KIND_ROLE) == "task" and task.data(CODE_ROLE) == "II-1-1"
    assert child(model, 1, 0, 0, 1).data(CODE_ROLE) == "II-1-1-2"
    assert model.parent(child(model, 1, 0, 0, 1)) == task
    assert len(model.project_ids()) == 44


def test_project_node_shows_number_name_and_computed_marks(model, store):
    pid = store.project_by_code("I-3-1").id
    idx = model.index_of("project", pid)
    assert idx.data() == "I-3-1  광진형 돌봄SOS 사업"
    # two indicators: 1,108/3,810 = 29.1 %, 94.6/81 = 116.8 % → mean 73.0 %, below 80 %
    assert idx.siblingAtColumn(1).data() == "▼ 73.0%"
    assert idx.siblingAtColumn(2).data() == "▲ 100.0%"  # 189.5 of 189.5 executed
    assert idx.data(Qt.DecorationRole) is not None
    assert "집행률 100.0%" in idx.data(Qt.ToolTipRole)
    assert idx.data(Qt.ForegroundRole) is None
    assert idx.siblingAtColumn(1).data(Qt.ForegroundRole).color().name() == "#c62828"


def test_strategy_node_shows_the_mean_of_its_projects(model, store):
    view = store.year_view(2023)
    sv = next(s for s in view.system("I").strategies if s.code == "I-3")
    idx = model.index_of("strategy", sv.strategy.id)
    expected = sv.overview.avg_achievement
    assert idx.siblingAtColumn(1).data().endswith(f"{expected}%")
    assert f"사업 {len(sv.all_projects())}개" in idx.data(Qt.ToolTipRole)


def test_update_project_refreshes_node_and_parents(model, store, qtbot):
    pid = store.project_by_code("I-3-1").id
    card = store.card(pid, 2023)
    line = store.card_rows(card.id).budget_lines[0]
    store.set_field(m.BudgetLine, line.id, "executed_amount", "94.75")
    changed = []
    model.dataChanged.connect(lambda a, b, roles: changed.append(a.data(CODE_ROLE)))
    model.update_project(load_project(store, pid, 2023, "I-3-1"))
    idx = model.index_of("project", pid)
    assert idx.siblingAtColumn(2).data() == "▼ 50.0%"
    assert changed == ["I-3-1", "I-3", "Ⅰ"]
    strategy = model.node(model.index_of("strategy", store.get(m.Project, pid).strategy_id))
    assert Decimal("50.0") in [p.figures.execution for p in strategy.projects()]


def test_rebuild_after_reorder_renumbers_and_keeps_figures(model, store):
    pid = store.project_by_code("I-3-1").id
    store.move_project(pid, 2)
    model.rebuild(store, 2023)
    idx = model.index_of("project", pid)
    assert idx.data(CODE_ROLE) == "I-3-3"
    assert idx.data().startswith("I-3-3  광진형 돌봄SOS 사업")
    assert idx.siblingAtColumn(1).data() == "▼ 73.0%"
    i3 = idx.parent()
    names = [model.index(r, 0, i3).data() for r in range(3)]
    assert names[0].startswith("I-3-1  ") and not names[0].endswith("돌봄SOS 사업")


def test_rename_goes_through_the_handler(model, store):
    calls = []
    pid = store.project_by_code("I-1-1").id
    idx = model.index_of("project", pid)
    assert not model.setData(idx, "새 이름")  # no handler: not editable
    model.rename_handler = lambda kind, ident, name: calls.append((kind, ident, name)) or True
    assert model.flags(idx) & Qt.ItemIsEditable
    assert idx.data(Qt.EditRole) == store.get(m.Project, pid).name
    assert model.setData(idx, "새 이름")
    assert calls == [("project", pid, "새 이름")]
    assert not model.flags(idx.siblingAtColumn(1)) & Qt.ItemIsEditable


def test_year_without_cards(store):
    mdl = PlanTreeModel()
    QAbstractItemModelTester(mdl, QAbstractItemModelTester.FailureReportingMode.Fatal)
    mdl.load(store.year_view(2024))
    idx = mdl.index_of("project", store.project_by_code("I-1-1").id)
    assert idx.siblingAtColumn(1).data() == "카드 없음"
    assert "카드가 없습니다" in idx.data(Qt.ToolTipRole)

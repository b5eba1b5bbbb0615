"""The benchmark plan generator (``bench/generate.py``) writes a real, consistent plan."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

from sbdesk import models as m
from sbdesk.services.check import run_checks

GENERATE = Path(__file__).resolve().parents[2] / "bench" / "generate.py"


def load():
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_large_plan_small(tmp_path):
    gen = load()
    store = gen.make_large_plan(tmp_path / "big.sbplan", districts=6, seed=1)
    try:
        projects = store.count(m.Project)
        assert 6 * 44 + 6 * 2 <= projects <= 6 * 44 + 6 * 6
        assert store.count(m.Card) == projects
        assert store.count(m.Indicator) > projects
        assert store.count(m.Strategy) == 8 * 2  # two groups of districts
        codes = store.codes()
        assert len(set(codes.values())) == len(codes)  # every number unique
        view = store.year_view(2023)
        assert len(view.all_projects()) == projects
        assert view.system("I").overview.execution_ratio is not None
        assert not [f for f in run_checks(store, 2023) if f.field == "Project.number"]
        assert store.municipality().name == "서울특별시"
    finally:
        store.close()
    again = gen.make_large_plan(tmp_path / "again.sbplan", districts=6, seed=1)
    again.close()

    # deterministic for a seed (every column but the random row identity ``uid``)
    def rows(p):
        con = sqlite3.connect(p)
        try:
            cols = [r[1] for r in con.execute("PRAGMA table_info(budgetline)") if r[1] != "uid"]
            assert len(cols) > 5
            return con.execute(f"SELECT {', '.join(cols)} FROM budgetline ORDER BY id").fetchall()
        finally:
            con.close()

    assert rows(tmp_path / "big.sbplan") == rows(tmp_path / "again.sbplan")

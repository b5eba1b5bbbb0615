"""Lossless JSON export/import of a whole plan file."""

from __future__ import annotations

import copy
import hashlib
import json
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest

from sbdesk import __version__
from sbdesk import models as m
from sbdesk.services import interchange, planfile
from sbdesk.services.errors import InterchangeError, SbdeskError
from sbdesk.services.interchange import FORMAT_NAME, FORMAT_VERSION, export_json, import_json
from sbdesk.services.store import PlanStore


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export(plan: Path, out: Path) -> Path:
    store = PlanStore(plan, read_only=True)
    try:
        return export_json(store, out)
    finally:
        store.close()


def table_dump(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        return {
            t.__tablename__: con.execute(f"SELECT * FROM {t.__tablename__} ORDER BY id").fetchall()
            for t in m.ALL_TABLES
        }
    finally:
        con.close()


@pytest.fixture
def exported(demo_path, tmp_path) -> Path:
    return export(demo_path, tmp_path / "plan.json")


def test_export_import_export_is_identical(demo_path, exported, tmp_path):
    copy_path = tmp_path / "copy.sbplan"
    import_json(exported, copy_path)
    again = export(copy_path, tmp_path / "again.json")
    assert exported.read_bytes() == again.read_bytes()
    assert table_dump(copy_path) == table_dump(demo_path)  # every row, every column, same ids
    store = PlanStore(copy_path)
    try:
        view = store.year_view(2023)
        assert view.project("I-1-1").achievement == D("124.1")
        assert view.project("I-3-1").budget.annual.total == D("189.5")
    finally:
        store.close()


def test_header_and_decimals_as_strings(exported):
    doc = json.loads(exported.read_text(encoding="utf-8"))
    assert doc["format"] == FORMAT_NAME
    assert doc["format_version"] == FORMAT_VERSION
    assert doc["schema_version"] == planfile.SCHEMA_VERSION
    assert doc["app_version"] == __version__
    assert list(doc["tables"]) == [t.__name__ for t in m.ALL_TABLES]
    lines = doc["tables"]["BudgetLine"]
    assert any(r["annual_amount"] == "189.5" for r in lines)
    assert all(isinstance(r["annual_amount"], (str, type(None))) for r in lines)
    assert len(doc["tables"]["Project"]) == 44 and len(doc["tables"]["Card"]) == 44
    assert all(isinstance(r["id"], int) for rows in doc["tables"].values() for r in rows)


def test_round_trip_keeps_odd_values(tmp_path):
    src = tmp_path / "odd.sbplan"
    store = PlanStore.create(src)
    st = store.add_row(
        m.Strategy, {"system": "I", "number": 1, "title": '따옴표 " 와 줄바꿈\n와 탭\t'}
    )
    pid = store.add_project(st, "사업 😀", 2023)
    card = store.card(pid, 2023)
    store.add_row(
        m.BudgetLine, {"card_id": card.id, "annual_amount": "0.10", "executed_amount": "0"}
    )
    store.add_row(
        m.Activity, {"year": 2023, "kind": "training", "extra": {"a": [1, 2.5, None, True]}}
    )
    store.set_field(m.Project, pid, "new_in_term", None)
    store.close()
    out = export(src, tmp_path / "odd.json")
    dst = tmp_path / "odd2.sbplan"
    import_json(out, dst)
    assert table_dump(dst) == table_dump(src)
    assert export(dst, tmp_path / "odd2.json").read_bytes() == out.read_bytes()
    store = PlanStore(dst, read_only=True)
    try:
        line = store.list(m.BudgetLine)[0]
        assert str(line.annual_amount) == "0.10" and line.executed_amount == 0
    finally:
        store.close()


def test_export_writes_atomically_and_refuses_foreign_files(demo_path, exported, tmp_path):
    # an existing export is replaced only when allowed (the CLI's --force)
    before = exported.read_bytes()
    with pytest.raises(SbdeskError, match="덮어쓰지 않았습니다"):
        export(demo_path, exported)
    with PlanStore(demo_path, read_only=True) as store:
        export_json(store, exported, overwrite=True)
    assert exported.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.sbplan", "plan.json"]  # no temp left
    other = tmp_path / "메모.txt"
    other.write_text("중요한 메모", encoding="utf-8")
    with pytest.raises(SbdeskError, match="덮어쓰지 않았습니다"):
        export(demo_path, other)
    assert other.read_text(encoding="utf-8") == "중요한 메모"
    # a plan file is never overwritten, whatever its name, even when allowed
    plan_hash = sha(demo_path)
    disguised = tmp_path / "plan-copy.json"
    disguised.write_bytes(demo_path.read_bytes())
    with PlanStore(demo_path, read_only=True) as store:
        for target in (demo_path, disguised):
            with pytest.raises(SbdeskError, match="계획 파일"):
                export_json(store, target, overwrite=True)
    assert sha(demo_path) == plan_hash and sha(disguised) == plan_hash


def test_import_refuses_to_overwrite(exported, demo_path):
    before = sha(demo_path)
    with pytest.raises(InterchangeError, match="이미 있는 파일"):
        import_json(exported, demo_path)
    assert sha(demo_path) == before


def _write(tmp_path: Path, doc, name="bad.json") -> Path:
    p = tmp_path / name
    p.write_text(
        json.dumps(doc, ensure_ascii=False) if not isinstance(doc, str) else doc, encoding="utf-8"
    )
    return p


@pytest.fixture(scope="module")
def _demo_doc(_demo_master, tmp_path_factory) -> str:
    return export(_demo_master, tmp_path_factory.mktemp("json") / "demo.json").read_text(
        encoding="utf-8"
    )


@pytest.fixture
def doc(_demo_doc):
    return json.loads(_demo_doc)


def _refused(src: Path, tmp_path: Path) -> str:
    target = tmp_path / "new.sbplan"
    listing = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(InterchangeError) as err:
        import_json(src, target)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no temp file left behind
    return str(err.value)


def test_malformed_json_is_refused(tmp_path, exported):
    text = exported.read_text(encoding="utf-8")
    msg = _refused(_write(tmp_path, text[: len(text) // 2]), tmp_path)
    assert "올바른 JSON이 아닙니다" in msg and "번째 줄" in msg


@pytest.mark.parametrize(
    "mutate,expect",
    [
        (lambda d: d.update(format="something-else"), "sbdesk 계획 JSON이 아닙니다"),
        (lambda d: d.update(format_version=FORMAT_VERSION + 1), "더 새로운 sbdesk(JSON 형식"),
        (lambda d: d.update(schema_version=planfile.SCHEMA_VERSION + 1), "계획 파일 형식"),
        (lambda d: d.pop("tables"), "'tables' 항목이 없습니다"),
        (lambda d: d["tables"].update(Gadget=[]), "알 수 없는 표 'Gadget'"),
        (
            lambda d: d["tables"]["Card"][2].update(colour="red"),
            "Card(사업 카드) 3번째 행(id 3): 알 수 없는 항목 'colour'",
        ),
        (
            lambda d: d["tables"]["BudgetLine"][0].update(annual_amount=288.5),
            "'annual_amount' 금액은 따옴표로",
        ),
        (
            lambda d: d["tables"]["BudgetLine"][0].update(annual_amount="1,300명"),
            "'1,300명'은(는) 금액",
        ),
        (lambda d: d["tables"]["Project"][0].update(number="1"), "'number' 값은 정수여야"),
        (lambda d: d["tables"]["Project"][0].update(priority="예"), "'priority' 값은 true/false"),
        (
            lambda d: d["tables"]["Card"][0].update(department=None),
            "'department' 항목은 비워 둘 수 없습니다",
        ),
        (
            lambda d: d["tables"]["Indicator"][0].update(direction="sideways"),
            "'direction' 값 'sideways'은(는) 허용되지",
        ),
        (
            lambda d: d["tables"]["Card"][0].update(project_id=9999),
            "Project(세부사업) id 9999이(가) 파일에 없습니다",
        ),
        (lambda d: d["tables"]["BudgetListItem"][0].update(project_ids=[9999]), "세부사업 id 9999"),
        (
            lambda d: d["tables"]["Task"].append(dict(d["tables"]["Task"][0])),
            "id 1이(가) 같은 표에 두 번",
        ),
        (lambda d: d["tables"]["Card"][0].pop("project_id"), "필수 항목 'project_id'"),
        (lambda d: d["tables"]["YearText"][0].update(value=[1]), "'value' 값은 객체"),
    ],
)
def test_invalid_documents_are_refused_naming_the_problem(tmp_path, doc, mutate, expect):
    bad = copy.deepcopy(doc)
    mutate(bad)
    msg = _refused(_write(tmp_path, bad), tmp_path)
    assert expect in msg, msg
    assert "bad.json" in msg  # names the file


def test_many_problems_are_listed_together(tmp_path, doc):
    bad = copy.deepcopy(doc)
    for row in bad["tables"]["BudgetLine"]:
        row["executed_amount"] = 1.5
    msg = _refused(_write(tmp_path, bad), tmp_path)
    assert f"({len(bad['tables']['BudgetLine'])}건)" in msg
    assert msg.count("\n  - ") == interchange.MAX_MESSAGES and "… 외" in msg


def test_missing_fields_take_defaults(tmp_path):
    doc = {
        "format": FORMAT_NAME,
        "format_version": 1,
        "schema_version": 1,
        "tables": {
            "Plan": [{"id": 1, "term": 6}],
            "Strategy": [{"id": 1, "title": "손으로 쓴 전략"}],
            "Project": [{"id": 5, "strategy_id": 1, "name": "손으로 쓴 사업"}],
        },
    }
    target = tmp_path / "hand.sbplan"
    import_json(_write(tmp_path, doc), target)
    store = PlanStore(target, read_only=True)
    try:
        assert store.plan().term == 6 and store.plan().start_year == 2023
        assert store.codes() == {5: "I-1-1"}
    finally:
        store.close()


@pytest.mark.parametrize("kind", ["missing", "folder", "plan-file", "binary", "empty"])
def test_unreadable_sources(tmp_path, demo_path, kind):
    src = {
        "missing": tmp_path / "없음.json",
        "folder": tmp_path,
        "plan-file": demo_path,
        "binary": tmp_path / "b.json",
        "empty": tmp_path / "e.json",
    }[kind]
    if kind == "binary":
        src.write_bytes(b"\xff\xfe\x00garbage")
    if kind == "empty":
        src.write_text("  \n", encoding="utf-8")
    target = tmp_path / "new.sbplan"
    with pytest.raises(InterchangeError) as err:
        import_json(src, target)
    assert not target.exists()
    assert any(
        w in str(err.value)
        for w in ("찾을 수 없습니다", "폴더", "계획 파일(데이터베이스)", "UTF-8", "비어 있습니다")
    )

"""``sbdesk salvage``: what SQLite can still read of a damaged plan, as JSON import-json takes."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3

import pytest

from sbdesk import models as m
from sbdesk.cli.main import main
from sbdesk.services import planfile
from sbdesk.services.errors import PlanFileError
from sbdesk.services.salvage import salvage
from sbdesk.services.store import PlanStore


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damage(path, first_page: int, pages: int, seed: int = 1) -> None:
    """Overwrite whole pages with random bytes, as a failing disk or a bad copy does."""
    con = sqlite3.connect(path)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    rng = random.Random(seed)
    with open(path, "r+b") as fh:
        for page in range(first_page, first_page + pages):
            fh.seek((page - 1) * size)
            fh.write(bytes(rng.randrange(256) for _ in range(size)))


def _count(path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        con.close()


def test_damaged_pages_recovered_row_by_row_and_losses_named(demo_path, tmp_path, capsys):
    total = {t.__name__: _count(demo_path, t.__table__.name) for t in m.ALL_TABLES}
    pages = planfile.connect(demo_path).execute("PRAGMA page_count").fetchone()[0]
    _damage(demo_path, pages // 2, 4)
    with pytest.raises(PlanFileError, match="손상"):
        PlanStore(demo_path)  # really damaged
    before = _sha(demo_path)
    out = tmp_path / "복구 #1.json"
    code = main(["salvage", str(demo_path), str(out)])
    printed = capsys.readouterr().out
    assert code == 1  # something was lost, and said so
    assert "읽지 못한 id" in printed and "잃었습니다" in printed and "import-json" in printed
    assert _sha(demo_path) == before  # the damaged file is never changed
    doc = json.loads(out.read_text(encoding="utf-8"))
    got = {name: len(rows) for name, rows in doc["tables"].items()}
    recovered, lost = sum(got.values()), sum(total.values()) - sum(got.values())
    assert 0 < lost < sum(total.values()) // 4, (recovered, lost)
    assert got["Plan"] == 1 and got["Project"] == total["Project"]
    rebuilt = tmp_path / "다시 만든 계획.sbplan"
    assert main(["import-json", str(out), str(rebuilt)]) == 0
    with PlanStore(rebuilt) as store:
        assert len(store.codes()) == 44
        assert store.year_view(2023).project("I-1-1") is not None
        con = planfile.connect(rebuilt)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()


def test_an_intact_file_is_salvaged_whole(demo_path, tmp_path, capsys):
    out = tmp_path / "s.json"
    assert main(["salvage", str(demo_path), str(out)]) == 0
    assert "잃은 내용은 없습니다" in capsys.readouterr().out
    exported = tmp_path / "e.json"
    assert main(["export-json", str(demo_path), str(exported)]) == 0
    a = json.loads(out.read_text(encoding="utf-8"))["tables"]
    b = json.loads(exported.read_text(encoding="utf-8"))["tables"]
    assert a == b


def test_broken_header_or_schema_gets_a_korean_message(demo_path, tmp_path):
    header = tmp_path / "h.sbplan"
    header.write_bytes(b"\x00" * 100 + demo_path.read_bytes()[100:])
    with pytest.raises(PlanFileError, match="복구할 수 있는 내용이 없습니다"):
        salvage(header, tmp_path / "h.json")
    schema = tmp_path / "s.sbplan"
    schema.write_bytes(demo_path.read_bytes())
    _damage(schema, 1, 1)  # page 1 holds the header and the schema
    with pytest.raises(PlanFileError):
        salvage(schema, tmp_path / "s.json")
    assert not (tmp_path / "h.json").exists() and not (tmp_path / "s.json").exists()


def test_salvage_never_overwrites(demo_path, tmp_path, capsys):
    out = tmp_path / "keep.json"
    out.write_text("내 파일", encoding="utf-8")
    assert main(["salvage", str(demo_path), str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "내 파일"
    assert main(["salvage", str(demo_path), str(demo_path), "--force"]) == 2
    assert planfile.inspect(demo_path) == planfile.SCHEMA_VERSION

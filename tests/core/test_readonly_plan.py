"""A plan file that cannot be written opens read-only and says so; no raw SQL errors."""

from __future__ import annotations

import pytest

from sbdesk import models as m
from sbdesk.cli.main import main as cli_main
from sbdesk.services import lock
from sbdesk.services.errors import PlanFileError, SbdeskError
from sbdesk.services.store import PlanStore
from tests.core.readonly import can_make_read_only, read_only

pytestmark = pytest.mark.skipif(
    not can_make_read_only(), reason="root without mount rights cannot make a read-only file"
)


def _every_write_is_refused_in_korean(store: PlanStore) -> None:
    plan_id = store.plan().id
    card = store.list(m.Card)[0]
    writes = [
        lambda: store.set_field(m.Plan, plan_id, "goal", "x"),
        lambda: store.add_row(m.Indicator, {"card_id": card.id, "name": "x"}),
        lambda: store.delete_row(m.Indicator, store.list(m.Indicator)[0].id),
    ]
    for write in writes:
        with pytest.raises(SbdeskError) as err:
            write()
        text = str(err.value)
        assert "읽기 전용" in text, text
        assert "attempt to write" not in text and "sqlite" not in text.lower()


def test_read_only_file_opens_read_only_and_says_why(demo_path):
    with read_only(demo_path):
        store = PlanStore(demo_path)
        try:
            assert store.read_only
            assert store.read_only_reason and "읽기 전용으로 열었습니다" in store.read_only_reason
            assert demo_path.name in store.read_only_reason
            assert len(store.codes()) == 44
            assert store.year_view(2023).project("I-1-1") is not None
            _every_write_is_refused_in_korean(store)
        finally:
            store.close()
        assert not lock.lock_path(demo_path).exists()


def test_read_only_folder_opens_read_only_and_says_why(demo_path):
    folder = demo_path.parent
    with read_only(folder):
        store = PlanStore(demo_path)
        try:
            assert store.read_only
            assert "읽기 전용" in store.read_only_reason
            _every_write_is_refused_in_korean(store)
        finally:
            store.close()
        assert sorted(p.name for p in folder.iterdir()) == ["d.sbplan"]


def test_cli_on_a_read_only_file(demo_path, tmp_path, capsys):
    with read_only(demo_path):
        assert cli_main(["summary", str(demo_path), "--year", "2023"]) == 0
        assert cli_main(["export-json", str(demo_path), str(tmp_path / "a.json")]) == 0
        capsys.readouterr()
        # a command that writes says why it cannot, in Korean, before reading its input
        code = cli_main(["import-xlsx", str(demo_path), str(tmp_path / "a.json"), "--yes"])
        assert code == 2
        err = capsys.readouterr().err
        assert err.startswith("오류:") and "읽기 전용" in err and "실행하지 않았습니다" in err
        assert "Traceback" not in err


def test_hot_journal_on_a_read_only_file_is_explained_and_journal_kept(demo_path):
    journal = demo_path.with_name(demo_path.name + "-journal")
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 504)
    with read_only(demo_path.parent):
        with pytest.raises(PlanFileError) as err:
            PlanStore(demo_path)
    text = str(err.value)
    assert "저장하던 중에 중단된" in text and "지우지 마세요" in text
    assert journal.exists()


def test_an_older_file_opened_read_only_is_read_through_a_migrated_copy(tmp_path):
    import hashlib
    import shutil
    from pathlib import Path

    old = tmp_path / "v1 #옛 파일.sbplan"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "schemas" / "v1.sbplan", old)
    before = hashlib.sha256(old.read_bytes()).hexdigest()
    store = PlanStore(old, read_only=True)
    try:
        copy_dir = Path(store._copy_dir)
        assert copy_dir.is_dir()
        years = store.years()
        view = store.year_view(years[0])  # newest-schema queries work
        assert view is not None and store.codes()
    finally:
        store.close()
    assert not copy_dir.exists()
    assert hashlib.sha256(old.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [old.name]

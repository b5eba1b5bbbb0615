"""The lock under pressure: real processes racing, malformed locks, a folder in its place,
a lock from another PC and its release ("잠금 해제", ``sbdesk unlock``)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
import time

import pytest

from sbdesk import models as m
from sbdesk.cli.main import main as cli_main
from sbdesk.services import lock
from sbdesk.services.errors import PlanFileError, PlanLockedError
from sbdesk.services.store import PlanStore

RACER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from sbdesk.services.errors import PlanLockedError
    from sbdesk.services.lock import PlanLock
    plan, start = Path(sys.argv[1]), float(sys.argv[2])
    while time.time() < start:
        pass
    lk = PlanLock(plan)
    try:
        lk.acquire()
    except PlanLockedError:
        print("lost", flush=True)
        sys.exit(0)
    print("won", flush=True)
    sys.stdin.readline()  # hold the lock until the test has heard from both
    lk.release()
    """
)


def test_two_processes_racing_exactly_one_wins(tmp_path):
    plan = tmp_path / "경쟁 #1.sbplan"
    plan.write_bytes(b"")  # the lock never reads the plan itself
    wins = []
    for trial in range(40):
        start = time.time() + 0.4
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", RACER, str(plan), repr(start)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        results = [p.stdout.readline().strip() for p in procs]  # both have tried
        outs = [p.communicate("\n", timeout=60) for p in procs]
        assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
        wins.append(results.count("won"))
        assert sorted(results) == ["lost", "won"], f"trial {trial}: {results}"
        assert not lock.lock_path(plan).exists()
    print(f"40 races: {wins.count(1)} with exactly one winner")
    assert wins == [1] * 40
    assert sorted(p.name for p in tmp_path.iterdir()) == [plan.name]  # no temp files left


@pytest.mark.parametrize(
    "content", [b"", b"{", b"[1, 2]", b"\xff\xfe garbage", b'{"other": 1}', b"null"]
)
def test_malformed_lock_file_gets_a_korean_message_and_can_be_released(demo_path, content):
    lp = lock.lock_path(demo_path)
    lp.write_bytes(content)
    old = time.time() - 60
    os.utime(lp, (old, old))
    with pytest.raises(PlanLockedError) as err:
        PlanStore(demo_path)
    assert "잠금 파일" in str(err.value) and "손상" in str(err.value)
    assert err.value.holder["malformed"] is True
    assert lock.is_other_pc(err.value.holder)
    assert lp.read_bytes() == content  # not touched without asking
    lock.break_lock(demo_path)
    with PlanStore(demo_path) as store:
        store.set_field(m.Plan, store.plan().id, "goal", "해제 뒤")


def test_lock_path_that_is_a_folder_opens_read_only_and_says_why(demo_path):
    lp = lock.lock_path(demo_path)
    lp.mkdir()
    (lp / "남의 파일.txt").write_text("지우면 안 됨", encoding="utf-8")
    store = PlanStore(demo_path)
    try:
        assert store.read_only
        assert "폴더" in store.read_only_reason and lp.name in store.read_only_reason
        with pytest.raises(PlanFileError, match="읽기 전용"):
            store.set_field(m.Plan, store.plan().id, "goal", "x")
    finally:
        store.close()
    assert (lp / "남의 파일.txt").read_text(encoding="utf-8") == "지우면 안 됨"


def test_lock_from_another_pc_shows_who_and_since_and_can_be_released_by_cli(
    demo_path, monkeypatch, capsys
):
    other = {
        "user": "박주무관",
        "host": "복지정책과-PC7",
        "pid": 4242,
        "since": "2026-11-20T09:15:00",
    }
    lp = lock.lock_path(demo_path)
    lp.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PlanLockedError) as err:
        PlanStore(demo_path)
    assert "박주무관" in str(err.value) and "복지정책과-PC7" in str(err.value)
    assert "2026-11-20 09:15:00" in str(err.value)
    assert lock.is_other_pc(err.value.holder)
    monkeypatch.setattr("builtins.input", lambda _prompt: "n")
    assert cli_main(["unlock", str(demo_path)]) == 1
    out = capsys.readouterr().out
    assert "박주무관" in out and "경고" in out and "해제하지 않았습니다" in out
    assert lp.exists()
    monkeypatch.setattr("builtins.input", lambda _prompt: "y")
    assert cli_main(["unlock", str(demo_path)]) == 0
    assert "잠금을 해제했습니다" in capsys.readouterr().out
    assert not lp.exists()
    with PlanStore(demo_path) as store:
        assert len(store.codes()) == 44


def test_killed_take_over_does_not_block_the_next_open(demo_path):
    """A ``.break`` file left by a killed take-over of a stale lock is cleared."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lp = lock.lock_path(demo_path)
    lp.write_text(json.dumps({"user": "x", "host": socket.gethostname(), "pid": dead.pid}))
    lp.with_name(lp.name + ".break").write_text(str(dead.pid))
    start = time.monotonic()
    with PlanStore(demo_path) as store:
        assert not store.read_only
    assert time.monotonic() - start < 3
    assert not lp.with_name(lp.name + ".break").exists()


def test_without_hard_links_the_lock_falls_back_to_exclusive_create(demo_path, monkeypatch):
    """FAT drives and some network shares refuse hard links: O_EXCL create, written at once."""

    def no_links(src, dst):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(lock.os, "link", no_links)
    with PlanStore(demo_path) as store:
        holder = json.loads(lock.lock_path(demo_path).read_text(encoding="utf-8"))
        assert holder["pid"] == os.getpid() and not store.read_only
        with pytest.raises(PlanLockedError):
            PlanStore(demo_path)
    assert sorted(p.name for p in demo_path.parent.iterdir()) == ["d.sbplan"]

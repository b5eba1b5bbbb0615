"""A write killed at any instant leaves a file that opens with every committed edit.

Real processes write through ``PlanStore`` (forked from ``crash_writer.py``, a
zygote that imports sbdesk once) and are killed with SIGKILL: at random times,
right when a journal appears (mid-transaction), and during the open itself.
After every kill the file must open (a hot journal is rolled back by
``planfile.inspect``), hold every edit the writer reported committed, and
nothing half-done.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from sbdesk.services import planfile
from sbdesk.services.store import PlanStore

HERE = Path(__file__).resolve().parent
WRITER = HERE / "crash_writer.py"
TRIALS = 100
#: kills that must leave a hot journal, and how many journal-mode trials may be added to get them
MIN_HOT = 10
EXTRA = 300

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the zygote forks (POSIX)")


def _op(n: int) -> str:
    return ("bulk", "goal", "indicator")[n % 3]


def _state(path: Path, trial: int, through_store: bool) -> tuple:
    """(goal, this trial's indicators, card notes) after opening the file as the app does.

    ``planfile.inspect`` is the step of every open that rolls a hot journal
    back; every tenth trial opens a whole ``PlanStore`` (lock, engine) instead.
    """
    if through_store:
        PlanStore(path).close()
    else:
        planfile.inspect(path)
    con = planfile.connect(path, "ro")
    try:
        goal = con.execute("SELECT goal FROM plan").fetchone()[0]
        notes = frozenset(x for (x,) in con.execute("SELECT DISTINCT change_note FROM card"))
        count = con.execute(
            "SELECT count(*) FROM indicator WHERE name LIKE ?", (f"crash {trial}-%",)
        ).fetchone()[0]
    finally:
        con.close()
    return goal, count, notes  # after a bulk update: one note on every card


def _expected(prev: tuple, trial: int, k: int) -> tuple:
    goal, _count, note = prev
    count = 0
    for n in range(1, k + 1):
        kind = _op(n)
        if kind == "goal":
            goal = f"edit {trial}-{n}"
        elif kind == "indicator":
            count += 1
        else:
            note = frozenset([f"bulk {trial}-{n}"])
    return goal, count, note


def _hot(journal: Path) -> bool:
    """A journal SQLite would roll back: it exists and its first byte is not zero."""
    try:
        with open(journal, "rb") as fh:
            return fh.read(1) not in (b"", b"\x00")
    except FileNotFoundError:
        return False


def _wait_gone(pid: int) -> None:
    end = time.monotonic() + 20
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.002)
    raise AssertionError(f"writer {pid} did not die")


def _text(path: Path) -> str:
    try:
        return path.read_text()
    except FileNotFoundError:
        return "(no log)"


def _log(path: Path) -> list[str]:
    try:
        lines = path.read_text().splitlines()
    except FileNotFoundError:
        return []
    assert not any(x.startswith("error:") for x in lines), lines
    return lines


def _run_trials(path: Path, tmp: Path, trials: int, seed: int) -> dict:
    rng = random.Random(seed)
    zygote = subprocess.Popen(
        [sys.executable, str(WRITER)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=str(HERE.parent.parent),
    )
    counts = {"trials": 0, "hot_journal": 0, "killed_during_open": 0, "committed_ops": 0}
    times = {}
    try:
        prev = _state(path, 0, True)
        con = planfile.connect(path, "ro")
        ids = {
            "plan_id": con.execute("SELECT id FROM plan").fetchone()[0],
            "card_id": con.execute("SELECT min(id) FROM card").fetchone()[0],
        }
        con.close()
        # After the planned trials, journal-mode trials go on (at most EXTRA more) until
        # MIN_HOT kills have really left a hot journal: on an idle machine with the file
        # in RAM the mid-commit window is so short that a planned trial often misses it.
        trial = 0
        while trial < trials or (counts["hot_journal"] < MIN_HOT and trial < trials + EXTRA):
            trial += 1
            log = tmp / f"log{trial}"
            zygote.stdin.write(
                json.dumps({"path": str(path), "trial": trial, "log": str(log), **ids})
            )
            zygote.stdin.write("\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            t0 = time.monotonic()
            mode = rng.choice(["random", "random", "journal", "journal", "open"])
            if trial > trials:
                mode = "journal"
            if mode != "open":
                end = time.monotonic() + 20
                while "r" not in _log(log):
                    assert time.monotonic() < end, f"writer did not open the plan: {_text(log)}"
                    time.sleep(0.001)
            if mode == "random":
                time.sleep(rng.uniform(0, 0.15))
            elif mode == "journal":  # mid-commit: the journal header is synced (hot)
                journal = planfile.journal_path(path)
                after = rng.randint(0, 2)  # let a few commits through first
                end = time.monotonic() + 10
                while len(_log(log)) <= after and time.monotonic() < end:
                    time.sleep(0.001)
                while not _hot(journal) and time.monotonic() < end:
                    pass  # busy: the hot window lasts well under a millisecond in RAM
            else:
                time.sleep(rng.uniform(0, 0.1))
            os.kill(pid, signal.SIGKILL)
            _wait_gone(pid)
            journal = planfile.journal_path(path)
            if _hot(journal):
                counts["hot_journal"] += 1
            lines = _log(log)
            if "r" not in lines:
                counts["killed_during_open"] += 1
            done = [int(x) for x in lines if x != "r"]
            k = max(done, default=0)
            counts["committed_ops"] += k
            got = _state(path, trial, trial % 10 == 0)  # opening recovers a hot journal
            assert not _hot(journal)  # rolled back (a zeroed header is ignored by SQLite)
            assert got in (_expected(prev, trial, k), _expected(prev, trial, k + 1)), (
                f"trial {trial} ({mode}): {k} committed, file has {got}"
            )
            prev = got
            times.setdefault(mode, []).append(time.monotonic() - t0)
            counts["trials"] += 1
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
        print({k: (len(v), round(sum(v) / len(v), 3)) for k, v in times.items()})
    con = planfile.connect(path, "ro")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    return counts


@pytest.fixture
def workdir(tmp_path):
    """Where the trials run: a RAM folder when there is one (/dev/shm).

    A process kill leaves the same file on any file system (the page cache
    survives the process); in RAM the writers' fsyncs cost nothing, so the
    200 trials take seconds instead of minutes on a shared CI disk.
    """
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        d = Path(tempfile.mkdtemp(prefix="sbdesk-crash-", dir=shm))
        yield d
        shutil.rmtree(d, ignore_errors=True)
    else:
        yield tmp_path


def test_kills_of_real_writes_on_the_demo(demo_path, workdir):
    path = workdir / "광진구 #1.sbplan"
    shutil.copyfile(demo_path, path)
    counts = _run_trials(path, workdir, TRIALS, seed=13)
    print(f"demo: {counts}")
    assert counts["trials"] >= TRIALS
    assert counts["hot_journal"] >= MIN_HOT  # the recovery path really ran
    assert counts["committed_ops"] >= 50


@pytest.fixture(scope="module")
def _large_master(tmp_path_factory) -> Path:
    spec = importlib.util.spec_from_file_location(
        "bench_generate", HERE.parent.parent / "bench" / "generate.py"
    )
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    path = tmp_path_factory.mktemp("large") / "large.sbplan"
    gen.make_large_plan(path).close()
    return path


def test_kills_of_real_writes_on_the_large_plan(_large_master, workdir):
    path = workdir / "large.sbplan"
    shutil.copyfile(_large_master, path)
    counts = _run_trials(path, workdir, TRIALS, seed=31)
    print(f"large: {counts}")
    assert counts["trials"] >= TRIALS
    assert counts["hot_journal"] >= MIN_HOT
    assert counts["committed_ops"] >= 50


def test_kills_during_a_migration(tmp_path):
    """A migration killed half-way: the file opens afterwards, migrated, with its data."""
    v1 = HERE.parent / "schemas" / "v1.sbplan"
    con = planfile.connect(v1, "ro")
    projects = con.execute("SELECT count(*) FROM project").fetchone()[0]
    con.close()
    rng = random.Random(7)
    zygote = subprocess.Popen(
        [sys.executable, str(WRITER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    hot = finished = midway = 0
    try:
        for trial in range(30):
            path = tmp_path / f"t{trial}" / "옛 계획 #1.sbplan"
            path.parent.mkdir()
            shutil.copyfile(v1, path)
            log = tmp_path / f"m{trial}.log"
            zygote.stdin.write(json.dumps({"path": str(path), "log": str(log), "migrate": True}))
            zygote.stdin.write("\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            end = time.monotonic() + 20
            while "r" not in _log(log) and time.monotonic() < end:
                time.sleep(0.001)
            while time.monotonic() < end and "done" not in _log(log):  # backup made: steps run
                if any(p.name.endswith(".bak.sbplan") for p in path.parent.iterdir()):
                    break
                time.sleep(0.0005)
            time.sleep(rng.uniform(0, 0.1))
            with contextlib.suppress(ProcessLookupError):  # it may have finished
                os.kill(pid, signal.SIGKILL)
            _wait_gone(pid)
            hot += _hot(planfile.journal_path(path))
            finished += "done" in _log(log)
            version = planfile.inspect(path)  # rolls a hot journal back first
            midway += 1 < version < planfile.SCHEMA_VERSION
            with PlanStore(path) as store:  # recovers, then migrates the rest
                assert len(store.codes()) == projects
            assert planfile.inspect(path) == planfile.SCHEMA_VERSION
            backups = [p for p in path.parent.iterdir() if ".bak" in p.name]
            assert backups and all(planfile.inspect(b) >= 1 for b in backups)
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
    print(
        f"migration kills: 30 trials, {hot} hot journals, {midway} stopped between steps, "
        f"{finished} finished before the kill"
    )
    assert hot + midway >= 3  # kills really landed inside the migration steps

"""Killing the running app (SIGKILL) mid-editing loses nothing that was committed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

from sbdesk import models as m
from sbdesk.services import planfile
from sbdesk.services.lock import lock_path
from sbdesk.services.store import PlanStore

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def app_env() -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return env


def test_sigkill_mid_editing_keeps_every_committed_edit(demo_path):
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "crash_driver.py"), str(demo_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=app_env(),
    )
    watchdog = threading.Timer(120, proc.kill)
    watchdog.start()
    committed: list[tuple[str, str, str]] = []
    try:
        while len(committed) < 16:
            line = proc.stdout.readline()
            assert line, f"driver stopped: {proc.stderr.read()[-2000:]}"
            if line.startswith("COMMITTED "):
                _tag, _n, code, field, value = line.split(maxsplit=4)
                committed.append((code, field, value.strip()))
        os.kill(proc.pid, signal.SIGKILL)  # mid-editing: it is typing the next edit already
        proc.wait(10)
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL

    # the file is intact, and the lock the dead process left behind is stale
    assert planfile.inspect(demo_path) == planfile.SCHEMA_VERSION
    holder = json.loads(lock_path(demo_path).read_text(encoding="utf-8"))
    assert holder["pid"] == proc.pid
    with PlanStore(demo_path) as store:  # takes the stale lock over
        assert json.loads(lock_path(demo_path).read_text(encoding="utf-8"))["pid"] == os.getpid()
        last: dict[tuple[str, str], str] = {}
        for code, field, value in committed:
            last[(code, field)] = value
        for (code, field), value in last.items():
            card = store.card(store.project_by_code(code).id, 2023)
            if field == "Card.officer":
                assert card.officer == value, (code, value)
            else:
                line_id = int(field.split(":")[1])
                assert store.get(m.BudgetLine, line_id).executed_amount == Decimal(value)


def test_the_real_entry_point_can_be_killed_and_reopened(demo_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "sbdesk", str(demo_path)],
        cwd=str(ROOT),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=app_env(),
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if json.loads(lock_path(demo_path).read_text(encoding="utf-8"))["pid"] == proc.pid:
                    break
            except (OSError, ValueError, KeyError):
                pass
            assert proc.poll() is None, proc.stderr.read()
            time.sleep(0.1)
        else:
            raise AssertionError("the app did not open the plan file")
        time.sleep(1.0)  # let it finish starting (checks running in the background)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert planfile.inspect(demo_path) == planfile.SCHEMA_VERSION
    with PlanStore(demo_path) as store:
        assert len(store.codes()) == 44

"""The lock file: a plan open for writing is held by one program at a time."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap

import pytest

from sbdesk import models as m
from sbdesk.services import lock
from sbdesk.services.errors import PlanLockedError
from sbdesk.services.store import PlanStore


def test_second_store_on_the_same_file_is_refused_with_holder(demo_path):
    first = PlanStore(demo_path)
    try:
        lock_file = lock.lock_path(demo_path)
        holder = json.loads(lock_file.read_text(encoding="utf-8"))
        assert holder["pid"] == os.getpid() and holder["host"] == socket.gethostname()
        with pytest.raises(PlanLockedError) as err:
            PlanStore(demo_path)
        assert err.value.holder["pid"] == os.getpid()
        assert "이미 열려" in str(err.value) and "읽기 전용" in str(err.value)
        assert lock_file.exists()  # the refused second store did not remove it
        first.set_field(m.Plan, 1, "goal", "계속 쓸 수 있음")
    finally:
        first.close()
    assert not lock.lock_path(demo_path).exists()
    again = PlanStore(demo_path)  # free again once closed
    again.close()


def test_read_only_open_works_while_locked(demo_path):
    first = PlanStore(demo_path)
    try:
        ro = PlanStore(demo_path, read_only=True)
        try:
            assert len(ro.codes()) == 44
            assert ro.year_view(2023).project("I-1-1").achievement is not None
        finally:
            ro.close()
        assert lock.lock_path(demo_path).exists()  # closing the reader kept the writer's lock
    finally:
        first.close()


def test_stale_lock_of_a_dead_process_is_taken_over(demo_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock.lock_path(demo_path).write_text(
        json.dumps(
            {
                "user": "김주무관",
                "host": socket.gethostname(),
                "pid": dead.pid,
                "since": "2024-02-28T09:00:00",
            }
        ),
        encoding="utf-8",
    )
    store = PlanStore(demo_path)
    try:
        holder = json.loads(lock.lock_path(demo_path).read_text(encoding="utf-8"))
        assert holder["pid"] == os.getpid()
    finally:
        store.close()


def test_lock_from_another_pc_is_respected(demo_path):
    other = {
        "user": "박주무관",
        "host": "OTHER-PC-복지정책과",
        "pid": 4242,
        "since": "2024-02-28T09:00:00",
    }
    lock.lock_path(demo_path).write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PlanLockedError) as err:
        PlanStore(demo_path)
    assert err.value.holder["user"] == "박주무관"
    assert "박주무관" in str(err.value) and "OTHER-PC-복지정책과" in str(err.value)
    assert "2024-02-28 09:00:00" in str(err.value)
    assert json.loads(lock.lock_path(demo_path).read_text(encoding="utf-8")) == other


def test_a_real_second_process_holding_the_file(demo_path, tmp_path):
    script = textwrap.dedent(
        f"""
        import sys
        from sbdesk.services.store import PlanStore
        store = PlanStore({str(demo_path)!r})
        print("ready", flush=True)
        sys.stdin.readline()
        store.close()
        print("closed", flush=True)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        with pytest.raises(PlanLockedError) as err:
            PlanStore(demo_path)
        assert err.value.holder["pid"] == proc.pid
        assert "다른 사용자가 열어 두었습니다" in str(err.value)
        ro = PlanStore(demo_path, read_only=True)  # reading is still possible
        assert len(ro.codes()) == 44
        ro.close()
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "closed"
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    store = PlanStore(demo_path)  # released by the other process
    store.close()

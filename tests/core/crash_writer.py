"""A zygote for the crash tests: forks real writer processes on request.

Run as ``python crash_writer.py``; it imports sbdesk once, then for every JSON
line ``{"path", "trial", "log", "plan_id", "card_id"}`` on stdin (or
``{"path", "log", "migrate": true}``: migrate an older file) forks a child that opens the plan
through ``PlanStore`` and writes in a loop (see ``op``), appending ``r`` once the
store is open and the number of every committed operation to ``log``. The
child's pid is printed; the test kills it with SIGKILL at a moment of its
choosing. Children are reaped automatically (SIGCHLD ignored).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from pathlib import Path

from sqlalchemy import update

from sbdesk import models as m
from sbdesk.services import planfile
from sbdesk.services.store import PlanStore


def op(n: int) -> str:
    """Which operation number ``n`` is: goal (set_field), indicator (add_row) or bulk."""
    return ("bulk", "goal", "indicator")[n % 3]


def run(path: str, trial: int, log: str, plan_id: int, card_id: int) -> None:
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    store = PlanStore(path)
    os.write(fd, b"r\n")
    n = 0
    while True:
        n += 1
        kind = op(n)
        if kind == "goal":
            store.set_field(m.Plan, plan_id, "goal", f"edit {trial}-{n}")
        elif kind == "indicator":
            store.add_row(m.Indicator, {"card_id": card_id, "name": f"crash {trial}-{n}"})
        else:
            with store.session() as s:
                s.exec(update(m.Card).values(change_note=f"bulk {trial}-{n}"))
        os.write(fd, f"{n}\n".encode())


def main() -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    warm = False
    for line in sys.stdin:
        req = json.loads(line)
        if not warm and not req.get("migrate"):  # what every child would do first, once
            planfile.expected_objects()
            PlanStore(req["path"], read_only=True).close()
            warm = True
        pid = os.fork()
        if pid == 0:
            try:
                if req.get("migrate"):
                    fd = os.open(req["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                    os.write(fd, b"r\n")
                    planfile.migrate(Path(req["path"]))
                    os.write(fd, b"done\n")
                else:
                    run(req["path"], req["trial"], req["log"], req["plan_id"], req["card_id"])
            except BaseException:  # reported to the test through the log
                with open(req["log"], "a", encoding="utf-8") as fh:
                    fh.write("error:" + traceback.format_exc().replace("\n", " | ") + "\n")
            finally:
                os._exit(0)
        print(pid, flush=True)


if __name__ == "__main__":
    main()

"""Numbered schema migrations of the plan file, one module per step.

A module ``mNNN_<what>.py`` holds ``upgrade(con: sqlite3.Connection) -> None``
and takes a file from schema ``NNN - 1`` to schema ``NNN``. ``planfile.migrate``
copies the file to ``<name>.v<N>.bak.sbplan`` first and runs each step in its
own transaction. ``STEPS`` below lists every step explicitly, in order; the
current schema version is ``1 + len(STEPS)``.

Adding a step: write the next ``mNNN_<what>.py`` (plain SQL on the sqlite3
connection, never the sqlmodel classes, which describe the newest schema
only), import it here, append it to ``STEPS``, and add a test that migrates the
committed ``tests/schemas/v1.sbplan`` and finds the old data intact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sbdesk.services.migrations import (
    m002_row_uid,
    m003_budget_list_totals,
    m004_sixth_term,
    m005_plan_pages,
    m006_monitoring_meeting,
    m007_plan_links,
)

Step = Callable[[sqlite3.Connection], None]

#: STEPS[i] upgrades schema i + 1 to i + 2.
STEPS: list[Step] = [
    m002_row_uid.upgrade,
    m003_budget_list_totals.upgrade,
    m004_sixth_term.upgrade,
    m005_plan_pages.upgrade,
    m006_monitoring_meeting.upgrade,
    m007_plan_links.upgrade,
]

SCHEMA_VERSION = 1 + len(STEPS)


def by_version() -> dict[int, Step]:
    """``{n: step}``: the step that upgrades schema n to n + 1."""
    return {i + 1: step for i, step in enumerate(STEPS)}

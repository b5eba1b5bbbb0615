"""PlanReader: read-only access to a plan file through plain rows, without the ORM.

The CLI's read-only commands (``summary``, ``report``) and anything else that
only reads use it instead of ``PlanStore``: it offers the store's read API
(``plan()``, ``municipality()``, ``years()``, ``plan_year(y)``, ``codes()``,
``year_view(y)``) over ``sqlite3`` (``services/rows.py``), so the process never
imports sqlmodel/SQLAlchemy (≈ 0.7 s). The file is checked like the store
checks it (``planfile.inspect``) and never written. Writes go through ``PlanStore``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sbdesk.services import planfile
from sbdesk.services.errors import ValidationError
from sbdesk.services.rows import snapshot


def check_term(start: Any, end: Any) -> None:
    """A plan's term must end on or after its start (a file edited elsewhere may not)."""
    if isinstance(start, int) and isinstance(end, int) and end < start:
        raise ValidationError(
            f"계획 기간의 끝 연도({end})가 시작 연도({start})보다 앞섭니다. "
            "계획 기간을 바르게 고치세요."
        )


class PlanReader:
    """An open plan file, read-only; see the module docstring."""

    read_only = True

    def __init__(self, path: str | Path):
        self.path = Path(path)
        planfile.inspect(self.path)

    def close(self) -> None:
        """Nothing stays open between calls (each read is one short transaction)."""

    def __enter__(self) -> PlanReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _first(self, name: str, where: str = "", params: tuple = ()) -> Any:
        with snapshot(self.path) as r:
            return r.first(name, where, params)

    def plan(self) -> Any:
        from sbdesk.services.read_model import _plan_row

        with snapshot(self.path) as r:
            return _plan_row(r, "Plan")

    def municipality(self) -> Any:
        from sbdesk.services.read_model import _plan_row

        with snapshot(self.path) as r:
            return _plan_row(r, "Municipality")

    def years(self) -> list[int]:
        p = self.plan()
        check_term(p.start_year, p.end_year)
        return list(range(p.start_year, p.end_year + 1))

    def plan_year(self, year: int) -> Any:
        with snapshot(self.path) as r:
            return r.first("PlanYear", "year = ?", (year,)) or r.blank("PlanYear", year=year)

    def codes(self) -> dict[int, str]:
        from sbdesk.services.read_model import project_codes_of

        return project_codes_of(self)

    def year_view(self, year: int):
        from sbdesk.services.read_model import build_year_view

        return build_year_view(self, year)

"""``NewRows``: the rows of a plan file being built, written by ``PlanStore.write_new``.

A new file made from something else (the demo, a new term from the old one, a JSON
export) is assembled in memory first and written in one transaction, in a temporary
file that becomes the plan file only when complete. So that a child row can name
its parent before anything is written, ``NewRows.add`` gives every row its id at
once: the next free id of its table (1, 2, … in the order rows are added, as
SQLite would have numbered them). Rows with their own ids (a JSON export) are added
with ``add_data``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from sqlmodel import SQLModel

from sbdesk import models as m
from sbdesk.models.tables import table_of

_T = TypeVar("_T", bound=SQLModel)


class NewRows:
    """Rows to write into a new plan file (see the module docstring)."""

    def __init__(self) -> None:
        self._rows: dict[str, list[SQLModel | dict[str, Any]]] = {}
        self._last_id: dict[str, int] = {}

    def add(self, row: _T) -> _T:
        """Add a model instance, giving it the next id of its table; return it.

        The instance is read when the rows are written, so it may still be changed.
        """
        name = type(row).__name__
        ident = getattr(row, "id", None)  # every table model has an ``id`` column
        if ident is None:
            ident = self._last_id.get(name, 0) + 1
            row.id = ident
        self._note(name, ident)
        self._rows.setdefault(name, []).append(row)
        return row

    def add_data(self, model: type[SQLModel], data: dict[str, Any]) -> None:
        """Add one row of ``model`` as column values, with its own ``id``."""
        self._note(model.__name__, int(data["id"]))
        self._rows.setdefault(model.__name__, []).append(data)

    def _note(self, name: str, ident: int) -> None:
        self._last_id[name] = max(self._last_id.get(name, 0), ident)

    def __len__(self) -> int:
        return sum(len(rows) for rows in self._rows.values())

    def tables(self) -> Iterator[tuple[type[SQLModel], list[dict[str, Any]]]]:
        """Each table with rows, parents first (``ALL_TABLES``), and its rows as column values."""
        for model in m.ALL_TABLES:
            rows = self._rows.get(model.__name__)
            if rows:
                columns = table_of(model).columns.keys()
                yield (
                    model,
                    [
                        r if isinstance(r, dict) else {c: getattr(r, c) for c in columns}
                        for r in rows
                    ],
                )

"""Plain rows read straight from a plan file with ``sqlite3`` (no ORM, no sqlmodel import).

The read model (``read_model.py``) and the CLI's read-only commands load a whole
year at once; building ~22,000 ORM instances for that took most of a second on
a 시·도-size plan, and importing sqlmodel another 0.7 s. Here every table is read
with ``SELECT *`` and each row becomes an instance of a small slotted class
named after the model (``BudgetLine``, ``Card`` …) with one attribute per column
of the file, so:

- the attribute API is the model's (``line.annual_amount``, ``card.department``),
  and a column added by a later migration simply appears as a new attribute;
- values come back as the model gives them: ``DecimalText`` columns as
  ``Decimal`` (listed in ``DECIMAL_COLUMNS``; a test checks the list against the
  sqlmodel schema), ``BOOLEAN`` columns as ``bool`` and ``JSON`` columns parsed,
  both recognised from the column's declared type;
- rows are plain data: changing an attribute changes nothing in the file.

The sqlmodel tables stay the schema and the only write path (``PlanStore``).
"""

from __future__ import annotations

import json
import keyword
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

#: Columns stored as ``DecimalText`` (exact amounts kept as text), by model name.
#: ``tests/core/test_rows.py`` fails when a model gains a DecimalText column not listed here.
DECIMAL_COLUMNS: dict[str, frozenset[str]] = {
    "Municipality": frozenset({"total_budget", "welfare_budget", "fiscal_autonomy"}),
    "BudgetLine": frozenset({"plan_amount", "annual_amount", "executed_amount"}),
    "BasicBudget": frozenset({"amount"}),
    "BudgetListItem": frozenset(
        {"national", "province", "district", "other", "total", "local_subtotal"}
    ),
}


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):  # file edited by hand
        return None


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _json(value: Any) -> Any:
    if value is None or not isinstance(value, (str, bytes)):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return None


_CONVERTERS = {"_decimal": _decimal, "_bool": _bool, "_json": _json}


class Row:
    """Base of the row classes: attribute access, ``as_dict()``, a readable repr."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self._fields}

    def model_dump(self, exclude: set[str] | None = None) -> dict[str, Any]:
        """The ORM model's ``model_dump`` (code written against the models keeps working)."""
        return {f: getattr(self, f) for f in self._fields if not exclude or f not in exclude}

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields[:4])
        return f"{type(self).__name__}({inner}{', …' if len(self._fields) > 4 else ''})"


_CLASSES: dict[tuple[str, tuple[str, ...], tuple[str, ...]], type[Row]] = {}


def row_class(name: str, columns: tuple[str, ...], converters: tuple[str, ...]) -> type[Row]:
    """The slotted class for rows of ``name`` with these columns (cached).

    ``converters[i]`` is "" or the name of the converter applied to column i.
    """
    key = (name, columns, converters)
    cls = _CLASSES.get(key)
    if cls is not None:
        return cls
    for c in columns:  # column names come from the file: only plain identifiers
        if not c.isidentifier() or keyword.iskeyword(c) or c.startswith("_"):
            raise ValueError(f"unsupported column name {c!r} in {name}")
    args = ", ".join(columns)
    body = [
        f"    self.{c} = {conv}({c})" if conv else f"    self.{c} = {c}"
        for c, conv in zip(columns, converters, strict=True)
    ] or ["    pass"]
    ns: dict[str, Any] = dict(_CONVERTERS)
    # the column names were checked above: identifiers, no keywords, no dunders
    exec(f"def __init__(self, {args}):\n" + "\n".join(body), ns)
    cls = type(name, (Row,), {"__slots__": columns, "_fields": columns, "__init__": ns["__init__"]})
    _CLASSES[key] = cls
    return cls


def table_name(model_name: str) -> str:
    """The SQL table of a model (sqlmodel's default: the class name in lower case)."""
    return model_name.lower()


class RowReader:
    """Reads rows of one open ``sqlite3`` connection; see the module docstring."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self._shape: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[Any, ...]]] = {}

    def shape(self, model_name: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[Any, ...]]:
        """(columns, converter names, defaults) of a table, from the file's own schema."""
        shape = self._shape.get(model_name)
        if shape is None:
            info = self.con.execute(f'PRAGMA table_info("{table_name(model_name)}")').fetchall()
            decimals = DECIMAL_COLUMNS.get(model_name, frozenset())
            cols: list[str] = []
            convs: list[str] = []
            defaults: list[Any] = []
            for _cid, col, decl, notnull, _dflt, _pk in info:
                decl = (decl or "").upper()
                cols.append(col)
                if col in decimals:
                    convs.append("_decimal")
                    defaults.append(None)
                elif decl == "BOOLEAN":
                    convs.append("_bool")
                    defaults.append(False if notnull else None)
                elif decl == "JSON":
                    convs.append("_json")
                    defaults.append(None)
                else:
                    convs.append("")
                    if not notnull or col == "id":
                        defaults.append(None)
                    elif "INT" in decl:
                        defaults.append(0)
                    else:
                        defaults.append("")
            shape = (tuple(cols), tuple(convs), tuple(defaults))
            self._shape[model_name] = shape
        return shape

    def rows(self, model_name: str, where: str = "", params: tuple | list = (), order: str = ""):
        """Every row of a table (``where``/``order`` are SQL over its columns)."""
        cols, convs, _defaults = self.shape(model_name)
        if not cols:
            return []
        cls = row_class(model_name, cols, convs)
        names = ", ".join(f'"{c}"' for c in cols)
        sql = f'SELECT {names} FROM "{table_name(model_name)}"'
        if where:
            sql += f" WHERE {where}"
        if order:
            sql += f" ORDER BY {order}"
        return [cls(*r) for r in self.con.execute(sql, params)]

    def first(self, model_name: str, where: str = "", params: tuple | list = ()):
        found = self.rows(model_name, where + " LIMIT 1" if where else "1 LIMIT 1", params)
        return found[0] if found else None

    def blank(self, model_name: str, **values: Any) -> Row:
        """A row that is not in the file: empty text, 0, False or None by column, then ``values``."""
        return blank_row(model_name, self.shape(model_name), **values)


def blank_row(model_name: str, shape: tuple, **values: Any) -> Row:
    """``RowReader.blank`` for a table whose ``RowReader.shape`` was read before."""
    cols, convs, defaults = shape
    cls = row_class(model_name, cols, tuple("" for _ in convs))
    data = dict(zip(cols, defaults, strict=True))
    data.update((k, v) for k, v in values.items() if k in data)
    return cls(*data.values())


def connect_read(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to a plan file (URL-quoted path, so '#', '%', '?' work)."""
    from urllib.parse import quote

    uri = "file:" + quote(Path(path).resolve().as_posix()) + "?mode=ro"
    con = sqlite3.connect(uri, uri=True, check_same_thread=False)
    con.execute("PRAGMA busy_timeout=5000")
    return con


def store_snapshot(store: Any) -> AbstractContextManager[RowReader]:
    """``snapshot`` of the file a store reads (its migrated copy for an older file opened
    read-only); ``store`` is anything with a ``path`` (and maybe a ``read_path``)."""
    return snapshot(getattr(store, "read_path", None) or store.path)


@contextmanager
def snapshot(path: str | Path) -> Iterator[RowReader]:
    """A ``RowReader`` over one read transaction (a consistent view of the file)."""
    con = connect_read(path)
    try:
        con.execute("BEGIN")
        yield RowReader(con)
        con.execute("COMMIT")
    finally:
        con.close()

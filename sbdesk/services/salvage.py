"""Getting what SQLite can still read out of a damaged plan file (``sbdesk salvage``).

The damaged file is never changed: it is copied (with its journal, if any)
into a temporary folder and read there. Every table of the plan is read
whole; a table whose pages are broken is read again in rowid ranges, halving
a failing range until single rows, so every readable row is kept and the
unreadable ids are named. Rows whose values no longer fit their column
(garbage from a broken page) and rows whose parent was lost are set aside
too, and named. The result is the JSON interchange document
(``services/interchange.py``), so ``sbdesk import-json`` rebuilds a plan from it.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sbdesk import __version__
from sbdesk import models as m
from sbdesk.services import interchange, outputs, planfile
from sbdesk.services.errors import PlanFileError

#: Largest rowid probed in a table whose end cannot be read.
_MAX_ROWID = 2**31 - 1


@dataclass
class TableResult:
    name: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    unreadable_ids: list[tuple[int, int]] = field(default_factory=list)  # inclusive ranges
    dropped: list[str] = field(default_factory=list)  # why each set-aside row was dropped
    missing: bool = False  # the table itself could not be found or read

    @property
    def label(self) -> str:
        return f"{self.name}({interchange.TABLE_LABELS.get(self.name, self.name)})"


@dataclass
class SalvageReport:
    tables: dict[str, TableResult]
    out: Path

    @property
    def recovered(self) -> int:
        return sum(len(t.rows) for t in self.tables.values())

    @property
    def lost_anything(self) -> bool:
        return any(t.unreadable_ids or t.dropped or t.missing for t in self.tables.values())

    def lines(self) -> list[str]:
        """What was recovered and what was lost, in Korean, table by table."""
        out = []
        for t in self.tables.values():
            if t.missing:
                out.append(f"{t.label}: 표 전체를 읽지 못했습니다.")
                continue
            text = f"{t.label}: {len(t.rows):,}행 복구"
            if t.unreadable_ids:
                ranges = ", ".join(
                    str(a) if a == b else f"{a}~{b}" for a, b in t.unreadable_ids[:10]
                )
                more = " 등" if len(t.unreadable_ids) > 10 else ""
                text += f", 읽지 못한 id {ranges}{more}"
            if t.dropped:
                text += f", 버린 행 {len(t.dropped)}개 ({'; '.join(t.dropped[:5])}{' …' if len(t.dropped) > 5 else ''})"
            out.append(text)
        return out


def _kinds(model) -> dict[str, str]:
    return {name: interchange._kind(col) for name, col in interchange.columns(model).items()}


def _convert(value: Any, kind: str) -> Any:
    """A raw SQLite value as the JSON document holds it; ValueError when it cannot be."""
    if value is None:
        return None
    if kind == "decimal":
        try:
            d = Decimal(str(value))
        except InvalidOperation as exc:
            raise ValueError(f"금액이 아님: {value!r}") from exc
        if not d.is_finite():
            raise ValueError(f"금액이 아님: {value!r}")
        return format(d, "f")
    if kind == "bool":
        if value in (0, 1):
            return bool(value)
        raise ValueError(f"참/거짓이 아님: {value!r}")
    if kind == "int":
        if isinstance(value, int):
            return value
        raise ValueError(f"정수가 아님: {value!r}")
    if kind == "str":
        if isinstance(value, bytes):
            value = value.decode("utf-8")  # UnicodeDecodeError is a ValueError
        if not isinstance(value, str):
            return str(value)
        return value
    if kind == "json":
        return json.loads(value) if isinstance(value, (str, bytes)) else value
    return value  # pragma: no cover


def _col_list(cols: list[str]) -> str:
    return ", ".join('"' + c + '"' for c in cols)


def _read_range(con, table: str, cols: list[str], lo: int, hi: int, res: TableResult) -> list:
    """Rows with lo <= rowid <= hi, halving a failing range down to single rows."""
    sql = (
        f'SELECT rowid, {_col_list(cols)} FROM "{table}" WHERE rowid BETWEEN ? AND ? ORDER BY rowid'
    )
    stack = [(lo, hi)]
    rows: list = []
    while stack:
        a, b = stack.pop()
        try:
            rows.extend(con.execute(sql, (a, b)).fetchall())
        except sqlite3.DatabaseError:
            if a == b:
                res.unreadable_ids.append((a, a))
                continue
            mid = (a + b) // 2
            stack.append((mid + 1, b))
            stack.append((a, mid))
    return rows


def _max_rowid(con, table: str) -> int:
    try:
        v = con.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0]
        return int(v or 0)
    except sqlite3.DatabaseError:
        pass
    # the table's last page is damaged: its indexes (other pages) still hold every rowid,
    # so the search for readable rows stops there instead of probing ids up to 2**31
    found = []
    with contextlib.suppress(sqlite3.DatabaseError):
        indexes = [r[1] for r in con.execute(f'PRAGMA index_list("{table}")').fetchall()]
        for index in indexes:
            with contextlib.suppress(sqlite3.DatabaseError):
                v = con.execute(
                    f'SELECT max(rowid) FROM "{table}" INDEXED BY "{index}"'
                ).fetchone()[0]
                if v is not None:
                    found.append(int(v))
    if found:
        return max(found)
    with contextlib.suppress(sqlite3.DatabaseError):
        v = con.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        if v:
            return int(v[0])
    # The table's own pages are damaged; each of its indexes holds every rowid too.
    with contextlib.suppress(sqlite3.DatabaseError):
        indexes = con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
        ).fetchall()
        for (index,) in indexes:
            with contextlib.suppress(sqlite3.DatabaseError):
                v = con.execute(f'SELECT max(rowid) FROM "{table}" INDEXED BY "{index}"').fetchone()
                if v and v[0] is not None:
                    return int(v[0])
    # No bound readable: a table cannot hold more rows than the file has cells
    # (probing to 2**31 row by row would never end).
    with contextlib.suppress(sqlite3.DatabaseError):
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        size = con.execute("PRAGMA page_size").fetchone()[0]
        return min(_MAX_ROWID, max(1, pages * size // 4))
    return _MAX_ROWID


def _merge_ranges(ids: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ids):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _read_table(con, model) -> TableResult:
    name = model.__name__
    table = model.__table__.name
    res = TableResult(name)
    kinds = _kinds(model)
    try:
        present = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")').fetchall()]
    except sqlite3.DatabaseError:
        present = []
    cols = [c for c in kinds if c in present]
    if "id" not in cols:
        res.missing = True
        return res
    try:
        raw = con.execute(
            f'SELECT rowid, {_col_list(cols)} FROM "{table}" ORDER BY rowid'
        ).fetchall()
    except sqlite3.DatabaseError:
        raw = _read_range(con, table, cols, 1, _max_rowid(con, table), res)
        res.unreadable_ids = _merge_ranges(res.unreadable_ids)
    for values in raw:
        rowid, values = values[0], values[1:]
        try:
            row = {c: _convert(v, kinds[c]) for c, v in zip(cols, values, strict=True)}
        except (ValueError, TypeError) as exc:
            res.dropped.append(f"id {rowid}: 값이 깨짐 ({exc})")
            continue
        if row.get("id") != rowid:
            res.dropped.append(f"id {rowid}: 값이 깨짐")
            continue
        res.rows.append(row)
    return res


def _drop_bad_rows(results: dict[str, TableResult]) -> None:
    """Set aside rows that the importer would refuse (wrong values, lost parents), repeatedly."""
    table_by_sql = {t.__table__.name: t.__name__ for t in m.ALL_TABLES}
    while True:
        changed = False
        ids = {n: {r["id"] for r in t.rows} for n, t in results.items()}
        for model in m.ALL_TABLES:
            res = results[model.__name__]
            cols = interchange.columns(model)
            kinds = _kinds(model)
            fks = {
                f: table_by_sql[next(iter(c.foreign_keys)).column.table.name]
                for f, c in cols.items()
                if c.foreign_keys
            }
            keep = []
            for row in res.rows:
                problems = interchange._Problems(Path("salvage"))
                where = f"id {row['id']}"
                for f, col in cols.items():
                    if f in row:
                        interchange._decode(row[f], kinds[f], col, where, f, problems)
                    allowed = interchange.ENUM_FIELDS.get((model.__name__, f))
                    v = row.get(f)
                    if allowed and isinstance(v, str) and v not in allowed:
                        problems.add(f"{where}: '{f}' 값 '{v}'이(가) 깨짐")
                for f, target in fks.items():
                    v = row.get(f)
                    if v is not None and v not in ids[target]:
                        problems.add(
                            f"{where}: 속한 {interchange.TABLE_LABELS.get(target, target)} "
                            f"id {v}을(를) 잃음"
                        )
                if model is m.BudgetListItem and isinstance(row.get("project_ids"), list):
                    kept = [p for p in row["project_ids"] if p in ids["Project"]]
                    if kept != row["project_ids"]:
                        res.dropped.append(
                            f"id {row['id']}: 잃은 세부사업 {len(row['project_ids']) - len(kept)}개를 목록에서 뺌"
                        )
                        row["project_ids"] = kept
                if problems.items:
                    res.dropped.append(problems.items[0])
                    changed = True
                else:
                    keep.append(row)
            res.rows = keep
        if not changed:
            return


def _single_rows(results: dict[str, TableResult]) -> None:
    """The importer wants one Plan and one Municipality row: keep the first, name the rest."""
    for name in ("Plan", "Municipality"):
        res = results[name]
        for extra in res.rows[1:]:
            res.dropped.append(f"id {extra['id']}: 두 번째 행이라 뺌")
        res.rows = res.rows[:1]


def salvage(broken: str | Path, out: str | Path, overwrite: bool = False) -> SalvageReport:
    """Read what can be read from ``broken`` and write it as sbdesk JSON to ``out``."""
    broken, out = Path(broken), Path(out)
    outputs.check_target(out, overwrite)
    try:
        with open(broken, "rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise PlanFileError(f"'{broken}'을(를) 읽을 수 없습니다 ({exc.strerror or exc}).") from exc
    if header != planfile.SQLITE_HEADER:
        raise PlanFileError(
            f"'{broken.name}'은(는) 첫 부분부터 망가져 SQLite 데이터베이스로 읽을 수 없습니다. "
            "복구할 수 있는 내용이 없습니다. 백업 파일(.bak.sbplan, 내보낸 JSON)을 찾아보세요."
        )
    with tempfile.TemporaryDirectory(prefix="sbdesk-salvage-") as tmpdir:
        copy = Path(tmpdir) / "broken.sbplan"
        shutil.copyfile(broken, copy)
        journal = planfile.journal_path(broken)
        if journal.is_file():
            shutil.copyfile(journal, planfile.journal_path(copy))
        try:
            con = sqlite3.connect(planfile.sqlite_uri(copy, mode="rw"), uri=True)
        except sqlite3.DatabaseError as exc:
            raise PlanFileError(f"'{broken.name}'을(를) 열 수 없습니다: {exc}") from exc
        try:
            con.execute("PRAGMA trusted_schema=OFF")
            con.execute("PRAGMA cell_size_check=ON")
            with contextlib.suppress(sqlite3.DatabaseError):
                con.execute("PRAGMA schema_version").fetchone()  # rolls a hot journal back
            try:
                con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.DatabaseError as exc:
                raise PlanFileError(
                    f"'{broken.name}'의 목차(스키마)가 망가져 표를 찾을 수 없습니다 ({exc}). "
                    "복구할 수 있는 내용이 없습니다. 백업 파일을 찾아보세요."
                ) from exc
            results = {model.__name__: _read_table(con, model) for model in m.ALL_TABLES}
        finally:
            con.close()
    _single_rows(results)
    _drop_bad_rows(results)
    if not results["Plan"].rows:
        raise PlanFileError(
            f"'{broken.name}'에서 계획 자체(Plan 행)를 읽지 못해 새 계획을 만들 수 없습니다. "
            + " / ".join(SalvageReport(results, out).lines()[:5])
        )
    doc = {
        "format": interchange.FORMAT_NAME,
        "format_version": interchange.FORMAT_VERSION,
        "schema_version": planfile.SCHEMA_VERSION,
        "app_version": __version__,
        "tables": {name: res.rows for name, res in results.items()},
    }
    interchange.validate(doc, out)  # the importer will take it (raises if not)
    with outputs.writing(out, overwrite) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in interchange._dump_lines(doc):
                fh.write(chunk)
    return SalvageReport(results, out)

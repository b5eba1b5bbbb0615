"""PlanStore: the one object through which the app reads and writes a plan file.

Every call opens a short session, commits, and hands back detached objects or
plain data, so no SQLAlchemy session ever outlives a call (the UI never holds
one). Every write is committed at once: there is no unsaved state to lose.
"""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from sbdesk import models as m
from sbdesk.models import fields
from sbdesk.models.tables import table_of
from sbdesk.services import planfile
from sbdesk.services.batch import Batch, FieldEdit, RowInsert, StaleEditError
from sbdesk.services.card_rows import CARD_ROW_MODELS, CardRows, card_rows_of
from sbdesk.services.errors import PlanFileError, SbdeskError, ValidationError
from sbdesk.services.lock import LockPathError, PlanLock
from sbdesk.services.new_rows import NewRows
from sbdesk.services.numbers import NumberError, parse_date, parse_money
from sbdesk.services.plan_writes import PlanWrites
from sbdesk.services.reader import check_term
from sbdesk.services.text import clean_text, clean_value

#: Models whose rows are ordered by ``position`` inside their parent.
POSITIONED_PARENT = {
    m.DeliveryStep: "card_id",
    m.BudgetLine: "card_id",
    m.Indicator: "card_id",
    m.Partner: "card_id",
    m.Evaluation: "card_id",
    m.LevelIndicator: None,
    m.BasicIndicator: None,
    m.ChangeEntry: "year",
    m.CommitteeMember: "year",
    m.TFMember: "year",
    m.Legislation: "year",
    m.Activity: "year",
    m.OtherPlanLink: None,
}

MODELS_BY_NAME = {t.__name__: t for t in m.ALL_TABLES}

#: A community social security plan runs four years (제N기).
TERM_YEARS = 4


def _decimal_fields(model: type[SQLModel]) -> set[str]:
    out = set()
    for name, col in table_of(model).columns.items():
        if type(col.type).__name__ == "DecimalText":
            out.add(name)
    return out


def _copy(state: dict[str, dict]) -> dict[str, dict]:
    return {k: dict(v) for k, v in state.items()}


def _check_term(obj: SQLModel) -> None:
    """A plan's term must end on or after its start (a file edited elsewhere may not)."""
    if isinstance(obj, m.Plan):
        check_term(obj.start_year, obj.end_year)


_T = TypeVar("_T", bound=SQLModel)


def _must_get(s: Session, model: type[_T], ident: int | None) -> _T:
    """The row ``ident`` of ``model``, or a Korean ValidationError when it is gone."""
    obj = s.get(model, ident)
    if obj is None:
        raise ValidationError(f"{model.__name__} {ident}을(를) 찾을 수 없습니다.")
    return obj


def row_to_dict(obj: SQLModel) -> dict[str, Any]:
    return {c: getattr(obj, c) for c in table_of(type(obj)).columns.keys()}


class PlanStore(PlanWrites):
    """An open plan file (plan-page writes: ``plan_writes.PlanWrites``)."""

    def __init__(self, path: str | Path, read_only: bool = False, use_lock: bool = True):
        self.path = Path(path)
        #: The file the reads go to: ``path``, or the migrated copy of an older file
        #: opened read-only (see ``_readable_copy``).
        self.read_path = self.path
        self.backup_made: Path | None = None
        #: Why a file asked for writing was opened read-only (Korean), else None.
        self.read_only_reason: str | None = None
        planfile.inspect(self.path)
        if not read_only:
            self.read_only_reason = planfile.write_problem(self.path)
            read_only = self.read_only_reason is not None
        self._lock = PlanLock(self.path) if (use_lock and not read_only) else None
        if self._lock:
            try:
                self._lock.acquire()
            except LockPathError as exc:  # no lock possible here: read only, and say why
                self._lock = None
                read_only = True
                self.read_only_reason = str(exc)
        self.read_only = read_only
        self._copy_dir: str | None = None  # an older file opened read-only: a migrated copy
        try:
            if not read_only:
                self.backup_made = planfile.migrate(self.path)
                source = self.path
            else:
                source = self._readable_copy()
            self.read_path = source
            self.engine = planfile.make_engine(source, read_only=read_only, pooled=True)
        except Exception:
            if self._lock:
                self._lock.release()
            self._drop_copy()
            raise
        self.listeners: list[Callable[[str, int | None], None]] = []

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def create(
        cls,
        path: str | Path,
        *,
        plan: m.Plan | None = None,
        municipality: m.Municipality | None = None,
        year_records: bool = False,
        **kw,
    ) -> PlanStore:
        """Create a new plan file and open it: its plan and municipality (and, with
        ``year_records``, one ``PlanYear`` per plan year) are written in ONE
        transaction (``write_new``).

        A term runs ``TERM_YEARS`` years: ``end_year`` is computed here from
        ``start_year``. ``kw`` goes to ``PlanStore()``.
        """
        plan = plan or m.Plan()
        plan.end_year = plan.start_year + TERM_YEARS - 1
        rows = NewRows()
        rows.add(plan)
        rows.add(municipality or m.Municipality())
        if year_records:
            for y in range(plan.start_year, plan.end_year + 1):
                rows.add(m.PlanYear(year=y))
        cls.write_new(path, rows)
        return cls(path, **kw)

    @classmethod
    def write_new(cls, path: str | Path, rows: NewRows) -> Path:
        """Write a new plan file at ``path`` holding exactly ``rows`` (``insert_rows``).

        Every new file is written this way (``create``, the demo, a new term, a
        JSON import): schema and rows go into a temporary file beside ``path``,
        which becomes ``path`` only when complete; an existing file is never
        replaced (``PlanFileError``, or ``outputs.OutputExistsError`` when one
        appears meanwhile).
        """
        from sbdesk.services import outputs

        path = Path(path)
        if path.exists():
            raise PlanFileError(f"이미 있는 파일입니다: {path}")
        planfile.check_path_length(path)
        with outputs.writing(path) as tmp:
            planfile.create_schema(tmp)
            store = cls(tmp, use_lock=False)
            try:
                store.insert_rows(rows)
            finally:
                store.close()
            planfile.inspect(tmp)
        return path

    def insert_rows(self, rows: NewRows) -> None:
        """Insert new rows with their ids, table by table (parents first), in ONE transaction.

        The bulk write of ``write_new``: values are written as given (the
        builder made them from the model), without ``add_row``'s coercion and
        sibling positions.
        """
        self._writable()
        with self.session() as s:
            conn = s.connection()
            for model, data in rows.tables():
                conn.execute(table_of(model).insert(), data)
        self._changed("batch", None)

    def close(self) -> None:
        self.engine.dispose()
        if self._lock:
            self._lock.release()
        self._drop_copy()

    def _readable_copy(self) -> Path:
        """The file to read: itself, or (written by an older sbdesk) a migrated temporary copy.

        A file opened read-only is never migrated in place; its copy is, so every
        query sees the newest schema instead of failing with raw SQL errors.
        """
        if planfile.inspect(self.path) >= planfile.SCHEMA_VERSION:
            return self.path
        import tempfile

        self._copy_dir = tempfile.mkdtemp(prefix="sbdesk-readonly-")
        copy = Path(self._copy_dir) / "plan.sbplan"
        planfile.backup_copy(self.path, copy)
        planfile.migrate(copy)
        return copy

    def _drop_copy(self) -> None:
        if self._copy_dir is not None:
            import shutil

            shutil.rmtree(self._copy_dir, ignore_errors=True)
            self._copy_dir = None

    def __enter__(self) -> PlanStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A short session that commits on success and rolls back on error."""
        if self.read_only:
            with Session(self.engine, expire_on_commit=False) as s:
                yield s
                if s.new or s.dirty or s.deleted:
                    s.rollback()
                    raise PlanFileError("읽기 전용으로 연 파일은 고칠 수 없습니다.")
            return
        with Session(self.engine, expire_on_commit=False) as s:
            try:
                yield s
                s.commit()
            except Exception as exc:
                s.rollback()
                text = planfile.sqlite_problem(self.path, exc)
                if text is not None:  # full disk, file gone read-only…: Korean, not SQL
                    raise PlanFileError(text) from exc
                raise

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading only, one consistent snapshot; a write in it is refused.

        Code outside the store (importers, exports) reads through this and
        writes only through the store's methods.
        """
        with Session(self.engine, expire_on_commit=False) as s:
            try:
                yield s
                if s.new or s.dirty or s.deleted:
                    raise PlanFileError(
                        "읽기 중에는 계획을 고칠 수 없습니다 (아무것도 바뀌지 않음)."
                    )
            finally:
                s.rollback()

    def _changed(self, what: str, ident: int | None = None) -> None:
        for cb in list(self.listeners):
            cb(what, ident)

    def _writable(self) -> None:
        if self.read_only:
            raise PlanFileError("읽기 전용으로 연 파일은 고칠 수 없습니다.")

    # ------------------------------------------------------------------ plan data
    def plan(self) -> m.Plan:
        with self.session() as s:
            return s.exec(select(m.Plan)).first() or m.Plan()

    def municipality(self) -> m.Municipality:
        with self.session() as s:
            return s.exec(select(m.Municipality)).first() or m.Municipality()

    def years(self) -> list[int]:
        p = self.plan()
        _check_term(p)
        return list(range(p.start_year, p.end_year + 1))

    def plan_year(self, year: int) -> m.PlanYear:
        with self.session() as s:
            py = s.exec(select(m.PlanYear).where(m.PlanYear.year == year)).first()
            return py or m.PlanYear(year=year)

    # ------------------------------------------------------------------ generic rows
    def get(self, model: type[SQLModel], ident: int) -> Any:
        with self.session() as s:
            return s.get(model, ident)

    def list(self, model: type[SQLModel], order: str | None = None, **where) -> builtins.list[Any]:
        with self.session() as s:
            q = select(model)
            for k, v in where.items():
                q = q.where(getattr(model, k) == v)
            table = table_of(model)
            cols = table.columns.keys()
            key = order or (
                "position" if "position" in cols else ("number" if "number" in cols else "id")
            )
            q = q.order_by(getattr(model, key), table.c.id)
            return list(s.exec(q).all())

    def coerce(self, model: type[SQLModel], field: str, value: Any) -> Any:
        """Turn a typed value into what the column stores, or raise ValidationError."""
        table = table_of(model)
        if field not in table.columns.keys() or field == "id":
            raise ValidationError(f"'{field}'은(는) {model.__name__}의 항목이 아닙니다.")
        spec = fields.find(model, field)
        if spec is not None and spec.kind == "date":  # stored ISO, typed "2024. 2. 28."
            try:
                return parse_date("" if value is None else str(value), spec.title)
            except NumberError as exc:
                raise ValidationError(str(exc)) from exc
        if field in _decimal_fields(model):
            try:
                return parse_money(value, fields.title(model, field))
            except NumberError as exc:
                raise ValidationError(str(exc)) from exc
        col = table.columns[field]
        try:
            pytype = col.type.python_type
        except NotImplementedError:
            pytype = None
        if pytype is bool:
            if value is None and col.nullable:
                return None
            return bool(value)
        if pytype is int:
            if value is None or value == "":
                if col.nullable:
                    return None
                raise ValidationError(f"'{field}' 항목은 비워 둘 수 없습니다.")
            try:
                return int(str(value).replace(",", "").strip())
            except ValueError as exc:
                raise ValidationError(f"'{value}'은(는) 정수가 아닙니다 ({field}).") from exc
        if pytype is str:
            if value is None:
                return None if col.nullable else ""
            return clean_text(str(value))
        return clean_value(value)

    def set_field(self, model: type[SQLModel], ident: int, field: str, value: Any) -> Any:
        """Set one field of one row and commit; return the previous value."""
        self._writable()
        value = self.coerce(model, field, value)
        with self.session() as s:
            obj = s.get(model, ident)
            if obj is None:
                raise ValidationError(f"{model.__name__} {ident}을(를) 찾을 수 없습니다.")
            old = getattr(obj, field)
            setattr(obj, field, value)
            _check_term(obj)
            s.add(obj)
        self._changed(model.__name__, ident)
        return old

    def set_fields(
        self, model: type[SQLModel], ident: int, values: dict[str, Any]
    ) -> dict[str, Any]:
        """Set several fields of one row in one transaction; return the old values."""
        self._writable()
        values = {k: self.coerce(model, k, v) for k, v in values.items()}
        with self.session() as s:
            obj = s.get(model, ident)
            if obj is None:
                raise ValidationError(f"{model.__name__} {ident}을(를) 찾을 수 없습니다.")
            old = {k: getattr(obj, k) for k in values}
            for k, v in values.items():
                setattr(obj, k, v)
            _check_term(obj)
            s.add(obj)
        self._changed(model.__name__, ident)
        return old

    def _siblings(self, s: Session, model: type[SQLModel], obj: SQLModel) -> builtins.list[Any]:
        parent = POSITIONED_PARENT.get(model)
        table = table_of(model)
        q = select(model)
        if parent:
            q = q.where(getattr(model, parent) == getattr(obj, parent))
        if isinstance(obj, m.Evaluation):
            q = q.where(m.Evaluation.kind == obj.kind)
        if isinstance(obj, m.LevelIndicator):
            q = q.where(
                m.LevelIndicator.strategy_id == obj.strategy_id,
                m.LevelIndicator.task_id == obj.task_id,
                m.LevelIndicator.year == obj.year,
            )
        if isinstance(obj, m.BasicIndicator):
            q = q.where(
                m.BasicIndicator.project_id == obj.project_id,
                m.BasicIndicator.strategy_id == obj.strategy_id,
            )
        if isinstance(obj, m.Activity):
            q = q.where(m.Activity.kind == obj.kind)
        return list(s.exec(q.order_by(table.c.position, table.c.id)).all())

    def add_row(
        self, model: type[SQLModel], values: dict[str, Any], position: int | None = None
    ) -> int:
        """Insert a row (at ``position`` among its siblings, default last); return its id."""
        self._writable()
        values = {k: self.coerce(model, k, v) for k, v in values.items() if k != "id"}
        with self.session() as s:
            obj: Any = model(
                **values
            )  # any table model: has ``id`` (sqlmodel types only the class)
            if "position" in table_of(model).columns.keys():
                sibs = self._siblings(s, model, obj)
                pos = len(sibs) if position is None else max(0, min(position, len(sibs)))
                for i, sib in enumerate(sibs):
                    sib.position = i if i < pos else i + 1
                    s.add(sib)
                obj.position = pos
            s.add(obj)
            s.flush()
            ident = obj.id
        self._changed(model.__name__, ident)
        return ident

    def delete_row(self, model: type[SQLModel], ident: int) -> dict[str, Any]:
        """Delete a row; return its data for ``restore_row`` (undo)."""
        self._writable()
        with self.session() as s:
            obj = s.get(model, ident)
            if obj is None:
                raise ValidationError(f"{model.__name__} {ident}을(를) 찾을 수 없습니다.")
            data = row_to_dict(obj)
            s.delete(obj)
            s.flush()
            if "position" in data:
                sibs = [x for x in self._siblings(s, model, obj) if x.id != ident]
                for i, sib in enumerate(sibs):
                    sib.position = i
                    s.add(sib)
        self._changed(model.__name__, ident)
        return data

    def restore_row(self, model: type[SQLModel], data: dict[str, Any]) -> int:
        """Re-insert a deleted row with its old id and position."""
        self._writable()
        with self.session() as s:
            obj = model(**data)
            if "position" in data:
                sibs = self._siblings(s, model, obj)
                for i, sib in enumerate(sibs):
                    sib.position = i if i < data["position"] else i + 1
                    s.add(sib)
            s.add(obj)
        self._changed(model.__name__, data.get("id"))
        return data["id"]

    def move_row(self, model: type[SQLModel], ident: int, new_position: int) -> int:
        """Move a positioned row among its siblings; return its old position."""
        self._writable()
        with self.session() as s:
            obj = s.get(model, ident)
            if obj is None:
                raise ValidationError(f"{model.__name__} {ident}을(를) 찾을 수 없습니다.")
            sibs = self._siblings(s, model, obj)
            old = [x.id for x in sibs].index(ident)
            sibs.pop(old)
            new_position = max(0, min(new_position, len(sibs)))
            sibs.insert(new_position, obj)
            for i, sib in enumerate(sibs):
                sib.position = i
                s.add(sib)
        self._changed(model.__name__, ident)
        return old

    # ------------------------------------------------------------------ batches
    def apply_batch(
        self,
        edits: Sequence[FieldEdit] = (),
        inserts: Sequence[RowInsert] = (),
        ledger: tuple[int, str] | None = None,
        notes: dict[str, dict] | None = None,
    ) -> Batch:
        """Write many edits and new rows in one transaction (see ``services.batch``).

        ``notes`` are merged into the ledger's other sections (``{"cells": {…}}``).

        Values are coerced like every write; a stale edit raises
        ``StaleEditError`` and nothing is written.
        """
        self._writable()
        batch = Batch(ledger=ledger)
        edits = [
            FieldEdit(
                e.model, e.ident, e.field, self.coerce(e.model, e.field, e.value), e.expect, e.ref
            )
            for e in edits
        ]
        inserts = [
            RowInsert(
                r.model,
                {k: self.coerce(r.model, k, v) for k, v in r.values.items() if k != "id"},
                r.ledger_key,
                r.ref,
            )
            for r in inserts
        ]
        with self.session() as s:
            for e in edits:
                obj = s.get(e.model, e.ident)
                if obj is None:
                    raise StaleEditError("gone", e.ref)
                current = getattr(obj, e.field)
                if e.expect is not None and not e.expect(current):
                    raise StaleEditError("changed", e.ref)
                setattr(obj, e.field, e.value)
                s.add(obj)
                batch.changed.append((e.model.__name__, e.ident, e.field, current, e.value))
            state: dict[str, dict] = {"rows": {}}
            if ledger is not None and (any(r.ledger_key for r in inserts) or notes):
                _row, state = self.ledger_state(s, ledger)
                state.setdefault("rows", {})
                batch.ledger_before = _copy(state)
            for r in inserts:
                if "card_id" in r.values and s.get(m.Card, r.values["card_id"]) is None:
                    raise StaleEditError("parent", r.ref)
                new: Any = r.model(**r.values)  # any table model: has ``id`` and ``uid``
                if r.model in POSITIONED_PARENT:
                    new.position = len(self._siblings(s, r.model, new))
                s.add(new)
                s.flush()
                batch.created.append((r.model.__name__, row_to_dict(new)))
                if r.ledger_key:
                    state["rows"][r.ledger_key] = [new.id, new.uid]
            if batch.ledger_before is not None and ledger is not None:
                for section, entries in (notes or {}).items():
                    state.setdefault(section, {}).update(entries)
                self._set_ledger(s, ledger, state)
                batch.ledger_after = _copy(state)
        if not batch.empty:
            self._changed("batch", None)
        return batch

    @contextlib.contextmanager
    def _undo_errors(self, gone: str, failed: str) -> Iterator[None]:
        """Undo/redo of a batch fails in Korean (nothing written): ``gone`` when a row was deleted."""
        try:
            yield
        except StaleEditError as exc:
            raise StaleEditError(exc.reason, exc.ref, f"{gone} (아무것도 바뀌지 않음).") from exc
        except SbdeskError:
            raise
        except Exception as exc:  # rolled back by session()
            raise PlanFileError(f"{failed} (아무것도 바뀌지 않음): {exc}") from exc

    def revert_batch(self, batch: Batch) -> None:
        """Undo ``apply_batch`` in one transaction (old values back, added rows removed).

        Raises a Korean ``StaleEditError`` when a row it changed was deleted since, a
        ``PlanFileError`` on any other failure; nothing is written then.
        """
        self._writable()
        with (
            self._undo_errors(
                "되돌릴 수 없습니다: 그 뒤 앱에서 그 행이 삭제되었습니다",
                "되돌리지 못했습니다",
            ),
            self.session() as s,
        ):
            for model, data in reversed(batch.created):
                obj = s.get(MODELS_BY_NAME[model], data["id"])
                if obj is not None:
                    s.delete(obj)
            for model, ident, fld, old, _new in reversed(batch.changed):
                obj = s.get(MODELS_BY_NAME[model], ident)
                if obj is None:
                    raise StaleEditError("gone", (model, ident))
                setattr(obj, fld, old)
                s.add(obj)
            if batch.ledger is not None and (
                batch.ledger_before is not None or batch.ledger_after is not None
            ):
                self._set_ledger(s, batch.ledger, batch.ledger_before or None)
        self._changed("batch", None)

    def reapply_batch(self, batch: Batch) -> None:
        """Redo a batch undone by ``revert_batch`` (same values, same row ids); errors as there."""
        self._writable()
        with (
            self._undo_errors(
                "다시 적용할 수 없습니다: 그 뒤 앱에서 그 행이 삭제되었습니다",
                "다시 적용하지 못했습니다",
            ),
            self.session() as s,
        ):
            for model, ident, fld, _old, new in batch.changed:
                obj = s.get(MODELS_BY_NAME[model], ident)
                if obj is None:
                    raise StaleEditError("gone", (model, ident))
                setattr(obj, fld, new)
                s.add(obj)
            for model, data in batch.created:
                s.add(MODELS_BY_NAME[model](**data))
            if batch.ledger is not None and batch.ledger_after is not None:
                self._set_ledger(s, batch.ledger, batch.ledger_after)
        self._changed("batch", None)

    def ledger(self, year: int, key: str) -> dict[str, dict]:
        """A ledger's sections: ``{"rows": {ledger_key: [id, uid]}, …}`` (see ``services.batch``)."""
        with self.reading() as s:
            return self.ledger_state(s, (year, key))[1]

    @staticmethod
    def ledger_state(s: Session, ledger: tuple[int, str]) -> tuple[m.YearText | None, dict]:
        """The ledger's row and its sections (each a dict; anything else is dropped)."""
        year, key = ledger
        row = s.exec(
            select(m.YearText).where(m.YearText.year == year, m.YearText.key == key)
        ).first()
        value = row.value if row is not None and isinstance(row.value, dict) else {}
        return row, {k: dict(v) for k, v in value.items() if isinstance(v, dict)}

    def _set_ledger(self, s: Session, ledger: tuple[int, str], state: dict | None) -> None:
        """Put a ledger back to ``state``; an empty one (or ``None``) removes its row."""
        row, _ = self.ledger_state(s, ledger)
        if not state or not any(state.values()):
            if row is not None:
                s.delete(row)
            return
        if row is None:
            row = m.YearText(year=ledger[0], key=ledger[1], value=_copy(state))
        else:
            row.value = _copy(state)
        s.add(row)

    # ------------------------------------------------------------------ tree
    def strategies(self, system: str | None = None) -> builtins.list[m.Strategy]:
        with self.session() as s:
            q = select(m.Strategy)
            if system:
                q = q.where(m.Strategy.system == system)
            return list(s.exec(q.order_by(m.Strategy.system, m.Strategy.number)).all())

    def tasks(self, strategy_id: int) -> builtins.list[m.Task]:
        return self.list(m.Task, strategy_id=strategy_id)

    def projects(
        self, strategy_id: int | None = None, task_id: int | None = None
    ) -> builtins.list[m.Project]:
        with self.session() as s:
            q = select(m.Project)
            if strategy_id is not None:
                q = q.where(m.Project.strategy_id == strategy_id)
                q = (
                    q.where(m.Project.task_id == task_id)
                    if task_id
                    else q.where(m.Project.task_id.is_(None))
                )
            elif task_id is not None:
                q = q.where(m.Project.task_id == task_id)
            return list(s.exec(q.order_by(m.Project.number, m.Project.id)).all())

    def new_strategy(self, system: str, title: str) -> dict[str, Any]:
        """The values of a new strategy of ``system``, numbered after the last one.

        Nothing is written: the caller adds the row (``add_row``), so the UI can undo it.
        """
        title = clean_text(title).strip()
        if not title:
            raise ValidationError("전략 이름을 입력하세요.")
        numbers = [st.number for st in self.strategies(system)]
        return {"system": system, "number": max(numbers, default=0) + 1, "title": title}

    def new_task(self, strategy_id: int, title: str) -> dict[str, Any]:
        """The values of a new 대표과업 under a strategy, numbered after the last one."""
        title = clean_text(title).strip()
        if not title:
            raise ValidationError("대표과업 이름을 입력하세요.")
        numbers = [t.number for t in self.tasks(strategy_id)]
        return {"strategy_id": strategy_id, "number": max(numbers, default=0) + 1, "title": title}

    def codes(self) -> dict[int, str]:
        """Project id → number (I-1-1, II-1-1-1), stored (6th term) or derived from the tree."""
        from sbdesk.services.read_model import project_codes_of

        return project_codes_of(self)

    def project_by_code(self, code: str) -> m.Project | None:
        for pid, c in self.codes().items():
            if c == code:
                return self.get(m.Project, pid)
        return None

    def add_project(
        self,
        strategy_id: int,
        name: str,
        year: int,
        task_id: int | None = None,
        index: int | None = None,
    ) -> int:
        """Add a project under a strategy (or task) with an empty card for ``year``."""
        self._writable()
        if not name.strip():
            raise ValidationError("사업명을 입력하세요.")
        with self.session() as s:
            sibs = self._project_siblings(s, strategy_id, task_id)
            index = len(sibs) if index is None else max(0, min(index, len(sibs)))
            p = m.Project(
                strategy_id=strategy_id, task_id=task_id, name=name.strip(), number=index + 1
            )
            if self._stored_numbers(s):
                p.code = self._next_code(s, strategy_id, task_id)
            sibs.insert(index, p)
            for i, sib in enumerate(sibs):
                sib.number = i + 1
                s.add(sib)
            s.flush()
            s.add(m.Card(project_id=p.id, year=year))
            pid = p.id
        self._changed("Project", pid)
        return pid

    def _project_siblings(
        self, s: Session, strategy_id: int, task_id: int | None
    ) -> builtins.list[m.Project]:
        q = select(m.Project).where(m.Project.strategy_id == strategy_id)
        q = (
            q.where(m.Project.task_id == task_id)
            if task_id
            else q.where(m.Project.task_id.is_(None))
        )
        return list(s.exec(q.order_by(m.Project.number, m.Project.id)).all())

    def move_project(self, project_id: int, new_index: int) -> int:
        """Move a project among its siblings and renumber them 1..n; return its old index."""
        self._writable()
        with self.session() as s:
            p = _must_get(s, m.Project, project_id)
            sibs = self._project_siblings(s, p.strategy_id, p.task_id)
            old = [x.id for x in sibs].index(project_id)
            sibs.pop(old)
            new_index = max(0, min(new_index, len(sibs)))
            sibs.insert(new_index, p)
            for i, sib in enumerate(sibs):
                sib.number = i + 1
                s.add(sib)
        self._changed("Project", project_id)
        return old

    # ------------------------------------------------------------------ 6th-term numbers
    def _stored_numbers(self, s: Session) -> bool:
        from sbdesk.terms import rules_for

        plan = s.exec(select(m.Plan)).first()
        return rules_for(plan.term if plan else None).stored_numbers

    def _next_code(self, s: Session, strategy_id: int, task_id: int | None) -> str:
        """The next unused number under a strategy (or 대표과업): Ⅰ-s-(max+1), Ⅱ-s-t-(max+1)."""
        st = _must_get(s, m.Strategy, strategy_id)
        task = s.get(m.Task, task_id) if task_id else None
        prefix = f"{st.system}-{st.number}-" + (f"{task.number}-" if task else "")
        used = {x.code for x in s.exec(select(m.Project)).all()}
        tail = [
            int(c[len(prefix) :])
            for c in used
            if c.startswith(prefix) and c[len(prefix) :].isdigit()
        ]
        n = max(tail, default=0) + 1
        while f"{prefix}{n}" in used:
            n += 1
        return f"{prefix}{n}"

    def move_project_to(
        self,
        project_id: int,
        strategy_id: int,
        task_id: int | None = None,
        index: int | None = None,
    ) -> dict[str, Any]:
        """Move a project under another strategy (or 대표과업), at ``index`` (default last).

        A stored (6th-term) number is kept; a derived (5th-term) one follows the
        new position. Returns where the project was, for ``move_project_to(**old)``.
        """
        self._writable()
        with self.session() as s:
            p = s.get(m.Project, project_id)
            if p is None:
                raise ValidationError(f"사업 {project_id}을(를) 찾을 수 없습니다.")
            if s.get(m.Strategy, strategy_id) is None:
                raise ValidationError(f"전략 {strategy_id}을(를) 찾을 수 없습니다.")
            if task_id is not None:
                task = s.get(m.Task, task_id)
                if task is None or task.strategy_id != strategy_id:
                    raise ValidationError("옮길 대표과업이 그 전략에 속해 있지 않습니다.")
            old_sibs = self._project_siblings(s, p.strategy_id, p.task_id)
            old = {
                "strategy_id": p.strategy_id,
                "task_id": p.task_id,
                "index": [x.id for x in old_sibs].index(project_id),
            }
            rest = [x for x in old_sibs if x.id != project_id]
            for i, sib in enumerate(rest):
                sib.number = i + 1
                s.add(sib)
            s.flush()
            new_sibs = [
                x for x in self._project_siblings(s, strategy_id, task_id) if x.id != project_id
            ]
            index = len(new_sibs) if index is None else max(0, min(index, len(new_sibs)))
            p.strategy_id, p.task_id = strategy_id, task_id
            new_sibs.insert(index, p)
            for i, sib in enumerate(new_sibs):
                sib.number = i + 1
                s.add(sib)
        self._changed("Project", project_id)
        return old

    def renumber_projects(self) -> dict[int, str]:
        """Give every project a fresh number from its position (Ⅰ-s-n, Ⅱ-s-t-n).

        The explicit 사업번호 다시 매기기 of a 6th-term plan; returns the old
        numbers for ``restore_codes`` (undo).
        """
        from sbdesk.services.project_codes import derived_code

        self._writable()
        with self.session() as s:
            strategies = {x.id: x for x in s.exec(select(m.Strategy)).all()}
            tasks = {x.id: x for x in s.exec(select(m.Task)).all()}
            old = {}
            for p in s.exec(select(m.Project)).all():
                old[p.id] = p.code
                p.code = derived_code(strategies[p.strategy_id], tasks.get(p.task_id), p)
                s.add(p)
        self._changed("Project", None)
        return old

    def term_budget(self, project_id: int, year: int, source: str) -> str:
        """A 6th-term budget cell (one source, one year) as typed: "12.3", "0", "/" or ""."""
        with self.session() as s:
            b = self._term_budget_row(s, project_id, year, source)
            if b is None:
                return ""
            return b.mark or ("" if b.amount is None else format(b.amount, "f"))

    def _term_budget_row(self, s: Session, project_id: int, year: int, source: str):
        return s.exec(
            select(m.BasicBudget).where(
                m.BasicBudget.project_id == project_id,
                m.BasicBudget.year == year,
                m.BasicBudget.source == source,
            )
        ).first()

    def set_term_budget(self, project_id: int, year: int, source: str, text: str | None) -> str:
        """Set one 6th-term budget cell from what was typed; return the old text (undo).

        "/" = no figure that year (a 6기 신규 project's 2026), "0" = 비예산, a number is
        the amount in 백만원 as typed, "" removes the cell. Anything else raises a
        Korean ValidationError naming the year and the source.
        """
        from sbdesk.models.fields import FUNDING_LABELS
        from sbdesk.services.numbers import normalize_text

        self._writable()
        label = f"{year}년 {FUNDING_LABELS.get(source, source)} 사업비"
        raw = normalize_text(str(text or ""))
        mark = "/" if raw == "/" else ""
        try:
            amount = None if mark else parse_money(raw, label)
        except NumberError as exc:
            raise ValidationError(str(exc)) from exc
        if raw and not mark and amount is None:  # "-" is not a 6th-term value
            raise ValidationError(
                f"{label}: 숫자, 0(비예산) 또는 /(수치 없음)만 입력할 수 있습니다."
            )
        with self.session() as s:
            b = self._term_budget_row(s, project_id, year, source)
            old = (
                "" if b is None else (b.mark or ("" if b.amount is None else format(b.amount, "f")))
            )
            if amount is None and not mark:
                if b is not None:
                    s.delete(b)
            else:
                if b is None:
                    b = m.BasicBudget(project_id=project_id, year=year, source=source)
                b.amount, b.mark = amount, mark
                s.add(b)
        self._changed("BasicBudget", project_id)
        return old

    def restore_codes(self, codes: dict[int, str]) -> None:
        """Put back stored numbers (undo of ``renumber_projects``)."""
        self._writable()
        with self.session() as s:
            for pid, code in codes.items():
                p = s.get(m.Project, pid)
                if p is not None:
                    p.code = code
                    s.add(p)
        self._changed("Project", None)

    def project_subtree(self, project_id: int) -> dict[str, builtins.list[dict]]:
        """Every row that belongs to a project (for undoing its removal)."""
        with self.session() as s:
            out: dict[str, builtins.list[dict]] = {}
            p = _must_get(s, m.Project, project_id)
            out["Project"] = [row_to_dict(p)]
            cards = s.exec(select(m.Card).where(m.Card.project_id == project_id)).all()
            out["Card"] = [row_to_dict(c) for c in cards]
            card_ids = [c.id for c in cards]
            for model in (m.DeliveryStep, m.BudgetLine, m.Indicator, m.Partner, m.Evaluation):
                rows = (
                    s.exec(select(model).where(model.card_id.in_(card_ids))).all()
                    if card_ids
                    else []
                )
                out[model.__name__] = [row_to_dict(r) for r in rows]
            for model in (m.BasicIndicator, m.BasicBudget):
                rows = s.exec(select(model).where(model.project_id == project_id)).all()
                out[model.__name__] = [row_to_dict(r) for r in rows]
            for model in (m.ChangeEntry, m.Legislation, m.Activity, m.OtherPlanLink):
                rows = s.exec(select(model).where(model.project_id == project_id)).all()
                out["ref:" + model.__name__] = [{"id": r.id} for r in rows]
            rows = s.exec(select(m.BudgetListItem)).all()
            out["ref:BudgetListItem"] = [
                {"id": r.id} for r in rows if project_id in (r.project_ids or [])
            ]
            return out

    def remove_project(self, project_id: int) -> dict[str, builtins.list[dict]]:
        """Remove a project with its cards; siblings renumber. Returns data for undo."""
        self._writable()
        data = self.project_subtree(project_id)
        with self.session() as s:
            p = _must_get(s, m.Project, project_id)
            for item in s.exec(select(m.BudgetListItem)).all():
                if project_id in (item.project_ids or []):
                    item.project_ids = [x for x in item.project_ids if x != project_id]
                    s.add(item)
            s.delete(p)
            s.flush()
            for i, sib in enumerate(self._project_siblings(s, p.strategy_id, p.task_id)):
                sib.number = i + 1
                s.add(sib)
        self._changed("Project", project_id)
        return data

    def restore_project(self, data: dict[str, builtins.list[dict]]) -> int:
        """Undo ``remove_project``: put back every row with its old ids and number."""
        self._writable()
        p = data["Project"][0]
        with self.session() as s:
            sibs = self._project_siblings(s, p["strategy_id"], p["task_id"])
            for sib in sibs:
                if sib.number >= p["number"]:
                    sib.number += 1
                    s.add(sib)
            s.flush()
            for name in (
                "Project",
                "Card",
                "DeliveryStep",
                "BudgetLine",
                "Indicator",
                "Partner",
                "Evaluation",
                "BasicIndicator",
                "BasicBudget",
            ):
                for row in data.get(name, []):
                    s.add(MODELS_BY_NAME[name](**row))
                s.flush()
            for name in ("ChangeEntry", "Legislation", "Activity", "OtherPlanLink"):
                for ref in data.get("ref:" + name, []):
                    obj = s.get(MODELS_BY_NAME[name], ref["id"])
                    if obj is not None:
                        obj.project_id = p["id"]
                        s.add(obj)
            for ref in data.get("ref:BudgetListItem", []):
                obj = s.get(m.BudgetListItem, ref["id"])
                if obj is not None:
                    obj.project_ids = list(obj.project_ids or []) + [p["id"]]
                    s.add(obj)
        self._changed("Project", p["id"])
        return p["id"]

    # ------------------------------------------------------------------ cards
    def card(self, project_id: int, year: int, create: bool = False) -> m.Card | None:
        with self.session() as s:
            c = s.exec(
                select(m.Card).where(m.Card.project_id == project_id, m.Card.year == year)
            ).first()
            if c is None and create:
                self._writable()
                c = m.Card(project_id=project_id, year=year)
                s.add(c)
                s.flush()
            return c

    def card_rows(self, card_id: int) -> CardRows:
        """The rows of a card, each block in its order (``card_rows.CardRows``)."""
        with self.session() as s:
            by_model = {}
            for name in CARD_ROW_MODELS:
                model = MODELS_BY_NAME[name]
                q = select(model).where(model.card_id == card_id)
                by_model[name] = {card_id: s.exec(q.order_by(model.position, model.id)).all()}
            return card_rows_of(by_model, card_id)

    def count(self, model: type[SQLModel]) -> int:
        with self.session() as s:
            return s.exec(select(func.count()).select_from(model)).one()

    def year_view(self, year: int):
        """Everything of one year with every figure computed (see ``views``)."""
        from sbdesk.services.read_model import build_year_view

        return build_year_view(self, year)

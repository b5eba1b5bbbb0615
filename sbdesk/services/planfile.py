"""The plan file: one SQLite file per plan (``*.sbplan``).

- The schema version is stored in the file (``PRAGMA user_version``) beside an
  application id, so a random SQLite file is recognised as "not a plan".
- Opening an older file copies it to ``<name>.v<N>.bak`` first, then migrates it
  step by step; a file written by a newer sbdesk is refused, unchanged.
- Settings are safe for a file on a network drive: rollback journal (no WAL,
  which needs shared memory a network share does not give), ``synchronous=FULL``
  so a committed edit survives a power cut.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool
from sqlmodel import SQLModel, create_engine

from sbdesk import models  # noqa: F401 - registers every table on SQLModel.metadata
from sbdesk.services import migrations
from sbdesk.services.errors import PlanFileError

APPLICATION_ID = 0x53424450  # "SBDP"
SCHEMA_VERSION = migrations.SCHEMA_VERSION

#: ``MIGRATIONS[n]`` upgrades a file from schema n to n + 1 inside one transaction
#: (the numbered modules of ``services/migrations/``).
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = migrations.by_version()

SQLITE_HEADER = b"SQLite format 3\x00"


def _configure(dbapi_conn, _record=None) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=DELETE")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(path: Path, read_only: bool = False) -> Engine:
    """An engine over the plan file; every connection gets the durable settings."""
    if read_only:
        uri = f"file:{Path(path).resolve().as_posix()}?mode=ro"
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
            poolclass=NullPool,
        )
    else:
        engine = create_engine(
            f"sqlite:///{Path(path).resolve().as_posix()}",
            connect_args={"check_same_thread": False},
            poolclass=NullPool,
        )
    event.listen(engine, "connect", _configure)
    return engine


def _read_header(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(100)
    except FileNotFoundError as exc:
        raise PlanFileError(f"계획 파일을 찾을 수 없습니다: {path}") from exc
    except IsADirectoryError as exc:
        raise PlanFileError(f"'{path}'은(는) 파일이 아니라 폴더입니다.") from exc
    except OSError as exc:
        raise PlanFileError(f"계획 파일을 읽을 수 없습니다: {path} ({exc.strerror})") from exc


def inspect(path: Path) -> int:
    """Check that ``path`` is an intact plan file and return its schema version.

    Raises PlanFileError (Korean message) for a missing, foreign, truncated or
    corrupt file. Reads only; never changes the file.
    """
    path = Path(path)
    header = _read_header(path)
    if len(header) == 0:
        raise PlanFileError(f"'{path.name}' 파일이 비어 있습니다. sbdesk 계획 파일이 아닙니다.")
    if not header.startswith(SQLITE_HEADER):
        raise PlanFileError(
            f"'{path.name}'은(는) sbdesk 계획 파일이 아닙니다 (SQLite 데이터베이스가 아님)."
        )
    if len(header) < 100:
        raise PlanFileError(f"'{path.name}' 파일이 잘려 있습니다 (손상된 파일).")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    if page_size and page_count and path.stat().st_size < page_size * page_count:
        raise PlanFileError(
            f"'{path.name}' 파일이 잘려 있습니다 (크기 {path.stat().st_size:,}바이트, "
            f"필요 {page_size * page_count:,}바이트). 백업 파일에서 복원하세요."
        )
    uri = f"file:{path.resolve().as_posix()}?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise PlanFileError(
                    f"'{path.name}'은(는) sbdesk 계획 파일이 아닙니다 (다른 프로그램의 데이터베이스)."
                )
            check = con.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise PlanFileError(f"'{path.name}' 파일이 손상되었습니다: {check}")
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise PlanFileError(f"'{path.name}' 파일이 손상되었습니다: {exc}") from exc
    if version > SCHEMA_VERSION:
        raise PlanFileError(
            f"'{path.name}'은(는) 더 새로운 sbdesk(파일 형식 {version})에서 저장된 파일입니다. "
            f"이 프로그램은 형식 {SCHEMA_VERSION}까지만 열 수 있습니다. sbdesk를 업데이트하세요."
        )
    if version < 1:
        raise PlanFileError(f"'{path.name}' 파일의 형식 번호({version})가 올바르지 않습니다.")
    return version


def create(path: Path) -> None:
    """Write a new, empty plan file at ``path`` (which must not exist yet)."""
    path = Path(path)
    if path.exists():
        raise PlanFileError(f"이미 있는 파일입니다: {path}")
    tmp = path.with_name(path.name + ".creating")
    tmp.unlink(missing_ok=True)
    engine = make_engine(tmp)
    try:
        SQLModel.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")
    finally:
        engine.dispose()
    tmp.replace(path)


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.stem}.v{version}.bak{path.suffix}")


def migrate(path: Path) -> Path | None:
    """Bring an older plan file up to SCHEMA_VERSION; return the backup made, if any.

    The file is copied to ``<stem>.v<N>.bak<suffix>`` before anything changes,
    and every step runs in one transaction: a failed step leaves the file as it
    was (and the backup beside it).
    """
    path = Path(path)
    version = inspect(path)
    if version == SCHEMA_VERSION:
        return None
    backup = backup_path(path, version)
    shutil.copy2(path, backup)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        while version < SCHEMA_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise PlanFileError(
                    f"형식 {version}에서 {version + 1}(으)로 바꾸는 방법이 없습니다."
                )
            con.execute("BEGIN IMMEDIATE")
            try:
                step(con)
                con.execute(f"PRAGMA user_version={version + 1}")
                con.execute("COMMIT")
            except Exception as exc:
                con.execute("ROLLBACK")
                if isinstance(exc, PlanFileError):
                    raise
                raise PlanFileError(
                    f"'{path.name}' 파일을 형식 {version}에서 {version + 1}(으)로 바꾸지 못했습니다 "
                    f"({exc}). 이 단계는 취소되었고, 바꾸기 전 파일은 '{backup.name}'에 있습니다."
                ) from exc
            version += 1
    finally:
        con.close()
    return backup


def backup_copy(path: Path, target: Path) -> None:
    """A consistent copy of an open plan file (SQLite online backup)."""
    src = sqlite3.connect(f"file:{Path(path).resolve().as_posix()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()

"""The plan file: one SQLite file per plan (``*.sbplan``).

- The schema version is stored in the file (``PRAGMA user_version``) beside an
  application id, so a random SQLite file is recognised as "not a plan".
- Opening an older file copies it to ``<name>.v<N>.bak`` first, then migrates it
  step by step; a file written by a newer sbdesk is refused, unchanged.
- Settings are safe for a file on a network drive: rollback journal (no WAL,
  which needs shared memory a network share does not give), ``synchronous=FULL``
  so a committed edit survives a power cut.
- A write killed mid-commit leaves ``<file>-journal`` (a "hot journal"); SQLite
  rolls it back only on a read-write open, so ``inspect`` recovers it that way
  before checking anything (never delete that journal: it holds the old pages).
- Every SQLite URI is built by ``sqlite_uri`` (URL-quoted: ``#``, ``%``, ``?``).
- A crafted file is refused: ``trusted_schema=OFF`` on every connection, the
  schema may hold only the tables and indexes sbdesk creates (``foreign_objects``),
  and opening is bounded in time (``OPEN_TIME_LIMIT``).
"""

from __future__ import annotations

import functools
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sbdesk.services import migrations
from sbdesk.services.errors import PlanFileError, os_reason

if TYPE_CHECKING:  # SQLAlchemy is imported only when an engine is made (see read_model)
    from sqlalchemy.engine import Engine

APPLICATION_ID = 0x53424450  # "SBDP"
SCHEMA_VERSION = migrations.SCHEMA_VERSION

#: ``MIGRATIONS[n]`` upgrades a file from schema n to n + 1 inside one transaction
#: (the numbered modules of ``services/migrations/``).
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = migrations.by_version()

SQLITE_HEADER = b"SQLite format 3\x00"

#: Seconds ``inspect`` may spend on a file before giving up (a crafted file can
#: make SQLite work forever; a real plan of a whole 시·도 needs well under one).
OPEN_TIME_LIMIT = 20.0

#: Schema objects (type, name) that older sbdesk versions created and a
#: migration later removed: files not yet migrated may still hold them.
RETIRED_OBJECTS: set[tuple[str, str]] = set()


def sqlite_uri(path: str | os.PathLike, **params: str) -> str:
    """A URL-quoted SQLite URI for ``path`` (``#``, ``%``, ``?``, spaces, Hangul are safe).

    ``file:///abs/path?mode=ro``; a Windows drive path becomes ``file:///C:/...``
    and a UNC path ``file:////server/share/...`` (empty authority, as SQLite wants).
    """
    p = os.path.abspath(os.fspath(path)).replace(os.sep, "/")
    if not p.startswith("/"):
        p = "/" + p  # C:/x -> /C:/x
    quoted = urllib.parse.quote_from_bytes(os.fsencode(p), safe="/:")
    query = urllib.parse.urlencode(params)
    return f"file://{quoted}" + (f"?{query}" if query else "")


def check_path_length(path: str | os.PathLike) -> None:
    """SQLite cannot open a path longer than its limit: say so in Korean, before trying.

    The limit is 512 bytes (UTF-8) for the whole path on Linux/macOS (a Hangul
    letter is 3 bytes) and 260 characters (MAX_PATH) on Windows.
    """
    full = os.path.abspath(os.fspath(path))
    if os.name == "nt":  # pragma: no cover - Windows
        size, limit, unit = len(full), 259, "글자"
    else:
        size, limit, unit = len(os.fsencode(full)), 511, "바이트"
    if size > limit:
        raise PlanFileError(
            f"'{Path(full).name}'의 경로가 너무 깁니다 ({size:,}{unit}, 최대 {limit}{unit}). "
            "파일을 더 짧은 경로의 폴더(예: 바탕화면, D:\\계획)로 옮기거나 폴더 이름을 줄인 뒤 여세요."
        )


def connect(path: str | os.PathLike, mode: str = "ro", **kw) -> sqlite3.Connection:
    """A raw sqlite3 connection to ``path`` (mode ``ro``, ``rw`` or ``rwc``), schema untrusted."""
    check_path_length(path)
    con = sqlite3.connect(sqlite_uri(path, mode=mode), uri=True, **kw)
    con.execute("PRAGMA trusted_schema=OFF")
    return con


def _configure(dbapi_conn, _record=None) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA trusted_schema=OFF")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=DELETE")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(
    path: Path, read_only: bool = False, create: bool = False, pooled: bool = False
) -> Engine:
    """An engine over the plan file; every connection gets the durable settings.

    The file must exist unless ``create``; it is reached through a quoted URI
    (``sqlite_uri``), never a path pasted into a URL. SQLAlchemy is imported
    here, not with this module, so read-only paths never load it.

    ``pooled`` (the open store): keep up to two idle connections for the next
    call instead of opening a connection and setting its pragmas per session
    (≈ 0.5 ms each, four times per edit); a connection is returned rolled back,
    so none holds a lock between calls. Otherwise every session opens its own.
    """
    from sqlalchemy import event
    from sqlalchemy.pool import NullPool, QueuePool
    from sqlmodel import create_engine

    from sbdesk.models import tables  # noqa: F401 - registers every table on SQLModel.metadata

    uri = sqlite_uri(Path(path), mode="ro" if read_only else ("rwc" if create else "rw"))
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        **(
            {"poolclass": QueuePool, "pool_size": 2, "max_overflow": -1}
            if pooled
            else {"poolclass": NullPool}
        ),
    )
    event.listen(engine, "connect", _configure)
    return engine


def write_problem(path: Path) -> str | None:
    """Why ``path`` cannot be written (Korean, for "opened read-only"), or None if it can."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        os.close(fd)
    except OSError as exc:
        return (
            f"'{path.name}' 파일에 쓸 권한이 없어 읽기 전용으로 열었습니다 ({os_reason(exc)}). "
            "고치려면 파일을 쓸 수 있는 곳에 복사하거나 '다른 이름으로 저장'하세요."
        )
    folder = path.resolve().parent
    if not os.access(folder, os.W_OK):
        return (
            f"'{folder}' 폴더에 쓸 권한이 없어 '{path.name}'을(를) 읽기 전용으로 열었습니다 "
            "(저장할 때 폴더에 임시 파일을 만들어야 합니다). "
            "고치려면 파일을 쓸 수 있는 곳에 복사하거나 '다른 이름으로 저장'하세요."
        )
    return None


#: SQLite's words for a failed write, and what the user is told (Korean).
_SQLITE_PROBLEMS = (
    (
        "disk is full",
        "디스크 공간이 부족해 '{name}'에 저장하지 못했습니다. 방금 고친 내용은 저장되지 않았고 "
        "파일은 그 전 상태 그대로입니다. 디스크 공간을 비운 뒤 다시 입력하세요.",
    ),
    (
        "readonly",
        "'{name}'에 더 이상 쓸 수 없습니다 (읽기 전용이 되었거나 권한이 바뀜). 방금 고친 내용은 "
        "저장되지 않았습니다. 파일을 닫고 쓸 수 있는 곳에서 다시 여세요.",
    ),
    (
        "database is locked",
        "다른 프로그램이 '{name}'을(를) 쓰고 있어 저장하지 못했습니다. 잠시 뒤 다시 하세요.",
    ),
    (
        "disk i/o error",
        "'{name}'을(를) 쓰는 중 디스크 오류가 났습니다 (네트워크 드라이브라면 연결을 확인하세요). "
        "방금 고친 내용은 저장되지 않았습니다.",
    ),
    (
        "malformed",
        "'{name}' 파일이 손상되었습니다. 방금 고친 내용은 저장되지 않았습니다. "
        "백업 파일을 쓰거나 'sbdesk salvage'로 내용을 꺼내세요.",
    ),
    (
        "unable to open database file",
        "'{name}'을(를) 열 수 없습니다 (파일이 옮겨졌거나 네트워크 연결이 끊김). "
        "방금 고친 내용은 저장되지 않았습니다.",
    ),
)


def sqlite_problem(path: Path, exc: BaseException) -> str | None:
    """A Korean message for an SQLite failure while writing ``path``, or None if not one."""
    import sqlalchemy.exc

    if isinstance(exc, sqlalchemy.exc.DBAPIError):
        exc = exc.orig or exc
    if not isinstance(exc, sqlite3.DatabaseError):
        return None
    text = str(exc).lower()
    for words, message in _SQLITE_PROBLEMS:
        if words in text:
            return message.format(name=Path(path).name)
    return None


def journal_path(path: Path) -> Path:
    return Path(path).with_name(Path(path).name + "-journal")


def recover_journal(path: Path) -> bool:
    """Roll back a hot journal left by a write killed mid-commit; True if one was there.

    SQLite rolls a hot journal back on the first read of a read-write
    connection (it needs to write the file). When that is impossible (a
    read-only file or folder) the message says so and that the journal must be
    kept beside the file: deleting it would leave the file half-written.
    """
    path = Path(path)
    journal = journal_path(path)
    try:
        if not journal.is_file() or journal.stat().st_size == 0:
            return False
    except OSError:
        return False
    try:
        con = connect(path, "rw", timeout=10)
        try:
            con.execute("PRAGMA schema_version").fetchone()  # rolls back a hot journal
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise PlanFileError(
            f"'{path.name}'은(는) 저장하던 중에 중단된 파일입니다. 마지막으로 저장된 상태로 되돌려야 하는데, "
            f"되돌릴 수 없었습니다 ({exc}). 파일에 쓰기 권한이 있는 폴더로 '{path.name}'과(와) "
            f"'{journal.name}'을(를) 함께 복사한 뒤 여세요. '{journal.name}' 파일은 지우지 마세요: "
            "지우면 계획 파일이 손상됩니다."
        ) from exc
    return True


def expected_objects() -> dict[tuple[str, str], str]:
    """``{(type, name): table}`` of every schema object sbdesk itself creates.

    Read from ``schema_objects.py`` (data, so opening a file imports no SQLAlchemy);
    a test keeps it equal to ``schema_objects.computed_expected_objects()``.
    """
    from sbdesk.services.schema_objects import EXPECTED

    return EXPECTED


@functools.lru_cache(maxsize=1)
def foreign_objects(con: sqlite3.Connection) -> list[str]:
    """Schema objects in the file sbdesk did not create (triggers, views, other tables…)."""
    expected = expected_objects()
    out = []
    for kind, name, tbl in con.execute("SELECT type, name, tbl_name FROM sqlite_master"):
        if kind == "index" and str(name).startswith("sqlite_autoindex_"):
            if ("table", tbl) in expected:
                continue
        elif kind == "table" and name in ("sqlite_sequence", "sqlite_stat1"):
            continue
        elif expected.get((kind, name)) == tbl or (kind, name) in RETIRED_OBJECTS:
            continue
        out.append(f"{kind} {name}")
    return out


def _deadline(con: sqlite3.Connection, seconds: float) -> None:
    """Abort any statement on ``con`` once ``seconds`` have passed."""
    end = time.monotonic() + seconds
    con.set_progress_handler(lambda: 1 if time.monotonic() > end else 0, 10_000)


def _read_header(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(100)
    except FileNotFoundError as exc:
        raise PlanFileError(f"계획 파일을 찾을 수 없습니다: {path}") from exc
    except IsADirectoryError as exc:
        raise PlanFileError(f"'{path}'은(는) 파일이 아니라 폴더입니다.") from exc
    except OSError as exc:
        raise PlanFileError(f"계획 파일을 읽을 수 없습니다: {path} ({os_reason(exc)})") from exc


def inspect(path: Path) -> int:
    """Check that ``path`` is an intact plan file and return its schema version.

    Raises PlanFileError (Korean message) for a missing, foreign, truncated or
    corrupt file. Reads only, except that a hot journal left by a killed write
    is rolled back first (``recover_journal``), as SQLite itself would.
    """
    path = Path(path)
    header = _read_header(path)
    if len(header) == 0:
        raise PlanFileError(f"'{path.name}' 파일이 비어 있습니다. sbdesk 계획 파일이 아닙니다.")
    if not header.startswith(SQLITE_HEADER):
        raise PlanFileError(
            f"'{path.name}'은(는) sbdesk 계획 파일이 아닙니다 (SQLite 데이터베이스가 아님)."
        )
    check_path_length(path)
    if recover_journal(path):  # the header may have changed: read it again
        header = _read_header(path)
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
    try:
        con = connect(path, "ro")
        _deadline(con, OPEN_TIME_LIMIT)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise PlanFileError(
                    f"'{path.name}'은(는) sbdesk 계획 파일이 아닙니다 (다른 프로그램의 데이터베이스)."
                )
            foreign = foreign_objects(con)
            if foreign:
                raise PlanFileError(
                    f"'{path.name}'에는 sbdesk가 만들지 않은 구성 요소가 들어 있어 열지 않습니다 "
                    f"({', '.join(foreign[:5])}{' 등' if len(foreign) > 5 else ''}). "
                    "누군가 파일을 고쳐 만든 것일 수 있습니다. 백업 파일을 쓰거나, "
                    "'sbdesk salvage'로 내용만 꺼내세요."
                )
            check = con.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise PlanFileError(f"'{path.name}' 파일이 손상되었습니다: {check}")
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise PlanFileError(
                f"'{path.name}'을(를) 여는 데 {OPEN_TIME_LIMIT:.0f}초가 넘게 걸려 중단했습니다. "
                "정상적인 계획 파일이 아닐 수 있습니다."
            ) from exc
        raise PlanFileError(f"'{path.name}' 파일을 열 수 없습니다: {exc}") from exc
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


def create_schema(path: Path) -> None:
    """Write the empty plan schema into ``path`` (an existing empty file, e.g. a temp file)."""
    engine = make_engine(path)
    try:
        from sqlmodel import SQLModel

        SQLModel.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")
    finally:
        engine.dispose()


def create(path: Path) -> None:
    """Write a new, empty plan file at ``path`` (which must not exist yet).

    Built in an exclusively created temporary file beside it and moved into
    place without ever replacing a file (``services.outputs``).
    """
    from sbdesk.services import outputs

    path = Path(path)
    if path.exists():
        raise PlanFileError(f"이미 있는 파일입니다: {path}")
    check_path_length(path)
    with outputs.writing(path) as tmp:
        create_schema(tmp)


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
    from sbdesk.services import outputs

    backup = outputs.free_name(backup_path(path, version))  # an earlier backup is kept
    outputs.copy_file(path, backup)  # byte for byte, through a temporary file
    con = connect(path, "rw", isolation_level=None)
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


def backup_copy(path: Path, target: Path, overwrite: bool = False) -> None:
    """A consistent copy of an open plan file (SQLite online backup) at ``target``.

    Written through ``services.outputs`` (temporary file, then moved into
    place): an existing ``target`` is replaced only with ``overwrite``, and
    never when it is a plan file.
    """
    from sbdesk.services import outputs

    with outputs.writing(target, overwrite) as tmp:
        src = connect(path, "ro")
        dst = connect(tmp, "rw")
        try:
            src.backup(dst)
        except sqlite3.DatabaseError as exc:
            raise PlanFileError(f"'{Path(path).name}'을(를) 복사하지 못했습니다: {exc}") from exc
        finally:
            dst.close()
            src.close()

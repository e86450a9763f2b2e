"""Opening the database: WAL SQLite, foreign keys on, migrated to the newest revision.

One way to write: `Database.session()` begins every transaction IMMEDIATE, so it holds the
write lock from its first statement. In WAL mode a transaction begun DEFERRED that reads
and later writes fails at once with SQLITE_BUSY (BUSY_SNAPSHOT) when another connection
committed in between — `busy_timeout` does not wait there — which killed the results
thread of `ingest`. BEGIN IMMEDIATE waits as `busy_timeout` says and is retried a few
times with backoff before the operator is told the database is busy. `Database.read()` is
for reads only: it begins DEFERRED (never waits for a writer) and is `query_only`, so a
read that tries to write fails loudly instead of upgrading.

Every open migrates, so installing a newer ScanStation over an older one upgrades the
data in place at first start; nothing else ever changes the schema. Alembic (about a third
of a second of imports) is loaded only when there is something to migrate: a database at
`HEAD_REVISION` is recognised with one plain query.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from scanstation.errors import DatabaseBusyError, DatabaseError
from scanstation.i18n import tr
from scanstation.paths import database_path

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration in migrations/versions; tests/test_db.py checks it is Alembic's head.
HEAD_REVISION = "0007"
BUSY_TIMEOUT_MS = 5000  # SQLite's own wait for the write lock, per attempt
BEGIN_ATTEMPTS = 6  # attempts of BEGIN IMMEDIATE before the operator is told
BACKOFF_S = (0.05, 0.2, 0.5, 1.0, 2.0)  # pauses between attempts (with jitter of the OS)


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The head as Alembic reads it from the migration scripts (imports Alembic)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database, read without Alembic; None for a new file."""
    stamped = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).first()
    if stamped is None:
        return None
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions begun explicitly, see _begin
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # a power cut must not lose a committed page
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


class Database:
    """One SQLite file: an engine and a session factory."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(engine.execution_options(sqlite_begin="DEFERRED"),
                                     expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work that may write: begun IMMEDIATE (the write lock is taken before
        the first read, so nothing it read can go stale before it writes); committed on
        success, rolled back on any exception. Raises `DatabaseBusyError` when another
        writer held the lock through every attempt."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work: a consistent snapshot, never waiting for writers; any
        write inside it fails ("attempt to write a readonly database")."""
        session = self._readers()
        try:
            yield session
        finally:
            session.close()  # ends the snapshot; loaded rows stay readable (detached)

    def revision(self) -> str | None:
        with self.engine.connect().execution_options(sqlite_begin="DEFERRED") as connection:
            return current_revision(connection)

    def close(self) -> None:
        self.engine.dispose()


def _begin(connection: Any) -> None:
    # Python's sqlite3 never opens a transaction before DDL, so a migration killed halfway
    # would leave tables without their Alembic stamp ("table already exists" at the next
    # start). Transactions are therefore begun explicitly: IMMEDIATE unless the connection
    # was asked for a read (see the module's docstring), and a read is query_only.
    mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    connection.exec_driver_sql(f"PRAGMA query_only={int(mode == 'DEFERRED')}")
    if mode != "IMMEDIATE":
        connection.exec_driver_sql(f"BEGIN {mode}")
        return
    begin_immediate(connection)


def is_busy(exc: BaseException) -> bool:
    """SQLITE_BUSY / SQLITE_LOCKED as Python's sqlite3 reports them."""
    text = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text or "database is busy" in text or (
        "database table is locked" in text)


def begin_immediate(connection: Any) -> None:
    """BEGIN IMMEDIATE, retried with backoff while another writer holds the lock."""
    attempts = BEGIN_ATTEMPTS
    for attempt in range(1, attempts + 1):
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            if not is_busy(exc):
                raise
            if attempt == attempts:
                log.warning("database stayed locked through %d attempts", attempts)
                raise DatabaseBusyError(str(connection.engine.url.database)) from exc
            pause = BACKOFF_S[min(attempt - 1, len(BACKOFF_S) - 1)]
            log.info("database locked (attempt %d of %d); again in %.2f s", attempt,
                     attempts, pause)
            time.sleep(pause)


def create_sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin)
    return engine


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate in one transaction; nothing to do (and no Alembic start-up) when current."""
    with engine.connect().execution_options(sqlite_begin="DEFERRED") as connection:
        current = current_revision(connection)
    if revision == "head" and current == HEAD_REVISION:
        return
    from alembic import command

    config = _alembic_config()
    connection = engine.connect().execution_options(sqlite_begin="IMMEDIATE")
    with connection, connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def open_database(path: Path | None = None, *, migrate_to: str = "head") -> Database:
    """Open (creating if needed) and migrate the station's database."""
    path = path or database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_sqlite_engine(path)
    try:
        upgrade(engine, migrate_to)
    except OperationalError as exc:
        engine.dispose()
        raise DatabaseError(
            tr("Cannot open the database {path}: {exc_orig}", path=path, exc_orig=exc.orig)
        ) from exc
    log.info("database %s at revision %s", path, migrate_to)
    return Database(path, engine)

"""Opening the database: WAL SQLite, foreign keys on, migrated to the newest revision.

Every open migrates, so installing a newer ScanStation over an older one upgrades the
data in place at first start; nothing else ever changes the schema. Alembic (about a third
of a second of imports) is loaded only when there is something to migrate: a database at
`HEAD_REVISION` is recognised with one plain query.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from scanstation.errors import DatabaseError
from scanstation.i18n import t
from scanstation.paths import database_path

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration in migrations/versions; tests/test_db.py checks it is Alembic's head.
HEAD_REVISION = "0004b"


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
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class Database:
    """One SQLite file: an engine and a session factory."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on any exception."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            return current_revision(connection)

    def close(self) -> None:
        self.engine.dispose()


def _begin(connection: Any) -> None:
    # Python's sqlite3 never opens a transaction before DDL, so a migration killed halfway
    # would leave tables without their Alembic stamp ("table already exists" at the next
    # start). Transactions are therefore begun explicitly; migrations take the write lock
    # at once (IMMEDIATE) so two processes opening a new database do not both migrate.
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def create_sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin)
    return engine


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate in one transaction; nothing to do (and no Alembic start-up) when current."""
    with engine.connect() as connection:
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
            t(
                f"Не удалось открыть базу данных {path}: {exc.orig}",
                f"Cannot open the database {path}: {exc.orig}",
            )
        ) from exc
    log.info("database %s at revision %s", path, migrate_to)
    return Database(path, engine)

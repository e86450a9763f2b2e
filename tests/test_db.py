"""The database on real SQLite files: create, migrate, reopen, upgrade from revision 0001."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from scanstation.db import Base, Event, Package, Page, open_database
from scanstation.db.store import head_revision


def test_create_and_reopen_keeps_rows(tmp_path: Path) -> None:
    path = tmp_path / "station.sqlite3"
    database = open_database(path)
    with database.session() as session:
        event = Event(name="ОПиМК. Биология", profile_name="opimk_2026")
        session.add(event)
        session.flush()
        package = Package(event_id=event.id, name="Аудитория 101", folder=str(tmp_path / "101"))
        session.add(package)
        session.flush()
        session.add(Page(package_id=package.id, seq=1, file_name="0001.tif", sha256="a" * 64,
                         size_bytes=10, width_px=1654, height_px=2339))
    database.close()

    reopened = open_database(path)
    assert reopened.revision() == head_revision()
    with reopened.session() as session:
        page = session.scalars(select(Page)).one()
        assert page.package.event.name == "ОПиМК. Биология"
        assert page.status == "pending" and page.blank_back is False
    reopened.close()
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    database = open_database(tmp_path / "s.sqlite3")
    with database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    database.close()
    assert diff == [], f"models and migrations disagree: {diff}"


def test_upgrade_from_first_revision_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = open_database(path, migrate_to="0001")
    assert old.revision() == "0001"
    with old.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO event (id, name, profile_name, created_at) "
            "VALUES (1, 'ОМК', 'omk_2026', '2026-01-01 00:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO package (id, event_id, name, folder, created_at, rescan_recommended) "
            "VALUES (1, 1, '101', '/tmp/x/101', '2026-01-01 00:00:00', 0)"
        )
        connection.exec_driver_sql(
            "INSERT INTO page (package_id, seq, file_name, sha256, size_bytes, width_px, "
            "height_px, dpi, image_format, source, read_method, rotation, status, "
            "file_missing, created_at, updated_at) VALUES (1, 1, '0001.tif', 'ab', 5, 1654, "
            "2339, 200, 'tiff', 'demo', 'barcode', 0, 'ok', 0, '2026-01-01', '2026-01-01')"
        )
    old.close()

    upgraded = open_database(path)
    assert upgraded.revision() == head_revision() != "0001"
    with upgraded.session() as session:
        page = session.scalars(select(Page)).one()
        assert page.file_name == "0001.tif"
        assert page.blank_back is False and page.phash is None
    upgraded.close()


def test_a_migration_cut_off_midway_leaves_nothing_half_done(tmp_path: Path) -> None:
    """A crash inside the upgrade must roll back: no tables without their revision stamp."""
    import pytest
    from alembic import command
    from sqlalchemy import inspect

    from scanstation.db import store

    path = tmp_path / "cut.sqlite3"
    engine = store.create_sqlite_engine(path)
    original = command.upgrade

    def upgrade_then_die(config: object, revision: str) -> None:
        original(config, revision)  # type: ignore[arg-type]
        raise KeyboardInterrupt  # stands in for a power cut before the commit

    command.upgrade = upgrade_then_die  # type: ignore[assignment]
    try:
        with pytest.raises(KeyboardInterrupt):
            store.upgrade(engine)
    finally:
        command.upgrade = original
    assert inspect(engine).get_table_names() == []
    engine.dispose()
    database = open_database(path)
    assert database.revision() == head_revision()
    database.close()


def test_upgrade_gives_unfilled_protocol_comments_their_own_status(tmp_path: Path) -> None:
    """Before 0003 a kit listed with an empty comment was stored as `unknown`."""
    from scanstation.db.models import Kit, KitProtocolStatus

    path = tmp_path / "kits.sqlite3"
    old = open_database(path, migrate_to="0002")
    with old.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO event (id, name, profile_name, created_at) "
            "VALUES (1, 'ОМК', 'omk_2026', '2026-01-01 00:00:00')")
        for number, status in (("501501", "used"), ("501599", "unknown")):
            connection.exec_driver_sql(
                "INSERT INTO kit (event_id, number, protocol_status) VALUES (1, ?, ?)",
                (number, status))
    old.close()

    upgraded = open_database(path)
    with upgraded.session() as session:
        rows = {k.number: k.protocol_status for k in session.scalars(select(Kit))}
    upgraded.close()
    assert rows == {"501501": KitProtocolStatus.USED, "501599": KitProtocolStatus.NOT_FILLED}


def test_upgrade_turns_escalated_numbers_into_pair_decisions(tmp_path: Path) -> None:
    """Before 0005 a decision was per event and number; escalations become decisions on
    every pair of the live pages carrying the number, so the group stays escalated and a
    page added later reopens it."""
    from scanstation.db.models import DuplicatePair
    from scanstation.station.duplicate_groups import duplicate_groups

    path = tmp_path / "pairs.sqlite3"
    old = open_database(path, migrate_to="0003")
    number = "00000100000000000001"
    with old.engine.begin() as connection:
        run = connection.exec_driver_sql
        run("INSERT INTO event (id, name, profile_name, created_at) "
            "VALUES (1, 'ОГЭ', 'default', '2026-01-01 00:00:00')")
        for package_id, folder in ((1, "/p/1"), (2, "/p/2")):
            run("INSERT INTO package (id, event_id, name, folder, created_at, "
                "rescan_recommended) VALUES (?, 1, ?, ?, '2026-01-01 00:00:00', 0)",
                (package_id, f"room {package_id}", folder))
        for page_id, package_id, trashed in ((1, 1, None), (2, 1, None), (3, 2, None),
                                             (4, 1, "2026-01-02 00:00:00")):
            run("INSERT INTO page (id, package_id, seq, file_name, sha256, size_bytes, "
                "width_px, height_px, dpi, image_format, source, blank_number, read_method, "
                "rotation, status, trashed_at, file_missing, created_at, updated_at, "
                "blank_back) VALUES (?, ?, ?, ?, '', 1, 1, 1, 200, 'tiff', '', ?, 'barcode', "
                "0, 'ok', ?, 0, '2026-01-01', '2026-01-01', 0)",
                (page_id, package_id, page_id, f"{page_id:04d}.tif", number, trashed))
        run("INSERT INTO duplicate_decision (event_id, blank_number, kind, decision, "
            "decided_at) VALUES (1, ?, 'different_sheets', 'escalated', '2026-01-02')",
            (number,))
    old.close()

    upgraded = open_database(path)
    with upgraded.session() as session:
        pairs = sorted((p.page_a, p.page_b, p.decision)
                       for p in session.scalars(select(DuplicatePair)))
    (group,) = duplicate_groups(upgraded, event_id=1)
    upgraded.close()
    assert pairs == [(1, 2, "escalated"), (1, 3, "escalated"), (2, 3, "escalated")]
    assert group.decision == "escalated" and [p.id for p in group.pages] == [1, 2, 3]


def test_upgrade_to_0007_keeps_pages_and_adds_an_empty_read_memory(tmp_path: Path) -> None:
    """0007 adds `page_read` (reads by file content); a 0006 database keeps its pages, and
    a downgrade takes the table away again."""
    from scanstation.db.models import PageRead

    path = tmp_path / "reads.sqlite3"
    old = open_database(path, migrate_to="0006")
    with old.session() as session:  # page has no column newer than 0006: the model fits
        package = Package(event=Event(name="ОМК", profile_name="omk_2026"), name="101",
                          folder="/tmp/x/101")
        package.pages.append(Page(seq=1, file_name="0001.tif", sha256="a" * 64,
                                  size_bytes=10, width_px=1, height_px=1))
        session.add(package)
    with old.engine.connect() as connection:
        tables = {r[0] for r in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    old.close()
    assert "page_read" not in tables
    upgraded = open_database(path)
    assert upgraded.revision() == "0007"
    with upgraded.session() as session:
        assert [p.file_name for p in session.scalars(select(Page))] == ["0001.tif"]
        assert session.scalars(select(PageRead)).all() == []
        session.add(PageRead(sha256="b" * 64, page_index=0, recognizer="r1", pages_in_file=1,
                             result="{}"))
    from alembic import command

    from scanstation.db.store import _alembic_config

    config = _alembic_config()
    with upgraded.engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    upgraded.close()
    tables = {r[0] for r in sqlite3.connect(path).execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "page_read" not in tables and "page" in tables


def test_head_constant_is_alembics_head_and_a_current_database_skips_alembic(
        tmp_path: Path) -> None:
    """Opening an up-to-date database must not pay for Alembic's imports."""
    import subprocess
    import sys

    from scanstation.db.store import HEAD_REVISION

    assert head_revision() == HEAD_REVISION
    path = tmp_path / "current.sqlite3"
    open_database(path).close()
    probe = ("import sys; from pathlib import Path; from scanstation.db import open_database; "
             f"d = open_database(Path({str(path)!r})); print(d.revision()); d.close(); "
             "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == [HEAD_REVISION, "False"]

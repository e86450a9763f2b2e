"""One way to write: sessions begin IMMEDIATE with bounded retry; reads never write.

Two real connections to one real SQLite file (WAL), as the window, the results thread and a
command-line `ingest` are."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from scanstation.db import Event, open_database, store
from scanstation.errors import DatabaseBusyError

pytestmark = pytest.mark.timeout(120)


def test_read_then_write_survives_a_commit_in_between(tmp_path: Path) -> None:
    """In WAL a DEFERRED transaction that read, then writes after another connection
    committed, fails at once (BUSY_SNAPSHOT) — the `ingest` results thread died of it."""
    path = tmp_path / "station.sqlite3"
    first, second = open_database(path), open_database(path)
    try:
        with first.session() as session:
            session.add(Event(name="seed", profile_name="p", profile_toml=""))
        other_done = threading.Event()
        other_error: list[BaseException] = []

        def other_writer() -> None:
            try:
                with second.session() as session:
                    session.add(Event(name="other", profile_name="p", profile_toml=""))
            except BaseException as exc:  # reported by the assertion below
                other_error.append(exc)
            other_done.set()

        with first.session() as session:
            seen = session.scalars(select(Event.name)).all()  # read first …
            writer = threading.Thread(target=other_writer)
            writer.start()
            other_done.wait(1.0)  # … another connection commits (or waits for us) …
            session.add(Event(name=f"after {len(seen)}", profile_name="p", profile_toml=""))
        writer.join(30)
        assert not other_error
        with first.read() as session:
            names = set(session.scalars(select(Event.name)))
        assert names == {"seed", "other", "after 1"}
    finally:
        first.close()
        second.close()


def test_a_read_session_cannot_write(tmp_path: Path) -> None:
    database = open_database(tmp_path / "station.sqlite3")
    try:
        with pytest.raises(OperationalError, match="readonly"), database.read() as session:
            session.add(Event(name="x", profile_name="p", profile_toml=""))
            session.flush()
        with database.session() as session:  # the same pooled connection writes again
            session.add(Event(name="y", profile_name="p", profile_toml=""))
        with database.read() as session:
            assert session.scalars(select(Event.name)).all() == ["y"]
    finally:
        database.close()


def test_reads_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "station.sqlite3"
    database = open_database(path)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        with database.read() as session:
            assert session.scalars(select(Event)).all() == []
        assert time.monotonic() - started < 2.5  # busy_timeout is 5 s: it did not wait
    finally:
        holder.close()
        database.close()


def test_busy_is_retried_then_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(store, "BEGIN_ATTEMPTS", 30)
    monkeypatch.setattr(store, "BACKOFF_S", (0.05,))
    path = tmp_path / "station.sqlite3"
    database = open_database(path)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        holder.execute("BEGIN IMMEDIATE")
        threading.Timer(0.5, holder.rollback).start()  # freed after a few attempts
        with database.session() as session:
            session.add(Event(name="waited", profile_name="p", profile_toml=""))

        monkeypatch.setattr(store, "BEGIN_ATTEMPTS", 3)
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseBusyError) as raised, database.session() as session:
            session.add(Event(name="never", profile_name="p", profile_toml=""))
        assert "занята другой программой" in raised.value.message
        holder.rollback()
        with database.read() as session:
            assert session.scalars(select(Event.name)).all() == ["waited"]
    finally:
        holder.close()
        database.close()

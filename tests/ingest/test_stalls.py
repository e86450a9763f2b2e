"""Fault injection into the pipeline's background threads: an exception, SQLITE_BUSY and a
full disk in the results thread, a bug in the page writer, a page after close. Each time
the page stays safe (file and pending row, or held in memory), the pipeline is «stalled»
with a Russian reason, nothing hangs, and «Повторить» finishes the job.

Recognition runs on a thread of this process (`workers=0`, a real mode of the pool) so
the injected faults land in this process; the code under test is the same."""

from __future__ import annotations

import errno
import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanstation.cli import main
from scanstation.db import Database, open_database, store
from scanstation.db.models import Package, PageStatus
from scanstation.ingest import pipeline_recognition
from scanstation.ingest.feeder import FeederClosed, PageFeeder
from scanstation.ingest.pipeline import IngestPipeline, PipelineEvent
from scanstation.ingest.stall import PipelineStalled
from scanstation.paths import database_path
from scanstation.recognition import read_blank_number
from scanstation.recognition.pool import RecognitionPool
from scanstation.station.packages import PackageService
from tests.ingest.conftest import blank, scanned

pytestmark = pytest.mark.timeout(180)


class Faults:
    """Makes the wrapped function fail while `armed` (counting the failures)."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc
        self.armed = True
        self.hits = 0

    def wrap(self, real):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            if self.armed:
                self.hits += 1
                raise self.exc
            return real(*args, **kwargs)
        return wrapper


@pytest.fixture
def pipeline(database: Database, package: Package) -> Iterator[
        tuple[IngestPipeline, list[PipelineEvent]]]:
    events: list[PipelineEvent] = []
    pool = RecognitionPool(workers=0)
    pipe = IngestPipeline(database, package.id, pool=pool, on_event=events.append)
    yield pipe, events
    pipe.close(wait=False, timeout=5)
    pool.shutdown(wait=False)


def _statuses(database: Database, package: Package) -> list[PageStatus]:
    return [p.status for p in PackageService(database).pages(package.id)]


@pytest.mark.parametrize(("fault", "where", "words"), [
    (RuntimeError("injected bug"), "recompute_quality", "ошибки программы"),
    (OSError(errno.ENOSPC, "No space left on device"), "apply_outcome",
     "Недостаточно места"),
], ids=["exception", "disk-full"])
def test_results_thread_parks_the_page_and_stalls(
        pipeline: tuple[IngestPipeline, list[PipelineEvent]], database: Database,
        package: Package, monkeypatch: pytest.MonkeyPatch, fault: BaseException, where: str,
        words: str) -> None:
    pipe, events = pipeline
    faults = Faults(fault)
    monkeypatch.setattr(pipeline_recognition, where,
                        faults.wrap(getattr(pipeline_recognition, where)))
    first = pipe.add_page(scanned(blank(1, 1), 1))
    assert pipe.wait_idle(60)
    assert pipe.stall is not None and words in pipe.stall.message
    assert "Повторить" in pipe.stall.message or faults.exc.__class__ is OSError
    assert any(e.kind == "stalled" and e.message == pipe.stall.message for e in events)
    assert first.path.exists()  # the page is safe: on disk, its row pending
    assert _statuses(database, package) == [PageStatus.PENDING]

    # The thread is alive: a page after the fault is still taken (and parked too).
    pipe.add_page(scanned(blank(1, 2), 2))
    assert pipe.wait_idle(60)
    assert faults.hits == 2

    faults.armed = False  # the operator fixed the cause and presses «Повторить»
    assert pipe.retry() == 2
    assert pipe.wait_idle(60)
    assert pipe.stall is None
    assert _statuses(database, package) == [PageStatus.OK, PageStatus.OK]


def test_results_thread_survives_a_database_held_by_another_program(
        database: Database, package: Package, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "BEGIN_ATTEMPTS", 2)
    monkeypatch.setattr(store, "BACKOFF_S", (0.05,))
    locked = threading.Event()

    def reader_after_lock(*args, **kwargs):  # type: ignore[no-untyped-def]
        locked.wait(30)  # the other program takes the lock while the page is read
        return read_blank_number(*args, **kwargs)

    pool = RecognitionPool(workers=0, reader=reader_after_lock)
    pipe = IngestPipeline(database, package.id, pool=pool)
    holder = sqlite3.connect(database.path, isolation_level=None, check_same_thread=False)
    try:
        info = pipe.add_page(scanned(blank(2, 1), 1))
        holder.execute("BEGIN IMMEDIATE")
        locked.set()
        assert pipe.wait_idle(120)
        assert pipe.stall is not None
        assert "занята другой программой" in pipe.stall.message
        assert info.path.exists()
        holder.rollback()
        pipe.retry()
        assert pipe.wait_idle(60)
        assert pipe.stall is None
        assert _statuses(database, package) == [PageStatus.OK]
    finally:
        holder.close()
        pipe.close(wait=False, timeout=5)
        pool.shutdown(wait=False)


def test_page_writer_survives_a_bug_and_resume_writes_the_page(
        pipeline: tuple[IngestPipeline, list[PipelineEvent]], database: Database,
        package: Package, monkeypatch: pytest.MonkeyPatch) -> None:
    pipe, events = pipeline
    faults = Faults(RuntimeError("encoder exploded"))
    monkeypatch.setattr(pipe, "add_page", faults.wrap(pipe.add_page))
    feeder = PageFeeder(pipe)
    feeder.feed(scanned(blank(3, 1), 1))
    assert feeder.flush(30)
    assert isinstance(feeder.error, PipelineStalled)
    assert "ошибки программы" in feeder.error.message
    assert feeder.held == 1
    assert any(e.kind == "stalled" for e in events)
    with pytest.raises(PipelineStalled):  # the scanning loop hears of it and stops
        feeder.feed(scanned(blank(3, 2), 2))
    assert feeder.flush(30) and feeder.held == 2  # the thread is alive: held, in order

    faults.armed = False
    assert feeder.resume() == 2
    assert feeder.error is None
    assert feeder.close(30)
    assert pipe.wait_idle(60)
    assert [p.seq for p in PackageService(database).pages(package.id)] == [1, 2]


def test_feed_after_close_raises(pipeline: tuple[IngestPipeline, list[PipelineEvent]]) -> None:
    pipe, _events = pipeline
    feeder = PageFeeder(pipe)
    assert feeder.close(30)
    with pytest.raises(FeederClosed) as raised:
        feeder.feed(scanned(blank(4, 1), 1))
    assert "Отсканируйте его снова" in raised.value.message


def test_stop_cannot_hang_on_a_stuck_results_thread(
        database: Database, package: Package, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real = pipeline_recognition.recompute_quality

    def stuck(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline_recognition, "recompute_quality", stuck)
    pool = RecognitionPool(workers=0)
    pipe = IngestPipeline(database, package.id, pool=pool)
    try:
        pipe.add_page(scanned(blank(5, 1), 1))
        assert not pipe.wait_idle(2)
        assert pipe.close(wait=True, timeout=3) is False  # returned, did not hang
    finally:
        release.set()
        pool.shutdown(wait=False)


def test_ingest_command_exits_non_zero_with_the_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "pages"
    source.mkdir()
    for page in (1, 2):
        blank(6, page).save(source / f"{page}.png")
    faults = Faults(RuntimeError("injected bug"))
    monkeypatch.setattr(pipeline_recognition, "recompute_quality",
                        faults.wrap(pipeline_recognition.recompute_quality))
    code = main(["ingest", str(source), "--package", "6", "--json", "--workers", "0"])
    captured = capsys.readouterr()
    assert code == 3
    assert "ошибки программы" in captured.err and "Повторить" in captured.err
    report = json.loads(captured.out)
    assert report["pages_added"] == 2 and report["stalled"]
    database = open_database(database_path())
    try:
        service = PackageService(database)
        pages = service.pages(service.open("default", "6").id)
        assert [p.status for p in pages] == [PageStatus.PENDING] * 2  # safe, read next time
        assert all(p.path.exists() for p in pages)
    finally:
        database.close()

    faults.armed = False  # run again: the pending pages are read and recorded
    assert main(["ingest", str(source), "--package", "6", "--json", "--workers", "0"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["stats"]["pending"] == 0 and again["stats"]["pages"] == 2


def test_page_writer_holds_the_page_while_the_database_is_held(
        pipeline: tuple[IngestPipeline, list[PipelineEvent]], database: Database,
        package: Package, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLITE_BUSY beyond every retry while saving: the page waits in memory, no file of
    it is left behind (it would come back as a second copy), and it is written later."""
    pipe, _events = pipeline
    monkeypatch.setattr(store, "BEGIN_ATTEMPTS", 2)
    monkeypatch.setattr(store, "BACKOFF_S", (0.05,))
    feeder = PageFeeder(pipe)
    holder = sqlite3.connect(database.path, isolation_level=None, check_same_thread=False)
    try:
        holder.execute("BEGIN IMMEDIATE")
        feeder.feed(scanned(blank(7, 1), 1))
        assert feeder.flush(60)
        assert feeder.error is not None and "занята другой программой" in feeder.error.message
        assert feeder.held == 1
        assert not list(Path(package.folder).glob("*.tif"))
    finally:
        holder.rollback()
        holder.close()
    assert feeder.resume() == 1
    assert feeder.close(30) and pipe.wait_idle(60)
    assert [p.name for p in Path(package.folder).glob("*.tif")] == ["0001.tif"]
    assert _statuses(database, package) == [PageStatus.OK]

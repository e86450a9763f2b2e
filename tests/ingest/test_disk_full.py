"""Done-when: a full disk gives a clear Russian error, keeps every earlier page, and
scanning resumes after space is freed — on a real, really small file system (tmpfs)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from scanstation.db import Database
from scanstation.errors import DiskFullError
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.recognition.pool import RecognitionPool
from scanstation.samples import sample_number
from scanstation.station.packages import PackageService
from tests.ingest.conftest import blank, scanned

pytestmark = pytest.mark.posix_only("mounts a small tmpfs (Linux, root)")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """An 8 MB tmpfs. Needs root (the CI and this station's test box run as root)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def _noisy(kit: int, page: int) -> Image.Image:
    """A scan-like page: paper noise makes LZW pages ~2 MB, as real gray scans are."""
    clean = np.asarray(blank(kit, page), dtype=np.int16)
    noise = np.random.default_rng(kit * 100 + page).integers(-25, 25, clean.shape)
    return Image.fromarray(np.clip(clean + noise, 0, 255).astype(np.uint8))


def test_full_disk_clear_error_nothing_lost_then_resume(
        database: Database, small_disk: Path) -> None:
    service = PackageService(database)
    package = service.open("ОГЭ", "Аудитория 5", folder=small_disk / "pkg")
    filler = small_disk / "other-program.bin"  # space taken by something else
    filler.write_bytes(b"\0" * (3 << 20))
    pool = RecognitionPool(workers=0)
    saved = []
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        with pytest.raises(DiskFullError) as caught:
            for page in range(1, 10):
                saved.append(pipeline.add_page(scanned(_noisy(1, page), page)))
        pipeline.wait_idle()
        assert "Недостаточно места на диске" in caught.value.message
        assert "не потеряны" in caught.value.message
        assert 1 <= len(saved) < 9
        folder = Path(package.folder)
        assert not [p for p in folder.rglob("*.tmp")]  # no half page left behind
        for info in saved:
            with Image.open(info.path) as image:
                image.load()
        assert [p.file_name for p in service.pages(package.id)] == [s.file_name for s in saved]

        filler.unlink()  # the operator frees space and presses «Продолжить»
        next_page = len(saved) + 1
        resumed = pipeline.add_page(scanned(_noisy(1, next_page), next_page))
        assert resumed.seq == next_page  # numbering goes on without a gap
        pipeline.recognize_pending()  # previews that did not fit are made now
        pipeline.wait_idle()
    pool.shutdown()
    pages = service.pages(package.id)
    assert [p.seq for p in pages] == list(range(1, next_page + 1))
    assert [p.blank_number for p in pages] == [sample_number(1, n, 7)
                                               for n in range(1, next_page + 1)]


def test_database_on_the_full_disk_too(small_disk: Path) -> None:
    """The usual layout: database and packages in one data folder on one disk."""
    from scanstation.db import open_database

    database = open_database(small_disk / "station.sqlite3")
    try:
        service = PackageService(database)
        package = service.open("ОГЭ", "6", folder=small_disk / "pkg")
        filler = small_disk / "other-program.bin"
        filler.write_bytes(b"\0" * (3 << 20))
        pool = RecognitionPool(workers=0)
        saved = []
        with IngestPipeline(database, package.id, pool=pool) as pipeline:
            with pytest.raises(DiskFullError):
                for page in range(1, 10):
                    saved.append(pipeline.add_page(scanned(_noisy(2, page), page)))
            pipeline.wait_idle()
            filler.unlink()
            saved.append(pipeline.add_page(scanned(_noisy(2, 9), 9)))
            pipeline.recognize_pending()
            pipeline.wait_idle()
        pool.shutdown()
        pages = service.pages(package.id)
        assert [p.file_name for p in pages] == [s.file_name for s in saved]
        assert [p.seq for p in pages] == list(range(1, len(saved) + 1))
        assert sorted(p.name for p in (small_disk / "pkg").glob("*.tif")) == [
            s.file_name for s in saved]
        assert all(p.blank_number for p in pages)
    finally:
        database.close()


def test_feeder_holds_pages_while_full_then_resumes(
        database: Database, small_disk: Path) -> None:
    """The scanner keeps feeding through the writer thread: pages that hit the full disk
    wait in memory, in order, and are written when space comes back."""
    from scanstation.ingest.feeder import PageFeeder

    service = PackageService(database)
    package = service.open("ОГЭ", "7", folder=small_disk / "pkg")
    filler = small_disk / "other-program.bin"
    filler.write_bytes(b"\0" * (5 << 20))
    events = []
    pool = RecognitionPool(workers=0)
    with IngestPipeline(database, package.id, pool=pool, on_event=events.append) as pipeline:
        feeder = PageFeeder(pipeline)
        for page in range(1, 4):
            with contextlib.suppress(DiskFullError):  # the scanning loop stops the device
                feeder.feed(scanned(_noisy(3, page), page))
        assert feeder.flush(timeout=30)
        assert isinstance(feeder.error, DiskFullError)
        written_before = len(service.pages(package.id))
        assert written_before + feeder.held == 3 and feeder.held >= 1
        assert any(e.kind == "stalled" for e in events)
        filler.unlink()
        assert feeder.resume() == 3 - written_before
        assert feeder.error is None
        feeder.close()
        pipeline.recognize_pending()
        pipeline.wait_idle()
    pool.shutdown()
    pages = service.pages(package.id)
    assert [p.blank_number for p in pages] == [sample_number(3, n, 7) for n in range(1, 4)]

"""Fixtures for the ingest tests: a real database, a real package folder, real pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from scanstation.db import Database, open_database
from scanstation.db.models import Package
from scanstation.recognition.pool import RecognitionPool
from scanstation.samples import render_blank, sample_number
from scanstation.scanner.base import ScannedPage
from scanstation.station.packages import PackageService


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "station.sqlite3")
    yield db
    db.close()


@pytest.fixture
def package(database: Database, tmp_path: Path) -> Package:
    return PackageService(database).open("ОГЭ-2026 математика", "Аудитория 101",
                                         folder=tmp_path / "pkg")


@pytest.fixture(scope="session")
def process_pool() -> Iterator[RecognitionPool]:
    """Real spawned recognition workers, started once for the session (~2 s)."""
    pool = RecognitionPool(workers=1)
    pool.warm_up()
    yield pool
    pool.shutdown()


def blank(kit: int, page: int, serial: int = 7) -> Image.Image:
    return render_blank(sample_number(kit, page, serial), subtitle=f"k{kit}p{page}s{serial}")


def scanned(image: Image.Image, index: int = 1) -> ScannedPage:
    return ScannedPage(image=image, dpi=200, source="test:feeder", index=index)


def unreadable_page(seed: int = 0) -> Image.Image:
    """A blank whose code is missing (as under a blot): a page nobody can read."""
    return render_blank(sample_number(9, 1, seed), with_code=False, subtitle=f"blot {seed}")

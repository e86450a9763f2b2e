"""Done-when: the hot folder acknowledges a file (ledger + `processed/`) only after every
page of it is durable and recorded; a process killed between hand-off and durability takes
the file again at restart, each page exactly once; a re-delivered file is never taken twice.

The station here is a real process: hot folder → `PageFeeder` (the scanner never waits) →
writer thread → `IngestPipeline`, as the window wires it, on a real database and folder.
The kill is the crash test's power cut (`SCANSTATION_CRASH_AT`: SIGKILL of the whole
process group at a named point).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from scanstation.db import open_database
from scanstation.db.models import Page
from scanstation.ingest.crashpoints import ENV
from scanstation.scanner.hotfolder import LEDGER_NAME
from tests.ingest.conftest import blank

ROOT = Path(__file__).resolve().parents[2]
STATION = """
import sys
from pathlib import Path
from scanstation.db import open_database
from scanstation.ingest.feeder import PageFeeder
from scanstation.station.packages import PackageService
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.recognition.pool import RecognitionPool
from scanstation.ingest.recovery import reconcile_package
from scanstation.scanner.base import ScanOptions
from scanstation.scanner.hotfolder import HotFolderDevice

database = open_database()
package = PackageService(database).open("default", "HF")
reconcile_package(database, package.id)  # what the station does at start
pool = RecognitionPool(workers=0)
pipeline = IngestPipeline(database, package.id, pool=pool)
feeder = PageFeeder(pipeline)
device = HotFolderDevice(Path(sys.argv[1]), settle_seconds=0.1, poll_interval=0.05,
                         stop_when_idle=True)
for page in device.scan(ScanOptions()):
    feeder.feed(page)
    print("fed", page.source_page, flush=True)
feeder.close()
pipeline.close()
pool.shutdown()
for name, message in device.hot.skipped:
    print("skipped", name, message, flush=True)
database.close()
"""


def _station(data_dir: Path, inbox: Path, crash_at: str = "") -> str:
    env = {**os.environ, "SCANSTATION_DATA_DIR": str(data_dir), ENV: crash_at}
    done = subprocess.run([sys.executable, "-c", STATION, str(inbox)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240, check=False,
                          start_new_session=True)
    if crash_at:
        assert done.returncode in (-9, 137), done.stderr  # killed at the point, as a power cut
    else:
        assert done.returncode == 0, done.stderr
    return done.stdout


def _rows(data_dir: Path) -> list[Page]:
    database = open_database(data_dir / "scanstation.sqlite3")
    try:
        with database.session() as session:
            return list(session.scalars(select(Page).order_by(Page.seq)))
    finally:
        database.close()


def _three_page_tiff() -> bytes:
    pages = [blank(8, n) for n in (1, 2, 3)]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="TIFF", compression="tiff_lzw", dpi=(200, 200),
                  save_all=True, append_images=pages[1:])
    return buffer.getvalue()


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("crash_at", ["file_written:2", "page_temp_half:3", "row_committed:3"])
def test_killed_before_durable_the_file_is_taken_again_each_page_once(
        tmp_path: Path, data_dir: Path, crash_at: str) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    data = _three_page_tiff()
    (inbox / "scan0001.tif").write_bytes(data)

    _station(data_dir, inbox, crash_at)
    # Killed while a page of the file was not yet durable or recorded: not acknowledged.
    assert (inbox / "scan0001.tif").read_bytes() == data
    assert not (inbox / "processed").exists()
    assert not (inbox / LEDGER_NAME).exists()

    _station(data_dir, inbox)  # the restart takes it again and finishes it
    rows = _rows(data_dir)
    assert sorted(r.source_page or 0 for r in rows) == [1, 2, 3]  # each page exactly once
    assert {r.source_sha256 for r in rows} == {rows[0].source_sha256}
    assert len(rows[0].source_sha256 or "") == 64
    assert (inbox / "processed" / "scan0001.tif").exists()
    ledger = [json.loads(line) for line in
              (inbox / LEDGER_NAME).read_text(encoding="utf-8").splitlines()]
    assert [entry["name"] for entry in ledger] == ["scan0001.tif"]

    # The vendor's program (or the operator) drops the very same file again, renamed.
    (inbox / "scan0001 (copy).tif").write_bytes(data)
    out = _station(data_dir, inbox)
    assert len(_rows(data_dir)) == 3  # not taken twice
    assert "skipped scan0001 (copy).tif Файл scan0001 (copy).tif уже был принят раньше" in out
    assert (inbox / "processed" / "scan0001 (copy).tif").exists()


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_file_recorded_but_not_in_the_ledger_is_recognised_page_by_page(
        tmp_path: Path, data_dir: Path) -> None:
    """A ledger lost (or a file dropped into another station's hot folder feeding this
    package): the pages' own source columns stop a second copy of each page."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    data = _three_page_tiff()
    (inbox / "a.tif").write_bytes(data)
    _station(data_dir, inbox)
    (inbox / LEDGER_NAME).unlink()
    (inbox / "b.tif").write_bytes(data)
    _station(data_dir, inbox)
    rows = _rows(data_dir)
    assert Counter(r.source_page for r in rows) == {1: 1, 2: 1, 3: 1}
    assert (inbox / "processed" / "b.tif").exists()  # acknowledged: all pages recorded

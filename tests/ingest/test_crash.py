"""Done-when: SIGKILL at many points of an ingest; after each restart and recovery every
page delivered before the kill is on disk exactly once, readable and recorded, and no
temporary file is left in the package folder.

The ingest runs as a real `scanstation ingest` process (with its recognition worker) in its
own process group; the whole group is killed, as a power cut would, after a varying number
of delivered pages plus a random delay.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from scanstation.db import open_database
from scanstation.db.models import Page, PageStatus
from scanstation.fsutil import TMP_SUFFIX
from scanstation.ingest.crashpoints import ENV
from scanstation.ingest.recovery import recover
from scanstation.ingest.storage import INCOMING_DIR
from scanstation.profile import default_profile
from scanstation.recognition import read_blank_number
from scanstation.samples import sample_number
from scanstation.station.packages import PackageService
from tests.ingest.conftest import blank

PAGES = 14


def _run_until(data_dir: Path, source: Path, kill_after_lines: int | None,
               extra_delay: float, crash_at: str = "") -> list[str]:
    """Run an ingest; kill its process group after `kill_after_lines` delivered pages (plus
    `extra_delay` s), or let it kill itself at the crash point `crash_at`. Returns the page
    files it reported as delivered."""
    env = {**os.environ, "SCANSTATION_DATA_DIR": str(data_dir), ENV: crash_at}
    process = subprocess.Popen(
        [sys.executable, "-m", "scanstation", "ingest", str(source), "--package", "K1",
         "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
        start_new_session=True, cwd=Path(__file__).resolve().parents[2])
    assert process.stdout is not None
    delivered: list[str] = []
    if kill_after_lines == 0:
        time.sleep(extra_delay)
    else:
        for line in process.stdout:
            if "←" in line:
                delivered.append(line.split("←")[0].strip())
                if kill_after_lines is not None and len(delivered) >= kill_after_lines:
                    time.sleep(extra_delay)
                    break
    if kill_after_lines is not None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    process.stdout.close()
    return delivered


def _check(data_dir: Path, delivered: set[str]) -> list[Page]:
    database = open_database(data_dir / "scanstation.sqlite3")
    try:
        recover(database)  # what the station does at start
        service = PackageService(database)
        package = service.open("default", "K1",  # the folder the ingest itself would use
                               folder=data_dir / "packages" / "default" / "K1")
        folder = Path(package.folder)
        with database.session() as session:
            rows = list(session.scalars(select(Page).where(Page.package_id == package.id)))
    finally:
        database.close()
    names = [r.file_name for r in rows]
    assert len(names) == len(set(names))
    assert delivered <= set(names), delivered - set(names)
    sources = Counter(r.source for r in rows)
    assert all(count == 1 for count in sources.values()), sources  # no page taken twice
    numbers = Counter(r.blank_number for r in rows)
    assert all(count == 1 for count in numbers.values()), numbers
    assert all(r.source.startswith("import:") for r in rows)
    for row in rows:
        assert not row.file_missing
        with Image.open(folder / row.file_name) as image:
            image.load()  # readable to the last byte
    leftovers = [p for p in folder.rglob("*") if p.is_file() and (
        p.name.endswith(TMP_SUFFIX) or p.parent.name == INCOMING_DIR)]
    assert leftovers == []
    assert not (folder / ".quarantine").exists()  # a cut write never looks like a bad file
    on_disk = sorted(p.name for p in folder.glob("*.tif"))
    assert on_disk == sorted(names)  # every page file has a row and the reverse
    return rows


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    source.mkdir()
    for i in range(PAGES):
        page = blank(6, i + 1)
        (page.rotate(180) if i % 5 == 2 else page).save(source / f"s{i:02d}.png",
                                                       compress_level=1)
    return source


def _finish(data_dir: Path, source: Path, delivered: set[str]) -> None:
    _run_until(data_dir, source, None, 0.0)  # the last run goes to the end
    rows = _check(data_dir, delivered)
    assert len(rows) == PAGES
    assert all(r.status == PageStatus.OK for r in rows)
    numbers = sorted(r.blank_number or "" for r in rows)
    assert numbers == sorted(sample_number(6, i + 1, 7) for i in range(PAGES))
    # every page upright on disk (a worker's upright re-save cut before its row was
    # written shows as rotation 0 in the row, but the file is upright all the same)
    profile = default_profile()
    folder = data_dir / "packages" / "default" / "K1"
    assert all(read_blank_number(folder / r.file_name, profile).rotation == 0 for r in rows)
    assert len([r for r in rows if r.rotation == 180]) <= 3


@pytest.mark.slow
def test_crash_at_every_named_point_loses_nothing(tmp_path: Path) -> None:
    """Power cut exactly between the steps of saving: half a temp file, temp complete,
    file renamed but no row, row committed; in the worker: half a preview, half an upright
    version, upright version staged, preview complete; result received but not applied."""
    source = _source(tmp_path)
    data_dir = tmp_path / "data"
    delivered: set[str] = set()
    for crash_at in ("page_temp_half:2", "file_written:2", "page_temp_written:2",
                     "row_committed:2", "preview_temp_half:1", "staged_temp_half:1",
                     "worker_rotated:1", "preview_temp_written:2", "result_received:2"):
        delivered |= set(_run_until(data_dir, source, None, 0.0, crash_at))
        _check(data_dir, delivered)
    _finish(data_dir, source, delivered)


@pytest.mark.slow
@pytest.mark.posix_only("SIGKILLs the process group at random moments; Windows has no "
                        "process groups (the named crash points run there too)")
@pytest.mark.timeout(900)
def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    """Runs of `scanstation ingest FOLDER`, each killed (SIGKILL of its process group)
    after a number of delivered pages plus a random delay — so kills land in start-up,
    encoding, writing, linking, committing and recognising — then one run to the end. Each
    killed run leaves its package lock behind; the next takes it over."""
    source = _source(tmp_path)
    data_dir = tmp_path / "data"
    seed = int(os.environ.get("INGEST_CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    print(f"crash seed {seed}")
    delivered: set[str] = set()
    plan = [(0, rng.uniform(0.5, 2.5)), (1, 0.0), (2, rng.uniform(0, 0.2)),
            (3, rng.uniform(0, 0.05)), (4, rng.uniform(0, 0.1))]
    plan += [(rng.choice([0, 1, 2]), rng.uniform(0, 0.6)) for _round in range(3)]
    for kill_after, delay in plan:
        delivered |= set(_run_until(data_dir, source, kill_after, delay))
        _check(data_dir, delivered)
    _finish(data_dir, source, delivered)
    folder = data_dir / "packages" / "default" / "K1"
    assert not (folder / ".scanstation.lock").exists()  # the completing run released it

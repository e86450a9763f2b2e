"""One writer per package across processes: the lock file, a second writer refused with who
holds it, a killed holder's lock taken over, and page names that never collide even when
two processes write to one folder past the lock (it is bypassed below the CLI on purpose).

Every test here runs real `scanstation` processes on a real database and folder.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from scanstation.db import open_database
from scanstation.db.models import Page
from scanstation.fsutil import sha256_file
from scanstation.package_lock import LOCK_NAME, PackageLock, PackageLocked, read_holder
from tests.ingest.conftest import blank

ROOT = Path(__file__).resolve().parents[2]
# A writer with the package lock switched off below it: what two writers would do if a
# program forgot to take the lock (or ran on a share where locks do not work). It saves pages
# through the pipeline and leaves them pending: naming is the saving half's business.
NO_LOCK_WRITER = """
import sys
from pathlib import Path
import scanstation.package_lock as pl
pl.PackageLock.acquire = lambda self: None
pl.PackageLock.release = lambda self: None
from PIL import Image
from scanstation.db import open_database
from scanstation.station.packages import PackageService
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.recognition.pool import RecognitionPool
from scanstation.scanner.base import ScannedPage

database = open_database()
package = PackageService(database).open("default", "P")
pool = RecognitionPool(workers=0)
pipeline = IngestPipeline(database, package.id, pool=pool)
for path in sorted(Path(sys.argv[1]).iterdir()):
    with Image.open(path) as image:
        page = ScannedPage(image=image.copy(), dpi=200, source=f"test:{path}", index=1)
    print(pipeline.add_page(page).file_name, flush=True)
pipeline.close(wait=False)
pool.shutdown(wait=False)
"""
HOLD = ("import sys, time; from pathlib import Path; "
        "from scanstation.package_lock import PackageLock, set_program; "
        "set_program('holder-test'); lock = PackageLock(Path(sys.argv[1])); lock.acquire(); "
        "print('held', flush=True); time.sleep(600)")


def _env(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "SCANSTATION_DATA_DIR": str(data_dir)}


def _pages(source: Path, kit: int, count: int) -> Path:
    source.mkdir()
    for i in range(count):
        blank(kit, i + 1).save(source / f"p{i:02d}.png", compress_level=1)
    return source


def _rows(data_dir: Path) -> list[Page]:
    database = open_database(data_dir / "scanstation.sqlite3")
    try:
        with database.session() as session:
            return list(session.scalars(select(Page)))
    finally:
        database.close()


def _holder(folder: Path, data_dir: Path) -> subprocess.Popen[str]:
    folder.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], cwd=ROOT,
                               env=_env(data_dir), stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    return process


def test_second_writer_is_refused_with_who_holds_it(tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "pkg"
    holder = _holder(folder, data_dir)
    try:
        with pytest.raises(PackageLocked) as caught:
            PackageLock(folder).acquire()
        message = caught.value.message
        assert "сейчас изменяет другая программа: holder-test" in message
        assert f"процесс {holder.pid}" in message
        assert f"компьютер {socket.gethostname()}" in message
        assert read_holder(folder)["since"] in message
    finally:
        holder.kill()
        holder.wait(timeout=30)
    # SIGKILL left the file with the dead holder's name in it; the system dropped the lock.
    assert read_holder(folder)["pid"] == holder.pid
    with PackageLock(folder, "taker"):
        assert read_holder(folder)["program"] == "taker"
        assert read_holder(folder)["pid"] == os.getpid()
    assert not (folder / LOCK_NAME).exists()  # released: nobody named


def test_lock_is_shared_within_one_process(tmp_path: Path) -> None:
    """The window's pipeline, packer and recovery of one package are one writer."""
    folder = tmp_path / "pkg"
    folder.mkdir()
    outer, inner = PackageLock(folder), PackageLock(folder)
    outer.acquire()
    inner.acquire()
    inner.release()
    assert (folder / LOCK_NAME).exists() and read_holder(folder)["pid"] == os.getpid()
    outer.release()
    assert not (folder / LOCK_NAME).exists()


@pytest.mark.timeout(300)
def test_second_cli_ingest_refused_while_the_first_runs(tmp_path: Path, data_dir: Path) -> None:
    # Enough pages that the first is still writing when the second has started: under
    # Wine a Python process takes seconds to start, and 12 pages were done by then.
    pages = 60
    source = _pages(tmp_path / "a", 3, pages)
    first = subprocess.Popen(
        [sys.executable, "-m", "scanstation", "ingest", str(source), "--package", "P",
         "--workers", "1"], cwd=ROOT, env=_env(data_dir), stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True)
    assert first.stdout is not None
    try:
        assert "←" in first.stdout.readline()  # writing pages, so holding the lock
        second = subprocess.run(
            [sys.executable, "-m", "scanstation", "ingest", str(source), "--package", "P",
             "--workers", "1"], cwd=ROOT, env=_env(data_dir), capture_output=True,
            text=True, timeout=120, check=False)
        assert second.returncode == 2, second.stderr
        assert "сейчас изменяет другая программа: scanstation ingest" in second.stderr
        assert f"процесс {first.pid}" in second.stderr
        first.stdout.read()
    finally:
        first.wait(timeout=240)
    assert first.returncode == 0
    rows = _rows(data_dir)
    assert len(rows) == pages  # all from the first; the second added nothing


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_page_names_never_collide_past_the_lock(tmp_path: Path, data_dir: Path) -> None:
    """Two processes saving different sheets into one package at once, the lock switched
    off: each page gets a name of its own (claimed exclusively, the next name on a clash in
    the folder or in the database) — none overwritten, none lost, rows and files agree."""
    sources = [_pages(tmp_path / "a", 4, 12), _pages(tmp_path / "b", 5, 12)]
    # The package exists before both start, so they do not race to create it.
    database = open_database(data_dir / "scanstation.sqlite3")
    from scanstation.station.packages import PackageService

    folder = Path(PackageService(database).open("default", "P").folder)
    database.close()
    runs = [subprocess.Popen([sys.executable, "-c", NO_LOCK_WRITER, str(source)],
                             cwd=ROOT, env=_env(data_dir), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for source in sources]
    outputs = [run.communicate(timeout=360) for run in runs]
    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
    reported = [name for out, _err in outputs for name in out.split()]
    assert len(reported) == 24 and len(set(reported)) == 24  # 24 names, none given twice
    rows = _rows(data_dir)
    names = [r.file_name for r in rows]
    assert sorted(names) == sorted(reported)
    assert sorted(p.name for p in folder.glob("*.tif")) == sorted(names)
    for row in rows:  # each file is the page its row says (nothing overwritten)
        assert sha256_file(folder / row.file_name) == row.sha256
    assert Counter(r.source for r in rows).most_common(1)[0][1] == 1
    incoming = folder / ".incoming"
    assert not incoming.exists() or not any(incoming.iterdir())  # no temporary file left


@pytest.mark.posix_only("SIGKILLs the process group of a running ingest")
def test_killed_ingest_leaves_a_lock_the_next_run_takes_over(tmp_path: Path,
                                                              data_dir: Path) -> None:
    source = _pages(tmp_path / "a", 6, 6)
    env = _env(data_dir)
    process = subprocess.Popen(
        [sys.executable, "-m", "scanstation", "ingest", str(source), "--package", "P",
         "--workers", "1"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    assert process.stdout is not None
    assert "←" in process.stdout.readline()
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    folder = data_dir / "packages" / "default" / "P"
    assert read_holder(folder)["pid"] == process.pid  # the dead holder's name is left
    again = subprocess.run(
        [sys.executable, "-m", "scanstation", "ingest", str(source), "--package", "P",
         "--workers", "1", "--json"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=240, check=False)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["stats"]["pages"] == 6
    assert not (folder / LOCK_NAME).exists()


def test_page_fix_refused_while_another_program_writes(tmp_path: Path, data_dir: Path) -> None:
    """The window's page fixes take the lock too: a CLI writer holding the package stops a
    rotate with its name, and once it is gone the same fix goes through."""
    from scanstation.ingest.pipeline import IngestPipeline
    from scanstation.recognition.pool import RecognitionPool
    from scanstation.station.actions import PageActions
    from scanstation.station.packages import PackageService
    from tests.ingest.conftest import scanned

    database = open_database(data_dir / "scanstation.sqlite3")
    try:
        package = PackageService(database).open("default", "P", folder=tmp_path / "pkg")
        pool = RecognitionPool(workers=0)
        with IngestPipeline(database, package.id, pool=pool) as pipeline:
            page = pipeline.add_page(scanned(blank(7, 1)))
            pipeline.wait_idle(60)
        pool.shutdown()
        holder = _holder(tmp_path / "pkg", data_dir)
        try:
            with pytest.raises(PackageLocked, match="holder-test"):
                PageActions(database).rotate(page.id, 90)
        finally:
            holder.kill()
            holder.wait(timeout=30)
        assert PageActions(database).rotate(page.id, 90).rotation == 90
    finally:
        database.close()


def test_pack_and_fix_refused_while_another_program_writes(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scanstation.archive.packer import PackOptions, pack_package
    from scanstation.cli import main

    folder = tmp_path / "pkg"
    folder.mkdir()
    blank(7, 2).save(folder / "0001.tif", compression="tiff_lzw", dpi=(200, 200))
    holder = _holder(folder, data_dir)
    try:
        with pytest.raises(PackageLocked, match="holder-test"):
            pack_package(folder, PackOptions(out_dir=tmp_path / "out"))
        assert main(["fix", "--all", str(folder)]) == 2
        assert "сейчас изменяет другая программа: holder-test" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert len(pack_package(folder, PackOptions(out_dir=tmp_path / "out")).archives) == 1

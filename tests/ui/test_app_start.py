"""The README's run command opens the window: the real program started as a process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.gui
def test_program_opens_its_window_offscreen(data_dir: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SCANSTATION_DATA_DIR=str(data_dir))
    result = subprocess.run(
        [sys.executable, "-m", "scanstation", "--quit-after", "1500"],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )
    assert result.returncode == 0, result.stderr
    log = (data_dir / "logs" / "scanstation.log").read_text(encoding="utf-8")
    assert "window opened" in log
    assert (data_dir / "scanstation.sqlite3").exists()


def _package_with_a_page(name: str, serial: int) -> Path:
    """A package in the station's database whose folder holds one page with no row (a
    power cut between the file and its row)."""
    from scanstation.db import open_database
    from scanstation.samples import render_blank, sample_number
    from scanstation.station.packages import PackageService

    database = open_database()
    service = PackageService(database)
    folder = Path(service.ensure_package(service.ensure_event("ОМК"), name).folder)
    folder.mkdir(parents=True, exist_ok=True)
    database.close()
    render_blank(sample_number(serial, 1)).save(folder / "0001.tif", compression="tiff_lzw",
                                                dpi=(200, 200))
    return folder


def _start_and_quit(data_dir: Path, quit_after_ms: int) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SCANSTATION_DATA_DIR=str(data_dir),
               SCANSTATION_LANG="ru")
    result = subprocess.run(
        [sys.executable, "-m", "scanstation", "--quit-after", str(quit_after_ms)],
        capture_output=True, text=True, timeout=180, env=env, check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.gui
def test_start_reconciles_packages_left_by_a_crash(data_dir: Path) -> None:
    """A temporary file left by a power cut is removed and an orphan page is recorded by
    the recovery the window starts (quitting at once still lets it reconcile)."""
    from sqlalchemy import select

    from scanstation.db import Page, open_database

    folder = _package_with_a_page("Аудитория 7", 501501)
    (folder / ".incoming").mkdir(exist_ok=True)
    (folder / ".incoming" / "0002.tif.tmp").write_bytes(b"half a page")
    _start_and_quit(data_dir, 500)
    assert not (folder / ".incoming" / "0002.tif.tmp").exists()
    database = open_database()
    with database.session() as session:
        files = [page.file_name for page in session.scalars(select(Page))]
    database.close()
    assert files == ["0001.tif"]


@pytest.mark.gui
@pytest.mark.posix_only("SIGTERM as a signal the window handles; Windows has TerminateProcess")
def test_sigterm_closes_the_window_cleanly(data_dir: Path) -> None:
    """SIGTERM (a logout, a service manager) closes the window the normal way."""
    import signal
    import time

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SCANSTATION_DATA_DIR=str(data_dir))
    process = subprocess.Popen([sys.executable, "-m", "scanstation", "--quit-after", "120000"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    log_file = data_dir / "logs" / "scanstation.log"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and not (
            log_file.exists() and "window opened" in log_file.read_text(encoding="utf-8")):
        assert process.poll() is None, process.communicate()
        time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    log = log_file.read_text(encoding="utf-8")
    assert "closing the window" in log and "window closed" in log
    assert (data_dir / "window.ini").exists()  # the layout was saved on the way out


@pytest.mark.gui
def test_a_bad_file_in_a_package_never_stops_the_start(data_dir: Path) -> None:
    """A non-image named like a page and a stray PDF: the window opens all the same, the
    files are set aside in the package's `.quarantine/` and the log says so in Russian."""
    folder = _package_with_a_page("Аудитория 8", 501502)
    (folder / "0005.tif").write_bytes(b"not an image")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 stray")
    _start_and_quit(data_dir, 4000)
    assert (folder / ".quarantine" / "0005.tif").read_bytes() == b"not an image"
    assert (folder / ".quarantine" / "notes.pdf").exists()
    log = (data_dir / "logs" / "scanstation.log").read_text(encoding="utf-8")
    assert "window opened" in log
    assert "перенесён в папку .quarantine" in log
    assert log.index("window opened") < log.index("перенесён в папку .quarantine")

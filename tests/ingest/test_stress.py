"""`scanstation ingest` of 200 generated pages while another process burns a core and a
third reads and writes the same database in a loop: it ends, and every page is there
exactly once, read. Real processes, a real SQLite file, real page files (TIFF LZW, 1-bit
TIFF, JPEG; upside-down pages and pages without a code among them)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from benchmarks.pagefolder import distinct_pages, write_page_folder
from scanstation.db import open_database
from scanstation.db.models import Page, PageStatus

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

PAGES = 200
OTHER_WRITER = textwrap.dedent("""
    import sys, time
    from sqlalchemy import func, select
    from scanstation.db import Event, open_database
    from scanstation.db.models import Page
    database = open_database()
    n = 0
    while True:
        with database.read() as session:
            session.scalar(select(func.count(Page.id)))
        with database.session() as session:
            event = session.scalar(select(Event).where(Event.name == "other-writer"))
            if event is None:
                session.add(Event(name="other-writer", profile_name="default",
                                  profile_toml=""))
            else:
                event.profile_name = f"default-{n}"
        n += 1
        if n % 50 == 0:
            print(n, flush=True)
        time.sleep(0.005)
""")


def test_ingest_200_pages_under_load_with_another_writer(tmp_path: Path) -> None:
    source = tmp_path / "pages"
    write_page_folder(source, PAGES, distinct_pages(
        6, kinds=("realistic", "realistic", "hard", "realistic", "refusal", "realistic")))
    data = tmp_path / "data"
    env = {**os.environ, "SCANSTATION_DATA_DIR": str(data)}
    open_database(data / "scanstation.sqlite3").close()  # created before both processes
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    writer = subprocess.Popen([sys.executable, "-c", OTHER_WRITER], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "scanstation", "ingest", str(source), "--package",
             "S", "--json", "--workers", "2"],
            env=env, capture_output=True, text=True, timeout=800, check=False)
        assert writer.poll() is None, writer.communicate()  # it wrote all along
    finally:
        burner.kill()
        writer.kill()
        burner.wait(10)
        _out, writer_err = writer.communicate(timeout=10)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in writer_err, writer_err[-3000:]
    report = json.loads(done.stdout)
    assert report["pages_added"] == PAGES and report["stalled"] is None
    assert report["stats"]["pending"] == 0

    database = open_database(data / "scanstation.sqlite3")
    try:
        with database.read() as session:
            sources = list(session.scalars(select(Page.source)))
            pending = session.scalar(select(func.count(Page.id)).where(
                Page.status == PageStatus.PENDING))
            folder_names = list(session.scalars(select(Page.file_name)))
    finally:
        database.close()
    assert len(sources) == PAGES and len(set(sources)) == PAGES  # each page exactly once
    assert pending == 0
    package_folder = Path(report["folder"])
    assert sorted(p.name for p in package_folder.glob("[0-9]*.tif")) == sorted(folder_names)

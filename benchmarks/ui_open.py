"""Opening a big package in the window: time until the first thumbnails are on screen.

A package of N pages (default 5,000) is made on disk (one real LZW TIFF page, hard-linked
N times, with or without the ingest preview cache) and in the database. Measured in one
run, offscreen:

  lazy (the window)  open_package() → first thumbnail painted → a full screen of them
  eager (baseline)   every row loaded as an ORM object and every thumbnail decoded
                     before anything is shown (the naive list widget)

    python benchmarks/ui_open.py [--pages 5000] [--cold] [--quick]

`--cold` leaves out the preview cache, so the grid decodes the TIFF pages themselves.
`--quick` measures the eager baseline on 300 pages and extrapolates it to N.
Goal: the first screen of thumbnails in under a second at 5,000 pages.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build_package(pages: int, cold: bool) -> tuple[object, int]:
    from PIL import Image

    from scanstation.db import open_database
    from scanstation.db.models import Page, PageStatus, ReadMethod
    from scanstation.ingest.thumbnails import thumbnail_path, write_thumbnail
    from scanstation.profile import default_profile
    from scanstation.samples import render_blank, sample_number
    from scanstation.station.packages import PackageService

    database = open_database()
    package = PackageService(database).open("Бенчмарк", "Аудитория 5000", default_profile())
    folder = Path(package.folder)
    blank = render_blank(sample_number(1, 1, 2026), dpi=200)
    first = folder / "0001.tif"
    blank.save(first, compression="tiff_lzw", dpi=(200, 200))
    if not cold:
        with Image.open(first) as image:
            write_thumbnail(image, thumbnail_path(folder, first.name))
    size = first.stat().st_size
    rows = []
    for seq in range(1, pages + 1):
        name = f"{seq:04d}.tif"
        if seq > 1:
            os.link(first, folder / name)
            if not cold:
                os.link(thumbnail_path(folder, first.name), thumbnail_path(folder, name))
        kit, page = divmod(seq - 1, 4)
        number = sample_number(kit + 1, page + 1, 2026)
        unreadable = seq % 37 == 0
        rows.append(Page(package_id=package.id, seq=seq, file_name=name, sha256="0" * 64,
                         size_bytes=size, width_px=blank.width, height_px=blank.height,
                         status=PageStatus.UNREADABLE if unreadable else PageStatus.OK,
                         blank_number=None if unreadable else number,
                         read_method=ReadMethod.NONE if unreadable else ReadMethod.BARCODE))
    with database.session() as session:
        session.add_all(rows)
    return database, package.id


def visible_rows(window: object) -> list[int]:
    grid = window.grid  # type: ignore[attr-defined]
    viewport = grid.viewport().rect()
    model = grid.model()
    rows = []
    for row in range(min(model.rowCount(), 400)):
        if grid.visualRect(model.index(row, 0)).intersects(viewport):
            rows.append(row)
    return rows


def measure_lazy(database: object, package_id: int) -> tuple[float, float, int]:
    from PySide6.QtWidgets import QApplication

    from scanstation.settings import StationSettings
    from scanstation.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(database, StationSettings())  # type: ignore[arg-type]
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    start = time.perf_counter()
    window.open_package(package_id)
    first = full = 0.0
    shown: list[int] = []
    deadline = start + 60
    while time.perf_counter() < deadline:
        window.grid.viewport().repaint()
        app.processEvents()
        shown = visible_rows(window)
        ready = [r for r in shown if window.loader.get(window.model.rows[r].id) is not None]
        if ready and not first:
            first = time.perf_counter() - start
        if shown and len(ready) == len(shown):
            full = time.perf_counter() - start
            break
        time.sleep(0.002)
    window.shutdown()
    window.close()
    return first, full, len(shown)


def measure_eager(database: object, package_id: int, sample: int | None) -> tuple[float, int]:
    from scanstation.station.packages import PackageService
    from scanstation.ui.main_window import thumbnail_source
    from scanstation.ui.thumbnails import make_thumbnail

    start = time.perf_counter()
    pages = PackageService(database).pages(package_id, include_trashed=True)  # type: ignore[arg-type]
    chosen = pages if sample is None else pages[:sample]
    for page in chosen:
        make_thumbnail(page.path, source=thumbnail_source)
    elapsed = time.perf_counter() - start
    if sample is not None and len(pages) > sample:
        elapsed = elapsed * len(pages) / sample
    return elapsed, len(pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--cold", action="store_true", help="no preview cache")
    parser.add_argument("--quick", action="store_true", help="extrapolate the baseline")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="scanstation-ui-bench-"))
    os.environ["SCANSTATION_DATA_DIR"] = str(work)
    started = time.perf_counter()
    database, package_id = build_package(args.pages, args.cold)
    print(f"package of {args.pages} pages built in {time.perf_counter() - started:.1f} s "
          f"({'no preview cache' if args.cold else 'preview cache present'})")
    first, full, visible = measure_lazy(database, package_id)
    eager, rows = measure_eager(database, package_id, 300 if args.quick else None)
    note = " (extrapolated from 300)" if args.quick else ""
    print(f"lazy window : first thumbnail {first * 1000:7.0f} ms, "
          f"full screen ({visible} cells) {full * 1000:7.0f} ms")
    print(f"eager baseline: all {rows} rows and thumbnails {eager * 1000:9.0f} ms{note}")
    if full:
        print(f"ratio: the window shows its first screen {eager / full:.0f}× sooner than the "
              "eager baseline")
    print("goal: first screen < 1000 ms —", "met" if 0 < full < 1.0 else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())

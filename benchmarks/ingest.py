"""Ingest benchmark: sustained pages/s through the whole pipeline, and its memory.

    .venv/bin/python -m benchmarks.ingest            # 500 pages, memory at 100 and 500
    .venv/bin/python -m benchmarks.ingest --quick    # 60 pages, memory at 20 and 60
    .venv/bin/python -m benchmarks.ingest --load [--quick]   # idle, then one core busy

Whole pipeline = what a station does per page: LZW TIFF saved atomically (fsync, rename,
folder fsync), row committed (SQLite WAL, synchronous=FULL), number read in a worker
process (our reader: rotations, corners, upscales), page re-saved upright when needed,
perceptual hash, 200 px preview, result committed and the quality flag recomputed.
Pages are fed from the main thread through `PageFeeder` (as the window's scanner thread
does) as fast as it accepts them, with at most ~40 pages awaiting recognition (a real
feeder is not faster than that); the run ends when the last result is committed.

Baseline, same run, same pages: plain Pillow `save(compression="tiff_lzw")` to a file plus
one plain `zxingcpp.read_barcodes` per page, serially in one process — no durability, no
database, no rotation handling, no preview.

`--load`: the baseline and the pipeline are measured idle, then again while another
process burns a core (`while True: pass`, as antivirus or a browser on a station PC does),
each loaded figure against the loaded baseline; goal ≥ 1.0× even under load.

Pages are scan-like gray 200 dpi A4 blanks from `benchmarks.pagegen` ("realistic":
noise, blur, skew, some turned 180°/90°), 24 distinct ones fed in a cycle so page
generation does not count. Memory: resident set of this process and of every
recognition worker, read from /proc (Linux), at the two marks.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import zxingcpp
from PIL import Image

from benchmarks.pagegen import scan_page
from scanstation.db import open_database
from scanstation.ingest.feeder import PageFeeder
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.recognition.pool import RecognitionPool
from scanstation.scanner.base import ScannedPage
from scanstation.station.packages import PackageService

DISTINCT_PAGES = 24


def rss_mb(pid: int) -> float:
    """Resident memory of one process in MB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return 0.0
    return 0.0


def tree_rss(pool: RecognitionPool) -> tuple[float, float]:
    """(this process, all recognition workers) resident MB."""
    return rss_mb(os.getpid()), sum(rss_mb(pid) for pid in pool.worker_pids())


def make_pages() -> list[Image.Image]:
    pages = []
    for seed in range(DISTINCT_PAGES):
        image, _number, _difficulty = scan_page(seed, "realistic")
        pages.append(image.convert("L") if image.mode not in ("L", "1") else image)
    return pages


def baseline(pages: list[Image.Image], count: int, folder: Path) -> float:
    folder.mkdir()
    start = time.perf_counter()
    for i in range(count):
        page = pages[i % len(pages)]
        page.save(folder / f"{i:04d}.tif", compression="tiff_lzw", dpi=(200, 200))
        zxingcpp.read_barcodes(page)
    return count / (time.perf_counter() - start)


def paced_run(pages: list[Image.Image], count: int, root: Path, workers: int,
              per_minute: int) -> tuple[float, float, float]:
    """Feed at a production feeder's pace; (median, p95 hold ms, seconds to catch up)."""
    database = open_database(root / "paced.sqlite3")
    package = PackageService(database).open("bench", "paced", folder=root / "paced")
    pool = RecognitionPool(workers)
    pool.warm_up()
    holds: list[float] = []
    interval = 60 / per_minute
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        feeder = PageFeeder(pipeline)
        next_at = time.perf_counter()
        for i in range(count):
            time.sleep(max(0.0, next_at - time.perf_counter()))
            t0 = time.perf_counter()
            feeder.feed(ScannedPage(pages[i % len(pages)], 200, "paced", i + 1))
            holds.append(time.perf_counter() - t0)
            next_at += interval
        last_fed = time.perf_counter()
        feeder.close()
        pipeline.wait_idle()
        catch_up = time.perf_counter() - last_fed
    pool.shutdown()
    database.close()
    holds.sort()
    return (1000 * statistics.median(holds), 1000 * holds[int(0.95 * (len(holds) - 1))],
            catch_up)


def pipeline_run(pages: list[Image.Image], count: int, marks: tuple[int, int], root: Path,
                 workers: int) -> dict[str, object]:
    database = open_database(root / "bench.sqlite3")
    package = PackageService(database).open("bench", "room", folder=root / "pkg")
    pool = RecognitionPool(workers)
    pool.warm_up()
    memory: dict[int, tuple[float, float]] = {}
    hold_times: list[float] = []
    start = time.perf_counter()
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        feeder = PageFeeder(pipeline)  # as the window uses it: the scanner thread only feeds
        for i in range(count):
            t0 = time.perf_counter()
            feeder.feed(ScannedPage(pages[i % len(pages)], 200, "bench", i + 1))
            hold_times.append(time.perf_counter() - t0)
            # Keep the feeder at most ~40 pages ahead of recognition, as a real one is.
            while pipeline.in_flight > 40:
                time.sleep(0.005)
            if i + 1 in marks:
                feeder.flush()
                pipeline.wait_idle()
                memory[i + 1] = tree_rss(pool)
        feeder.close()
        pipeline.wait_idle()
        elapsed = time.perf_counter() - start
    stats = PackageService(database).stats(package.id)
    pool.shutdown()
    database.close()
    hold_times.sort()
    return {
        "pages_per_s": count / elapsed,
        "elapsed": elapsed,
        "hold_ms_median": 1000 * statistics.median(hold_times),
        "hold_ms_p95": 1000 * hold_times[int(0.95 * (len(hold_times) - 1))],
        "memory": memory,
        "unreadable_percent": stats.unreadable_percent,
        "pages": stats.pages,
    }


def load_run(pages: list[Image.Image], count: int, workers: int) -> None:
    """Idle, then with one core burnt by another process: pipeline vs serial baseline."""
    figures: dict[str, tuple[float, float]] = {}
    for label in ("idle", "one core busy"):
        burner = None
        if label != "idle":
            burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            with tempfile.TemporaryDirectory(prefix="ingest-load-", dir=Path.home()) as tmp:
                root = Path(tmp)
                base = baseline(pages, min(count, 60), root / "baseline")
                result = pipeline_run(pages, count, (count // 2, count), root, workers)
        finally:
            if burner is not None:
                burner.kill()
                burner.wait()
        rate = float(result["pages_per_s"])  # type: ignore[arg-type]
        figures[label] = (rate, base)
        print(f"{label:>13}: pipeline {rate:.2f} pages/s, baseline (Pillow LZW save + one "
              f"zxing-cpp read, serial) {base:.2f} pages/s = {rate / base:.2f}×", flush=True)
    (idle, idle_base), (busy, busy_base) = figures["idle"], figures["one core busy"]
    print(f"under load the pipeline keeps {busy / idle:.0%} of its idle speed, the baseline "
          f"{busy_base / idle_base:.0%}; goal ≥ 1.0× the baseline under load: "
          f"{'met' if busy >= busy_base else 'NOT met'} ({busy / busy_base:.2f}×)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="60 pages instead of 500")
    parser.add_argument("--workers", type=int, default=2, help="recognition processes")
    parser.add_argument("--load", action="store_true",
                        help="measure idle and with another process burning a core")
    args = parser.parse_args()
    if args.load:
        print(f"generating {DISTINCT_PAGES} scan-like pages …", flush=True)
        load_run(make_pages(), 60 if args.quick else 200, args.workers)
        return
    count, marks = (60, (20, 60)) if args.quick else (500, (100, 500))
    print(f"generating {DISTINCT_PAGES} scan-like pages …", flush=True)
    pages = make_pages()
    with tempfile.TemporaryDirectory(prefix="ingest-bench-", dir=Path.home()) as tmp:
        root = Path(tmp)
        base = baseline(pages, min(count, 100), root / "baseline")
        print(f"baseline (plain Pillow LZW save + plain zxing-cpp, serial): "
              f"{base:.2f} pages/s", flush=True)
        result = pipeline_run(pages, count, marks, root, args.workers)
        paced = paced_run(pages, count // 4, root, args.workers, 200)
    rate = float(result["pages_per_s"])  # type: ignore[arg-type]
    print(f"pipeline ({args.workers} workers, {count} pages, durable, read, upright, preview, "
          f"committed): {rate:.2f} pages/s = {rate * 60:.0f} pages/min, "
          f"{rate / base:.2f}× the baseline; goal ≥ 4 pages/s: "
          f"{'met' if rate >= 4 else 'NOT met'}")
    print(f"feed() at full speed (blocks when 8 pages wait to be written): median "
          f"{result['hold_ms_median']:.1f} ms, p95 {result['hold_ms_p95']:.1f} ms")
    print(f"feed() at a production feeder's 200 pages/min ({count // 4} pages): median "
          f"{paced[0]:.2f} ms, p95 {paced[1]:.2f} ms; last result committed "
          f"{paced[2]:.2f} s after the last page")
    memory: dict[int, tuple[float, float]] = result["memory"]  # type: ignore[assignment]
    for mark, (main_mb, workers_mb) in sorted(memory.items()):
        print(f"memory after {mark:4d} pages: main {main_mb:.0f} MB + workers "
              f"{workers_mb:.0f} MB = {main_mb + workers_mb:.0f} MB")
    (first, (m1, w1)), (last, (m2, w2)) = sorted(memory.items())
    print(f"memory growth {first}→{last} pages: {(m2 + w2) - (m1 + w1):+.0f} MB")
    print(f"package: {result['pages']} pages, unreadable {result['unreadable_percent']} %")


if __name__ == "__main__":
    main()

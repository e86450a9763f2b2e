"""Packing throughput and peak memory: `scanstation pack` against Info-ZIP `zip -0 -r`.

Pages: realistic station-like scans (`pagegen`'s realistic pages with their blank-number
codes, 200 dpi gray, ~2.5 MB each: every copy of a base page gets its own sensor noise, so
no two files share bytes), four in five LZW TIFF, one in five JPEG. They are generated once
into `~/.cache/scanstation-bench/` (or `$XDG_CACHE_HOME`) and hard-linked into the work
folder, so a second run starts in seconds. Two folders of the same pages are packed:
  * «station-scanned»: registered as a package the station scanned (every page's number
    and sha256 in the database, as ingest leaves them): no recognition, a header-only check,
    every packed page's sha256 compared with the database;
  * «from elsewhere»: a folder the station never scanned. Its first pack reads every page's
    barcode (timed once, for the record); the timed runs are the SECOND pack, whose reads
    are remembered in the database by the files' sha256 (`page_read`): every file hashed
    once, nothing decoded, kits from the remembered reads.
Each is compared with `zip -0 -r` of the same folder in the same rounds. Info-ZIP leaves
its archive in the page cache, to reach the disk after the clock stops, while the pack
fsyncs every part: on a disk slower than zip's reading and CRC, no durable pack can match
it. So two more contenders run in every round: `zip -0 -r` followed by an fsync of its
archive (the same bytes, durable, as the pack leaves them), and `dd` writing as many bytes
with `conv=fdatasync` (this disk's durable write speed in that round: a virtual disk's
throughput changes from minute to minute). The contender is
the command an operator runs, `scanstation pack FOLDER --out DIR`: Python start-up and
imports, the folder check, writing, fsync, the complete re-read verification (the ZIP
re-opened: every CRC and every page's sha256 from the written file), the archive's sha256,
the manifest and the database rows (the package's bytecode compiled first, as installed).
Info-ZIP only reads, CRCs and writes (no fsync).

Fair conditions for all, before every timed run and outside the timing: the output of the
previous run is deleted and `sync` waits until no dirty data is left from it, then the
whole folder is read once (so all start from the same warm page cache), and the database
is restored from the same copy (the station's rows and the remembered reads of the first
pack from elsewhere). The contenders alternate, several rounds; the MEDIAN of each is
reported, with the load averages (the machine is shared: read the ratios, not the absolute
figures). Goals: zip / pack ≥ 1.0 station-scanned, ≥ 0.5 for the second pack from
elsewhere. Peak memory is each child's max RSS (os.wait4; Linux counts a child's RSS from
before its exec too, so this parent imports only the standard library, ~10 MB floor). The
station pack is also run on a quarter of the folder: flat memory means the same peak.

    .venv/bin/python -m benchmarks.pack              # ~700 MB folder, 5 rounds
    .venv/bin/python -m benchmarks.pack --quick      # ~70 MB folder, 3 rounds
    .venv/bin/python -m benchmarks.pack --cprofile   # + where the second pack from
                                                     #   elsewhere spends its time
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

DB_NAME = "scanstation.sqlite3"
BASE_PAGES = 12  # distinct generated scans; every file is one of them with its own noise
JPEG_EVERY = 5  # one file in five is a JPEG, as stations that save JPEG leave them


def cache_root() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "scanstation-bench"


def make_pages(folder: Path, total_bytes: int) -> None:
    """Child process: the page files and `numbers.json` (file name → blank number)."""
    import numpy as np
    from PIL import Image

    from benchmarks.pagegen import make_sample

    bases = []
    for index in range(BASE_PAGES):
        sample = make_sample(7000 + index, "realistic")
        bases.append((np.asarray(sample.image.convert("L"), dtype=np.float32), sample.number))
    temp = folder.with_name(folder.name + ".part")
    shutil.rmtree(temp, ignore_errors=True)
    temp.mkdir(parents=True)
    numbers: dict[str, str | None] = {}
    size, index = 0, 0
    while size < total_bytes:
        index += 1
        pixels, number = bases[index % BASE_PAGES]
        rng = np.random.default_rng(index)
        noisy = np.clip(pixels + rng.normal(0, 4.5, pixels.shape), 0, 255).astype(np.uint8)
        image = Image.fromarray(noisy, "L")
        if index % JPEG_EVERY == 0:
            path = temp / f"{index:04d}.jpg"
            image.save(path, quality=92, dpi=(200, 200))
        else:
            path = temp / f"{index:04d}.tif"
            image.save(path, compression="tiff_lzw", dpi=(200, 200))
        numbers[path.name] = number
        size += path.stat().st_size
    (temp / ".numbers.json").write_text(json.dumps(numbers))
    temp.rename(folder)


def register(folder: Path, database_path: Path, numbers: dict[str, str | None]) -> None:
    """Child process: `folder` becomes a package the station scanned and read."""
    import hashlib

    from scanstation.db import open_database
    from scanstation.db.models import Event, Package, Page, PageStatus

    database = open_database(database_path)
    with database.session() as session:
        package = Package(event=Event(name=folder.name), name=folder.name, folder=str(folder))
        for seq, path in enumerate(sorted(p for p in folder.iterdir()
                                          if not p.name.startswith(".")), start=1):
            with path.open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
            number = numbers.get(path.name)
            package.pages.append(Page(
                seq=seq, file_name=path.name, size_bytes=path.stat().st_size, sha256=digest,
                width_px=1653, height_px=2338, blank_number=number,
                status=PageStatus.OK if number else PageStatus.UNREADABLE))
        session.add(package)
    database.close()


class Bench:
    """The work folder: page folders, the database copy, a data folder for the command."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pristine = root / "pristine.sqlite3"
        self.data = root / "data"
        self.out = root / "out"
        self.data.mkdir()

    def link_folder(self, name: str, pages: Path, count: int | None = None) -> Path:
        """The cached pages hard-linked (copied across file systems) under `name`."""
        folder = self.root / name
        folder.mkdir()
        files = sorted(p for p in pages.iterdir() if not p.name.startswith("."))
        for path in files[:count]:
            try:
                os.link(path, folder / path.name)
            except OSError:
                shutil.copyfile(path, folder / path.name)
        return folder

    def register(self, folder: Path, numbers: Path) -> None:
        subprocess.run([sys.executable, "-m", "benchmarks.pack", "--register", str(folder),
                        str(self.pristine), str(numbers)], check=True)

    def restore(self, database: Path) -> None:
        for leftover in self.data.glob(DB_NAME + "*"):
            leftover.unlink()
        shutil.copyfile(database, self.data / DB_NAME)

    def prepare(self, folder: Path) -> None:
        """Outside the timing: same starting point for every run of every contender."""
        shutil.rmtree(self.out, ignore_errors=True)
        self.restore(self.pristine)
        os.sync()  # no dirty data of an earlier run left to compete with this one
        for path in sorted(folder.iterdir()):  # the same warm page cache for everyone
            with path.open("rb", buffering=0) as handle:
                while handle.read(8 << 20):
                    pass
        self.out.mkdir()

    def run(self, argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
        """Wall time and peak RSS (bytes) of one child process."""
        start = time.perf_counter()
        errors = self.root / "stderr.txt"  # the gate's Russian summary: shown on failure
        with errors.open("wb") as stderr:
            process = subprocess.Popen(argv, cwd=self.root, stdout=subprocess.DEVNULL,
                                       stderr=stderr,
                                       env={**os.environ, "SCANSTATION_DATA_DIR": str(self.data),
                                            **(env or {})})
            _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"failed: {' '.join(argv)}\n{errors.read_text()}")
        return elapsed, usage.ru_maxrss * 1024

    def info_zip(self, folder: Path) -> tuple[float, int]:
        self.prepare(folder)
        return self.run(["zip", "-0", "-q", "-r", str(self.out / "info-zip.zip"), folder.name])

    def info_zip_durable(self, folder: Path) -> tuple[float, int]:
        """`zip -0 -r`, then its archive and folder made durable (`sync FILE` fsyncs them),
        as the pack does: the same bytes, on the disk when the clock stops."""
        self.prepare(folder)
        archive = self.out / "info-zip.zip"
        return self.run(["sh", "-c", 'zip -0 -q -r "$1" "$2" && sync "$1" "$3"', "sh",
                         str(archive), folder.name, str(self.out)])

    def disk_write(self, size: int) -> tuple[float, int]:
        """`size` bytes written and fsynced by dd (8 MiB blocks, `conv=fdatasync`): this
        disk's durable write speed in this round, the floor of any durable pack."""
        shutil.rmtree(self.out, ignore_errors=True)
        os.sync()
        self.out.mkdir()
        return self.run(["dd", "if=/dev/zero", f"of={self.out / 'disk.bin'}", "bs=8M",
                         f"count={max(1, size >> 23)}", "conv=fdatasync", "status=none"])

    def pack_cli(self, folder: Path, *extra: str) -> tuple[float, int]:
        self.prepare(folder)
        # A generated folder has no protocol: the readiness gate wants a reason.
        return self.run([sys.executable, "-m", "scanstation", "pack", str(folder),
                         "--out", str(self.out), "--allow-incomplete", "--reason", "benchmark",
                         *extra])

    def first_pack_from_elsewhere(self, folder: Path) -> float:
        """Every barcode read once; the database with the remembered reads becomes the one
        every timed run starts from."""
        took = self.pack_cli(folder)[0]
        import sqlite3

        with sqlite3.connect(self.data / DB_NAME) as connection:  # everything in the file
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(self.data / DB_NAME, self.root / "warm.sqlite3")
        for leftover in self.data.glob(DB_NAME + "*"):
            leftover.unlink()
        shutil.move(self.root / "warm.sqlite3", self.pristine)
        return took

    def inside(self, folder: Path, script: str, *extra: str) -> float:
        """Seconds measured inside a child: the work alone, without start-up and imports."""
        self.prepare(folder)
        self.run([sys.executable, "-c", script, str(folder), str(self.out), *extra])
        return float((self.out / "inside.txt").read_text())

    def startup(self) -> float:
        """`scanstation pack --help`: interpreter start-up and the command's imports."""
        return self.run([sys.executable, "-m", "scanstation", "pack", "--help"])[0]


PACK_INSIDE = """
import sys, time
from pathlib import Path
from scanstation.archive.packer import PackOptions, pack_package
from scanstation.archive.zipwriter import Encryption
from scanstation.db import open_database
database = open_database()
encryption = Encryption(sys.argv[3] if len(sys.argv) > 3 else "none")
options = PackOptions(out_dir=Path(sys.argv[2]), encryption=encryption,
                      password="bench" if encryption != Encryption.NONE else None)
start = time.perf_counter()
if len(sys.argv) > 4:
    import cProfile, pstats
    profiler = cProfile.Profile()
    profiler.runcall(pack_package, Path(sys.argv[1]), options, database)
    took = time.perf_counter() - start
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
else:
    pack_package(Path(sys.argv[1]), options, database)
    took = time.perf_counter() - start
Path(sys.argv[2], "inside.txt").write_text(str(took))
"""
WRITER_INSIDE = """
import os, sys, time
from pathlib import Path
from scanstation.archive.zipwriter import StreamingZipWriter
folder, out = Path(sys.argv[1]), Path(sys.argv[2])
start = time.perf_counter()
with (out / "writer.zip").open("wb", buffering=0) as handle:
    writer = StreamingZipWriter(handle)
    for path in sorted(folder.iterdir()):
        writer.add_file(path, f"{folder.name}/{path.name}", lambda n: None, hash_data=False)
    writer.close()
    os.fsync(handle.fileno())
Path(sys.argv[2], "inside.txt").write_text(str(time.perf_counter() - start))
"""


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir())


def load() -> str:
    return "/".join(f"{v:.2f}" for v in os.getloadavg())


def cached_pages(total: int) -> Path:
    folder = cache_root() / f"pack-pages-{total // 1_000_000}MB"
    if not folder.is_dir():
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "benchmarks.pack", "--make-pages", str(folder),
                        str(total)], check=True)
        print(f"pages generated into {folder} in {time.perf_counter() - start:.0f} s")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="~70 MB instead of ~700 MB")
    parser.add_argument("--rounds", type=int, help="timed runs of each (default 5, quick 3)")
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--cprofile", action="store_true",
                        help="profile the second pack from elsewhere (inside the process)")
    parser.add_argument("--make-pages", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--register", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_pages:
        make_pages(Path(args.make_pages[0]), int(args.make_pages[1]))
        return
    if args.register:
        register(Path(args.register[0]), Path(args.register[1]),
                 json.loads(Path(args.register[2]).read_text()))
        return
    if shutil.which("zip") is None:
        sys.exit("Info-ZIP `zip` is needed as the baseline (apt-get install zip)")
    total = 70_000_000 if args.quick else 700_000_000
    rounds = args.rounds or (3 if args.quick else 5)
    pages = cached_pages(total)
    # As installed (the bundle ships bytecode): with PYTHONDONTWRITEBYTECODE set, as in CI,
    # every run would otherwise compile the package's sources again (~0.25 s a pack).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__file__).parents[1]
                                                                  / "scanstation")],
                   check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        bench = Bench(Path(tmp))
        station = bench.link_folder("Аудитория 101", pages)
        elsewhere = bench.link_folder("Аудитория 201", pages)
        count = len(list(station.iterdir()))
        small = bench.link_folder("Аудитория 102", pages, count // 4)
        for folder in (station, small):
            bench.register(folder, pages / ".numbers.json")
        size = folder_bytes(station)
        print(f"folder: {count} pages ({sum(1 for p in station.glob('*.jpg'))} JPEG), "
              f"{size / 1e6:.0f} MB ({size / count / 1e6:.2f} MB/page)")
        first = bench.first_pack_from_elsewhere(elsewhere)
        print(f"first pack from elsewhere (every barcode read, {os.cpu_count()} cores): "
              f"{first:.1f} s")
        print(f"load average before: {load()}")
        runs: dict[str, list[tuple[float, int]]] = {
            name: [] for name in ("disk write", "zip station", "zip+fsync station",
                                  "pack station", "zip elsewhere", "pack elsewhere")}
        order: list[tuple[str, Callable[[], tuple[float, int]]]] = [
                 ("disk write", lambda: bench.disk_write(size)),
                 ("zip station", lambda: bench.info_zip(station)),
                 ("zip+fsync station", lambda: bench.info_zip_durable(station)),
                 ("pack station", lambda: bench.pack_cli(station)),
                 ("zip elsewhere", lambda: bench.info_zip(elsewhere)),
                 ("pack elsewhere", lambda: bench.pack_cli(elsewhere))]
        for index in range(rounds):  # alternate who goes first
            for name, run in (order if index % 2 == 0 else order[::-1]):
                runs[name].append(run())
        inside = statistics.median(bench.inside(station, PACK_INSIDE) for _ in range(3))
        inside_elsewhere = statistics.median(bench.inside(elsewhere, PACK_INSIDE)
                                             for _ in range(3))
        writer = statistics.median(bench.inside(station, WRITER_INSIDE) for _ in range(3))
        startup = statistics.median(bench.startup() for _ in range(3))
        print(f"load average after:  {load()}")
        median = {name: statistics.median(t for t, _ in values) for name, values in runs.items()}
        peak = {name: max(r for _, r in values) for name, values in runs.items()}
        print(f"\n{'median of ' + str(rounds) + ' runs':<34}{'s':>7}{'MB/s':>8}"
              f"{'peak RSS MB':>13}{'zip/pack':>10}")
        for scenario, goal in (("station", 1.0), ("elsewhere", 0.5)):
            zip_time, pack_time = median[f"zip {scenario}"], median[f"pack {scenario}"]
            label = ("station-scanned" if scenario == "station"
                     else "from elsewhere, second pack")
            print(f"{'zip -0 -r':<34}{zip_time:7.2f}{size / zip_time / 1e6:8.1f}"
                  f"{peak[f'zip {scenario}'] / 1e6:13.1f}")
            ratio = zip_time / pack_time
            print(f"{'scanstation pack, ' + label:<34}{pack_time:7.2f}"
                  f"{size / pack_time / 1e6:8.1f}{peak[f'pack {scenario}'] / 1e6:13.1f}"
                  f"{ratio:9.2f}x  goal ≥{goal:.1f}x: {'met' if ratio >= goal else 'MISSED'}")
            print("  each round, zip / pack: " + ", ".join(
                f"{z / p:.2f}" for (z, _), (p, _) in zip(runs[f"zip {scenario}"],
                                                       runs[f"pack {scenario}"], strict=True)))
            if scenario == "station":
                durable = median["zip+fsync station"]
                print(f"{'zip -0 -r, then fsync':<34}{durable:7.2f}{size / durable / 1e6:8.1f}"
                      f"{peak['zip+fsync station'] / 1e6:13.1f}{durable / pack_time:9.2f}x"
                      "  (the same bytes durable, as the pack leaves them)")
                print("  each round, zip+fsync / pack: " + ", ".join(
                    f"{z / p:.2f}" for (z, _), (p, _) in zip(
                        runs["zip+fsync station"], runs["pack station"], strict=True)))
                disk = median["disk write"]
                print(f"{'disk: dd write + fdatasync':<34}{disk:7.2f}{size / disk / 1e6:8.1f}"
                      f"{'':>13}  each round MB/s: " + ", ".join(
                          f"{size / t / 1e6:.0f}" for t, _ in runs["disk write"]))
        zip_time = median["zip station"]
        print(f"{'  of which start-up+imports':<34}{startup:7.2f}"
              "   (`scanstation pack --help`)")
        for label, took in (("pack_package() station", inside),
                            ("pack_package() elsewhere, 2nd", inside_elsewhere)):
            print(f"{label:<34}{took:7.2f}{size / took / 1e6:8.1f}{'':>13}"
                  f"{zip_time / took:9.2f}x   (inside the process, median of 3)")
        print(f"{'ZIP writer only':<34}{writer:7.2f}{size / writer / 1e6:8.1f}{'':>13}"
              f"{zip_time / writer:9.2f}x   (one ZIP + fsync, no check, no verification)")
        _small_time, small_rss = bench.pack_cli(small)
        print(f"\nflat memory: peak RSS {small_rss / 1e6:.1f} MB packing "
              f"{folder_bytes(small) / 1e6:.0f} MB vs {peak['pack station'] / 1e6:.1f} MB "
              f"packing {size / 1e6:.0f} MB")
        extras(bench, station, size, zip_time)
        if args.cprofile:
            print("\ncProfile of pack_package(), second pack from elsewhere:")
            bench.inside(elsewhere, PACK_INSIDE, "none", "profile")
            print((bench.root / "stderr.txt").read_text())


def extras(bench: Bench, folder: Path, size: int, zip_time: float) -> None:
    """Why pages are STORED, and what the encrypted variants cost."""
    took = bench.inside(folder, PACK_INSIDE, "aes")
    print(f"{'pack_package(), AES-256':<34}{took:7.2f}{size / took / 1e6:8.1f}{'':>13}"
          f"{zip_time / took:9.2f}x   (inside the process, one run)")
    page = sorted(folder.glob("*.tif"))[0].read_bytes()
    import zlib

    start = time.perf_counter()
    deflated = len(zlib.compress(page, 6))
    took = time.perf_counter() - start
    print(f"DEFLATE level 6 on one page: {deflated / len(page):.3f} of the size, "
          f"{len(page) / took / 1e6:.0f} MB/s — pages are STORED")
    from scanstation.archive.zipcrypto import ZipCryptoEncrypter

    start = time.perf_counter()
    ZipCryptoEncrypter(b"bench").encrypt(page)
    took = time.perf_counter() - start
    print(f"ZipCrypto (pure Python, one page): {len(page) / took / 1e6:.1f} MB/s "
          f"(~{250 / (len(page) / took / 1e6) / 60:.0f} min per 250 MB part)")


if __name__ == "__main__":
    main()

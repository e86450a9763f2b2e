"""Packing throughput and peak memory: `scanstation pack` against Info-ZIP `zip -0 -r`.

Both run as child processes on the same folder of noisy gray LZW TIFF pages (~2.5 MB each,
like real 200-dpi scans), registered as a scanned package in a station database (the normal
case: no recognition, every packed page's sha256 compared with the database). The
contender is the command an operator runs, `scanstation pack FOLDER --out DIR`: Python
start-up and imports, the folder check, writing, fsync, the complete re-read verification
(every CRC and every page's sha256 from the written file), the archive's sha256, the
manifest and the database rows. Info-ZIP only reads, CRCs and writes (no fsync).

Fair conditions for both, before every timed run and outside the timing: the output of the
previous run is deleted and `sync` waits until no dirty data is left from it, then the
whole folder is read once (so both start from the same warm page cache), and the database
is restored from a pristine copy (every pack run sees the same database). The contenders
alternate, several rounds; the MEDIAN of each is reported, with the load averages (the
machine is shared: read the ratio, not the absolute figures). Peak memory is each child's
max RSS (os.wait4; Linux counts a child's RSS from before its exec too, so this parent
imports only the standard library, ~10 MB floor). The pack is also run on a quarter of the
folder: flat memory means the same peak for both.

    .venv/bin/python benchmarks/pack.py            # ~1 GB folder, 5 rounds, a few minutes
    .venv/bin/python benchmarks/pack.py --quick    # ~100 MB folder, 3 rounds
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGE = (1653, 2338)  # A4 at 200 dpi as scanners deliver it
DB_NAME = "scanstation.sqlite3"


def make_page(path: Path, seed: int) -> None:
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    pixels = np.clip(230 + rng.normal(0, 4.5, (PAGE[1], PAGE[0])), 0, 255).astype(np.uint8)
    Image.fromarray(pixels, "L").save(path, compression="tiff_lzw", dpi=(200, 200))


def setup(folder: Path, total_bytes: int, database_path: Path) -> None:
    """Child process: write the pages and register them as a scanned package."""
    import hashlib

    from scanstation.db import open_database
    from scanstation.db.models import Event, Package, Page, PageStatus

    folder.mkdir(parents=True)
    size, index = 0, 0
    while size < total_bytes:
        index += 1
        make_page(folder / f"{index:04d}.tif", index)
        size += (folder / f"{index:04d}.tif").stat().st_size
    database = open_database(database_path)
    with database.session() as session:
        package = Package(event=Event(name=folder.name), name=folder.name, folder=str(folder))
        for seq, path in enumerate(sorted(folder.iterdir()), start=1):
            package.pages.append(Page(
                seq=seq, file_name=path.name, size_bytes=path.stat().st_size,
                sha256=hashlib.sha256(path.read_bytes()).hexdigest(), width_px=PAGE[0],
                height_px=PAGE[1], blank_number=f"{seq // 4:06d}{0:012d}{seq % 4 + 1:02d}",
                status=PageStatus.OK))
        session.add(package)
    database.close()


class Bench:
    """The work folder: page folders, a pristine database, a data folder for the command."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pristine = root / "pristine.sqlite3"
        self.data = root / "data"
        self.out = root / "out"
        self.data.mkdir()

    def make_folder(self, name: str, total_bytes: int) -> Path:
        folder = self.root / name
        subprocess.run([sys.executable, __file__, "--setup", str(folder), str(total_bytes),
                        str(self.pristine)], check=True)
        return folder

    def prepare(self, folder: Path) -> None:
        """Outside the timing: same starting point for every run of every contender."""
        shutil.rmtree(self.out, ignore_errors=True)
        for leftover in self.data.glob(DB_NAME + "*"):
            leftover.unlink()
        shutil.copyfile(self.pristine, self.data / DB_NAME)
        os.sync()  # no dirty data of an earlier run left to compete with this one
        for path in sorted(folder.iterdir()):  # the same warm page cache for everyone
            with path.open("rb", buffering=0) as handle:
                while handle.read(8 << 20):
                    pass
        self.out.mkdir()

    def run(self, argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
        """Wall time and peak RSS (bytes) of one child process."""
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=self.root, stdout=subprocess.DEVNULL,
                                   env={**os.environ, "SCANSTATION_DATA_DIR": str(self.data),
                                        **(env or {})})
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"failed: {' '.join(argv)}")
        return elapsed, usage.ru_maxrss * 1024

    def info_zip(self, folder: Path) -> tuple[float, int]:
        self.prepare(folder)
        return self.run(["zip", "-0", "-q", "-r", str(self.out / "info-zip.zip"), folder.name])

    def pack_cli(self, folder: Path, *extra: str) -> tuple[float, int]:
        self.prepare(folder)
        # A generated folder has no protocol: the readiness gate wants a reason.
        return self.run([sys.executable, "-m", "scanstation", "pack", str(folder),
                         "--out", str(self.out), "--allow-incomplete", "--reason", "benchmark",
                         *extra])

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
pack_package(Path(sys.argv[1]), options, database)
Path(sys.argv[2], "inside.txt").write_text(str(time.perf_counter() - start))
"""
WRITER_INSIDE = """
import sys, time
from pathlib import Path
from scanstation.archive.zipwriter import StreamingZipWriter
folder, out = Path(sys.argv[1]), Path(sys.argv[2])
start = time.perf_counter()
with (out / "writer.zip").open("wb", buffering=0) as handle:
    writer = StreamingZipWriter(handle)
    for path in sorted(folder.iterdir()):
        writer.add_file(path, f"{folder.name}/{path.name}", lambda n: None, hash_data=False)
    writer.close()
Path(sys.argv[2], "inside.txt").write_text(str(time.perf_counter() - start))
"""


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir())


def load() -> str:
    return "/".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="~100 MB instead of ~1 GB")
    parser.add_argument("--rounds", type=int, help="timed runs of each (default 5, quick 3)")
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--setup", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        setup(Path(args.setup[0]), int(args.setup[1]), Path(args.setup[2]))
        return
    if shutil.which("zip") is None:
        sys.exit("Info-ZIP `zip` is needed as the baseline (apt-get install zip)")
    total = 100_000_000 if args.quick else 1_000_000_000
    rounds = args.rounds or (3 if args.quick else 5)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        bench = Bench(Path(tmp))
        start = time.perf_counter()
        folder = bench.make_folder("Аудитория 101", total)
        small = bench.make_folder("Аудитория 102", total // 4)
        size = folder_bytes(folder)
        pages = len(list(folder.iterdir()))
        print(f"folder: {pages} pages, {size / 1e6:.0f} MB "
              f"({size / pages / 1e6:.2f} MB/page), made in {time.perf_counter() - start:.0f} s")
        print(f"load average before: {load()}")
        zip_runs: list[tuple[float, int]] = []
        pack_runs: list[tuple[float, int]] = []
        for index in range(rounds):  # alternate who goes first
            if index % 2:
                pack_runs.append(bench.pack_cli(folder))
            zip_runs.append(bench.info_zip(folder))
            if not index % 2:
                pack_runs.append(bench.pack_cli(folder))
        inside = statistics.median(bench.inside(folder, PACK_INSIDE) for _ in range(3))
        writer = statistics.median(bench.inside(folder, WRITER_INSIDE) for _ in range(3))
        startup = statistics.median(bench.startup() for _ in range(3))
        print(f"load average after:  {load()}")
        zip_time = statistics.median(t for t, _ in zip_runs)
        pack_time = statistics.median(t for t, _ in pack_runs)
        pack_rss = max(r for _, r in pack_runs)
        print(f"\n{'median of ' + str(rounds) + ' runs':<30}{'s':>7}{'MB/s':>8}"
              f"{'peak RSS MB':>13}{'vs zip -0':>11}")
        for name, took, rss in (("zip -0 -r", zip_time, max(r for _, r in zip_runs)),
                                ("scanstation pack", pack_time, pack_rss)):
            print(f"{name:<30}{took:7.2f}{size / took / 1e6:8.1f}{rss / 1e6:13.1f}"
                  f"{zip_time / took:10.2f}x")
        print("  each round, zip / pack: " + ", ".join(
            f"{z / p:.2f}" for (z, _), (p, _) in zip(zip_runs, pack_runs, strict=True)))
        print(f"{'  of which start-up+imports':<30}{startup:7.2f}"
              "   (`scanstation pack --help`)")
        print(f"{'pack_package() only':<30}{inside:7.2f}{size / inside / 1e6:8.1f}{'':>13}"
              f"{zip_time / inside:10.2f}x   (inside the process, median of 3)")
        print(f"{'ZIP writer only':<30}{writer:7.2f}{size / writer / 1e6:8.1f}{'':>13}"
              f"{zip_time / writer:10.2f}x   (one ZIP + fsync, no check, no verification)")
        _small_time, small_rss = bench.pack_cli(small)
        print(f"\nflat memory: peak RSS {small_rss / 1e6:.1f} MB packing "
              f"{folder_bytes(small) / 1e6:.0f} MB vs {pack_rss / 1e6:.1f} MB packing "
              f"{size / 1e6:.0f} MB")
        extras(bench, folder, size, zip_time)


def extras(bench: Bench, folder: Path, size: int, zip_time: float) -> None:
    """Why pages are STORED, and what the encrypted variants cost."""
    took = bench.inside(folder, PACK_INSIDE, "aes")
    print(f"{'pack_package(), AES-256':<30}{took:7.2f}{size / took / 1e6:8.1f}{'':>13}"
          f"{zip_time / took:10.2f}x   (inside the process, one run)")
    page = (folder / "0001.tif").read_bytes()
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

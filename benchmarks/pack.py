"""Packing throughput and peak memory: ScanStation's packer against Info-ZIP `zip -0 -r`.

Both run as child processes on the same folder of noisy gray LZW TIFF pages (~2.5 MB each,
like real 200-dpi scans), registered as a scanned package in a station database (the normal
case: no recognition, sha256 compared with the database); peak memory is each child's max
RSS (os.wait4). Linux counts a child's RSS from before its exec too, so this parent imports
only the standard library (~10 MB floor). The packer is also run on a quarter of the
folder: flat memory means the same peak for both.
Also measured: what DEFLATE would save on such a page (why pages are STORED), and the
throughput of AES-256 and of the pure-Python ZipCrypto writer.

    .venv/bin/python benchmarks/pack.py            # ~1 GB folder, a few minutes
    .venv/bin/python benchmarks/pack.py --quick    # ~100 MB folder
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGE = (1653, 2338)  # A4 at 200 dpi as scanners deliver it


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


def make_folder(root: Path, name: str, total_bytes: int) -> Path:
    folder = root / name
    subprocess.run([sys.executable, __file__, "--setup", str(folder), str(total_bytes),
                    str(root / "station.sqlite3")], check=True)
    return folder


def run_child(argv: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak RSS (bytes) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(argv)}")
    return elapsed, usage.ru_maxrss * 1024


PACK_CHILD = """
import sys
from pathlib import Path
from scanstation.archive.packer import PackOptions, pack_package
from scanstation.archive.zipwriter import Encryption
from scanstation.db import open_database
enc = Encryption(sys.argv[3])
import time
database = open_database(Path(sys.argv[4]))
start = time.perf_counter()
result = pack_package(Path(sys.argv[1]), PackOptions(out_dir=Path(sys.argv[2]),
                      encryption=enc, password="bench" if enc != "none" else None), database)
assert result.package_id is not None
Path(sys.argv[2], "inside.txt").write_text(str(time.perf_counter() - start))
"""


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir())


WRITER_CHILD = """
import sys
import time
from pathlib import Path
from scanstation.archive.zipwriter import StreamingZipWriter
folder, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
start = time.perf_counter()
with (out / "writer.zip").open("wb") as handle:
    writer = StreamingZipWriter(handle)
    for path in sorted(folder.iterdir()):
        writer.add_file(path, f"{folder.name}/{path.name}", lambda n: None, hash_data=False)
    writer.close()
Path(sys.argv[2], "inside.txt").write_text(str(time.perf_counter() - start))
"""
INSIDE: list[float] = []  # pack_package's own time, without interpreter start and imports


def pack(folder: Path, out: Path, encryption: str = "none") -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    result = run_child([sys.executable, "-c", PACK_CHILD, str(folder), str(out), encryption,
                        str(folder.parent / "station.sqlite3")], folder.parent)
    INSIDE.append(float((out / "inside.txt").read_text()))
    (out / "inside.txt").unlink()
    return result


def writer_only(folder: Path, out: Path) -> float:
    """The ZIP writer alone (CRC, write, fsync): no check, no verification, no hashes."""
    shutil.rmtree(out, ignore_errors=True)
    run_child([sys.executable, "-c", WRITER_CHILD, str(folder), str(out)], folder.parent)
    return float((out / "inside.txt").read_text())


def info_zip(folder: Path, out: Path) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    return run_child(["zip", "-0", "-q", "-r", str(out / "info-zip.zip"), folder.name],
                     folder.parent)


def mb(value: float) -> str:
    return f"{value / 1e6:8.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="~100 MB instead of ~1 GB")
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--setup", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        setup(Path(args.setup[0]), int(args.setup[1]), Path(args.setup[2]))
        return
    if shutil.which("zip") is None:
        sys.exit("Info-ZIP `zip` is needed as the baseline (apt-get install zip)")
    total = 100_000_000 if args.quick else 1_000_000_000
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        folder = make_folder(root, "Аудитория 101", total)
        small = make_folder(root, "Аудитория 102", total // 4)
        size = folder_bytes(folder)
        pages = len(list(folder.iterdir()))
        print(f"folder: {pages} pages, {size / 1e6:.0f} MB "
              f"({size / pages / 1e6:.2f} MB/page), made in {time.perf_counter() - start:.0f} s")
        out = root / "out"
        # Warm the page cache equally for both contenders, then alternate them.
        info_zip(folder, out)
        results: dict[str, list[tuple[float, int]]] = {"zip -0 -r": [], "scanstation": []}
        for _ in range(2):
            results["zip -0 -r"].append(info_zip(folder, out))
            results["scanstation"].append(pack(folder, out))
        inside = min(INSIDE)
        base_time = min(t for t, _ in results["zip -0 -r"])
        print(f"\n{'contender':<28}{'MB/s':>9}{'peak RSS MB':>13}{'vs zip -0':>11}")
        for name, runs in results.items():
            best, rss = min(t for t, _ in runs), max(r for _, r in runs)
            print(f"{name:<28}{size / best / 1e6:9.1f}{mb(rss):>13}"
                  f"{base_time / best:10.2f}x")
        print(f"{'scanstation, pack only':<28}{size / inside / 1e6:9.1f}{'':>13}"
              f"{base_time / inside:10.2f}x   (without Python start-up and imports)")
        writer = min(writer_only(folder, out) for _ in range(2))
        print(f"{'scanstation, writer only':<28}{size / writer / 1e6:9.1f}{'':>13}"
              f"{base_time / writer:10.2f}x   (one ZIP, fsync, no verification)")
        aes_time, aes_rss = pack(folder, out, "aes")
        print(f"{'scanstation AES-256':<28}{size / aes_time / 1e6:9.1f}{mb(aes_rss):>13}"
              f"{base_time / aes_time:10.2f}x")
        _small_time, small_rss = pack(small, out)
        print(f"\nflat memory: peak RSS {mb(small_rss).strip()} MB on "
              f"{folder_bytes(small) / 1e6:.0f} MB vs "
              f"{mb(max(r for _, r in results['scanstation'])).strip()} MB on "
              f"{size / 1e6:.0f} MB")
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

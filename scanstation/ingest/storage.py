"""Writing page files so that a crash or a full disk never leaves a half-written page.

Every write is `fsutil`'s atomic write with its temporary file in the package's hidden
`.incoming/` folder (same file system, so the final rename is atomic; recovery removes
what a crash leaves there). A reader therefore sees either the old file or the whole new
one. A new page is put in place with `no_clobber` (`write_new`), never over an existing page:
two writers offered one name both keep their page, the second under the next free name.
Running out of space becomes `DiskFullError` with the temporary file removed.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NoReturn

from PIL import Image

from scanstation.errors import KnownError, write_error
from scanstation.fsutil import TMP_SUFFIX, atomic_writer, place, sha256_file, staged_writer
from scanstation.i18n import tr
from scanstation.ingest.crashpoints import crash_point

INCOMING_DIR = ".incoming"
TRASH_DIR = ".trash"
THUMBS_DIR = ".thumbs"
ORIGIN_PREFIX = "ScanStation page; origin="
# `0012.tif`; in the trash a second page of the same name becomes `0012~2.tif`.
PAGE_NAME = re.compile(r"^(\d{4,})(?:~\d+)?\.(tif|tiff|jpg|jpeg)$", re.IGNORECASE)
_EXTENSIONS = {"tiff": "tif", "jpeg": "jpg"}


class PageWriteError(KnownError):
    """The page file could not be written for a reason other than a full disk."""


@dataclass(frozen=True)
class SaveOptions:
    """How pages are stored: LZW TIFF at 200 dpi unless the event says otherwise."""

    image_format: str = "tiff"  # "tiff" (LZW, lossless) or "jpeg"
    dpi: int = 200
    jpeg_quality: int = 90

    @property
    def extension(self) -> str:
        return _EXTENSIONS[self.image_format]


@dataclass(frozen=True)
class StoredFile:
    path: Path
    sha256: str
    size_bytes: int
    width_px: int
    height_px: int


def page_file_name(seq: int, options: SaveOptions) -> str:
    return f"{seq:04d}.{options.extension}"


def seq_of(file_name: str) -> int | None:
    """The scan-order number in a page file name (`0012.tif` → 12), None for other files."""
    match = PAGE_NAME.match(Path(file_name).name)
    return int(match.group(1)) if match else None


def highest_seq_on_disk(folder: Path) -> int:
    """The highest page number in the folder or its trash: such names are never reused."""
    highest = 0
    for sub in (folder, folder / TRASH_DIR):
        if sub.is_dir():
            for entry in os.scandir(sub):
                seq = seq_of(entry.name)
                if seq is not None:
                    highest = max(highest, seq)
    return highest


def _raise_os_error(exc: OSError, path: Path) -> NoReturn:
    raise write_error(exc, path, PageWriteError) from exc


def encode_page(image: Image.Image, options: SaveOptions, origin: str = "") -> bytes:
    """The page as file bytes: 1-bit and gray stay as they are; LZW for TIFF.

    `origin` (where the page came from) is written into the file itself (TIFF
    ImageDescription, JPEG comment), so recovery can tell an imported page that lost its
    row from a new one and never take it twice."""
    buffer = io.BytesIO()
    dpi = (options.dpi, options.dpi)
    description = (ORIGIN_PREFIX + origin).encode("utf-8") if origin else b""
    if options.image_format == "tiff":
        if image.mode not in ("1", "L", "RGB"):
            image = image.convert("RGB" if image.mode in ("RGBA", "P", "CMYK") else "L")
        extra = {"description": description.decode("utf-8")} if description else {}
        image.save(buffer, format="TIFF", compression="tiff_lzw", dpi=dpi, **extra)
    else:
        if image.mode not in ("L", "RGB"):
            image = image.convert("L" if image.mode in ("1", "I", "I;16", "F") else "RGB")
        image.save(buffer, format="JPEG", quality=options.jpeg_quality, dpi=dpi,
                   comment=description)
    return buffer.getvalue()


_ORIGIN_FILE = re.compile(r"^(.*)\|sha256=([0-9a-f]{64})\|page=(\d+)$", re.DOTALL)


def origin_text(source: str, source_sha256: str | None = None,
                source_page: int | None = None) -> str:
    """What `encode_page` writes into a page: its source and, for a page taken from a file,
    that file's sha256 and the page's place in it (so recovery can restore both)."""
    if source_sha256 is None or source_page is None:
        return source
    return f"{source}|sha256={source_sha256}|page={source_page}"


def parse_origin(text: str) -> tuple[str, str | None, int | None]:
    """`origin_text` read back: (source, source file sha256, page in it)."""
    match = _ORIGIN_FILE.match(text)
    if match is None:
        return text, None, None
    return match.group(1), match.group(2), int(match.group(3))


def origin_of(image: Image.Image) -> str:
    """The origin written by `encode_page`, or "" for a file made elsewhere."""
    raw: object = image.info.get("comment", b"")
    tags = getattr(image, "tag_v2", None)
    if tags is not None and 270 in tags:
        raw = tags[270]
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw or "")
    return text[len(ORIGIN_PREFIX):] if text.startswith(ORIGIN_PREFIX) else ""


def _write_in_halves(out: BinaryIO, data: bytes, label: str) -> None:
    view = memoryview(data)
    half = len(view) // 2
    out.write(view[:half])
    out.flush()
    crash_point(f"{label}_temp_half")  # half on disk, as a power cut leaves it
    out.write(view[half:])


def _incoming(target: Path) -> Path:
    """Temporary files of a package's writes live in its hidden `.incoming/` folder (same
    file system, so the rename is atomic), where recovery finds and removes leftovers."""
    return target.parent / INCOMING_DIR


def _stage(data: bytes, target: Path, label: str) -> Path:
    """`data` as a durable temporary file for `target` in `.incoming/`; raises typed."""
    try:
        with staged_writer(target, temp_dir=_incoming(target)) as staging:
            _write_in_halves(staging.file, data, label)
    except OSError as exc:
        _raise_os_error(exc, target)
    return staging.path


def commit_staged(temp: Path, target: Path) -> None:
    """Put a durable temporary file in place atomically, and make the rename durable."""
    try:
        place(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        _raise_os_error(exc, target)


def write_new(data: bytes, folder: Path, next_name: Callable[[], str],
              label: str = "page") -> StoredFile:
    """Write a new file durably under the first name `next_name()` offers that no file has;
    an existing page is never replaced. Crash points as in `write_atomic`."""
    temp = _stage(data, folder / "new", label)
    crash_point(f"{label}_temp_written")
    try:
        return claim_name(temp, folder, next_name, hashlib.sha256(data).hexdigest(), len(data))
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def claim_name(path: Path, folder: Path, next_name: Callable[[], str], sha256: str,
               size: int) -> StoredFile:
    """Move the durable file `path` to the first name `next_name()` offers that is free."""
    for _ in range(100_000):
        target = folder / next_name()
        try:
            place(path, target, no_clobber=True)
        except FileExistsError:
            continue
        except OSError as exc:
            _raise_os_error(exc, target)
        return StoredFile(target, sha256, size, 0, 0)
    raise PageWriteError(tr("No free page name in {folder}", folder=folder))


def write_atomic(data: bytes, target: Path, label: str = "page") -> StoredFile:
    """Write `data` to `target` atomically and durably (temp in `.incoming/`, fsync, rename).
    `label` names the crash points of this write (`page_temp_half`, `preview_temp_written`)."""
    try:
        with atomic_writer(target, temp_dir=_incoming(target),
                           before_commit=lambda _temp: crash_point(f"{label}_temp_written")
                           ) as out:
            _write_in_halves(out, data, label)
    except OSError as exc:
        _raise_os_error(exc, target)
    return StoredFile(target, hashlib.sha256(data).hexdigest(), len(data), 0, 0)


def stage_page(image: Image.Image, target: Path, options: SaveOptions,
               origin: str = "") -> StoredFile:
    """Encode a new version of `target` into a durable temporary file beside it, for the
    caller to `commit_staged` once it has checked the page did not change meanwhile.
    The returned facts carry the temporary path."""
    data = encode_page(image, options, origin)
    temp = _stage(data, target, "staged")
    return StoredFile(temp, hashlib.sha256(data).hexdigest(), len(data), image.width,
                      image.height)


def save_page(image: Image.Image, target: Path, options: SaveOptions,
              origin: str = "") -> StoredFile:
    """Encode and write one page atomically; returns its hash, size and pixel size."""
    data = encode_page(image, options, origin)
    stored = write_atomic(data, target)
    return StoredFile(stored.path, stored.sha256, stored.size_bytes, image.width, image.height)


def format_of(path: Path) -> SaveOptions:
    """Save options that keep a stored page's own format and resolution."""
    with Image.open(path) as image:
        dpi_info = image.info.get("dpi", (200, 200))
        dpi = round(float(dpi_info[0])) or 200
        fmt = "jpeg" if image.format == "JPEG" else "tiff"
    return SaveOptions(image_format=fmt, dpi=dpi)


def rotate_file(path: Path, clockwise: int) -> StoredFile:
    """Turn a stored page upright in place. Exact for TIFF (pixels only move); a JPEG page
    is re-encoded once at high quality, the format's unavoidable cost."""
    if clockwise % 360 == 0:
        return file_facts(path)
    options = format_of(path)
    if options.image_format == "jpeg":
        options = SaveOptions("jpeg", options.dpi, jpeg_quality=95)
    transpose = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
                 270: Image.Transpose.ROTATE_90}[clockwise % 360]
    with Image.open(path) as image:
        image.load()
        origin = origin_of(image)
        turned = image.transpose(transpose)
    return save_page(turned, path, options, origin)


def file_facts(path: Path) -> StoredFile:
    """Hash, size and pixel size of a page file already on disk."""
    with Image.open(path) as image:
        width, height = image.size
    return StoredFile(path, sha256_file(path), path.stat().st_size, width, height)


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete temporary files interrupted writes left behind (pages, staged upright
    versions, previews: every `.incoming/` folder and `*.tmp`); returns what was removed."""
    removed: list[Path] = []
    for sub in (folder, folder / THUMBS_DIR, folder / TRASH_DIR):
        for directory in (sub, sub / INCOMING_DIR):
            if not directory.is_dir():
                continue
            for entry in directory.iterdir():
                if entry.is_file() and (entry.name.endswith(TMP_SUFFIX)
                                        or directory.name == INCOMING_DIR):
                    entry.unlink(missing_ok=True)
                    removed.append(entry)
    return removed

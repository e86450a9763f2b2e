"""Small previews of pages for the window, cached beside the pages in `.thumbs/`.

A 200 px wide gray JPEG is ~5 KB and decodes in well under a millisecond, while the page
itself is megabytes; the window lists hundreds of pages. A thumbnail older than its page
(the page was rotated or replaced) is made again.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from scanstation.ingest.storage import THUMBS_DIR, write_atomic

THUMB_WIDTH = 200


def thumbnail_path(folder: Path, file_name: str) -> Path:
    """`0007.tif` → `.thumbs/0007.jpg`; a trashed `.trash/0007.tif` → `.thumbs/.trash_0007.jpg`
    (its replacement keeps the name `0007.tif`, so the previews must not share a file)."""
    flat = Path(file_name).as_posix().replace("/", "_")
    return folder / THUMBS_DIR / (flat.rsplit(".", 1)[0] + ".jpg")


def write_thumbnail(image: Image.Image, target: Path) -> Path:
    """Write the preview of an (upright) page image atomically."""
    small = image if image.mode in ("L", "RGB") else image.convert("L")
    factor = small.width // (THUMB_WIDTH * 2)
    if factor > 1:  # box-average down first: ~10× cheaper than resampling the full page
        small = small.reduce(factor)
    height = max(1, round(small.height * THUMB_WIDTH / small.width))
    small = small.resize((THUMB_WIDTH, height), Image.Resampling.BILINEAR)
    buffer = io.BytesIO()
    small.save(buffer, format="JPEG", quality=80)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(buffer.getvalue(), target, label="preview")
    return target


def ensure_thumbnail(folder: Path, file_name: str) -> Path:
    """The cached preview of a page, made (again) when missing or older than the page."""
    page = folder / file_name
    target = thumbnail_path(folder, file_name)
    if target.exists() and target.stat().st_mtime_ns >= page.stat().st_mtime_ns:
        return target
    with Image.open(page) as image:
        image.draft("L", (THUMB_WIDTH * 2, THUMB_WIDTH * 3))  # JPEG: decode at reduced size
        image.load()
        return write_thumbnail(image, target)


def drop_thumbnail(folder: Path, file_name: str) -> None:
    thumbnail_path(folder, file_name).unlink(missing_ok=True)

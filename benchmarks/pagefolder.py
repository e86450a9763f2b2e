"""A folder of page files as another station or scanning program leaves them, for the
`ingest` stress test and `benchmarks.ingest --load`.

A few distinct scan-like pages are generated (`pagegen`: realistic and hard pages, some
turned upside down, some without a readable code) and written as many files: LZW TIFF,
1-bit TIFF and JPEG in turn, each stamped with its own index so no two files share a
sha256 (the importer takes a file once by content). Generating a page costs ~0.3 s;
stamping and saving one ~20 ms, so 200 files take seconds, not a minute.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from benchmarks.pagegen import make_sample

KINDS = ("realistic", "realistic", "hard", "refusal")


def distinct_pages(count: int = 8, seed: int = 100,
                   kinds: tuple[str, ...] = KINDS) -> list[Image.Image]:
    """`count` generated scans, grey or 1-bit as pagegen made them."""
    pages = []
    for i in range(count):
        sample = make_sample(seed + i, kinds[i % len(kinds)])
        image = sample.image
        pages.append(image if image.mode in ("1", "L") else image.convert("L"))
    return pages


def stamped(page: Image.Image, index: int) -> Image.Image:
    """The page with its index written in the bottom margin (unique content per file)."""
    image = page.convert("L")
    ImageDraw.Draw(image).text((40, image.height - 40), f"file {index:05d}", fill=0)
    return image


def write_page_folder(folder: Path, count: int, pages: list[Image.Image] | None = None) -> list[
        Path]:
    """`count` page files in `folder`: TIFF LZW, 1-bit TIFF, JPEG in turn; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = pages or distinct_pages()
    written = []
    for i in range(count):
        image = stamped(pages[i % len(pages)], i)
        kind = i % 3
        if kind == 0:
            path = folder / f"scan{i:04d}.tif"
            image.save(path, compression="tiff_lzw", dpi=(200, 200))
        elif kind == 1:
            path = folder / f"scan{i:04d}.tif"
            image.convert("1").save(path, compression="group4", dpi=(200, 200))
        else:
            path = folder / f"scan{i:04d}.jpg"
            image.save(path, quality=80, dpi=(200, 200))
        written.append(path)
    return written

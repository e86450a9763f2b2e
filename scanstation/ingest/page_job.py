"""Ingest's job for the recognition pool: read a stored page, turn it upright, preview it.

The pipeline submits `recognize_page` with a `StoredPageJob` to the one
`scanstation.recognition.pool.RecognitionPool`, so scanning never waits for a barcode.
Beyond the reading every caller shares, a stored page is fingerprinted, previewed and
re-saved upright (staged only: the pipeline puts it in place once the row still describes
the file). The page comes from its file, or as raw pixels when the scanner's copy is still
at hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from scanstation.duplicates import perceptual_hash
from scanstation.ingest.crashpoints import crash_point
from scanstation.ingest.storage import SaveOptions, StoredFile, origin_of, stage_page
from scanstation.ingest.thumbnails import write_thumbnail
from scanstation.profile import EventProfile
from scanstation.recognition import ReadResult, read_blank_number
from scanstation.recognition.jobs import Reader

_TRANSPOSE = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
              270: Image.Transpose.ROTATE_90}


@dataclass(frozen=True)
class StoredPageJob:
    page_id: int
    path: Path  # the page file, absolute
    sha256: str  # its content when queued: an outcome for other content is dropped
    thumbnail: Path  # where its preview goes
    profile: EventProfile
    expected_kits: frozenset[str] | None = None
    save_upright: bool = True  # re-save a page read sideways or upside down upright
    # The page's pixels as scanned (mode, size, raw bytes), when the caller still has
    # them: saves the worker decoding the LZW file again (~40 ms a page). Absent after a
    # restart or when many pages are in flight (memory stays bounded).
    pixels: tuple[str, tuple[int, int], bytes] | None = None
    attempt: int = 1


@dataclass(frozen=True)
class RecognitionOutcome:
    page_id: int
    path: Path
    result: ReadResult
    phash: str | None
    rotated_file: StoredFile | None  # the upright version, staged in `.incoming/`


def upright(image: Image.Image, clockwise: int) -> Image.Image:
    """The image turned `clockwise` degrees; pixels only move, nothing is resampled."""
    turn = _TRANSPOSE.get(clockwise % 360)
    return image.transpose(turn) if turn is not None else image


def recognize_page(job: StoredPageJob, reader: Reader = read_blank_number) -> RecognitionOutcome:
    """Read one stored page; turn the file upright if needed; fingerprint and preview it."""
    with Image.open(job.path) as opened:  # only the header is read when pixels came along
        origin = origin_of(opened)
        options = SaveOptions("jpeg" if opened.format == "JPEG" else "tiff",
                              round(float(opened.info.get("dpi", (200, 200))[0])) or 200)
        if job.pixels is None:
            opened.load()
            image = opened.copy()
    if job.pixels is not None:
        mode, size, raw = job.pixels
        image = Image.frombytes(mode, size, raw)
    result = reader(image, job.profile, job.expected_kits)
    rotated: StoredFile | None = None
    if result.rotation % 360 and job.save_upright:
        image = upright(image, result.rotation)
        if options.image_format == "jpeg":
            options = SaveOptions("jpeg", options.dpi, jpeg_quality=95)
        # Staged, not put in place: the pipeline does that after checking that the page was
        # not rotated, trashed or replaced by the operator meanwhile.
        rotated = stage_page(image, job.path, options, origin)
        crash_point("worker_rotated")
    write_thumbnail(image, job.thumbnail)
    return RecognitionOutcome(job.page_id, job.path, result, perceptual_hash(image), rotated)

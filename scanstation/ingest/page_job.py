"""What ingest does to a stored page after reading it: turn it upright, fingerprint, preview.

The pipeline submits the one `scanstation.recognition.jobs.RecognitionJob` for each stored
page to the one `RecognitionPool`, so scanning never waits for a barcode; `StoredPageWork`
rides along as the job's `after` step and runs in the worker on the image just read. The
page comes from its file, or as raw pixels when the scanner's copy is still at hand. The
upright re-save is staged only: the pipeline puts it in place once the row still describes
the file.
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
from scanstation.recognition import ReadResult
from scanstation.recognition.jobs import Pixels, RecognitionJob

_TRANSPOSE = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
              270: Image.Transpose.ROTATE_90}


@dataclass(frozen=True)
class StoredPageDone:
    """What the worker did to a stored page besides reading it."""

    phash: str | None
    rotated_file: StoredFile | None  # the upright version, staged in `.incoming/`


@dataclass(frozen=True)
class StoredPageWork:
    """A stored page's row facts and the steps after its read (the job's `after`)."""

    page_id: int
    sha256: str  # the file's content when queued: an outcome for other content is dropped
    thumbnail: Path  # where its preview goes
    save_upright: bool = True  # re-save a page read sideways or upside down upright
    attempt: int = 1  # how often a worker was handed this page (one that died is retried)

    def __call__(self, image: Image.Image, result: ReadResult, path: Path) -> StoredPageDone:
        """Turn the file upright if needed (staged), then fingerprint and preview it."""
        with Image.open(path) as opened:  # only the header: how the page was saved
            origin = origin_of(opened)
            options = SaveOptions("jpeg" if opened.format == "JPEG" else "tiff",
                                  round(float(opened.info.get("dpi", (200, 200))[0])) or 200)
        rotated: StoredFile | None = None
        if result.rotation % 360 and self.save_upright:
            image = upright(image, result.rotation)
            if options.image_format == "jpeg":
                options = SaveOptions("jpeg", options.dpi, jpeg_quality=95)
            # Staged, not put in place: the pipeline does that after checking that the page
            # was not rotated, trashed or replaced by the operator meanwhile.
            rotated = stage_page(image, path, options, origin)
            crash_point("worker_rotated")
        write_thumbnail(image, self.thumbnail)
        return StoredPageDone(perceptual_hash(image), rotated)


def stored_page_job(path: Path, work: StoredPageWork, profile: EventProfile,
                    expected_kits: frozenset[str] | None = None,
                    pixels: Pixels | None = None) -> RecognitionJob:
    """The recognition job of one stored page (always a single page: index 0)."""
    return RecognitionJob(str(path), 0, profile, expected_kits, pixels=pixels, after=work)


def upright(image: Image.Image, clockwise: int) -> Image.Image:
    """The image turned `clockwise` degrees; pixels only move, nothing is resampled."""
    turn = _TRANSPOSE.get(clockwise % 360)
    return image.transpose(turn) if turn is not None else image

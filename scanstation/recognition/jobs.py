"""The one job type of recognition: a page of a file in, its read (or why not) out.

Every caller that reads pages it did not scan — `recognize`, `check`, completeness, pack —
turns its files into `RecognitionJob`s and hands them to `RecognitionPool.read`; ingest
submits the same job for each stored page, with an `after` step (its preview, fingerprint
and upright re-save) that the worker runs on the page just read. A job is plain data so it
crosses the process boundary; `run_job` is the module-level worker. The `after` step is an
object of the caller's layer, pickled by reference to its class, so this layer never
imports the layers above it.

A file of several pages (a vendor's multi-page TIFF, a PDF) is split into one job per page
so a long PDF uses every core; a file whose pages cannot be counted (damaged) is one job
with `page_index=None`, read whole so that it can say on which page it breaks.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PIL import Image

from scanstation.i18n import tr
from scanstation.profile import EventProfile
from scanstation.recognition.result import ReadResult
from scanstation.scanner.filepages import (
    UnreadableFile,
    iter_file_pages,
    open_page,
    quick_page_count,
)

Reader = Callable[[Image.Image, EventProfile, Collection[str] | None], ReadResult]
Pixels = tuple[str, tuple[int, int], bytes]  # an image as (mode, size, raw bytes)


class AfterRead(Protocol):
    """A further step on a page just read, run in the worker on the same decoded image (an
    instance of a module-level class with plain-data fields, so that it pickles)."""

    def __call__(self, image: Image.Image, result: ReadResult, path: Path) -> object: ...


@dataclass(frozen=True)
class RecognitionJob:
    path: str
    page_index: int | None  # 0-based; None: every page of the file, in order
    profile: EventProfile
    expected_kits: frozenset[str] | None = None
    # The page's pixels when the caller still has them (a single-page job only): saves the
    # worker decoding the file again (~40 ms an LZW page).
    pixels: Pixels | None = None
    after: AfterRead | None = None  # run on each page read; its return value is `PageRead.after`


@dataclass(frozen=True)
class PageRead:
    """One page's outcome: `result` when it was decoded, else `error` (why not).

    `error` covers a missing, damaged or locked file, a page whose reading raised, a worker
    that died on it and a page that ran past the time limit: the page is then reported,
    never waited for."""

    path: str
    page_index: int  # 0-based
    result: ReadResult | None
    error: str | None = None
    after: object = None  # what the job's `after` step returned for this page


def jobs_for_files(files: Collection[Path], profile: EventProfile,
                   expected_kits: frozenset[str] | None = None) -> list[RecognitionJob]:
    """One job per page of each file, in order; a file that cannot be counted is one job."""
    jobs: list[RecognitionJob] = []
    for path in files:
        count = quick_page_count(path)  # None for a missing or damaged file
        if count is not None and count > 1:
            jobs.extend(RecognitionJob(str(path), index, profile, expected_kits)
                        for index in range(count))
        else:
            jobs.append(RecognitionJob(str(path), None, profile, expected_kits))
    return jobs


def _message(exc: UnreadableFile | PermissionError) -> str:
    return exc.message if isinstance(exc, UnreadableFile) else str(exc)


def _read(reader: Reader, image: Image.Image, job: RecognitionJob, index: int) -> PageRead:
    result = reader(image, job.profile, job.expected_kits)
    after = None if job.after is None else job.after(image, result, Path(job.path))
    return PageRead(job.path, index, result, after=after)


def run_job(job: RecognitionJob, reader: Reader | None = None) -> list[PageRead]:
    """Worker: the reads of the job's page(s) by `reader` (default `read_blank_number`).
    A file that breaks midway keeps the reads of the pages before the break and ends with
    an error read; nothing raises for a bad file."""
    if reader is None:
        from scanstation.recognition.reader import read_blank_number

        reader = read_blank_number
    path = Path(job.path)
    if job.pixels is not None:
        mode, size, raw = job.pixels
        return [_read(reader, Image.frombytes(mode, size, raw), job, job.page_index or 0)]
    if not path.is_file():
        return [PageRead(job.path, job.page_index or 0, None,
                         tr("Page file not found: {job_path}", job_path=job.path))]
    if job.page_index is not None:
        try:
            image, _dpi = open_page(path, job.page_index)  # quiet about a damaged file
        except (UnreadableFile, PermissionError) as exc:
            return [PageRead(job.path, job.page_index, None, _message(exc))]
        return [_read(reader, image, job, job.page_index)]
    reads: list[PageRead] = []
    try:
        with warnings.catch_warnings():
            # A damaged file's decoder chatter is noise: the error read says it all.
            warnings.simplefilter("ignore", UserWarning)
            for index, (image, _dpi) in enumerate(iter_file_pages(path)):
                reads.append(_read(reader, image, job, index))
    except (UnreadableFile, PermissionError) as exc:
        reads.append(PageRead(job.path, len(reads), None, _message(exc)))
    return reads

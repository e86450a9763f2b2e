"""The one recognition pool: order kept, and a page that crashes its worker, hangs or
raises becomes an error read of that page alone — never a hang, never a lost page."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from scanstation.profile import default_profile
from scanstation.recognition.jobs import RecognitionJob, jobs_for_files
from scanstation.recognition.pool import RecognitionPool
from scanstation.recognition.result import ReadResult
from scanstation.samples import render_blank, sample_number
from tests.recognition.faulty_readers import (
    CRASH_WIDTH,
    HANG_WIDTH,
    RAISE_WIDTH,
    faulty_reader,
)


def _pages(folder: Path, count: int) -> list[tuple[Path, str]]:
    folder.mkdir(exist_ok=True)
    pages = []
    for index in range(count):
        number = sample_number(700 + index, 1)
        path = folder / f"{index:04d}.tif"
        render_blank(number).save(path, compression="tiff_lzw", dpi=(200, 200))
        pages.append((path, number))
    return pages


def _marked(path: Path, width: int) -> Path:
    Image.new("L", (width, 400), 255).save(path, compression="tiff_lzw", dpi=(200, 200))
    return path


@dataclass(frozen=True)
class _Noted:
    """An after step of the kind ingest supplies: plain data, module-level, so it pickles."""

    label: str

    def __call__(self, image: Image.Image, result: ReadResult, path: Path
                 ) -> tuple[str, str, tuple[int, int], str | None, int]:
        return self.label, path.name, image.size, result.number, os.getpid()


def test_a_job_reads_pixels_it_carries_and_runs_its_after_step_in_the_worker(
        tmp_path: Path) -> None:
    (path, on_file), = _pages(tmp_path / "room", 1)
    carried = sample_number(901, 1)
    image = render_blank(carried)
    job = RecognitionJob(str(path), 0, default_profile(),
                         pixels=(image.mode, image.size, image.tobytes()), after=_Noted("x"))
    plain = RecognitionJob(str(path), 0, default_profile())
    with RecognitionPool(workers=1) as pool:
        [(_, [read]), (_, [read_plain])] = list(pool.read([job, plain]))
    assert read.result is not None and read.result.number == carried != on_file
    label, name, size, number, pid = read.after  # type: ignore[misc]
    assert (label, name, size, number) == ("x", path.name, image.size, carried)
    assert pid != os.getpid()  # ran in the worker, on the image it read
    assert read_plain.after is None and read_plain.result is not None
    assert read_plain.result.number == on_file


def test_pages_come_back_in_order_with_their_numbers(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "room", 5)
    profile = default_profile()
    with RecognitionPool(workers=2) as pool:
        out = list(pool.read(jobs_for_files([p for p, _ in pages], profile)))
        assert pool.jobs_submitted == 5
    assert [job.path for job, _ in out] == [str(p) for p, _ in pages]
    assert [reads[0].result.number for _, reads in out  # type: ignore[union-attr]
            ] == [n for _, n in pages]


def test_a_page_that_kills_its_worker_is_an_error_and_the_others_are_read(
        tmp_path: Path) -> None:
    pages = _pages(tmp_path / "room", 4)
    crash = _marked(tmp_path / "room" / "0002-crash.tif", CRASH_WIDTH)
    raises = _marked(tmp_path / "room" / "0003-raise.tif", RAISE_WIDTH)
    files = sorted([p for p, _ in pages] + [crash, raises])
    with RecognitionPool(workers=2, reader=faulty_reader) as pool:
        out = dict(
            (Path(job.path), reads) for job, reads in pool.read(jobs_for_files(
                files, default_profile())))
        # and the pool still works after its worker died
        (_job, reads), = pool.read([RecognitionJob(str(pages[0][0]), None, default_profile())])
    assert reads[0].result is not None and reads[0].result.number == pages[0][1]
    assert out[crash][0].result is None and "аварийно" in (out[crash][0].error or "")
    assert out[raises][0].result is None and "decoder bug" in (out[raises][0].error or "")
    for path, number in pages:
        assert out[path][0].result is not None and out[path][0].result.number == number


def test_a_page_that_never_finishes_is_given_up_after_the_timeout(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "room", 2)
    hang = _marked(tmp_path / "room" / "0000-hang.tif", HANG_WIDTH)
    files = [hang, *(p for p, _ in pages)]
    start = time.monotonic()
    with RecognitionPool(workers=1, reader=faulty_reader, page_timeout=8.0) as pool:
        pool.warm_up()
        out = list(pool.read(jobs_for_files(files, default_profile())))
    assert time.monotonic() - start < 60
    (_, hung), *rest = out
    assert hung[0].result is None and "8" in (hung[0].error or "")
    assert [reads[0].result.number for _, reads in rest  # type: ignore[union-attr]
            ] == [n for _, n in pages]


def test_a_missing_or_damaged_file_is_an_error_read(tmp_path: Path) -> None:
    damaged = tmp_path / "broken.tif"
    damaged.write_bytes(b"II*\x00 not a tiff at all")
    with RecognitionPool(workers=0) as pool:
        out = list(pool.read(jobs_for_files([tmp_path / "gone.tif", damaged],
                                            default_profile())))
    assert [reads[0].result for _, reads in out] == [None, None]
    assert all(reads[0].error for _, reads in out)

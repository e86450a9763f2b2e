"""The hot folder with real files: partial writes, multi-page TIFF/PDF, corrupt files,
restarts (ledger), and the acknowledge step that keeps a crash from losing a page."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from scanstation.profile import default_profile
from scanstation.recognition import ReadStatus, read_blank_number
from scanstation.samples import render_blank, sample_number
from scanstation.scanner.base import DeviceGone, ScannedPage, ScanOptions
from scanstation.scanner.hotfolder import LEDGER_NAME, HotFolder, HotFolderDevice
from scanstation.scanner.hotfolder import REFUSED_GRACE as HOT_REFUSED_GRACE


class FakeClock:
    """Time the test moves by hand, so "stable for 2 s" needs no sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def tiff_bytes(numbers: list[str], dpi: int = 200) -> bytes:
    pages = [render_blank(n, dpi=dpi) for n in numbers]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="TIFF", compression="tiff_lzw", dpi=(dpi, dpi),
                  save_all=True, append_images=pages[1:])
    return buffer.getvalue()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def stored(pages: Iterator[ScannedPage]) -> Iterator[ScannedPage]:
    """A consumer that stores each page at once and says so, as the ingest pipeline does."""
    for page in pages:
        if page.on_recorded is not None:
            page.on_recorded()
        yield page


def take_all(hot: HotFolder, clock: FakeClock) -> list:
    hot.poll()
    clock.advance(3)
    return hot.poll()


def test_single_page_taken_once_complete_and_moved_after_ack(inbox: Path) -> None:
    clock = FakeClock()
    hot = HotFolder(inbox, settle_seconds=2, clock=clock)
    number = sample_number(1, 1, 5)
    (inbox / "scan0001.tif").write_bytes(tiff_bytes([number]))
    assert hot.poll() == []  # just appeared: not yet known to be complete
    clock.advance(1)
    assert hot.poll() == []  # stable for only 1 s
    clock.advance(1.5)
    ready = hot.poll()
    assert [r.path.name for r in ready] == ["scan0001.tif"]
    pages = list(hot.iter_pages(ready[0], ScanOptions(), first_index=1))
    assert len(pages) == 1 and pages[0].dpi == 200
    assert read_blank_number(pages[0].image, default_profile()).number == number
    assert (inbox / "scan0001.tif").exists(), "the original stays until acknowledged"
    moved = hot.acknowledge(ready[0])
    assert moved == inbox / "processed" / "scan0001.tif" and moved.exists()
    assert not (inbox / "scan0001.tif").exists()
    ledger = [json.loads(line) for line in (inbox / LEDGER_NAME).read_text().splitlines()]
    assert ledger[0]["name"] == "scan0001.tif" and ledger[0]["pages"] == 1


def test_a_refused_listing_waits_and_only_a_lasting_refusal_is_device_gone(
        inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to list a folder pending deletion (a sharing violation, seen under
    Wine in CI) and a share may deny access while it reconnects. Linux cannot make a
    listing refuse root, so the refusal alone is stood in for by patching `iterdir`; the
    files, clock-driven settling and the ledger are real."""
    clock = FakeClock()
    hot = HotFolder(inbox, settle_seconds=2, clock=clock)
    (inbox / "scan0001.tif").write_bytes(tiff_bytes([sample_number(1, 1, 5)]))
    assert hot.poll() == []  # first seen
    real_iterdir = Path.iterdir
    refusing = {"on": True}

    def iterdir(self: Path) -> Iterator[Path]:
        if refusing["on"] and self == inbox:
            raise PermissionError(32, "Sharing violation", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    clock.advance(2.5)
    assert hot.poll() == [] and hot.pending() == 1, "one refused look forgets nothing"
    refusing["on"] = False
    ready = hot.poll()  # settled since before the refusal: taken now, not 2 s later
    assert [r.path.name for r in ready] == ["scan0001.tif"]
    refusing["on"] = True
    assert hot.poll() == []
    clock.advance(HOT_REFUSED_GRACE - 1)
    assert hot.poll() == []
    clock.advance(1)
    with pytest.raises(DeviceGone):
        hot.poll()


def test_partial_write_waits_until_the_file_is_complete(inbox: Path) -> None:
    clock = FakeClock()
    hot = HotFolder(inbox, settle_seconds=2, reject_after=30, clock=clock)
    data = tiff_bytes([sample_number(1, 1), sample_number(1, 2)])
    target = inbox / "batch.tif"
    target.write_bytes(data[: len(data) // 2])  # the scanner program pauses mid-write
    assert take_all(hot, clock) == []
    clock.advance(5)
    assert hot.poll() == [], "a truncated file must not be taken"
    assert target.exists() and not (inbox / "rejected").exists()
    with target.open("ab") as stream:
        stream.write(data[len(data) // 2 :])
    assert hot.poll() == []  # changed: the settle time starts again
    clock.advance(2.5)
    ready = hot.poll()
    assert len(ready) == 1 and ready[0].page_count == 2


def test_growing_file_is_not_taken_while_it_grows(inbox: Path) -> None:
    clock = FakeClock()
    hot = HotFolder(inbox, settle_seconds=2, clock=clock)
    data = tiff_bytes([sample_number(2, 1)])
    target = inbox / "grow.tif"
    step = len(data) // 4
    for part in range(4):
        with target.open("ab") as stream:
            stream.write(data[part * step : (part + 1) * step if part < 3 else None])
        assert hot.poll() == []
        clock.advance(1.5)  # each write comes within the settle time
    clock.advance(1)
    assert len(hot.poll()) == 1


def test_temporary_names_are_ignored_until_renamed(inbox: Path) -> None:
    clock = FakeClock()
    hot = HotFolder(inbox, settle_seconds=2, clock=clock)
    (inbox / "scan.tif.part").write_bytes(tiff_bytes([sample_number(1, 1)]))
    (inbox / "~scan.tif").write_bytes(b"x")
    assert take_all(hot, clock) == []
    os.replace(inbox / "scan.tif.part", inbox / "scan.tif")
    assert len(take_all(hot, clock)) == 1


def test_multipage_tiff_split_in_order_through_the_device(inbox: Path) -> None:
    numbers = [sample_number(4, p, 9) for p in (1, 2, 3)]
    (inbox / "three.tif").write_bytes(tiff_bytes(numbers))
    device = HotFolderDevice(inbox, settle_seconds=0.05, poll_interval=0.02,
                             stop_when_idle=True)
    pages = list(stored(device.scan(ScanOptions(first_index=11))))
    assert [p.index for p in pages] == [11, 12, 13]
    assert [p.extra["file_page"] for p in pages] == ["1/3", "2/3", "3/3"]
    read = [read_blank_number(p.image, default_profile()).number for p in pages]
    assert read == numbers
    assert (inbox / "processed" / "three.tif").exists()


def test_multipage_pdf_rendered_at_200_dpi(inbox: Path) -> None:
    numbers = [sample_number(5, 1), sample_number(5, 2)]
    images = [render_blank(n) for n in numbers]
    images[0].save(inbox / "scan.pdf", save_all=True, append_images=images[1:],
                   resolution=200)
    device = HotFolderDevice(inbox, settle_seconds=0.05, poll_interval=0.02,
                             stop_when_idle=True)
    pages = list(stored(device.scan(ScanOptions())))
    assert len(pages) == 2
    for page, number in zip(pages, numbers, strict=True):
        assert abs(page.image.width - 1654) <= 2 and abs(page.image.height - 2339) <= 2
        result = read_blank_number(page.image, default_profile())
        assert result.status is ReadStatus.OK and result.number == number


def test_corrupt_file_moved_to_rejected_with_a_russian_note(inbox: Path) -> None:
    clock = FakeClock()
    hot = HotFolder(inbox, settle_seconds=2, reject_after=10, clock=clock)
    (inbox / "broken.tif").write_bytes(b"II*\x00" + b"\x00garbage" * 100)
    (inbox / "fake.pdf").write_bytes(b"%PDF-1.4 not really")
    assert take_all(hot, clock) == []
    assert (inbox / "broken.tif").exists(), "not rejected before reject_after"
    clock.advance(10)
    assert hot.poll() == []
    for name in ("broken.tif", "fake.pdf"):
        assert (inbox / "rejected" / name).exists()
        note = (inbox / "rejected" / f"{name}.txt").read_text(encoding="utf-8")
        assert "не читается" in note and name in note
    assert {name for name, _ in hot.rejections} == {"broken.tif", "fake.pdf"}


def test_crash_before_ack_delivers_again_after_restart(inbox: Path) -> None:
    (inbox / "a.tif").write_bytes(tiff_bytes([sample_number(1, 1)]))
    device = HotFolderDevice(inbox, settle_seconds=0.05, poll_interval=0.02,
                             stop_when_idle=True)
    pages = device.scan(ScanOptions())
    first = next(pages)
    pages.close()  # the station dies before storing the page: no acknowledge
    assert (inbox / "a.tif").exists()
    restarted = HotFolderDevice(inbox, settle_seconds=0.05, poll_interval=0.02,
                                stop_when_idle=True)
    again = list(stored(restarted.scan(ScanOptions())))
    assert len(again) == 1
    assert again[0].extra["sha256"] == first.extra["sha256"]
    assert (inbox / "processed" / "a.tif").exists()


def test_nothing_taken_twice_after_restart(inbox: Path) -> None:
    data = tiff_bytes([sample_number(1, 3)])
    (inbox / "a.tif").write_bytes(data)
    options = ScanOptions()
    kwargs = {"settle_seconds": 0.05, "poll_interval": 0.02, "stop_when_idle": True}
    assert len(list(stored(HotFolderDevice(inbox, **kwargs).scan(options)))) == 1
    # Restart; the vendor program (or the operator) drops the very same file again.
    (inbox / "a-copy.tif").write_bytes(data)
    (inbox / "b.tif").write_bytes(tiff_bytes([sample_number(1, 4)]))
    second = list(stored(HotFolderDevice(inbox, **kwargs).scan(options)))
    assert [p.extra["hotfolder_file"] for p in second] == ["b.tif"]
    assert (inbox / "processed" / "a-copy.tif").exists()
    assert not (inbox / "a-copy.tif").exists()


def test_crash_between_ledger_and_move_finishes_the_move(inbox: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock()
    (inbox / "a.tif").write_bytes(tiff_bytes([sample_number(1, 1)]))
    hot = HotFolder(inbox, settle_seconds=2, clock=clock)
    ready = take_all(hot, clock)
    real_replace = os.replace

    def dying_replace(src: object, dst: object) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", dying_replace)
    with pytest.raises(OSError):
        hot.acknowledge(ready[0])
    monkeypatch.setattr(os, "replace", real_replace)
    assert (inbox / "a.tif").exists()
    restarted = HotFolder(inbox, settle_seconds=2, clock=clock)
    assert take_all(restarted, clock) == []
    assert (inbox / "processed" / "a.tif").exists()


def test_same_name_in_processed_is_never_overwritten(inbox: Path) -> None:
    clock = FakeClock()
    hot = HotFolder(inbox, settle_seconds=2, clock=clock)
    for number in (sample_number(1, 1), sample_number(1, 2)):
        (inbox / "scan.tif").write_bytes(tiff_bytes([number]))
        ready = take_all(hot, clock)
        hot.acknowledge(ready[0])
    names = sorted(p.name for p in (inbox / "processed").iterdir())
    assert names == ["scan (2).tif", "scan.tif"]


def test_color_jpeg_keeps_its_own_dpi(inbox: Path) -> None:
    clock = FakeClock()
    hot = HotFolder(inbox, settle_seconds=2, clock=clock)
    Image.new("RGB", (600, 800), "white").save(inbox / "photo.jpg", dpi=(300, 300))
    ready = take_all(hot, clock)
    page = next(hot.iter_pages(ready[0], ScanOptions(), 1))
    assert page.dpi == 300 and page.image.mode == "RGB"


def test_two_identical_files_at_once_are_taken_once(inbox: Path) -> None:
    data = tiff_bytes([sample_number(3, 1)])
    (inbox / "a.tif").write_bytes(data)
    (inbox / "a copy.tif").write_bytes(data)
    device = HotFolderDevice(inbox, settle_seconds=0.05, poll_interval=0.02,
                             stop_when_idle=True)
    pages = list(stored(device.scan(ScanOptions())))
    assert len(pages) == 1
    assert sorted(p.name for p in (inbox / "processed").glob("*.tif")) == ["a copy.tif", "a.tif"]
    assert [name for name, _ in device.hot.skipped] == ["a copy.tif"]
    note = (inbox / "processed" / "a copy.tif.txt").read_text(encoding="utf-8")
    assert "уже был принят раньше" in note


def test_one_bit_group4_tiff_from_a_vendor_program(inbox: Path) -> None:
    """Vendors' programs often save black-and-white CCITT G4 TIFF."""
    clock = FakeClock()
    hot = HotFolder(inbox, settle_seconds=2, clock=clock)
    number = sample_number(2, 2, 44)
    page = render_blank(number).point(lambda v: 255 if v > 128 else 0).convert("1")
    page.save(inbox / "bw.tif", compression="group4", dpi=(200, 200))
    ready = take_all(hot, clock)
    image = next(hot.iter_pages(ready[0], ScanOptions(), 1)).image
    assert image.mode == "1" and image.size == page.size
    assert read_blank_number(image, default_profile()).number == number


def test_pdf_in_color_when_asked(inbox: Path) -> None:
    from scanstation.scanner.base import ColorMode

    Image.new("RGB", (1654, 2339), (200, 30, 30)).save(inbox / "c.pdf", resolution=200)
    device = HotFolderDevice(inbox, settle_seconds=0.05, poll_interval=0.02,
                             stop_when_idle=True)
    pages = list(stored(device.scan(ScanOptions(mode=ColorMode.COLOR))))
    assert pages[0].image.mode == "RGB"
    assert pages[0].image.getpixel((800, 1200))[0] > 150

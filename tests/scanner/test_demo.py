"""The demo feeder: real rendered blanks through the real reader, jams, duplex backs."""

from __future__ import annotations

import threading

import pytest
import zxingcpp
from PIL import Image

from scanstation.profile import default_profile
from scanstation.recognition import ReadStatus, read_blank_number
from scanstation.scanner.base import ColorMode, PaperJam, ScanOptions, ScanSource
from scanstation.scanner.batch import ScanBatch
from scanstation.scanner.demo import DEMO_DEVICE_ID, DemoDevice, DemoDriver, demo_stack


def _code_in_lower_half(image: Image.Image) -> bool:
    codes = zxingcpp.read_barcodes(image)
    return bool(codes) and codes[0].position.top_left.y > image.height / 2


@pytest.mark.slow  # the full reader on 12 A4 pages, one of them unreadable: ~3–6 s
def test_demo_stack_reads_as_kits_with_one_upside_down_and_one_unreadable() -> None:
    profile = default_profile()
    pages = list(DemoDevice().scan(ScanOptions()))
    assert len(pages) == len(demo_stack()) == 12
    results = [read_blank_number(p.image, profile) for p in pages]
    unreadable = [i for i, r in enumerate(results) if r.status is not ReadStatus.OK]
    # Where the code sits, not the reader's rotation (1-D codes read upside down too).
    upside_down = [i for i, p in enumerate(pages) if _code_in_lower_half(p.image)]
    assert len(unreadable) == 1
    assert len(upside_down) == 1
    read = [r.number for r in results if r.number]
    assert len(set(read)) == 11
    kits = {profile.kit_of(n) for n in read}
    assert len(kits) == 3
    for page, result in zip(pages, results, strict=True):
        assert page.image.size == (1654, 2339) and page.dpi == 200
        if result.number:
            assert result.number == page.extra["demo_number"]


def test_simulated_jam_then_continue_finishes_the_stack() -> None:
    device = DemoDevice(jam_after=5)
    batch = ScanBatch(device)
    got = []
    with pytest.raises(PaperJam) as info:
        got.extend(batch.run())
    assert info.value.pages_delivered == 5 and len(got) == 5
    got.extend(batch.run())
    assert [p.index for p in got] == list(range(1, 13))
    assert len({p.extra["demo_number"] for p in got}) == 12  # no sheet twice, none lost


def test_duplex_blank_backs_are_flagged_counted_and_kept() -> None:
    batch = ScanBatch(DemoDevice(), ScanOptions(source=ScanSource.DUPLEX,
                                                drop_blank_backs=True))
    pages = list(batch.run())
    assert len(pages) == 24
    backs = [p for p in pages if p.side == "back"]
    assert len(backs) == 12 and all(p.blank_back for p in backs)
    assert not any(p.blank_back for p in pages if p.side == "front")
    assert batch.blank_backs == 12


def test_without_the_option_backs_are_not_flagged() -> None:
    pages = list(DemoDevice().scan(ScanOptions(source=ScanSource.DUPLEX)))
    assert not any(p.blank_back for p in pages)


def test_pacing_is_cancellable() -> None:
    cancel = threading.Event()
    device = DemoDevice(page_delay=5.0)
    timer = threading.Timer(0.1, cancel.set)
    timer.start()
    assert list(device.scan(ScanOptions(), cancel)) == []
    timer.join()


def test_modes_and_flatbed() -> None:
    device = DemoDevice()
    color = next(iter(device.scan(ScanOptions(mode=ColorMode.COLOR, dpi=150))))
    assert color.image.mode == "RGB" and color.image.size == (1240, 1754)
    flat = list(device.scan(ScanOptions(source=ScanSource.FLATBED)))
    assert len(flat) == 1


def test_driver_always_lists_the_demo_feeder() -> None:
    driver = DemoDriver(page_delay=0)
    assert [d.id for d in driver.list_devices()] == [DEMO_DEVICE_ID]
    assert isinstance(driver.open(DEMO_DEVICE_ID), DemoDevice)


def test_trainer_can_ask_for_a_jam_through_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCANSTATION_DEMO_JAM_AFTER", "2")
    monkeypatch.setenv("SCANSTATION_DEMO_DELAY", "0")
    device = DemoDriver().open(DEMO_DEVICE_ID)
    with pytest.raises(PaperJam) as info:
        list(device.scan(ScanOptions()))
    assert info.value.pages_delivered == 2


def test_a_continued_batch_finds_the_tray_empty_and_a_new_batch_reloads_it() -> None:
    """«Продолжить» after the last sheet went through must not scan the stack again."""
    stack = demo_stack()[:3]
    device = DemoDevice(stack=stack)
    batch = ScanBatch(device, ScanOptions(dpi=100))
    assert [p.index for p in batch.run()] == [1, 2, 3]
    assert list(batch.run()) == []  # the same batch goes on: nothing left in the tray
    again = ScanBatch(device, ScanOptions(dpi=100))
    assert [p.extra["demo_number"] for p in again.run()] == [s.number for s in stack]

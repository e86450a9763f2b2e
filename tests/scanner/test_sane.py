"""The SANE driver against real libsane virtual devices (`test` and `pnm`), in-process."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from scanstation.profile import default_profile
from scanstation.recognition import ReadStatus, read_blank_number
from scanstation.samples import render_blank, sample_number
from scanstation.scanner.base import (
    ColorMode,
    CoverOpen,
    DeviceGone,
    PaperJam,
    ScanOptions,
    ScanSource,
)
from scanstation.scanner.batch import ScanBatch
from scanstation.scanner.sane import SaneDevice, SaneDriver

pytestmark = pytest.mark.sane

A4_200 = (1653, 2338)  # 210 × 297 mm at 200 dpi as the test backend rounds it


@pytest.fixture
def test_device(sane_driver: SaneDriver):
    device = sane_driver.open("sane:test:0")
    device.set_raw_option("read-return-value", "Default")
    yield device
    device.set_raw_option("read-return-value", "Default")
    device.close()


def test_lists_test_and_pnm_devices(sane_driver: SaneDriver) -> None:
    ids = {d.id for d in sane_driver.list_devices()}
    assert {"sane:test:0", "sane:pnm:0"} <= ids
    assert all(d.driver == "sane" for d in sane_driver.list_devices())


def test_capabilities_convert_fixed_point(test_device: SaneDevice) -> None:
    caps = test_device.capabilities()
    assert 200 in caps.resolutions and 600 in caps.resolutions
    assert max(caps.resolutions) <= 1200  # not 1200 × 65536
    assert set(caps.modes) == {ColorMode.GRAY, ColorMode.COLOR}
    assert set(caps.sources) == {ScanSource.FLATBED, ScanSource.FEEDER}


def test_feeder_batch_yields_ten_a4_pages_at_200_dpi(test_device: SaneDevice) -> None:
    pages = list(test_device.scan(ScanOptions()))
    assert len(pages) == 10
    assert [p.index for p in pages] == list(range(1, 11))
    for page in pages:
        assert page.image.size == A4_200
        assert page.image.mode == "L"
        assert page.dpi == 200
        assert page.source == "sane:test:0"


def test_pages_arrive_one_at_a_time(test_device: SaneDevice) -> None:
    """The first page is in the caller's hands while the feeder still holds the rest."""
    pages = test_device.scan(ScanOptions())
    first = next(pages)
    assert first.index == 1
    test_device.set_raw_option("read-return-value", "SANE_STATUS_IO_ERROR")
    with pytest.raises(Exception) as info:
        next(pages)
    assert getattr(info.value, "pages_delivered", None) == 1


def test_other_resolution_changes_pixel_size(test_device: SaneDevice) -> None:
    page = next(iter(test_device.scan(ScanOptions(dpi=100, source=ScanSource.FLATBED))))
    assert abs(page.image.width - 827) <= 1 and abs(page.image.height - 1169) <= 1


def test_flatbed_gives_one_page(test_device: SaneDevice) -> None:
    pages = list(test_device.scan(ScanOptions(source=ScanSource.FLATBED)))
    assert len(pages) == 1 and pages[0].image.size == A4_200


@pytest.mark.parametrize(("status", "error"), [("SANE_STATUS_JAMMED", PaperJam),
                                               ("SANE_STATUS_COVER_OPEN", CoverOpen)])
def test_fault_mid_batch_keeps_pages_and_batch_continues(
    test_device: SaneDevice, status: str, error: type[Exception]
) -> None:
    batch = ScanBatch(test_device)
    received = []
    with pytest.raises(error) as info:
        for page in batch.run():
            received.append(page)
            if len(received) == 3:
                test_device.set_raw_option("read-return-value", status)
    assert [p.index for p in received] == [1, 2, 3]
    assert info.value.pages_delivered == 3
    assert "3" in info.value.message and ("Замятие" in info.value.message
                                          or "крышка" in info.value.message)
    # The operator clears the fault and presses «Продолжить».
    test_device.set_raw_option("read-return-value", "Default")
    rest = list(batch.run())
    assert rest, "the batch must continue after the fault"
    assert rest[0].index == 4
    assert [p.index for p in rest] == list(range(4, 4 + len(rest)))
    assert batch.pages_delivered == 3 + len(rest)
    assert all(p.image.size == A4_200 for p in rest)


def test_cancel_stops_the_batch_quietly(test_device: SaneDevice) -> None:
    cancel = threading.Event()
    received = []
    for page in test_device.scan(ScanOptions(), cancel):
        received.append(page)
        if len(received) == 2:
            cancel.set()
    assert len(received) == 2


def test_unknown_device_is_gone(sane_driver: SaneDriver) -> None:
    with pytest.raises(DeviceGone):
        sane_driver.open("sane:test:99")


def test_pnm_page_carries_a_readable_blank_number(sane_driver: SaneDriver,
                                                  tmp_path: Path) -> None:
    number = sample_number(kit=3, page=2, serial=77)
    source = tmp_path / "blank.pgm"
    render_blank(number).save(source)
    device = sane_driver.open("sane:pnm:0")
    try:
        device.set_raw_option("filename", str(source))
        pages = list(device.scan(ScanOptions()))
    finally:
        device.close()
    assert len(pages) == 1
    assert pages[0].image.size == render_blank(number).size
    result = read_blank_number(pages[0].image, default_profile())
    assert result.status is ReadStatus.OK
    assert result.number == number


def test_raw_fixed_point_is_caught_by_the_size_check(test_device: SaneDevice,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The pitfall itself: fixed-point options passed without × 65536 give a tiny page;
    the driver must refuse it instead of handing on an unreadable image."""
    from scanstation.scanner import sane
    from scanstation.scanner.base import PageSizeWrong

    monkeypatch.setattr(sane, "FIXED_ONE", 1)
    with pytest.raises(PageSizeWrong) as info:
        list(test_device.scan(ScanOptions(source=ScanSource.FLATBED)))
    assert info.value.got != info.value.expected
    assert "dpi" in info.value.message


def test_color_mode_gives_rgb_pages(test_device: SaneDevice) -> None:
    page = next(iter(test_device.scan(ScanOptions(mode=ColorMode.COLOR,
                                                  source=ScanSource.FLATBED))))
    assert page.image.mode == "RGB" and page.image.size == A4_200


def test_pnm_as_a_feeder_of_our_own_blanks_with_jam_and_end(sane_driver: SaneDriver,
                                                            tmp_path: Path) -> None:
    """The pnm backend scans one file per start; setting `filename` per sheet makes it a
    feeder of real blanks, and its status options give real SANE faults and the end."""
    numbers = [sample_number(6, page, 1) for page in (1, 2, 3)]
    files = []
    for number in numbers:
        files.append(tmp_path / f"{number}.pgm")
        render_blank(number).save(files[-1])
    device = sane_driver.open("sane:pnm:1")
    batch = ScanBatch(device)
    pages = []
    try:
        for path in files[:2]:
            device.set_raw_option("filename", str(path))
            pages.extend(batch.run())
        device.set_raw_option("status-jammed", True)
        with pytest.raises(PaperJam) as info:
            list(batch.run())
        assert info.value.pages_delivered == 2
        device.set_raw_option("status-jammed", False)
        device.set_raw_option("filename", str(files[2]))
        pages.extend(batch.run())
        device.set_raw_option("status-nodocs", True)
        assert list(batch.run()) == []  # out of documents: the quiet end
    finally:
        device.set_raw_option("status-nodocs", False)
        device.close()
    assert [p.index for p in pages] == [1, 2, 3]
    profile = default_profile()
    assert [read_blank_number(p.image, profile).number for p in pages] == numbers


def test_caller_stopping_early_leaves_the_device_usable(test_device: SaneDevice) -> None:
    pages = test_device.scan(ScanOptions())
    taken = [next(pages), next(pages)]
    pages.close()  # the window closed the batch without cancel
    rest = list(test_device.scan(ScanOptions(first_index=3)))
    assert [p.index for p in taken + rest] == list(range(1, 11))

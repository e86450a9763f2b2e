"""TWAIN driver logic against a FAKE of pytwain's call surface.

TWAIN exists only on Windows (and needs a real scanner's data source), so these tests
replace the `twain` module with a small fake that mimics pytwain's SourceManager/Source
methods and exception classes. They check what is ours: capability negotiation, the feeder
loop, fault mapping, page checks. A real scanner on Windows is still needed to prove the
driver side.
"""

from __future__ import annotations

import io
import threading
from types import SimpleNamespace

import pytest
from PIL import Image

from scanstation.profile import default_profile
from scanstation.recognition import read_blank_number
from scanstation.samples import a4_size, render_blank, sample_number
from scanstation.scanner import twain as tw
from scanstation.scanner.base import (
    DeviceGone,
    PageSizeWrong,
    PaperJam,
    ScanOptions,
    ScanSource,
)
from scanstation.scanner.batch import ScanBatch


class TwainError(Exception):
    pass


class PaperJamError(TwainError):
    pass


PaperJamError.__name__ = "PaperJam"  # pytwain's own class name


class CheckDeviceOnlineError(TwainError):
    pass


class CapUnsupported(TwainError):
    pass


class CheckStatus(Exception):  # pytwain's name
    pass


class DSTransferCancelled(TwainError):
    pass


EXCEPTIONS = SimpleNamespace(TwainError=TwainError, PaperJam=PaperJamError,
                             CheckDeviceOnlineError=CheckDeviceOnlineError,
                             CapUnsupported=CapUnsupported, CheckStatus=CheckStatus,
                             DSTransferCancelled=DSTransferCancelled)


def bmp(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="BMP")
    return buffer.getvalue()


class FakeSource:
    def __init__(self, sheets: list[bytes], fault_at: int | None = None,
                 fault: Exception | None = None, loaded: bool = True) -> None:
        self.sheets = sheets
        self.fault_at, self.fault = fault_at, fault
        self.loaded = loaded
        self.set_calls: dict[int, tuple[int, object]] = {}
        self.acquired = False
        self.closed = False
        self.disabled = 0
        self.taken = 0

    def get_capability(self, cap: int) -> object:
        if cap == tw.ICAP_XRESOLUTION:
            return {"MinValue": 75, "MaxValue": 600, "StepSize": 1, "DefaultValue": 200,
                    "CurrentValue": 200}
        if cap == tw.ICAP_PIXELTYPE:
            return (tw.TWTY_UINT16, (0, 0, [0, 1, 2]))
        if cap == tw.CAP_FEEDERENABLED:
            return (tw.TWTY_BOOL, True)
        if cap == tw.CAP_FEEDERLOADED:
            return (tw.TWTY_BOOL, self.loaded)
        raise CapUnsupported(cap)

    def set_capability(self, cap: int, type_id: int, value: object) -> None:
        if cap == tw.CAP_DUPLEXENABLED:
            raise CapUnsupported(cap)
        self.set_calls[cap] = (type_id, value)
        if cap == tw.ICAP_XRESOLUTION and value == 201.0:
            raise CheckStatus()

    def request_acquire(self, show_ui: bool, modal_ui: bool) -> None:
        assert show_ui is False and modal_ui is False
        self.acquired = True

    def xfer_image_natively(self) -> tuple[int, int]:
        if self.fault_at is not None and self.taken == self.fault_at:
            self.fault_at = None
            assert self.fault is not None
            raise self.fault
        handle = self.taken
        self.taken += 1
        return handle, len(self.sheets) - self.taken

    def hide_ui(self) -> None:
        self.disabled += 1

    def close(self) -> None:
        self.closed = True


def fake_twain(source: FakeSource, names: tuple[str, ...] = ("Fake DR-C225",)) -> object:
    class SourceManager:
        def __init__(self, parent_window: int) -> None:
            self.source_list = list(names)
            self.closed = False

        def open_source(self, name: str) -> FakeSource:
            return source

        def close(self) -> None:
            self.closed = True

    return SimpleNamespace(SourceManager=SourceManager, exceptions=EXCEPTIONS,
                           dib_to_bm_file=lambda handle: source.sheets[handle])


def a4_sheets(count: int, dpi: int = 200) -> list[bytes]:
    return [bmp(Image.new("L", a4_size(dpi), 255)) for _ in range(count)]


def test_lists_and_opens_sources_through_the_fake() -> None:
    driver = tw.TwainDriver(module=fake_twain(FakeSource([])))
    assert [d.id for d in driver.list_devices()] == ["twain:Fake DR-C225"]
    with pytest.raises(DeviceGone):
        driver.open("twain:Other scanner")


def test_feeder_batch_negotiates_and_yields_pages() -> None:
    number = sample_number(2, 3)
    sheets = [bmp(render_blank(number)), *a4_sheets(2)]
    source = FakeSource(sheets)
    device = tw.TwainDriver(module=fake_twain(source)).open("twain:Fake DR-C225")
    pages = list(device.scan(ScanOptions()))
    assert [p.index for p in pages] == [1, 2, 3]
    assert source.disabled == 1  # back to state 4 for the next batch
    assert source.set_calls[tw.ICAP_PIXELTYPE] == (tw.TWTY_UINT16, 1)  # gray
    assert source.set_calls[tw.ICAP_XRESOLUTION] == (tw.TWTY_FIX32, 200.0)
    assert source.set_calls[tw.CAP_FEEDERENABLED] == (tw.TWTY_BOOL, True)
    assert source.set_calls[tw.CAP_XFERCOUNT] == (tw.TWTY_INT16, -1)
    assert read_blank_number(pages[0].image, default_profile()).number == number
    caps = device.capabilities()
    assert 200 in caps.resolutions and ScanSource.FEEDER in caps.sources
    device.close()
    assert source.closed


def test_jam_keeps_pages_and_batch_continues() -> None:
    source = FakeSource(a4_sheets(5), fault_at=2, fault=PaperJamError())
    device = tw.TwainDriver(module=fake_twain(source)).open("twain:Fake DR-C225")
    batch = ScanBatch(device)
    got = []
    with pytest.raises(PaperJam) as info:
        got.extend(batch.run())
    assert info.value.pages_delivered == 2 and len(got) == 2
    got.extend(batch.run())
    assert [p.index for p in got] == [1, 2, 3, 4, 5]


def test_device_offline_is_device_gone() -> None:
    source = FakeSource(a4_sheets(3), fault_at=1, fault=CheckDeviceOnlineError())
    device = tw.TwainDriver(module=fake_twain(source)).open("twain:Fake DR-C225")
    with pytest.raises(DeviceGone) as info:
        list(device.scan(ScanOptions()))
    assert info.value.pages_delivered == 1


def test_driver_ignoring_the_resolution_is_caught() -> None:
    source = FakeSource(a4_sheets(1, dpi=75))  # the driver fell back to 75 dpi
    device = tw.TwainDriver(module=fake_twain(source)).open("twain:Fake DR-C225")
    with pytest.raises(PageSizeWrong):
        list(device.scan(ScanOptions()))


def test_empty_tray_ends_quietly_and_cancel_stops() -> None:
    empty = FakeSource(a4_sheets(3), loaded=False)
    device = tw.TwainDriver(module=fake_twain(empty)).open("twain:Fake DR-C225")
    assert list(device.scan(ScanOptions())) == [] and not empty.acquired
    source = FakeSource(a4_sheets(4))
    device = tw.TwainDriver(module=fake_twain(source)).open("twain:Fake DR-C225")
    cancel = threading.Event()
    got = []
    for page in device.scan(ScanOptions(), cancel):
        got.append(page)
        cancel.set()
    assert len(got) == 1 and source.closed


def test_duplex_refused_when_the_source_cannot() -> None:
    source = FakeSource(a4_sheets(2))
    device = tw.TwainDriver(module=fake_twain(source)).open("twain:Fake DR-C225")
    with pytest.raises(Exception, match="TWAIN"):
        list(device.scan(ScanOptions(source=ScanSource.DUPLEX)))

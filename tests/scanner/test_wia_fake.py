"""WIA driver logic against a FAKE of the WIA Automation COM objects.

WIA exists only on Windows, so the `WIA.DeviceManager` object and COMError are replaced
by small fakes with the same properties and methods (DeviceInfos, Connect, Properties with
PropertyID/Value, Items[1].Transfer). They check what is ours: property ids and values,
the feeder loop, HRESULT → typed fault mapping. A real WIA scanner is still needed to
prove the driver side; Wine cannot (it has no WIA automation), so WIA stays on fakes.
COM initialisation is replaced by a recorder: the tests check it runs once per thread
before the first COM call, and that a device's objects are not used from another thread.
"""

from __future__ import annotations

import io
import threading

import pytest
from PIL import Image

from scanstation.samples import a4_size
from scanstation.scanner import wia
from scanstation.scanner.base import (
    ColorMode,
    CoverOpen,
    DeviceBusy,
    DeviceGone,
    PaperJam,
    ScanOptions,
    ScanSource,
)
from scanstation.scanner.batch import ScanBatch


class FakeCOMError(Exception):
    def __init__(self, hresult: int) -> None:
        super().__init__(hresult, "fake", None)
        self.hresult = hresult - (1 << 32) if hresult & 0x80000000 else hresult  # signed


class Prop:
    def __init__(self, prop_id: int, value: object = 0, sub_type: int = 0,
                 low: int = 0, high: int = 0) -> None:
        self.PropertyID = prop_id
        self.Value = value
        self.SubType = sub_type
        self.SubTypeMin, self.SubTypeMax = low, high
        self.SubTypeValues: list[int] = []


class FakeItem:
    def __init__(self, sheets: int, dpi: int, faults: dict[int, int]) -> None:
        self.Properties = [Prop(wia.IPS_CUR_INTENT), Prop(wia.IPS_XRES, 150, 1, 75, 600),
                           Prop(wia.IPS_YRES, 150, 1, 75, 600)]
        self.sheets, self.dpi, self.faults = sheets, dpi, faults
        self.taken = 0

    def Transfer(self, fmt: str) -> object:
        assert fmt == wia.FORMAT_BMP
        if self.taken in self.faults:
            raise FakeCOMError(self.faults.pop(self.taken))
        if self.taken >= self.sheets:
            raise FakeCOMError(wia.WIA_ERROR_PAPER_EMPTY)
        self.taken += 1
        buffer = io.BytesIO()
        Image.new("L", a4_size(self.dpi), 255).save(buffer, format="BMP")
        data = buffer.getvalue()
        return type("ImageFile", (), {"FileData": type("V", (), {"BinaryData": data})})()


class FakeDevice:
    def __init__(self, item: FakeItem) -> None:
        self.Properties = [Prop(wia.DPS_DOCUMENT_HANDLING_CAPABILITIES, 0x7),
                           Prop(wia.DPS_DOCUMENT_HANDLING_STATUS, wia.STATUS_FEED_READY),
                           Prop(wia.DPS_DOCUMENT_HANDLING_SELECT, wia.SELECT_FLATBED),
                           Prop(wia.DPS_PAGES, 1)]
        self.Items = {1: item}


class FakeInfo:
    def __init__(self, device: FakeDevice, device_id: str = "{6BDD1FC6}\\0000",
                 kind: int = 1) -> None:
        self.DeviceID = device_id
        self.Type = kind
        self.Properties = [Prop(7, "Fake fi-7160"), Prop(3, "Fake Vendor")]
        self._device = device

    def Connect(self) -> FakeDevice:
        return self._device


def make_driver(sheets: int = 3, dpi: int = 200, faults: dict[int, int] | None = None
                ) -> tuple[wia.WiaDriver, FakeDevice]:
    device = FakeDevice(FakeItem(sheets, dpi, faults or {}))
    camera = FakeInfo(device, device_id="camera", kind=2)
    manager = type("Manager", (), {"DeviceInfos": [FakeInfo(device), camera]})()
    return wia.WiaDriver(create_manager=lambda: manager, com_error=FakeCOMError,
                         init_com=lambda: COM_JOINED.append(threading.get_ident())), device


COM_JOINED: list[int] = []  # threads that joined a COM apartment (the fake CoInitializeEx)


def prop(props: list[Prop], prop_id: int) -> object:
    return next(p.Value for p in props if p.PropertyID == prop_id)


def test_lists_scanners_only_and_opens_by_id() -> None:
    driver, _ = make_driver()
    devices = driver.list_devices()
    assert [(d.id, d.name, d.vendor) for d in devices] == [
        ("wia:{6BDD1FC6}\\0000", "Fake fi-7160", "Fake Vendor")]
    with pytest.raises(DeviceGone):
        driver.open("wia:camera")


def test_feeder_batch_sets_properties_and_ends_on_paper_empty() -> None:
    driver, fake = make_driver(sheets=3)
    device = driver.open(driver.list_devices()[0].id)
    pages = list(device.scan(ScanOptions()))
    assert [p.index for p in pages] == [1, 2, 3]
    assert all(p.image.size == (1654, 2339) for p in pages)
    assert prop(fake.Properties, wia.DPS_DOCUMENT_HANDLING_SELECT) == wia.SELECT_FEEDER
    assert prop(fake.Properties, wia.DPS_PAGES) == 0
    item = fake.Items[1]
    assert prop(item.Properties, wia.IPS_XRES) == 200
    assert prop(item.Properties, wia.IPS_CUR_INTENT) == wia.INTENT[ColorMode.GRAY]
    caps = device.capabilities()
    assert set(caps.sources) == {ScanSource.FLATBED, ScanSource.FEEDER, ScanSource.DUPLEX}
    assert 200 in caps.resolutions and 600 in caps.resolutions


@pytest.mark.parametrize(("hresult", "error"), [
    (wia.WIA_ERROR_PAPER_JAM, PaperJam),
    (wia.WIA_ERROR_COVER_OPEN, CoverOpen),
    (wia.WIA_ERROR_BUSY, DeviceBusy),
    (wia.WIA_ERROR_OFFLINE, DeviceGone),
])
def test_faults_mid_batch_are_typed_and_batch_continues(hresult: int,
                                                        error: type[Exception]) -> None:
    driver, _ = make_driver(sheets=4, faults={2: hresult})
    batch = ScanBatch(driver.open(driver.list_devices()[0].id))
    got = []
    with pytest.raises(error) as info:
        got.extend(batch.run())
    assert info.value.pages_delivered == 2
    got.extend(batch.run())
    assert [p.index for p in got] == [1, 2, 3, 4]


def test_empty_tray_at_start_gives_no_pages() -> None:
    driver, fake = make_driver(sheets=0)
    fake.Properties[1].Value = 0  # document handling status: not ready
    assert list(driver.open(driver.list_devices()[0].id).scan(ScanOptions())) == []


def test_com_is_initialised_on_the_scanner_thread_and_objects_stay_there() -> None:
    driver, _device = make_driver(sheets=2)
    opened: list[wia.WiaDevice] = []
    pages: list[object] = []

    def scanner_thread() -> None:
        opened.append(driver.open(driver.list_devices()[0].id))
        pages.extend(opened[0].scan(ScanOptions()))

    worker = threading.Thread(target=scanner_thread)
    worker.start()
    worker.join(timeout=60)
    assert len(pages) == 2
    assert COM_JOINED.count(worker.ident) == 1  # once for that thread, before any call
    with pytest.raises(RuntimeError, match="thread"):  # another apartment: refused
        list(opened[0].scan(ScanOptions()))

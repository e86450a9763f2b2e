"""TWAIN driver logic against a FAKE data source (tests/scanner/twain_fake.py).

TWAIN exists only on Windows (and needs a real scanner's data source), so these tests
replace pytwain with a fake that enforces TWAIN's state machine and handle ownership the
way real sources do: a transfer before MSG_XFERREADY, a capability set while enabled, a
source closed while enabled or an image handle never freed are recorded as violations.
Every test checks the driver leaves none; the last tests show that a driver skipping a
state or leaking a handle is caught. The real driver side runs on every CI run under
Wine (`make test-windows`: Wine's TWAIN manager and sane.ds over SANE's test device).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from scanstation.profile import default_profile
from scanstation.recognition import read_blank_number
from scanstation.samples import render_blank, sample_number
from scanstation.scanner import twain as tw
from scanstation.scanner.base import (
    DeviceGone,
    DeviceIOError,
    PageSizeWrong,
    PaperJam,
    ScanOptions,
    ScanSource,
)
from scanstation.scanner.batch import ScanBatch
from tests.scanner.twain_fake import (
    OTHER_MESSAGE,
    CheckDeviceOnlineError,
    FakeSource,
    Message,
    SequenceError,
    a4_sheets,
    bmp,
    fake_driver,
    fake_twain,
)
from tests.scanner.twain_fake import (
    PaperJam as FakePaperJam,
)

OPEN = "twain:Fake DR-C225"


@pytest.fixture
def sources() -> Iterator[list[FakeSource]]:
    """Every fake source a test makes; after the test none may report a violation."""
    made: list[FakeSource] = []
    yield made
    for source in made:
        assert source.violations == []
        assert source.outstanding == set()


def new_source(made: list[FakeSource], *args: object, **kwargs: object) -> FakeSource:
    source = FakeSource(*args, **kwargs)  # type: ignore[arg-type]
    made.append(source)
    return source


def test_lists_and_opens_sources_through_the_fake(sources: list[FakeSource]) -> None:
    driver = fake_driver(new_source(sources, []))
    assert [d.id for d in driver.list_devices()] == [OPEN]
    with pytest.raises(DeviceGone):
        driver.open("twain:Other scanner")


def test_feeder_batch_follows_the_states_and_frees_every_image(
        sources: list[FakeSource]) -> None:
    number = sample_number(2, 3)
    source = new_source(sources, [bmp(render_blank(number)), *a4_sheets(2)], warmup=5)
    source.pump.queue.append(Message(OTHER_MESSAGE))  # not the source's: dispatched
    device = fake_driver(source).open(OPEN)
    pages = list(device.scan(ScanOptions()))
    assert [p.index for p in pages] == [1, 2, 3]
    assert source.state == 4 and source.disabled == 1 and source.resets == 0
    assert source.freed == {0x1000, 0x1001, 0x1002}  # each handle given back
    assert [m.message for m in source.pump.dispatched] == [OTHER_MESSAGE]
    assert source.set_calls[tw.ICAP_XFERMECH] == (tw.TWTY_UINT16, tw.TWSX_NATIVE)
    assert source.set_calls[tw.ICAP_PIXELTYPE] == (tw.TWTY_UINT16, 1)  # gray
    assert source.set_calls[tw.ICAP_XRESOLUTION] == (tw.TWTY_FIX32, 200.0)
    assert source.set_calls[tw.ICAP_YRESOLUTION] == (tw.TWTY_FIX32, 200.0)
    assert source.set_calls[tw.CAP_FEEDERENABLED] == (tw.TWTY_BOOL, True)
    assert source.set_calls[tw.CAP_AUTOFEED] == (tw.TWTY_BOOL, True)
    assert source.set_calls[tw.CAP_XFERCOUNT] == (tw.TWTY_INT16, -1)
    assert read_blank_number(pages[0].image, default_profile()).number == number
    caps = device.capabilities()
    assert 200 in caps.resolutions and ScanSource.FEEDER in caps.sources
    assert ScanSource.DUPLEX not in caps.sources
    device.close()
    assert source.closed


@pytest.mark.parametrize(("source_kind", "mode", "pixel"), [
    (ScanSource.FLATBED, "color", 2), (ScanSource.FEEDER, "bw", 0),
    (ScanSource.DUPLEX, "gray", 1)])
def test_modes_sources_and_duplex(sources: list[FakeSource], source_kind: ScanSource,
                                  mode: str, pixel: int) -> None:
    source = new_source(sources, a4_sheets(4), duplex=1)
    device = fake_driver(source).open(OPEN)
    pages = list(device.scan(ScanOptions(mode=mode, source=source_kind)))  # type: ignore[arg-type]
    assert source.set_calls[tw.ICAP_PIXELTYPE] == (tw.TWTY_UINT16, pixel)
    if source_kind is ScanSource.FLATBED:
        assert len(pages) == 1 and source.set_calls[tw.CAP_FEEDERENABLED][1] is False
        assert source.set_calls[tw.CAP_XFERCOUNT] == (tw.TWTY_INT16, 1)
    else:
        assert len(pages) == 4
    if source_kind is ScanSource.DUPLEX:
        assert source.set_calls[tw.CAP_DUPLEXENABLED] == (tw.TWTY_BOOL, True)
        assert [p.side for p in pages] == ["front", "back", "front", "back"]
        assert ScanSource.DUPLEX in device.capabilities().sources
    device.close()


def test_flatbed_takes_one_sheet_even_when_the_source_offers_more(
        sources: list[FakeSource]) -> None:
    source = new_source(sources, a4_sheets(3), honours_xfercount=False)
    device = fake_driver(source).open(OPEN)
    assert len(list(device.scan(ScanOptions(source=ScanSource.FLATBED)))) == 1
    assert source.resets == 1 and source.state == 4  # the extra pending image dropped
    device.close()


def test_jam_resets_the_source_keeps_pages_and_batch_continues(
        sources: list[FakeSource]) -> None:
    source = new_source(sources, a4_sheets(5), fault_at=2, fault=FakePaperJam())
    device = fake_driver(source).open(OPEN)
    batch = ScanBatch(device)
    got = []
    with pytest.raises(PaperJam) as info:
        got.extend(batch.run())
    assert info.value.pages_delivered == 2 and len(got) == 2
    assert source.state == 4 and source.resets == 1  # 6 -> 5 -> 4, not left enabled
    got.extend(batch.run())  # «Продолжить»: a new acquisition from state 4
    assert [p.index for p in got] == [1, 2, 3, 4, 5]
    assert source.enables == 2
    device.close()


def test_device_offline_is_device_gone(sources: list[FakeSource]) -> None:
    source = new_source(sources, a4_sheets(3), fault_at=1, fault=CheckDeviceOnlineError())
    device = fake_driver(source).open(OPEN)
    with pytest.raises(DeviceGone) as info:
        list(device.scan(ScanOptions()))
    assert info.value.pages_delivered == 1 and source.state == 4


def test_driver_ignoring_the_resolution_is_caught(sources: list[FakeSource]) -> None:
    source = new_source(sources, a4_sheets(1, dpi=75))  # the driver fell back to 75 dpi
    device = fake_driver(source).open(OPEN)
    with pytest.raises(PageSizeWrong):
        list(device.scan(ScanOptions()))
    assert source.state == 4


def test_empty_tray_ends_quietly_and_cancel_stops_mid_batch(
        sources: list[FakeSource]) -> None:
    empty = new_source(sources, [])
    device = fake_driver(empty).open(OPEN)
    assert list(device.scan(ScanOptions())) == [] and empty.enables == 0
    source = new_source(sources, a4_sheets(4))
    device = fake_driver(source).open(OPEN)
    cancel = threading.Event()
    got = []
    for page in device.scan(ScanOptions(), cancel):
        got.append(page)
        cancel.set()
    assert len(got) == 1 and source.resets == 1 and source.state == 4
    device.close()


def test_cancel_while_waiting_for_the_source(sources: list[FakeSource]) -> None:
    source = new_source(sources, a4_sheets(2), warmup=10**9)
    device = fake_driver(source).open(OPEN)
    cancel = threading.Event()
    source.pump.on_poll.append(lambda: source.pump.polls > 3 and cancel.set())
    assert list(device.scan(ScanOptions(), cancel)) == []
    assert source.state == 4 and source.taken == 0


def test_close_request_from_the_source_is_honoured(sources: list[FakeSource]) -> None:
    source = new_source(sources, a4_sheets(2), close_request_at=0)
    device = fake_driver(source).open(OPEN)
    assert list(device.scan(ScanOptions())) == []
    assert source.state == 4 and source.disabled == 1 and source.taken == 0


def test_source_that_never_gets_ready_is_a_device_fault(sources: list[FakeSource]) -> None:
    source = new_source(sources, a4_sheets(2), warmup=10**9)
    device = fake_driver(source).open(OPEN)
    device.event_timeout = 0.3  # type: ignore[attr-defined]
    with pytest.raises(DeviceIOError):
        list(device.scan(ScanOptions()))
    assert source.state == 4


def test_duplex_refused_when_the_source_cannot(sources: list[FakeSource]) -> None:
    source = new_source(sources, a4_sheets(2))
    device = fake_driver(source).open(OPEN)
    with pytest.raises(DeviceIOError, match="TWAIN"):
        list(device.scan(ScanOptions(source=ScanSource.DUPLEX)))
    assert source.enables == 0


# --- the fake itself: a driver that skips a state or keeps a handle fails ----------------

def test_fake_refuses_a_transfer_before_xferready() -> None:
    """The project's earlier driver: MSG_ENABLEDS, then straight to the transfer."""
    source = FakeSource(a4_sheets(2))
    source.request_acquire(show_ui=False, modal_ui=False)
    with pytest.raises(SequenceError):
        source.xfer_image_natively()
    assert source.violations == ["DAT_IMAGENATIVEXFER before MSG_XFERREADY in state 5 (needs 6)"]


def test_fake_reports_a_leaked_handle_and_a_capability_set_while_enabled() -> None:
    source = FakeSource(a4_sheets(2))
    source.request_acquire(show_ui=False, modal_ui=False)
    with pytest.raises(SequenceError):
        source.set_capability(tw.ICAP_XRESOLUTION, tw.TWTY_FIX32, 200.0)
    while source.pump.next_message(0) is None:
        pass
    source._process_event(Message(0xC0DE))
    handle, _more = source.xfer_image_natively()
    source.read(handle)  # read but never freed; the last (flatbed) image: state 5
    source.hide_ui()
    source.close()
    assert source.violations[-1] == f"leaked image handles: [{handle}]"


def test_driver_that_does_not_free_images_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tw, "_free_handle", lambda *_args: None)
    source = FakeSource(a4_sheets(2))
    device = fake_driver(source).open(OPEN)
    assert len(list(device.scan(ScanOptions()))) == 2
    device.close()
    assert any(v.startswith("leaked image handles") for v in source.violations)


def test_fake_twain_module_shape() -> None:
    """The fake offers what the driver uses of pytwain, and nothing pretends to be real."""
    module = fake_twain(FakeSource([]))
    assert module.exceptions.PaperJam.__name__ == "PaperJam"
    assert isinstance(module.exceptions.SequenceError("x"), module.exceptions.TwainError)

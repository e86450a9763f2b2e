"""TWAIN scanners on Windows through pytwain (ctypes, no compiler needed).

Imported only on Windows by the registry. The module imports `twain` lazily and takes it
(and the thread's message loop) as parameters, so the logic — the TWAIN state machine,
capability negotiation, the feeder loop, handle ownership, fault mapping — is tested on
Linux against a fake data source that enforces the same rules a real one does
(tests/scanner/twain_fake.py), and on every CI run against Wine's TWAIN manager and its
SANE data source (`make test-windows`). Only a vendor's scanner can prove a vendor's
driver. 64-bit Python needs the TWAIN 2 manager `TWAINDSM.dll`, which current production
scanners ship; old 32-bit-only drivers are reached through the hot folder instead.

All calls of one source happen on one thread (the window's scanner thread), because the
source posts its messages to the thread that enabled it. A crashing vendor driver takes
the process with it: the design keeps that thread's work behind `ScannerDevice`, so the
device can be moved into a worker process (as NAPS2 does) by a proxy device that sends
`ScanOptions` and receives pages, without changing this module.
"""

from __future__ import annotations

import importlib
import io
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from PIL import Image, UnidentifiedImageError

from scanstation.scanner.base import (
    Capabilities,
    ColorMode,
    CoverOpen,
    DeviceBusy,
    DeviceGone,
    DeviceInfo,
    DeviceIOError,
    PaperJam,
    ScannedPage,
    ScannerError,
    ScanOptions,
    ScanSource,
)
from scanstation.scanner.checks import check_page_width
from scanstation.scanner.duplex import flag_blank_back, side_for

log = logging.getLogger(__name__)

# TWAIN ids (twain.h); kept here so tests need no real pytwain.
CAP_XFERCOUNT = 0x0001
ICAP_PIXELTYPE = 0x0101
ICAP_UNITS = 0x0102
ICAP_XFERMECH = 0x0103
CAP_FEEDERENABLED = 0x1002
CAP_FEEDERLOADED = 0x1003
CAP_AUTOFEED = 0x1007
CAP_DUPLEX = 0x1012
CAP_DUPLEXENABLED = 0x1013
ICAP_XRESOLUTION = 0x1118
ICAP_YRESOLUTION = 0x1119
TWTY_INT16 = 3
TWTY_UINT16 = 4
TWTY_BOOL = 6
TWTY_FIX32 = 7
TWUN_INCHES = 0
TWSX_NATIVE = 0
TWPT = {ColorMode.BW: 0, ColorMode.GRAY: 1, ColorMode.COLOR: 2}
# DG_CONTROL/DAT_EVENT answers and the source's notifications
TWRC_DSEVENT = 4
TWRC_NOTDSEVENT = 5
MSG_XFERREADY = 0x0101
MSG_CLOSEDSREQ = 0x0102
MSG_CLOSEDSOK = 0x0103
# How long a source may take from MSG_ENABLEDS to its first image (a feeder warming up,
# a flatbed lamp) and between sheets before the batch is reported as a device fault.
EVENT_TIMEOUT = 120.0
PUMP_TICK = 0.25  # the cancel flag is looked at this often while waiting


class MessagePump(Protocol):
    """Window messages of the scanner thread (`twain_pump.Win32MessagePump` on Windows)."""

    def next_message(self, timeout: float) -> Any | None: ...

    def dispatch(self, msg: Any) -> None: ...


def load_twain() -> Any:
    return importlib.import_module("twain")


def _exceptions(module: Any) -> Any:
    return getattr(module, "exceptions", module)


def _error_class(module: Any, name: str) -> tuple[type[BaseException], ...]:
    """One of pytwain's exception classes for an `except` clause (empty when absent)."""
    found = getattr(_exceptions(module), name, None)
    return (found,) if isinstance(found, type) and issubclass(found, BaseException) else ()


def twain_errors(module: Any) -> tuple[type[BaseException], ...]:
    """What pytwain raises for driver faults: its TwainError family, ValueError for a bad
    value, RuntimeError for an unexpected return code, OSError for a missing DLL."""
    return (*_error_class(module, "TwainError"), ValueError, RuntimeError, OSError)


def map_twain_error(module: Any, exc: BaseException, delivered: int) -> ScannerError:
    """pytwain's exception classes → our typed faults (by class name: old and new pytwain
    versions name the same faults `excTWCC_PAPERJAM` and `PaperJam`)."""
    name = type(exc).__name__
    if name in ("PaperJam", "PaperDoubleFeedError", "excTWCC_PAPERJAM",
                "excTWCC_PAPERDOUBLEFEED"):
        return PaperJam(delivered)
    if name in ("CheckDeviceOnlineError", "excTWCC_CHECKDEVICEONLINE"):
        return DeviceGone(delivered)
    if name in ("DeniedError", "MaxConnectionsError", "SequenceError"):
        return DeviceBusy(delivered)
    if "cover" in str(exc).lower():
        return CoverOpen(delivered)
    return DeviceIOError(delivered, detail=f"TWAIN {name} {exc}".strip())


class TwainDevice:
    """One open data source (TWAIN state 4 between batches).

    A batch follows the TWAIN state machine: capabilities are negotiated in state 4,
    `MSG_ENABLEDS` takes the source to 5, the message loop waits for `MSG_XFERREADY`
    (state 6), each native transfer passes through 7 and `MSG_ENDXFER` back to 6 while
    sheets are pending, then 5; `MSG_DISABLEDS` ends at 4. Every image handle the source
    hands over is ours and is freed once read. A fault, a cancel or `MSG_CLOSEDSREQ`
    resets the pending transfers (6 → 5) and disables the source (5 → 4), so the next
    batch (after a jam: «Продолжить») starts from state 4 again.
    """

    def __init__(self, module: Any, manager: Any, source: Any, info: DeviceInfo,
                 pump: MessagePump, event_timeout: float = EVENT_TIMEOUT) -> None:
        self._twain = module
        self._manager = manager
        self._source = source
        self._pump = pump
        self.event_timeout = event_timeout
        self.info = info

    def _get(self, cap: int) -> Any:
        try:
            return self._source.get_capability(cap)
        except twain_errors(self._twain) as exc:  # capability missing
            log.debug("TWAIN capability %#x not available: %s", cap, exc)
            return None

    def _set(self, cap: int, type_id: int, value: object, required: bool = False) -> None:
        rounded = _error_class(self._twain, "CheckStatus")
        try:
            self._source.set_capability(cap, type_id, value)
        except rounded:
            return  # accepted, rounded to the nearest supported value
        except twain_errors(self._twain) as exc:
            if required:
                raise map_twain_error(self._twain, exc, 0) from exc
            log.info("TWAIN capability %#x not set: %s", cap, exc)

    def _has_duplex(self) -> bool:
        """CAP_DUPLEX: 0 none, 1 one-pass, 2 two-pass duplex."""
        duplex = _current(self._get(CAP_DUPLEX))
        if duplex is not None:
            return bool(duplex)
        return self._get(CAP_DUPLEXENABLED) is not None

    def capabilities(self) -> Capabilities:
        resolutions: tuple[int, ...] = (200,)
        raw = self._get(ICAP_XRESOLUTION)
        if isinstance(raw, dict):  # range container
            low, high = float(raw["MinValue"]), float(raw["MaxValue"])
            resolutions = tuple(r for r in (75, 100, 150, 200, 240, 300, 400, 600)
                                if low <= r <= high)
        elif isinstance(raw, tuple) and len(raw) == 2 and isinstance(raw[1], tuple):
            resolutions = tuple(sorted({round(float(v)) for v in raw[1][2]}))
        modes = [ColorMode.GRAY, ColorMode.COLOR, ColorMode.BW]
        pixel = self._get(ICAP_PIXELTYPE)
        if isinstance(pixel, tuple) and len(pixel) == 2 and isinstance(pixel[1], tuple):
            supported = set(pixel[1][2])
            modes = [m for m in modes if TWPT[m] in supported]
        sources = [ScanSource.FLATBED]
        if self._get(CAP_FEEDERENABLED) is not None:
            sources.append(ScanSource.FEEDER)
            if self._has_duplex():
                sources.append(ScanSource.DUPLEX)
        return Capabilities(resolutions, tuple(modes), tuple(sources))

    def _configure(self, options: ScanOptions) -> None:
        """Negotiation happens in state 4 only (sources refuse it once enabled)."""
        self._set(ICAP_XFERMECH, TWTY_UINT16, TWSX_NATIVE)
        self._set(ICAP_UNITS, TWTY_UINT16, TWUN_INCHES)
        self._set(ICAP_PIXELTYPE, TWTY_UINT16, TWPT[options.mode], required=True)
        self._set(ICAP_XRESOLUTION, TWTY_FIX32, float(options.dpi), required=True)
        self._set(ICAP_YRESOLUTION, TWTY_FIX32, float(options.dpi), required=True)
        feeder = options.source is not ScanSource.FLATBED
        if feeder or self._get(CAP_FEEDERENABLED) is not None:
            self._set(CAP_FEEDERENABLED, TWTY_BOOL, feeder, required=feeder)
        if feeder:
            self._set(CAP_AUTOFEED, TWTY_BOOL, True)  # the next sheet while one transfers
            duplex = options.source is ScanSource.DUPLEX
            if duplex and not self._has_duplex():
                raise DeviceIOError(0, detail="TWAIN: no duplex on this source")
            if duplex or self._get(CAP_DUPLEXENABLED) is not None:
                self._set(CAP_DUPLEXENABLED, TWTY_BOOL, duplex, required=duplex)
            self._set(CAP_XFERCOUNT, TWTY_INT16, -1)  # every sheet in the tray
        else:
            self._set(CAP_XFERCOUNT, TWTY_INT16, 1)

    def _feeder_empty(self) -> bool:
        return _current(self._get(CAP_FEEDERLOADED)) is False

    def _wait_for_event(self, cancel: threading.Event | None, delivered: int) -> int:
        """Pump this thread's messages through DAT_EVENT until the source posts
        MSG_XFERREADY or MSG_CLOSEDSREQ; 0 when cancelled."""
        deadline = time.monotonic() + self.event_timeout
        while True:
            if cancel is not None and cancel.is_set():
                return 0
            left = deadline - time.monotonic()
            if left <= 0:
                raise DeviceIOError(delivered, detail="TWAIN: no MSG_XFERREADY from the source")
            msg = self._pump.next_message(min(PUMP_TICK, left))
            if msg is None:
                continue
            try:
                rc, event = self._source._process_event(msg)
            except twain_errors(self._twain) as exc:
                raise map_twain_error(self._twain, exc, delivered) from exc
            if rc == TWRC_NOTDSEVENT:
                self._pump.dispatch(msg)
            elif event in (MSG_XFERREADY, MSG_CLOSEDSREQ):
                return int(event)

    def _read_and_free(self, handle: Any, delivered: int) -> Image.Image:
        """The DIB behind `handle` as an image; the handle is freed whatever happens."""
        try:
            data = self._twain.dib_to_bm_file(handle)
            image = Image.open(io.BytesIO(data), formats=["BMP"])
            image.load()
            return image
        except (UnidentifiedImageError, OSError, ValueError) as exc:
            raise DeviceIOError(delivered, detail="BMP") from exc
        finally:
            _free_handle(self._twain, self._source, handle)

    def scan(self, options: ScanOptions, cancel: threading.Event | None = None
             ) -> Iterator[ScannedPage]:
        delivered = options.first_index - 1
        self._configure(options)
        if options.source is not ScanSource.FLATBED and self._feeder_empty():
            return  # empty tray: the normal end of a batch
        cancelled = _error_class(self._twain, "DSTransferCancelled")
        try:
            self._source.request_acquire(show_ui=False, modal_ui=False)  # 4 -> 5
        except twain_errors(self._twain) as exc:
            raise map_twain_error(self._twain, exc, delivered) from exc
        position = 0
        pending = 0  # transfers the source still holds (state 6 while non-zero)
        try:
            if self._wait_for_event(cancel, delivered) != MSG_XFERREADY:
                return  # cancelled, or the source asked to be closed (MSG_CLOSEDSREQ)
            pending = -1
            while pending:
                if cancel is not None and cancel.is_set():
                    return
                try:
                    handle, pending = self._source.xfer_image_natively()  # 6 -> 7 -> 6|5
                except cancelled:
                    pending = 0  # the source cancelled this sheet and ended the batch
                    return
                except twain_errors(self._twain) as exc:
                    raise map_twain_error(self._twain, exc, delivered) from exc
                image = self._read_and_free(handle, delivered)
                check_page_width(image, options.dpi, delivered)
                page = ScannedPage(image=image, dpi=options.dpi, source=self.info.id,
                                   index=delivered + 1, side=side_for(options, position))
                position += 1
                delivered += 1
                yield flag_blank_back(page, options)
                if options.source is ScanSource.FLATBED:
                    return  # one sheet; a source ignoring CAP_XFERCOUNT is reset (Wine's)
        finally:
            self._end_acquire(pending_transfers=pending != 0)

    def _end_acquire(self, pending_transfers: bool) -> None:
        """Back to state 4 so the next batch can start: pending transfers are reset
        (6 -> 5), then the source is disabled (5 -> 4)."""
        try:
            if pending_transfers:
                self._source._end_all_xfers()
            self._source.hide_ui()
        except twain_errors(self._twain) as exc:  # the fault being raised matters more
            log.warning("TWAIN: could not end the acquisition cleanly: %s", exc)

    def close(self) -> None:
        self._source.close()
        self._manager.close()


def _current(value: Any) -> Any:
    """The current value of a one-value capability as pytwain returns it ((type, value))."""
    if isinstance(value, tuple) and len(value) == 2 and not isinstance(value[1], tuple):
        return value[1]
    return None


def _free_handle(module: Any, source: Any, handle: Any) -> None:
    """Free an image handle with the allocator that made it: the DSM's (TWAIN 2 sources)
    or GlobalFree (TWAIN 1), as pytwain's own image object does."""
    free: Callable[[Any], Any] | None = getattr(source, "_free", None)
    if free is None:
        free = module.windows.GlobalFree
    free(handle)


class TwainDriver:
    name = "twain"

    def __init__(self, module: Any = None, parent_window: int = 0,
                 pump: Callable[[Any], MessagePump] | None = None) -> None:
        self._module = module
        self.parent_window = parent_window
        self._pump = pump

    def _new_pump(self, module: Any) -> MessagePump:
        if self._pump is not None:
            return self._pump(module)
        from scanstation.scanner.twain_pump import Win32MessagePump

        return Win32MessagePump(module)

    def _twain(self) -> Any:
        if self._module is None:
            self._module = load_twain()
        return self._module

    def list_devices(self) -> list[DeviceInfo]:
        module = self._twain()
        manager = module.SourceManager(self.parent_window)
        try:
            return [DeviceInfo(id=f"twain:{name}", name=name, driver=self.name)
                    for name in manager.source_list]
        finally:
            manager.close()

    def open(self, device_id: str) -> TwainDevice:
        module = self._twain()
        name = device_id.removeprefix("twain:")
        manager = module.SourceManager(self.parent_window)
        try:
            if name not in manager.source_list:
                raise DeviceGone(0)
            source = manager.open_source(name)
        except ScannerError:
            manager.close()
            raise
        except twain_errors(module) as exc:
            manager.close()
            raise map_twain_error(module, exc, 0) from exc
        if source is None:
            manager.close()
            raise DeviceGone(0)
        return TwainDevice(module, manager, source,
                           DeviceInfo(id=device_id, name=name, driver=self.name),
                           self._new_pump(module))

"""TWAIN scanners on Windows through pytwain (ctypes, no compiler needed).

Imported only on Windows by the registry. The module itself imports `twain` lazily and
takes it as a parameter, so the logic (capability negotiation, the feeder loop, fault
mapping) is tested on Linux against a fake of pytwain's call surface; only a real scanner
can prove the driver side. 64-bit Python needs the TWAIN 2 manager `TWAINDSM.dll`, which
current production scanners ship; old 32-bit-only drivers are reached through the hot
folder and the vendor's own program instead.
"""

from __future__ import annotations

import importlib
import io
import logging
import threading
from collections.abc import Iterator
from typing import Any

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

# TWAIN capability ids and types (twain.h); kept here so tests need no real pytwain.
CAP_XFERCOUNT = 0x0001
ICAP_PIXELTYPE = 0x0101
ICAP_UNITS = 0x0102
CAP_FEEDERENABLED = 0x1002
CAP_FEEDERLOADED = 0x1003
CAP_DUPLEXENABLED = 0x1013
ICAP_XRESOLUTION = 0x1118
ICAP_YRESOLUTION = 0x1119
TWTY_INT16 = 3
TWTY_UINT16 = 4
TWTY_BOOL = 6
TWTY_FIX32 = 7
TWUN_INCHES = 0
TWPT = {ColorMode.BW: 0, ColorMode.GRAY: 1, ColorMode.COLOR: 2}


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
    def __init__(self, module: Any, manager: Any, source: Any, info: DeviceInfo) -> None:
        self._twain = module
        self._manager = manager
        self._source = source
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
        if self._get(CAP_DUPLEXENABLED) is not None:
            sources.append(ScanSource.DUPLEX)
        return Capabilities(resolutions, tuple(modes), tuple(sources))

    def _configure(self, options: ScanOptions) -> None:
        self._set(ICAP_UNITS, TWTY_UINT16, TWUN_INCHES)
        self._set(ICAP_PIXELTYPE, TWTY_UINT16, TWPT[options.mode], required=True)
        self._set(ICAP_XRESOLUTION, TWTY_FIX32, float(options.dpi), required=True)
        self._set(ICAP_YRESOLUTION, TWTY_FIX32, float(options.dpi), required=True)
        feeder = options.source is not ScanSource.FLATBED
        self._set(CAP_FEEDERENABLED, TWTY_BOOL, feeder, required=feeder)
        if feeder:
            self._set(CAP_DUPLEXENABLED, TWTY_BOOL, options.source is ScanSource.DUPLEX,
                      required=options.source is ScanSource.DUPLEX)
            self._set(CAP_XFERCOUNT, TWTY_INT16, -1)  # every sheet in the tray

    def scan(self, options: ScanOptions, cancel: threading.Event | None = None
             ) -> Iterator[ScannedPage]:
        delivered = options.first_index - 1
        self._configure(options)
        if options.source is not ScanSource.FLATBED:
            loaded = self._get(CAP_FEEDERLOADED)
            if isinstance(loaded, tuple) and loaded[1] is False:
                return  # empty tray: the normal end of a batch
        cancelled = _error_class(self._twain, "DSTransferCancelled")
        try:
            self._source.request_acquire(show_ui=False, modal_ui=False)
        except twain_errors(self._twain) as exc:
            raise map_twain_error(self._twain, exc, delivered) from exc
        position = 0
        more = 1
        try:
            while more:
                if cancel is not None and cancel.is_set():
                    return
                try:
                    handle, more = self._source.xfer_image_natively()
                    data = self._twain.dib_to_bm_file(handle)
                except cancelled:
                    return
                except twain_errors(self._twain) as exc:
                    raise map_twain_error(self._twain, exc, delivered) from exc
                try:
                    image = Image.open(io.BytesIO(data), formats=["BMP"])
                    image.load()
                except (UnidentifiedImageError, OSError) as exc:
                    raise DeviceIOError(delivered, detail="BMP") from exc
                check_page_width(image, options.dpi, delivered)
                page = ScannedPage(image=image, dpi=options.dpi, source=self.info.id,
                                   index=delivered + 1, side=side_for(options, position))
                position += 1
                delivered += 1
                yield flag_blank_back(page, options)
        finally:
            self._end_acquire(pending=bool(more))

    def _end_acquire(self, pending: bool) -> None:
        """Back to TWAIN state 4 so the next batch can start. After the last transfer the
        source waits in state 5 (disable it); stopped early or after a fault, transfers
        are still pending, and closing and reopening the source is the sure way out."""
        try:
            if pending:
                self._source.close()
                self._source = self._manager.open_source(self.info.name)
            else:
                self._source.hide_ui()
        except twain_errors(self._twain) as exc:  # the fault being raised matters more
            log.warning("TWAIN: could not end the acquisition cleanly: %s", exc)

    def close(self) -> None:
        self._source.close()
        self._manager.close()


class TwainDriver:
    name = "twain"

    def __init__(self, module: Any = None, parent_window: int = 0) -> None:
        self._module = module
        self.parent_window = parent_window

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
                           DeviceInfo(id=device_id, name=name, driver=self.name))

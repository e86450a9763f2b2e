"""WIA scanners on Windows through the WIA Automation COM library (comtypes, no compiler).

pyinsane2's WIA part needs a C++ compiler and the WinDDK, so the station talks to
`WIA.DeviceManager` directly. Imported only on Windows by the registry; COM is reached
through injectable callables, so the feeder loop, property setting and fault mapping are
tested on Linux against a fake of the automation objects (Wine has no WIA automation:
`WIA.DeviceManager` is not registered there, so no test reaches a real WIA device).

COM apartment rules: every thread that touches WIA first joins a single-threaded
apartment (`CoInitializeEx(COINIT_APARTMENTTHREADED)`, once per thread; a thread already
in COM is accepted as it is), and the objects of a device are used only on the thread
that created them — the window's scanner thread. A call from another thread is refused
instead of crossing apartments behind COM's back.
"""

from __future__ import annotations

import importlib
import io
import logging
import threading
from collections.abc import Callable, Iterator
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

WIA_SCANNER_TYPE = 1
FORMAT_BMP = "{B96B3CAB-0728-11D3-9D7B-0000F81EF32E}"  # lossless, every driver has it
# Property ids (wiadef.h).
DPS_DOCUMENT_HANDLING_CAPABILITIES = 3086
DPS_DOCUMENT_HANDLING_STATUS = 3087
DPS_DOCUMENT_HANDLING_SELECT = 3088
DPS_PAGES = 3096
IPS_CUR_INTENT = 6146
IPS_XRES = 6147
IPS_YRES = 6148
SELECT_FEEDER, SELECT_FLATBED, SELECT_DUPLEX = 0x001, 0x002, 0x004
STATUS_FEED_READY = 0x001
INTENT = {ColorMode.COLOR: 1, ColorMode.GRAY: 2, ColorMode.BW: 4}
# HRESULTs of WIA faults (unsigned).
WIA_ERROR_PAPER_JAM = 0x80210002
WIA_ERROR_PAPER_EMPTY = 0x80210003
WIA_ERROR_PAPER_PROBLEM = 0x80210004
WIA_ERROR_OFFLINE = 0x80210005
WIA_ERROR_BUSY = 0x80210006
WIA_ERROR_DEVICE_COMMUNICATION = 0x8021000A
WIA_ERROR_DEVICE_LOCKED = 0x8021000D
WIA_S_NO_DEVICE_AVAILABLE = 0x80210015
WIA_ERROR_COVER_OPEN = 0x80210016
HRESULT_CANCELLED = 0x800704C7  # the user pressed Cancel


def _hresult(exc: BaseException) -> int:
    code = getattr(exc, "hresult", None)
    if code is None and exc.args and isinstance(exc.args[0], int):
        code = exc.args[0]
    return int(code or 0) & 0xFFFFFFFF


def map_wia_error(exc: BaseException, delivered: int) -> ScannerError | None:
    """The typed fault for a COM error; None for «feeder empty», the normal end."""
    code = _hresult(exc)
    if code == WIA_ERROR_PAPER_EMPTY:
        return None
    if code in (WIA_ERROR_PAPER_JAM, WIA_ERROR_PAPER_PROBLEM):
        return PaperJam(delivered)
    if code == WIA_ERROR_COVER_OPEN:
        return CoverOpen(delivered)
    if code in (WIA_ERROR_BUSY, WIA_ERROR_DEVICE_LOCKED):
        return DeviceBusy(delivered)
    if code in (WIA_ERROR_OFFLINE, WIA_S_NO_DEVICE_AVAILABLE):
        return DeviceGone(delivered)
    if code == WIA_ERROR_DEVICE_COMMUNICATION:
        return DeviceIOError(delivered)
    return DeviceIOError(delivered, detail=f"WIA {code:#010x}")


def _property(properties: Any, prop_id: int) -> Any:
    for prop in properties:
        if int(prop.PropertyID) == prop_id:
            return prop
    return None


COINIT_APARTMENTTHREADED = 0x2
RPC_E_CHANGED_MODE = -2147417850  # 0x80010106: the thread is already in another apartment
_apartment = threading.local()


def co_initialize() -> None:
    """Join this thread to a single-threaded COM apartment (Windows only)."""
    comtypes = importlib.import_module("comtypes")
    try:
        comtypes.CoInitializeEx(COINIT_APARTMENTTHREADED)
    except OSError as exc:
        if getattr(exc, "winerror", None) != RPC_E_CHANGED_MODE:
            raise


def ensure_com(init: Callable[[], None]) -> None:
    """`init` once per thread, before the thread's first COM call."""
    if not getattr(_apartment, "joined", False):
        init()
        _apartment.joined = True


def _com_defaults() -> tuple[Callable[[], Any], type[BaseException]]:
    client = importlib.import_module("comtypes.client")
    com_error: type[BaseException] = importlib.import_module("_ctypes").COMError
    return (lambda: client.CreateObject("WIA.DeviceManager")), com_error


class WiaDevice:
    def __init__(self, device: Any, info: DeviceInfo, com_error: type[BaseException]) -> None:
        self._device = device
        self._com_error = com_error
        self.info = info
        self._thread = threading.get_ident()  # the apartment the COM objects live in

    def _same_apartment(self) -> None:
        if threading.get_ident() != self._thread:
            raise RuntimeError("WIA objects are used only on the thread that created them")

    def _set(self, properties: Any, prop_id: int, value: int, required: bool) -> None:
        prop = _property(properties, prop_id)
        try:
            if prop is None:
                raise LookupError(prop_id)
            prop.Value = value
        except (LookupError, self._com_error) as exc:
            if required:
                raise DeviceIOError(0, detail=f"WIA property {prop_id}") from exc
            log.info("WIA property %s not set: %s", prop_id, exc)

    def capabilities(self) -> Capabilities:
        self._same_apartment()
        item = self._device.Items[1]
        resolutions: tuple[int, ...] = (200,)
        xres = _property(item.Properties, IPS_XRES)
        if xres is not None:
            if int(xres.SubType) == 1:  # range
                low, high = int(xres.SubTypeMin), int(xres.SubTypeMax)
                resolutions = tuple(r for r in (75, 100, 150, 200, 240, 300, 400, 600)
                                    if low <= r <= high)
            elif int(xres.SubType) == 2:  # list
                resolutions = tuple(sorted(int(v) for v in xres.SubTypeValues))
        sources = [ScanSource.FLATBED]
        handling = _property(self._device.Properties, DPS_DOCUMENT_HANDLING_CAPABILITIES)
        if handling is not None:
            flags = int(handling.Value)  # FEED 0x1, FLAT 0x2, DUP 0x4, as the select flags
            if flags & SELECT_FEEDER:
                sources.append(ScanSource.FEEDER)
            if flags & SELECT_DUPLEX:
                sources.append(ScanSource.DUPLEX)
        return Capabilities(resolutions, (ColorMode.GRAY, ColorMode.COLOR, ColorMode.BW),
                            tuple(sources))

    def _configure(self, options: ScanOptions) -> Any:
        feeder = options.source is not ScanSource.FLATBED
        select = {ScanSource.FLATBED: SELECT_FLATBED, ScanSource.FEEDER: SELECT_FEEDER,
                  ScanSource.DUPLEX: SELECT_FEEDER | SELECT_DUPLEX}[options.source]
        self._set(self._device.Properties, DPS_DOCUMENT_HANDLING_SELECT, select, feeder)
        if feeder:
            self._set(self._device.Properties, DPS_PAGES, 0, False)  # 0: all sheets
        item = self._device.Items[1]
        self._set(item.Properties, IPS_CUR_INTENT, INTENT[options.mode], False)
        self._set(item.Properties, IPS_XRES, options.dpi, True)
        self._set(item.Properties, IPS_YRES, options.dpi, True)
        return item

    def scan(self, options: ScanOptions, cancel: threading.Event | None = None
             ) -> Iterator[ScannedPage]:
        self._same_apartment()
        delivered = options.first_index - 1
        try:
            item = self._configure(options)
        except self._com_error as exc:
            fault = map_wia_error(exc, delivered)
            if fault is None:
                return
            raise fault from exc
        position = 0
        while True:
            if cancel is not None and cancel.is_set():
                return
            if options.source is not ScanSource.FLATBED:
                status = _property(self._device.Properties, DPS_DOCUMENT_HANDLING_STATUS)
                if status is not None and not int(status.Value) & STATUS_FEED_READY:
                    return  # tray empty: the normal end of a batch
            try:
                data = bytes(item.Transfer(FORMAT_BMP).FileData.BinaryData)
            except self._com_error as exc:
                if _hresult(exc) == HRESULT_CANCELLED:
                    return
                fault = map_wia_error(exc, delivered)
                if fault is None:
                    return
                raise fault from exc
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
            if options.source is ScanSource.FLATBED:
                return

    def close(self) -> None:
        self._device = None


class WiaDriver:
    name = "wia"

    def __init__(self, create_manager: Callable[[], Any] | None = None,
                 com_error: type[BaseException] | None = None,
                 init_com: Callable[[], None] = co_initialize) -> None:
        self._create_manager = create_manager
        self._com_error = com_error
        self._init_com = init_com

    def _com(self) -> tuple[Callable[[], Any], type[BaseException]]:
        ensure_com(self._init_com)
        if self._create_manager is None or self._com_error is None:
            self._create_manager, self._com_error = _com_defaults()
        return self._create_manager, self._com_error

    def _infos(self) -> list[Any]:
        create, _ = self._com()
        return [info for info in create().DeviceInfos if int(info.Type) == WIA_SCANNER_TYPE]

    @staticmethod
    def _describe(info: Any) -> DeviceInfo:
        props = info.Properties
        name = _property(props, 7)  # WIA_DIP_DEV_NAME
        vendor = _property(props, 3)  # WIA_DIP_VEND_DESC
        return DeviceInfo(id=f"wia:{info.DeviceID}",
                          name=str(name.Value) if name is not None else str(info.DeviceID),
                          driver="wia", vendor=str(vendor.Value) if vendor else "")

    def list_devices(self) -> list[DeviceInfo]:
        return [self._describe(info) for info in self._infos()]

    def open(self, device_id: str) -> WiaDevice:
        _, com_error = self._com()
        wanted = device_id.removeprefix("wia:")
        for info in self._infos():
            if str(info.DeviceID) == wanted:
                try:
                    device = info.Connect()
                except com_error as exc:
                    raise map_wia_error(exc, 0) or DeviceGone(0) from exc
                return WiaDevice(device, self._describe(info), com_error)
        raise DeviceGone(0)

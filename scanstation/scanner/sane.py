"""SANE scanners through pyinsane2, in-process.

pyinsane2's default helper-process mode reads each reply with one `os.read` and breaks on
any page larger than the pipe buffer (and re-runs a frozen app), so the in-process mode is
forced before the first import. libsane reads `SANE_CONFIG_DIR` at its first `sane_init`
and pyinsane2 never calls `sane_exit`: the configuration is fixed for the life of the
process, which is why the import and the init are lazy (tests set the variable first).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from scanstation.i18n import tr
from scanstation.samples import A4_MM, mm_to_px
from scanstation.scanner.base import (
    Capabilities,
    ColorMode,
    CoverOpen,
    DeviceBusy,
    DeviceGone,
    DeviceInfo,
    DeviceIOError,
    PageSizeWrong,
    PaperJam,
    ScannedPage,
    ScannerError,
    ScanOptions,
    ScanSource,
)
from scanstation.scanner.duplex import flag_blank_back, side_for

log = logging.getLogger(__name__)

FIXED_ONE = 65536  # SANE_Fixed: pyinsane2 passes fixed-point values raw, value × 65536
SIZE_TOLERANCE_PX = 3  # drivers round the area to whole mm or lines differently
_STATUS_JAMMED, _STATUS_BUSY, _STATUS_COVER, _STATUS_IO = 6, 3, 8, 9
_STATUS_CANCELLED, _STATUS_INVAL, _STATUS_DENIED = 2, 4, 11
_lock = threading.Lock()
_module: ModuleType | None = None


def _single_thread_mode() -> None:
    """pyinsane2 chooses its mode when the package is first imported (any submodule)."""
    os.environ["PYINSANE_SINGLE_THREAD"] = "1"


def pyinsane() -> ModuleType:
    """pyinsane2, imported in single-thread mode and initialised once per process."""
    global _module  # noqa: PLW0603 - libsane itself is process-wide state
    with _lock:
        if _module is None:
            _single_thread_mode()
            import pyinsane2

            if not pyinsane2.SINGLE_THREAD:  # imported earlier with the broken pipe mode
                raise RuntimeError("pyinsane2 was imported without PYINSANE_SINGLE_THREAD=1")
            pyinsane2.init()
            _module = pyinsane2
        return _module


def sane_available() -> bool:
    _single_thread_mode()
    try:
        from pyinsane2.sane import rawapi
    except (ImportError, OSError):
        return False
    return bool(rawapi.is_sane_available())


def _is_fixed(option: Any) -> bool:
    return int(option.val_type) == 2


def _to_sane(option: Any, value: float) -> int:
    return round(value * FIXED_ONE) if _is_fixed(option) else round(value)


def _from_sane(option: Any, value: int) -> float:
    return value / FIXED_ONE if _is_fixed(option) else float(value)


def _classify_source(name: str) -> ScanSource | None:
    low = name.lower()
    if "duplex" in low:
        return ScanSource.DUPLEX
    if "adf" in low or "feeder" in low or "automatic document" in low:
        return ScanSource.FEEDER
    if "flatbed" in low:
        return ScanSource.FLATBED
    return None


_MODE_NAMES = {ColorMode.GRAY: ("gray", "grey"), ColorMode.COLOR: ("color", "colour"),
               ColorMode.BW: ("lineart", "binary", "halftone", "black")}


def _classify_mode(name: str) -> ColorMode | None:
    low = name.lower()
    for mode, words in _MODE_NAMES.items():
        if any(word in low for word in words):
            return mode
    return None


def map_sane_error(exc: Exception, delivered: int) -> ScannerError:
    """The typed fault for a SANE status; unknown statuses become an I/O error with the
    driver's own words, so nothing is reported as «unknown error»."""
    status = int(getattr(exc, "status", -1))
    if status == _STATUS_JAMMED:
        return PaperJam(delivered)
    if status == _STATUS_COVER:
        return CoverOpen(delivered)
    if status in (_STATUS_BUSY, _STATUS_DENIED):
        return DeviceBusy(delivered)
    if status == _STATUS_IO:
        return DeviceIOError(delivered)
    return DeviceIOError(delivered, detail=f"SANE {status}")


def _size_matches(got: tuple[int, int], expected: tuple[int, int]) -> bool:
    """Width must match the dpi closely (a unit mistake shows there first); height may
    differ by up to 15 %, since feeders with length detection stop at the paper's end."""
    return (abs(got[0] - expected[0]) <= SIZE_TOLERANCE_PX
            and abs(got[1] - expected[1]) <= max(SIZE_TOLERANCE_PX, expected[1] * 0.15))


class SaneDevice:
    """One opened SANE device. pyinsane2 keeps a single handle per process, so a station
    drives one SANE scanner at a time (two scanners: one of them through the hot folder)."""

    def __init__(self, scanner: Any, info: DeviceInfo) -> None:
        self._scanner = scanner
        self.info = info

    @property
    def options(self) -> dict[str, Any]:
        return dict(self._scanner.options)

    def set_raw_option(self, name: str, value: object) -> None:
        """Set a driver option as the driver names it (diagnostics, tests: the `test`
        backend's `read-return-value`, the `pnm` backend's `filename`)."""
        sane_exc: type[Exception] = pyinsane().SaneException
        try:
            self._scanner.options[name].value = value
        except KeyError as exc:
            raise DeviceIOError(0, detail=tr("no option {name}", name=name)) \
                from exc
        except sane_exc as exc:
            raise map_sane_error(exc, 0) from exc

    def capabilities(self) -> Capabilities:
        opts = self._scanner.options
        resolutions: tuple[int, ...] = ()
        if "resolution" in opts:
            option = opts["resolution"]
            constraint = option.constraint
            if isinstance(constraint, list):
                resolutions = tuple(sorted({round(_from_sane(option, v)) for v in constraint}))
            elif isinstance(constraint, tuple):
                low, high = _from_sane(option, constraint[0]), _from_sane(option, constraint[1])
                resolutions = tuple(r for r in (75, 100, 150, 200, 240, 300, 400, 600)
                                    if low <= r <= high)
        modes: list[ColorMode] = []
        if "mode" in opts and isinstance(opts["mode"].constraint, list):
            for name in opts["mode"].constraint:
                mode = _classify_mode(str(name))
                if mode is not None and mode not in modes:
                    modes.append(mode)
        sources: list[ScanSource] = []
        if "source" in opts and isinstance(opts["source"].constraint, list):
            for name in opts["source"].constraint:
                source = _classify_source(str(name))
                if source is not None and source not in sources:
                    sources.append(source)
        return Capabilities(resolutions, tuple(modes) or (ColorMode.GRAY,),
                            tuple(sources) or (ScanSource.FLATBED,))

    def _pick(self, name: str, wanted: object) -> str | None:
        """The driver's own spelling of a mode or source we want, None when it has none."""
        option = self._scanner.options.get(name)
        if option is None or not isinstance(option.constraint, list):
            return None
        classify = _classify_source if name == "source" else _classify_mode
        for value in option.constraint:
            if classify(str(value)) == wanted:
                return str(value)
        return None

    def _configure(self, options: ScanOptions) -> tuple[int, int] | None:
        """Apply the options; the page size in pixels they imply, when the driver lets us
        choose the area (None: the driver decides, e.g. the `pnm` file reader)."""
        opts = self._scanner.options
        for name, wanted in (("mode", options.mode), ("source", options.source)):
            value = self._pick(name, wanted)
            if value is not None and opts[name].capabilities.is_active():
                opts[name].value = value
            elif name == "source" and wanted is not ScanSource.FLATBED and name in opts:
                raise DeviceIOError(0, detail=tr("no such paper source"))
        if "resolution" in opts:
            option = opts["resolution"]
            option.value = _to_sane(option, options.dpi)
        geometry = [opts.get(n) for n in ("tl-x", "tl-y", "br-x", "br-y")]
        if any(g is None or not g.capabilities.is_active() for g in geometry):
            return None
        tl_x, tl_y, br_x, br_y = geometry
        # The size we ask for, not the size read back: a wrongly scaled value reads back
        # just as wrong, and the check below must be able to catch it.
        area: list[float] = []
        for option, want in ((tl_x, 0.0), (tl_y, 0.0), (br_x, A4_MM[0]), (br_y, A4_MM[1])):
            high = _from_sane(option, option.constraint[1]) \
                if isinstance(option.constraint, tuple) else want
            area.append(min(want, high))
            option.value = _to_sane(option, area[-1])
        width_mm, height_mm = area[2] - area[0], area[3] - area[1]
        return mm_to_px(width_mm, options.dpi), mm_to_px(height_mm, options.dpi)

    def scan(self, options: ScanOptions, cancel: threading.Event | None = None
             ) -> Iterator[ScannedPage]:
        sane_exc: type[Exception] = pyinsane().SaneException
        delivered = options.first_index - 1
        try:
            expected = self._configure(options)
            session = self._scanner.scan(multiple=options.source is not ScanSource.FLATBED)
        except StopIteration:
            return  # feeder empty at the start: the normal end of a batch
        except sane_exc as exc:
            raise map_sane_error(exc, delivered) from exc
        scan = session.scan
        try:
            yield from self._pages(scan, session, options, expected, cancel)
        finally:
            # SANE requires sane_cancel to end a scan; it is a no-op after a clean end and
            # keeps the device usable when the caller stops early or a fault interrupts.
            scan.cancel()

    def _pages(self, scan: Any, session: Any, options: ScanOptions,
               expected: tuple[int, int] | None, cancel: threading.Event | None
               ) -> Iterator[ScannedPage]:
        sane_exc: type[Exception] = pyinsane().SaneException
        delivered = options.first_index - 1
        position = 0
        while True:
            if cancel is not None and cancel.is_set():
                return
            try:
                scan.read()
                continue
            except EOFError:
                image = scan.get_image()
                session.images.clear()  # pyinsane2 keeps every page otherwise
            except StopIteration:
                return  # feeder empty: the normal end
            except sane_exc as exc:
                if int(getattr(exc, "status", -1)) == _STATUS_CANCELLED:
                    return
                raise map_sane_error(exc, delivered) from exc
            if expected is not None and not _size_matches(image.size, expected):
                raise PageSizeWrong(delivered, image.size, expected, options.dpi)
            page = ScannedPage(image=image, dpi=options.dpi, source=self.info.id,
                               index=delivered + 1, side=side_for(options, position))
            position += 1
            delivered += 1
            yield flag_blank_back(page, options)
            if options.source is ScanSource.FLATBED:
                return  # one page per press on a flatbed

    def close(self) -> None:
        self._scanner._force_close()


class SaneDriver:
    name = "sane"

    def list_devices(self) -> list[DeviceInfo]:
        if not sane_available():
            return []
        module = pyinsane()
        return [
            DeviceInfo(id=f"sane:{dev.name}", name=f"{dev.vendor} {dev.model}".strip()
                       or dev.name, driver=self.name, vendor=dev.vendor, model=dev.model)
            for dev in module.get_devices()
        ]

    def open(self, device_id: str) -> SaneDevice:
        """Open by name directly: listing probes the network and can take seconds."""
        name = device_id.removeprefix("sane:")
        module = pyinsane()
        scanner = module.Scanner(name=name)
        try:
            scanner.options  # noqa: B018 - opens the device now, not at first scan
        except module.SaneException as exc:
            if int(getattr(exc, "status", -1)) == _STATUS_INVAL:
                raise DeviceGone(0) from exc  # no such device (unplugged, renamed)
            raise map_sane_error(exc, 0) from exc
        return SaneDevice(scanner, DeviceInfo(id=f"sane:{name}", name=name, driver=self.name))

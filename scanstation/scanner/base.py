"""The contract every page source fulfils (SANE, TWAIN, WIA, hot folder, demo feeder).

Pages reach the caller one at a time as they arrive; a device fault raises a typed
`ScannerError` that tells the operator what happened and how many pages are already safe.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol, runtime_checkable

from PIL import Image

from scanstation.errors import KnownError
from scanstation.i18n import tr


class ScanSource(StrEnum):
    FLATBED = "flatbed"
    FEEDER = "feeder"
    DUPLEX = "duplex"


class ColorMode(StrEnum):
    GRAY = "gray"
    COLOR = "color"
    BW = "bw"  # 1-bit line art


@dataclass(frozen=True)
class DeviceInfo:
    id: str  # stable id to open the device with, e.g. "sane:test:0", "demo:feeder"
    name: str
    driver: str  # "sane", "twain", "wia", "hotfolder", "demo"
    vendor: str = ""
    model: str = ""


@dataclass(frozen=True)
class Capabilities:
    resolutions: tuple[int, ...]
    modes: tuple[ColorMode, ...]
    sources: tuple[ScanSource, ...]


@dataclass(frozen=True)
class ScanOptions:
    dpi: int = 200
    mode: ColorMode = ColorMode.GRAY
    source: ScanSource = ScanSource.FEEDER
    drop_blank_backs: bool = False  # duplex: set empty back sides aside (kept, counted)
    # Index given to the first page this call delivers. A batch continued after a jam
    # passes `pages_delivered + 1`, so numbering goes on instead of restarting at 1.
    first_index: int = 1


@dataclass
class ScannedPage:
    image: Image.Image
    dpi: int
    source: str  # device id or origin ("hotfolder:/path/file.tif")
    index: int  # 1-based position in its batch
    side: str = "front"  # "front" / "back" (duplex)
    blank_back: bool = False  # an empty duplex back side, set aside but never lost
    original_path: Path | None = None  # hot folder / import: the file it came from
    extra: dict[str, str] = field(default_factory=dict)
    # The file a page came from (hot folder, import): its sha256 and the 1-based page in it.
    source_sha256: str | None = None
    source_page: int | None = None
    # Called by the consumer once the page is durable and recorded (or found recorded
    # before): the hot folder acknowledges a file only when every page of it has said so.
    on_recorded: Callable[[], None] | None = field(default=None, repr=False, compare=False)


class ScannerError(KnownError):
    """A device fault. `pages_delivered` pages of the batch were handed over before it."""

    code = "scanner_error"

    def __init__(self, message: str, pages_delivered: int = 0) -> None:
        super().__init__(message)
        self.pages_delivered = pages_delivered


class FeederEmpty(ScannerError):
    """The normal end of a feeder batch (or no paper at the start)."""

    code = "feeder_empty"

    def __init__(self, pages_delivered: int = 0) -> None:
        super().__init__(
            tr("The document feeder is empty."), pages_delivered
        )


def _safe(pages: int) -> str:
    return tr("Pages already scanned and kept: {pages}.", pages=pages)


class PaperJam(ScannerError):
    code = "paper_jam"

    def __init__(self, pages_delivered: int = 0) -> None:
        safe = _safe(pages_delivered)
        super().__init__(
            tr(
                "Paper jam. Remove the jammed sheet, put it back into the feeder and press "
                "Continue. {safe}",
                safe=safe,
            ),
            pages_delivered,
        )


class CoverOpen(ScannerError):
    code = "cover_open"

    def __init__(self, pages_delivered: int = 0) -> None:
        safe = _safe(pages_delivered)
        super().__init__(
            tr("The scanner cover is open. Close it and press Continue. {safe}", safe=safe),
            pages_delivered,
        )


class DeviceBusy(ScannerError):
    code = "device_busy"

    def __init__(self, pages_delivered: int = 0) -> None:
        safe = _safe(pages_delivered)
        super().__init__(
            tr(
                "The scanner is busy with another program. Close it and try again. {safe}",
                safe=safe,
            ),
            pages_delivered,
        )


class DeviceIOError(ScannerError):
    code = "io_error"

    def __init__(self, pages_delivered: int = 0, detail: str = "") -> None:
        safe = _safe(pages_delivered)
        suffix = f" ({detail})" if detail else ""
        super().__init__(
            tr(
                "Scanner I/O error{suffix}. Check the cable and power. {safe}",
                suffix=suffix,
                safe=safe,
            ),
            pages_delivered,
        )


class DeviceGone(ScannerError):
    code = "device_gone"

    def __init__(self, pages_delivered: int = 0) -> None:
        safe = _safe(pages_delivered)
        super().__init__(
            tr("The scanner was disconnected. Reconnect it and select it again. {safe}", safe=safe),
            pages_delivered,
        )


class PageSizeWrong(ScannerError):
    """The driver ignored the resolution or the scan area (SANE fixed-point given raw, a
    driver that silently falls back to 75 dpi): such pages would be unreadable, so stop."""

    code = "page_size_wrong"

    def __init__(self, pages_delivered: int, got: tuple[int, int],
                 expected: tuple[int, int], dpi: int) -> None:
        safe = _safe(pages_delivered)
        got_s = f"{got[0]}×{got[1]}"
        exp_s = f"{expected[0]}×{expected[1]}"
        super().__init__(
            tr(
                "The scanner returned a {got_s} pixel page instead of the expected {exp_s} at "
                "{dpi} dpi. Check the resolution and the scan area. {safe}",
                got_s=got_s,
                exp_s=exp_s,
                dpi=dpi,
                safe=safe,
            ),
            pages_delivered,
        )
        self.got = got
        self.expected = expected


@runtime_checkable
class ScannerDevice(Protocol):
    """An opened device. All calls come from one worker thread, in order."""

    info: DeviceInfo

    def capabilities(self) -> Capabilities: ...

    def scan(
        self, options: ScanOptions, cancel: threading.Event | None = None
    ) -> Iterator[ScannedPage]:
        """Yield pages as they arrive; end quietly when the feeder empties; raise
        `ScannerError` subclasses on faults, after the pages already yielded."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class ScanDriver(Protocol):
    """One backend (SANE, TWAIN, WIA, hot folder, demo): finds and opens devices."""

    name: str

    def list_devices(self) -> list[DeviceInfo]: ...

    def open(self, device_id: str) -> ScannerDevice: ...

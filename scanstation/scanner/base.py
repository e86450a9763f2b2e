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
from scanstation.i18n import t


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
            t("В лотке подачи нет бумаги.", "The document feeder is empty."), pages_delivered
        )


def _safe(pages: int) -> str:
    return t(
        f"Уже отсканировано и сохранено страниц: {pages}.",
        f"Pages already scanned and kept: {pages}.",
    )


class PaperJam(ScannerError):
    code = "paper_jam"

    def __init__(self, pages_delivered: int = 0) -> None:
        safe = _safe(pages_delivered)
        super().__init__(
            t(
                "Замятие бумаги. Извлеките замятый лист, положите его обратно в лоток и "
                f"нажмите «Продолжить». {safe}",
                "Paper jam. Remove the jammed sheet, put it back into the feeder and press "
                f"Continue. {safe}",
            ),
            pages_delivered,
        )


class CoverOpen(ScannerError):
    code = "cover_open"

    def __init__(self, pages_delivered: int = 0) -> None:
        safe = _safe(pages_delivered)
        super().__init__(
            t(
                f"Открыта крышка сканера. Закройте её и нажмите «Продолжить». {safe}",
                f"The scanner cover is open. Close it and press Continue. {safe}",
            ),
            pages_delivered,
        )


class DeviceBusy(ScannerError):
    code = "device_busy"

    def __init__(self, pages_delivered: int = 0) -> None:
        safe = _safe(pages_delivered)
        super().__init__(
            t(
                f"Сканер занят другой программой. Закройте её и повторите. {safe}",
                f"The scanner is busy with another program. Close it and try again. {safe}",
            ),
            pages_delivered,
        )


class DeviceIOError(ScannerError):
    code = "io_error"

    def __init__(self, pages_delivered: int = 0, detail: str = "") -> None:
        safe = _safe(pages_delivered)
        suffix = f" ({detail})" if detail else ""
        super().__init__(
            t(
                f"Ошибка обмена со сканером{suffix}. Проверьте кабель и питание. {safe}",
                f"Scanner I/O error{suffix}. Check the cable and power. {safe}",
            ),
            pages_delivered,
        )


class DeviceGone(ScannerError):
    code = "device_gone"

    def __init__(self, pages_delivered: int = 0) -> None:
        safe = _safe(pages_delivered)
        super().__init__(
            t(
                f"Сканер отключён. Подключите его и выберите снова. {safe}",
                f"The scanner was disconnected. Reconnect it and select it again. {safe}",
            ),
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
            t(
                f"Сканер вернул страницу размером {got_s} точек вместо ожидаемых {exp_s} "
                f"при {dpi} dpi. Проверьте разрешение и размер области сканирования. {safe}",
                f"The scanner returned a {got_s} pixel page instead of the expected {exp_s} "
                f"at {dpi} dpi. Check the resolution and the scan area. {safe}",
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

"""The demo feeder: generated sample blanks, so the program can be tried with no scanner.

Its stack holds a few complete kits with real barcodes, one sheet fed upside down and one
whose code is smeared (unreadable), i.e. the cases the operator has to fix. It behaves like
a feeder: sheets leave the stack as they are scanned, a simulated jam stops the batch
and «Продолжить» goes on with the next sheet, an empty stack is loaded again on the next
batch. Pacing (`page_delay`) makes the window's progress visible; tests use 0.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from scanstation.samples import a4_size, mm_to_px, render_blank, sample_number
from scanstation.scanner.base import (
    Capabilities,
    ColorMode,
    DeviceGone,
    DeviceInfo,
    PaperJam,
    ScannedPage,
    ScanOptions,
    ScanSource,
)
from scanstation.scanner.duplex import flag_blank_back

DEMO_DEVICE_ID = "demo:feeder"
DEMO_KITS = 3
DEMO_PAGES_PER_KIT = 4  # the default profile's kit size


@dataclass(frozen=True)
class DemoSheet:
    number: str
    upside_down: bool = False
    smeared: bool = False  # barcode made unreadable, as by a blot or a fold


def demo_stack(kits: int = DEMO_KITS, pages_per_kit: int = DEMO_PAGES_PER_KIT,
               serial: int = 2026) -> tuple[DemoSheet, ...]:
    """The sheets in feeding order: kits 1…n, pages 1…k; kit 1 page 2 upside down, the
    last kit's last page smeared."""
    sheets = []
    for kit in range(1, kits + 1):
        for page in range(1, pages_per_kit + 1):
            sheets.append(DemoSheet(
                sample_number(kit, page, serial),
                upside_down=(kit == 1 and page == 2),
                smeared=(kit == kits and page == pages_per_kit),
            ))
    return tuple(sheets)


@lru_cache(maxsize=64)
def _render(sheet: DemoSheet, dpi: int) -> Image.Image:
    image = render_blank(sheet.number, dpi=dpi, subtitle="Демонстрационный бланк")
    if sheet.smeared:
        draw = ImageDraw.Draw(image)
        right, top = image.width - mm_to_px(8, dpi), mm_to_px(8, dpi)
        for step in range(0, mm_to_px(70, dpi), max(1, mm_to_px(1.6, dpi))):
            x = right - step
            draw.line((x, top, x - mm_to_px(10, dpi), top + mm_to_px(22, dpi)),
                      fill=90, width=max(1, mm_to_px(0.7, dpi)))
    if sheet.upside_down:
        image = image.rotate(180)
    return image


@lru_cache(maxsize=4)
def _blank_back(dpi: int) -> Image.Image:
    """An empty back side with faint paper texture, not pure white like no scanner gives."""
    width, height = a4_size(dpi)
    noise = Image.effect_noise((width, height), 6).point(lambda v: min(255, 200 + v // 4))
    return noise.convert("L")


def _convert(image: Image.Image, mode: ColorMode) -> Image.Image:
    if mode is ColorMode.COLOR:
        return image.convert("RGB")
    if mode is ColorMode.BW:
        return image.convert("1")
    return image.copy()


class DemoDevice:
    def __init__(self, stack: tuple[DemoSheet, ...] | None = None, page_delay: float = 0.0,
                 jam_after: int | None = None) -> None:
        self.info = DeviceInfo(id=DEMO_DEVICE_ID, name="Демонстрационный сканер",
                               driver="demo", vendor="ScanStation", model="demo")
        self.stack = stack if stack is not None else demo_stack()
        self.page_delay = page_delay
        self.jam_after = jam_after  # jam once, after this many sheets of a batch
        self._next_sheet = 0
        self._jammed = False
        self._closed = False

    def capabilities(self) -> Capabilities:
        return Capabilities((150, 200, 300), (ColorMode.GRAY, ColorMode.COLOR, ColorMode.BW),
                            (ScanSource.FEEDER, ScanSource.DUPLEX, ScanSource.FLATBED))

    def scan(self, options: ScanOptions, cancel: threading.Event | None = None
             ) -> Iterator[ScannedPage]:
        if self._closed:
            raise DeviceGone(options.first_index - 1)
        if self._next_sheet >= len(self.stack) and options.first_index == 1:
            # A new batch: the operator put the demo stack back into the tray. A batch
            # that goes on («Продолжить» after a fault) finds the tray empty, as a real
            # feeder would, instead of scanning the whole stack a second time.
            self._next_sheet = 0
            self._jammed = False
        index = options.first_index
        sheets_this_call = 0
        while self._next_sheet < len(self.stack):
            # Waiting on the cancel event paces the demo and still stops at once.
            waiter = cancel if cancel is not None else threading.Event()
            if waiter.wait(self.page_delay) if self.page_delay else waiter.is_set():
                return
            if (self.jam_after is not None and not self._jammed
                    and self._next_sheet == self.jam_after):
                self._jammed = True
                raise PaperJam(index - 1)
            sheet = self.stack[self._next_sheet]
            self._next_sheet += 1
            sheets_this_call += 1
            sides = [_render(sheet, options.dpi)]
            if options.source is ScanSource.DUPLEX:
                sides.append(_blank_back(options.dpi))
            for side_no, image in enumerate(sides):
                page = ScannedPage(
                    image=_convert(image, options.mode), dpi=options.dpi,
                    source=self.info.id, index=index,
                    side="front" if side_no == 0 else "back",
                    extra={"demo_number": sheet.number},
                )
                index += 1
                yield flag_blank_back(page, options)
            if options.source is ScanSource.FLATBED and sheets_this_call == 1:
                return

    def close(self) -> None:
        self._closed = True


def _env_number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


class DemoDriver:
    """Always available, so the window can offer a scanner when no real one is attached."""

    name = "demo"

    def __init__(self, page_delay: float | None = None, jam_after: int | None = None) -> None:
        # SCANSTATION_DEMO_DELAY / SCANSTATION_DEMO_JAM_AFTER let a trainer try the jam
        # dialog and the progress display without code changes.
        self.page_delay = page_delay if page_delay is not None else _env_number(
            "SCANSTATION_DEMO_DELAY", 0.4)
        env_jam = _env_number("SCANSTATION_DEMO_JAM_AFTER", -1)
        self.jam_after = jam_after if jam_after is not None else (
            int(env_jam) if env_jam >= 0 else None)

    def list_devices(self) -> list[DeviceInfo]:
        return [DemoDevice().info]

    def open(self, device_id: str) -> DemoDevice:
        if device_id != DEMO_DEVICE_ID:
            raise DeviceGone(0)
        return DemoDevice(page_delay=self.page_delay, jam_after=self.jam_after)

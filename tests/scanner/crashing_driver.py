"""Drivers for the worker-process tests, imported by the worker (spawn) by name.

`CrashingDriver` is the demo feeder whose "native code" kills its process at the third
sheet, as a faulty vendor TWAIN driver would; `JammingDriver` jams after two sheets."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

from scanstation.scanner.base import ScannedPage, ScanOptions
from scanstation.scanner.demo import DemoDevice, DemoDriver


class CrashingDevice:
    def __init__(self, inner: DemoDevice) -> None:
        self.inner = inner
        self.info = inner.info

    def capabilities(self):  # type: ignore[no-untyped-def]
        return self.inner.capabilities()

    def scan(self, options: ScanOptions, cancel: threading.Event | None = None
             ) -> Iterator[ScannedPage]:
        for page in self.inner.scan(options, cancel):
            if page.index == 3 and not os.environ.get("CRASHED_ONCE"):
                os._exit(0xC0000005 & 0xFF)  # an access violation in the driver
            yield page

    def close(self) -> None:
        self.inner.close()


class CrashingDriver(DemoDriver):
    def __init__(self) -> None:
        super().__init__(page_delay=0.0)

    def open(self, device_id: str) -> CrashingDevice:  # type: ignore[override]
        return CrashingDevice(super().open(device_id))


class JammingDriver(DemoDriver):
    def __init__(self) -> None:
        super().__init__(page_delay=0.0, jam_after=2)

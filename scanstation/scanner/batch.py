"""One scanning batch that survives device faults: after a jam the operator clears it and
presses «Продолжить», and the same batch goes on with the next page number.

The window's scanner worker owns one `ScanBatch` per batch; every `run()` is one pass of
the feeder. Pages already delivered are never asked for again, and the typed error of a
pass carries the batch-wide count the operator is told about.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace

from scanstation.scanner.base import ScannedPage, ScannerDevice, ScannerError, ScanOptions


class ScanBatch:
    def __init__(self, device: ScannerDevice, options: ScanOptions | None = None) -> None:
        self.device = device
        self.options = options or ScanOptions()
        self.pages_delivered = 0
        self.blank_backs = 0  # empty duplex backs flagged (delivered too, never dropped)
        self.last_error: ScannerError | None = None

    def run(self, cancel: threading.Event | None = None) -> Iterator[ScannedPage]:
        """Yield the next pages of the batch; re-raise a device fault after counting what
        came before it. Call again after the operator has cleared the fault."""
        options = replace(self.options, first_index=self.pages_delivered + 1)
        self.last_error = None
        try:
            for page in self.device.scan(options, cancel):
                self.pages_delivered = max(self.pages_delivered, page.index)
                if page.blank_back:
                    self.blank_backs += 1
                yield page
        except ScannerError as exc:
            self.last_error = exc
            raise

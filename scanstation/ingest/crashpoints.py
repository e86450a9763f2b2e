"""Named points where the crash test can cut the power, deterministically.

`SCANSTATION_CRASH_AT=file_written:3` kills this process's whole process group (workers
included) with SIGKILL — on Windows its worker processes, then itself — the 3rd time the
point `file_written` is reached: exactly what a power cut at that instant does. Unset
(always, outside that test) it costs one dict lookup. Random-delay kills cannot reliably
land in the few microseconds between, say, a file's rename and its row's commit; these
points can.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

ENV = "SCANSTATION_CRASH_AT"
_reached: Counter[str] = Counter()


def crash_point(name: str) -> None:
    spec = os.environ.get(ENV)
    if not spec:
        return
    point, _, count = spec.partition(":")
    if point != name:
        return
    _reached[name] += 1
    if _reached[name] >= int(count or 1):
        if hasattr(os, "killpg"):
            os.killpg(os.getpgid(0), signal.SIGKILL)
        # Windows has no process groups, and os._exit leaves the recognition workers
        # running (they went on writing rows after the "power cut"): end them first.
        import multiprocessing

        for child in multiprocessing.active_children():
            child.kill()
        os._exit(137)

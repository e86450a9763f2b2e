"""Readers that misbehave on one marked page, importable by spawned pool workers.

A page is marked by its width: `CRASH_WIDTH` kills the worker process outright (as a
native crash in a decoder would), `HANG_WIDTH` never finishes, `RAISE_WIDTH` raises.
Every other page is read by the real reader."""

from __future__ import annotations

import os
import time
from collections.abc import Collection

from PIL import Image

from scanstation.profile import EventProfile
from scanstation.recognition import ReadResult, read_blank_number

CRASH_WIDTH = 1301
HANG_WIDTH = 1303
RAISE_WIDTH = 1307


def faulty_reader(image: Image.Image, profile: EventProfile,
                  expected: Collection[str] | None) -> ReadResult:
    if image.width == CRASH_WIDTH:
        os._exit(3)
    if image.width == HANG_WIDTH:
        time.sleep(3600)
    if image.width == RAISE_WIDTH:
        raise RuntimeError("decoder bug on this page")
    return read_blank_number(image, profile, expected)

"""First, plain reader: one zxing-cpp pass over the page at each right angle.

The recognition issue replaces the inside of `read_blank_number` with the full engine
(corner crops, upscaling, binarizers, pyzbar second opinion); the signature stays.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import zxingcpp
from PIL import Image

from scanstation.profile import EventProfile
from scanstation.recognition.result import ReadResult, ReadStatus


def read_blank_number(
    page: Image.Image | Path | str,
    profile: EventProfile,
    expected_kits: Collection[str] | None = None,
) -> ReadResult:
    image = Image.open(page) if isinstance(page, str | Path) else page
    gray = image.convert("L")
    for rotation in (0, 180, 90, 270):
        view = gray if rotation == 0 else gray.rotate(-rotation, expand=True)
        numbers = {
            (b.text, b.format.name)
            for b in zxingcpp.read_barcodes(view)
            if profile.is_valid_number(b.text)
        }
        if not numbers:
            continue
        distinct = sorted({n for n, _ in numbers})
        if len(distinct) > 1:
            return ReadResult(None, ReadStatus.AMBIGUOUS, rotation, candidates=tuple(distinct))
        number, symbology = next(iter(numbers))
        outside = expected_kits is not None and profile.kit_of(number) not in expected_kits
        return ReadResult(number, ReadStatus.OK, rotation, symbology, "zxing-cpp", "full",
                          (number,), outside)
    return ReadResult(None, ReadStatus.UNREADABLE)

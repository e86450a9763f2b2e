"""What recognition says about one page: the contract between the reader and its callers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ReadStatus(StrEnum):
    OK = "ok"
    UNREADABLE = "unreadable"
    AMBIGUOUS = "ambiguous"  # two different valid numbers, or engines disagree


@dataclass(frozen=True)
class ReadResult:
    number: str | None
    status: ReadStatus
    rotation: int = 0  # clockwise degrees that make the page upright (0/90/180/270)
    symbology: str | None = None  # "Code128", "ITF", "QRCode", "DataMatrix", "PDF417"
    engine: str | None = None  # "zxing-cpp", "pyzbar"
    strategy: str | None = None  # which pass read it: "full", "corner-tr", "upscale", ...
    candidates: tuple[str, ...] = field(default=())  # all distinct valid numbers seen
    outside_expected: bool = False  # valid number, but not among the expected kits
    # A weak read (ITF without check digit, a zbar read) needs a second, agreeing read:
    # "engine/strategy" of that confirmation, None when the read stood on its own.
    confirmed_by: str | None = None
    # The printed digit line (OCR). Never a number by itself: on a page without an accepted
    # read it is only a suggestion for the operator to confirm or correct.
    suggestion: str | None = None
    suggestion_unsure: tuple[int, ...] = field(default=())  # 0-based digits OCR doubted
    source: str | None = None  # "barcode", "ocr", "both" (barcode and digits agree)

    def as_json(self, file: str) -> dict[str, object]:
        return {
            "file": file,
            "number": self.number,
            "rotation": self.rotation,
            "symbology": self.symbology,
            "status": str(self.status),
            "suggestion": self.suggestion,
            "source": self.source,
        }

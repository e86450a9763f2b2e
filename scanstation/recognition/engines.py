"""Barcode engines behind one interface: a grayscale array in, decoded symbols out.

zxing-cpp is the workhorse: in our benchmark it reads more, misreads nothing, and is
fastest when told the formats. pyzbar (libzbar) is kept as a second opinion only: its
reads count as weak evidence that must agree with another read before a number is
accepted, because zbar checks no check digit on Interleaved 2 of 5 and misreads noisy
1-D codes now and then.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import zxingcpp

log = logging.getLogger(__name__)

# The blank number may be printed in any of these; nothing else can carry it. Kept as text
# and parsed per call (microseconds): a zxing-cpp object held in a module global outlives
# zxing-cpp's own module at interpreter shutdown whenever ours is torn down later, and
# nanobind then prints «leaked instances» on every exit.
_ZXING_FORMATS = "Code128,ITF,QRCode,DataMatrix,PDF417"
_ZXING_NAMES = {
    "Code128": "Code128", "ITF": "ITF", "QRCode": "QRCode",
    "DataMatrix": "DataMatrix", "PDF417": "PDF417", "EAN13": "EAN13",
}
_PYZBAR_NAMES = {"CODE128": "Code128", "I25": "ITF", "QRCODE": "QRCode", "PDF417": "PDF417"}
# zbar reports which way the symbol's top points; this is the clockwise turn to fix it.
_PYZBAR_ROTATION = {"UP": 0, "LEFT": 90, "DOWN": 180, "RIGHT": 270}


@dataclass(frozen=True)
class Symbol:
    """One decoded symbol, in the coordinates of the array it was decoded from."""

    text: str
    symbology: str  # "Code128", "ITF", "QRCode", "DataMatrix", "PDF417"
    engine: str  # "zxing-cpp", "pyzbar"
    strong: bool  # carries its own integrity check (check digit / error correction)
    rotation: int | None  # clockwise turn that makes the symbol upright; None: unknown
    center: tuple[float, float]
    angle: float | None = None  # zxing's counter-clockwise angle of the symbol, in degrees
    box: tuple[float, float, float, float] | None = None  # left, top, right, bottom


@dataclass(frozen=True)
class DecodeOptions:
    binarizer: str = "LocalAverage"  # or "GlobalHistogram", "FixedThreshold"
    try_rotate: bool = True
    try_downscale: bool = True
    try_invert: bool = False  # answer blanks are dark on light; inversion only costs time
    # Also report a publisher's EAN-13 (symbology "EAN13"): never a blank number, but where
    # it sits tells the «no symbol here» test which bars to disregard. ~1 ms on a page.
    publisher_codes: bool = False


def _empty(gray: np.ndarray) -> bool:
    """A crop of a tiny page can have no pixels; both libraries refuse such an image."""
    return gray.ndim != 2 or min(gray.shape) < 1


class Engine(Protocol):
    name: str

    def decode(self, gray: np.ndarray, options: DecodeOptions) -> list[Symbol]:
        """Every symbol of the blank-number formats found in `gray` (uint8, 2-D)."""
        ...


class ZxingEngine:
    name = "zxing-cpp"

    def decode(self, gray: np.ndarray, options: DecodeOptions) -> list[Symbol]:
        if _empty(gray):
            return []
        formats = _ZXING_FORMATS + (",EAN13" if options.publisher_codes else "")
        found = zxingcpp.read_barcodes(
            gray,
            formats=zxingcpp.barcode_formats_from_str(formats),
            binarizer=getattr(zxingcpp.Binarizer, options.binarizer),
            try_rotate=options.try_rotate,
            try_downscale=options.try_downscale,
            try_invert=options.try_invert,
        )
        symbols = []
        for barcode in found:
            symbology = _ZXING_NAMES.get(barcode.format.name)
            if symbology is None or not barcode.valid:
                continue
            position = barcode.position
            points = (position.top_left, position.top_right, position.bottom_right,
                      position.bottom_left)
            center = (sum(p.x for p in points) / 4.0, sum(p.y for p in points) / 4.0)
            box = (float(min(p.x for p in points)), float(min(p.y for p in points)),
                   float(max(p.x for p in points)), float(max(p.y for p in points)))
            # `orientation` is the symbol's counter-clockwise angle in degrees.
            rotation = round(-barcode.orientation / 90.0) * 90 % 360
            # ITF's check digit is optional; `]I0` means none was there to verify the read.
            strong = not ((symbology == "ITF" and barcode.symbology_identifier == "]I0")
                          or _spent_its_correction(barcode))
            symbols.append(Symbol(barcode.text, symbology, self.name, strong, rotation, center,
                                  float(barcode.orientation), box))
        return symbols


def _spent_its_correction(barcode: object) -> bool:
    """Whether a 2-D read used up all its error correction (zxing-cpp's «UEC», the unused
    share of it, is 0).

    Reed–Solomon corrects up to its capacity; a symbol damaged beyond that can be
    "corrected" to another valid codeword, and at zero margin nothing tells the two apart.
    A pen-stroked PDF417 (tuning seed 3403, page 132) decoded so to another valid 20-digit
    number; right reads of the tuning pages kept 12 % or more. Such a read is no stronger
    than a code without a check: another pass must read the same number.
    """
    extra = getattr(barcode, "extra", None)
    if not isinstance(extra, dict):
        return False
    unused = extra.get("UEC")
    return isinstance(unused, int | float) and unused <= 0.0


class PyzbarEngine:
    """libzbar through pyzbar; unavailable (no reads) when the library cannot load."""

    name = "pyzbar"

    def __init__(self) -> None:
        self._decode: object | None = None
        self._symbols: list[object] = []
        self._failed = False

    def available(self) -> bool:
        return self._load() is not None

    def _load(self) -> object | None:
        if self._decode is None and not self._failed:
            try:
                from pyzbar import pyzbar
            except (ImportError, OSError) as exc:  # libzbar missing: second opinion off
                log.warning("pyzbar unavailable, second opinion disabled: %s", exc)
                self._failed = True
                return None
            self._decode = pyzbar.decode
            self._symbols = [pyzbar.ZBarSymbol.CODE128, pyzbar.ZBarSymbol.I25,
                             pyzbar.ZBarSymbol.QRCODE]
        return self._decode

    def decode(self, gray: np.ndarray, options: DecodeOptions) -> list[Symbol]:
        decode = self._load()
        if decode is None or _empty(gray):
            return []
        height, width = gray.shape
        data = np.ascontiguousarray(gray).tobytes()
        found = decode((data, width, height), symbols=self._symbols)  # type: ignore[operator]
        symbols = []
        for item in found:
            symbology = _PYZBAR_NAMES.get(item.type)
            if symbology is None:
                continue
            try:
                text = item.data.decode("ascii")
            except UnicodeDecodeError:
                continue
            rect = item.rect
            center = (rect.left + rect.width / 2.0, rect.top + rect.height / 2.0)
            rotation = _PYZBAR_ROTATION.get(str(getattr(item, "orientation", "")))
            symbols.append(Symbol(text, symbology, self.name, False, rotation, center))
        return symbols


ZXING = ZxingEngine()
PYZBAR = PyzbarEngine()

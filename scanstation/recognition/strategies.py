"""The ladder of passes the reader climbs: one cheap pass first, targeted retries after.

Each strategy is a name, an engine with its options, and a way to prepare views of the
page. The order comes from the recognition benchmark (`benchmarks/recognition.py`): the
cheapest pass that reads most pages first, then the retries that rescue the most of what
is left per millisecond. Retries work on the corners, where the number is, so they cost
a few milliseconds each and only on pages the fast path could not read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from scanstation.recognition import preprocessing as prep
from scanstation.recognition.engines import PYZBAR, ZXING, DecodeOptions, Engine, Symbol
from scanstation.recognition.penlines import Box, dense_spots, in_view, pen_line_views
from scanstation.recognition.preprocessing import View

_MIN_CORNER_PX = 8


@dataclass
class PageContext:
    """The page being read, with the derived arrays computed at most once."""

    gray: np.ndarray  # with feeder streaks removed once the first pass has failed
    # Page boxes of a publisher's EAN-13 the first pass read: dense, but never the number.
    publisher: tuple[Box, ...] = ()
    _corners: dict[str, View] = field(default_factory=dict)
    _inked: bool | None = None

    def corners_inked(self) -> bool:
        """Whether a likely corner holds a patch dense enough to be a symbol.

        The blank's code sits in one of them; when both are bare (a sheet without a
        code), the costly clean-ups of those corners have nothing to work on.
        """
        if self._inked is None:
            self._inked = any(_has_dense_spot(view, min(self.gray.shape), self.publisher)
                              for view in self.corners())
        return self._inked

    @property
    def landscape(self) -> bool:
        return bool(self.gray.shape[1] > self.gray.shape[0])

    def corners(self, likely: bool = True) -> list[View]:
        """The two corners where this scan's code should be, or (`likely=False`) the others."""
        views = []
        order = prep.corner_order(self.gray)
        for name in order[:2] if likely else order[2:]:
            if name not in self._corners:
                self._corners[name] = prep.corner(self.gray, name)
            views.append(self._corners[name])
        # A tiny image (a thumbnail, a strip) has corners too small to hold anything.
        return [view for view in views if min(view.pixels.shape) >= _MIN_CORNER_PX]


@dataclass(frozen=True)
class Read:
    """A decoded symbol placed on the page, with the pass that produced it."""

    symbol: Symbol
    strategy: str
    center: tuple[float, float]  # page coordinates
    box: tuple[float, float, float, float] | None = None  # page coordinates, when known


@dataclass(frozen=True)
class Strategy:
    name: str
    engine: Engine
    options: DecodeOptions
    views: Callable[[PageContext], Iterable[View]]
    # Stop after the first view that yields any symbol: corners are tried most likely first.
    first_hit: bool = True
    # Clean-ups of the likely corners: skipped when neither corner holds anything dense.
    needs_ink: bool = False

    def run(self, page: PageContext) -> list[Read]:
        reads: list[Read] = []
        if self.needs_ink and not page.corners_inked():
            return reads
        for view in self.views(page):
            for symbol in self.engine.decode(view.pixels, self.options):
                box = None
                if symbol.box is not None:
                    box = (*view.to_page(symbol.box[:2]), *view.to_page(symbol.box[2:]))
                reads.append(Read(symbol, self.name, view.to_page(symbol.center), box))
            if reads and self.first_hit:
                break
        return reads


def _has_dense_spot(view: View, short_side: int, ignore: Sequence[Box] = ()) -> bool:
    sample = view.pixels[::3, ::3]
    ink = float(np.percentile(sample, 0.05))
    paper = float(np.percentile(sample, 90))
    if paper - ink < 20:
        return False
    return bool(dense_spots(view.pixels, ink, paper, max(short_side, 1) / 1654,
                            in_view(view, ignore)))


def _full(page: PageContext) -> list[View]:
    return [View(page.gray)]


def _corners(page: PageContext) -> list[View]:
    return page.corners()


def _bars(squeeze: float, stretch: float) -> Callable[[PageContext], list[View]]:
    def views(page: PageContext) -> list[View]:
        return [prep.along_bars(v, page.landscape, squeeze, stretch) for v in page.corners()]
    return views


def _other_corners(page: PageContext) -> list[View]:
    return page.corners(likely=False)


def _blurred(page: PageContext) -> list[View]:
    return [prep.blur(v, 1.0) for v in page.corners()]


def _upscaled_blurred(page: PageContext) -> list[View]:
    """Smoothed, then twice the size: small 2-D modules get edges the detector can follow."""
    return [prep.resize(prep.blur(v, 0.8), 2.0, 2.0) for v in page.corners()]


def _ink_only(page: PageContext) -> list[View]:
    return [prep.ink_only(prep.blur(v, 0.6)) for v in page.corners()]


def _sharpened(page: PageContext) -> list[View]:
    """Averaged along the bars (less noise), widened across them, then sharpened."""
    return [prep.sharpen(prep.along_bars(v, page.landscape, 0.34, 2.0)) for v in page.corners()]


def _sharpened_2d(page: PageContext) -> list[View]:
    """Sharpened as they are: a soft 2-D symbol (PDF417 rows) regains its module edges."""
    return [prep.sharpen(v, 2.0, 150) for v in page.corners()]


def _sharpened_hard(page: PageContext) -> list[View]:
    """A stronger unsharp mask: a heavily blurred PDF417 needs its edges pulled twice as hard."""
    return [prep.sharpen(v, 2.0, 300) for v in page.corners()]


def _deblurred(page: PageContext) -> list[View]:
    """Averaged along the bars, the lens's blur divided out across them, then widened.

    σ 1.6 px with noise 0.05: a heavily blurred Code 128 read from σ 1.4 to 1.8 alike on
    the tuning pages, so the guess need not be exact.
    """
    views = []
    for view in page.corners():
        bars = prep.along_bars(view, page.landscape, 0.34, 1.0)
        # Landscape: the bars run across the rows, so the blur to undo is down the columns.
        sharp = prep.deblur_rows(bars, 1.6, 0.05, axis=0 if page.landscape else 1)
        views.append(prep.along_bars(sharp, page.landscape, 1.0, 2.0))
    return views


def _closed(page: PageContext) -> list[View]:
    return [prep.close_thin_lines(v, 4) for v in page.corners()]


def _pen_lines(page: PageContext) -> Iterator[View]:
    """Each likely corner with one suspected pen line across a symbol painted out."""
    for view in page.corners():
        yield from pen_line_views(view, min(page.gray.shape), page.publisher)


def _pyzbar_views(page: PageContext) -> list[View]:
    return [prep.otsu(prep.along_bars(v, page.landscape, 0.34, 1.0))
            for v in page.corners()]


FAST = DecodeOptions(try_rotate=False, try_downscale=True, publisher_codes=True)
THOROUGH = DecodeOptions(try_rotate=True, try_downscale=True)
GLOBAL = DecodeOptions(binarizer="GlobalHistogram", try_rotate=True, try_downscale=True)

# One pass over the whole page: the formats of the blank number only, no inversion, and
# no 90° search (a turned page is rare and its code is found by the corner retries).
FAST_PATH = Strategy("full", ZXING, FAST, _full, first_hit=False)

# pyzbar over the corners (`PYZBAR_RETRY`) read no page that these had missed in the
# benchmark, so it is left out of the ladder; pyzbar stays as the confirmation of weak reads.
RETRIES: tuple[Strategy, ...] = (
    Strategy("corner", ZXING, THOROUGH, _corners),
    Strategy("corner-bars", ZXING, THOROUGH, _bars(0.34, 1.0)),
    # One global threshold instead of zxing's local one: a light streak or scratch across a
    # PDF417 shifts the local averages and breaks its rows; ~6 ms a corner.
    Strategy("corner-global", ZXING, GLOBAL, _corners),
    Strategy("upscale", ZXING, THOROUGH, _bars(0.5, 2.0), needs_ink=True),
    Strategy("sharpen", ZXING, THOROUGH, _sharpened, needs_ink=True),
    Strategy("sharpen-2d", ZXING, THOROUGH, _sharpened_2d, needs_ink=True),
    Strategy("sharpen-hard", ZXING, THOROUGH, _sharpened_hard, needs_ink=True),
    Strategy("deblur", ZXING, THOROUGH, _deblurred, needs_ink=True),
    Strategy("blur", ZXING, THOROUGH, _blurred, needs_ink=True),
    Strategy("upscale-blur", ZXING, THOROUGH, _upscaled_blurred, needs_ink=True),
    Strategy("ink-only", ZXING, THOROUGH, _ink_only, needs_ink=True),
    Strategy("close-lines", ZXING, THOROUGH, _closed, needs_ink=True),
    Strategy("pen-line", ZXING, THOROUGH, _pen_lines, needs_ink=True),
    Strategy("other-corners", ZXING, THOROUGH, _other_corners),
    # Last, the whole page searched in every direction: a blank laid out with its code away
    # from the corners, on a page fed turned by 90°, is found only here.
    Strategy("whole-page", ZXING, THOROUGH, _full),
)


PYZBAR_RETRY = Strategy("pyzbar-corner", PYZBAR, THOROUGH, _pyzbar_views)


def confirmations(center: tuple[float, float]) -> tuple[Strategy, ...]:
    """Independent second looks at the one spot where a weak read was found.

    A weak read (ITF without check digit, any zbar read) is accepted only when another
    engine or another binarization of the same spot reads the same number.
    """
    def spot(page: PageContext) -> list[View]:
        height, width = page.gray.shape
        half = int(min(width, height) * 0.2)
        x, y = int(center[0]), int(center[1])
        x0, y0 = max(0, x - half), max(0, y - half)
        x1, y1 = min(width, x + half), min(height, y + half)
        return [View(np.ascontiguousarray(page.gray[y0:y1, x0:x1]), (x0, y0))]

    def spot_bars(page: PageContext) -> list[View]:
        return [prep.along_bars(v, page.landscape, 0.34, 1.0) for v in spot(page)]

    def spot_otsu(page: PageContext) -> list[View]:
        return [prep.otsu(v) for v in spot_bars(page)]

    def spot_sharp(page: PageContext) -> list[View]:
        return [prep.sharpen(prep.along_bars(v, page.landscape, 0.34, 2.0)) for v in spot(page)]

    return (
        Strategy("confirm-pyzbar", PYZBAR, THOROUGH, spot),
        Strategy("confirm-global", ZXING, GLOBAL, spot),
        Strategy("confirm-bars", ZXING, GLOBAL, spot_bars),
        Strategy("confirm-pyzbar-otsu", PYZBAR, THOROUGH, spot_otsu),
        Strategy("confirm-sharpen", ZXING, GLOBAL, spot_sharp),
    )

"""Turning a scanned page into arrays an engine reads: loading, corners, clean-ups.

Every function takes and returns uint8 2-D arrays (or PIL images on the way in) so the
retry strategies can be combined freely; none of them is run on the fast path.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, UnidentifiedImageError

from scanstation.errors import KnownError
from scanstation.i18n import tr


class PageImageError(KnownError):
    """The page file cannot be opened as an image (missing, truncated, not an image)."""


def load_gray(page: Image.Image | Path | str) -> np.ndarray:
    """The page as a contiguous uint8 grayscale array, whatever Pillow mode it came in."""
    if isinstance(page, str | Path):
        path = Path(page)
        try:
            with warnings.catch_warnings():
                # A damaged file's EXIF chatter is noise here: the error below says it all.
                warnings.simplefilter("ignore", UserWarning)
                with Image.open(path) as opened:
                    opened.load()
                    return _to_gray(opened)
        except FileNotFoundError as exc:
            raise PageImageError(
                tr("Page file not found: {path}", path=path)
            ) from exc
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            # Pillow raises OSError for truncated data, SyntaxError for broken headers.
            raise PageImageError(
                tr(
                    "Cannot open image {path_name}: the file is damaged or not an image ({exc})",
                    path_name=path.name,
                    exc=exc,
                )
            ) from exc
    return _to_gray(page)


def _to_gray(image: Image.Image) -> np.ndarray:
    mode = image.mode
    if mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        # 16-bit and float scans: stretch the real range into 8 bits, not clip at 255.
        values = np.asarray(image, dtype=np.float32)
        low, high = float(values.min()), float(values.max())
        scale = 255.0 / (high - low) if high > low else 1.0
        return np.ascontiguousarray(((values - low) * scale).astype(np.uint8))
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in image.info):
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image.convert("RGBA"))
    gray = image if mode == "L" else image.convert("L")
    return np.ascontiguousarray(np.asarray(gray, dtype=np.uint8))


@dataclass(frozen=True)
class View:
    """A prepared array and how its pixels map back to the page: page = view / scale + origin.

    `scale` is per axis because bar codes are squeezed along their bars, not across them.
    """

    pixels: np.ndarray
    origin: tuple[int, int] = (0, 0)
    scale: tuple[float, float] = (1.0, 1.0)

    def to_page(self, point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] / self.scale[0] + self.origin[0],
                point[1] / self.scale[1] + self.origin[1])


# Corner regions as a share of the scan's (short side, long side): the blank number sits
# 12 mm from the top-right edges of an upright A4 page; generous for skew and other layouts.
_CORNER_ACROSS = 0.58
_CORNER_ALONG = 0.22
# Corners in the order worth trying: where an upright/upside-down portrait scan keeps the
# code first (top-right, bottom-left), then where a page turned by 90° keeps it.
CORNERS = ("tr", "bl", "tl", "br")


def corner(gray: np.ndarray, name: str) -> View:
    height, width = gray.shape
    landscape = width > height
    short, long_ = (height, width) if landscape else (width, height)
    across, along = int(short * _CORNER_ACROSS), int(long_ * _CORNER_ALONG)
    crop_w, crop_h = (along, across) if landscape else (across, along)
    x0 = width - crop_w if name[1] == "r" else 0
    y0 = height - crop_h if name[0] == "b" else 0
    return View(np.ascontiguousarray(gray[y0:y0 + crop_h, x0:x0 + crop_w]), (x0, y0))


def corner_order(gray: np.ndarray) -> tuple[str, ...]:
    """Corners by likelihood: a landscape scan is a page turned by 90°, its code at tl/br.

    The first two are where the code sits on this scan's shape; the last two only matter
    for a blank laid out differently.
    """
    height, width = gray.shape
    return ("tl", "br", "tr", "bl") if width > height else CORNERS


def resize(view: View, fx: float, fy: float) -> View:
    """Scale a view; squeezing along the bars averages noise away without losing bars."""
    height, width = view.pixels.shape
    size = (max(1, round(width * fx)), max(1, round(height * fy)))
    method = Image.Resampling.BOX if fx <= 1 and fy <= 1 else Image.Resampling.BILINEAR
    out = Image.fromarray(view.pixels).resize(size, method)
    scale = (view.scale[0] * size[0] / width, view.scale[1] * size[1] / height)
    return View(np.asarray(out), view.origin, scale)


def along_bars(view: View, page_landscape: bool, squeeze: float, stretch: float) -> View:
    """Average along the bars of a 1-D code (vertical on portrait scans) and widen across.

    A page turned by 90° has horizontal bars, so the axes swap.
    """
    if page_landscape:
        return resize(view, squeeze, stretch)
    return resize(view, stretch, squeeze)


def median(view: View, size: int = 3) -> View:
    out = Image.fromarray(view.pixels).filter(ImageFilter.MedianFilter(size))
    return View(np.asarray(out), view.origin, view.scale)


def blur(view: View, radius: float) -> View:
    out = Image.fromarray(view.pixels).filter(ImageFilter.GaussianBlur(radius))
    return View(np.asarray(out), view.origin, view.scale)


def sharpen(view: View, radius: float = 3.0, percent: int = 200) -> View:
    """Unsharp mask: pulls apart the narrow bars and spaces a soft lens smeared together."""
    out = Image.fromarray(view.pixels).filter(
        ImageFilter.UnsharpMask(radius=radius, percent=percent, threshold=0))
    return View(np.asarray(out), view.origin, view.scale)


def deblur_rows(view: View, sigma: float, noise: float, axis: int = 1) -> View:
    """Undo a Gaussian blur of `sigma` px along `axis` (1: across each row; 0: down each
    column) by Wiener deconvolution.

    An unsharp mask only steepens edges; once the optics smeared a narrow space between two
    bars shut, only dividing the blur back out of the spectrum opens it again. One axis
    only: it runs on a 1-D code already averaged along its bars, so noise is low and the
    blur that matters is across the bars. `noise` (the noise-to-signal ratio) keeps the
    frequencies the blur wiped out from being amplified into ringing.
    """
    pad = 16  # edges padded so the transform's wrap-around lands outside the view
    padding = ((0, 0), (pad, pad)) if axis == 1 else ((pad, pad), (0, 0))
    lines = np.pad(view.pixels.astype(np.float32), padding, mode="edge")
    length = lines.shape[axis]
    frequencies = np.fft.rfftfreq(length)
    blur = np.exp(-2.0 * (np.pi * frequencies * sigma) ** 2)
    inverse = blur / (blur * blur + noise)
    if axis == 0:
        inverse = inverse[:, np.newaxis]
    sharp = np.fft.irfft(np.fft.rfft(lines, axis=axis) * inverse, n=length, axis=axis)
    inner = sharp[:, pad:-pad] if axis == 1 else sharp[pad:-pad, :]
    pixels = np.clip(inner, 0, 255).astype(np.uint8)
    return View(np.ascontiguousarray(pixels), view.origin, view.scale)


def otsu(view: View) -> View:
    """Global Otsu threshold: a clean black-and-white image for zbar."""
    histogram = np.bincount(view.pixels.ravel(), minlength=256).astype(np.float64)
    if np.count_nonzero(histogram) < 2:
        return view  # one gray level (an empty corner): nothing to separate
    total = histogram.sum()
    weights = np.cumsum(histogram)
    means = np.cumsum(histogram * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (means[-1] * weights - means * total) ** 2 / (weights * (total - weights))
    level = int(np.nanargmax(between))
    return View(np.where(view.pixels > level, 255, 0).astype(np.uint8), view.origin, view.scale)


def ink_only(view: View, share: float = 0.2) -> View:
    """Keep only the darkest strokes: printed ink is darker than most pen lines over it.

    The threshold sits `share` of the way from the ink level to the paper level, so a blue
    or grey pen line across a 2-D code turns white and its error correction copes.
    """
    ink = float(np.percentile(view.pixels, 0.5))
    paper = float(np.percentile(view.pixels, 90))
    level = ink + share * (paper - ink)
    return View(np.where(view.pixels > level, 255, 0).astype(np.uint8), view.origin, view.scale)


def close_thin_lines(view: View, size: int = 4) -> View:
    """Grey closing (max then min filter): dark lines thinner than `size` px disappear.

    A ballpoint line (2-3 px at 200 dpi) across a 2-D symbol breaks its finder and timing
    patterns; the symbol's own modules (4 px at 0.5 mm) are wide enough to survive.
    """
    widened = _rank_filter(view.pixels, size, np.maximum, centre=size // 2)
    pixels = _rank_filter(widened, size, np.minimum, centre=size - 1 - size // 2)
    return View(pixels, view.origin, view.scale)


def _rank_filter(pixels: np.ndarray, size: int, pick: np.ufunc, centre: int) -> np.ndarray:
    """Separable max/min filter over a `size`-pixel square, in numpy (no SciPy here).

    `centre` is the window's anchor; an even window's second pass mirrors the first so a
    closing leaves wide shapes exactly where they were.
    """
    before, after = centre, size - 1 - centre
    out = pixels
    for axis in (1, 0):
        pad = [(0, 0), (0, 0)]
        pad[axis] = (before, after)
        padded = np.pad(out, pad, mode="edge")
        length = out.shape[axis]
        result = np.take(padded, range(0, length), axis=axis).copy()
        for shift in range(1, size):
            pick(result, np.take(padded, range(shift, shift + length), axis=axis), out=result)
        out = result
    return np.ascontiguousarray(out)

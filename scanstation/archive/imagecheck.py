"""The collector's rules for one page file, judged by content.

Order matters: the pixel size is read from the header alone and an absurd one is refused
before any decoding, so a decompression bomb (a tiny file claiming 100 000 × 100 000 px)
never reaches the decoder. Only then is the image decoded once, to catch truncated or
corrupt data that a header cannot reveal.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from scanstation.archive.problems import Problem, Severity
from scanstation.archive.sniff import ARCHIVE_KINDS, PAGE_KINDS, extension_matches, sniff
from scanstation.i18n import tr

REQUIRED_DPI = 200
# A3 at 400 dpi is ~31 Mpx; nothing a 200-dpi scan station makes comes near these bounds.
MAX_SIDE_PX = 12_000
MAX_PIXELS = 40_000_000
MIN_SIDE_PX = 200


def _error(file: str, code: str, message: str, fix: str | None = None) -> Problem:
    return Problem(file, Severity.ERROR, code, message, fix)


def _warning(file: str, code: str, message: str) -> Problem:
    return Problem(file, Severity.WARNING, code, message)


def check_file(path: Path, rel: str, decode: bool = True) -> list[Problem]:
    """Every rule `path` breaks; an empty list means the collector will take it.

    `decode=False` skips the full decode: for pages whose sha256 is checked against the
    database afterwards (byte-identical to what was decoded when scanned), it would only
    cost time — it is most of the packing time otherwise.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        return [_error(rel, "unreadable", tr("Cannot read the file: {exc}", exc=exc))]
    if size == 0:
        return [_error(rel, "empty_file", tr("Empty file (0 bytes)."))]
    try:
        kind = sniff(path)
    except OSError as exc:
        return [_error(rel, "unreadable", tr("Cannot read the file: {exc}", exc=exc))]
    if kind in ARCHIVE_KINDS:
        return [_error(rel, "archive_inside",
                       tr(
                           "An archive ({kind}) inside the folder: archives inside archives are "
                           "not allowed.",
                           kind=kind,
                       ))]
    if kind not in PAGE_KINDS:
        fix = "pdf-to-tiff" if kind == "pdf" else "to-tiff" if kind == "png" else None
        return [_error(rel, "wrong_format",
                       tr(
                           "Format not allowed ({kind}): the collector takes only JPG and TIFF.",
                           kind=kind,
                       ),
                       fix)]
    problems: list[Problem] = []
    if not extension_matches(path, kind):
        problems.append(_error(rel, "extension_mismatch",
                               tr(
                                   "Extension '{path_suffix}' does not match the content ({kind}).",
                                   path_suffix=path.suffix,
                                   kind=kind,
                               )))
    problems.extend(_check_image(path, rel, kind, decode))
    return problems


def _check_image(path: Path, rel: str, kind: str, decode: bool) -> list[Problem]:
    with warnings.catch_warnings():
        # Damaged files make Pillow warn (corrupt EXIF…); the damage is reported as a problem.
        warnings.simplefilter("ignore", UserWarning)
        return _check_image_quietly(path, rel, kind, decode)


def _check_image_quietly(path: Path, rel: str, kind: str, decode: bool) -> list[Problem]:
    problems: list[Problem] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)  # parses the header only
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return [_bomb(rel, None)]
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        return [_error(rel, "unreadable", tr("The image is damaged or truncated: {exc}", exc=exc))]
    with image:
        width, height = image.size
        if width > MAX_SIDE_PX or height > MAX_SIDE_PX or width * height > MAX_PIXELS:
            return [_bomb(rel, (width, height))]
        if min(width, height) < MIN_SIDE_PX:
            problems.append(_error(rel, "too_small",
                                   tr(
                                       "Image too small: {width}×{height} px.",
                                       width=width,
                                       height=height,
                                   )))
        frames = _frame_count(image)
        if frames > 1:
            problems.append(_error(rel, "multi_page",
                                   tr(
                                       "{frames} pages in one file: one page per file is required.",
                                       frames=frames,
                                   ),
                                   "split"))
        if kind == "tiff":
            compression = str(image.info.get("compression", "raw"))
            if compression != "tiff_lzw":
                problems.append(_error(rel, "tiff_not_lzw",
                                       tr(
                                           "TIFF without LZW compression ({compression}).",
                                           compression=compression,
                                       ),
                                       "to-lzw"))
        problems.extend(_check_dpi(image, rel))
        if not decode:
            return problems
        try:
            image.load()  # decode once: truncated strips and corrupt data show up here
        except (OSError, ValueError, SyntaxError) as exc:
            problems.append(_error(rel, "unreadable",
                                   tr("The image is damaged or truncated: {exc}", exc=exc)))
    return problems


def _frame_count(image: Image.Image) -> int:
    try:
        return int(getattr(image, "n_frames", 1))
    except (OSError, ValueError, EOFError):
        return 1


def _check_dpi(image: Image.Image, rel: str) -> list[Problem]:
    dpi = image.info.get("dpi")
    if not dpi:
        return [_warning(rel, "dpi_unknown", tr(
            "The file does not state its resolution (200 dpi expected).",
        ))]
    x, y = (round(float(v)) for v in dpi)
    if abs(x - REQUIRED_DPI) > 1 or abs(y - REQUIRED_DPI) > 1:
        return [_error(rel, "wrong_dpi",
                       tr(
                           "Resolution {x}×{y} dpi, {required_dpi} dpi is required.",
                           x=x,
                           y=y,
                           required_dpi=REQUIRED_DPI,
                       ))]
    return []


def _bomb(rel: str, size: tuple[int, int] | None) -> Problem:
    shown = f"{size[0]}×{size[1]}" if size else tr("huge")
    return _error(rel, "absurd_size",
                  tr(
                      "Absurd image size ({shown} px): the file is not decoded, to protect memory.",
                      shown=shown,
                  ))

"""What a file really is, from its first bytes: an extension proves nothing.

The collector accepts only JPEG and TIFF pages and refuses archives (ZIP, 7z, RAR…) at any
depth, so the kinds that matter are told apart by their magic numbers.
"""

from __future__ import annotations

from pathlib import Path

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"II+\x00", "bigtiff"),
    (b"MM\x00+", "bigtiff"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"%PDF", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"BM", "bmp"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # empty ZIP
    (b"PK\x07\x08", "zip"),  # spanned ZIP
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"MSCF", "cab"),
    (b"\x60\xea", "arj"),
)
ARCHIVE_KINDS = frozenset({"zip", "7z", "rar", "gzip", "bzip2", "xz", "cab", "arj", "tar"})
PAGE_KINDS = frozenset({"tiff", "jpeg"})
EXTENSIONS = {"tiff": (".tif", ".tiff"), "jpeg": (".jpg", ".jpeg")}


def sniff_bytes(head: bytes) -> str:
    """The kind of data starting with `head` (at least 512 bytes when available)."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if len(head) >= 262 and head[257:262] == b"ustar":
        return "tar"
    if head[4:8] == b"ftyp":
        return "heif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return "unknown"


def sniff(path: Path) -> str:
    with path.open("rb") as handle:
        return sniff_bytes(handle.read(512))


def extension_matches(path: Path, kind: str) -> bool:
    return path.suffix.lower() in EXTENSIONS.get(kind, ())

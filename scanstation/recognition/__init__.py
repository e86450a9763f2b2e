"""Blank-number recognition: a page image in, the number and the upright rotation out.

`read_blank_number` is loaded on first use: the engines pull in numpy and zxing-cpp
(~0.5 s), which a pack whose reads are all remembered (`files.recognise_files`) never needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scanstation.recognition.result import ReadResult, ReadStatus

if TYPE_CHECKING:
    from scanstation.recognition.reader import read_blank_number

__all__ = ["ReadResult", "ReadStatus", "read_blank_number"]


def __getattr__(name: str) -> Any:
    if name == "read_blank_number":
        from scanstation.recognition.reader import read_blank_number

        return read_blank_number
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Blank-number recognition: a page image in, the number and the upright rotation out."""

from scanstation.recognition.reader import read_blank_number
from scanstation.recognition.result import ReadResult, ReadStatus

__all__ = ["ReadResult", "ReadStatus", "read_blank_number"]

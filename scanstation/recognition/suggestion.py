"""The printed digits beside the barcode verdict: a cross-check and a suggestion, never a read.

Rules (they keep «a misread is worse than no read»):
  * a barcode read that a confidently read digit line contradicts (read the same on a
    second, differently binarised look; two digits or more against a code with its own
    check, one against a weak read) is not accepted silently: the page becomes
    `ambiguous`, with both numbers as candidates — unless, for a code with its own
    check or read alike by two independent decoders, the line's own glyphs say the
    disputed digit is not what OCR read (`glyphs.disowned`);
  * a barcode read the line agrees with says so (`source` "both"); otherwise "barcode";
  * with no accepted read, a line of exactly the profile's length that the profile accepts
    becomes `suggestion` (`source` "ocr"), with the digits the engine doubted, for the
    operator to confirm with Enter or correct. The status stays `unreadable`/`ambiguous`:
    no rule here turns OCR alone, or OCR with partial evidence, into «ok».
"""

from __future__ import annotations

from dataclasses import replace

from scanstation.profile import EventProfile
from scanstation.recognition.ocr import read_digit_line, voted_line
from scanstation.recognition.result import ReadResult, ReadStatus
from scanstation.recognition.strategies import PageContext, Read


def add_printed_digits(result: ReadResult, lead: Read | None, page: PageContext,
                       profile: EventProfile) -> ReadResult:
    """`result` with what the printed digit line adds to it."""
    length = profile.number_length
    if result.status == ReadStatus.OK and result.number is not None:
        skew = None
        if lead is not None and lead.symbol.angle is not None and lead.strategy == "full":
            # Left after the quarter turns: the page's small skew (the fast pass reads the
            # unscaled page, so its angle is the page's own).
            skew = (lead.symbol.angle + result.rotation + 180.0) % 360.0 - 180.0
        line = read_digit_line(page.gray, length, result.rotation,
                               lead.center if lead is not None else None, skew)
        if line is None or line.text == result.number:
            return replace(result, source="both" if line is not None else "barcode")
        # A code with its own check (checksum, error correction) is outvoted only by two or
        # more digits; a weak read (ITF without check digit, two reads agreeing) by one.
        strong = lead is not None and lead.symbol.strong
        if line.contradicts(result.number, 2 if strong else 1,
                            glyphs_judge=strong or _independently_confirmed(result)):
            return replace(result, number=None, status=ReadStatus.AMBIGUOUS,
                           candidates=tuple(sorted({result.number, line.text})),
                           source="both", suggestion=None)
        return replace(result, source="barcode")
    line = read_digit_line(page.gray, length, again=True)
    if line is not None and profile.is_valid_number(line.text):
        line = voted_line(line)
    if line is None or not profile.is_valid_number(line.text):
        return result
    return replace(result, suggestion=line.text, suggestion_unsure=line.unsure, source="ocr")


def _independently_confirmed(result: ReadResult) -> bool:
    """Whether a second decoder of its own (ZBar after zxing-cpp) read the same number:
    two engines that find bars differently seldom make the same slip, so such a read, like
    one with its own check, lets the line's own glyphs judge a digit OCR disputes."""
    if result.confirmed_by is None or result.engine is None:
        return False
    return result.confirmed_by.split("/", 1)[0] != result.engine

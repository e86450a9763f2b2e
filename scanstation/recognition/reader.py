"""`read_blank_number`: climb the strategy ladder until a read can be trusted.

A misread files a page under the wrong kit without anyone noticing, which is worse than no
read: the operator fixes an unread page in seconds. So a number is accepted only when
  * its text matches the event profile's pattern (other codes on the page are ignored),
  * and either one read carries its own integrity check (Code 128 checksum, 2-D error
    correction, ITF with a check digit) or two independent reads agree (another engine or
    another pass over the image),
and the page is refused as ambiguous as soon as two different valid numbers are seen.

Module-level function, plain data in and out: it runs in worker processes as it is.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from PIL import Image

from scanstation.profile import EventProfile
from scanstation.recognition.preprocessing import load_gray
from scanstation.recognition.presence import may_hold_code
from scanstation.recognition.result import ReadResult, ReadStatus
from scanstation.recognition.strategies import (
    FAST_PATH,
    RETRIES,
    PageContext,
    Read,
    Strategy,
    confirmations,
)
from scanstation.recognition.streaks import clean_page
from scanstation.recognition.suggestion import add_printed_digits


def read_blank_number(
    page: Image.Image | Path | str,
    profile: EventProfile,
    expected_kits: Collection[str] | None = None,
    strategies: Sequence[Strategy] | None = None,
    with_ocr: bool = True,
) -> ReadResult:
    """Read the page's blank number; raises `PageImageError` when the file is no image.

    `strategies` replaces the ladder (tests and experiments run a shorter one);
    `with_ocr=False` leaves the printed digits unread (no suggestion, no cross-check).
    """
    context = PageContext(load_gray(page))
    evidence = _Evidence(profile)
    confirmed_spots: set[str] = set()
    ladder = strategies if strategies is not None else (FAST_PATH, *RETRIES)
    line_worth_reading = True
    for step, strategy in enumerate(ladder):
        if step >= 1 and evidence.foreign and not evidence.by_number:
            # «No blank number here»: the page's code was read and is not one. Its printed
            # line is that code's number, of another length: no suggestion to look for.
            # Whichever pass read it: a code the first pass missed (a DataMatrix upside
            # down) was otherwise read again by every later retry, ~1 s for nothing.
            line_worth_reading = False
            break
        if step == 1 and not evidence.by_number and not may_hold_code(
                context.gray, evidence.publisher):
            # Nothing on the page looks like bars or modules: no retry can find a code,
            # and a page without one carries no printed number to suggest either.
            line_worth_reading = False
            break
        if step == 1:
            # The first pass failed: feeder streaks out of the page, for every later pass
            # and the OCR alike.
            context = PageContext(clean_page(context.gray)[0], tuple(evidence.publisher))
        evidence.add(strategy.run(context))
        if evidence.settled():
            break
        # A weak read: look again at its spot with independent passes before moving on.
        # A weak code of digits that is no number of this event is looked at too, once,
        # after the first pass: confirmed, it ends the ladder as a checked one does.
        pending = evidence.weak_unconfirmed()
        if pending is None and step == 0:
            pending = evidence.weak_foreign()
        if pending is not None and pending.symbol.text not in confirmed_spots:
            confirmed_spots.add(pending.symbol.text)
            for check in confirmations(pending.center):
                evidence.add(check.run(context))
                if evidence.settled() or (evidence.foreign and not evidence.by_number):
                    break
            if evidence.settled():
                break
    result = evidence.result(context, expected_kits)
    if with_ocr and line_worth_reading:
        result = add_printed_digits(result, evidence.lead(), context, profile)
    return result


class _Evidence:
    """Every valid-looking read so far, and the rules that turn them into a verdict."""

    def __init__(self, profile: EventProfile) -> None:
        self.profile = profile
        self.by_number: dict[str, list[Read]] = {}
        # A checked code of digits that is no number of this event (another length): the
        # sheet's own code was found and it belongs elsewhere.
        self.foreign = False
        # Where a publisher's EAN-13 sits (page boxes): bars that are no blank number.
        self.publisher: list[tuple[float, float, float, float]] = []
        # Weak codes of digits that are no number of this event (ITF without its check
        # digit), by text: two passes agreeing on one make it as sure as a checked code,
        # the rule `accepted` applies to a number.
        self.weak_foreign_reads: dict[str, list[Read]] = {}

    def add(self, reads: list[Read]) -> None:
        for read in reads:
            if read.symbol.symbology == "EAN13":
                if read.box is not None:
                    self.publisher.append(read.box)
                continue  # a book's code says nothing about the sheet's own
            if self.profile.is_valid_number(read.symbol.text):
                self.by_number.setdefault(read.symbol.text, []).append(read)
            elif read.symbol.text.isdigit():
                if read.symbol.strong:
                    self.foreign = True
                    continue
                reads = self.weak_foreign_reads.setdefault(read.symbol.text, [])
                reads.append(read)
                if len({r.strategy for r in reads}) > 1:
                    self.foreign = True

    def weak_foreign(self) -> Read | None:
        """A weak read of another length still unconfirmed, when no number was seen.

        A code of the wrong length without its check digit (a sheet of another event in
        ITF) was otherwise read again by every retry of the ladder, ~0.8 s, for nothing.
        """
        if self.foreign or self.by_number or len(self.weak_foreign_reads) != 1:
            return None
        return next(iter(self.weak_foreign_reads.values()))[0]

    def ambiguous(self) -> bool:
        return len(self.by_number) > 1

    def accepted(self) -> str | None:
        if len(self.by_number) != 1:
            return None
        number, reads = next(iter(self.by_number.items()))
        if any(r.symbol.strong for r in reads) or len({r.strategy for r in reads}) > 1:
            return number
        return None

    def lead(self) -> Read | None:
        """The read an accepted number stands on (a strong one when there is one)."""
        number = self.accepted()
        if number is None:
            return None
        reads = self.by_number[number]
        return next((r for r in reads if r.symbol.strong), reads[0])

    def settled(self) -> bool:
        return self.ambiguous() or self.accepted() is not None

    def weak_unconfirmed(self) -> Read | None:
        if len(self.by_number) != 1 or self.accepted() is not None:
            return None
        return next(iter(self.by_number.values()))[0]

    def result(self, page: PageContext, expected_kits: Collection[str] | None) -> ReadResult:
        candidates = tuple(sorted(self.by_number))
        if self.ambiguous():
            return ReadResult(None, ReadStatus.AMBIGUOUS, candidates=candidates)
        number = self.accepted()
        if number is None:
            return ReadResult(None, ReadStatus.UNREADABLE, candidates=candidates)
        reads = self.by_number[number]
        lead = self.lead() or reads[0]
        others = [r for r in reads if r is not lead and r.strategy != lead.strategy]
        confirmed_by = f"{others[0].symbol.engine}/{others[0].strategy}" if others else None
        outside = False
        if expected_kits is not None:
            expected = {self.profile.normalize_kit(k) for k in expected_kits}
            outside = self.profile.normalize_kit(self.profile.kit_of(number)) not in expected
        return ReadResult(
            number, ReadStatus.OK, upright_rotation(lead, page), lead.symbol.symbology,
            lead.symbol.engine, lead.strategy, (number,), outside, confirmed_by,
        )


def upright_rotation(read: Read, page: PageContext) -> int:
    """The clockwise turn that makes the page upright, from the symbol and where it sits.

    The symbol's reading direction and its corner (top-right on an upright page, so
    bottom-left upside down, top-left when the page needs 90°, bottom-right for 270°)
    usually agree. When they do not, the one that fits the page's shape wins: a portrait
    scan needs 0° or 180°, a landscape scan 90° or 270°.
    """
    height, width = page.gray.shape
    x, y = read.center
    right, top = x > width / 2, y < height / 2
    by_corner = {(True, True): 0, (False, False): 180, (False, True): 90,
                 (True, False): 270}[(right, top)]
    by_symbol = read.symbol.rotation
    if by_symbol is None or by_symbol == by_corner:
        return by_corner

    def fits(rotation: int) -> bool:
        return (rotation in (90, 270)) == page.landscape

    if fits(by_corner) and not fits(by_symbol):
        return by_corner
    return by_symbol

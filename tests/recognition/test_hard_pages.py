"""Hard pages from the benchmark's generator that only the newer retries read.

Each page comes from `benchmarks.pagegen` with a tuning seed (3010–3013, 3102–3105, never
a seed the README's figures are taken on). For each, the ladder without the retry in question leaves
the page unread and the full ladder reads the right number with that retry; and the new
retries, run alone over pages nothing reads, never produce another number.
"""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.pagegen import ScanSample, make_sample
from scanstation.profile import EventProfile, default_profile
from scanstation.recognition import ReadStatus, penlines, read_blank_number
from scanstation.recognition.preprocessing import View, load_gray
from scanstation.recognition.strategies import FAST_PATH, RETRIES, PageContext, Strategy
from scanstation.recognition.streaks import clean_page


@pytest.fixture(scope="module")
def event() -> EventProfile:
    return default_profile()


def _hard(seed: int) -> ScanSample:
    return make_sample(seed, "hard")


def _old_paintings(measured: int | None, scale: float) -> list[tuple[int, str]]:
    """What the pen-line retry tried before: every width painted with its sides' mean."""
    halves = [max(1, round(h * scale)) for h in (2, 3)]
    if measured is not None and measured not in halves:
        halves.insert(0, measured)
    return [(half, "sides") for half in halves]


def _without(name: str) -> tuple[Strategy, ...]:
    return (FAST_PATH, *(s for s in RETRIES if s.name != name))


def _read_only_with_the_change(sample: ScanSample, event: EventProfile,
                               monkeypatch: pytest.MonkeyPatch, name: str,
                               before: object) -> None:
    """With `penlines.<name>` as it was `before` the page stays unread; as it is now, the
    pen-line retry reads the page's own number."""
    with monkeypatch.context() as patch:
        patch.setattr(penlines, name, before)
        old = read_blank_number(sample.image, event, with_ocr=False)
    assert old.status == ReadStatus.UNREADABLE
    new = read_blank_number(sample.image, event, with_ocr=False)
    assert (new.status, new.number, new.strategy) == (ReadStatus.OK, sample.number, "pen-line")


def _paintings_but(*left_out: str) -> object:
    """`penlines._paintings` without the fills named."""
    every = penlines._paintings
    return lambda measured, scale: [pair for pair in every(measured, scale)
                                    if pair[1] not in left_out]


def test_a_felt_tip_line_across_a_qr_is_painted_as_paper(
        event: EventProfile, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seed 3012 page 11: a 0.6–1 mm pen line across the lower part of a QR code. Painted
    with its sides' mean (the only fill before) the modules under it come back grey."""
    sample = _hard(301200176)
    assert sample.symbology == "QRCode" and "pen-line-2d" in sample.severe
    _read_only_with_the_change(sample, event, monkeypatch, "_paintings", _old_paintings)


def test_a_pen_line_along_a_datamatrix_edge_is_cut_back_to_the_symbol(
        event: EventProfile, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seed 3011 page 26: the line runs along the rectangular DataMatrix's solid bottom
    edge and on past it; painting the overhang alone makes the edge an edge again (the
    edge fill, which paints the overhang too, reads it as well)."""
    sample = _hard(301100191)
    assert sample.symbology == "DataMatrix" and "pen-line-2d" in sample.severe
    _read_only_with_the_change(sample, event, monkeypatch, "_paintings",
                               _paintings_but("overhang", "edge"))


@pytest.mark.parametrize("seed", [
    310250012,  # QR, a ballpoint stroke and a felt-tip line across it
    310350043,  # QR turned 270°, a felt-tip line across its lower part
    310550006,  # QR upside down, a ballpoint stroke down through a finder
])
def test_a_painted_out_small_qr_is_read_at_twice_the_size(
        event: EventProfile, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    """Seeds 3102–3105: painted with its sides' mean, the QR's 3 px modules were left a
    pixel off at the band; only the 2× view around the spot decodes."""
    sample = _hard(seed)
    assert sample.symbology == "QRCode"
    _read_only_with_the_change(sample, event, monkeypatch, "_zoomed",
                               lambda *args: View(np.full((1, 1), 255, np.uint8)))


def test_a_felt_tip_line_on_a_datamatrix_edge_keeps_only_its_inner_half(
        event: EventProfile, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seed 3105 page 20: a 0.9 mm line lies on the rectangular DataMatrix's solid bottom
    edge, three modules thick. Cut back to the symbol (overhang) the detector took the
    band's far side for the edge; with the outer half painted as paper it reads."""
    sample = _hard(310550020)
    assert sample.symbology == "DataMatrix" and "pen-line-2d" in sample.severe
    _read_only_with_the_change(sample, event, monkeypatch, "_paintings",
                               _paintings_but("edge"))


@pytest.mark.parametrize(("seed", "symbology", "retry"), [
    (301200228, "Code128", "deblur"),  # blur 1.3 px and heavy noise
    (301200205, "PDF417", "corner-global"),  # a light streak across the rows
])
def test_the_retry_reads_what_the_ladder_without_it_cannot(
        event: EventProfile, seed: int, symbology: str, retry: str) -> None:
    sample = _hard(seed)
    assert sample.symbology == symbology
    old = read_blank_number(sample.image, event, strategies=_without(retry), with_ocr=False)
    assert old.status == ReadStatus.UNREADABLE
    new = read_blank_number(sample.image, event, with_ocr=False)
    assert (new.status, new.number, new.strategy) == (ReadStatus.OK, sample.number, retry)


@pytest.mark.parametrize("seed", [
    301200226,  # Code 128, blur 1.3: bars merged beyond what deconvolution restores
    301100240,  # ITF turned 90°, skew 3.8°, blur 1.2, 1-bit
    301000222,  # DataMatrix with a pen line over two module rows
    310350067,  # DataMatrix, a felt-tip line across its lower rows (zoomed 2× too)
    310250066,  # QR, a ballpoint stroke through a finder (zoomed 2× too)
])
def test_the_new_retries_never_read_another_number(event: EventProfile, seed: int) -> None:
    """Pages nothing reads: whatever the new passes make of them, it is no other number."""
    sample = _hard(seed)
    assert read_blank_number(sample.image, event, with_ocr=False).status == (
        ReadStatus.UNREADABLE)
    page = PageContext(clean_page(load_gray(sample.image))[0])
    for strategy in RETRIES:
        if strategy.name not in ("deblur", "corner-global", "pen-line"):
            continue
        numbers = {r.symbol.text for r in strategy.run(page)
                   if event.is_valid_number(r.symbol.text)}
        assert numbers <= {sample.number}, strategy.name

"""read_blank_number on real encoded symbols: every symbology, every turn, every refusal."""

from __future__ import annotations

import io
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PIL import Image, ImageDraw, ImageFilter

from scanstation.profile import EventProfile
from scanstation.recognition import ReadResult, ReadStatus, read_blank_number
from scanstation.recognition.preprocessing import PageImageError, load_gray
from scanstation.samples import SYMBOLOGIES, barcode_image, mm_to_px, render_blank
from tests.recognition.conftest import NUMBER, turned


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
@pytest.mark.parametrize("symbology", SYMBOLOGIES)
def test_every_symbology_at_every_rotation(blanks: dict[str, Image.Image],
                                           profile: EventProfile, symbology: str,
                                           rotation: int) -> None:
    result = read_blank_number(turned(blanks[symbology], rotation), profile)
    assert result.status == ReadStatus.OK
    assert result.number == NUMBER
    assert result.symbology == symbology
    assert result.rotation == rotation
    assert result.engine in ("zxing-cpp", "pyzbar")
    assert result.strategy


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_rotation_survives_skew_noise_and_jpeg(blanks: dict[str, Image.Image],
                                               profile: EventProfile, rotation: int) -> None:
    page = turned(blanks["Code128"], rotation).rotate(
        4.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(0.8))
    noisy = np.asarray(page, dtype=np.float32) + np.random.default_rng(rotation).normal(
        0, 8, (page.height, page.width))
    buffer = io.BytesIO()
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(buffer, "JPEG", quality=40)
    result = read_blank_number(Image.open(io.BytesIO(buffer.getvalue())), profile)
    assert (result.status, result.number, result.rotation) == (ReadStatus.OK, NUMBER, rotation)


@pytest.mark.parametrize("symbology", SYMBOLOGIES)
def test_one_bit_pages(blanks: dict[str, Image.Image], profile: EventProfile,
                       symbology: str) -> None:
    page = turned(blanks[symbology], 180).convert("1")
    assert page.mode == "1"
    result = read_blank_number(page, profile)
    assert (result.status, result.number, result.rotation) == (ReadStatus.OK, NUMBER, 180)


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "P", "LA", "I;16", "I", "F"])
def test_any_pillow_mode(blanks: dict[str, Image.Image], profile: EventProfile,
                         mode: str) -> None:
    gray = blanks["QRCode"]
    if mode in ("I;16", "I", "F"):
        page = Image.fromarray((np.asarray(gray, dtype=np.uint16) * 257).astype(
            {"I;16": np.uint16, "I": np.int32, "F": np.float32}[mode]))
        assert page.mode == mode
    else:
        page = gray.convert(mode)
    assert read_blank_number(page, profile).number == NUMBER


def test_paths_and_strings(tmp_path: Path, blanks: dict[str, Image.Image],
                           profile: EventProfile) -> None:
    tiff = tmp_path / "page.tif"
    turned(blanks["DataMatrix"], 90).save(tiff, compression="tiff_lzw", dpi=(200, 200))
    for page in (tiff, str(tiff)):
        result = read_blank_number(page, profile)
        assert (result.number, result.rotation) == (NUMBER, 90)


def test_damaged_file_raises_a_known_error_in_russian(tmp_path: Path,
                                                      profile: EventProfile) -> None:
    broken = tmp_path / "broken.tif"
    broken.write_bytes(b"II*\x00" + b"\x00" * 40)
    with pytest.raises(PageImageError) as caught:
        read_blank_number(broken, profile)
    assert "повреждён" in caught.value.message
    with pytest.raises(PageImageError, match="не найден"):
        read_blank_number(tmp_path / "missing.png", profile)


def test_blank_without_code_is_unreadable(profile: EventProfile) -> None:
    result = read_blank_number(render_blank(NUMBER, with_code=False), profile)
    assert result.status == ReadStatus.UNREADABLE
    assert result.number is None
    assert result.candidates == ()


@pytest.mark.parametrize("mode", ["1", "L"])
def test_empty_page_of_one_colour(profile: EventProfile, mode: str) -> None:
    for colour in (0, 255):
        page = Image.new(mode, (1654, 2339), colour)
        assert read_blank_number(page, profile).status == ReadStatus.UNREADABLE


@pytest.mark.parametrize(("symbology", "text"), [
    ("Code128", NUMBER[:-1]),  # 19 digits
    ("Code128", NUMBER + "7"),  # 21 digits
    ("ITF", NUMBER[:-2]),  # 18 digits
    ("QRCode", NUMBER[:13]),
    ("DataMatrix", "A" + NUMBER[1:]),  # right length, not digits
])
def test_code_of_wrong_shape_is_refused(profile: EventProfile, symbology: str,
                                        text: str) -> None:
    page = render_blank(text, symbology)
    assert any(b.text == text for b in zxingcpp.read_barcodes(page))  # the code is readable
    result = read_blank_number(page, profile)
    assert (result.status, result.number) == (ReadStatus.UNREADABLE, None)


@pytest.mark.parametrize(("symbology", "text"), [
    ("Code128", NUMBER + "7"), ("ITF", NUMBER[:-2]), ("QRCode", NUMBER[:13])])
def test_a_code_of_another_length_spares_the_digit_line(
        profile: EventProfile, symbology: str, text: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The sheet's code was read and is no number of this event: its printed line is that
    code's number, so Tesseract is not asked for a line of this event's length."""
    from scanstation.recognition import ocr

    calls: list[object] = []
    monkeypatch.setattr(ocr.TESSERACT, "read", lambda image: calls.append(image) or [])
    result = read_blank_number(render_blank(text, symbology), profile)
    assert (result.status, result.suggestion, calls) == (ReadStatus.UNREADABLE, None, [])


def _strategies_run(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the ladder's strategies as the reader runs them, in order."""
    from scanstation.recognition import strategies

    ran: list[str] = []
    run = strategies.Strategy.run

    def recording(self: strategies.Strategy, context: strategies.PageContext) -> list:
        ran.append(self.name)
        return run(self, context)

    monkeypatch.setattr(strategies.Strategy, "run", recording)
    return ran


def test_a_code_of_another_length_ends_the_ladder_whichever_pass_reads_it(
        profile: EventProfile, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 21-digit Code 128 on a page fed turned by 90°: the first pass (no 90° search)
    misses it, the first corner retry reads it, and no later retry runs."""

    ran = _strategies_run(monkeypatch)
    result = read_blank_number(turned(render_blank(NUMBER + "7"), 90), profile)
    assert (result.status, result.suggestion) == (ReadStatus.UNREADABLE, None)
    assert ran == ["full", "corner"]


def _paste_ean13(page: Image.Image, digits: str = "460123456789") -> Image.Image:
    symbol = zxingcpp.create_barcode(digits, zxingcpp.BarcodeFormat.EAN13)
    raw = Image.fromarray(np.asarray(symbol.to_image(scale=3, add_quiet_zones=True)))
    code = raw.convert("L").resize((raw.width, mm_to_px(15, 200)))
    page = page.copy()
    page.paste(code, (mm_to_px(20, 200), page.height - mm_to_px(30, 200)))
    return page


def test_publisher_ean13_is_ignored(blanks: dict[str, Image.Image],
                                   profile: EventProfile) -> None:
    only_ean = _paste_ean13(render_blank(NUMBER, with_code=False))
    assert any(b.format.name == "EAN13" for b in zxingcpp.read_barcodes(only_ean))
    assert read_blank_number(only_ean, profile).status == ReadStatus.UNREADABLE
    with_ean = _paste_ean13(blanks["Code128"])
    result = read_blank_number(with_ean, profile)
    assert (result.status, result.number) == (ReadStatus.OK, NUMBER)


def test_two_different_numbers_are_ambiguous(blanks: dict[str, Image.Image],
                                             profile: EventProfile) -> None:
    other = NUMBER[:-2] + "20"
    page = blanks["Code128"].copy()
    code = barcode_image(other, "QRCode")
    page.paste(code, (mm_to_px(20, 200), mm_to_px(40, 200)))
    result = read_blank_number(page, profile)
    assert result.status == ReadStatus.AMBIGUOUS
    assert result.number is None
    assert result.candidates == tuple(sorted((NUMBER, other)))


def test_the_same_number_twice_is_not_ambiguous(blanks: dict[str, Image.Image],
                                                profile: EventProfile) -> None:
    page = blanks["Code128"].copy()
    page.paste(barcode_image(NUMBER, "QRCode"), (mm_to_px(20, 200), mm_to_px(40, 200)))
    assert read_blank_number(page, profile).number == NUMBER


def test_itf_without_check_digit_needs_a_second_agreeing_read(
        blanks: dict[str, Image.Image], profile: EventProfile) -> None:
    found = zxingcpp.read_barcodes(blanks["ITF"])
    assert [b.symbology_identifier for b in found] == ["]I0"]  # weak on its own
    result = read_blank_number(blanks["ITF"], profile)
    assert result.number == NUMBER
    assert result.confirmed_by is not None
    strong = read_blank_number(blanks["Code128"], profile)
    assert strong.confirmed_by is None


# Tuning page: an extreme PDF417 under a pen stroke whose ink-only view zxing-cpp
# "corrects" into another valid 20-digit number, spending all its error correction.
MISCORRECTED_PAGE = 340300132


def test_a_2d_read_that_spent_all_its_correction_is_weak(profile: EventProfile) -> None:
    from benchmarks.pagegen import make_sample
    from scanstation.recognition import strategies
    from scanstation.recognition.engines import ZXING, DecodeOptions
    from scanstation.recognition.strategies import PageContext

    sample = make_sample(MISCORRECTED_PAGE, "extreme")
    page = PageContext(load_gray(sample.image))
    views = strategies._ink_only(page)
    found = [b for view in views for b in zxingcpp.read_barcodes(view.pixels)
             if b.valid and len(b.text) == 20 and b.text != sample.number]
    if not found:
        pytest.skip("zxing-cpp reads no wrong number on this page's pixels here")
    assert all((b.extra or {}).get("UEC") == 0 for b in found)
    symbols = [s for view in views for s in ZXING.decode(view.pixels, DecodeOptions())
               if s.text in {b.text for b in found}]
    assert symbols and not any(s.strong for s in symbols)
    result = read_blank_number(sample.image, profile)
    assert result.status != ReadStatus.OK or result.number == sample.number


def test_a_weak_read_nobody_confirms_is_refused(profile: EventProfile) -> None:
    """ITF so damaged that only one pass reads it: better unread than maybe wrong."""
    from scanstation.recognition import strategies
    from scanstation.recognition.engines import Symbol
    from scanstation.recognition.reader import _Evidence

    weak = Symbol(NUMBER, "ITF", "zxing-cpp", False, 0, (10.0, 10.0))
    evidence = _Evidence(profile)
    evidence.add([strategies.Read(weak, "full", (10.0, 10.0))])
    assert evidence.accepted() is None
    assert evidence.weak_unconfirmed() is not None
    evidence.add([strategies.Read(weak, "full", (10.0, 10.0))])  # the same pass again
    assert evidence.accepted() is None
    evidence.add([strategies.Read(weak, "confirm-pyzbar", (11.0, 10.0))])
    assert evidence.accepted() == NUMBER
    other = Symbol(NUMBER[::-1], "ITF", "pyzbar", False, 0, (10.0, 10.0))
    evidence.add([strategies.Read(other, "confirm-global", (10.0, 10.0))])
    assert evidence.accepted() is None and evidence.ambiguous()


def test_weak_code_of_another_length_needs_two_passes_to_end_the_ladder(
        profile: EventProfile, monkeypatch: pytest.MonkeyPatch) -> None:
    """An 18-digit ITF without check digit: refused after the first pass and one agreeing
    confirmation, not after every retry of the ladder read it again."""
    from scanstation.recognition import strategies
    from scanstation.recognition.engines import Symbol
    from scanstation.recognition.reader import _Evidence

    weak = Symbol(NUMBER[:-2], "ITF", "zxing-cpp", False, 0, (10.0, 10.0))
    evidence = _Evidence(profile)
    evidence.add([strategies.Read(weak, "full", (10.0, 10.0))])
    assert not evidence.foreign and evidence.weak_foreign() is not None
    evidence.add([strategies.Read(weak, "full", (10.0, 10.0))])  # the same pass again
    assert not evidence.foreign
    evidence.add([strategies.Read(weak, "confirm-pyzbar", (11.0, 10.0))])
    assert evidence.foreign and evidence.weak_foreign() is None

    page = render_blank(NUMBER[:-2], "ITF")
    assert [b.symbology_identifier for b in zxingcpp.read_barcodes(page)] == ["]I0"]
    ran = _strategies_run(monkeypatch)
    result = read_blank_number(page, profile)
    assert (result.status, result.number, result.suggestion) == (
        ReadStatus.UNREADABLE, None, None)
    assert ran[0] == "full" and not {"corner", "whole-page"} & set(ran)
    assert all(name.startswith("confirm-") for name in ran[1:])


def test_profile_pattern_decides_what_counts(blanks: dict[str, Image.Image]) -> None:
    only_kit_seven = EventProfile(name="seven", pages_per_kit=4, blank_number=r"^0{5}7\d{14}$")
    assert read_blank_number(blanks["QRCode"], only_kit_seven).status == ReadStatus.UNREADABLE


def test_number_outside_expected_kits_is_reported(blanks: dict[str, Image.Image],
                                                  profile: EventProfile) -> None:
    inside = read_blank_number(blanks["PDF417"], profile, expected_kits=["3", "000004"])
    assert (inside.status, inside.outside_expected) == (ReadStatus.OK, False)
    outside = read_blank_number(blanks["PDF417"], profile, expected_kits=["000001"])
    assert (outside.status, outside.number, outside.outside_expected) == (
        ReadStatus.OK, NUMBER, True)
    assert read_blank_number(blanks["PDF417"], profile).outside_expected is False


def test_vertical_streak_across_the_code(blanks: dict[str, Image.Image],
                                         profile: EventProfile) -> None:
    page = blanks["Code128"].copy()
    draw = ImageDraw.Draw(page)
    for x in (1200, 1330, 1450):  # dark feeder-glass lines through the bars
        draw.line((x, 0, x, page.height), fill=40, width=2)
    assert read_blank_number(page, profile).number == NUMBER


def test_fast_path_first_retries_only_when_it_fails(blanks: dict[str, Image.Image],
                                                    profile: EventProfile) -> None:
    from scanstation.recognition.strategies import FAST_PATH

    upright = read_blank_number(blanks["Code128"], profile)
    assert upright.strategy == "full"  # one pass was enough
    turned_page = turned(blanks["Code128"], 90)  # bars now horizontal: not in the fast pass
    only_fast = read_blank_number(turned_page, profile, strategies=(FAST_PATH,))
    assert only_fast.status == ReadStatus.UNREADABLE
    retried = read_blank_number(turned_page, profile)
    assert (retried.number, retried.strategy, retried.rotation) == (NUMBER, "corner", 90)


def test_result_pickles_and_reader_runs_in_a_worker_process(
        tmp_path: Path, blanks: dict[str, Image.Image], profile: EventProfile) -> None:
    path = tmp_path / "page.png"
    turned(blanks["QRCode"], 270).save(path)
    with ProcessPoolExecutor(max_workers=1) as pool:
        result = pool.submit(read_blank_number, path, profile).result(timeout=60)
    assert isinstance(result, ReadResult)
    assert (result.number, result.rotation) == (NUMBER, 270)
    assert pickle.loads(pickle.dumps(result)) == result


@pytest.mark.parametrize(("symbology", "rotation"),
                         [("Code128", 90), ("ITF", 270), ("PDF417", 90), ("DataMatrix", 180)])
def test_code_in_the_middle_of_a_turned_page(profile: EventProfile, symbology: str,
                                             rotation: int) -> None:
    """Another layout: the code mid-page, out of every corner crop, on a page fed turned."""
    page = render_blank(NUMBER, symbology, with_code=False)
    code = barcode_image(NUMBER, symbology, 200)
    page.paste(code, ((page.width - code.width) // 2, page.height // 2))
    result = read_blank_number(turned(page, rotation), profile)
    assert (result.status, result.number, result.rotation, result.strategy) == (
        ReadStatus.OK, NUMBER, rotation, "whole-page")


@pytest.mark.parametrize("size", [(1, 1), (40, 5), (3000, 10), (10, 3000)])
def test_tiny_and_strip_images_are_unreadable_not_a_crash(profile: EventProfile,
                                                          size: tuple[int, int]) -> None:
    """A thumbnail or a cut strip: corners too small for any engine are skipped."""
    result = read_blank_number(Image.new("L", size, 128), profile)
    assert (result.status, result.number) == (ReadStatus.UNREADABLE, None)

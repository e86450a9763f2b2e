"""Recognition benchmark: plain pyzbar, plain zxing-cpp and our reader on the same scans.

    .venv/bin/python -m benchmarks.recognition            # 400 pages, ~4 min on 2 idle cores
    .venv/bin/python -m benchmarks.recognition --quick    # 120 pages, about a minute
    .venv/bin/python -m benchmarks.recognition --failures # also list what ours missed

Pages come from `benchmarks.pagegen` (realistic / hard / refusal ADF scans). Each worker
generates a page, then times the three readers on that same in-memory image one after the
other, in CPU time of the worker process (`time.process_time`), so the speeds are
single-core throughput measured in the same run and other load on the box does not skew
them. A "misread" is a
number returned that is not the page's number (any number, for a refusal page).

Suggestions are judged on the pages ours left unread: offered, right, wrong, and right
among those whose digits a person can read — the generator says so (`digits_legible`: no
pen line across the printed line, its strokes dark enough to survive the blur, the noise
and a 1-bit threshold). `--ocr-all` also runs the suggestion path on every page as if its
code were unreadable (streaks removed, the digit line looked for without the code's
position), so the suggestion is judged on hundreds of lines instead of the few pages that
stay unread: right, wrong and silent on legible lines, wrong on the others (a refusal
page's line of another length, or no line at all, must get none). Refusal pages are also
timed by kind (no code, a code of another
length, a publisher's EAN-13 only), ours against one plain zxing-cpp pass over each.

Baselines: "plain zxing-cpp" is one `zxingcpp.read_barcodes(image)` with its defaults
(all formats); "plain pyzbar" is one `pyzbar.decode(image)`. Both count a read when
exactly one decoded text matches the profile.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import zxingcpp
from PIL import Image
from pyzbar import pyzbar

from benchmarks.pagegen import DEFAULT_MIX, SEVERE, make_sample
from scanstation.profile import default_profile
from scanstation.recognition import ReadResult, ReadStatus, read_blank_number
from scanstation.recognition.preprocessing import load_gray
from scanstation.recognition.strategies import PageContext
from scanstation.recognition.streaks import clean_page
from scanstation.recognition.suggestion import add_printed_digits

ENGINES = ("plain pyzbar", "plain zxing-cpp", "ours")


@dataclass
class Outcome:
    difficulty: str
    defects: tuple[str, ...]
    symbology: str | None
    expected: str | None
    numbers: dict[str, str | None]  # engine -> number it returned
    seconds: dict[str, float]
    rotation_ok: bool | None
    strategy: str | None
    status: str
    severe: tuple[str, ...]
    suggestion: str | None = None
    source: str | None = None
    legible: bool | None = None  # a person can read the printed digits (the generator says)
    # `--ocr-all`: the suggestion path run on the page as if its code were unreadable.
    ocr_only: str | None = None
    ocr_only_seconds: float | None = None


def _plain(texts: Iterable[str]) -> str | None:
    profile = default_profile()
    valid = {t for t in texts if profile.is_valid_number(t)}
    return valid.pop() if len(valid) == 1 else None


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """libzbar prints DataBar assertion chatter straight to fd 2; the report needs none."""
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def measure(job: tuple[int, str, bool]) -> Outcome:
    seed, difficulty, ocr_all = job
    sample = make_sample(seed, difficulty)
    image = sample.image
    profile = default_profile()
    numbers: dict[str, str | None] = {}
    seconds: dict[str, float] = {}

    with _quiet_stderr():
        start = time.process_time()
        decoded = pyzbar.decode(image)
        seconds["plain pyzbar"] = time.process_time() - start
    numbers["plain pyzbar"] = _plain(d.data.decode("latin-1") for d in decoded)

    start = time.process_time()
    numbers["plain zxing-cpp"] = _plain(b.text for b in zxingcpp.read_barcodes(image))
    seconds["plain zxing-cpp"] = time.process_time() - start

    start = time.process_time()
    result = read_blank_number(image, profile)
    seconds["ours"] = time.process_time() - start
    numbers["ours"] = result.number if result.status == ReadStatus.OK else None
    rotation_ok = None
    if result.status == ReadStatus.OK and result.number == sample.number:
        rotation_ok = result.rotation == sample.rotation
    outcome = Outcome(difficulty, sample.defects, sample.symbology, sample.number, numbers,
                      seconds, rotation_ok, result.strategy, str(result.status),
                      sample.severe, result.suggestion, result.source, sample.digits_legible)
    if ocr_all:
        start = time.process_time()
        outcome.ocr_only = ocr_suggestion(image)
        outcome.ocr_only_seconds = time.process_time() - start
    return outcome


def ocr_suggestion(image: Image.Image) -> str | None:
    """What the suggestion path offers for `image` when its code cannot be read: the
    reader's own steps after a failed ladder (streaks removed, no code position)."""
    context = PageContext(clean_page(load_gray(image))[0])
    unread = ReadResult(None, ReadStatus.UNREADABLE)
    return add_printed_digits(unread, None, context, default_profile()).suggestion


def jobs(count: int, seed: int, ocr_all: bool = False) -> list[tuple[int, str, bool]]:
    labels: list[str] = []
    for label, share in DEFAULT_MIX.items():
        labels += [label] * round(count * share)
    return [(seed * 100_000 + i, label, ocr_all) for i, label in enumerate(labels[:count])]


def report(outcomes: list[Outcome], wall: float, show_failures: bool) -> None:
    by_difficulty: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_difficulty[outcome.difficulty].append(outcome)
    counts = ", ".join(f"{k} {len(v)}" for k, v in sorted(by_difficulty.items()))
    print(f"\n{len(outcomes)} pages ({counts}), wall {wall:.0f} s on {os.cpu_count()} cores\n")
    header = f"{'':18}" + "".join(f"{name:>18}" for name in ENGINES)
    print("read rate (refusal: correctly refused)")
    print(header)
    for difficulty, group in sorted(by_difficulty.items()):
        row = f"{difficulty:18}"
        for engine in ENGINES:
            good = sum(o.numbers[engine] == o.expected for o in group)
            row += f"{100.0 * good / len(group):17.1f}%"
        print(row)
    print("hard pages by what made them hard (a page may count twice)")
    for defect in SEVERE:
        group = [o for o in by_difficulty.get("hard", []) if defect in o.severe]
        if not group:
            continue
        row = f"  {defect:16}"
        for engine in ENGINES:
            good = sum(o.numbers[engine] == o.expected for o in group)
            row += f"{100.0 * good / len(group):12.1f}% of {len(group):3d}"
        print(row)
    print("\nours per tier and defect class: read, misreads, and on the pages left unread "
          "the OCR suggestion: unread pages, those whose digits a person can read (legible), "
          "suggestions offered, right, wrong, and right among legible")
    print(f"{'':22}{'pages':>6}{'read':>8}{'misread':>8}{'unread':>7}{'legib.':>7}{'sugg.':>6}"
          f"{'right':>6}{'wrong':>6}{'right/legible':>14}")
    for difficulty, group in sorted(by_difficulty.items()):
        _class_row(difficulty, group)
        if difficulty in ("hard", "extreme"):
            for defect in SEVERE:
                _class_row(f"  {defect}", [o for o in group if defect in o.severe])
    _class_row("all", outcomes)
    sources = Counter(o.source for o in outcomes)
    print("ours: source of the verdict: "
          + ", ".join(f"{k} {v}" for k, v in sources.most_common()))
    row = f"{'misreads':18}"
    for engine in ENGINES:
        bad = sum(o.numbers[engine] is not None and o.numbers[engine] != o.expected
                  for o in outcomes)
        row += f"{bad:18d}"
    print(row)
    _no_code_speed(outcomes)
    print("\nspeed (single-core CPU throughput, same pages, same run)")
    total = {e: sum(o.seconds[e] for o in outcomes) for e in ENGINES}
    print(f"{'pages/s':18}" + "".join(f"{len(outcomes) / total[e]:18.1f}" for e in ENGINES))
    base = total["plain zxing-cpp"]
    print(f"{'× plain zxing-cpp':18}" + "".join(f"{base / total[e]:18.2f}" for e in ENGINES))
    for difficulty, group in sorted(by_difficulty.items()):
        ms = sorted(o.seconds["ours"] * 1000 for o in group)
        print(f"  ours on {difficulty:9}: median {ms[len(ms) // 2]:6.1f} ms, "
              f"p95 {ms[int(len(ms) * 0.95)]:6.1f} ms, max {ms[-1]:6.1f} ms")
    rotations = [o.rotation_ok for o in outcomes if o.rotation_ok is not None]
    print(f"\nours: rotation right on {sum(rotations)}/{len(rotations)} read pages")
    strategies = Counter(o.strategy for o in outcomes if o.strategy)
    print("ours: pages read per strategy: "
          + ", ".join(f"{k} {v}" for k, v in strategies.most_common()))
    statuses = Counter((o.difficulty, o.status) for o in outcomes)
    print("ours: statuses: " + ", ".join(f"{d}/{s} {n}" for (d, s), n in sorted(statuses.items())))
    if any(o.ocr_only_seconds is not None for o in outcomes):
        _ocr_all_report(outcomes, show_failures)
    if show_failures:
        print("\nours missed / misread:")
        for o in outcomes:
            if o.numbers["ours"] != o.expected:
                print(f"  {o.difficulty:9} {o.symbology or '-':10} {o.status:10} "
                      f"{' '.join(o.defects)}  digits "
                      f"{'legible' if o.legible else 'illegible'}, suggestion "
                      f"{'right' if o.suggestion == o.expected else o.suggestion}")


def _class_row(label: str, group: list[Outcome]) -> None:
    if not group:
        return
    read = sum(o.numbers["ours"] == o.expected for o in group)
    misread = sum(o.numbers["ours"] is not None and o.numbers["ours"] != o.expected
                  for o in group)
    unread = [o for o in group if o.numbers["ours"] is None and o.expected is not None]
    legible = [o for o in unread if o.legible]
    offered = [o for o in unread if o.suggestion is not None]
    right = sum(o.suggestion == o.expected for o in offered)
    # A refusal page must get no suggestion either: any there counts as wrong.
    wrong = len(offered) - right + sum(o.suggestion is not None for o in group
                                       if o.expected is None)
    right_legible = sum(o.suggestion == o.expected for o in legible)
    share = f"{100.0 * right_legible / len(legible):.0f} % of {len(legible)}" if legible else "-"
    print(f"{label:22}{len(group):6d}{100.0 * read / len(group):7.1f}%{misread:8d}"
          f"{len(unread):7d}{len(legible):7d}{len(offered):6d}{right:6d}{wrong:6d}{share:>14}")


def _ocr_all_report(outcomes: list[Outcome], show_failures: bool) -> None:
    """`--ocr-all`: the suggestion path on every page, as if no code had been read."""
    print("\nOCR without the code (the suggestion path on every page): legible lines, "
          "right, wrong, silent; illegible lines and refusal pages: suggestions, wrong")
    print(f"{'':12}{'legible':>8}{'right':>7}{'wrong':>7}{'silent':>7}{'illeg.':>8}"
          f"{'sugg.':>7}{'wrong':>7}{'refusal':>8}{'wrong':>7}")
    for difficulty in ("realistic", "hard", "extreme", "refusal", "all"):
        group = [o for o in outcomes if o.ocr_only_seconds is not None
                 and difficulty in ("all", o.difficulty)]
        if not group:
            continue
        legible = [o for o in group if o.expected is not None and o.legible]
        illegible = [o for o in group if o.expected is not None and not o.legible]
        refusal = [o for o in group if o.expected is None]
        right = sum(o.ocr_only == o.expected for o in legible)
        silent = sum(o.ocr_only is None for o in legible)
        offered = [o for o in illegible if o.ocr_only is not None]
        print(f"{difficulty:12}{len(legible):8d}{right:7d}{len(legible) - right - silent:7d}"
              f"{silent:7d}{len(illegible):8d}{len(offered):7d}"
              f"{sum(o.ocr_only != o.expected for o in offered):7d}{len(refusal):8d}"
              f"{sum(o.ocr_only is not None for o in refusal):7d}")
    ms = sorted(1000 * (o.ocr_only_seconds or 0.0) for o in outcomes
                if o.ocr_only_seconds is not None)
    print(f"  suggestion path: median {ms[len(ms) // 2]:.0f} ms, "
          f"p95 {ms[int(len(ms) * 0.95)]:.0f} ms a page (CPU)")
    if show_failures:
        print("  lines the suggestion path missed or got wrong:")
        for o in outcomes:
            if o.ocr_only_seconds is None or o.ocr_only == o.expected:
                continue
            if o.expected is not None and not o.legible and o.ocr_only is None:
                continue
            print(f"    {o.difficulty:9} {o.symbology or '-':10} "
                  f"{'legible' if o.legible else 'illegible'} "
                  f"{'silent' if o.ocr_only is None else 'WRONG ' + o.ocr_only}  "
                  f"{' '.join(o.defects)}")


def _no_code_speed(outcomes: list[Outcome]) -> None:
    """Refusal pages by kind: what a page without a blank-number code costs, ours against
    one plain zxing-cpp pass over the same page (CPU time, same run)."""
    kinds = sorted({o.defects[0] for o in outcomes if o.difficulty == "refusal"})
    if not kinds:
        return
    print("\nrefusal pages by kind: ms per page, ours against one plain zxing-cpp pass")
    for kind in kinds:
        group = [o for o in outcomes if o.difficulty == "refusal" and o.defects[0] == kind]
        line = f"  {kind:13} {len(group):3d} pages"
        for engine in ("ours", "plain zxing-cpp"):
            ms = sorted(o.seconds[engine] * 1000 for o in group)
            line += (f"   {engine}: median {ms[len(ms) // 2]:6.1f}, "
                     f"p95 {ms[min(len(ms) - 1, int(len(ms) * 0.95))]:6.1f}")
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="120 pages instead of 400")
    parser.add_argument("--pages", type=int, help="number of pages")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--failures", action="store_true", help="list pages ours missed")
    parser.add_argument("--ocr-all", action="store_true",
                        help="also run the suggestion path on every page, as if unread")
    args = parser.parse_args()
    count = args.pages or (120 if args.quick else 400)
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        outcomes = list(pool.map(measure, jobs(count, args.seed, args.ocr_all), chunksize=4))
    report(outcomes, time.perf_counter() - start, args.failures)


if __name__ == "__main__":
    main()

"""The glyph judge (`scanstation.recognition.glyphs`) turned round on thousands of digits.

    .venv/bin/python -m benchmarks.glyph_check --pages 600 --seed 3460

The judge lets a code read stand against one digit OCR disputes when the line's own glyphs
say that digit is not what OCR read. It must never let a code misread through. A real
misread that OCR catches is rare, so it is made here: on every generated page whose code
was read right and whose printed line OCR read the same (code, OCR and truth agree), each
digit in turn is taken as the place where the code said another digit (all nine) and OCR
read the true one. The judge must keep every such dispute: a digit it disowns there is a
misread it would have let through («false accepts», the figure that must stay 0).

The other way round gives its power: OCR slipping to each other digit the line also holds
while the code is right; the share of those slips it disowns is how often a right read
would stand against a confident OCR slip. That is an upper bound: Tesseract slips on
glyphs that look like the digit it says (a dotted 0 as 6), not on clean ones.
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from benchmarks.pagegen import make_sample
from scanstation.profile import default_profile
from scanstation.recognition import ReadStatus, read_blank_number
from scanstation.recognition.glyphs import LineGlyphs
from scanstation.recognition.ocr import read_digit_line
from scanstation.recognition.preprocessing import load_gray
from scanstation.recognition.streaks import clean_page

DIGITS = "0123456789"


@dataclass
class Tally:
    pages: int = 0
    lines: int = 0  # code read right and the OCR line the same
    cut: int = 0  # ... and cut into exactly its glyphs
    trials: int = 0  # (position with a twin, other digit) pairs
    false_accepts: int = 0
    slips: int = 0
    slips_disowned: int = 0
    where: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("pages", "lines", "cut", "trials", "false_accepts", "slips",
                     "slips_disowned"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.where += other.where


def judge_page(job: tuple[int, str]) -> Tally:
    seed, tier = job
    tally = Tally(pages=1)
    sample = make_sample(seed, tier)
    profile = default_profile()
    result = read_blank_number(sample.image, profile)
    truth = sample.number
    if result.status != ReadStatus.OK or truth is None or result.number != truth:
        return tally
    gray = clean_page(load_gray(sample.image))[0]
    line = read_digit_line(gray, len(truth), result.rotation)
    if line is None or line.text != truth or line.crop is None:
        return tally
    tally.lines = 1
    glyphs = LineGlyphs.cut(line.crop, len(truth))
    if glyphs is None:
        return tally
    tally.cut = 1
    for position, digit in enumerate(truth):
        twins = {truth[j] for j in range(len(truth)) if j != position}
        for other in DIGITS:
            if other == digit:
                continue
            altered = truth[:position] + other + truth[position + 1:]
            if digit in twins:  # the judge can only speak where OCR's digit has twins
                tally.trials += 1
                if glyphs.disown(truth, altered, position):  # code misread, OCR right
                    tally.false_accepts += 1
                    tally.where.append(f"{seed} {tier} position {position}: {digit}->{other}")
            if other in twins:
                tally.slips += 1
                tally.slips_disowned += glyphs.disown(altered, truth, position)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--seed", type=int, default=3460)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    tiers = ("realistic", "realistic", "hard")
    jobs = [(args.seed * 100_000 + i, tiers[i % 3]) for i in range(args.pages)]
    total = Tally()
    with ProcessPoolExecutor(args.workers) as pool:
        for tally in pool.map(judge_page, jobs, chunksize=4):
            total.add(tally)
    print(f"pages {total.pages}; lines read alike by code and OCR {total.lines}; "
          f"cut into their glyphs {total.cut}")
    print(f"simulated code misreads OCR caught: {total.trials}; "
          f"let through by the judge (false accepts, must be 0): {total.false_accepts}")
    for where in total.where[:20]:
        print(f"  false accept: {where}")
    share = total.slips_disowned / total.slips if total.slips else 0.0
    print(f"simulated OCR slips against a right code: {total.slips}; "
          f"disowned by the judge: {total.slips_disowned} ({share:.1%})")


if __name__ == "__main__":
    main()

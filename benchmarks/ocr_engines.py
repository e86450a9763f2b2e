"""Two OCR engines on the same printed digit lines: accuracy, time per line, size.

    .venv/bin/python -m benchmarks.ocr_engines [--pages N] [--seed S]

Lines come from `benchmarks.pagegen` pages (realistic and hard, every typeface, size and
toner of its print model), found on the upright page with `scanstation.recognition.ocr`'s
own line finder, so both engines get exactly the same crops. A line counts as right when
the engine returns exactly the 20 printed digits.

Engines: Tesseract through tesserocr (LSTM, digits whitelist, the 4 MB tessdata_fast `eng`
model shipped in resources/tessdata) and RapidOCR (`rapidocr-onnxruntime`: PaddleOCR's
recogniser in ONNX, model inside the package) in recognition-only mode. RapidOCR is not a
dependency of the project: install it into a separate venv to compare; without it only
Tesseract is measured.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from benchmarks.pagegen import make_sample
from scanstation.recognition import ocr
from scanstation.recognition.preprocessing import load_gray
from scanstation.recognition.streaks import clean_page


def line_crops(count: int, seed: int) -> list[tuple[str, object]]:
    crops = []
    for i in range(count):
        sample = make_sample(seed * 100_000 + i, "realistic" if i % 3 else "hard")
        if sample.number is None:
            continue
        gray = ocr._turn(clean_page(load_gray(sample.image))[0], sample.rotation)
        height, width = gray.shape
        mm = min(height, width) / 1654 * 7.874
        region = gray[0:int(height * 0.2), int(width * 0.35):]
        from PIL import Image

        image = Image.fromarray(np.ascontiguousarray(region))
        levels = region[::2, ::2]
        ink, paper = float(np.percentile(levels, 0.2)), float(np.percentile(levels, 95))
        mid = ink + 0.5 * (paper - ink)
        image = ocr._straighten(image, mid, paper)
        found = ocr._line_crops(image, mid, 20, mm)
        # The crop Tesseract reads as 20 digits, else the first: both engines get the same.
        chosen = next((c for c in found if len(ocr.TESSERACT.read(c)) == 20),
                      found[0] if found else None)
        if chosen is not None:
            crops.append((sample.number, chosen))
    return crops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--seed", type=int, default=31)
    args = parser.parse_args()
    crops = line_crops(args.pages, args.seed)
    print(f"{len(crops)} digit lines from {args.pages} pages")
    start = time.process_time()
    right = sum("".join(d for d, _ in ocr.TESSERACT.read(c)) == n  # type: ignore[arg-type]
                for n, c in crops)
    spent = time.process_time() - start
    print(f"tesseract (tesserocr) : {100.0 * right / len(crops):5.1f} % right, "
          f"{1000 * spent / len(crops):6.1f} ms/line")
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        print("rapidocr-onnxruntime not installed: not measured")
        return
    engine = RapidOCR()
    start = time.process_time()
    right = 0
    for number, crop in crops:
        result, _ = engine(np.asarray(crop.convert("RGB")),  # type: ignore[attr-defined]
                           use_det=False, use_cls=False, use_rec=True)
        text = "".join(ch for ch in (result[0][0] if result else "") if ch.isdigit())
        right += text == number
    spent = time.process_time() - start
    print(f"rapidocr (onnxruntime): {100.0 * right / len(crops):5.1f} % right, "
          f"{1000 * spent / len(crops):6.1f} ms/line")


if __name__ == "__main__":
    main()

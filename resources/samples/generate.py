"""Regenerate the bundled sample blank used by `scanstation --self-check`.

Run from the repository root: `.venv/bin/python resources/samples/generate.py`.
The self-check reads the TIFF named in `samples.json` and compares the number it reads with
the one written there, so the pair must be regenerated together. Only the `.tif` and
`.json` files are bundled; this script is not.
"""

from __future__ import annotations

import json
from pathlib import Path

from scanstation.samples import render_blank, sample_number

HERE = Path(__file__).resolve().parent
DPI = 200  # the collector's required scan resolution


def main() -> None:
    number = sample_number(kit=1, page=1, serial=20260001)
    page = render_blank(number, "Code128", DPI, subtitle="ScanStation self-check sample")
    # 1-bit LZW: what many stations scan, and ~10x smaller in the bundle than 8-bit gray.
    name = "blank_code128.tif"
    page.convert("1").save(HERE / name, compression="tiff_lzw", dpi=(DPI, DPI))
    manifest = [{"file": name, "number": number, "profile": "default", "dpi": DPI}]
    (HERE / "samples.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"{name}: {number}")


if __name__ == "__main__":
    main()

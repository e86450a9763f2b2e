"""Regenerate the window's translations: `.ts` sources from the code, `.qm` from the `.ts`.

`pyside6-lupdate` collects every `self.tr(...)` / `QCoreApplication.translate(...)` string
of `scanstation/ui/` into `resources/translations/scanstation_ru.ts`, keeping the
translations already there (edit them with `pyside6-linguist` or by hand); then
`pyside6-lrelease` compiles `scanstation_ru.qm`, which the window loads at start.
`--check` fails when a string has no Russian translation yet (CI and `make translations`).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scanstation" / "ui"
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("ru",)


def tool(name: str) -> str:
    """The Qt tool from the venv beside this Python, else from PATH."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install pyside6)")
    return found


def unfinished(ts_file: Path) -> list[str]:
    """Source texts without a finished translation."""
    tree = ET.parse(ts_file)
    missing = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source", "")
        kind = translation.get("type") if translation is not None else "unfinished"
        if kind in ("vanished", "obsolete"):
            continue
        if translation is None or kind == "unfinished" or not (translation.text or "").strip():
            missing.append(source)
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true",
                        help="fail when a string has no translation")
    args = parser.parse_args(argv)
    FOLDER.mkdir(parents=True, exist_ok=True)
    sources = sorted(str(p.relative_to(ROOT)) for p in SOURCES.glob("*.py"))
    status = 0
    for language in LANGUAGES:
        ts_file = FOLDER / f"scanstation_{language}.ts"
        qm_file = ts_file.with_suffix(".qm")
        subprocess.run([tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations",
                        "none", "-target-language", language, *sources, "-ts",
                        str(ts_file.relative_to(ROOT))], cwd=ROOT, check=True)
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm",
                        str(qm_file)], cwd=ROOT, check=True)
        extra = FOLDER / f"qtbase_extra_{language}.ts"  # hand-kept: strings Qt's lacks
        if extra.exists():
            subprocess.run([tool("pyside6-lrelease"), "-silent", str(extra), "-qm",
                            str(extra.with_suffix(".qm"))], cwd=ROOT, check=True)
        missing = unfinished(ts_file)
        print(f"{ts_file.name}: {len(missing)} untranslated; {qm_file.name} written")
        if missing and args.check:
            for text in missing:
                print(f"  untranslated: {text}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())

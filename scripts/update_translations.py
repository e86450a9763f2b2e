"""Regenerate the one translation source, `resources/translations/scanstation_<lang>.ts`,
from the code, and compile the window's `.qm` from it.

Two extractors fill the same file, each keeping the translations already there (edit them
with `pyside6-linguist` or by hand) and marking new strings unfinished:
- `pyside6-lupdate` collects the window's `self.tr(...)` / `QCoreApplication.translate(...)`
  strings of `scanstation/ui/`, one context per class;
- an AST scan collects the core's `tr("English text", name=value)` calls of all of
  `scanstation/` into the context `core`, which `scanstation.i18n` reads without Qt.
Then `pyside6-lrelease` compiles `scanstation_<lang>.qm`, which the window loads at start.
Problems are printed; `--check` makes them fail the run: a string with no translation yet,
or a core call whose placeholders do not match its values (tests/test_i18n.py and
tests/ui/test_translations.py check the committed file the same way).
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scanstation" / "ui"
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("ru",)
CORE_CONTEXT = "core"
_CORE_BLOCK = re.compile(r"<context>\s*<name>" + CORE_CONTEXT + r"</name>.*?</context>\n",
                         re.DOTALL)


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


def placeholders(text: str) -> set[str]:
    """The `str.format` field names of a core text (`{path}`, `{share:.1f}` → path, share)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def core_messages(root: Path = ROOT) -> tuple[list[str], list[str]]:
    """Every core `tr("...")` text of `scanstation/` in file order, and what is wrong with
    the calls: the text must be a literal (the scan cannot read a computed one) and its
    placeholders must be exactly the values passed (none: the text is shown as written)."""
    texts: dict[str, None] = {}
    problems = []
    for path in sorted((root / "scanstation").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        calls = sorted((node for node in ast.walk(tree) if isinstance(node, ast.Call)
                        and isinstance(node.func, ast.Name) and node.func.id == "tr"),
                       key=lambda node: (node.lineno, node.col_offset))
        for node in calls:
            where = f"{path.relative_to(root).as_posix()}:{node.lineno}"
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                problems.append(f"{where}: tr() needs a string literal")
                continue
            values = {k.arg for k in node.keywords}
            try:
                fields = placeholders(first.value) if values else set()
            except ValueError as exc:
                problems.append(f"{where}: {exc}")
                continue
            if None in values or fields != values:
                problems.append(f"{where}: placeholders {sorted(fields)} but values "
                                f"{sorted(v or '**' for v in values)}")
            texts[first.value] = None
    return list(texts), problems


def read_core(ts_file: Path) -> dict[str, tuple[str, bool]]:
    """The core context's translations: source → (translation, finished)."""
    if not ts_file.exists():
        return {}
    found = {}
    for context in ET.parse(ts_file).iter("context"):
        if context.findtext("name") != CORE_CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            text = (translation.text or "") if translation is not None else ""
            found[message.findtext("source", "")] = (text, kind is None and bool(text))
    return found


def _xml(text: str) -> str:
    """Escaped as lupdate writes it, so the file diffs cleanly whichever tool wrote last."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def write_core(ts_file: Path, messages: dict[str, tuple[str, bool]]) -> None:
    """Replace the core context of `ts_file` with `messages` (source → translation,
    finished), in the order given; unfinished ones are marked for the translator."""
    lines = ["<context>", f"    <name>{CORE_CONTEXT}</name>"]
    for source, (text, finished) in messages.items():
        kind = "" if finished else ' type="unfinished"'
        lines += ["    <message>", f"        <source>{_xml(source)}</source>",
                  f"        <translation{kind}>{_xml(text)}</translation>", "    </message>"]
    lines.append("</context>")
    body = _CORE_BLOCK.sub("", ts_file.read_text(encoding="utf-8"))
    body = body.replace("</TS>", "\n".join(lines) + "\n</TS>")
    ts_file.write_text(body, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true",
                        help="fail when a string has no translation")
    args = parser.parse_args(argv)
    FOLDER.mkdir(parents=True, exist_ok=True)
    sources = sorted(str(p.relative_to(ROOT)) for p in SOURCES.glob("*.py"))
    texts, problems = core_messages()
    for problem in problems:
        print(f"  core: {problem}")
    status = 1 if problems and args.check else 0
    for language in LANGUAGES:
        ts_file = FOLDER / f"scanstation_{language}.ts"
        qm_file = ts_file.with_suffix(".qm")
        known = read_core(ts_file)  # before lupdate, which drops contexts it did not find
        subprocess.run([tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations",
                        "none", "-target-language", language, *sources, "-ts",
                        str(ts_file.relative_to(ROOT))], cwd=ROOT, check=True)
        write_core(ts_file, {text: known.get(text, ("", False)) for text in texts})
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

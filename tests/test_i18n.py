"""The core's messages come from the one translation source (the .ts the window's .qm is
compiled from): every core text has its finished Russian with the same placeholders, the
language switch picks Russian or English, and `make translations` keeps what a translator
wrote while marking new texts for them."""

from __future__ import annotations

import importlib.util
import string
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from scanstation import i18n
from scanstation.errors import DiskFullError
from scanstation.i18n import set_language, tr

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "scanstation_ru.ts"


def load_update_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


update = load_update_script()


def fields(text: str) -> Counter[tuple[str, str, str]]:
    """Each `{name!conv:spec}` of a format template, so a dropped or renamed value shows."""
    return Counter((name, spec or "", conv or "") for _, name, spec, conv
                   in string.Formatter().parse(text) if name is not None)


@pytest.fixture
def fresh_catalogue() -> Iterator[None]:
    i18n.catalogue.cache_clear()
    yield
    i18n.catalogue.cache_clear()


def test_every_core_text_has_finished_russian_with_its_placeholders() -> None:
    texts, problems = update.core_messages(ROOT)
    assert not problems, problems
    assert len(texts) > 300  # the whole core, not a sample
    russian = update.read_core(TS)
    missing = [text for text in texts if not russian.get(text, ("", False))[1]]
    assert not missing, f"translate in {TS.name} (make translations): {missing[:5]}"
    stale = sorted(set(russian) - set(texts))
    assert not stale, f"run `make translations`: {stale[:5]}"
    for text in texts:
        translation = russian[text][0]
        assert translation.strip(), text
        assert fields(text) == fields(translation), (text, translation)
        assert translation.endswith("\n") == text.endswith("\n"), text


def test_language_switch_gives_russian_or_english(monkeypatch: pytest.MonkeyPatch) -> None:
    set_language("ru")
    assert str(DiskFullError("/data")).startswith("Недостаточно места на диске: /data.")
    set_language("en")
    assert str(DiskFullError("/data")).startswith("Not enough disk space: /data.")
    set_language(None)  # no choice made: the environment, else Russian
    monkeypatch.setenv("SCANSTATION_LANG", "en")
    assert tr("Pages already scanned and kept: {pages}.", pages=3) == (
        "Pages already scanned and kept: 3.")
    monkeypatch.delenv("SCANSTATION_LANG")
    assert tr("Pages already scanned and kept: {pages}.", pages=3) == (
        "Уже отсканировано и сохранено страниц: 3.")


def test_unfinished_or_unknown_text_shows_in_english(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_catalogue: None) -> None:
    ts = tmp_path / "scanstation_ru.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                  '<TS version="2.1" language="ru">\n</TS>\n', encoding="utf-8")
    update.write_core(ts, {"Done: {n} pages.": ("Готово: страниц — {n}.", True),
                           "Half done.": ("Наполовину", False)})
    monkeypatch.setattr(i18n, "translation_file", lambda language: ts)
    set_language("ru")
    assert tr("Done: {n} pages.", n=4) == "Готово: страниц — 4."
    assert tr("Half done.") == "Half done."  # the translator has not confirmed it
    assert tr("Never extracted {x}", x=1) == "Never extracted 1"


def test_missing_translation_file_leaves_english(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_catalogue: None,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(i18n, "translation_file", lambda language: tmp_path / "gone.ts")
    set_language("ru")
    assert tr("Not enough disk space: {path}.", path="/x") == "Not enough disk space: /x."
    assert "stay in English" in caplog.text


def test_extraction_keeps_translations_and_marks_new_texts(tmp_path: Path) -> None:
    """What `make translations` does to the core context, on a small project of its own."""
    package = tmp_path / "scanstation"
    package.mkdir()
    (package / "a.py").write_text(
        "from scanstation.i18n import tr\n"
        "OLD = tr('Kept text')\n"
        "NEW = tr('New {n} text', n=1)\n"
        "LONG = tr('Joined '\n         'literal')\n"
        "WRONG = tr('Needs {a}', b=2)\n"
        "COMPUTED = tr(OLD)\n", encoding="utf-8")
    texts, problems = update.core_messages(tmp_path)
    assert texts == ["Kept text", "New {n} text", "Joined literal", "Needs {a}"]
    assert problems == ["scanstation/a.py:6: placeholders ['a'] but values ['b']",
                        "scanstation/a.py:7: tr() needs a string literal"]
    ts = tmp_path / "x.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                  '<TS version="2.1" language="ru">\n</TS>\n', encoding="utf-8")
    update.write_core(ts, {"Kept text": ("Сохранённый «текст» & <ещё>", True),
                           "Removed text": ("Удалённый", True)})
    known = update.read_core(ts)
    update.write_core(ts, {text: known.get(text, ("", False)) for text in texts})
    after = update.read_core(ts)
    assert after == {"Kept text": ("Сохранённый «текст» & <ещё>", True),
                     "New {n} text": ("", False), "Joined literal": ("", False),
                     "Needs {a}": ("", False)}
    assert update.unfinished(ts) == ["New {n} text", "Joined literal", "Needs {a}"]
    assert ts.read_text(encoding="utf-8").count("<name>core</name>") == 1

"""Language of the core's messages (command line, operator messages carried by errors).

One translation source serves the core and the window: the Qt Linguist file
`resources/translations/scanstation_<language>.ts`. The core writes its texts in English,
`tr("Not enough disk space: {path}.", path=path)`; `make translations` collects them into
that file's `core` context beside the window's own contexts, and the translator fills in
the Russian there. The core cannot import Qt, so this module reads the `core` context with
`xml.etree` — once, at the first message (a few milliseconds for ~450 messages).

Russian is the default because the operators are Russian-speaking; English is chosen with
`SCANSTATION_LANG=en` or the command line's `--lang en` (the window: its settings).
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import Literal

from scanstation.paths import resources_dir

Language = Literal["ru", "en"]
SOURCE_LANGUAGE: Language = "en"  # the texts in the code; no catalogue needed
CORE_CONTEXT = "core"
_current: Language | None = None
log = logging.getLogger(__name__)


def current_language() -> Language:
    if _current is not None:
        return _current
    env = os.environ.get("SCANSTATION_LANG", "").lower()
    return "en" if env.startswith("en") else "ru"


def set_language(language: Language | None) -> None:
    global _current  # noqa: PLW0603 - one process-wide language, set once at start-up
    _current = language


def translation_file(language: str) -> Path:
    """The one translation source of `language`, shared with the window's `.qm`."""
    return resources_dir() / "translations" / f"scanstation_{language}.ts"


@functools.cache
def catalogue(language: str) -> dict[str, str]:
    """The current language's core texts, read once per process."""
    return read_catalogue(translation_file(language))


def read_catalogue(path: Path) -> dict[str, str]:
    """English → translation for the core context of `path`. Unfinished translations are
    left out, as `lrelease` leaves them out of the window's `.qm`: the English shows instead.
    A missing or broken file gives none (logged): the program still runs, in English."""
    import xml.etree.ElementTree as ET

    try:
        tree = ET.parse(path)
    except (OSError, ET.ParseError) as exc:
        log.warning("translations in %s not read (%s): messages stay in English", path, exc)
        return {}
    found = {}
    for context in tree.iter("context"):
        if context.findtext("name") != CORE_CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None and translation.text:
                found[message.findtext("source", "")] = translation.text
    return found


def tr(text: str, /, **values: object) -> str:
    """`text` (English, a `str.format` template when values are given) in the current
    language, with the values filled in; both languages name the same placeholders."""
    language = current_language()
    if language != SOURCE_LANGUAGE:
        text = catalogue(language).get(text, text)
    return text.format(**values) if values else text


"""Language of the core's messages (command line, operator messages carried by errors).

The window uses Qt's translation system; the core cannot import Qt, so every operator-facing
text in the core is written in both languages at the point of use with `t(ru, en)`. Russian
is the default because the operators are Russian-speaking; English is chosen with
`SCANSTATION_LANG=en` or the command line's `--lang en`.
"""

from __future__ import annotations

import os
from typing import Literal

Language = Literal["ru", "en"]
_current: Language | None = None


def current_language() -> Language:
    if _current is not None:
        return _current
    env = os.environ.get("SCANSTATION_LANG", "").lower()
    return "en" if env.startswith("en") else "ru"


def set_language(language: Language | None) -> None:
    global _current  # noqa: PLW0603 - one process-wide language, set once at start-up
    _current = language


def t(ru: str, en: str) -> str:
    """The text in the current language; both versions live side by side at the call site."""
    return en if current_language() == "en" else ru

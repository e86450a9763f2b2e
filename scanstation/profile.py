"""Event profiles: what a valid blank number looks like and where the kit and page sit in it.

The structure of the 20 digits is not published, so it is data (a TOML file per event), not
code. Positions are 1-based and inclusive, as a person reads them off a printed number.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from scanstation.errors import ProfileError
from scanstation.i18n import tr
from scanstation.paths import resources_dir

log = logging.getLogger(__name__)

DEFAULT_BLANK_PATTERN = r"^\d{20}$"


@dataclass(frozen=True)
class EventProfile:
    name: str
    pages_per_kit: int
    blank_number: str = DEFAULT_BLANK_PATTERN
    kit_digits: tuple[int, int] = (1, 6)
    page_digits: tuple[int, int] = (19, 20)
    source: Path | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        try:
            re.compile(self.blank_number)
        except re.error as exc:
            raise ProfileError(
                tr("Profile '{name}': invalid blank number pattern: {exc}", name=self.name, exc=exc)
            ) from exc
        if self.pages_per_kit < 1:
            raise ProfileError(
                tr("Profile '{name}': pages_per_kit must be at least 1", name=self.name)
            )
        for label, (first, last) in (("kit_digits", self.kit_digits),
                                     ("page_digits", self.page_digits)):
            if not 1 <= first <= last:
                raise ProfileError(
                    tr(
                        "Profile '{name}': {label} must be [first, last], 1 ≤ first ≤ last",
                        name=self.name,
                        label=label,
                    )
                )

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.blank_number)

    def is_valid_number(self, text: str) -> bool:
        """True when `text` is a blank number of this event (other barcodes are not)."""
        if self.pattern.fullmatch(text) is None:
            return False
        return len(text) >= max(self.kit_digits[1], self.page_digits[1])

    @property
    def number_length(self) -> int:
        """Digits in a blank number: from a `\\d{N}` pattern, else the last position used."""
        match = re.fullmatch(r"\^?\\d\{(\d+)\}\$?", self.blank_number)
        if match:
            return int(match.group(1))
        return max(self.kit_digits[1], self.page_digits[1])

    def kit_of(self, number: str) -> str:
        first, last = self.kit_digits
        return number[first - 1 : last]

    def page_of(self, number: str) -> int:
        first, last = self.page_digits
        return int(number[first - 1 : last])

    @staticmethod
    def normalize_kit(kit: str) -> str:
        """Kit numbers from spreadsheets may lose leading zeros; compare them as integers."""
        stripped = kit.strip()
        return str(int(stripped)) if stripped.isdigit() else stripped


def load_profile(path: Path) -> EventProfile:
    """A profile from its TOML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ProfileError(
            tr("Profile file not found: {path}", path=path)
        ) from exc
    except UnicodeDecodeError as exc:
        raise ProfileError(
            tr("Profile file {path} is malformed: {exc}", path=path, exc=exc)
        ) from exc
    return parse_profile(text, str(path), source=path)


def parse_profile(text: str, origin: str, *, source: Path | None = None,
                  default_name: str | None = None) -> EventProfile:
    """A profile from TOML text (a file's, or an event's snapshot); `origin` names it in
    the error messages, `default_name` stands in for a missing `name`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(
            tr("Profile file {origin} is malformed: {exc}", origin=origin, exc=exc)
        ) from exc
    try:
        return EventProfile(
            name=str(data["name"] if default_name is None else data.get("name", default_name)),
            pages_per_kit=int(data["pages_per_kit"]),
            blank_number=str(data.get("blank_number", DEFAULT_BLANK_PATTERN)),
            kit_digits=_pair(data.get("kit_digits", [1, 6])),
            page_digits=_pair(data.get("page_digits", [19, 20])),
            source=source,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ProfileError(
            tr("Profile {origin}: missing or invalid field {exc}", origin=origin, exc=exc)
        ) from exc


def profile_toml(profile: EventProfile) -> str:
    """The profile as TOML text (an event's snapshot): the file itself when there is one,
    else its fields."""
    if profile.source is not None and profile.source.exists():
        return profile.source.read_text(encoding="utf-8")
    return (
        f'name = "{profile.name}"\npages_per_kit = {profile.pages_per_kit}\n'
        f"blank_number = '{profile.blank_number}'\n"
        f"kit_digits = [{profile.kit_digits[0]}, {profile.kit_digits[1]}]\n"
        f"page_digits = [{profile.page_digits[0]}, {profile.page_digits[1]}]\n"
    )


class ProfiledEvent(Protocol):
    """What `event_profile` reads of an event (the `Event` row; the core's profile module
    does not import the database)."""

    @property
    def name(self) -> str: ...

    @property
    def profile_name(self) -> str: ...

    @property
    def profile_toml(self) -> str | None: ...


def event_profile(event: ProfiledEvent) -> EventProfile:
    """The one profile of an event, for review, recognition, completeness and packing alike.

    The rule: the event's snapshot (written when the event was made, so later edits of a
    bundled profile never change an old event); an event without one gets the bundled
    profile it names, and only when the station has none of that name the default one."""
    if event.profile_toml:
        return parse_profile(event.profile_toml, tr(
            "of event «{event_name}»",
            event_name=event.name,
        ),
                             default_name=event.profile_name)
    named = bundled_profile(event.profile_name)
    if named is not None:
        return named
    log.warning("event %r: no profile snapshot and no bundled profile %r, default used",
                event.name, event.profile_name)
    return default_profile()


def _pair(value: object) -> tuple[int, int]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ValueError(f"expected [first, last], got {value!r}")
    return int(value[0]), int(value[1])


def bundled_profiles() -> list[EventProfile]:
    folder = resources_dir() / "profiles"
    return [load_profile(p) for p in sorted(folder.glob("*.toml"))]


def bundled_profile(name: str) -> EventProfile | None:
    """The bundled profile of that name (or file stem), None if the station has none."""
    for profile in bundled_profiles():
        if name in (profile.name, profile.source.stem if profile.source else None):
            return profile
    return None


def resolve_profile(name_or_path: str | None) -> EventProfile:
    """A profile by file path or by the name/stem of a bundled one; the default when None."""
    if name_or_path is None:
        return default_profile()
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or candidate.exists():
        return load_profile(candidate)
    named = bundled_profile(name_or_path)
    if named is not None:
        return named
    raise ProfileError(
        tr("Profile not found: {name_or_path}", name_or_path=name_or_path)
    )


def default_profile() -> EventProfile:
    default = resources_dir() / "profiles" / "default.toml"
    if default.exists():
        return load_profile(default)
    return EventProfile(name="default", pages_per_kit=1)


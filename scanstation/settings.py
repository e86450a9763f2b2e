"""Station settings: declared once, typed, with defaults and numbered upgrades.

They live as JSON in the data folder (`settings.json`), so a portable install carries them
and an operator's choice survives an upgrade of the program: every older file is brought
forward by the numbered steps in `_UPGRADES`, never reset. Unknown keys are dropped, a
wrong type falls back to the default with a log line — a broken settings file must never
stop the station from opening. The window layout is Qt's business (QSettings), not here.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from scanstation.fsutil import atomic_write_text
from scanstation.paths import data_dir

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
VERSION = 2
IMAGE_FORMATS = ("tiff", "jpeg")
COLOR_MODES = ("gray", "color", "bw")
PASSWORD_POLICIES = ("none", "aes", "zipcrypto")
DPI_CHOICES = (150, 200, 300)


@dataclass(frozen=True)
class StationSettings:
    device_id: str = "demo:feeder"
    profile: str = "default"
    dpi: int = 200
    color_mode: str = "gray"
    image_format: str = "tiff"
    duplex: bool = False
    archive_limit: int = 250_000_000
    password_policy: str = "none"  # none / aes / zipcrypto (compatibility only)
    packages_folder: str = ""  # "" → the data folder's packages/
    archives_folder: str = ""  # "" → the data folder's archives/
    language: str = ""  # "" → SCANSTATION_LANG or Russian
    hot_folders: tuple[str, ...] = field(default=())
    # Who types numbers and overrides the gate, for the audit trail; asked once a session.
    # The station's operator, never a participant: no participant name is stored anywhere.
    operator_name: str = ""

    def validated(self) -> StationSettings:
        """Out-of-range values back to their defaults: the file may have been hand-edited."""
        default = StationSettings()
        changes: dict[str, Any] = {}
        if self.dpi not in DPI_CHOICES:
            changes["dpi"] = default.dpi
        if self.color_mode not in COLOR_MODES:
            changes["color_mode"] = default.color_mode
        if self.image_format not in IMAGE_FORMATS:
            changes["image_format"] = default.image_format
        if self.password_policy not in PASSWORD_POLICIES:
            changes["password_policy"] = default.password_policy
        if not 1_000_000 <= self.archive_limit <= default.archive_limit:
            changes["archive_limit"] = default.archive_limit
        if len(self.operator_name) > 100:
            changes["operator_name"] = self.operator_name[:100]
        if self.language not in ("", "ru", "en"):
            changes["language"] = ""
        if changes:
            log.warning("settings: reset out-of-range values %s", sorted(changes))
        return replace(self, **changes)

    def packages_path(self) -> Path:
        return Path(self.packages_folder) if self.packages_folder else data_dir() / "packages"

    def archives_path(self) -> Path:
        return Path(self.archives_folder) if self.archives_folder else data_dir() / "archives"


def _v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 0 called the scanner `device` and the format `tiff: bool`."""
    out = dict(data)
    if "device" in out:
        out["device_id"] = out.pop("device")
    if "tiff" in out:
        out["image_format"] = "tiff" if out.pop("tiff") else "jpeg"
    return out


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had `encrypt: bool`; version 2 names the policy (AES by default)."""
    out = dict(data)
    if "encrypt" in out:
        out["password_policy"] = "aes" if out.pop("encrypt") else "none"
    return out


_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _v0_to_v1, 1: _v1_to_v2}


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    version = int(data.get("version", 0))
    while version < VERSION:
        data = _UPGRADES[version](data)
        version += 1
    data["version"] = VERSION
    return data


def from_dict(data: dict[str, Any]) -> StationSettings:
    default = StationSettings()
    values: dict[str, Any] = {}
    for item in fields(StationSettings):
        if item.name not in data:
            continue
        value = data[item.name]
        expected = getattr(default, item.name)
        if isinstance(expected, tuple) and isinstance(value, list):
            value = tuple(str(v) for v in value)
        if isinstance(expected, bool) != isinstance(value, bool) or not isinstance(
            value, type(expected)
        ):
            log.warning("settings: %s has the wrong type, default kept", item.name)
            continue
        values[item.name] = value
    return StationSettings(**values).validated()


def settings_path(folder: Path | None = None) -> Path:
    return (folder or data_dir()) / SETTINGS_FILE


def load_settings(folder: Path | None = None) -> StationSettings:
    path = settings_path(folder)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return StationSettings()
    except (OSError, ValueError) as exc:
        log.warning("settings: %s unreadable (%s), defaults used", path, exc)
        return StationSettings()
    if not isinstance(raw, dict):
        return StationSettings()
    return from_dict(upgrade(raw))


def save_settings(settings: StationSettings, folder: Path | None = None) -> Path:
    """Atomic and durable (`fsutil.atomic_write_text`): a crash keeps the old settings."""
    path = settings_path(folder)
    data = asdict(settings.validated())
    data["hot_folders"] = list(settings.hot_folders)
    data["version"] = VERSION
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    atomic_write_text(path, text)
    return path

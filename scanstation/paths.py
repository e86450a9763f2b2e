"""Where the station keeps its data, logs and package folders.

`SCANSTATION_DATA_DIR` overrides the per-user folder so a portable install (USB stick,
a folder next to the program) and the tests keep everything in one place.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

from scanstation import APP_NAME


def data_dir() -> Path:
    override = os.environ.get("SCANSTATION_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    override = os.environ.get("SCANSTATION_DATA_DIR")
    path = Path(override) / "logs" if override else Path(user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    return data_dir() / "scanstation.sqlite3"


def packages_dir() -> Path:
    """Default root of package folders (one folder per delivery package / exam room)."""
    path = data_dir() / "packages"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    """The `resources/` folder: inside the bundle when frozen, inside the package when
    installed from a wheel (`pip install .`), beside the package in a checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    return installed if installed.is_dir() else package.parent / "resources"

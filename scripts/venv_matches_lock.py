"""Does the running environment hold exactly what a lock file pins?

`pip install -r LOCK` adds and replaces, but never removes: a package dropped from the lock
(or installed by hand) would stay in .venv and could slip into the bundle. scripts/setup.sh
reinstalls when this reports a difference and uninstalls what `--extra` names;
scripts/build_bundle.sh refuses to build from an environment that does not match.

    python scripts/venv_matches_lock.py requirements/linux.lock          # differences, exit 1
    python scripts/venv_matches_lock.py --extra requirements/linux.lock  # names not pinned
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib import metadata
from pathlib import Path

# The project itself is installed from the work tree (editable), not from the lock.
PROJECT = "scanstation"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def normalise(name: str) -> str:
    """PEP 503: `PySide6_Essentials` and `pyside6-essentials` are one distribution."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path) -> dict[str, str]:
    """Name → version of every `name==version` line (hash and comment lines skipped)."""
    found: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            found[normalise(match.group(1))] = match.group(2)
    return found


def installed() -> dict[str, str]:
    """Name → version of every distribution the running interpreter sees."""
    return {normalise(d.metadata["Name"]): d.version for d in metadata.distributions()}


def differences(locked: dict[str, str], present: dict[str, str]) -> list[str]:
    """One line per package that is missing, at another version, or not in the lock."""
    lines = []
    for name, version in sorted(locked.items()):
        have = present.get(name)
        if have is None:
            lines.append(f"missing: {name}=={version}")
        elif have != version:
            lines.append(f"{name}: {have} installed, lock pins {version}")
    lines += [f"not in the lock: {name}=={present[name]}" for name in extras(locked, present)]
    return lines


def extras(locked: dict[str, str], present: dict[str, str]) -> list[str]:
    """Installed distributions that the lock does not pin (the project itself excepted)."""
    return sorted(set(present) - set(locked) - {PROJECT})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lock", type=Path)
    parser.add_argument("--extra", action="store_true",
                        help="print only the names of installed packages the lock lacks")
    args = parser.parse_args(argv)
    locked, present = pins(args.lock), installed()
    if args.extra:
        for name in extras(locked, present):
            print(name)
        return 0
    lines = differences(locked, present)
    for line in lines:
        print(line)
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())

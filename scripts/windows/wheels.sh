#!/usr/bin/env bash
# The Windows side's packages, taken from requirements/windows.lock only and every file
# checked against the lock's hashes: win_amd64 wheels for the embeddable CPython, and a
# wheel built here from the hash-checked sdist of each package PyPI has no wheel of.
# Needs no Wine; scripts/windows/setup.sh calls it, then installs on the Windows Python
#   --require-hashes --no-deps -r WHEEL_DIR/binary.lock   (the lock less the sdist-only)
#   --no-deps WHEEL_DIR/<each wheel named in WHEEL_DIR/built.txt>
#   bash scripts/windows/wheels.sh PROJECT_DIR WHEEL_DIR PYTHON_X.Y
set -euo pipefail
SRC=$(cd "${1:?project folder}" && pwd)
OUT=${2:?wheel folder}
PYVER=${3:?python version X.Y}
HOSTPY=$SRC/.venv/bin/python
# Published as an sdist only; pure Python (ctypes), so a wheel built on Linux is the one
# Windows would build.
SDIST_ONLY=(pytwain)
mkdir -p "$OUT/sdist"

"$HOSTPY" - "$SRC/requirements/windows.lock" "$OUT" "${SDIST_ONLY[@]}" <<'EOP'
"""Split the lock: OUT/sdist.lock holds the sdist-only entries, OUT/binary.lock the rest."""
import re
import sys
from pathlib import Path

lock, out, sdist_only = Path(sys.argv[1]), Path(sys.argv[2]), set(sys.argv[3:])
header, entries = [], []
for line in lock.read_text(encoding="utf-8").splitlines(keepends=True):
    if re.match(r"[A-Za-z0-9]", line):
        entries.append([line])
    elif entries:
        entries[-1].append(line)
    else:
        header.append(line)
parts = {"binary": list(header), "sdist": list(header)}
for entry in entries:
    name = re.sub(r"[-_.]+", "-", entry[0].split("==")[0]).lower()
    parts["sdist" if name in sdist_only else "binary"] += entry
for part, lines in parts.items():
    (out / f"{part}.lock").write_text("".join(lines), encoding="utf-8")
EOP

# --no-deps: the lock is already the complete set for Windows (uv resolved it for
# win_amd64), while pip here would read markers such as keyring's `sys_platform ==
# "linux"` for this Linux host and ask for packages Windows never gets.
"$HOSTPY" -m pip download -q --require-hashes --no-deps --only-binary=:all: \
  --platform win_amd64 --python-version "$PYVER" --implementation cp \
  -d "$OUT" -r "$OUT/binary.lock"
"$HOSTPY" -m pip download -q --require-hashes --no-deps --no-binary=:all: \
  -d "$OUT/sdist" -r "$OUT/sdist.lock"
# each sdist-only pin as a wheel; WHEEL_DIR/built.txt names them for the Windows install
: > "$OUT/built.txt"
for pin in $(grep -E '^[A-Za-z0-9]' "$OUT/sdist.lock" | cut -d' ' -f1); do
  name=${pin%%==*} version=${pin##*==}
  wheel=$OUT/${name//-/_}-$version-py3-none-any.whl
  if [ ! -f "$wheel" ]; then
    sdist=$(find "$OUT/sdist" -iname "${name//-/[-_]}-$version.tar.gz" | head -1)
    [ -n "$sdist" ] || { echo "wheels: no sdist of $pin downloaded" >&2; exit 1; }
    # the host's locked setuptools builds it: no unchecked build tools from the index
    "$HOSTPY" -m pip wheel -q --no-deps --no-build-isolation -w "$OUT" "$sdist"
    [ -f "$wheel" ] || { echo "wheels: $pin did not build as pure Python (py3-none-any)" >&2
                         exit 1; }
  fi
  basename "$wheel" >> "$OUT/built.txt"
done

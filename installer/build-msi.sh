#!/usr/bin/env bash
# The MSI (per machine, for Intune/SCCM) from a frozen Windows folder, with wixl (Debian: apt-get install wixl
# msitools). Runs on Linux: the CI's Windows job hands its dist\Beoordelaar folder to a Linux job for this step.
#
#   bash installer/build-msi.sh DIST_DIR [OUT_DIR]
#
# DIST_DIR holds Beoordelaar.exe, beoordelaar-cli.exe and _internal/ (installer/beoordelaar.spec on Windows). The
# version is the package's (src/beoordelaar/__init__.py). Afterwards msiinfo checks the tables: the files, the
# upgrade code, the .bwp type, the Windows condition, the version.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
dist="$(cd "${1:?usage: build-msi.sh DIST_DIR [OUT_DIR]}" && pwd)"
out="${2:-/tmp/beoordelaar-freeze/dist}"
mkdir -p "$out"
for exe in Beoordelaar.exe beoordelaar-cli.exe; do
    [[ -f "$dist/$exe" ]] || { echo "$dist has no $exe: build the Windows folder first (installer/README.md)" >&2; exit 1; }
done
version="$(sed -n 's/^__version__ = "\([0-9.]*\).*"/\1/p' "$repo/src/beoordelaar/__init__.py")"
[[ -n "$version" ]] || { echo "no version in src/beoordelaar/__init__.py" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Every file but the two executables (beoordelaar.wxs names those itself), as components under INSTALLDIR.
(cd "$dist" && find . -type f ! -path ./Beoordelaar.exe ! -path ./beoordelaar-cli.exe | sed 's#^\./##' | sort) \
    | wixl-heat --prefix "" --directory-ref INSTALLDIR --component-group ProgramFiles --var var.SourceDir --win64 \
    > "$work/program-files.wxs"

msi="$out/Beoordelaar-$version.msi"
start=$SECONDS
# wixl takes sources relative to the folder it runs in (an absolute path fails): link them into the work folder.
ln -s "$dist" "$work/dist"
cp "$repo/resources/icons/beoordelaar.ico" "$here/beoordelaar.wxs" "$work/"
(cd "$work" && wixl -a x64 -D Win64=yes -D Version="$version" -D SourceDir=dist -D IconFile=beoordelaar.ico \
    -o beoordelaar.msi beoordelaar.wxs program-files.wxs)
mv "$work/beoordelaar.msi" "$msi"
echo "MSI: $msi ($(du -h "$msi" | cut -f1), $((SECONDS - start)) s)"

# Validation: the database opens and holds what Intune, SCCM and the user need.
python3 "$here/check_msi.py" "$msi" "$version" "$(find "$dist" -type f | wc -l)"

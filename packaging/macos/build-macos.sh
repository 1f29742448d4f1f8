#!/usr/bin/env bash
# Build "Résumé Studio.app" and a drag-to-Applications .dmg on macOS.
#
#   packaging/macos/build-macos.sh [--out dist]
#
# Needs Python 3.11 with the project and its packaging extra installed
# (pip install -e '.[packaging]'), plus Xcode's command line tools for iconutil,
# codesign and hdiutil. Set MACOS_SIGN_IDENTITY to a "Developer ID Application"
# identity to sign for distribution; without it the app is ad-hoc signed, which runs
# on the build machine and, after the user's right-click > Open, on others.
set -euo pipefail

out="dist"
if [ "${1:-}" = "--out" ] && [ -n "${2:-}" ]; then out="$2"; fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"

if [ "$(uname -s)" != "Darwin" ]; then
  echo "build-macos.sh: this builds a macOS app and must run on macOS" >&2
  exit 2
fi

# 1. The bundle. build.py makes build/icons/resume-studio.icns with iconutil first,
#    and the spec wraps the one-folder build into "Résumé Studio.app" with
#    packaging/macos/Info.plist merged in.
"$python" packaging/build.py --out "$out"
app="$out/Résumé Studio.app"
if [ ! -d "$app" ]; then
  echo "build-macos.sh: PyInstaller did not produce $app" >&2
  exit 1
fi

# 2. Signing: Developer ID when given, ad-hoc otherwise (Apple silicon refuses to run
#    unsigned code at all).
#    The hardened runtime (needed for notarisation) only goes with a real identity:
#    its library validation would refuse the ad-hoc signed Qt libraries.
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGN_IDENTITY" "$app"
else
  codesign --force --deep --sign - "$app"
fi
codesign --verify --deep --strict "$app"

# 3. A quick check of the frozen CLI inside the app.
"$app/Contents/MacOS/resume-studio" --version
"$app/Contents/MacOS/resume-studio" export --list

# 4. The disk image: the app beside a link to /Applications.
version="$("$python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
arch="$(uname -m)"
staging="$out/dmg-staging"
rm -rf "$staging"
mkdir -p "$staging"
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
dmg="$out/resume-studio-$version-macos-$arch.dmg"
rm -f "$dmg"
hdiutil create -volname "Résumé Studio" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"
rm -rf "$staging"
hdiutil verify "$dmg"
echo "Built $dmg ($(du -h "$dmg" | cut -f1))"

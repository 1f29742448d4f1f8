#!/usr/bin/env bash
# Install Résumé Studio from this unpacked tarball.
#
#   ./install.sh            as a normal user: under ~/.local (no sudo needed)
#   sudo ./install.sh       as root: the app in /opt/resume-studio, the command in /usr/local/bin
#
# It copies the app, links the `resume-studio` command, registers the menu entry,
# the icon and the résumé file type, and refreshes the desktop caches when their
# tools are installed, so double-clicking a *.resume.json file opens the app.
# Run it again to upgrade. Undo with uninstall.sh (also copied into the app folder).
# `sh install.sh` runs dash on Debian and Ubuntu: start again under bash.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -euo pipefail

usage() {
  cat <<USAGE
Usage: $0 [--user | --system] [--help]

  --user     install for this user under ~/.local (the default when not root)
  --system   install for everyone under /opt and /usr/local (the default as root)
USAGE
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mode=""
if [ "$(id -u)" -eq 0 ]; then mode="system"; else mode="user"; fi
while [ $# -gt 0 ]; do
  case "$1" in
    --user) mode="user" ;;
    --system) mode="system" ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

if [ "$mode" = "system" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: --system needs root; run it with sudo, or use --user" >&2
    exit 2
  fi
  app_dir="/opt/resume-studio"
  bin_dir="/usr/local/bin"
  data_dir="/usr/local/share"
else
  if [ -z "${HOME:-}" ]; then
    echo "install.sh: HOME is not set, so there is no ~/.local to install into" >&2
    exit 2
  fi
  app_dir="$HOME/.local/lib/resume-studio"
  bin_dir="$HOME/.local/bin"
  data_dir="${XDG_DATA_HOME:-$HOME/.local/share}"
fi

if [ ! -x "$here/app/resume-studio" ]; then
  echo "install.sh: $here/app/resume-studio is missing; unpack the whole tarball first" >&2
  exit 2
fi

marker=".resume-studio-install"
if [ -e "$app_dir" ] && [ ! -e "$app_dir/$marker" ]; then
  echo "install.sh: $app_dir exists but was not made by this installer; not touching it" >&2
  exit 2
fi

echo "Installing Résumé Studio ($mode) into $app_dir"
# Copy beside the old version, then swap, so a failed copy never leaves half an app.
mkdir -p "$(dirname "$app_dir")" "$bin_dir" "$data_dir/applications" "$data_dir/mime/packages"
staging="$app_dir.new.$$"
rm -rf "$staging"
trap 'rm -rf "$staging"' EXIT
cp -R "$here/app" "$staging"
cp "$here/uninstall.sh" "$staging/uninstall.sh"
chmod 0755 "$staging/uninstall.sh"
rm -rf "$app_dir"
mv "$staging" "$app_dir"
trap - EXIT

manifest="$app_dir/$marker"
: >"$manifest"
{
  echo "mode=$mode"
  echo "app_dir=$app_dir"
  echo "bin_dir=$bin_dir"
  echo "data_dir=$data_dir"
} >>"$manifest"
record() { echo "file=$1" >>"$manifest"; }

ln -sfn "$app_dir/resume-studio" "$bin_dir/resume-studio"
record "$bin_dir/resume-studio"

# The menu entry runs the installed binary by its full path: ~/.local/bin is not on
# every desktop session's PATH. Exec= takes a quoted argument (the path may hold
# spaces): inside the quotes " ` $ \ are backslash-escaped, a literal % is doubled,
# and the .desktop string syntax doubles every backslash once more.
desktop_quote() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  s="${s//\`/\\\`}"
  s="${s//\$/\\\$}"
  s="${s//%/%%}"
  s="${s//\\/\\\\}"
  printf '"%s"' "$s"
}
desktop_file="$data_dir/applications/resume-studio.desktop"
exec_path="$(desktop_quote "$app_dir/resume-studio")"
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    "Exec=resume-studio"*) printf 'Exec=%s%s\n' "$exec_path" "${line#Exec=resume-studio}" ;;
    "TryExec=resume-studio") printf 'TryExec=%s\n' "$app_dir/resume-studio" ;;
    *) printf '%s\n' "$line" ;;
  esac
done <"$here/share/applications/resume-studio.desktop" >"$desktop_file"
chmod 0644 "$desktop_file"
record "$desktop_file"

for icon in "$here"/share/icons/hicolor/*/apps/resume-studio.*; do
  size_dir="$(basename "$(dirname "$(dirname "$icon")")")"
  target="$data_dir/icons/hicolor/$size_dir/apps/$(basename "$icon")"
  mkdir -p "$(dirname "$target")"
  cp "$icon" "$target"
  chmod 0644 "$target"
  record "$target"
done

mime_file="$data_dir/mime/packages/resume-studio.xml"
cp "$here/share/mime/packages/resume-studio.xml" "$mime_file"
chmod 0644 "$mime_file"
record "$mime_file"

# Refresh what the desktop reads; each tool is optional.
if command -v update-mime-database >/dev/null 2>&1; then
  update-mime-database "$data_dir/mime" >/dev/null 2>&1 || echo "note: update-mime-database failed" >&2
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$data_dir/applications" || echo "note: update-desktop-database failed" >&2
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -e "$data_dir/icons/hicolor/index.theme" ]; then
  gtk-update-icon-cache -q -t -f "$data_dir/icons/hicolor" || true
fi
if [ "$mode" = "user" ] && command -v xdg-mime >/dev/null 2>&1; then
  # Only our own type: JSON and Markdown keep whatever default the user chose.
  xdg-mime default resume-studio.desktop application/x-resume+json >/dev/null 2>&1 || true
fi

echo "Installed: $bin_dir/resume-studio -> $app_dir/resume-studio"
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "note: $bin_dir is not on your PATH; add it, or start the app from the menu" ;;
esac
echo "Uninstall with: $app_dir/uninstall.sh"

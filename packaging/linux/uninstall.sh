#!/usr/bin/env bash
# Remove a Résumé Studio installed by install.sh: exactly the files it recorded.
#
#   ~/.local/lib/resume-studio/uninstall.sh          (a user install)
#   sudo /opt/resume-studio/uninstall.sh             (a system install)
#   ./uninstall.sh [--user | --system]               (from the unpacked tarball)
# `sh install.sh` runs dash on Debian and Ubuntu: start again under bash.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -euo pipefail

marker=".resume-studio-install"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ -e "$here/$marker" ]; then
  app_dir="$here"
else
  mode=""
  if [ "$(id -u)" -eq 0 ]; then mode="system"; else mode="user"; fi
  case "${1:-}" in
    --user) mode="user" ;;
    --system) mode="system" ;;
    "") ;;
    -h | --help) echo "Usage: $0 [--user | --system]"; exit 0 ;;
    *) echo "uninstall.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  if [ "$mode" = "system" ]; then
    app_dir="/opt/resume-studio"
  else
    app_dir="${HOME:?HOME is not set}/.local/lib/resume-studio"
  fi
fi

manifest="$app_dir/$marker"
if [ ! -e "$manifest" ]; then
  echo "uninstall.sh: no Résumé Studio installed by install.sh in $app_dir" >&2
  exit 2
fi

data_dir="$(sed -n 's/^data_dir=//p' "$manifest")"
installed_mode="$(sed -n 's/^mode=//p' "$manifest")"
while IFS= read -r line; do
  case "$line" in
    file=*)
      path="${line#file=}"
      # The command link is ours only while it still points into the app folder.
      if [ -L "$path" ] && [ "$(readlink "$path")" != "$app_dir/resume-studio" ]; then
        continue
      fi
      rm -f "$path"
      ;;
  esac
done <"$manifest"

case "$app_dir" in
  */resume-studio) rm -rf "$app_dir" ;;
  *) echo "uninstall.sh: refusing to delete unexpected folder $app_dir" >&2; exit 1 ;;
esac

# install.sh made us the default for our own type only; take that line back.
mimeapps="${XDG_CONFIG_HOME:-${HOME:-/nonexistent}/.config}/mimeapps.list"
if [ "$installed_mode" = "user" ] && [ -f "$mimeapps" ]; then
  sed -i '/^application\/x-resume+json=resume-studio\.desktop;*$/d' "$mimeapps"
fi

# Folders the installer made stay behind only if something else lives in them.
if [ -n "$data_dir" ]; then
  for dir in "$data_dir"/icons/hicolor/*/apps "$data_dir"/icons/hicolor/* "$data_dir/icons/hicolor"; do
    [ -d "$dir" ] && rmdir --ignore-fail-on-non-empty "$dir"
  done
  # With no package left in mime/packages and no entry left in applications/, the
  # rest of those folders is cache generated from them, and nothing to keep.
  if [ -d "$data_dir/mime/packages" ] && [ -z "$(ls -A "$data_dir/mime/packages")" ]; then
    rm -rf "$data_dir/mime"
  fi
  if [ -d "$data_dir/applications" ] && ! ls "$data_dir"/applications/*.desktop >/dev/null 2>&1; then
    rm -f "$data_dir/applications/mimeinfo.cache"
    rmdir --ignore-fail-on-non-empty "$data_dir/applications"
  fi
  [ -d "$data_dir/icons" ] && rmdir --ignore-fail-on-non-empty "$data_dir/icons"
fi

if [ -n "$data_dir" ]; then
  if command -v update-mime-database >/dev/null 2>&1 && [ -d "$data_dir/mime" ]; then
    update-mime-database "$data_dir/mime" >/dev/null 2>&1 || true
  fi
  if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$data_dir/applications" ]; then
    update-desktop-database -q "$data_dir/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -e "$data_dir/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$data_dir/icons/hicolor" || true
  fi
fi
echo "Résumé Studio was removed from $app_dir"

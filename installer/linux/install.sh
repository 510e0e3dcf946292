#!/usr/bin/env bash
# Installs the Intake Workstation bundle for the current user (no root needed).
# Run from the unpacked tarball: ./install.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target="${XDG_DATA_HOME:-$HOME/.local/share}/intake-workstation-app"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"

if ! command -v tesseract >/dev/null 2>&1; then
    echo "Note: Tesseract OCR is not installed. Install it before reading faxes:"
    echo "  sudo apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa tesseract-ocr-osd"
fi
rm -rf "$target.new"
mkdir -p "$target.new" "$apps" "$icons" "$HOME/.local/bin"
cp -a "$here/intake-workstation/." "$target.new/"
rm -rf "$target" && mv "$target.new" "$target"
install -m 0644 "$here/intake-workstation.svg" "$icons/intake-workstation.svg"
sed "s|@BUNDLE_DIR@|$target|" "$here/intake-workstation.desktop" > "$apps/intake-workstation.desktop"
ln -sf "$target/intake-workstation" "$HOME/.local/bin/intake-workstation"
echo "Installed to $target; start it from the applications menu or run 'intake-workstation'."

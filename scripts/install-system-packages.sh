#!/usr/bin/env bash
# Installs the system packages the workstation needs, only those missing.
# Usage: install-system-packages.sh run|test
set -euo pipefail
purpose=${1:-run}

# Tesseract with English, Spanish and orientation data; the libraries Qt needs to open a window
# (or render offscreen); fonts for letters (Spanish accents; Chinese, Japanese and Korean taglines;
# Noto for the scripts the program also bundles: Hindi, Punjabi, Khmer, Lao, Thai); PulseAudio's
# client library, without which Qt Multimedia (voicemail playback) does not load.
packages=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa tesseract-ocr-osd
          libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
          libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core
          fonts-wqy-microhei fonts-noto-core libpulse0)
if [[ $purpose == test ]]; then
    # The PostgreSQL tests start a private server from these binaries; Xvfb and poppler serve
    # the screenshot and letter-preview checks.
    command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 \
        || packages+=(postgresql)
    packages+=(xvfb poppler-utils)
    # The mailbox tests start a private IMAP server (Dovecot) on 127.0.0.1.
    packages+=(dovecot-imapd)
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    if ! command -v tesseract >/dev/null 2>&1; then
        echo "Please install Tesseract OCR 5 with English, Spanish and OSD language data (e.g. 'brew install tesseract tesseract-lang'), then run this again." >&2
        exit 1
    fi
    exit 0
fi

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$p")
done
((${#missing[@]})) || exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "Please install as root: apt-get install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Installs the Debian packages hfaug's tests and demo need, when missing (idempotent).
set -euo pipefail

PACKAGES=(
  # WordNet 3.0, for scripts/build_lexicon.py
  wordnet-base wordnet-sense-index
  # FFmpeg shared libraries, for torchcodec (audio decoding in datasets)
  libavutil57 libavcodec59 libavformat59 libavdevice59 libavfilter8 libswscale6 libswresample4
  # Speech synthesis, for the audio augmentation tests and benchmark
  espeak-ng
  # a headless browser, for the test that renders the before/after preview page
  chromium
)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "hfaug setup: missing system packages: ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "hfaug setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Installs what DigitLab needs to build, when it is missing, and says what it is doing.
# Linux (Debian/Ubuntu): OpenBLAS, GNU readline and zlib development packages.
# macOS: nothing (Accelerate, libedit and zlib come with the system).
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "digitlab: Swift is not installed; get Swift 6 from swift.org first." >&2
  exit 1
fi

if [ "$(uname -s)" = "Linux" ]; then
  needed=(libopenblas-dev libreadline-dev zlib1g-dev)
  missing=()
  for p in "${needed[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "digitlab: installing ${missing[*]} (apt-get)..."
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    echo "digitlab: installed."
  fi
fi

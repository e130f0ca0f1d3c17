#!/usr/bin/env bash
# Fails, naming the files, when `swift format` (config: .swift-format) would change any Swift
# file. To fix: swift format format --in-place --recursive Package.swift Sources Tests Fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -R .swift-format Package.swift Sources Tests Fuzz "$copy/"
(cd "$copy" && swift format format --in-place --recursive Package.swift Sources Tests Fuzz)
if ! diff -rq Package.swift "$copy/Package.swift" >/dev/null \
  || ! diff -rq Sources "$copy/Sources" >/dev/null || ! diff -rq Tests "$copy/Tests" >/dev/null \
  || ! diff -rq Fuzz "$copy/Fuzz" >/dev/null; then
  echo "digitlab: these files are not formatted (swift format, .swift-format):" >&2
  for d in Package.swift Sources Tests Fuzz; do
    diff -rq "$d" "$copy/$d" 2>/dev/null | sed -E 's/^Files ([^ ]+) and .*/  \1/' >&2 || true
  done
  echo "fix with: swift format format --in-place --recursive Package.swift Sources Tests Fuzz" >&2
  exit 1
fi
echo "digitlab: every Swift file is formatted."

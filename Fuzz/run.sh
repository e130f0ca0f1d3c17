#!/usr/bin/env bash
# Builds and runs DigitLab's libFuzzer targets, one per parser (Linux, Swift's -sanitize=fuzzer).
# Usage: Fuzz/run.sh [SECONDS per target, default 600] [target...]
# Targets: idx safetensors drawing lesson progress shell. Crashes land in Fuzz/crashes/.
# shell (command lines: parse, validate, help, completion; never run) needs swift-argument-parser,
# so it is the package Fuzz/Shell, built by SwiftPM; the others are plain swiftc builds, each
# one module made of the target's sources and the sources of the modules it imports
# (AtomicFiles, TextArt; `#if canImport` keeps their imports out), with CKernels' C compiled
# by clang and reached through a module map written here.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}; shift || true
targets=${*:-idx safetensors drawing lesson progress shell}
out=.build-fuzz
mkdir -p "$out" Fuzz/crashes
atomicfiles=$(find Sources/AtomicFiles -name '*.swift')
digitkit="$(find Sources/DigitKit -name '*.swift') $atomicfiles"
lessonkit="$(find Sources/LessonKit Sources/TextArt -name '*.swift') $atomicfiles"
ckernels() {  # CKernels' objects and module map, once, for the DigitKit targets
  [ -n "${ckernels_objects:-}" ] && return
  mkdir -p "$out/ckernels"
  printf 'module CKernels {\n  header "%s/Sources/CKernels/include/CKernels.h"\n  export *\n}\n' "$PWD" \
    >"$out/ckernels/module.modulemap"
  ckernels_objects=""
  for c in Sources/CKernels/*.c; do
    o="$out/ckernels/$(basename "$c" .c).o"
    clang -O2 -fsanitize=fuzzer-no-link,address -I Sources/CKernels/include -c "$c" -o "$o"
    ckernels_objects="$ckernels_objects $o"
  done
}
for t in $targets; do
  case $t in
    idx) src="$digitkit Fuzz/FuzzIDX.swift" ;;
    safetensors) src="$digitkit Fuzz/FuzzSafeTensors.swift" ;;
    drawing) src="$digitkit Fuzz/FuzzDrawing.swift" ;;
    lesson) src="$lessonkit Fuzz/FuzzLesson.swift" ;;
    progress) src="$lessonkit Fuzz/FuzzProgress.swift" ;;
    shell) src="" ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
  esac
  if [ "$t" = shell ]; then
    swift build -c release --package-path Fuzz/Shell --scratch-path "$PWD/$out/shell" \
      -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
    cp "$out/shell/release/FuzzShell" "$out/fuzz-shell"
  elif [ "$t" = lesson ] || [ "$t" = progress ]; then
    swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name Fuzz$t $src -o "$out/fuzz-$t"
  else
    ckernels
    swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name Fuzz$t \
      -I Sources/CBLAS -I Sources/CZlib -I "$out/ckernels" $src $ckernels_objects -lopenblas -lz -o "$out/fuzz-$t"
  fi
  mkdir -p "$out/corpus-$t"
  echo "== $t: ${seconds}s"
  ASAN_OPTIONS=symbolize=0 "$out/fuzz-$t" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
    -timeout=10 -artifact_prefix=Fuzz/crashes/$t- -print_final_stats=1 "$out/corpus-$t" Fuzz/Corpus/$t 2>&1 | tail -12
done

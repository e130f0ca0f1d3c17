#!/usr/bin/env bash
# Training speed of two digitlab builds side by side (`digitlab bench`, see bench-lib.sh),
# for checking that a change keeps the speed: build the old commit elsewhere, pass both.
# Usage: scripts/bench-ab.sh OLD_BINARY NEW_BINARY
set -euo pipefail
old=$1 new=$2
source "$(dirname "$0")/bench-lib.sh"
images_per_s() { "$1" bench --net "$2" --batch "$3" --steps "$4" --json | sed 's/.*"images_per_s":\([0-9.]*\).*/\1/'; }
side_a() { images_per_s "$new" "$@"; }
side_b() { images_per_s "$old" "$@"; }
bench_table "after" "before" "after ÷ before"

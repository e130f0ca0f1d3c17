#!/usr/bin/env bash
# Training speed of two digitlab builds, side by side: `digitlab bench` for every net and
# batch size, the two builds alternating ROUNDS times (default 3), medians compared. For
# checking that a change keeps the speed: build the old commit elsewhere and pass both.
# Usage: scripts/bench-ab.sh OLD_BINARY NEW_BINARY
set -euo pipefail
old=$1 new=$2
rounds=${ROUNDS:-3}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
speed() { "$1" bench --net "$2" --batch "$3" --steps "$4" --json | sed 's/.*"images_per_s":\([0-9.]*\).*/\1/'; }
echo "| net | batch | before images/s | after images/s | after ÷ before |"
echo "|---|---|---|---|---|"
for net in net1 net2 net3; do
  for batch in 16 32 64; do
    if [ "$net" = net3 ]; then steps=$((3000 / batch)); else steps=$((12000 / batch)); fi
    a=""; b=""
    for round in $(seq "$rounds"); do
      a="$a $(speed "$old" $net $batch $steps)"
      b="$b $(speed "$new" $net $batch $steps)"
    done
    a=$(echo $a | median); b=$(echo $b | median)
    echo "| $net | $batch | ${a%.*} | ${b%.*} | $(python3 -c "print(f'{$b/$a:.2f}')") |"
  done
done

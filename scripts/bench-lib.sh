# Shared by the side-by-side speed scripts: source it, define `side_a NET BATCH STEPS` and
# `side_b NET BATCH STEPS` (each prints images/s), then call `bench_table "A" "B" "RATIO"`.
# Every net and batch size is run ROUNDS times (default 3), the two sides alternating (this
# VM's speed drifts from minute to minute, and alternating exposes both to the same drift),
# and the medians are compared. NETS and BATCHES (e.g. NETS=net3 BATCHES=64) narrow the table;
# IMAGES sets the images per measurement (default 3,000 for net3, 12,000 for the others).

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

bench_table() {
  local rounds=${ROUNDS:-3}
  echo "| net | batch | $1 images/s | $2 images/s | $3 |"
  echo "|---|---|---|---|---|"
  for net in ${NETS:-net1 net2 net3}; do
    for batch in ${BATCHES:-16 32 64}; do
      local steps a="" b=""
      if [ "$net" = net3 ]; then steps=$((${IMAGES:-3000} / batch)); else steps=$((${IMAGES:-12000} / batch)); fi
      for _ in $(seq "$rounds"); do
        a="$a $(side_a $net $batch $steps)"
        b="$b $(side_b $net $batch $steps)"
      done
      a=$(echo $a | median); b=$(echo $b | median)
      echo "| $net | $batch | ${a%.*} | ${b%.*} | $(python3 -c "print(f'{$a/$b:.2f}×')") |"
    done
  done
}

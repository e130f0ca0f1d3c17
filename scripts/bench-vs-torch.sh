#!/usr/bin/env bash
# Side-by-side training speed: `digitlab bench` and PyTorch's torch_reference.py, same machine,
# same run, one net and batch size at a time (so neither competes with the other), each side
# ROUNDS times (default 3), alternating, and the medians compared.
# Needs PyTorch: python3 -m venv .venv-torch && .venv-torch/bin/pip install "torch==2.13.0+cpu" numpy safetensors
# Usage: scripts/bench-vs-torch.sh [path/to/python] [path/to/torch_reference.py]
set -euo pipefail
cd "$(dirname "$0")/.."
py=${1:-.venv-torch/bin/python}
ref=${2:-../shared/bench/torch_reference.py}
swift build -c release --product digitlab >/dev/null
rounds=${ROUNDS:-3}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| net | batch | DigitLab images/s | PyTorch images/s | ratio |"
echo "|---|---|---|---|---|"
for net in net1 net2 net3; do
  for batch in 16 32 64; do
    if [ "$net" = net3 ]; then steps=$((3000 / batch)); else steps=$((12000 / batch)); fi
    # Alternate the two $rounds times and take each side's median: this VM's speed drifts
    # from minute to minute, and alternating exposes both sides to the same drift.
    ours=""; theirs=""
    for round in $(seq "$rounds"); do
      ours="$ours $(.build/release/digitlab bench --net $net --batch $batch --steps $steps --json | sed 's/.*"images_per_s":\([0-9.]*\).*/\1/')"
      theirs="$theirs $("$py" "$ref" speed --net $net --batch $batch --steps $steps | sed 's/.*"images_per_s": \([0-9.]*\).*/\1/')"
    done
    ours=$(echo $ours | median); theirs=$(echo $theirs | median)
    ratio=$(python3 -c "print(f'{$ours/$theirs:.2f}×')")
    echo "| $net | $batch | ${ours%.*} | ${theirs%.*} | $ratio |"
  done
done

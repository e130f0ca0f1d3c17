#!/usr/bin/env bash
# Side-by-side training speed: `digitlab bench` and PyTorch's torch_reference.py, same machine,
# same run, one net and batch size at a time (so neither competes with the other); see
# bench-lib.sh for the rounds and medians.
# Needs PyTorch: python3 -m venv .venv-torch && .venv-torch/bin/pip install "torch==2.13.0+cpu" numpy safetensors
# Usage: scripts/bench-vs-torch.sh [path/to/python] [path/to/torch_reference.py]
# FAST=1 also times Net3 to 99.3% both ways, one after the other: `digitlab train --net net3
# --recipe fast` (seeds SEEDS, default "1 2 3") against the reference's one-cycle command
# (wall time, evaluation included). NETS=none skips the table.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${1:-.venv-torch/bin/python}
ref=${2:-../shared/bench/torch_reference.py}
swift build -c release --product digitlab >/dev/null
source scripts/bench-lib.sh
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
.build/release/digitlab bench --net net1 --batch 16 --steps 1 | grep '^SIMD' || true
side_a() { .build/release/digitlab bench --net "$1" --batch "$2" --steps "$3" --json | sed 's/.*"images_per_s":\([0-9.]*\).*/\1/'; }
side_b() { "$py" "$ref" speed --net "$1" --batch "$2" --steps "$3" | sed 's/.*"images_per_s": \([0-9.]*\).*/\1/'; }
[ "${NETS:-}" = none ] || bench_table "DigitLab" "PyTorch" "ratio"
if [ "${FAST:-0}" = 1 ]; then
  seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/tmp/bench-fast.$$ 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
  last_epoch() { grep '"epoch"' /tmp/bench-fast.$$ | tail -1 | sed 's/.*"epoch": *\([0-9]*\).*"test_correct": *\([0-9]*\).*/epoch \1, \2\/10000/'; }
  fast() { seconds env HOME="$(mktemp -d)" .build/release/digitlab train --net net3 --recipe fast --seed "$1" --json; }
  # The first seed, then PyTorch, then the other seeds (SEEDS, default "1 2 3"): one after the other.
  set -- ${SEEDS:-1 2 3}
  dl=$(fast "$1"); echo "Net3 to 99.3%, DigitLab train --recipe fast --seed $1: ${dl} s ($(last_epoch))"
  pt=$(seconds "$py" "$ref" train --net net3 --batch 64 --epochs 3 --lr 3e-3 --schedule onecycle --until 9930)
  echo "Net3 to 99.3%, PyTorch one-cycle command: ${pt} s ($(last_epoch))"
  echo "  DigitLab ÷ PyTorch time: $(python3 -c "print(f'{$dl/$pt:.2f}')")"
  shift
  for seed in "$@"; do
    dl=$(fast "$seed"); echo "Net3 to 99.3%, DigitLab train --recipe fast --seed $seed: ${dl} s ($(last_epoch)), $(python3 -c "print(f'{$dl/$pt:.2f}')") of PyTorch's"
  done
  rm -f /tmp/bench-fast.$$
fi

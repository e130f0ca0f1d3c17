#!/usr/bin/env bash
# Side-by-side training speed: `digitlab bench` and PyTorch's torch_reference.py, same machine,
# same run, one net and batch size at a time (so neither competes with the other); see
# bench-lib.sh for the rounds and medians.
# Needs PyTorch: python3 -m venv .venv-torch && .venv-torch/bin/pip install "torch==2.13.0+cpu" numpy safetensors
# Usage: scripts/bench-vs-torch.sh [path/to/python] [path/to/torch_reference.py]
set -euo pipefail
cd "$(dirname "$0")/.."
py=${1:-.venv-torch/bin/python}
ref=${2:-../shared/bench/torch_reference.py}
swift build -c release --product digitlab >/dev/null
source scripts/bench-lib.sh
side_a() { .build/release/digitlab bench --net "$1" --batch "$2" --steps "$3" --json | sed 's/.*"images_per_s":\([0-9.]*\).*/\1/'; }
side_b() { "$py" "$ref" speed --net "$1" --batch "$2" --steps "$3" | sed 's/.*"images_per_s": \([0-9.]*\).*/\1/'; }
bench_table "DigitLab" "PyTorch" "ratio"

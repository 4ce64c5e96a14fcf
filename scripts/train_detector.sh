#!/usr/bin/env bash
# Rebuild the shipped detector (mtaudit/data/detector.json.gz) from ../shared: every test set and MT system
# (opus-mt on newstest2009-2013, 9 systems on WMT21 de-fr, 5 on FLORES en-fr), their human references and
# native French, folds by collection, systems balanced (see benchmarks/detector_corpus.py). Without the
# fluency features (they add 0.009 out-of-fold AUROC on unseen collections), so the model needs no profile.
# The same run trains the fast filter mode's variant (mtaudit audit --mode filter).
#   scripts/train_detector.sh
set -euo pipefail
cd "$(dirname "$0")/.."
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
corpus="$folder/detector-corpus.jsonl"
python3 benchmarks/detector_corpus.py > "$corpus"
python3 -m mtaudit train "$corpus" --group-by collection --balance-by system \
    --no-backtranslation --no-fluency -o mtaudit/data/detector.json.gz

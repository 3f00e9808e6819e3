#!/bin/bash
# usage: tests/eval/status_sets.sh CODE_DIR OUT_DIR [SET...]
# Builds each development set that has statuses.jsonl (or the SETs named) into OUT_DIR/data-SET
# with the code in CODE_DIR and writes OUT_DIR/SET.json (`lapekg eval --heldout SET --misses`).
# Then: python tests/eval/status_diagnose.py OUT_DIR  (pooled status figures and miss stages).
set -u
CODE=$(cd "$1" && pwd); OUT=$2; shift 2; mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
export LAPEKG_MODEL=${LAPEKG_MODEL:-/work/main/models/multilingual-e5-small}
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
PY=/work/main/.venv/bin/python
SETS=("$@")
if [ ${#SETS[@]} = 0 ]; then
  SETS=(devstatus devstatus2 devstatus3 devstatus4 devstatus5 devstatus6 devstatus7 devstatus8d devstatus9
        dev5w dev5w2 dev6w dev8w dev10w dev12w dev17w)
fi
cd "$CODE"
for s in "${SETS[@]}"; do
  G=$CODE/tests/corpora/$s
  rm -rf "$OUT/data-$s"
  LAPEKG_DATA=$OUT/data-$s PYTHONPATH=$CODE $PY -m api.cli build "$G/docs" > "$OUT/$s.build" 2>&1
  LAPEKG_DATA=$OUT/data-$s PYTHONPATH=$CODE $PY -m api.cli eval --heldout "$G" \
    --questions /dev/null --json --misses > "$OUT/$s.json" 2> "$OUT/$s.err"
done
echo done > "$OUT/done"

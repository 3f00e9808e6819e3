#!/usr/bin/env bash
# Paired whole builds of one corpus by two code trees, alternated, each into an empty data dir
# (issue 15: the default build's tokens/s). For each build: wall, user and sys CPU seconds
# (/usr/bin/time), perf stat's task-clock (and instructions where the machine counts them), the
# 1-minute load average before and after; then whether the two trees' outputs are the same
# (N-Quads export with blank nodes normalised and sorted, passages.jsonl, documents.json,
# vectors.faiss).
#
#   bench/build_pair.sh A_DIR B_DIR CORPUS OUT [PAIRS]
#
#   A_DIR, B_DIR  code trees (e.g. /work/main and a worktree); each runs `python -m api.cli`
#                 with PYTHONPATH set to itself
#   CORPUS        e.g. a 10x synthetic corpus: python -m bench.synth /tmp/c10 --scale 10
#                 (167,136 tokens: 2,000 tokens/s is a build of <= 83.6 s)
#   OUT           a directory for the data dirs and the figures (OUT/pairs.tsv)
#   PAIRS         default 2; pair 1 runs A then B, pair 2 B then A, and so on (FIRST=N
#                 numbers the first pair N, to add pairs to an OUT later)
#
# Uses the environment's python (export PATH=/work/main/.venv/bin:$PATH and LAPEKG_MODEL as
# usual). One build at a time; on a shared machine compare CPU seconds, not walls.
set -euo pipefail
A=$(realpath "$1"); B=$(realpath "$2"); CORPUS=$(realpath "$3"); OUT=$4; PAIRS=${5:-2}
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
TOKENS=${TOKENS:-167136}
load() { cut -d' ' -f1 /proc/loadavg; }
PERF=()
if command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1; then
  PERF=(perf stat -x, -e instructions,task-clock)
fi

build() {  # build NAME CODE
  local name=$1 code=$2 dir=$OUT/$1
  rm -rf "$dir"; mkdir -p "$dir/data"
  local before; before=$(load)
  local start; start=$(date -u +%H:%M:%S)
  (cd "$code" && LAPEKG_DATA=$dir/data PYTHONPATH=$code \
    ${PERF[@]+"${PERF[@]}" -o "$dir/perf.txt"} \
    /usr/bin/time -f "%e %U %S %R" -o "$dir/time.txt" \
    python -m api.cli build "$CORPUS" --json >"$dir/build.json" 2>"$dir/stderr.txt")
  local after; after=$(load)
  read -r wall user sys faults <"$dir/time.txt"
  local clock=- instr=-
  if [ -f "$dir/perf.txt" ]; then
    clock=$(awk -F, '$3=="task-clock"{printf "%.2f", $1/1000}' "$dir/perf.txt")
    instr=$(awk -F, '$3=="instructions"{print $1}' "$dir/perf.txt")
  fi
  local cpu; cpu=$(echo "$user + $sys" | bc)
  local tps; tps=$(echo "scale=0; $TOKENS / $wall" | bc)
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$name" "$code" "$start" "$before" \
    "$after" "$wall" "$user" "$sys" "$cpu" "$clock" "$instr" "$tps" >>"$OUT/pairs.tsv"
  tail -1 "$OUT/pairs.tsv"
}

export_of() {  # the build's N-Quads, blank nodes normalised, sorted
  local dir=$OUT/$1 code=$2
  (cd "$code" && LAPEKG_DATA=$dir/data PYTHONPATH=$code python -m api.cli export -f nquads) \
    | sed -E 's/_:[A-Za-z0-9]+/_:b/g' | LC_ALL=C sort >"$dir/export.nq"
}

same() {  # same NAME1 NAME2
  local ga gb; ga=$(ls -d "$OUT/$1"/data/generations/*/ | tail -1); gb=$(ls -d "$OUT/$2"/data/generations/*/ | tail -1)
  for f in passages.jsonl documents.json vectors.faiss; do
    if cmp -s "$ga/$f" "$gb/$f"; then echo "$1 $2 $f identical"; else echo "$1 $2 $f DIFFERS"; fi
  done
  if cmp -s "$OUT/$1/export.nq" "$OUT/$2/export.nq"; then
    echo "$1 $2 export identical ($(wc -l <"$OUT/$1/export.nq") lines)"
  else echo "$1 $2 export DIFFERS"; fi
}

[ -f "$OUT/pairs.tsv" ] || printf "build\tcode\tstart_utc\tload_before\tload_after\twall_s\tuser_s\tsys_s\tcpu_s\ttask_clock_s\tinstructions\ttokens_per_s\n" >"$OUT/pairs.tsv"
FIRST=${FIRST:-1}
for ((i = FIRST; i < FIRST + PAIRS; i++)); do
  if ((i % 2)); then build "A$i" "$A"; build "B$i" "$B"
  else build "B$i" "$B"; build "A$i" "$A"; fi
  export_of "A$i" "$A"; export_of "B$i" "$B"
  same "A$i" "B$i" | tee -a "$OUT/same.txt"
done

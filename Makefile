# Two entry points for a new user: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SEED   := seeds/000_1d0514e2765e5b9e.txt

.PHONY: demo test install clean bench-install tempeval events-bench throughput

$(BIN)/calendar-extract: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $@

install: $(BIN)/calendar-extract

# `make demo` runs on the seed article (published Tuesday 25 February 2025);
# `make demo INPUT=article.txt OUTPUT=article.ics` runs on your own text.
demo: install
	$(BIN)/calendar-extract extract $(if $(INPUT),$(INPUT),$(SEED) --reference-date 2025-02-25) \
	    --calendar-name "$(or $(NAME),Seed article)" -o $(or $(OUTPUT),examples/seed.ics)

test: install
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# Benchmarks (README "Accuracy and speed"); the baselines need the `bench` extra.
$(VENV)/.bench: $(BIN)/calendar-extract
	$(BIN)/python -m pip install --quiet -e '.[test,dask,bench]'
	touch $@

bench-install: $(VENV)/.bench

tempeval: $(VENV)/.bench
	$(BIN)/python benchmarks/tempeval3.py $(ARGS)

events-bench: install
	$(BIN)/python benchmarks/events.py $(ARGS)

throughput: $(VENV)/.bench
	$(BIN)/python benchmarks/throughput.py $(ARGS)

clean:
	rm -rf $(VENV) build *.egg-info

# Two entry points for a new user: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SEED   := seeds/000_1d0514e2765e5b9e.txt

.PHONY: demo test install clean

$(BIN)/calendar-extract: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/calendar-extract

demo: install
	$(BIN)/calendar-extract extract $(or $(INPUT),$(SEED)) --reference-date 2025-02-25 \
	    --calendar-name "Seed article" -o examples/seed.ics --summary

test: install
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info

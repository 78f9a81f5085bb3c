# The notebook kit for reading a news article closely.
# `make report` and `make test` are the contract: each builds .venv from nothing when it is missing.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ARTICLES ?= seeds
JOBS ?= 2

.DEFAULT_GOAL := help
.PHONY: help venv report test lint lab class bench exercises browser clean
.PHONY: grade sandbox student-kit corpus polnear

## Show this help.
help:
	@awk '/^## /{doc=substr($$0,4); next} /^[a-z][a-z-]*:/{if(doc){split($$0,t,":"); printf "  make %-10s %s\n", t[1], doc}; doc=""}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	@# Notebooks are stored without outputs: git strips them on add (Lab's autosave writes them).
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	  git config filter.nbstripout.clean "$(abspath $(PY)) -m nbstripout --keep-id" && \
	  git config filter.nbstripout.smudge cat && \
	  git config diff.ipynb.textconv "$(abspath $(PY)) -m nbstripout -t --keep-id"; fi
	touch $@

## Create .venv and install the pinned requirements and the helpers package.
venv: $(STAMP)

## Render the HTML reports for the seed article into reports/ (ARTICLES=folder or file, JOBS=n).
report: $(STAMP)
	$(PY) -m helpers render --article $(ARTICLES) --jobs $(JOBS)

## Run every test: ruff, pytest for helpers, nbval for the notebooks and exercises, the browser check.
test: $(STAMP) browser sandbox exercises
	$(VENV)/bin/ruff check src tests notebooks bench
	$(PY) -m pytest tests
	$(PY) -m pytest --nbval-lax --nbval-current-env -p no:cacheprovider notebooks

## Lint with ruff.
lint: $(STAMP)
	$(VENV)/bin/ruff check src tests notebooks bench

## Open JupyterLab on notebooks/ (the report notebooks, and the teacher lessons), without nbgrader.
lab: $(STAMP)
	JUPYTER_CONFIG_PATH=$(CURDIR)/jupyter/lab $(VENV)/bin/jupyter lab --notebook-dir=notebooks \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

## Open JupyterLab for a class: the student lessons only, no solutions (writes them first).
class: exercises
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks/exercises/student \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

## Render the example corpus (data/corpus/): each article's report and the coverage page reports/corpus/05_coverage.html.
corpus: $(STAMP)
	$(PY) -m helpers render --article data/corpus --jobs $(JOBS)

## Score attribution on a copy of PolNeAR (POLNEAR_DIR=folder, SPLIT=dev or train; never test).
polnear: $(STAMP)
	@if [ -z "$(POLNEAR_DIR)" ] || [ ! -f "$(POLNEAR_DIR)/data/metadata.tsv" ]; then \
	  echo "PolNeAR not found: git clone https://github.com/networkdynamics/PolNeAR and run make polnear POLNEAR_DIR=<that folder>"; \
	else $(PY) -m helpers evaluate --polnear "$(POLNEAR_DIR)" --split $(or $(SPLIT),dev); fi

## Time the render and the extraction against the obvious by-hand ways (not part of make test).
bench: $(STAMP)
	$(PY) bench/run.py

## Write the student exercise notebooks (solutions removed) and the teacher HTML.
exercises: $(STAMP)
	$(PY) -m helpers exercises

## Grade a class, each notebook in a bubblewrap sandbox (SUBMISSIONS=folder/<student>/*.ipynb) into grades.csv and graded/.
grade: $(STAMP) sandbox
	$(PY) -m helpers.exercises.grade $(SUBMISSIONS) --out $(or $(GRADES),grades.csv) --jobs $(JOBS)

## Build dist/student-kit/, the folder to zip and hand out: student notebooks, article, rules, public checks, no answers.
student-kit: $(STAMP)
	$(PY) -m helpers.exercises.kit dist/student-kit

## Install Debian's bubblewrap, the sandbox `make grade` runs student code in, when it is missing.
sandbox:
	@command -v bwrap >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null; } ; } \
	  || echo "bubblewrap could not be installed here: grading (and its tests) need it (apt-get install bubblewrap)."

## Install Debian's Chromium for the browser test when it is missing (the test skips without it).
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } ; } \
	  || echo "Chromium could not be installed here: the browser test will be skipped."

## Remove generated files (reports, caches, student notebooks); keeps .venv.
clean:
	rm -rf reports .cache build dist notebooks/exercises/student .pytest_cache .ruff_cache

.PHONY: fuzz
## Fuzz the inputs: 5,000 random articles, then file names, encodings, FIFOs, links, killed renders.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -p no:cacheprovider tests/fuzz/test_text_fuzz.py
	$(PY) -m pytest -p no:cacheprovider -m fuzz tests/fuzz

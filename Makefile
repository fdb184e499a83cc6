# Every target sets itself up: a fresh machine needs only Python 3.11+ and make.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# every dependency, with the extras dev, browser, scale and excel, pinned with hashes (.ci/lock)
LOCK := requirements.lock
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
PYTEST_OPTS ?=

.PHONY: lab lab-settings test lint unit gates notebooks browser wheel-check report app bench bench-full clean venv

venv: $(STAMP)

## venv: the locked versions (hash-checked, no resolution), then this checkout (editable, built
## by the locked hatchling): the same versions on every machine and in CI
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

## lab: open JupyterLab on the curated notebooks (sample corpus by default); the headless
## report (make report) is written to reports/ in the background meanwhile (log: reports/report.log)
## (no news prompt, no news or update fetched: a setting default in the venv, and server options)
lab: $(STAMP) lab-settings
	@mkdir -p reports
	@echo "writing the headless report to reports/ in the background (log: reports/report.log)"
	@($(BIN)/python -m workbench.report --notebooks notebooks --out reports > reports/report.log 2>&1 &)
	$(BIN)/jupyter lab $(ROOT_FLAG) --notebook-dir=notebooks \
		--LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate

LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.d/workbench.json
lab-settings:
	@mkdir -p $(dir $(LAB_OVERRIDES))
	@echo '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' > $(LAB_OVERRIDES)

## test: lint, unit tests, quality gates, notebook hygiene, nbval over every notebook, browser
## tests, and the wheel installed in a fresh venv outside the checkout
test: $(STAMP) lint unit gates notebooks browser wheel-check

## lint: ruff, the import contract (layers pointing down, no cycle: tests/test_import_layers.py)
## and the C901 budget (complex functions only fewer and simpler: tests/test_complexity_budget.py)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -q -p no:cacheprovider tests/test_import_layers.py tests/test_complexity_budget.py

## unit: the fast loop (under 3 minutes): everything but the quality gates, the hardening
## suite, tests marked slow and the browser tests (markers in pyproject.toml; tests/conftest.py
## marks tests/quality and tests/hardening)
FAST := not browser and not slow and not hardening and not quality
unit: $(STAMP)
	$(BIN)/pytest -m "$(FAST)" $(PYTEST_OPTS)

## gates: what unit leaves out (quality gates, hardening, slow), browser tests aside;
## make test runs unit and gates, so every test still runs
gates: $(STAMP)
	$(BIN)/pytest -m "not browser and not ($(FAST))" $(PYTEST_OPTS)

notebooks: $(STAMP)
	$(BIN)/pytest --nbval-lax --nbval-current-env -p no:cacheprovider notebooks/ $(PYTEST_OPTS)

browser: $(STAMP)
	@if [ -x /usr/bin/chromium ]; then \
		$(BIN)/pytest -m browser $(PYTEST_OPTS); \
	else \
		echo "browser tests skipped: /usr/bin/chromium not installed (apt-get install chromium chromium-driver)"; \
	fi

## wheel-check: build the wheel, install it in a fresh venv in a temporary folder, run load(),
## a notebook (nbval) and the CLI there
wheel-check: $(STAMP)
	PYTHON_FOR_WHEEL=$(abspath $(BIN))/python .ci/wheel-check

## report: run every curated notebook headless; HTML and exported charts under reports/;
## CORPUS=path (file, folder or glob) and MANIFEST=csv set the notebooks' parameters
report: $(STAMP)
	$(BIN)/python -m workbench.report --notebooks notebooks --out reports \
		$(if $(CORPUS),--corpus "$(CORPUS)") $(if $(MANIFEST),--manifest "$(MANIFEST)")

## app: serve 02-compare-reporting as a Voila dashboard
app: $(STAMP)
	$(BIN)/voila notebooks/02-compare-reporting.ipynb --no-browser $(VOILA_OPTS)

## bench: the benchmarks (not part of test)
bench: $(STAMP)
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) reports .pytest_cache

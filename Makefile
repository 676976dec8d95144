# Two commands for everyone: `make run` and `make test`. Both set up what they need.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: run test setup check-content migrate typecheck lint bench clean messages contact-sheet

$(PY):
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

check-content: setup
	$(VENV)/bin/backcare check-content

migrate: setup
	$(PY) manage.py migrate --noinput

# `backcare serve` itself checks the content (refusing broken content), migrates and serves,
# reading the library once; `make check-content` is the full check (every demo figure drawn).
run: setup
	PORT=$(PORT) $(VENV)/bin/backcare serve

typecheck: setup
	$(VENV)/bin/mypy backcare

# ruff's rule set (pyflakes, pycodestyle, isort, bugbear, pyupgrade, bandit, ...) is in pyproject.toml.
lint: setup
	$(VENV)/bin/ruff check .

# PYTEST_ARGS narrows a run, e.g. PYTEST_ARGS='-m database' (CI's PostgreSQL pass).
test: check-content migrate typecheck lint
	$(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	$(PY) bench/pages.py
	$(PY) bench/worksheets.py
	$(PY) bench/startup.py

# Every demo figure, held and mid-movement, on one PNG (docs/figures-contact-sheet.png);
# needs chromium at /usr/bin/chromium, as the browser tests do.
contact-sheet: setup
	$(PY) docs/tools/contact_sheet.py

# Rebuild a language's catalogue from the code and compile it (needs GNU gettext); see
# docs/translating.md. The compiled .mo is committed, so `make run` and `make test` need no
# gettext tools.
LANG_CODE ?= es
messages: setup
	$(PY) manage.py makemessages -l $(LANG_CODE) --no-location --no-obsolete \
		--ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*'
	$(PY) manage.py compilemessages -l $(LANG_CODE)

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis

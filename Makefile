# Two entry points: `make handouts` builds the outputs, `make test` runs the suite.
# Both create .venv on first use; the stamps re-install only when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: handouts test lint mutants clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "handouts needs Python 3.11 or newer; set PYTHON=python3.11 (or newer)")'
	$(PYTHON) -m venv $(VENV)

# Bytecode is compiled at install time, so start-up stays quick even where Python may not write it.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	$(PY) -m compileall -q handouts
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@ $(VENV)/.installed

# The article is checked first (reading level, literacy, every layout's fit): an error stops the build.
handouts: $(VENV)/.installed
	$(PY) generate.py check content.yaml
	$(PY) generate.py all content.yaml --out output

# pytest exits 5 when it collects nothing; that would mean the suite went missing, so it fails.
test: $(VENV)/.installed-test
	@$(PY) -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; \
	exit $$rc

# ruff (lint) and mypy (types) over the code; .ci/run runs it before the tests.
lint: $(VENV)/.installed-test
	$(PY) -m ruff check handouts tests bench generate.py
	$(PY) -m mypy

# Deliberate breakages, one at a time: each must make the tests that guard it fail (tests/mutants.py).
mutants: $(VENV)/.installed-test
	$(PY) tests/mutants.py

clean:
	rm -rf $(VENV) output/*.pdf output/*.pptx

# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make report   set up .venv, execute the notebooks, export figures/ and the HTML report
#   make test     set up .venv, run the unit tests and execute every notebook
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: report test lab clean-venv strip-notebooks bench

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -c requirements.lock -e ".[test]"
	@touch $(STAMP)

report: $(STAMP)
	$(PY) -m analysis report

test: $(STAMP)
	$(PY) -m pytest -v

# Jupyter refuses to start as root without --allow-root (containers and many lab machines run as root)
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $$(test "$$(id -u)" = 0 && echo --allow-root)

strip-notebooks: $(STAMP)
	$(PY) -m analysis strip notebooks/*.ipynb

bench: $(STAMP)
	$(PY) benchmarks/bench_scale.py

clean-venv:
	rm -rf $(VENV)

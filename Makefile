# govdata's front door: every developer and CI use these targets (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
export GOVDATA_HOME ?= $(CURDIR)/.local
PACKAGES := proto client runtime svc-catalog svc-search svc-exchange svc-verify svc-audit
SERVICES := svc-catalog svc-search svc-exchange svc-verify svc-audit
PYTEST := $(BIN)/python -m pytest
# Test folders in run order (only those that exist: git keeps no empty folder).
UNIT_TESTS := $(wildcard client/tests/unit runtime/tests/unit $(foreach s,$(SERVICES),$(s)/tests/unit))
INTEGRATION_TESTS := $(wildcard runtime/tests/integration $(foreach s,$(SERVICES),$(s)/tests/integration))

.PHONY: help venv pki servers stubs run demo stop status test unit deploy integration e2e lint bench clean fuzz reindex

help:
	@echo "make run    - install everything, start servers and the ten govdata processes, load the demo catalogue"
	@echo "make demo   - verify the demo households (one truthful, one per planted discrepancy) after make run"
	@echo "make stop   - stop the govdata processes and the local servers"
	@echo "make test   - lint, then unit, integration and end-to-end tests against real servers"
	@echo "make lint   - ruff, proto lint, generated-stub freshness"
	@echo "make deploy - the images, the Helm chart and the alert rules checked without a cluster"
	@echo "make bench  - benchmarks (JSON results in bench-results/)"
	@echo "make reindex - rebuild the search indices from the catalogue (CHECK=1: only report drift)"

# The virtualenv is rebuilt when any distribution's metadata or the pins change.
$(VENV)/.installed: constraints.txt tests/requirements.txt $(foreach p,$(PACKAGES),$(p)/pyproject.toml)
	@echo "==> creating $(VENV) and installing govdata's distributions"
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt "pip>=23" "setuptools>=68,<81" wheel
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -r tests/requirements.txt $(foreach p,$(PACKAGES),-e ./$(p))
	touch $@

venv: $(VENV)/.installed

# The development CA, certificates, subject-key secret and registry seed (never committed).
pki: venv
	$(BIN)/python -m govdata.runtime.devpki $(GOVDATA_HOME)/pki

servers: pki
	scripts/servers.sh start

stubs: venv
	$(BIN)/python proto/generate.py

run: venv servers
	$(BIN)/python scripts/processes.py start
	$(BIN)/python scripts/demo.py
	$(BIN)/python scripts/processes.py settle
	$(BIN)/python scripts/demo_sources.py
	$(BIN)/python scripts/processes.py endpoints
	@echo "  prometheus: $${GOVDATA_PROMETHEUS_URL:-http://127.0.0.1:9095}   stop everything: make stop"

# The household verification's flagship scenario against the running platform: reports printed
# in Chinese, PDFs in $(GOVDATA_HOME)/demo/ (the households come from make run's demo_sources).
demo: venv
	$(BIN)/python scripts/demo_verify.py

stop:
	-[ -x $(BIN)/python ] && $(BIN)/python scripts/processes.py stop
	scripts/servers.sh stop

# A full search rebuild from svc-catalog with an alias swap (no search downtime); CHECK=1 only
# compares the index with the catalogue.
reindex: venv
	$(BIN)/python scripts/processes.py reindex $(if $(CHECK),--check,)

status:
	scripts/servers.sh status || true
	$(BIN)/python scripts/processes.py status || true

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python proto/generate.py --check
	scripts/servers.sh tools
	proto/lint.sh

unit: venv
	$(PYTEST) $(UNIT_TESTS) tests/hostile tests/demo

# The images, the Helm chart and the alert rules, without a cluster (helm, helm-unittest, the
# CRDs: scripts/servers.sh tools; promtool: the prometheus package).
deploy: venv
	scripts/servers.sh tools
	$(PYTEST) tests/deploy

integration: venv servers
	$(PYTEST) $(INTEGRATION_TESTS)

e2e: venv servers
	$(PYTEST) tests/e2e

# One pytest run, unit tests first, so CI reads one summary line.
test: lint servers
	$(PYTEST) $(UNIT_TESTS) tests/hostile tests/demo tests/deploy $(INTEGRATION_TESTS) tests/e2e

# Hostile input at length: 500 generated requests per method (make test runs 10), plus the
# strategies' own offline tests.
fuzz: venv servers
	GOVDATA_FUZZ_EXAMPLES=500 $(PYTEST) tests/hostile tests/e2e/test_hostile_input.py

bench: venv servers
	$(BIN)/python tests/bench/run.py
	$(BIN)/python tests/bench/import_catalogue.py 10000
	$(BIN)/python tests/bench/search_100k.py
	$(BIN)/python tests/bench/exchange_delivery.py
	$(BIN)/python tests/bench/verify_jobs.py
	$(BIN)/python tests/bench/audit_log.py

clean: stop
	rm -rf $(VENV) $(GOVDATA_HOME)

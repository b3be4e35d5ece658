# The two commands of the README: `make build` and `make test`.
# Each sets up .venv (Python 3.11+) from the pinned constraints if needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The test tools from npm (axe-core, the Nu HTML checker), pinned in package-lock.json.
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test test-fast lint check serve clean debian-build debian-test audit

# make build PACKS="kingston-upon-hull ynys-mon" builds only those place packs (for parallel CI jobs).
# make build ENGINE=properdocs builds with ProperDocs, MkDocs 1.6's maintained fork, instead of MkDocs.
ENGINE ?= mkdocs
build: debian-build $(STAMP)
	$(BIN)/iwe-pack check
	IWE_PACKS="$(PACKS)" $(BIN)/$(ENGINE) build --strict -f mkdocs.yml
	@echo "Built the site in site/ (open site/index.html)."

# -n auto: one worker per core (pytest-xdist); tests that share a costly fixture go to one worker (tests/conftest.py).
test: lint debian-test $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest -n auto

# The unit ring alone (tests/unit: each module of sources/, checks/ and model/ in-process, in seconds), in one
# process: starting pytest-xdist's workers would take longer than the ring.
test-fast: $(STAMP)
	$(BIN)/pytest -q -m unit tests/unit

# The linter (ruff: pyflakes, pycodestyle, import order, bugbear) and the type checker (mypy, on the engine and
# the hook): configured in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/iwe-pack check

serve: $(STAMP)
	$(BIN)/mkdocs serve

# The Debian packages each command needs (debian-packages.txt): installed as root (as in CI), otherwise named
# with the command that installs them.
debian-build:
	@sh .ci/debian-packages ensure build

debian-test:
	@sh .ci/debian-packages ensure test

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "Could not create a virtual environment. On Debian or Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $(STAMP)

# --ignore-scripts: vnu-jar's install script would download a Java runtime; the tests use the system's Java.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the test tools. On Debian: sudo apt-get install nodejs npm"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

# Known advisories against every pinned package (constraints.txt, with pip-audit, which asks PyPI's advisory data)
# and the test tools from npm (npm audit): fails naming each advisory's identifier. Needs the internet (the release
# workflow runs it); pip-audit runs from its own .venv-audit/ so it adds nothing to the pinned set.
audit:
	@test -x .venv-audit/bin/pip-audit || { $(PYTHON) -m venv .venv-audit && .venv-audit/bin/pip install --quiet pip-audit==2.10.1; }
	.venv-audit/bin/pip-audit --strict --requirement constraints.txt --no-deps --disable-pip --progress-spinner off
	npm audit --package-lock-only --audit-level=low

clean:
	rm -rf site build

# The two commands a new user types: `make run` and `make test`.
VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed

.PHONY: run test bench lint typecheck system-packages system-packages-test clean-venv screenshots \
        bundle bundle-test

run: system-packages $(STAMP)
	$(PY) main.py

test: system-packages-test $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: system-packages-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# Each main screen with demonstration data, under a virtual X server, into docs/screenshots/.
screenshots: system-packages-test $(STAMP)
	xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) scripts/screenshots.py

system-packages:
	@bash scripts/install-system-packages.sh run

system-packages-test:
	@bash scripts/install-system-packages.sh test

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean-venv:
	rm -rf $(VENV)

# A one-folder bundle that runs without Python, and a tarball with a per-user install script.
BUNDLE_DIR = build/dist/intake-workstation
VERSION    = $(shell $(PY) -c "import importlib.metadata as m; print(m.version('intake-workstation'))")

bundle: system-packages $(STAMP)
	$(PY) -m pip install --quiet "pyinstaller>=6.5"
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath build/dist --workpath build/work installer/intake_workstation.spec
	rm -rf build/pkg && mkdir -p build/pkg/intake-workstation-$(VERSION)
	cp -a $(BUNDLE_DIR) installer/linux/install.sh installer/linux/intake-workstation.desktop \
		resources/icons/intake-workstation.svg build/pkg/intake-workstation-$(VERSION)/
	tar -C build/pkg -czf build/intake-workstation-$(VERSION)-linux.tar.gz intake-workstation-$(VERSION)
	@echo "Bundle: $(BUNDLE_DIR); tarball: build/intake-workstation-$(VERSION)-linux.tar.gz"

bundle-test: bundle
	QT_QPA_PLATFORM=offscreen $(BUNDLE_DIR)/intake-workstation --self-test

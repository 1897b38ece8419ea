# Two commands for a fresh Debian machine:
#   make serve   install, create the SQLite database with demo data, serve on http://127.0.0.1:5000
#   make test    install (Debian's chromium too, when missing) and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export FLASK_APP := app

.PHONY: serve test deps dev-deps chromium pango libmagic translations extract-messages bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.deps

deps: $(VENV)/.deps
dev-deps: $(VENV)/.dev-deps

translations: deps
	$(BIN)/pybabel -q compile -d translations

# After changing any text a person reads: extract it, then translate the new entries.
extract-messages: deps
	$(BIN)/pybabel -q extract -F translations/babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 \
		-o translations/messages.pot .
	$(BIN)/pybabel -q update -N --ignore-pot-creation-date -i translations/messages.pot -d translations
	$(BIN)/python translations/fill_english.py
	$(BIN)/python translations/apply_sources.py

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# WeasyPrint (the letters' PDFs) draws text with Pango; DejaVu is the letters' font.
pango:
	@(ldconfig -p | grep -q libpangoft2-1.0 && fc-list 2>/dev/null | grep -qi dejavu) || \
		(apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 \
		fonts-dejavu-core fontconfig >/dev/null)

# Residents' files (klachtenloket/services/file_checks.py): python-magic reads libmagic.
libmagic:
	@ldconfig -p | grep -q libmagic.so.1 || \
		(apt-get update -qq && apt-get install -y -qq libmagic1 >/dev/null)

serve: deps pango libmagic translations
	$(BIN)/flask init-db
	$(BIN)/flask demo-data --preset wil-lekstroom
	$(BIN)/gunicorn --workers 2 --bind 127.0.0.1:5000 "app:create_app()"

test: dev-deps chromium pango libmagic translations
	$(BIN)/python -m pytest -q

# All benchmarks, one table (about an hour at the default sizes); e.g.
# make bench BENCH="--sizes 10000,100000 --engines sqlite"
bench: dev-deps translations
	$(BIN)/python -m bench.run $(BENCH)

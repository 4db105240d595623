# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.instalado
# honcho hands $PORT to the first process (web): 8000 unless the caller sets PORT.
PORT ?= 8000

.PHONY: run test install migrate seed worker lint messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Compile translations, when there are any (.po files) and gettext is installed.
messages: install
	@if find . -path ./$(VENV) -prune -o -name '*.po' -print 2>/dev/null | grep -q .; then \
	  if command -v msgfmt >/dev/null; then \
	    $(BIN)/python manage.py compilemessages --ignore=$(VENV) >/dev/null; \
	  else echo "Aviso: falta gettext (msgfmt); las traducciones no se compilan." >&2; fi; \
	fi

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo --si-vacia

## Start web, Celery worker and beat on the embedded defaults, with demo data.
run: seed messages
	$(BIN)/honcho start -f Procfile --port $(PORT)

## Run the whole test suite.
test: install messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## ruff (errors and format) and the import contract of docs/arquitectura.md.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean:
	rm -rf var db.sqlite3 db.sqlite3-wal db.sqlite3-shm media staticfiles

# The README's two commands: `make run` and `make test` (and `make dev` while coding).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.instalado
# honcho hands $PORT to the first process (web): 8000 unless the caller sets PORT.
PORT ?= 8000
# 127.0.0.1: only this machine. HOST=0.0.0.0 opens the pilot to the office network.
HOST ?= 127.0.0.1
export HOST

.PHONY: run dev test accesibilidad bench bench-readme install migrate seed static worker lint messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	@echo "==> Instalando dependencias en $(VENV) (solo la primera vez o si cambia pyproject.toml)"
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Compile translations, when there are any (.po files) and gettext is installed.
messages: install
	@echo "==> Compilando las traducciones"
	@if find . -path ./$(VENV) -prune -o -name '*.po' -print 2>/dev/null | grep -q .; then \
	  if command -v msgfmt >/dev/null; then \
	    $(BIN)/python manage.py compilemessages --ignore=$(VENV) >/dev/null; \
	  else echo "Aviso: falta gettext (msgfmt); las traducciones no se compilan." >&2; fi; \
	fi

migrate: install
	@echo "==> Migrando la base de datos"
	@$(BIN)/python manage.py migrate --noinput -v0

seed: migrate
	@echo "==> Cargando los datos de demostración (si la base está vacía)"
	@$(BIN)/python manage.py seed_demo --si-vacia

## Static files for whitenoise (DEBUG off): incremental, only what changed is copied.
static: install
	@echo "==> Reuniendo los estáticos (collectstatic)"
	@$(BIN)/python manage.py collectstatic --noinput -v0

## The pilot: gunicorn with DEBUG off, whitenoise, Celery workers and beat, demo data.
## DJANGO_ENV=pilot unless the caller chose another (production: real services).
run: export DJANGO_ENV ?= pilot
run: seed messages static
	@echo "==> Arrancando web (gunicorn), workers y beat: http://$(HOST):$(PORT)/ (Ctrl+C para parar)"
	@# Prometheus' per-process files belong to one run of the whole installation.
	rm -rf var/prometheus
	$(BIN)/honcho start -f Procfile --port $(PORT)

## Development: Django's autoreloading server with DEBUG on, the same workers and beat.
dev: seed messages
	rm -rf var/prometheus
	$(BIN)/honcho start -f Procfile.dev --port $(PORT)

## Run the whole test suite.
test: install messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## The accessibility statement's evidence: the browser suite with every axe check
## recorded (tests/e2e/registro_axe.py), consolidated into docs/accesibilidad/axe.json.
AXE_LINEAS := var/axe.jsonl
accesibilidad: install messages
	@mkdir -p var && rm -f $(AXE_LINEAS)
	VENTANILLA_REGISTRO_AXE=$(abspath $(AXE_LINEAS)) $(BIN)/python -m pytest -q -p no:randomly tests/e2e $(PYTEST_ARGS)
	$(BIN)/python manage.py consolidar_axe $(AXE_LINEAS) docs/accesibilidad/axe.json

## Every bench (bench/ejecutar.py): small scale by default, as CI runs it; SCALE=full
## for the README's volumes; SOLO=a,b runs only those.
SCALE ?= small
bench: install
	$(BIN)/python bench/ejecutar.py --escala $(SCALE) $(if $(SOLO),--solo $(SOLO))

## The README's bench tables, rewritten from the last full-scale results.
bench-readme:
	$(BIN)/python bench/ejecutar.py --readme

## ruff (errors and format) and the import contract of docs/arquitectura.md.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean:
	rm -rf var db.sqlite3 db.sqlite3-wal db.sqlite3-shm media staticfiles

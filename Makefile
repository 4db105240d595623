# The README's two commands: `make run` and `make test` (and `make dev` while coding).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.instalado
# honcho hands $PORT to the first process (web): 8000 unless the caller sets PORT.
PORT ?= 8000
# The catalogues: every language, what makemessages reads (not the venv, tests or benches).
CATALOGO := -l es -l ca -l eu -l gl -l en --no-obsolete --ignore=$(VENV) --ignore=tests --ignore=bench --ignore=staticfiles --ignore=var --ignore=node_modules --ignore=docs
# 127.0.0.1: only this machine. HOST=0.0.0.0 opens the pilot to the office network.
HOST ?= 127.0.0.1
export HOST

.PHONY: run dev test accesibilidad bench bench-readme install migrate seed static worker lint messages traducciones clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	@echo "==> Instalando dependencias en $(VENV) (solo la primera vez o si cambia pyproject.toml)"
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Compile the catalogues (locale/*/LC_MESSAGES/*.po): with gettext's msgfmt, which
## also checks every placeholder; without it, with polib (pure Python), so a machine
## without gettext still shows the translations.
traducciones: install
	@echo "==> Compilando las traducciones"
	@if command -v msgfmt >/dev/null; then \
	  $(BIN)/python manage.py compilemessages --ignore=$(VENV) -v0; \
	else $(BIN)/python manage.py compilar_catalogos; fi

## Regenerate the catalogues from the code (new strings enter untranslated, gone
## ones become obsolete) and compile them. docs/glosario.md before translating.
messages: install
	@echo "==> Extrayendo las cadenas a locale/ (es ca eu gl en)"
	@$(BIN)/python manage.py makemessages $(CATALOGO) -v0
	@$(BIN)/python manage.py makemessages -d djangojs $(CATALOGO) -v0
	@$(MAKE) --no-print-directory traducciones

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
run: seed traducciones static
	@echo "==> Arrancando web (gunicorn), workers y beat: http://$(HOST):$(PORT)/ (Ctrl+C para parar)"
	@# Prometheus' per-process files belong to one run of the whole installation.
	rm -rf var/prometheus
	$(BIN)/honcho start -f Procfile --port $(PORT)

## Development: Django's autoreloading server with DEBUG on, the same workers and beat.
dev: seed traducciones
	rm -rf var/prometheus
	$(BIN)/honcho start -f Procfile.dev --port $(PORT)

## Run the whole test suite.
test: install traducciones
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## The accessibility statement's evidence: the browser suite with every axe check
## recorded (tests/e2e/registro_axe.py), consolidated into docs/accesibilidad/axe.json.
AXE_LINEAS := var/axe.jsonl
accesibilidad: install traducciones
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

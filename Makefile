# Tribune: `make run` serves an instance on http://127.0.0.1:$(PORT); `make test` runs lint and every test.
# `make run` installs only what running needs; the tools and test dependencies (the `dev` extra)
# come with the first `make test` (or `make install-dev`). EXTRAS=a,b adds optional extras to both.
VENV ?= .venv
PYTHON ?= python3
PORT ?= 8000
EXTRAS ?=
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEV_STAMP := $(VENV)/.installed-dev-stamp
comma := ,
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_WORKERS ?= auto
export PORT

.PHONY: install install-dev run serve worker test lint typecheck test-sqlite test-postgres messages bench bench-scale faults clean

# deploy/venv.sh fills the environment with uv (pip where uv cannot be had: TRIBUNE_PIP=1 forces it).
$(STAMP): pyproject.toml
	PYTHON=$(PYTHON) deploy/venv.sh $(VENV) -e '.$(if $(EXTRAS),[$(EXTRAS)])'
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	PYTHON=$(PYTHON) deploy/venv.sh $(VENV) -e '.[dev$(if $(EXTRAS),$(comma)$(EXTRAS))]'
	touch $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

run: install
	@# the static files are copied while the database is migrated (each takes seconds on a fresh clone)
	$(BIN)/tribune collectstatic --noinput -v0 & static=$$!; $(BIN)/tribune migrate --noinput -v0 && wait $$static
	$(BIN)/tribune bootstrap
	@trap 'kill 0' INT TERM EXIT; \
	$(BIN)/tribune worker & \
	$(BIN)/granian --interface asginl --host 127.0.0.1 --port $(PORT) --workers 1 --log-level warning tribune.asgi:application

worker: install
	$(BIN)/tribune worker

lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: install-dev
	$(BIN)/mypy .

test: lint typecheck
	DJANGO_SETTINGS_MODULE=tribune.test_settings $(BIN)/tribune makemigrations --check --dry-run -v0
	$(MAKE) test-sqlite test-postgres

test-sqlite: install-dev
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup -q

test-postgres: install-dev
	TRIBUNE_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup -q -m "not browser and not server"

messages: install-dev
	cd $(CURDIR) && $(BIN)/tribune makemessages -l fr --ignore=.venv --ignore=var --ignore=tests && $(BIN)/tribune compilemessages --ignore=.venv

bench: install-dev
	$(BIN)/python -m ops.bench.feeds

bench-scale: install-dev
	$(BIN)/python -m ops.bench.scale

# Faults under load (ops/faults/run.py): its own PostgreSQL and Redis, never the shared ones.
FAULTS_ARGS ?= --posts 2000
faults: install-dev
	$(BIN)/python -m ops.faults.run $(FAULTS_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

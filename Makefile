# Tribune: `make run` serves an instance on http://127.0.0.1:$(PORT); `make test` runs lint and every test.
VENV ?= .venv
PYTHON ?= python3
PORT ?= 8000
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_WORKERS ?= auto
export PORT

.PHONY: install run serve worker test lint typecheck test-sqlite test-postgres messages bench bench-scale clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip setuptools wheel
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/tribune migrate --noinput -v0
	$(BIN)/tribune collectstatic --noinput -v0
	$(BIN)/tribune bootstrap
	@trap 'kill 0' INT TERM EXIT; \
	$(BIN)/tribune worker & \
	$(BIN)/granian --interface asginl --host 127.0.0.1 --port $(PORT) --workers 1 --log-level warning tribune.asgi:application

worker: install
	$(BIN)/tribune worker

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy .

test: lint typecheck
	DJANGO_SETTINGS_MODULE=tribune.test_settings $(BIN)/tribune makemigrations --check --dry-run -v0
	$(MAKE) test-sqlite test-postgres

test-sqlite: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) -q

test-postgres: install
	TRIBUNE_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) -q -m "not browser and not server"

messages: install
	cd $(CURDIR) && $(BIN)/tribune makemessages -l fr --ignore=.venv --ignore=var --ignore=tests && $(BIN)/tribune compilemessages --ignore=.venv

bench: install
	$(BIN)/python -m ops.bench.feeds

bench-scale: install
	$(BIN)/python -m ops.bench.scale

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

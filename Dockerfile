# syntax=docker/dockerfile:1
# Kinerja image: the locked dependencies in a venv (builder stage), a slim non-root runtime.
#
#   docker build -t kinerja .
#   docker run -p 8000:8000 -e KINERJA_ENV=production -e KINERJA_SECRET_KEY=... \
#     -e KINERJA_DATABASE_URL=postgresql+asyncpg://kinerja_app:...@db:5432/kinerja kinerja
#
# kinerja/config.py finds alembic.ini, migrations/ and policies/ relative to the source tree
# (PROJECT_ROOT = parents[2] of /app/platform/kinerja/config.py = /app). So the project is
# installed in editable mode from /app (the venv only holds a path to /app/platform), and the
# runtime stage puts the venv and the sources at exactly the builder's paths.

ARG PYTHON_IMAGE=python:3.11-slim

# --- builder: the locked, hash-checked dependency set in /opt/venv ------------------------------
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ROOT_USER_ACTION=ignore
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock \
    && python -m compileall -q /opt/venv/lib
# The project itself: editable and without dependencies (all of them come from the lock).
# `README.md*` copies the README when present (pyproject.toml names it) and is harmless if not.
COPY pyproject.toml README.md* ./
COPY platform/ platform/
RUN pip install --no-deps -e . \
    && python -c "import kinerja.config as c; assert str(c.PROJECT_ROOT) == '/app', c.PROJECT_ROOT"

# --- runtime ---------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app/platform \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    KINERJA_HOST=0.0.0.0 \
    KINERJA_PORT=8000 \
    WEB_CONCURRENCY=2
RUN groupadd --system --gid 10001 kinerja \
    && useradd --system --uid 10001 --gid kinerja --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin kinerja
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY alembic.ini ./
COPY migrations/ migrations/
COPY policies/ policies/
COPY platform/ platform/
# Byte-compile the sources as root (the app user cannot write /app), so workers start fast.
# var/ is writable for the SQLite file used when no KINERJA_DATABASE_URL is given (demo only).
RUN python -m compileall -q /app/platform /app/migrations \
    && python -c "import kinerja.config as c; assert str(c.PROJECT_ROOT) == '/app', c.PROJECT_ROOT" \
    && mkdir -p /app/var && chown kinerja:kinerja /app/var
USER kinerja:kinerja
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
# The configuration is checked once before uvicorn starts: with several workers, uvicorn would
# otherwise restart workers that fail on a bad setting forever instead of exiting.
# Workers: WEB_CONCURRENCY (read by uvicorn). Access logs are off: the application writes one
# structured JSON line per GraphQL request itself.
CMD ["sh", "-c", "python -c 'from kinerja.config import load_settings; load_settings().check_startable()' && exec uvicorn kinerja.asgi:app --host 0.0.0.0 --port 8000 --no-access-log --log-level warning --timeout-graceful-shutdown 20"]

"""The Citus tests run only against a cluster (`make test-citus`, KINERJA_TEST_CITUS_WORKERS);
on plain PostgreSQL and SQLite there is nothing to distribute, so they are not collected."""

from tests.support import citus

collect_ignore_glob = [] if citus.enabled() else ["test_*.py"]

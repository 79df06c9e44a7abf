"""Forwarding module: schema assembly lives in `kinerja.edge.schema`.

A package, not a module, so that git pairs edge/schema.py with the old graphql/schema.py. Kept
only because tests/conftest.py imports `build_schema` from here and that file is being
changed in another branch; delete this module once conftest imports `kinerja.edge.schema`.
Nothing in platform/kinerja may import it (tests/unit/test_architecture.py).
"""

from ...edge.schema import build_schema

__all__ = ["build_schema"]

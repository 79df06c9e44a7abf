"""The schema documents itself, declares a permission on every root field, and matches the
checked-in SDL and client operations."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import parse, validate

from kinerja.edge.schema import export_sdl
from kinerja.graphql.permissions import Authenticated, Member, Public
from tests.conftest import SCHEMA

ROOT = Path(__file__).resolve().parents[1]
OPERATIONS = sorted((ROOT / "schema" / "operations").glob("*.graphql"))
# The root types are named by the GraphQL spec; everything else is documented.
UNDESCRIBED_TYPES = {"Query", "Mutation"}


def _root_fields():
    for root in ("Query", "Mutation"):
        for field in SCHEMA.get_type_by_name(root).fields:
            yield root, field


def test_every_root_field_declares_a_permission():
    missing, unknown = [], []
    for root, field in _root_fields():
        classes = field.permission_classes or []
        if not classes:
            missing.append(f"{root}.{field.python_name}")
        for cls in classes:
            name = cls.__name__
            if cls not in (Public, Authenticated, Member) and not name.startswith(
                    ("Can_", "PlatformCan_")):
                unknown.append(f"{root}.{field.python_name}: {name}")
    assert not missing, f"root fields without permission_classes: {missing}"
    assert not unknown, f"permission classes outside graphql/permissions.py: {unknown}"


def test_only_login_and_the_enum_labels_are_public():
    public = [f"{root}.{f.python_name}" for root, f in _root_fields()
              if Public in (f.permission_classes or [])]
    assert public == ["Query.enum_labels", "Mutation.login"]


def test_every_type_and_root_field_is_described():
    schema = SCHEMA._schema
    undescribed = sorted(
        name for name, graphql_type in schema.type_map.items()
        if not name.startswith("__") and name not in UNDESCRIBED_TYPES
        and name not in ("String", "Boolean", "Int", "Float", "ID")
        and not graphql_type.description
    )
    assert not undescribed, f"types without a description: {undescribed}"
    fields = [f"{root.name}.{name}" for root in (schema.query_type, schema.mutation_type)
              for name, field in root.fields.items() if not field.description]
    assert not fields, f"root fields without a description: {fields}"


def test_checked_in_sdl_is_current():
    checked_in = (ROOT / "schema" / "schema.graphql").read_text()
    assert checked_in == export_sdl(), (
        "schema/schema.graphql is stale: regenerate it with `kinerja export-schema > "
        "schema/schema.graphql`")


def test_exported_sdl_is_the_schema_the_app_serves():
    assert export_sdl() == SCHEMA.as_str() + "\n"


@pytest.mark.parametrize("path", OPERATIONS, ids=[p.name for p in OPERATIONS])
def test_client_operation_validates_against_the_schema(path):
    document = parse(path.read_text())
    errors = validate(SCHEMA._schema, document)
    assert not errors, f"{path.name}: {[e.message for e in errors]}"


def test_client_operation_names_are_unique():
    if not OPERATIONS:
        pytest.skip("schema/operations/ holds no operations yet")
    names = [p.stem for p in OPERATIONS]
    assert len(names) == len(set(names))

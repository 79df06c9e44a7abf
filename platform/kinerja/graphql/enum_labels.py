"""`enumLabels`: the Indonesian and English labels of the schema's enums (labels.py), public.

The enums come from the schema being served (every enum type but the introspection ones), so
the answer always matches the SDL; the labels are data, the same for every agency and caller.
"""

from __future__ import annotations

from typing import Annotated
from weakref import WeakKeyDictionary

import strawberry
from graphql import GraphQLEnumType, GraphQLSchema

from ..errors import KinerjaError
from ..labels import labels_of
from .context import Info
from .permissions import Public

MAX_NAMES_SHOWN, MAX_NAME_SHOWN = 10, 60  # how much of the unknown names UNKNOWN_ENUM echoes


@strawberry.type(description="The labels of one enum value, for documents and exports.")
class EnumValueLabel:
    value: str = strawberry.field(description="The enum value, e.g. `SANGAT_BAIK`.")
    label_id: str = strawberry.field(description="Indonesian label, e.g. `Sangat Baik`.")
    label_en: str = strawberry.field(description="English label, e.g. `Very good`.")
    label: str = strawberry.field(
        description="The label in the request's language (`Accept-Language`: Indonesian "
                    "unless English is asked for).")


@strawberry.type(description="One enum of this schema with the labels of all its values.")
class EnumLabels:
    name: str = strawberry.field(description="The enum's name in the schema, e.g. `Predikat`.")
    values: list[EnumValueLabel] = strawberry.field(
        description="Every value, in the schema's order.")


Table = dict[str, tuple[tuple[str, str, str], ...]]  # enum -> ((value, id, en), ...)
_TABLES: WeakKeyDictionary[GraphQLSchema, Table] = WeakKeyDictionary()


def _table(schema: GraphQLSchema) -> Table:
    """Every enum of the schema with its labels (computed once per schema)."""
    table = _TABLES.get(schema)
    if table is None:
        table = _TABLES[schema] = _build_table(schema)
    return table


def _build_table(schema: GraphQLSchema) -> Table:
    out: Table = {}
    for name, graphql_type in sorted(schema.type_map.items()):
        if not isinstance(graphql_type, GraphQLEnumType) or name.startswith("__"):
            continue
        labels = labels_of(name) or {}
        out[name] = tuple((value, *labels.get(value, (value, value)))
                          for value in graphql_type.values)
    return out


def enum_labels(table: Table, names: list[str] | None, language: str) -> list[EnumLabels]:
    """The requested enums (all when `names` is None) in the order asked, duplicates once;
    an unknown name refuses the whole request with UNKNOWN_ENUM."""
    wanted = list(table) if names is None else list(dict.fromkeys(names))
    unknown = [name for name in wanted if name not in table]
    if unknown:
        shown = [n if len(n) <= MAX_NAME_SHOWN else n[:MAX_NAME_SHOWN] + "..."
                 for n in unknown[:MAX_NAMES_SHOWN]]
        raise KinerjaError("UNKNOWN_ENUM", detail=", ".join(shown))
    index = 0 if language == "id" else 1
    return [EnumLabels(name=name, values=[
        EnumValueLabel(value=value, label_id=label_id, label_en=label_en,
                       label=(label_id, label_en)[index])
        for value, label_id, label_en in table[name]]) for name in wanted]


Names = Annotated[list[str] | None, strawberry.argument(
    description='Enum names as in this schema, e.g. `["Predikat", "RatingLevel"]`; omitted: '
                'every enum.')]


def resolve_enum_labels(info: Info, names: Names = None) -> list[EnumLabels]:
    return enum_labels(_table(info.schema._schema), names, info.context.language)


@strawberry.type
class EnumLabelQueries:
    enum_labels: list[EnumLabels] = strawberry.field(
        resolver=resolve_enum_labels, permission_classes=[Public],
        description="The Indonesian and English labels of enum values, for documents and "
                    "exports: the enums named (all of this schema's enums when `names` is "
                    "omitted), in the order named. Public: labels are not data. An unknown "
                    "name refuses the request with UNKNOWN_ENUM.")

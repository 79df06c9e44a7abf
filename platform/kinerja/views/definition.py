"""A view definition's rules (pure): the document is one read-only operation that passes the
gate; defaults name declared variables; the table's rows path leads to a list the document
selects and each column path to a field selected below it.

Paths are dot-separated response keys (aliases count): `rows_path` "employees.nodes" and a
column "unit.name" read `data.employees.nodes[i].unit.name`. A list met on a column path is
written as its values joined with "; ".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    print_ast,
)

from ..errors import ErrorCollector
from ..kit.fields import clean_text

KEY = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$")
TITLE_MAX, DESCRIPTION_MAX, LABEL_MAX = 200, 2000, 100
MAX_COLUMNS = 50
PATH = re.compile(r"^[_A-Za-z][_0-9A-Za-z]*(?:\.[_A-Za-z][_0-9A-Za-z]*)*$")


@dataclass(frozen=True)
class Column:
    path: str
    label_id: str
    label_en: str

    def label(self, language: str) -> str:
        return self.label_id if language == "id" else self.label_en


@dataclass(frozen=True)
class Variable:
    name: str
    type: str  # as written in the document, e.g. "ID!" or "Int"
    default: Any = None  # the view's default, else the document's (None: none)
    required: bool = False  # non-null without any default: the caller must give it


@dataclass
class ViewData:
    """What an admin sends (None: keep the current version's value on an update)."""

    title_id: str | None = None
    title_en: str | None = None
    description_id: str | None = None
    description_en: str | None = None
    document: str | None = None
    defaults: dict[str, Any] | None = None
    roles: list[str] | None = None
    rows_path: str | None = None
    columns: list[dict[str, Any]] | None = None
    clear_table: bool = False


@dataclass
class Checked:
    """A definition that passed every rule, ready to store."""

    title_id: str
    title_en: str
    description_id: str
    description_en: str
    document: str
    operation_name: str | None
    defaults: dict[str, Any]
    roles: list[str]
    rows_path: str | None
    columns: list[dict[str, Any]] = field(default_factory=list)


def check_key(errors: ErrorCollector, key: str | None) -> str | None:
    text = (key or "").strip().lower()
    if not KEY.match(text):
        errors.add("key", "INVALID_VALUE", detail="a-z, 0-9 and '-', 1-60 characters")
        return None
    return text


def operation_of(document: DocumentNode) -> OperationDefinitionNode:
    return next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))


def variables_of(operation: OperationDefinitionNode, defaults: dict[str, Any]) -> list[Variable]:
    out = []
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        type_text = print_ast(definition.type)
        has_default = name in defaults or definition.default_value is not None
        default = defaults.get(name)
        if default is None and definition.default_value is not None:
            from graphql import value_from_ast_untyped

            default = value_from_ast_untyped(definition.default_value)
        out.append(Variable(name, type_text, default,
                            type_text.endswith("!") and not has_default))
    return out


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions
            if isinstance(d, FragmentDefinitionNode)}


def _child(selection_set: SelectionSetNode | None, key: str,
           fragments: dict[str, FragmentDefinitionNode]) -> FieldNode | None:
    """The field selected under response key `key` (through fragments)."""
    for selection in (selection_set.selections if selection_set else ()):
        if isinstance(selection, FieldNode):
            if (selection.alias or selection.name).value == key:
                return selection
        elif isinstance(selection, InlineFragmentNode):
            found = _child(selection.selection_set, key, fragments)
            if found is not None:
                return found
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                found = _child(fragment.selection_set, key, fragments)
                if found is not None:
                    return found
    return None


def _resolve(selection_set: SelectionSetNode | None, path: str,
             fragments: dict[str, FragmentDefinitionNode]) -> FieldNode | None:
    node: FieldNode | None = None
    current = selection_set
    for key in path.split("."):
        node = _child(current, key, fragments)
        if node is None:
            return None
        current = node.selection_set
    return node


def check_table(errors: ErrorCollector, document: DocumentNode, rows_path: str | None,
                columns: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The columns as stored; both rows path and columns, or neither."""
    if not rows_path and not columns:
        return []
    if not rows_path or not columns:
        errors.add("columns" if rows_path else "rowsPath", "REQUIRED")
        return []
    fragments = _fragments(document)
    operation = operation_of(document)
    if not PATH.match(rows_path):
        errors.add("rowsPath", "INVALID_VALUE", detail="dot-separated response keys")
        return []
    rows = _resolve(operation.selection_set, rows_path, fragments)
    if rows is None or rows.selection_set is None:
        errors.add("rowsPath", "INVALID_VALUE",
                   detail=f"{rows_path} is not a list of objects the document selects")
        return []
    if len(columns) > MAX_COLUMNS:
        errors.add("columns", "TOO_MANY", max=MAX_COLUMNS)
        return []
    out = []
    for index, column in enumerate(columns):
        where = f"columns.{index}"
        path = str(column.get("path") or "")
        if not PATH.match(path) or _resolve(rows.selection_set, path, fragments) is None:
            errors.add(f"{where}.path", "INVALID_VALUE",
                       detail=f"{path!r} is not selected under {rows_path}")
            continue
        label_id = clean_text(errors, f"{where}.labelId", column.get("label_id"), LABEL_MAX,
                              required=True)
        label_en = clean_text(errors, f"{where}.labelEn", column.get("label_en"), LABEL_MAX,
                              required=True)
        out.append({"path": path, "label_id": label_id, "label_en": label_en})
    return out


def check_defaults(errors: ErrorCollector, operation: OperationDefinitionNode,
                   defaults: dict[str, Any]) -> None:
    declared = {d.variable.name.value for d in operation.variable_definitions or ()}
    for name in defaults:
        if name not in declared:
            errors.add(f"defaults.{name}"[:80], "INVALID_VALUE",
                       detail="the document declares no such variable")

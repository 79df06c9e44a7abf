"""GraphQL types of custom views."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from graphql import parse
from strawberry.scalars import JSON

from ..graphql.payloads import mutation_error_type
from ..models import CustomView, CustomViewVersion
from .definition import operation_of, variables_of


@strawberry.type(description="A variable a view declares, with its default.")
class ViewVariable:
    name: str
    type: str = strawberry.field(description="As in the document, e.g. `ID!`.")
    default: JSON | None = strawberry.field(description="The view's default, or the document's.")
    required: bool = strawberry.field(description="Non-null without a default: give it.")


@strawberry.type(description="A column of a view's table.")
class ViewColumn:
    path: str = strawberry.field(description="Dot path of response keys below each row.")
    label_id: str
    label_en: str
    label: str = strawberry.field(description="In the request's language.")


def column_types(version: CustomViewVersion, language: str) -> list[ViewColumn]:
    return [ViewColumn(path=c["path"], label_id=c["label_id"], label_en=c["label_en"],
                       label=c["label_id"] if language == "id" else c["label_en"])
            for c in version.columns or []]


@strawberry.type(name="CustomView", description="A named, versioned, read-only view of the "
                 "agency's data; it runs as the caller (your permissions and scopes apply).")
class CustomViewType:
    key: str
    number: int = strawberry.field(description="This version's number.")
    current_number: int = strawberry.field(description="The version runs get by default.")
    version: int = strawberry.field(description="Optimistic-locking version of the view.")
    title: str = strawberry.field(description="In the request's language.")
    title_id: str
    title_en: str
    description: str
    description_id: str
    description_en: str
    document: str
    operation_name: str | None
    variables: list[ViewVariable]
    roles: list[str] = strawberry.field(description="Who may run it (and view admins).")
    rows_path: str | None = strawberry.field(description="Where the table's rows are.")
    columns: list[ViewColumn]
    csv_path: str | None = strawberry.field(
        description="GET it for the table as CSV (same headers as /graphql); null: no table.")
    xlsx_path: str | None
    created_at: datetime = strawberry.field(description="When this version was made.")

    @classmethod
    def of(cls, view: CustomView, version: CustomViewVersion, language: str) -> CustomViewType:
        declared = variables_of(operation_of(parse(version.document)), version.defaults or {})
        table = bool(version.rows_path)
        suffix = "" if version.number == view.current_number else f"?version={version.number}"
        indonesian = language == "id"
        return cls(
            key=view.key, number=version.number, current_number=view.current_number,
            version=view.version, title=version.title_id if indonesian else version.title_en,
            title_id=version.title_id, title_en=version.title_en,
            description=version.description_id if indonesian else version.description_en,
            description_id=version.description_id, description_en=version.description_en,
            document=version.document, operation_name=version.operation_name,
            variables=[ViewVariable(name=v.name, type=v.type, default=v.default,
                                    required=v.required) for v in declared],
            roles=list(version.roles), rows_path=version.rows_path,
            columns=column_types(version, language),
            csv_path=f"/views/{view.key}.csv{suffix}" if table else None,
            xlsx_path=f"/views/{view.key}.xlsx{suffix}" if table else None,
            created_at=version.created_at)


@strawberry.type(description="An error inside a view's run (e.g. FORBIDDEN for a part the "
                 "caller may not read); the rest of `data` is still there.")
class ViewRunError:
    code: str
    message: str
    path: list[str] | None


@strawberry.type(description="A view run as the caller.")
class ViewRun:
    view: CustomViewType
    data: JSON | None = strawberry.field(description="The document's `data`, as /graphql "
                                                     "would answer it.")
    errors: list[ViewRunError]
    columns: list[ViewColumn]
    rows: list[list[JSON | None]] = strawberry.field(
        description="The table (one list of cells per row, in column order); empty without "
                    "a table. Large tables: use `csvPath`, which pages through.")


@strawberry.input(description="A column of a view's table.")
class ViewColumnInput:
    path: str
    label_id: str
    label_en: str

    def plain(self) -> dict[str, Any]:
        return {"path": self.path, "label_id": self.label_id, "label_en": self.label_en}


@strawberry.input(description="A new view of the selected agency.")
class CreateViewInput:
    key: str = strawberry.field(description="a-z, 0-9 and '-'; clients run the view by it.")
    title_id: str
    title_en: str
    document: str = strawberry.field(description="One query (no mutation), within the limits.")
    roles: list[str] = strawberry.field(description="Roles that may run it (at least one).")
    description_id: str | None = None
    description_en: str | None = None
    defaults: JSON | None = strawberry.field(default=None,
                                             description="Variable name -> default value.")
    rows_path: str | None = strawberry.field(
        default=None, description="Dot path to the list of rows, e.g. `employees.nodes`.")
    columns: list[ViewColumnInput] | None = None


@strawberry.input(description="Changes to a view: a new version (omitted fields as before).")
class UpdateViewInput:
    key: str
    version: int | None = strawberry.field(
        default=None, description="The view's version you read; a stale one gives CONFLICT.")
    title_id: str | None = None
    title_en: str | None = None
    description_id: str | None = None
    description_en: str | None = None
    document: str | None = None
    roles: list[str] | None = None
    defaults: JSON | None = None
    rows_path: str | None = None
    columns: list[ViewColumnInput] | None = None
    clear_table: bool = strawberry.field(default=False,
                                         description="Drop the table (rows path and columns).")


VIEW_CODES = ("DOCUMENT_INVALID", "VIEW_NOT_READ_ONLY", "RESERVED_ROLE", "TOO_MANY")
CreateViewError = mutation_error_type("CreateView", VIEW_CODES)
UpdateViewError = mutation_error_type("UpdateView", VIEW_CODES)
DeleteViewError = mutation_error_type("DeleteView")


@strawberry.type(description="Result of `createView`.")
class CreateViewPayload:
    view: CustomViewType | None = None
    errors: list[CreateViewError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `updateView` and `setCurrentViewVersion`.")
class UpdateViewPayload:
    view: CustomViewType | None = None
    errors: list[UpdateViewError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `deleteView`.")
class DeleteViewPayload:
    deleted_key: str | None = None
    errors: list[DeleteViewError] = strawberry.field(default_factory=list)

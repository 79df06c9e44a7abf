"""Strawberry executes the document the gate has already parsed, measured and validated."""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension


class UsePreparedDocument(SchemaExtension):
    """With a prepared document on the context, Strawberry neither parses nor validates again
    (edge/documents.py did both, within the limits, and caches the result)."""

    def on_operation(self) -> Iterator[None]:
        ec = self.execution_context
        prepared = getattr(ec.context, "document", None)
        if prepared is not None:
            ec.graphql_document = prepared.document
            ec.pre_execution_errors = []  # validated by the gate
        yield

"""Depth, alias and token limits, built once so the validation cache keeps hitting."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLError, OperationDefinitionNode
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter, SchemaExtension

from ..config import Limits


class RequestLimits(SchemaExtension):
    """Adds pre-built validation rules (same class objects every request) and the token cap."""

    def __init__(self, rules: tuple, max_tokens: int) -> None:
        self.rules = rules
        self.max_tokens = max_tokens

    def on_operation(self) -> Iterator[None]:
        ec = self.execution_context
        ec.validation_rules = ec.validation_rules + self.rules
        ec.parse_options["max_tokens"] = self.max_tokens
        yield

    def on_parse(self) -> Iterator[None]:
        yield
        ec = self.execution_context
        document = ec.graphql_document
        if document is None or ec._provided_operation_name is not None:
            return
        operations = sum(isinstance(d, OperationDefinitionNode) for d in document.definitions)
        if operations > 1:  # the GraphQL spec requires a name to choose among several
            raise GraphQLError("Must provide operation name if query contains multiple operations.")


def limit_extension_factory(limits: Limits):
    rules = tuple(
        QueryDepthLimiter(max_depth=limits.max_depth).validation_rules
        + MaxAliasesLimiter(max_alias_count=limits.max_aliases).validation_rules
    )
    return lambda: RequestLimits(rules, limits.max_tokens)

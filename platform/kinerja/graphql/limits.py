"""Depth, alias and token limits, built once so the validation cache keeps hitting."""

from __future__ import annotations

from collections.abc import Iterator

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


def limit_extension_factory(limits: Limits):
    rules = tuple(
        QueryDepthLimiter(max_depth=limits.max_depth).validation_rules
        + MaxAliasesLimiter(max_alias_count=limits.max_aliases).validation_rules
    )
    return lambda: RequestLimits(rules, limits.max_tokens)

"""The document gate: every GraphQL document is checked here, cheapest check first.

Order, each step bounded by the one before it:
1. length (characters) and lexical tokens: the parser stops at the caps, so nothing reads a
   document beyond them (graphql-core's `max_source_length` / `max_tokens`);
2. cost in one linear pass (edge/cost.py): depth, expanded fields, aliases, directives;
3. text: string literals PostgreSQL cannot store (kit/text.py);
4. validation against the schema, with graphql-core's overlap-comparison budget lowered so
   that no document within the limits can make it slow (see VALIDATION_BUDGET).
Only documents that passed every step are remembered, keyed by the SHA-256 of their text, in a
cache bounded in entries and in (estimated) bytes: whatever anonymous clients send, the
memory the gate holds stays under `cache_bytes`.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import graphql.validation.rules.overlapping_fields_can_be_merged as overlapping
from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    ObjectFieldNode,
    OperationDefinitionNode,
    StringValueNode,
    VariableDefinitionNode,
    specified_rules,
    validate,
)
from graphql.language import Visitor, visit
from graphql.language.parser import Parser
from graphql.validation import NoSchemaIntrospectionCustomRule

from ..config import Limits
from ..kit.text import unstorable_position
from .cost import measure

# Overlap comparisons graphql-core may make while validating one document. The heaviest
# client operation in schema/operations needs fewer than 100; 2,000 keeps validation of any
# document within the other limits in the tens of milliseconds (README "Limits").
VALIDATION_BUDGET = 2_000
overlapping.MAX_COMPLEXITY_BUDGET = VALIDATION_BUDGET  # read by the rule at each validation
# What a cached document holds, measured with tracemalloc (tests/api/test_document_gate.py
# checks the bound): the source text twice (the Source, and the tokens' values, comments
# included, which locations keep alive), and up to ~600 bytes of tokens and AST nodes per
# lexical token.
TEXT_COPIES = 2
BYTES_PER_TOKEN = 640
MAX_VALIDATION_ERRORS = 50


# One match per lexical token as graphql-core counts them with `max_tokens` (comments
# included): about 30 times faster than parsing, so an oversized document costs little.
_TOKEN = re.compile(r'''"""(?:\\"""|[^"]|"(?!""))*"""|"(?:\\.|[^"\\\n\r])*"|#[^\n\r]*|\.\.\.'''
                    r"|[_A-Za-z][_0-9A-Za-z]*|-?[0-9][0-9.eE+\-]*|[!$&()\:=@\[\]{|}]")


def count_tokens(text: str, stop_after: int) -> int:
    """Lexical tokens in `text`, counting no further than `stop_after` + 1."""
    count = 0
    for _ in _TOKEN.finditer(text):
        count += 1
        if count > stop_after:
            break
    return count


class DocumentRejected(Exception):
    """A document refused before execution: every error carries its code."""

    def __init__(self, errors: list[GraphQLError]):
        super().__init__(errors[0].message if errors else "rejected")
        self.errors = errors


class SubscriptionsUnsupported(Exception):
    """The schema has no subscriptions; the HTTP view answers 400 rather than validating."""


def rejected(code: str, message: str, nodes: Any = None, **extensions: Any) -> GraphQLError:
    return GraphQLError(message, nodes, extensions={"code": code, **extensions})


@dataclass(frozen=True)
class Prepared:
    """A parsed, measured and validated document, shared by every request that sends it."""

    key: str
    document: DocumentNode
    operations: dict[str | None, str]  # name (None when anonymous) -> query/mutation/...
    size: int

    def operation_kind(self, name: str | None) -> str | None:
        """The kind of the operation the request selects; None when the name is unknown.
        Without a name the document must hold exactly one operation (GraphQL spec)."""
        if name is None:
            if len(self.operations) > 1:
                raise DocumentRejected([rejected(
                    "GRAPHQL_VALIDATION_FAILED",
                    "Must provide operation name if query contains multiple operations.")])
            return next(iter(self.operations.values()), None)
        return self.operations.get(name)


class DocumentCache:
    """LRU by entries and by estimated bytes; keys are SHA-256 digests, never texts."""

    def __init__(self, entries: int, max_bytes: int):
        self.entries, self.max_bytes = entries, max_bytes
        self.bytes = 0
        self._items: OrderedDict[str, Prepared] = OrderedDict()

    def get(self, key: str) -> Prepared | None:
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item

    def put(self, item: Prepared) -> None:
        if self.entries <= 0 or item.size > self.max_bytes or item.key in self._items:
            return
        self._items[item.key] = item
        self.bytes += item.size
        while len(self._items) > self.entries or self.bytes > self.max_bytes:
            _, old = self._items.popitem(last=False)
            self.bytes -= old.size

    def __len__(self) -> int:
        return len(self._items)


class DocumentGate:
    def __init__(self, schema: GraphQLSchema, limits: Limits, *, introspection: bool = True,
                 extra_rules: tuple = ()):
        self.schema = schema
        self.limits = limits
        rules = list(specified_rules) + list(extra_rules)
        if not introspection:
            rules.append(NoSchemaIntrospectionCustomRule)
        self.rules = tuple(rules)
        self.suggestions = introspection  # "Did you mean ...?" would reveal the schema
        self.cache = DocumentCache(limits.document_cache_entries, limits.document_cache_bytes)

    def prepare(self, text: str) -> Prepared:
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        document, tokens = self._parse(text)
        self._check_cost(document)
        self._check_text(text, document)
        operations = _operations(document)
        if "subscription" in operations.values():
            raise SubscriptionsUnsupported()
        self._validate(document)
        prepared = Prepared(key, document, operations,
                            TEXT_COPIES * sys.getsizeof(text) + BYTES_PER_TOKEN * tokens)
        self.cache.put(prepared)
        return prepared

    def _parse(self, text: str) -> tuple[DocumentNode, int]:
        limits = self.limits
        if len(text) > limits.max_document_chars:
            raise DocumentRejected([rejected(
                "QUERY_TOO_COMPLEX",
                f"the document has more than {limits.max_document_chars} characters")])
        if count_tokens(text, limits.max_tokens) > limits.max_tokens:
            raise DocumentRejected([rejected(
                "QUERY_TOO_COMPLEX", f"the document has more than {limits.max_tokens} tokens",
                limit="tokens")])
        parser = Parser(text, max_tokens=limits.max_tokens)
        try:
            document = parser.parse_document()
        except RecursionError:
            raise DocumentRejected([rejected(
                "QUERY_TOO_COMPLEX", "the document is nested too deeply")]) from None
        except GraphQLError as error:
            code = ("QUERY_TOO_COMPLEX" if "tokens" in error.message or "nested too deeply"
                    in error.message else "GRAPHQL_PARSE_FAILED")
            raise DocumentRejected([_with_code(error, code)]) from None
        return document, parser.token_count

    def _check_cost(self, document: DocumentNode) -> None:
        limits = self.limits
        try:
            costs = measure(document)
        except RecursionError:
            raise DocumentRejected([rejected(
                "QUERY_TOO_COMPLEX", "fragments are nested too deeply")]) from None
        for name, cost in costs:
            operation = not name.startswith("fragment ")
            for what, value, limit in (
                ("depth", cost.depth if operation else 0, limits.max_depth),
                ("fields", cost.fields, limits.max_fields),
                ("aliases", cost.aliases, limits.max_aliases),
                ("directives", cost.directives, limits.max_directives),
            ):
                if value > limit:
                    raise DocumentRejected([rejected(
                        "QUERY_TOO_COMPLEX", f"{name}: {what} {value} exceeds the limit of {limit}",
                        limit=what)])

    def _check_text(self, text: str, document: DocumentNode) -> None:
        if "\\u" not in text and unstorable_position(text) is None:
            return  # no literal can hold such a character: no escape, no raw one
        strings = _UnstorableStrings()
        visit(document, strings)
        if strings.found:
            raise DocumentRejected(strings.found[:1])

    def _validate(self, document: DocumentNode) -> None:
        try:
            errors = validate(self.schema, document, self.rules,
                              max_errors=MAX_VALIDATION_ERRORS,
                              hide_suggestions=not self.suggestions)
        except RecursionError:
            raise DocumentRejected([rejected(
                "QUERY_TOO_COMPLEX", "the document is nested too deeply")]) from None
        if errors:
            raise DocumentRejected([_validation_error(e) for e in errors])


class _UnstorableStrings(Visitor):
    """String literals (arguments, defaults) are text inputs too: same rule as variables."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[GraphQLError] = []

    def enter_string_value(self, node: StringValueNode, _key: Any, _parent: Any, _path: Any,
                           ancestors: list) -> Any:
        position = unstorable_position(node.value)
        if position is None:
            return None
        names = (_name(a) for a in (*ancestors, _parent))
        field = ".".join(n for n in names if n) or "document"
        self.found.append(rejected(
            "INVALID_TEXT", f"The text in {field} holds a character that cannot be stored.",
            node, field=field, position=position))
        return self.BREAK


def _name(node: Any) -> str | None:
    """The argument path of a literal: field, argument and input-field names."""
    if isinstance(node, FieldNode | ArgumentNode | ObjectFieldNode):
        return node.name.value
    if isinstance(node, VariableDefinitionNode):
        return f"${node.variable.name.value}"
    return None


def _with_code(error: GraphQLError, code: str) -> GraphQLError:
    return GraphQLError(error.message, error.nodes, error.source, error.positions,
                        extensions={"code": code})


def _validation_error(error: GraphQLError) -> GraphQLError:
    if error.message == "Validation aborted.":  # the overlap budget ran out
        return rejected("QUERY_TOO_COMPLEX",
                        "validating the document would cost more than the limit allows",
                        limit="validation")
    return _with_code(error, "GRAPHQL_VALIDATION_FAILED")


def _operations(document: DocumentNode) -> dict[str | None, str]:
    return {(d.name.value if d.name else None): d.operation.value
            for d in document.definitions if isinstance(d, OperationDefinitionNode)}

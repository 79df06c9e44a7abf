"""What a document costs, measured in one linear pass before validation or execution.

Each fragment is costed once and its cost reused at every spread, so a document whose
fragments spread each other twice per level (2^n fields after expansion) is measured in time
proportional to its text and refused, instead of being walked 2^n times. Counts are expanded
(a field inside a fragment spread three times counts three times: that is what execution and
validation would pay) and saturate just above the largest limit, so numbers stay small.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

CAP = 1_000_000  # counts above any sensible limit stop growing here


@dataclass(frozen=True)
class Cost:
    """Depth is the nesting of selection sets below the root fields (introspection fields do
    not add depth, as in graphql-depth-limit); the rest are expanded counts."""

    depth: int = 0
    fields: int = 0
    aliases: int = 0
    directives: int = 0

    def __add__(self, other: Cost) -> Cost:
        return Cost(max(self.depth, other.depth), min(CAP, self.fields + other.fields),
                    min(CAP, self.aliases + other.aliases),
                    min(CAP, self.directives + other.directives))


EMPTY = Cost()


class _Meter:
    def __init__(self, document: DocumentNode) -> None:
        self.fragments = {d.name.value: d for d in document.definitions
                          if isinstance(d, FragmentDefinitionNode)}
        self.memo: dict[str, Cost] = {}
        self.visiting: set[str] = set()

    def fragment(self, name: str) -> Cost:
        """A cyclic or unknown spread costs nothing here; validation reports it."""
        if name in self.memo:
            return self.memo[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.visiting:
            return EMPTY
        self.visiting.add(name)
        cost = self.selection_set(definition.selection_set)
        self.visiting.discard(name)
        self.memo[name] = cost
        return cost

    def selection_set(self, selection_set: SelectionSetNode | None) -> Cost:
        total = EMPTY
        for selection in selection_set.selections if selection_set else ():
            total = total + self.selection(selection)
        return total

    def selection(self, selection) -> Cost:
        own_directives = len(selection.directives or ())
        if isinstance(selection, FieldNode):
            inner = self.selection_set(selection.selection_set)
            nested = selection.selection_set is not None
            depth = 0 if selection.name.value.startswith("__") or not nested else inner.depth + 1
            return Cost(depth, min(CAP, inner.fields + 1),
                        min(CAP, inner.aliases + (selection.alias is not None)),
                        min(CAP, inner.directives + own_directives))
        if isinstance(selection, FragmentSpreadNode):
            inner = self.fragment(selection.name.value)
        elif isinstance(selection, InlineFragmentNode):
            inner = self.selection_set(selection.selection_set)
        else:  # pragma: no cover - the grammar has no other selections
            return EMPTY
        return Cost(inner.depth, inner.fields, inner.aliases,
                    min(CAP, inner.directives + own_directives))


def measure(document: DocumentNode) -> list[tuple[str, Cost]]:
    """The cost of every operation and every fragment definition (an unused fragment is
    still validated, so it is bounded too), named for the error message."""
    meter = _Meter(document)
    costs = []
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            name = definition.name.value if definition.name else "(anonymous operation)"
            cost = meter.selection_set(definition.selection_set)
            directives = len(definition.directives or ()) + sum(
                len(v.directives or ()) for v in definition.variable_definitions or ())
            costs.append((name, cost + Cost(directives=directives)))
        elif isinstance(definition, FragmentDefinitionNode):
            cost = meter.fragment(definition.name.value)
            costs.append((f"fragment {definition.name.value}",
                          cost + Cost(directives=len(definition.directives or ()))))
    return costs

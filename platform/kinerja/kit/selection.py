"""Look-ahead on the GraphQL selection, so a root resolver fetches each level in one query."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField


class Selection:
    """Merged sub-selections by field name (fragments flattened, aliases merged), with the
    arguments of every occurrence of the field (variables resolved)."""

    __slots__ = ("arguments", "fields")

    def __init__(self, fields: dict[str, Selection] | None = None,
                 arguments: list[dict[str, Any]] | None = None):
        self.fields: dict[str, Selection] = fields or {}
        self.arguments: list[dict[str, Any]] = arguments or []

    def only_argument(self, name: str) -> Any:
        """The value every occurrence gives argument `name`, or None when they differ or one
        omits it (then a root resolver loads for all values and the field filters)."""
        values = {repr(a.get(name)): a.get(name) for a in self.arguments}
        return next(iter(values.values())) if len(values) == 1 else None

    def __contains__(self, name: str) -> bool:
        return name in self.fields

    def __getitem__(self, name: str) -> Selection:
        return self.fields.get(name) or EMPTY

    def get(self, *path: str) -> Selection:
        current = self
        for name in path:
            current = current[name]
        return current

    def merged(self, *names: str) -> Selection:
        """The union of several fields' sub-selections (e.g. rater and raterSuperior)."""
        out = Selection()
        for name in names:
            if name in self.fields:
                out._merge(self.fields[name])
        return out

    def _merge(self, other: Selection) -> None:
        self.arguments.extend(other.arguments)
        for name, sub in other.fields.items():
            if name in self.fields:
                self.fields[name]._merge(sub)
            else:
                self.fields[name] = Selection(dict(sub.fields), list(sub.arguments))

    @classmethod
    def from_nodes(cls, nodes: Iterable[Any]) -> Selection:
        out = cls()
        for node in nodes:
            if isinstance(node, SelectedField):
                child = cls.from_nodes(node.selections)
                child.arguments.append(dict(node.arguments or {}))
                if node.name in out.fields:
                    out.fields[node.name]._merge(child)
                else:
                    out.fields[node.name] = child
            elif isinstance(node, FragmentSpread | InlineFragment):
                out._merge(cls.from_nodes(node.selections))
        return out


EMPTY = Selection()


def root_selection(info: Any) -> Selection:
    """The selection below the current root field."""
    return Selection.from_nodes(info.selected_fields[0].selections)


def connection_node_selection(sel: Selection) -> Selection:
    """What a connection's client asked of each node, via edges.node or nodes."""
    out = Selection()
    for part in (sel.get("edges", "node"), sel["nodes"]):
        out._merge(part)
    return out

"""A compiled executor for plain-data subtrees (see architecture.md, "Read path for speed").

graphql-core completes every field through `execute_field`: a resolve-info object, a Path, a
resolver call through Strawberry's wrapper, then `complete_value` (about 15 us a field). Below
the root, our types are plain objects filled by the repositories: every field is a Strawberry
"basic" field (no resolver, no permission class, no extension), so its value is just
`getattr(source, python_name)`. For such a subtree this executor compiles, once per
(type, merged selection) and operation, a plan of (response name, attribute, completion) and
completes values with it in a tight loop (about 1 us a field).

Fields with arguments whose data the root resolver has already loaded (marked with
`loaded_field`, e.g. `Skp.realisations(periodId:)`: a pure, synchronous resolver over the
object's attributes) are compiled too: their arguments are coerced once per request and field
node (graphql-core's `get_argument_values`, so variables and defaults are the standard ones)
and the resolver is called directly. Anything else unusual makes the plan ineligible and the
standard path runs instead: abstract types, other fields with resolvers or arguments,
directives other than @include/@skip, @defer/@stream, fragment variables, middleware.
Field collection (fragments, aliases, @include/@skip with variables) is graphql-core's own
`collect_subfields`, so the selection is exactly the standard one. At run time, any anomaly
(a null in a non-null field, a failing scalar, an unexpected value) discards the compiled
result and re-runs the standard path for that object, which produces the exact standard
errors, paths and null propagation; the default resolvers have no side effects, so running
them twice is safe. tests/test_fastexec.py compares both executors.
"""

from __future__ import annotations

import math
import weakref
from decimal import Decimal
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLString,
    VariableNode,
    get_named_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from graphql.execution.values import get_argument_values
from graphql.pyutils import Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from ..graphql.loaded import LOADED

DEFINITION_KEY = "strawberry-definition"
ALLOWED_DIRECTIVES = frozenset({"include", "skip"})
# Scalars whose output coercion returns a value of exactly this class unchanged.
IDENTITY_SCALARS = {GraphQLString: str, GraphQLID: str, GraphQLBoolean: bool}
# Scalars whose output coercion the generated code does inline for the common value classes
# (graphql-core's serialize_int / serialize_float answer exactly these; others go to _leaf).
INLINE_LEAVES = {
    GraphQLInt: ("elif v.__class__ is int and -2147483648 <= v <= 2147483647: out[{key}] = v"),
    GraphQLFloat: ("elif v.__class__ is Decimal and isfinite(w := float(v)): out[{key}] = w\n"
                   "    elif v.__class__ is float and isfinite(v): out[{key}] = v"),
}

TYPENAME, LEAF, OBJECT, LIST, CALL = range(5)
INELIGIBLE = object()


class Anomaly(Exception):
    """The compiled path met something the standard path must handle (and report)."""


def _leaf(spec: tuple, value: Any) -> Any:
    exact_class, coerce = spec[0], spec[1]
    if value.__class__ is exact_class:
        return value
    if isinstance(value, Exception):
        raise Anomaly
    coerced = coerce(value)
    if coerced is None or coerced is Undefined:
        raise Anomaly
    return coerced


def _complete(kind: int, nonnull: bool, spec: Any, value: Any, run: Any) -> Any:
    if value is None or value is Undefined:
        if nonnull:
            raise Anomaly
        return None
    if kind == LEAF:
        return _leaf(spec, value)
    if isinstance(value, Exception):
        raise Anomaly
    if kind == OBJECT:
        return spec[2](value, run)
    if value.__class__ is not list and value.__class__ is not tuple:
        raise Anomaly
    item_kind, item_nonnull, item_spec = spec
    if item_kind == OBJECT:
        complete = item_spec[2]
        out = []
        for item in value:
            if item is None:
                if item_nonnull:
                    raise Anomaly
                out.append(None)
            else:
                out.append(complete(item, run))
        return out
    return [_complete(item_kind, item_nonnull, item_spec, item, run) for item in value]


def _object(plan: tuple, source: Any, run: Any) -> dict[str, Any]:
    """The compiled completion of one object (the entry from graphql-core's executor)."""
    return plan[2](source, run)  # type: ignore[no-any-return]


def _generated(is_type_of: Any, fields: tuple) -> Any:
    """A plan's completion as straight-line Python, made once per plan: per field one
    attribute read and, for a leaf, one class test (no loop, no tuple unpacking; about twice
    as fast as interpreting the plan). Everything unusual goes to `_leaf` / `_complete`,
    which raise Anomaly where the standard path must answer."""
    env: dict[str, Any] = {"Anomaly": Anomaly, "Undefined": Undefined, "_leaf": _leaf,
                           "_complete": _complete, "is_type_of": is_type_of,
                           "Decimal": Decimal, "isfinite": math.isfinite}
    lines = ["def complete(source, run):"]
    if is_type_of is not None:
        lines.append("    if not is_type_of(source, None): raise Anomaly")
    lines.append("    out = {}")
    for i, (name, attr, kind, nonnull, spec) in enumerate(fields):
        key = repr(name)
        if kind == TYPENAME:
            lines.append(f"    out[{key}] = {spec!r}")
            continue
        if kind == CALL:  # attr: (resolver, field, node, python names); spec: the result's
            env[f"call{i}"] = attr
            lines.append(f"    v = call{i}[0](source, **run.arguments_of(*call{i}[1:]))")
            kind, nonnull, spec = spec
        elif attr.isidentifier():
            lines.append(f"    v = source.{attr}")
        else:
            lines.append(f"    v = getattr(source, {attr!r})")
        env[f"spec{i}"] = spec
        null = "raise Anomaly" if nonnull else f"out[{key}] = None"
        if kind == LEAF:
            env[f"exact{i}"] = spec[0]
            lines += [f"    if v.__class__ is exact{i}: out[{key}] = v",
                      f"    elif v is None or v is Undefined: {null}"]
            if spec[2] is not None:
                lines.append("    " + spec[2].format(key=key))
            lines.append(f"    else: out[{key}] = _leaf(spec{i}, v)")
        elif kind == OBJECT:
            env[f"object{i}"] = spec[2]
            lines += [f"    if v is None or v is Undefined: {null}",
                      "    elif isinstance(v, Exception): raise Anomaly",
                      f"    else: out[{key}] = object{i}(v, run)"]
        else:
            lines.append(f"    out[{key}] = _complete({kind}, {nonnull}, spec{i}, v, run)")
    lines.append("    return out")
    exec(compile("\n".join(lines), "<fastexec plan>", "exec"), env)
    return env["complete"]


class _OperationPlans:
    """Plans of one operation shared by every request that runs it (issue 12: no re-planning).

    Keyed by (type, ids of the selection's field nodes). The entry lives exactly as long as
    the operation node (a weak reference; edge/documents.py caches the parsed document, so the
    same text runs the same nodes), so it keeps no document alive and no id outlives its node.
    Only operations whose selection cannot depend on variables (no @include/@skip with a
    variable) share plans; others plan per request.
    """

    _by_operation: dict[int, _OperationPlans] = {}

    def __init__(self, operation: Any) -> None:
        key = id(operation)
        self.operation = weakref.ref(operation, lambda _ref: self._by_operation.pop(key, None))
        self.plans: dict[tuple[GraphQLObjectType, tuple[int, ...]], Any] = {}

    @classmethod
    def of(cls, operation: Any, fragments: dict[str, Any]) -> _OperationPlans | None:
        entry = cls._by_operation.get(id(operation))
        if entry is not None and entry.operation() is operation:
            return entry
        if _selection_depends_on_variables([operation, *fragments.values()]):
            return None
        entry = cls._by_operation[id(operation)] = cls(operation)
        return entry


def _selection_depends_on_variables(nodes: list[Any]) -> bool:
    """Any directive argument given by a variable (e.g. @include(if: $x))."""
    stack = list(nodes)
    while stack:
        node = stack.pop()
        for directive in getattr(node, "directives", None) or ():
            if any(isinstance(arg.value, VariableNode) for arg in directive.arguments or ()):
                return True
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            stack.extend(selection_set.selections)
    return False


class FastExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context with compiled completion of plain object subtrees."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: dict[tuple[GraphQLObjectType, int], tuple[Any, Any]] = {}
        self._arguments: dict[int, dict[str, Any]] = {}
        manager = self.middleware_manager
        self._compilable = manager is None or not manager.middlewares
        self._shared = (_OperationPlans.of(self.operation, self.fragments)
                        if self._compilable else None)

    def complete_object_value(self, return_type, field_details_list, info, path, result,
                              position_context):
        if self._compilable and position_context is None:
            plan = self._plan(return_type, field_details_list)
            if plan is not INELIGIBLE:
                try:
                    return _object(plan, result, self)
                except Exception:  # noqa: S110  graphql-core's own completion below reports it
                    pass
        return super().complete_object_value(return_type, field_details_list, info, path,
                                             result, position_context)

    def arguments_of(self, field_def: Any, node: Any, names: dict[str, str]) -> dict[str, Any]:
        """A loaded field's arguments in this request, by Python name (once per field node)."""
        found = self._arguments.get(id(node))
        if found is None:
            values = get_argument_values(field_def, node, self.variable_values)
            found = self._arguments[id(node)] = {names[k]: v for k, v in values.items()}
        return found

    # --- compilation -----------------------------------------------------------------------
    def _plan(self, object_type: GraphQLObjectType, field_details_list: Any) -> Any:
        """Memoized like collect_subfields: on the identity of the (kept-alive) field group."""
        key = (object_type, id(field_details_list))
        cached = self._plans.get(key)
        if cached is not None:
            return cached[1]
        shared = self._shared
        if shared is not None:
            shared_key = (object_type, tuple(id(d.node) for d in field_details_list))
            plan = shared.plans.get(shared_key)
            if plan is None:
                plan = shared.plans[shared_key] = self._compile(object_type, field_details_list)
        else:
            plan = self._compile(object_type, field_details_list)
        self._plans[key] = (field_details_list, plan)
        return plan

    def _compile(self, object_type: GraphQLObjectType, field_details_list: Any) -> Any:
        grouped, defer_usages, _forbidden = self.collect_subfields(object_type, field_details_list)
        if defer_usages:
            return INELIGIBLE
        fields = []
        for response_name, group in grouped.items():
            entry = self._compile_field(object_type, response_name, group)
            if entry is None:
                return INELIGIBLE
            fields.append(entry)
        plan_fields = tuple(fields)
        return (object_type.is_type_of, plan_fields, _generated(object_type.is_type_of,
                                                                plan_fields))

    def _compile_field(self, parent: GraphQLObjectType, response_name: str, group: Any):
        for details in group:
            if details.fragment_variable_values is not None or details.defer_usage is not None:
                return None
            if any(d.name.value not in ALLOWED_DIRECTIVES for d in details.node.directives or ()):
                return None
        node = group[0].node
        name = node.name.value
        if name == "__typename":
            return (response_name, None, TYPENAME, True, parent.name)
        field_def = self.schema.get_field(parent, name)
        definition = field_def.extensions.get(DEFINITION_KEY) if field_def else None
        if definition is None:
            return None
        shape = self._compile_type(field_def.type, group)
        if shape is None:
            return None
        if definition.metadata.get(LOADED):
            call = _loaded_call(definition, field_def, group)
            return None if call is None else (response_name, call, CALL, True, shape)
        if (field_def.args or node.arguments or definition.default_resolver is not getattr
                or not getattr(field_def.resolve, "_is_default", False)):
            return None
        return (response_name, definition.python_name, *shape)

    def _compile_type(self, graphql_type: Any, group: Any) -> tuple[int, bool, Any] | None:
        nonnull = is_non_null_type(graphql_type)
        inner = graphql_type.of_type if nonnull else graphql_type
        if is_list_type(inner):
            item = self._compile_type(inner.of_type, group)
            return None if item is None else (LIST, nonnull, item)
        if is_leaf_type(inner):
            coerce = inner.coerce_output_value
            if isinstance(inner, GraphQLEnumType):
                coerce = _remembered(coerce)
            return (LEAF, nonnull, (IDENTITY_SCALARS.get(inner), coerce,
                                    INLINE_LEAVES.get(inner)))
        if is_object_type(inner):
            plan = self._plan(inner, group)
            return None if plan is INELIGIBLE else (OBJECT, nonnull, plan)
        return None  # interfaces and unions: the standard path resolves the runtime type


def _remembered(coerce: Any) -> Any:
    """An enum's output coercion with its answers kept: a member always serialises to the
    same name (a failure is not kept and raises again)."""
    known: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        key = (value.__class__, value)  # a str-mixin member equals its value: keep them apart
        try:
            return known[key]
        except KeyError:
            out = known[key] = coerce(value)
            return out
        except TypeError:  # unhashable: not an enum member
            return coerce(value)
    return remembered


def _loaded_call(definition: Any, field_def: Any, group: Any) -> tuple | None:
    """(resolver, field, node, argument names) for a `loaded_field` that can run directly: a
    synchronous resolver without `info`, no permission classes or extensions, and scalar
    arguments only (their coerced values are what Strawberry would pass)."""
    resolver = definition.base_resolver
    if (resolver is None or resolver.is_async or resolver.info_parameter is not None
            or definition.permission_classes or definition.extensions):
        return None
    names = {}
    for graphql_name, argument in field_def.args.items():
        if not isinstance(get_named_type(argument.type), GraphQLScalarType):
            return None
        names[graphql_name] = argument.extensions[DEFINITION_KEY].python_name
    # Validation makes the nodes of one response name agree on their arguments.
    return (resolver.wrapped_func, field_def, group[0].node, names)

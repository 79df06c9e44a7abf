"""Mutation payload errors: `{ field, message, code }` with a per-mutation code enum.

Each mutation runs in a SAVEPOINT: if its service refuses the input (InputErrors), everything
it wrote is rolled back and the payload lists every field error at once.
"""

import inspect
from enum import Enum
from typing import Any, Awaitable, Callable, TypeVar

import strawberry
from sqlalchemy.orm.exc import StaleDataError

from ..errors import Conflict, FieldError, InputErrors
from ..i18n import message

COMMON_CODES = ("REQUIRED", "TOO_LONG", "INVALID_VALUE", "DUPLICATE", "UNKNOWN_REFERENCE",
                "NOT_FOUND", "CONFLICT")

T = TypeVar("T")


def mutation_error_type(mutation: str, codes: tuple[str, ...] = ()) -> type:
    """Builds `<Mutation>Error` and `<Mutation>ErrorCode` for one mutation."""
    all_codes = tuple(dict.fromkeys((*COMMON_CODES, *codes)))
    code_enum = strawberry.enum(
        Enum(f"{mutation}ErrorCode", {c: c for c in all_codes}),
        description=f"Why `{mutation[0].lower() + mutation[1:]}` refused its input.",
    )
    namespace = {
        "__annotations__": {"field": str | None, "message": str, "code": code_enum},
        "__doc__": f"A field error of `{mutation}`.",
    }
    cls = type(f"{mutation}Error", (), namespace)
    error_type = strawberry.type(
        cls,
        name=f"{mutation}Error",
        description=f"One refused input of `{mutation}`: which field, why, a readable message.",
    )
    error_type.code_enum = code_enum
    return error_type


def to_payload_errors(error_type: type, errors: list[FieldError], language: str) -> list[Any]:
    enum = error_type.code_enum
    out = []
    for err in errors:
        code = err.code if err.code in enum.__members__ else "INVALID_VALUE"
        out.append(error_type(field=err.field, message=message(err.code, language, **err.params),
                              code=enum[code]))
    return out


async def answer(ctx: Any, call: Callable[[], Awaitable[Any]], payload: type, error_type: type,
                 build: Callable[[Any], Awaitable[dict[str, Any]] | dict[str, Any]]) -> Any:
    """The one shape of every mutation: run the service in a savepoint, then either the
    payload's refused fields (nothing written) or its object fields from `build(result)`."""
    result = await in_savepoint(ctx, call)
    if isinstance(result, list):
        return payload(errors=to_payload_errors(error_type, result, ctx.language))
    fields = build(result)
    if inspect.isawaitable(fields):
        fields = await fields
    return payload(**fields)


async def resolved(**fields: Any) -> dict[str, Any]:
    """Payload fields, awaiting those that are still to be loaded."""
    return {name: (await value if inspect.isawaitable(value) else value)
            for name, value in fields.items()}


async def in_savepoint(ctx: Any, operation: Callable[[], Awaitable[T]]) -> T | list[FieldError]:
    """Run a mutation's service call; on InputErrors undo its writes and return the errors.

    A call that succeeds marks the request as a change, so the view invalidates the agency's
    cached responses in the same transaction (refused input changes nothing, not even that).
    """
    try:
        async with ctx.session.begin_nested():
            result = await operation()
    except InputErrors as refused:
        return refused.errors
    except StaleDataError as exc:  # a concurrent writer changed the row (models.CHECKED_VERSION)
        raise Conflict() from exc
    ctx.data_changed = True
    return result

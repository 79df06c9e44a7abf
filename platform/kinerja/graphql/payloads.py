"""Mutation payload errors: `{ field, message, code }` with a per-mutation code enum.

Each mutation runs in a SAVEPOINT: if its service refuses the input (InputErrors), everything
it wrote is rolled back and the payload lists every field error at once. The shared epilogues
live here (`answer`, `answer_reloaded`), so no domain turns errors into payloads by itself.
"""

import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

import strawberry
from sqlalchemy.orm.exc import StaleDataError
from strawberry.utils.str_converters import to_camel_case

from ..errors import Conflict, FieldError, InputErrors
from ..i18n import message
from ..kit.selection import Selection, root_selection
from .enums import code_enum

if TYPE_CHECKING:
    from .context import Context, Info

COMMON_CODES = ("REQUIRED", "TOO_LONG", "INVALID_VALUE", "DUPLICATE", "UNKNOWN_REFERENCE",
                "NOT_FOUND", "CONFLICT")

T = TypeVar("T")


def mutation_error_type(mutation: str, codes: tuple[str, ...] = ()) -> type[Any]:
    """Builds `<Mutation>Error` and `<Mutation>ErrorCode` for one mutation."""
    all_codes = tuple(dict.fromkeys((*COMMON_CODES, *codes)))
    code_type = code_enum(f"{mutation}ErrorCode", all_codes,
                          f"Why `{mutation[0].lower() + mutation[1:]}` refused its input.")
    namespace = {
        "__annotations__": {"field": str | None, "message": str, "code": code_type},
        "__doc__": f"A field error of `{mutation}`.",
    }
    cls: type[Any] = type(f"{mutation}Error", (), namespace)
    error_type = strawberry.type(
        cls,
        name=f"{mutation}Error",
        description=f"One refused input of `{mutation}`: which field, why, a readable message.",
    )
    error_type.code_enum = code_type
    return error_type


def error_code(code_type: Any, code: str) -> Any:
    """The member of an error-code enum for `code`; one the mutation does not list reads
    INVALID_VALUE (every code enum has it), the message still says exactly why."""
    members = code_type.__members__
    return members[code] if code in members else members["INVALID_VALUE"]


def to_payload_errors(error_type: type[Any], errors: list[FieldError], language: str) -> list[Any]:
    return [error_type(field=err.field, message=message(err.code, language, **err.params),
                       code=error_code(error_type.code_enum, err.code)) for err in errors]


def to_row_errors(row_type: type, code_type: Any, errors: list[Any], language: str) -> list[Any]:
    """A CSV import's refused rows (kit.csv_rows.RowError) as the payload's `rowErrors`."""
    return [row_type(row=e.row, column=e.column, message=message(e.code, language, **e.params),
                     code=error_code(code_type, e.code)) for e in errors]


async def answer(ctx: "Context", call: Callable[[], Awaitable[Any]], payload: type,
                 error_type: type,
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


async def answer_reloaded(info: "Info", call: Callable[[], Awaitable[Any]], payload: type,
                          error_type: type, field: str,
                          load: Callable[["Context", Any, Selection], Awaitable[Any]]) -> Any:
    """`answer` for the usual payload: the changed object (the call returns its ID) in
    `field`, re-read by `load(ctx, id, selection)` as the queries read it, after dropping what
    earlier fields cached (this operation changed data)."""
    ctx, sel = info.context, root_selection(info)[to_camel_case(field)]

    async def build(object_id: Any) -> dict[str, Any]:
        ctx.loaders.clear()
        return {field: await load(ctx, object_id, sel)}

    return await answer(ctx, call, payload, error_type, build)


async def resolved(**fields: Any) -> dict[str, Any]:
    """Payload fields, awaiting those that are still to be loaded."""
    return {name: (await value if inspect.isawaitable(value) else value)
            for name, value in fields.items()}


async def in_savepoint(ctx: "Context",
                       operation: Callable[[], Awaitable[T]]) -> T | list[FieldError]:
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

"""Job-person-match bands: stored per agency as data, with the domain guide's defaults.

Bands are listed from the highest `min` down; a JPM belongs to the first band whose `min` it
reaches (so 90 is Optimal and 78 Cukup Optimal). The last band must start at 0, so every JPM
has a band. Comparisons are exact: `min` has at most two decimals and is compared as
10000 x actual >= round(100 x min) x required, in Python and in SQL alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa

from ..audit.recorder import record
from ..authz.actor import Actor
from ..errors import Conflict, ErrorCollector
from ..kit.writes import insert_or_conflict
from ..models import JpmBandSetting
from ..models.base import utcnow
from .repository import BandRepository

DEFAULT_BANDS: list[dict[str, Any]] = [
    {"code": "OPTIMAL", "label": "Optimal", "min": 90},
    {"code": "CUKUP_OPTIMAL", "label": "Cukup Optimal", "min": 78},
    {"code": "KURANG_OPTIMAL", "label": "Kurang Optimal", "min": 0},
]
MAX_BANDS, MAX_LABEL = 10, 100
CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,29}$")


@dataclass(frozen=True)
class BandSet:
    bands: list[dict[str, Any]]
    version: int  # 0 while the agency uses the defaults
    stored: bool


def hundredths(value: Any) -> int:
    return int((Decimal(str(value)) * 100).to_integral_value())


def band_for(bands: list[dict[str, Any]], actual: int, required: int) -> dict[str, Any] | None:
    """The band of JPM = actual / required x 100 (None when nothing is required)."""
    if required <= 0:
        return None
    for band in bands:
        if 10000 * actual >= hundredths(band["min"]) * required:
            return band
    return bands[-1]


def text(value: str) -> sa.ColumnElement[str]:
    """A typed string constant (PostgreSQL cannot infer the type of a bare parameter)."""
    return sa.cast(sa.literal(value), sa.String(40))


def band_case(bands: list[dict[str, Any]], actual: Any, required: Any) -> sa.Case:
    """The same rule as `band_for` as a SQL CASE over two integer sums."""
    whens = [(10000 * actual >= hundredths(b["min"]) * required, text(b["code"]))
             for b in bands[:-1]]
    return sa.case(*whens, else_=text(bands[-1]["code"]))


def check_bands(items: list[tuple[str, str, float]]) -> list[dict[str, Any]]:
    """(code, label, min) from the highest band down -> the stored form; all errors at once."""
    errors = ErrorCollector()
    if not 1 <= len(items) <= MAX_BANDS:
        errors.add("bands", "OUT_OF_RANGE", min=1, max=MAX_BANDS)
    out, seen, previous = [], set(), None
    for index, (code, label, minimum) in enumerate(items):
        path = f"bands[{index}]"
        code = (code or "").strip().upper()
        if not CODE.match(code):
            errors.add(f"{path}.code", "INVALID_VALUE", detail="A-Z, 0-9, _")
        elif code in seen:
            errors.add(f"{path}.code", "DUPLICATE", detail=code)
        seen.add(code)
        label = (label or "").strip()
        if not label:
            errors.add(f"{path}.label", "REQUIRED")
        elif len(label) > MAX_LABEL:
            errors.add(f"{path}.label", "TOO_LONG", max=MAX_LABEL)
        try:
            exact = Decimal(str(minimum))
        except InvalidOperation:
            exact = Decimal(-1)
        if not (0 <= exact <= 100) or exact != exact.quantize(Decimal("0.01")):
            errors.add(f"{path}.min", "OUT_OF_RANGE", min=0, max=100)
        elif previous is not None and exact >= previous:
            errors.add(f"{path}.min", "BAND_ORDER")
        else:
            previous = exact
        value = int(exact) if exact == exact.to_integral_value() else float(exact)
        out.append({"code": code, "label": label, "min": value})
    if items and not errors and out[-1]["min"] != 0:
        errors.add(f"bands[{len(items) - 1}].min", "BAND_FLOOR")
    errors.raise_if_any()
    return out


async def load_bands(session) -> BandSet:
    row = await BandRepository(session).stored()
    if row is None:
        return BandSet(DEFAULT_BANDS, 0, False)
    return BandSet(row.bands, row.version, True)


async def save_bands(actor: Actor, items: list[tuple[str, str, float]],
                     expected: int | None) -> BandSet:
    """Replace the agency's bands (version 0 = the defaults); audited."""
    session, tenant_id, user_id = actor.session, actor.tenant_id, actor.user_id
    repo = BandRepository(session)
    row = await repo.stored()
    current = row.version if row else 0
    if expected is not None and expected != current:
        raise Conflict()
    bands = check_bands(items)
    before = row.bands if row else DEFAULT_BANDS
    if bands == before:
        return BandSet(bands, current, row is not None)
    if row is None:
        setting = JpmBandSetting(tenant_id=tenant_id, bands=bands, updated_by=user_id)
        await insert_or_conflict(session, setting)
        object_id, version = setting.id, 1
    else:
        if not await repo.bump_version(JpmBandSetting, row.id, current,
                                       {"bands": bands, "updated_by": user_id,
                                        "updated_at": utcnow()}):
            raise Conflict()
        object_id, version = row.id, current + 1
    await record(session, tenant_id=tenant_id, actor_user_id=user_id, action="jpm_bands.set",
                 object_type="JpmBandSetting", object_id=object_id,
                 before={"bands": before, "version": current},
                 after={"bands": bands, "version": version})
    return BandSet(bands, version, True)

"""Write DemoData into the database (CLI `seed-demo`, `make run`, and the test fixtures).

Idempotent per tenant: a tenant whose slug exists is left as it is, so re-running keeps data
(only the demo views, demo.views, are added to an existing demo tenant when their keys are missing).
Every tenant's rows are written in a session scoped to that tenant (RLS applies on PostgreSQL).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from ..auth.passwords import hash_password
from ..authz.generation_repository import PolicyGenerationRepository
from ..db import Database
from ..models import CasbinRule, Employee, OrgUnit, Position, ReportingLine, Tenant, User
from ..reference import position_type_of
from ..webapp.install import install as install_webapp
from .competency import seed_competencies
from .cycle import seed_cycle
from .development import seed_development
from .frameworks import seed_frameworks
from .oversight import seed_oversight
from .pauh import DemoData, DemoTenant, DemoUser
from .views import ParsedOnly, seed_views


@dataclass
class LoadedDemo:
    tenant_ids: dict[str, uuid.UUID] = field(default_factory=dict)
    user_ids: dict[str, uuid.UUID] = field(default_factory=dict)
    employee_ids: dict[tuple[str, str], uuid.UUID] = field(default_factory=dict)
    unit_ids: dict[tuple[str, str], uuid.UUID] = field(default_factory=dict)
    position_ids: dict[tuple[str, str], uuid.UUID] = field(default_factory=dict)
    created_tenants: list[str] = field(default_factory=list)


_DEMO_HASHES: dict[str, str] = {}


def _hasher(password: str) -> str:
    """Hash each distinct demo password once per process (argon2 is deliberately slow)."""
    if password not in _DEMO_HASHES:
        _DEMO_HASHES[password] = hash_password(password)
    return _DEMO_HASHES[password]


async def load_demo(db: Database, data: DemoData, valid_from: date = date(2026, 1, 1),
                    with_cycle: bool = False) -> LoadedDemo:
    """`with_cycle` also seeds a running 2026 cycle with SKPs in the new tenants (demo.cycle)
    and the demo views (demo.views)."""
    loaded = LoadedDemo()
    async with db.unit_of_work(platform=True) as session:
        existing = dict((await session.execute(sa.select(Tenant.slug, Tenant.id))).all())
        for tenant in data.tenants:
            if tenant.slug in existing:
                loaded.tenant_ids[tenant.slug] = existing[tenant.slug]
                continue
            row = Tenant(slug=tenant.slug, name=tenant.name, kind=tenant.kind,
                         parent_id=loaded.tenant_ids.get(tenant.parent_slug or "")
                         or existing.get(tenant.parent_slug or ""))
            session.add(row)
            await session.flush()
            loaded.tenant_ids[tenant.slug] = row.id
            loaded.created_tenants.append(tenant.slug)
        overseers = data.oversight.overseers if data.oversight else []
        all_users = [*data.platform_users, *overseers,
                     *(u for t in data.tenants for u in t.users)]
        known = dict((await session.execute(sa.select(User.username, User.id))).all())
        for user in all_users:
            if user.username in known or user.username in loaded.user_ids:
                loaded.user_ids.setdefault(user.username, known.get(user.username))
                continue
            row = User(username=user.username, email=user.email, display_name=user.display_name,
                       password_hash=_hasher(user.password))
            session.add(row)
            await session.flush()
            loaded.user_ids[user.username] = row.id
        rules = []
        for user in data.platform_users:
            if known.get(user.username) is None:
                rules += [CasbinRule(ptype="g", v0=str(loaded.user_ids[user.username]), v1=role,
                                     v2="*")
                          for role in user.roles]
        for tenant in data.tenants:
            if tenant.slug not in loaded.created_tenants:
                continue
            tenant_id = str(loaded.tenant_ids[tenant.slug])
            rules += [CasbinRule(ptype="g", v0=str(loaded.user_ids[u.username]), v1=role,
                                 v2=tenant_id)
                      for u in tenant.users for role in u.roles]
        session.add_all(rules)
        if rules:  # running servers reload on their next request
            await PolicyGenerationRepository(session).advance()
    for tenant in data.tenants:
        if tenant.slug in loaded.created_tenants:
            await _load_tenant(db, tenant, loaded, valid_from)
    if with_cycle:
        await seed_cycle(db, data, loaded, today=valid_from)
        await seed_frameworks(db, data, loaded)
        await seed_competencies(db, data, loaded, today=valid_from)
        await seed_development(db, data, loaded, today=valid_from)
        await seed_views(db, data, loaded)  # every demo tenant with the cycle: missing keys only
        # The reference web app (webapp/), enabled in every demo agency; its documents are
        # checked against the real gate by tests/test_webapp.py.
        await install_webapp(db, ParsedOnly, [loaded.tenant_ids[t.slug] for t in data.tenants])
    if data.oversight is not None:
        await seed_oversight(db, data.oversight, loaded)
    return loaded


async def _load_tenant(db: Database, tenant: DemoTenant, loaded: LoadedDemo,
                       valid_from: date) -> None:
    tenant_id = loaded.tenant_ids[tenant.slug]
    async with db.unit_of_work(tenant_id=tenant_id) as session:
        for unit in tenant.units:  # parents come first in the demo data
            row = OrgUnit(tenant_id=tenant_id, code=unit.code, name=unit.name,
                          parent_id=loaded.unit_ids.get((tenant.slug, unit.parent_code or "")))
            session.add(row)
            loaded.unit_ids[(tenant.slug, unit.code)] = row.id
            await session.flush()
        for position in tenant.positions:
            row = Position(tenant_id=tenant_id, code=position.code, name=position.name,
                           level=position.level, position_type=position_type_of(position.level))
            session.add(row)
            loaded.position_ids[(tenant.slug, position.code)] = row.id
        await session.flush()
        accounts = _accounts_by_employee(tenant.users, loaded)
        for emp in tenant.employees:
            row = Employee(
                tenant_id=tenant_id, nip=emp.nip, employee_type=emp.employee_type, name=emp.name,
                rank=emp.rank_code,
                position_id=loaded.position_ids[(tenant.slug, emp.position_code)],
                unit_id=loaded.unit_ids[(tenant.slug, emp.unit_code)],
                user_id=accounts.get(emp.key),
            )
            session.add(row)
            loaded.employee_ids[(tenant.slug, emp.key)] = row.id
        home = loaded.tenant_ids.get(tenant.parent_slug or "")
        for parent_rater in tenant.parent_raters:  # no unit or position here
            emp = parent_rater.official
            row = Employee(tenant_id=tenant_id, nip=emp.nip, employee_type=emp.employee_type,
                           name=emp.name, rank=emp.rank_code, user_id=accounts.get(emp.key),
                           home_tenant_id=home)
            session.add(row)
            loaded.employee_ids[(tenant.slug, emp.key)] = row.id
        await session.flush()
        by_key = {emp.key: emp for emp in tenant.employees}
        by_key.update((p.official.key, p.official) for p in tenant.parent_raters)
        for emp in tenant.employees:
            rater_key = tenant.rater_key_of(emp)
            if rater_key is None:
                continue
            session.add(ReportingLine(
                tenant_id=tenant_id, employee_id=loaded.employee_ids[(tenant.slug, emp.key)],
                rater_id=loaded.employee_ids[(tenant.slug, rater_key)],
                rater_superior_id=loaded.employee_ids.get(
                    (tenant.slug, emp.rater_superior_key or "")),
                valid_from=valid_from, acting=by_key[rater_key].acting,  # the rater is Plt/Plh
            ))


def _accounts_by_employee(users: list[DemoUser], loaded: LoadedDemo) -> dict[str, uuid.UUID]:
    return {u.employee_key: loaded.user_ids[u.username] for u in users if u.employee_key}

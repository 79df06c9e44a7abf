"""The `kinerja` command line: serve, migrate, distribute, seed-demo, create-tenant,
create-user, grant, token, export-schema, create-app-role, purge-files, audit-verify,
documents push|check, webapp-install. Clear
messages and non-zero exit codes on bad input."""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa

from .config import ConfigError, Settings, load_settings

EXIT_FAILURE, EXIT_USAGE = 1, 2


class CliError(Exception):
    """A refused command: printed as `kinerja: <message>`, exit code 1."""


def _db(settings: Settings, url: str | None = None):
    from .db import Database, create_engine

    return Database(create_engine(url or settings.database_url))


async def _migrate(settings: Settings) -> None:
    from .migrate import upgrade

    await upgrade(settings.owner_database_url)
    if settings.owner_database_url.startswith("postgresql"):
        from .citus.distribute import distribute

        # a distributed database: whatever a migration left local joins the others
        if await distribute(settings.owner_database_url, only_if_distributed=True):
            print("distributed tables checked (kinerja distribute)")


async def _distribute(settings: Settings, args) -> None:
    from .citus.distribute import NotCitus, WrongDistribution, distribute

    if not settings.owner_database_url.startswith("postgresql"):
        raise CliError("distribute needs a PostgreSQL KINERJA_MIGRATION_DATABASE_URL "
                       "(the Citus coordinator)")
    if not 1 <= args.shard_count <= 1024:
        raise CliError("--shard-count: a number from 1 to 1024")
    try:
        report = await distribute(settings.owner_database_url, args.shard_count)
    except (NotCitus, WrongDistribution) as exc:
        raise CliError(str(exc)) from exc
    assert report is not None
    print(f"distributed {report.distributed} agency tables by tenant_id, made "
          f"{report.reference} global tables reference tables, "
          f"re-added {report.foreign_keys} foreign keys")


async def _seed_demo(settings: Settings, quiet: bool = False) -> None:
    from .demo.load import load_demo
    from .demo.pauh import build_demo

    data = build_demo()
    db = _db(settings)
    try:
        loaded = await load_demo(db, data, with_cycle=True)
    finally:
        await db.dispose()
    if not quiet:
        created = ", ".join(loaded.created_tenants) or "none (already present)"
        print(f"Demo tenants created: {created}")
    print_demo_logins(data)


def print_demo_logins(data) -> None:
    print("\nDemo logins (username / password / roles):")
    seen: set[str] = set()
    for user in data.platform_users:
        print(f"  {user.username:<22} {user.password:<22} {', '.join(user.roles)} (platform)")
        seen.add(user.username)
    if data.oversight is not None:
        for user in data.oversight.overseers:
            print(f"  {user.username:<22} {user.password:<22} overseer of {data.oversight.name}")
            seen.add(user.username)
    for tenant in data.tenants:
        print(f"  [{tenant.slug}] {tenant.name}")
        for user in tenant.users:
            print(f"    {user.username:<20} {user.password:<22} {', '.join(user.roles)}")


async def _create_tenant(settings: Settings, args) -> None:
    from .authz.actor import Actor
    from .errors import InputErrors
    from .tenants.repository import TenantRepository
    from .tenants.service import TenantInput, TenantService

    db = _db(settings)
    try:
        async with db.unit_of_work(platform=True) as session:
            parent_id = None
            if args.parent:
                parent = await TenantRepository(session).ref_by_slug(args.parent)
                if parent is None:
                    raise CliError(f"no tenant with slug {args.parent!r}")
                parent_id = parent.id
            try:
                system = Actor(session, None, None, today=settings.today())
                tenant = await TenantService(system).create(
                    TenantInput(slug=args.slug, name=args.name, kind=args.kind.upper(),
                                parent_id=parent_id))
            except InputErrors as exc:
                raise CliError(_describe(exc)) from exc
    finally:
        await db.dispose()
    print(f"created tenant {tenant.slug} ({tenant.id})")  # only once committed


async def _create_user(settings: Settings, args) -> None:
    from .accounts.service import UserInput, create_global_user
    from .authz.actor import Actor
    from .errors import InputErrors

    password = args.password if args.password is not None else sys.stdin.readline().rstrip("\n")
    db = _db(settings)
    try:
        async with db.unit_of_work(platform=True) as session:
            try:
                user = await create_global_user(Actor(session, None, None), UserInput(
                    username=args.username, display_name=args.display_name or args.username,
                    email=args.email, password=password))
            except InputErrors as exc:
                raise CliError(_describe(exc)) from exc
    finally:
        await db.dispose()
    print(f"created user {user.username} ({user.id})")


async def _grant(settings: Settings, args) -> None:
    from .accounts.repository import UserRepository
    from .authz.generation_repository import PolicyGenerationRepository
    from .authz.store import PolicyStore
    from .authz.vocabulary import PARENT_RATER_ROLE
    from .models import CasbinRule
    from .tenants.repository import TenantRepository

    if bool(args.platform) == bool(args.tenant):
        raise CliError("give either --tenant SLUG or --platform")
    store = PolicyStore()
    db = _db(settings)
    try:
        async with db.unit_of_work(platform=True) as session:
            # the policy turn first, as every API change: running servers (any backend, any
            # process) see the new generation on their next request and reload
            await PolicyGenerationRepository(session).advance()
            user = await UserRepository(session).auth_row_by_username(args.username)
            if user is None:
                raise CliError(f"no user {args.username!r}")
            if args.platform:
                if args.role != "platform_admin":
                    raise CliError("only platform_admin can be granted platform-wide")
                domain = "*"
            else:
                tenant = await TenantRepository(session).ref_by_slug(args.tenant)
                if tenant is None:
                    raise CliError(f"no tenant with slug {args.tenant!r}")
                await store.reload(session)
                if args.role == "platform_admin":
                    raise CliError("platform_admin is granted with --platform, not per tenant")
                if (not store.is_builtin(args.role)
                        and args.role not in await _custom_roles(session, tenant.id)):
                    raise CliError(f"no role {args.role!r} in tenant {args.tenant!r}")
                if args.role == PARENT_RATER_ROLE:
                    await _check_parent_official(session, user.id, tenant.id, args.tenant)
                domain = str(tenant.id)
            exists = await session.execute(sa.select(CasbinRule.id).where(
                CasbinRule.ptype == "g", CasbinRule.v0 == str(user.id),
                CasbinRule.v1 == args.role, CasbinRule.v2 == domain))
            if exists.first() is None:
                session.add(CasbinRule(ptype="g", v0=str(user.id), v1=args.role, v2=domain))
    finally:
        await db.dispose()
    print(f"granted {args.role} to {user.username} in {args.tenant or 'the platform'}")


async def _check_parent_official(session, user_id, tenant_id, slug: str) -> None:
    """parent_rater is for officials of the agency's parent (the Camat rating a Lurah): the
    login must hold a role there."""
    from .models import CasbinRule, Tenant

    parent = (await session.execute(sa.select(Tenant.parent_id)
                                    .where(Tenant.id == tenant_id))).scalar()
    if parent is None:
        raise CliError(f"{slug!r} has no parent agency: parent_rater needs one")
    member = await session.execute(sa.select(CasbinRule.id).where(
        CasbinRule.ptype == "g", CasbinRule.v0 == str(user_id), CasbinRule.v2 == str(parent)))
    if member.first() is None:
        raise CliError(f"the user is no member of the parent agency of {slug!r}")


async def _custom_roles(session, tenant_id) -> set[str]:
    from .db import switch_tenant
    from .models import Role

    await switch_tenant(session, tenant_id)
    names = set((await session.execute(sa.select(Role.name))).scalars())
    await switch_tenant(session, None)
    return names


async def _token(settings: Settings, args) -> None:
    from .accounts.repository import UserRepository
    from .auth.tokens import issue_token

    db = _db(settings)
    try:
        async with db.unit_of_work(platform=True, write=False) as session:
            user = await UserRepository(session).auth_row_by_username(args.username)
            if user is None or user.disabled:
                raise CliError(f"no active user {args.username!r}")
    finally:
        await db.dispose()
    print(issue_token(settings, user.id).token)


async def _create_app_role(settings: Settings, args) -> None:
    from .ops.app_role import ensure_app_role

    if not settings.owner_database_url.startswith("postgresql"):
        raise CliError("create-app-role needs a PostgreSQL KINERJA_MIGRATION_DATABASE_URL")
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.name):
        raise CliError("role name: lower-case letters, digits and _")
    await ensure_app_role(settings.owner_database_url, args.name, args.password)
    print(f"role {args.name} ready (LOGIN, NOSUPERUSER, NOBYPASSRLS, table privileges only)")


async def _purge_files(settings: Settings, args) -> None:
    from datetime import timedelta

    from .edge.files import ATTACHMENT_KINDS
    from .files import attachments
    from .files.purge import purge_unattached
    from .files.storage import FileStore
    from .models.base import utcnow

    if args.older_than_hours < 1:
        raise CliError("--older-than-hours must be at least 1 (uploads in use are minutes old)")
    attachments.install(ATTACHMENT_KINDS)
    db = _db(settings)
    try:
        purged = await purge_unattached(db, FileStore(settings.storage_dir),
                                        utcnow() - timedelta(hours=args.older_than_hours))
    finally:
        await db.dispose()
    for item in purged:
        if item.files:
            print(f"{item.tenant_slug}: purged {item.files} file(s), {item.bytes} bytes")
    print(f"purged {sum(p.files for p in purged)} never-attached file(s) older than "
          f"{args.older_than_hours} h")


async def _audit_verify(settings: Settings, args) -> None:
    from .audit.verify import verify_all

    db = _db(settings)
    try:
        verdicts = await verify_all(db, args.tenant)
    except LookupError as exc:
        raise CliError(f"no tenant with slug {args.tenant!r}") from exc
    finally:
        await db.dispose()
    for verdict in verdicts:
        print(describe_verdict(verdict))
    broken = [v.chain for v in verdicts if not v.ok]
    if broken:
        raise CliError(f"audit trail BROKEN in {len(broken)} chain(s): {', '.join(broken)}")
    print(f"audit trail intact: {len(verdicts)} chain(s), "
          f"{sum(v.events_checked for v in verdicts)} event(s) checked")


async def _documents(settings: Settings, args) -> None:
    """`documents push --app CLIENT_ID FILE` publishes a manifest; `documents check` lists
    every published document the current schema would break (exit code 1 if any)."""
    import json

    from .clients.operator import OperatorError, check, push
    from .edge.schema import build_gate, build_schema

    schema = build_schema(settings)
    gate = build_gate(schema, settings)
    db = _db(settings)
    try:
        if args.action == "push":
            try:
                manifest = json.loads(Path(args.file).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise CliError(f"cannot read the manifest {args.file}: {exc}") from exc
            try:
                done = await push(db, gate.prepare, args.app, manifest)
            except OperatorError as exc:
                raise CliError(str(exc)) from exc
            print(f"published {done.published} document(s), {done.unchanged} already published")
            return
        broken = await check(db, schema._schema, gate.rules)
    finally:
        await db.dispose()
    for item in broken:
        print(f"{item.where} {item.client_id} ({item.app}) {item.broken.document_id}: "
              f"{item.broken.reason}")
    if broken:
        raise CliError(f"{len(broken)} published document(s) would break")
    print("every published document is valid against the current schema")


async def _webapp_install(settings: Settings, args) -> None:
    """`webapp-install [--tenant SLUG ...]`: register Dasbor Kinerja (webapp/), publish its
    documents through the real gate, enable it in the named agencies (default: every active
    one). Idempotent."""
    from .edge.schema import build_gate, build_schema
    from .webapp.install import agency_ids, install

    gate = build_gate(build_schema(settings), settings)
    db = _db(settings)
    try:
        try:
            tenants = await agency_ids(db, args.tenant)
        except LookupError as exc:
            raise CliError(f"no active agency {exc}") from exc
        done = await install(db, gate.prepare, tenants)
    finally:
        await db.dispose()
    print(f"Dasbor Kinerja: {'registered' if done.registered else 'already registered'}, "
          f"{done.published} document(s) published, enabled in {len(done.enabled)} more "
          f"agency(ies); open /app")


def describe_verdict(verdict) -> str:
    from .i18n import message

    head = f"head {verdict.head.seq} {verdict.head.hash[:16]}"
    if verdict.ok:
        return f"{verdict.chain}: ok, {verdict.events_checked} event(s), {head}"
    broken = verdict.broken
    event = f" (event {broken.event_id})" if broken.event_id else ""
    return (f"{verdict.chain}: BROKEN at seq {broken.seq}{event}: {broken.problem.value} "
            f"({message('AUDIT_' + broken.problem.value, 'en').rstrip('.')}); "
            f"{verdict.events_checked} event(s) intact before it, {head}")


def _describe(exc) -> str:
    return "; ".join(f"{e.field or 'input'}: {e.code}" + (f" ({e.params})" if e.params else "")
                     for e in exc.errors)


def _serve(settings: Settings, args) -> None:
    import uvicorn

    settings.check_startable()  # refuse before workers start (they would restart forever)
    if args.migrate:
        asyncio.run(_migrate(settings))
    if args.demo:
        asyncio.run(_seed_demo(settings, quiet=True))
    host, port = args.host or settings.host, args.port or settings.port
    print(f"\nKinerja is serving GraphQL at http://{host}:{port}/graphql", flush=True)
    uvicorn.run("kinerja.asgi:app", host=host, port=port, workers=args.workers,
                log_level="warning", access_log=False)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kinerja", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = sub.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--migrate", action="store_true", help="migrate to head first")
    serve.add_argument("--demo", action="store_true", help="load the Pauh demo data if absent")
    sub.add_parser("migrate", help="migrate the database to the newest schema")
    sub.add_parser("seed-demo", help="load the Pauh demo data (skips tenants that exist)")
    spread = sub.add_parser("distribute", help="on a Citus coordinator: distribute the agency "
                            "tables by tenant_id, global tables as reference tables")
    spread.add_argument("--shard-count", type=int, default=32,
                        help="shards of a new colocation group (default 32)")
    tenant = sub.add_parser("create-tenant", help="create an agency")
    tenant.add_argument("--slug", required=True)
    tenant.add_argument("--name", required=True)
    tenant.add_argument("--kind", default="OTHER")
    tenant.add_argument("--parent", help="slug of the overseeing agency")
    user = sub.add_parser("create-user", help="create a login (password from --password or stdin)")
    user.add_argument("--username", required=True)
    user.add_argument("--display-name")
    user.add_argument("--email")
    user.add_argument("--password")
    grant = sub.add_parser("grant", help="give a user a role in a tenant (or platform_admin)")
    grant.add_argument("--username", required=True)
    grant.add_argument("--role", required=True)
    grant.add_argument("--tenant", help="tenant slug")
    grant.add_argument("--platform", action="store_true", help="grant platform_admin")
    token = sub.add_parser("token", help="print a signed access token for a user")
    token.add_argument("--username", required=True)
    sub.add_parser("export-schema", help="print the GraphQL SDL")
    role = sub.add_parser("create-app-role", help="create the PostgreSQL role the app connects as")
    role.add_argument("--name", default="kinerja_app")
    role.add_argument("--password")
    purge = sub.add_parser("purge-files",
                           help="delete uploads never attached to anything, with their bytes")
    purge.add_argument("--older-than-hours", type=int, default=24)
    verify = sub.add_parser("audit-verify",
                            help="verify the audit hash chains; report the first broken link")
    verify.add_argument("--tenant", help="tenant slug (default: every agency and the platform)")
    documents = sub.add_parser("documents", help="trusted documents of client apps")
    action = documents.add_subparsers(dest="action", required=True, metavar="ACTION")
    pushed = action.add_parser("push", help="publish a manifest {\"sha256:<hex>\": \"<doc>\"}")
    pushed.add_argument("--app", required=True, help="the app's client id")
    pushed.add_argument("file", help="the manifest (JSON)")
    action.add_parser("check", help="list published documents the current schema would break")
    web = sub.add_parser("webapp-install", help="register Dasbor Kinerja and enable it in agencies")
    web.add_argument("--tenant", action="append", help="agency slug (repeat; default: every one)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        if args.command == "export-schema":
            from .edge.schema import export_sdl

            sys.stdout.write(export_sdl())
        elif args.command == "serve":
            _serve(settings, args)
        elif args.command == "migrate":
            asyncio.run(_migrate(settings))
            print("database migrated to head")
        elif args.command == "seed-demo":
            asyncio.run(_seed_demo(settings))
        else:
            handler = {"create-tenant": _create_tenant, "create-user": _create_user,
                       "grant": _grant, "token": _token, "create-app-role": _create_app_role,
                       "distribute": _distribute,
                       "purge-files": _purge_files, "audit-verify": _audit_verify,
                       "documents": _documents, "webapp-install": _webapp_install}
            asyncio.run(handler[args.command](settings, args))
    except (CliError, ConfigError) as exc:
        print(f"kinerja: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except (OSError, sa.exc.DBAPIError, sa.exc.ArgumentError) as exc:
        print(f"kinerja: database error: {type(exc).__name__}: {str(exc).splitlines()[0]}",
              file=sys.stderr)
        return EXIT_FAILURE
    return 0


if __name__ == "__main__":
    sys.exit(main())

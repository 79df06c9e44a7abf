"""The package borders of platform/kinerja, checked from the source (ast, no database, no import).

Rules, each with what to do when it fails:
(a) no import cycle between packages (imports inside functions count too);
(b) a domain never imports another domain's `queries`/`mutations` modules (`*_queries`,
    `*_mutations` too) nor its private (underscore) modules or names;
(c) SQL only in repositories: building SQLAlchemy statements (`select`, `insert`, `update`,
    `delete`, `text`, ...) and running them (`.execute`, `.scalars`, `.exec_driver_sql`) happens
    in modules named `repository.py` or `*_repository.py` (or under a `repositories/`
    package), or in the short infrastructure allowlist below;
(d) nothing imports the HTTP edge (`kinerja.edge`) except the entry points app.py and cli.py;
(e) infrastructure (db, kit, auth, authz, audit, graphql, ...) imports no domain.

The checker is plain functions over a module table, so the self-tests at the bottom feed it
synthetic violations and prove that each rule fails.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[2] / "platform" / "kinerja"
TOP = "kinerja"

# Every package (or top-level module) of kinerja, by role. A new one must be placed here.
DOMAINS = frozenset({
    "tenants", "roles", "people", "accounts", "files", "cycles", "skp", "reviews", "results",
    "objections", "competencies", "competency_assessments", "training", "development",
    "clients", "views", "usage", "analysis", "exports", "oversight", "official", "webapp",
})
INFRASTRUCTURE = frozenset({
    "config", "errors", "i18n", "reference", "labels", "models", "db", "rls", "migrate", "kit",
    "auth", "authz", "audit", "ops", "graphql", "citus",
})
EDGE = "edge"
ENTRY_POINTS = frozenset({"app", "cli", "asgi", "demo"})  # demo: data loading for `serve --demo`
MAY_IMPORT_EDGE = frozenset({"kinerja.app", "kinerja.cli"})

# Imports that exist only for code outside platform/kinerja, left out of every rule. Keep short.
COMPAT_IMPORTS: set[tuple[str, str]] = set()  # (importer, imported), each with its reason

# Modules (or whole packages) that may build or run SQL without being repositories:
# infrastructure and operator commands only, each with its reason.
SQL_ALLOWED = {
    "kinerja.db": "engines and sessions: tenant criteria, RLS set_config, SQLite BEGIN",
    "kinerja.rls": "the RLS policy DDL every migration applies (migrations helper)",
    "kinerja.migrate": "reads alembic_version (migrations helper)",
    "kinerja.audit.append": "hash-chains audit events on the flush connection (before_flush)",
    "kinerja.authz.store": "loads every casbin_rule row into the in-memory enforcer",
    "kinerja.ops.app_role": "`kinerja create-app-role`: CREATE ROLE and GRANTs",
    "kinerja.ops.health": "`/readyz`: SELECT 1 and the migration head",
    "kinerja.kit.compiled": "hot reads: the :tenant_id parameter and its fail-closed check",
    "kinerja.cli": "operator commands (grant-role) read and write casbin rows directly",
    "kinerja.demo": "the demo data loader looks up rows it has just written",
}
SQL_LIBRARIES = ("sqlalchemy", "sqlmodel")
STATEMENT_BUILDERS = frozenset({
    "select", "insert", "update", "delete", "text", "union", "union_all", "exists", "values",
    "lateral", "table",
})
SQL_RUNNERS = frozenset({"execute", "exec_driver_sql", "scalars", "scalar", "stream",
                         "stream_scalars", "get"})
# A runner counts when it is called on something that holds a connection: a session, a
# connection or an engine (not `schema.execute`, `request.stream`, `dict.get`).
SQL_RECEIVER = re.compile(r"(^|[._])(session|conn|connection|engine|db)$")


@dataclass(frozen=True)
class Module:
    name: str  # kinerja.skp.repository
    is_package: bool
    source: str

    @property
    def package(self) -> str:
        return package_of(self.name)

    @property
    def tree(self) -> ast.Module:
        return ast.parse(self.source, self.name)


@dataclass(frozen=True)
class Import:
    source: str  # importing module
    target: str  # imported module (absolute)
    names: tuple[str, ...]  # names taken from it ("from x import a, b"); () for "import x"
    line: int


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def load_modules(root: Path = SOURCE_ROOT) -> list[Module]:
    out = []
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        out.append(Module(".".join([TOP, *parts]), is_package, path.read_text()))
    return out


def imports_of(module: Module) -> list[Import]:
    """Every import of a kinerja module, at module level or inside functions."""
    out = []
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            out += [Import(module.name, a.name, (), node.lineno) for a in node.names
                    if a.name == TOP or a.name.startswith(TOP + ".")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.name.split(".")
                if not module.is_package:
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target != TOP and not target.startswith(TOP + "."):
                continue
            names = tuple(a.name for a in node.names)
            out.append(Import(module.name, target, names, node.lineno))
    return out


def imported_modules(imp: Import, known: set[str]) -> list[str]:
    """The modules an import reaches: `from kinerja.x import y` reaches kinerja.x.y when that
    is a module, else kinerja.x."""
    reached = [f"{imp.target}.{n}" for n in imp.names if f"{imp.target}.{n}" in known]
    if len(reached) < len(imp.names) or not imp.names:
        reached.append(imp.target)
    return reached


def all_imports(modules: list[Module]) -> list[tuple[Import, str]]:
    known = {m.name for m in modules}
    return [(imp, target) for m in modules for imp in imports_of(m)
            for target in imported_modules(imp, known)
            if (imp.source, target) not in COMPAT_IMPORTS]


def package_graph(modules: list[Module]) -> dict[str, dict[str, list[str]]]:
    """package -> imported package -> ["module:line -> target", ...]."""
    graph: dict[str, dict[str, list[str]]] = {package_of(m.name): {} for m in modules}
    for imp, target in all_imports(modules):
        a, b = package_of(imp.source), package_of(target)
        if a != b:
            graph[a].setdefault(b, []).append(f"{imp.source}:{imp.line} -> {target}")
    return graph


def find_cycles(graph: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """Strongly connected components with more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


# --- the rules: each returns readable violations ------------------------------------------


def cycle_violations(modules: list[Module]) -> list[str]:
    graph = package_graph(modules)
    out = []
    for component in find_cycles(graph):
        arrows = [f"  {a} -> {b}: {graph[a][b][0]}" for a in component for b in component
                  if b in graph[a]]
        out.append(f"packages {', '.join(component)} import each other:\n" + "\n".join(arrows))
    return out


def _is_query_module(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return last in ("queries", "mutations") or last.endswith(("_queries", "_mutations"))


def cross_domain_violations(modules: list[Module]) -> list[str]:
    out = []
    known = {m.name for m in modules}
    for imp in (i for m in modules for i in imports_of(m)):
        a = package_of(imp.source)
        if a not in DOMAINS:
            continue
        for target in imported_modules(imp, known):
            b = package_of(target)
            if b == a or b not in DOMAINS:
                continue
            if _is_query_module(target):
                out.append(f"{imp.source}:{imp.line} imports {target}")
            private = [p for p in target.split(".")[2:] if p.startswith("_") and p != "__init__"]
            names = [n for n in imp.names if n.startswith("_")]
            if private or names:
                out.append(f"{imp.source}:{imp.line} imports private {target} "
                           f"{', '.join(names)}".rstrip())
    return out


def _is_repository(module: str) -> bool:
    parts = module.split(".")
    return (parts[-1] == "repository" or parts[-1].endswith("_repository")
            or "repositories" in parts[:-1] or parts[-1] == "repositories")


def _sql_allowed(module: str) -> bool:
    return any(module == allowed or module.startswith(allowed + ".") for allowed in SQL_ALLOWED)


def sql_violations(modules: list[Module]) -> list[str]:
    out = []
    for module in modules:
        if _is_repository(module.name) or _sql_allowed(module.name):
            continue
        tree = module.tree
        sa_modules = set(SQL_LIBRARIES)  # names bound to sqlalchemy, sqlmodel (or a submodule)
        builders = set()  # names bound to a statement builder imported from sqlalchemy
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.split(".")[0] in SQL_LIBRARIES:
                        sa_modules.add(a.asname or a.name.split(".")[0])
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(SQL_LIBRARIES):
                for a in node.names:
                    if a.name in STATEMENT_BUILDERS:
                        builders.add(a.asname or a.name)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            what = None
            if isinstance(func, ast.Name) and func.id in builders:
                what = f"{func.id}()"
            elif isinstance(func, ast.Attribute):
                owner = func.value
                if (func.attr in STATEMENT_BUILDERS and isinstance(owner, ast.Name)
                        and owner.id in sa_modules):
                    what = f"{owner.id}.{func.attr}()"
                elif func.attr in SQL_RUNNERS and SQL_RECEIVER.search(ast.unparse(owner)):
                    what = f"{ast.unparse(owner)}.{func.attr}()"
            if what:
                out.append(f"{module.name}:{node.lineno} {what}")
    return out


def edge_violations(modules: list[Module]) -> list[str]:
    out = []
    for imp, target in all_imports(modules):
        if package_of(target) == EDGE and package_of(imp.source) != EDGE \
                and imp.source not in MAY_IMPORT_EDGE:
            out.append(f"{imp.source}:{imp.line} imports {target}")
    return out


def layer_violations(modules: list[Module]) -> list[str]:
    return [f"{imp.source}:{imp.line} imports {target}" for imp, target in all_imports(modules)
            if package_of(imp.source) in INFRASTRUCTURE
            and package_of(target) not in INFRASTRUCTURE | {TOP}]


def unplaced_packages(modules: list[Module]) -> list[str]:
    placed = DOMAINS | INFRASTRUCTURE | ENTRY_POINTS | {EDGE, TOP}
    return sorted({m.package for m in modules} - placed)


# --- the guard on the real tree ---------------------------------------------------------------

MODULES = load_modules()


def _report(violations: list[str], advice: str) -> str:
    return advice + "\n" + "\n".join(f"- {v}" for v in violations)


def test_every_package_has_a_place():
    assert not unplaced_packages(MODULES), _report(
        unplaced_packages(MODULES),
        "New package(s): add each to DOMAINS, INFRASTRUCTURE or ENTRY_POINTS in "
        "tests/unit/test_architecture.py, so the rules below know what it may import.")


def test_no_import_cycles_between_packages():
    violations = cycle_violations(MODULES)
    assert not violations, _report(violations, (
        "Package import cycle. Make the arrow go one way: move the shared piece down into the "
        "package both use (or into kit/), or invert the dependency (pass a function or value "
        "in as a parameter, or put it on the request context). Imports inside functions count."))


def test_domains_do_not_reach_into_other_domains():
    violations = cross_domain_violations(MODULES)
    assert not violations, _report(violations, (
        "A domain imports another domain's GraphQL layer (queries/mutations) or private names. "
        "Import its service, repository, types or a public helper instead; if the helper lives "
        "in queries.py, move it to the module it belongs to (e.g. access.py, hydrate.py) and "
        "drop the underscore when other packages need it."))


def test_sql_lives_in_repositories():
    violations = sql_violations(MODULES)
    assert not violations, _report(violations, (
        "SQL outside a repository. Put the statement in a method of the package's "
        "repository.py (or a *_repository.py next to it) and call that method. Only "
        "infrastructure that must talk to the connection itself belongs in SQL_ALLOWED, with "
        "a one-line reason."))


def test_only_the_entry_points_import_the_edge():
    violations = edge_violations(MODULES)
    assert not violations, _report(violations, (
        "kinerja.edge (HTTP endpoint, context, schema assembly, files endpoint, response cache) "
        "is imported from below. Domains use the GraphQL kit (kinerja.graphql: relay, payloads, "
        "permissions, enums) and get the request through `info.context`; move what they need "
        "from edge/ into the kit or pass it in. Only app.py and cli.py import the edge."))


def test_infrastructure_imports_no_domain():
    violations = layer_violations(MODULES)
    assert not violations, _report(violations, (
        "Infrastructure imports a domain (or the edge). Move what it needs down into the "
        "infrastructure package (as AuthRow lives in auth/ and TenantRef in authz/), or have "
        "the domain pass it in; if the package really is a domain, move it to DOMAINS."))


def test_the_allowlists_stay_true():
    """Entries that no longer match anything must go, so the lists stay short and honest."""
    names = {m.name for m in MODULES}
    assert set(SQL_ALLOWED) <= names, set(SQL_ALLOWED) - names
    present = {(i.source, t) for m in MODULES for i in imports_of(m)
               for t in imported_modules(i, names)}
    assert COMPAT_IMPORTS <= present, COMPAT_IMPORTS - present


# --- self-tests: each rule fails on a synthetic violation ---------------------------------


def _modules(**sources: str) -> list[Module]:
    """kinerja.skp.service_x="..." -> modules; a trailing `__init__` marks a package."""
    out = []
    for key, source in sources.items():
        name = key.replace("__", ".")
        is_package = name.endswith(".init")
        out.append(Module(name.removesuffix(".init"), is_package, source))
    return out


def test_self_cycles_are_found():
    modules = _modules(kinerja__skp__hydrate="from ..cycles.types import CycleNode\n",
                       kinerja__cycles__types="def f():\n    from ..skp.document import SkpNode\n",
                       kinerja__skp__document="", kinerja__people__types="")
    [violation] = cycle_violations(modules)
    assert "cycles, skp" in violation and "kinerja.cycles.types:2" in violation
    assert find_cycles({"a": {"b": []}, "b": {"c": []}, "c": {"a": []}, "d": {"a": []}}) == [
        ["a", "b", "c"]]
    assert find_cycles({"a": {"b": []}, "b": {}}) == []


def test_self_cross_domain_imports_are_found():
    modules = _modules(
        kinerja__skp__service="from ..people.queries import load_employee\n"
                              "from ..people.repository import _grouped\n"
                              "from ..people import mutations\n"
                              "from ..competency_assessments.gap_queries import GapQueries\n"
                              "from ..graphql.relay import to_global_id\n",
        kinerja__skp__tree="from .queries import load_skp\n",  # its own: fine
        kinerja__edge__schema="from ..people.queries import PeopleQueries\n",  # not a domain
        kinerja__people__queries="", kinerja__people__repository="",
        kinerja__people__mutations="", kinerja__competency_assessments__gap_queries="",
        kinerja__graphql__relay="", kinerja__skp__queries="")
    found = cross_domain_violations(modules)
    assert len(found) == 4, found
    assert any("private" in f and "_grouped" in f for f in found)
    assert any("kinerja.people.mutations" in f for f in found)


def test_self_sql_outside_repositories_is_found():
    source = ("import sqlalchemy as sa\nfrom sqlalchemy import text as raw\n"
              "from sqlalchemy.dialects.postgresql import insert\n"
              "async def f(self, schema, request):\n"
              "    await self.session.execute(sa.select(1))\n"
              "    raw('SELECT 1')\n    insert(None)\n"
              "    await schema.execute('{ me { id } }')\n    request.stream()\n")
    modules = _modules(kinerja__skp__service_plan=source, kinerja__skp__repository=source,
                       kinerja__skp__plan_repository=source, kinerja__db=source,
                       kinerja__demo__load=source, kinerja__skp__repositories__plans=source)
    found = sql_violations(modules)
    assert sorted(found) == sorted([
        "kinerja.skp.service_plan:5 self.session.execute()",
        "kinerja.skp.service_plan:5 sa.select()",
        "kinerja.skp.service_plan:6 raw()", "kinerja.skp.service_plan:7 insert()"]), found


def test_self_edge_imports_are_found():
    modules = _modules(kinerja__people__mutations="from ..edge.context import Context\n",
                       kinerja__graphql__payloads="def f():\n    import kinerja.edge.endpoint\n",
                       kinerja__app="from .edge.schema import build_schema\n",
                       kinerja__edge__files="from .context import build_context\n",
                       kinerja__edge__context="", kinerja__edge__endpoint="",
                       kinerja__edge__schema="", kinerja__edge__init="")
    found = edge_violations(modules)
    assert sorted(found) == ["kinerja.graphql.payloads:2 imports kinerja.edge.endpoint",
                             "kinerja.people.mutations:1 imports kinerja.edge.context"], found


def test_self_infrastructure_importing_a_domain_is_found():
    modules = _modules(kinerja__auth__identity="from ..tenants.repository import TenantRef\n",
                       kinerja__db="from .audit.append import chain_new_events\n",
                       kinerja__tenants__repository="", kinerja__audit__append="")
    assert layer_violations(modules) == [
        "kinerja.auth.identity:1 imports kinerja.tenants.repository"]


def test_self_unplaced_packages_are_found():
    assert unplaced_packages(_modules(kinerja__newthing__init="", kinerja__skp__init="")) == [
        "newthing"]

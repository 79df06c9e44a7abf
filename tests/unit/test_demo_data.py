"""Tests for the invented Kecamatan Pauh demo data (kinerja.demo.pauh)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from kinerja.demo.pauh import DemoData, DemoUser, build_demo
from kinerja.people.nip import validate_nip
from kinerja.reference import (
    ACTING_KINDS,
    EMPLOYEE_TYPES,
    POSITION_LEVELS,
    TENANT_KINDS,
    rank_fits,
)

TODAY = date(2026, 11, 27)

EXPECTED_TENANTS = {
    "camat-pauh": ("KECAMATAN", None),
    "puskesmas-pauh": ("PUSKESMAS", None),
    "sdn-pauh": ("SEKOLAH", None),
    "kel-cupak-tangah": ("KELURAHAN", "camat-pauh"),
    "kel-limau-manis": ("KELURAHAN", "camat-pauh"),
}


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return build_demo()


def test_deterministic() -> None:
    assert build_demo() == build_demo()
    assert build_demo(seed=7) == build_demo(seed=7)
    assert build_demo(seed=7) != build_demo(seed=8)


def test_expected_tenants(demo: DemoData) -> None:
    by_slug = {t.slug: t for t in demo.tenants}
    assert len(by_slug) == len(demo.tenants), "duplicate slugs"
    for slug, (kind, parent) in EXPECTED_TENANTS.items():
        tenant = by_slug[slug]
        assert tenant.kind == kind
        assert tenant.parent_slug == parent
    assert by_slug["camat-pauh"].name == "Kantor Camat Pauh"
    assert by_slug["puskesmas-pauh"].name == "Puskesmas Pauh"
    assert by_slug["kel-cupak-tangah"].name == "Kantor Lurah Cupak Tangah"
    assert by_slug["kel-limau-manis"].name == "Kantor Lurah Limau Manis"
    assert "Pauh" in by_slug["sdn-pauh"].name
    for tenant in demo.tenants:
        assert tenant.kind in TENANT_KINDS
        assert tenant.parent_slug is None or tenant.parent_slug in by_slug
    assert demo.tenant("sdn-pauh") is by_slug["sdn-pauh"]


@pytest.mark.parametrize("slug", sorted(EXPECTED_TENANTS))
def test_unit_tree(demo: DemoData, slug: str) -> None:
    tenant = demo.tenant(slug)
    assert 2 <= len(tenant.units) <= 6
    codes = [u.code for u in tenant.units]
    assert len(set(codes)) == len(codes)
    roots = [u for u in tenant.units if u.parent_code is None]
    assert len(roots) == 1
    parents = {u.code: u.parent_code for u in tenant.units}
    for code in codes:
        seen = set()
        while code is not None:
            assert code in parents, f"unknown parent unit {code}"
            assert code not in seen, "cycle in unit tree"
            seen.add(code)
            code = parents[code]


@pytest.mark.parametrize("slug", sorted(EXPECTED_TENANTS))
def test_positions(demo: DemoData, slug: str) -> None:
    tenant = demo.tenant(slug)
    codes = [p.code for p in tenant.positions]
    assert len(set(codes)) == len(codes)
    for position in tenant.positions:
        assert position.level in POSITION_LEVELS
        assert position.name


def test_key_position_levels(demo: DemoData) -> None:
    camat = {p.code: p for p in demo.tenant("camat-pauh").positions}
    assert camat["CAMAT"].level == "ADMINISTRATOR"
    assert camat["SEKCAM"].level in ("ADMINISTRATOR", "PENGAWAS")
    assert all(p.level == "PENGAWAS" for c, p in camat.items() if c.startswith("KASI_"))
    assert any(p.level == "PELAKSANA" for p in camat.values())
    pkm_levels = {p.level for p in demo.tenant("puskesmas-pauh").positions}
    assert pkm_levels & {"AHLI_PERTAMA", "AHLI_MUDA"}
    assert pkm_levels & {"TERAMPIL", "MAHIR"}
    sdn_names = " ".join(p.name for p in demo.tenant("sdn-pauh").positions)
    assert "Guru" in sdn_names and "Kepala Sekolah" in sdn_names


@pytest.mark.parametrize("slug", sorted(EXPECTED_TENANTS))
def test_employees(demo: DemoData, slug: str) -> None:
    tenant = demo.tenant(slug)
    assert 10 <= len(tenant.employees) <= 40
    keys = Counter(e.key for e in tenant.employees)
    nips = Counter(e.nip for e in tenant.employees)
    assert max(keys.values()) == 1, "duplicate employee key"
    assert max(nips.values()) == 1, "duplicate NIP"
    units = {u.code for u in tenant.units}
    positions = {p.code for p in tenant.positions}
    types = set()
    for e in tenant.employees:
        assert e.employee_type in EMPLOYEE_TYPES
        types.add(e.employee_type)
        assert validate_nip(e.nip, e.employee_type, TODAY) == [], (e.key, e.nip)
        assert rank_fits(e.employee_type, e.rank_code), (e.key, e.rank_code)
        assert e.unit_code in units
        assert e.position_code in positions
        assert e.acting in ACTING_KINDS
        assert e.sex in (1, 2)
        assert int(e.nip[14]) == e.sex
        assert e.name.strip()
    assert types == {"PNS", "PPPK"}, "expected a mix of PNS and PPPK"


def test_nips_valid_for_other_seeds() -> None:
    for seed in range(10):
        for tenant in build_demo(seed=seed).tenants:
            for e in tenant.employees:
                assert validate_nip(e.nip, e.employee_type, TODAY) == []


def test_nips_globally_unique_except_same_person(demo: DemoData) -> None:
    people: dict[str, tuple[str, str, str | None]] = {}
    for tenant in demo.tenants:
        for e in tenant.employees:
            identity = (e.name, e.employee_type, e.username)
            assert people.setdefault(e.nip, identity) == identity, e.nip


@pytest.mark.parametrize("slug", sorted(EXPECTED_TENANTS))
def test_reporting_tree(demo: DemoData, slug: str) -> None:
    tenant = demo.tenant(slug)
    by_key = {e.key: e for e in tenant.employees}
    heads = [e for e in tenant.employees if e.rater_key is None]
    assert len(heads) == 1, "exactly one unit head without a rater"
    assert heads[0].rater_superior_key is None
    for e in tenant.employees:
        if e.rater_key is None:
            continue
        assert e.rater_key in by_key and e.rater_key != e.key
        # The rater's superior is the rater's own rater.
        assert e.rater_superior_key == by_key[e.rater_key].rater_key
        if e.rater_superior_key is not None:
            assert e.rater_superior_key in by_key
    for e in tenant.employees:  # no cycles: every chain ends at the head
        seen: set[str] = set()
        key: str | None = e.key
        while key is not None:
            assert key not in seen, f"cycle in rater links at {key}"
            seen.add(key)
            key = by_key[key].rater_key
    assert any(e.acting == "PLT" for e in tenant.employees)
    # Section heads are rated by the head; somebody rates staff below them.
    assert any(by_key[e.rater_key].rater_key is not None
               for e in tenant.employees if e.rater_key)


def _check_user(user: DemoUser) -> None:
    assert user.username and user.display_name and user.password
    assert "@" in user.email
    assert user.roles and all(isinstance(role, str) for role in user.roles)


@pytest.mark.parametrize("slug", sorted(EXPECTED_TENANTS))
def test_tenant_users(demo: DemoData, slug: str) -> None:
    tenant = demo.tenant(slug)
    by_key = {e.key: e for e in tenant.employees}
    by_key.update((p.official.key, p.official) for p in tenant.parent_raters)
    raters = {e.rater_key for e in tenant.employees if e.rater_key}
    usernames = Counter(u.username for u in tenant.users)
    assert max(usernames.values()) == 1
    for user in tenant.users:
        _check_user(user)
        if user.employee_key is not None:
            assert user.employee_key in by_key
            assert by_key[user.employee_key].username == user.username
    for e in tenant.employees:
        if e.username is not None:
            assert usernames[e.username] == 1
            (user,) = [u for u in tenant.users if u.username == e.username]
            assert user.employee_key == e.key

    def with_role(role: str) -> list[DemoUser]:
        return [u for u in tenant.users if role in u.roles]

    assert len(with_role("admin")) == 1 and with_role("admin")[0].roles == ["admin"]
    assert len(with_role("hr")) >= 1 and any(u.roles == ["hr"] for u in with_role("hr"))
    rater_users = [u for u in with_role("rater") if u.roles == ["rater"]]
    assert len(rater_users) >= 2
    for user in rater_users:
        assert user.employee_key in raters, f"{user.username} rates nobody"
    staff_users = [u for u in with_role("staff") if u.roles == ["staff"]]
    assert len(staff_users) >= 2
    for user in staff_users:
        assert user.employee_key in by_key
    if slug == "camat-pauh":
        assert [u.roles for u in with_role("auditor")] == [["auditor"]]


def test_usernames_follow_scheme(demo: DemoData) -> None:
    names = {u.username for t in demo.tenants for u in t.users}
    for expected in ("admin.camat", "hr.puskesmas", "rater1.sdn", "rater2.sdn", "staff1.camat",
                     "auditor.camat"):
        assert expected in names


def test_same_username_is_same_person_everywhere(demo: DemoData) -> None:
    seen: dict[str, tuple[str, str, str]] = {}
    tenants_of: Counter[str] = Counter()
    for tenant in demo.tenants:
        for user in tenant.users:
            identity = (user.display_name, user.email, user.password)
            assert seen.setdefault(user.username, identity) == identity, user.username
            tenants_of[user.username] += 1
    shared = [name for name, count in tenants_of.items() if count > 1]
    assert len(shared) >= 1, "expected a user who belongs to two tenants"
    camat = {u.username for u in demo.tenant("camat-pauh").users}
    cupak = {u.username for u in demo.tenant("kel-cupak-tangah").users}
    assert camat & cupak


def test_platform_users(demo: DemoData) -> None:
    assert len(demo.platform_users) == 1
    (admin,) = demo.platform_users
    _check_user(admin)
    assert admin.username == "platform.admin"
    assert admin.roles == ["platform_admin"]
    assert admin.employee_key is None
    tenant_usernames = {u.username for t in demo.tenants for u in t.users}
    assert admin.username not in tenant_usernames


def test_emails_unique_per_username(demo: DemoData) -> None:
    owner: dict[str, str] = {}
    for user in [u for t in demo.tenants for u in t.users] + demo.platform_users:
        assert owner.setdefault(user.email, user.username) == user.username


def test_different_date_still_valid() -> None:
    today = date(2030, 6, 30)
    for tenant in build_demo(today=today).tenants:
        for e in tenant.employees:
            assert validate_nip(e.nip, e.employee_type, today) == []


def test_each_lurah_is_rated_by_the_camat_from_the_parent_agency(demo: DemoData) -> None:
    camat = next(e for e in demo.tenant("camat-pauh").employees if e.rater_key is None)
    children = [t for t in demo.tenants if t.parent_slug == "camat-pauh"]
    assert len(children) == 2
    for tenant in children:
        [parent_rater] = tenant.parent_raters
        heads = [e for e in tenant.employees if e.rater_key is None]
        assert parent_rater.rates == tuple(e.key for e in heads) and len(heads) == 1
        assert (parent_rater.official.nip, parent_rater.official.username) == (
            camat.nip, camat.username)
        assert tenant.rater_key_of(heads[0]) == parent_rater.official.key
        login = next(u for u in tenant.users if u.employee_key == parent_rater.official.key)
        assert login.roles == ["parent_rater"]

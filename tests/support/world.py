"""A small two-tenant world for tests, loaded through the same loader as the Pauh demo."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from kinerja.auth.tokens import issue_token
from kinerja.demo.load import LoadedDemo
from kinerja.demo.pauh import DemoData, DemoEmployee, DemoPosition, DemoTenant, DemoUnit, DemoUser
from kinerja.people.nip import generate_nip

TENANTS = ("alpha", "beta")
ROLES = ("admin", "hr", "rater", "staff", "auditor")
PASSWORD = "correct-horse-battery"
# employee key -> (rater key, superior key); "rater" rates the staff, "head" rates "rater".
LINES = {"head": (None, None), "rater": ("head", None), "staff": ("rater", "head"),
         "staff2": ("rater", "head"), "other": ("head", None)}
ACCOUNT_OF = {"rater": "rater", "staff": "staff"}  # role user -> linked employee


def _employee(slug: str, index: int, key: str) -> DemoEmployee:
    rng = random.Random(f"{slug}-{key}")
    birth = date(1970 + index, 1 + index, 10 + index)
    nip = generate_nip(rng, "PNS", birth, date(1995 + index, 3, 1), 1 + index % 2, index + 1)
    rater, superior = LINES[key]
    return DemoEmployee(
        key=key, nip=nip, employee_type="PNS", name=f"{slug.title()} {key.title()}",
        rank_code="III_A", position_code="HEAD" if key == "head" else "STAFF",
        unit_code="ROOT" if key in ("head", "other") else "SEC", rater_key=rater,
        rater_superior_key=superior, acting="NONE", username=None, sex=1 + index % 2,
    )


def build_world() -> DemoData:
    tenants = []
    for slug in TENANTS:
        users = [
            DemoUser(username=f"{role}.{slug}", display_name=f"{role.title()} {slug.title()}",
                     email=f"{role}.{slug}@kinerja.example", password=PASSWORD, roles=[role],
                     employee_key=ACCOUNT_OF.get(role))
            for role in ROLES
        ]
        tenants.append(DemoTenant(
            slug=slug, name=f"Dinas {slug.title()}", kind="DINAS", parent_slug=None,
            units=[DemoUnit("ROOT", f"{slug.title()} Office", None),
                   DemoUnit("SEC", f"{slug.title()} Section", "ROOT"),
                   DemoUnit("SPARE", f"{slug.title()} Spare Unit", "ROOT")],  # nobody in it
            positions=[DemoPosition("HEAD", "Head of Office", "ADMINISTRATOR"),
                       DemoPosition("STAFF", "Staff", "PELAKSANA"),
                       DemoPosition("SPARE", "Spare Post", "PELAKSANA")],  # nobody holds it
            employees=[_employee(slug, i, key) for i, key in enumerate(LINES)],
            users=users,
        ))
    platform = [DemoUser("platform.root", "Platform Root", "root@kinerja.example", PASSWORD,
                         ["platform_admin"], None)]
    return DemoData(tenants=tenants, platform_users=platform)


@dataclass
class World:
    loaded: LoadedDemo
    settings: object

    def tenant_id(self, slug: str):
        return self.loaded.tenant_ids[slug]

    def user_id(self, username: str):
        return self.loaded.user_ids[username]

    def employee_id(self, slug: str, key: str):
        return self.loaded.employee_ids[(slug, key)]

    def unit_id(self, slug: str, code: str):
        return self.loaded.unit_ids[(slug, code)]

    def position_id(self, slug: str, code: str):
        return self.loaded.position_ids[(slug, code)]

    def token(self, username: str) -> str:
        return issue_token(self.settings, self.user_id(username)).token


"""Isolation cases of custom views: views, view, runView, createView, updateView,
setCurrentViewVersion, deleteView.

`setup` gives both agencies a view with the same key `daftar` (beta's title holds the beta
marker "Dinas Beta"), runnable by every role, so the foreign variant (the caller acts in
alpha) proves a same-named view of another agency is neither read nor changed: views are named
within the selected agency, so those calls act on alpha's own view ("OK").
"""

from __future__ import annotations

from kinerja.models import CustomView, CustomViewVersion

ALL = {"admin", "hr", "rater", "staff", "auditor"}
ADMIN = {"admin"}
DOC = "query Daftar { orgUnits { name } }"


async def with_views(db, services, world) -> None:
    for slug in ("alpha", "beta"):
        tenant_id = world.tenant_id(slug)
        session = db.session(tenant_id=tenant_id)
        try:
            view = CustomView(tenant_id=tenant_id, key="daftar")
            session.add(view)
            await session.flush()
            session.add(CustomViewVersion(
                tenant_id=tenant_id, view_id=view.id, number=1, title_id=f"Dinas {slug.title()}",
                title_en=f"Dinas {slug.title()}", document=DOC, operation_name="Daftar",
                roles=sorted(ALL), rows_path="orgUnits",
                columns=[{"path": "name", "label_id": "Unit", "label_en": "Unit"}]))
            await session.commit()
        finally:
            await session.close()


def _none(world, slug):
    return {}


VIEW = "key number titleEn document"
CASES = [
    {"field": "views", "operation": "{views{" + VIEW + "}}", "variables": _none,
     "allowed_roles": ALL, "foreign_ok_codes": [], "setup": with_views},
    {"field": "view", "operation": "{view(key:\"daftar\"){" + VIEW + "}}", "variables": _none,
     "allowed_roles": ALL, "foreign_ok_codes": ["OK"], "setup": with_views},
    {"field": "runView", "operation": "{runView(key:\"daftar\"){data rows errors{code}}}",
     "variables": _none, "allowed_roles": ALL, "foreign_ok_codes": ["OK"], "setup": with_views},
    {"field": "createView",
     "operation": "mutation{createView(input:{key:\"baru\",titleId:\"Baru\",titleEn:\"New\","
                  "document:\"query { orgUnits { name } }\",roles:[\"hr\"]}){view{" + VIEW
                  + "} errors{field code}}}",
     "variables": _none, "allowed_roles": ADMIN, "foreign_ok_codes": ["OK"]},
    {"field": "updateView",
     "operation": "mutation{updateView(input:{key:\"daftar\",titleEn:\"Changed\"}){view{"
                  + VIEW + "} errors{field code}}}",
     "variables": _none, "allowed_roles": ADMIN, "foreign_ok_codes": ["OK"],
     "setup": with_views},
    {"field": "setCurrentViewVersion",
     "operation": "mutation{setCurrentViewVersion(key:\"daftar\",number:1){view{" + VIEW
                  + "} errors{field code}}}",
     "variables": _none, "allowed_roles": ADMIN, "foreign_ok_codes": ["OK"],
     "setup": with_views},
    {"field": "deleteView",
     "operation": "mutation{deleteView(key:\"daftar\"){deletedKey errors{field code}}}",
     "variables": _none, "allowed_roles": ADMIN, "foreign_ok_codes": ["OK"],
     "setup": with_views},
]

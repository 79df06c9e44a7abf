"""Official documents as PDF (`GET /documents/{skp,evaluation,objection}/<id>.pdf`) on the
Pauh demo: the text read back with pypdf holds the people (names, formatted NIP, rank), the
agency, the period, the labels (ratings, predikat, decision) and the signature blocks with
place and date; only readers of the object get it (404 for other staff, another agency, a
malformed or wrong-typed ID), 401 without a valid token, 409 for an undecided objection,
and any Unicode in a name renders."""

from __future__ import annotations

import dataclasses
import io
import uuid
from dataclasses import dataclass
from typing import Any

import pypdf
import pytest
import sqlalchemy as sa
from sqlalchemy.orm import aliased

from kinerja.audit.data_views import RESULT
from kinerja.models import DataView, Employee, Objection, PerformanceResult, Period, Skp, Tenant
from kinerja.people.nip import format_nip
from kinerja.reference import rank_display
from tests.conftest import TEST_SETTINGS
from tests.support.api import Api, gid
from tests.support.results import DECIDE
from tests.test_demo_cycle import DemoWorld, _rows

PLACE = "Padang"
Rater = aliased(Employee, name="rater")
Superior = aliased(Employee, name="superior")


@pytest.fixture
def settings():
    return dataclasses.replace(TEST_SETTINGS, document_place=PLACE)


@dataclass
class Scene:
    """One demo agency: its objection, a released Q1 result and a rated (unreleased) Q2
    result whose employee and rater both sign in, a staff member who may read none of them,
    and another agency."""

    slug: str
    name: str
    hr: str
    objection: Any
    released: Any
    rated: Any
    stranger: uuid.UUID
    other: Any


def username(loaded, user_id) -> str:
    return next(k for k, v in loaded.user_ids.items() if v == user_id)


async def results_of(db, tenant_id):
    return await _rows(db, tenant_id, sa.select(
        PerformanceResult.id, PerformanceResult.status, PerformanceResult.predikat,
        PerformanceResult.rating_hasil, PerformanceResult.rating_perilaku, Period.number,
        Skp.id.label("skp_id"), Skp.employee_id, Employee.name, Employee.nip,
        Employee.employee_type, Employee.rank, Employee.user_id, Rater.name.label("rater_name"),
        Rater.user_id.label("rater_user"), Superior.name.label("superior_name"),
        Superior.user_id.label("superior_user"), Objection.id.label("objection_id"))
        .join(Period, Period.id == PerformanceResult.period_id)
        .join(Skp, Skp.id == PerformanceResult.skp_id)
        .join(Employee, Employee.id == Skp.employee_id)
        .outerjoin(Rater, Rater.id == Skp.rater_id)
        .outerjoin(Superior, Superior.id == Skp.rater_superior_id)
        .outerjoin(Objection, Objection.result_id == PerformanceResult.id))


def _signed_in(row) -> bool:
    return bool(row.user_id and row.rater_user and row.user_id != row.rater_user)


@pytest.fixture
async def scene(db, demo) -> Scene:
    data, loaded = demo
    tenant = data.tenant("camat-pauh")
    rows = await results_of(db, loaded.tenant_ids[tenant.slug])
    [objection] = [r for r in rows if r.objection_id is not None]
    released = next(r for r in rows if r.number == 1 and r.objection_id is None
                    and r.status in ("RELEASED", "ACKNOWLEDGED") and _signed_in(r))
    rated = next(r for r in rows if r.number == 2 and r.status == "RATED" and _signed_in(r))
    involved = {getattr(r, k) for r in (objection, released, rated)
                for k in ("user_id", "rater_user", "superior_user")}
    stranger = next(loaded.user_ids[u.username] for u in tenant.users
                    if u.roles == ["staff"] and loaded.user_ids[u.username] not in involved)
    async with db.session(platform=True) as session:
        name = (await session.execute(sa.select(Tenant.name).where(
            Tenant.slug == tenant.slug))).scalar_one()
    return Scene(tenant.slug, name, next(u.username for u in tenant.users if "hr" in u.roles),
                 objection, released, rated, stranger, data.tenant("puskesmas-pauh"))


@pytest.fixture
def api(client, demo, settings) -> Api:
    return Api(client, DemoWorld(demo[1], settings))


async def fetch(api: Api, kind: str, object_id: str, *, user_id=None, username=None,
                tenant=None, token=None):
    headers = {}
    if username is not None:
        token = api.world.token(username)
    elif user_id is not None:
        token = api.world.token(next(k for k, v in api.world.loaded.user_ids.items()
                                     if v == user_id))
    if token is not None:
        headers["authorization"] = f"Bearer {token}"
    if tenant is not None:
        headers["x-tenant"] = tenant
    return await api.client.get(f"/documents/{kind}/{object_id}.pdf", headers=headers)


def text_of(response) -> str:
    assert response.status_code == 200, (response.status_code, response.text[:300])
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "private, no-store"
    assert response.headers["content-disposition"].startswith('inline; filename="')
    assert response.content.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4 portrait
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def code_of(response) -> str:
    return response.json()["errors"][0]["extensions"]["code"]


def identity(row) -> list[str]:
    return [row.name, format_nip(row.nip, row.employee_type), rank_display(row.rank)]


async def test_the_skp_document_shows_the_plan_the_people_and_signature_blocks(
        api, db, demo, scene):
    row = scene.released
    [skp] = await _rows(db, demo[1].tenant_ids[scene.slug], sa.select(
        Skp.id, Skp.status).where(Skp.id == row.skp_id))
    assert skp.status == "APPROVED"
    response = await fetch(api, "skp", gid("Skp", row.skp_id), user_id=row.user_id,
                           tenant=scene.slug)
    text = text_of(response)
    nip = format_nip(row.nip, row.employee_type)
    assert response.headers["content-disposition"] == (
        f'inline; filename="skp-2026-{row.nip}.pdf"')
    for expected in ("SASARAN KINERJA PEGAWAI", scene.name, "PEGAWAI YANG DINILAI",
                     "PEJABAT PENILAI KINERJA", "1 JANUARI S.D. 31 DESEMBER 2026",
                     *identity(row), row.rater_name, "HASIL KERJA", "A. UTAMA",
                     "INDIKATOR KINERJA INDIVIDU", "PERILAKU KERJA (BerAKHLAK)",
                     "Berorientasi Pelayanan", "Kolaboratif", "EKSPEKTASI KHUSUS PIMPINAN",
                     "Pegawai yang Dinilai,", "Pejabat Penilai Kinerja,", f"NIP. {nip}",
                     f"{PLACE}, "):
        assert expected in text, expected
    assert "belum disetujui" not in text
    # the rater reads it too; HR reads every SKP of the agency
    for reader in (row.rater_user, demo[1].user_ids[scene.hr]):
        again = await fetch(api, "skp", gid("Skp", row.skp_id), user_id=reader,
                            tenant=scene.slug)
        assert row.name in text_of(again)


async def test_documents_answer_only_to_readers_of_the_object(api, demo, scene):
    row = scene.released
    skp_id, result_id = gid("Skp", row.skp_id), gid("PerformanceResult", row.id)
    for kind, object_id in (("skp", skp_id), ("evaluation", result_id)):
        refused = await fetch(api, kind, object_id, user_id=scene.stranger, tenant=scene.slug)
        assert refused.status_code == 404 and code_of(refused) == "NOT_FOUND", kind
    # another agency's HR, in their own agency: not found, never forbidden
    other_hr = next(u.username for u in scene.other.users if "hr" in u.roles)
    foreign = await fetch(api, "skp", skp_id, username=other_hr, tenant=scene.other.slug)
    assert foreign.status_code == 404 and code_of(foreign) == "NOT_FOUND"
    hr = {"username": scene.hr, "tenant": scene.slug}
    for kind, object_id in (("skp", "bm90LWFuLWlk"), ("skp", "%25%25"), ("skp", "%00"),
                            ("skp", "%C3%BC"), ("skp", "a/b"), ("skp", "x" * 5000),
                            ("skp", result_id),
                            ("evaluation", skp_id), ("objection", result_id),
                            ("unknown", skp_id), ("skp", gid("Skp", row.id))):
        refused = await fetch(api, kind, object_id, **hr)
        assert refused.status_code == 404 and code_of(refused) == "NOT_FOUND", (kind, object_id)
    no_suffix = await api.client.get(f"/documents/skp/{skp_id}", headers={
        "authorization": f"Bearer {api.world.token(scene.hr)}", "x-tenant": scene.slug})
    assert no_suffix.status_code == 404
    anonymous = await fetch(api, "skp", skp_id)
    assert anonymous.status_code == 401 and code_of(anonymous) == "UNAUTHENTICATED"
    bad = await fetch(api, "skp", skp_id, token="nope", tenant=scene.slug)
    assert bad.status_code == 401
    assert bad.json()["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED",
                                                     "reason": "TOKEN_INVALID"}
    not_member = await fetch(api, "skp", skp_id, username=scene.hr, tenant=scene.other.slug)
    assert not_member.status_code == 403 and code_of(not_member) == "TENANT_NOT_ALLOWED"


async def test_the_evaluation_document_shows_ratings_predikat_and_signatures(
        api, db, demo, scene):
    row = scene.released
    result_id = gid("PerformanceResult", row.id)
    response = await fetch(api, "evaluation", result_id, user_id=row.user_id, tenant=scene.slug)
    text = text_of(response)
    labels = {"DI_ATAS": "Di Atas Ekspektasi", "SESUAI": "Sesuai Ekspektasi",
              "DI_BAWAH": "Di Bawah Ekspektasi"}
    predikat = {"SANGAT_BAIK": "Sangat Baik", "BAIK": "Baik",
                "BUTUH_PERBAIKAN": "Butuh Perbaikan", "KURANG_MISCONDUCT": "Kurang/Misconduct",
                "SANGAT_KURANG": "Sangat Kurang"}[row.predikat]
    for expected in ("DOKUMEN EVALUASI KINERJA PEGAWAI", "PERIODE: TRIWULAN I", scene.name,
                     "1 JANUARI S.D. 31 MARET 2026", *identity(row), row.rater_name,
                     row.superior_name or "-", "ATASAN PEJABAT PENILAI KINERJA",
                     f"RATING HASIL KERJA {labels[row.rating_hasil]}",
                     f"RATING PERILAKU KERJA {labels[row.rating_perilaku]}",
                     f"PREDIKAT KINERJA PEGAWAI {predikat}", "CATATAN/REKOMENDASI",
                     "Pegawai yang Dinilai,", "Pejabat Penilai Kinerja,", f"{PLACE}, "):
        assert expected in text, expected
    assert response.headers["content-disposition"] == (
        f'inline; filename="evaluasi-kinerja-2026-tw1-{row.nip}.pdf"')
    assert "Draf" not in text
    # HR's read of the employee's result is in the "who viewed" trail; the employee's own is not
    tenant_id = demo[1].tenant_ids[scene.slug]
    views = sa.select(DataView.viewer_user_id).where(DataView.result_id == row.id,
                                                     DataView.kind == RESULT)
    assert await _rows(db, tenant_id, views) == []
    hr_id = demo[1].user_ids[scene.hr]
    assert row.name in text_of(await fetch(api, "evaluation", result_id, user_id=hr_id,
                                           tenant=scene.slug))
    assert [v.viewer_user_id for v in await _rows(db, tenant_id, views)] == [hr_id]


async def test_an_unreleased_result_is_a_draft_for_its_rater_and_absent_for_its_employee(
        api, scene):
    row = scene.rated
    result_id = gid("PerformanceResult", row.id)
    own = await fetch(api, "evaluation", result_id, user_id=row.user_id, tenant=scene.slug)
    assert own.status_code == 404
    text = text_of(await fetch(api, "evaluation", result_id, user_id=row.rater_user,
                               tenant=scene.slug))
    assert "PERIODE: TRIWULAN II" in text and "Draf: hasil ini belum dirilis" in text


async def test_the_objection_decision_exists_once_decided(api, scene):
    row = scene.objection
    objection_id = gid("Objection", row.objection_id)
    open_ = await fetch(api, "objection", objection_id, user_id=row.user_id, tenant=scene.slug)
    assert open_.status_code == 409 and code_of(open_) == "OBJECTION_OPEN"
    assert open_.headers["content-type"] == "application/json"
    stranger = await fetch(api, "objection", objection_id, user_id=scene.stranger,
                           tenant=scene.slug)
    assert stranger.status_code == 404  # the 409 is only for those who may read it
    token = api.world.token(username(api.world.loaded, row.superior_user))
    reason = "Realisasi posyandu Maret terbukti; hasil kerja sesuai ekspektasi."
    decided = await api.gql(DECIDE, {"i": {"objectionId": objection_id, "decision": "CHANGE",
                                           "ratingHasil": "DI_ATAS", "reason": reason}},
                            token=token, tenant=scene.slug)
    payload = decided.ok()["decideObjection"]
    assert payload["errors"] == [], payload
    for reader in (row.user_id, row.superior_user, api.world.loaded.user_ids[scene.hr]):
        response = await fetch(api, "objection", objection_id, user_id=reader,
                               tenant=scene.slug)
        text = text_of(response)
        for expected in ("KEPUTUSAN ATAS KEBERATAN", scene.name, *identity(row),
                         row.rater_name, row.superior_name, "ALASAN KEBERATAN",
                         "Realisasi kegiatan posyandu", "KEPUTUSAN Hasil diubah",
                         "Realisasi posyandu Maret terbukti",
                         "RATING HASIL KERJA (SETELAH KEPUTUSAN) Di Atas Ekspektasi",
                         "bersifat final", "Atasan Pejabat Penilai Kinerja,",
                         f"{PLACE}, "):
            assert expected in text, expected
        assert response.headers["content-disposition"] == (
            f'inline; filename="keputusan-keberatan-2026-tw1-{row.nip}.pdf"')


async def test_a_name_outside_latin_1_renders(api, scene):
    """Any Unicode the API stores prints: what DejaVu Sans lacks becomes `?` or its plain
    form, controls are dropped; never a server error."""
    row = scene.released
    employee_id = gid("Employee", row.employee_id)
    name = "Nguyễn Thị Ánh 王小明 محمد Дмитрий 😀 \u202eevil\u200d 𝐁old ＡＢ\u0007"
    read = await api.gql("query($id:ID!){node(id:$id){...on Employee{version}}}",
                         {"id": employee_id}, user=scene.hr, tenant=scene.slug)
    renamed = await api.gql(
        "mutation($i:UpdateEmployeeInput!){updateEmployee(input:$i){employee{name} "
        "errors{code}}}", {"i": {"id": employee_id, "name": name,
                                  "version": read.ok()["node"]["version"]}},
        user=scene.hr, tenant=scene.slug)
    assert renamed.ok()["updateEmployee"]["errors"] == [], renamed.body
    for kind, object_id in (("skp", gid("Skp", row.skp_id)),
                            ("evaluation", gid("PerformanceResult", row.id))):
        text = text_of(await fetch(api, kind, object_id, username=scene.hr, tenant=scene.slug))
        assert "Nguyễn Thị Ánh" in text and "Дмитрий" in text, kind
        assert "evil" in text and "\u202e" not in text  # the bidi override is dropped
        assert "Bold AB" in text  # compatibility forms fall back to plain letters


async def test_an_skp_not_yet_approved_says_so_and_leaves_the_raters_date_open(
        api, db, demo, scene):
    rows = await _rows(db, demo[1].tenant_ids[scene.slug], sa.select(Skp.id, Skp.status)
                       .where(Skp.status != "APPROVED").order_by(Skp.id))
    assert rows
    text = text_of(await fetch(api, "skp", gid("Skp", rows[0].id), username=scene.hr,
                               tenant=scene.slug))
    assert "belum disetujui oleh Pejabat Penilai Kinerja" in text
    assert f"{PLACE}, ...................." in text  # no approval date yet

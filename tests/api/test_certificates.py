"""Completion certificates by upload: staff upload, complete a development item with the file,
whoever reads the plan downloads it (404 for everyone else and other agencies); a link still
works; the file must be the caller's own upload that nothing uses yet; uploading needs
`skp write` or `development_plan write`. And `purge-files` removes never-attached uploads."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
import sqlalchemy as sa

from kinerja.files.purge import purge_unattached
from kinerja.files.storage import FileStore
from kinerja.graphql.relay import from_global_id
from kinerja.models import AuditEvent, StoredFile
from kinerja.models.base import utcnow
from tests.api.test_development import APPROVE, STATUS, call, codes, propose
from tests.api.test_files import PDF, PNG, download, stored, upload
from tests.api.test_monitoring import SAVE, running
from tests.api.test_roles import assign, create_role, perm
from tests.conftest import TEST_SETTINGS
from tests.support.api import gid

FILE = "evidenceFile{id filename contentType size sha256 downloadPath}"
COMPLETE = ("mutation($i:UpdateDevelopmentItemStatusInput!){updateDevelopmentItemStatus("
            "input:$i){item{id status version evidenceUrl " + FILE + "} errors{field code}}}")
PLAN = ("query($e:ID!,$y:Int!){developmentPlan(employeeId:$e,year:$y){items{id status "
        "evidenceUrl " + FILE + "}}}")


@pytest.fixture
def settings(tmp_path):
    """Every test here stores its uploads in a temporary directory."""
    return dataclasses.replace(TEST_SETTINGS, storage_dir=tmp_path / "files")


def world_file_id(global_id: str):
    return from_global_id(global_id, "StoredFile")[1]


async def started(api, world, user="staff.alpha", key="staff", approver="rater.alpha",
                  title="Diklat Pelayanan Prima") -> str:
    """An IN_PROGRESS free-form item of `key`'s 2026 plan (version 3)."""
    item = (await propose(api, world, user=user, key=key, title=title, competencyCode="M.05",
                          jp=12))["item"]
    assert (await call(api, APPROVE, {"id": item["id"]}, approver))["errors"] == []
    assert (await call(api, STATUS, {"id": item["id"], "status": "IN_PROGRESS"},
                       user))["errors"] == []
    return item["id"]


async def complete(api, item, user="staff.alpha", **evidence) -> dict:
    data = (await api.gql(COMPLETE, {"i": {"id": item, "status": "COMPLETED", **evidence}},
                          user=user, tenant="alpha")).ok()
    return data["updateDevelopmentItemStatus"]


async def test_staff_complete_an_item_with_an_uploaded_certificate(api, world):
    item = await started(api, world)
    cert = (await upload(api, name="Sertifikat Pelayanan.pdf")).json()
    done = await complete(api, item, evidenceFileId=cert["id"], version=3)
    assert done["errors"] == []
    assert (done["item"]["status"], done["item"]["evidenceUrl"]) == ("COMPLETED", None)
    assert done["item"]["evidenceFile"] == {
        "id": cert["id"], "filename": "Sertifikat Pelayanan.pdf",
        "contentType": "application/pdf", "size": len(PDF), "sha256": cert["sha256"],
        "downloadPath": f"/files/{cert['id']}"}
    for user in ("staff.alpha", "rater.alpha", "hr.alpha", "admin.alpha", "auditor.alpha"):
        got = await download(api, cert["id"], user)
        assert got.status_code == 200 and got.content == PDF, user
        plan = (await api.gql(PLAN, {"e": gid("Employee", world.employee_id("alpha", "staff")),
                                     "y": 2026}, user=user)).ok()["developmentPlan"]
        assert plan["items"][0]["evidenceFile"]["id"] == cert["id"], user
    for user, tenant in (("hr.beta", "beta"), ("staff.beta", "beta")):
        assert (await download(api, cert["id"], user, tenant)).status_code == 404
    events = (await api.gql('{auditEvents(objectType:"DevelopmentItem"){nodes{action after}}}',
                            user="auditor.alpha")).ok()["auditEvents"]["nodes"]
    completed = next(e for e in events if e["action"] == "development_item.completed")
    assert completed["after"]["evidence_file_id"] == str(world_file_id(cert["id"]))


async def test_a_certificate_of_someone_elses_plan_is_not_found(api, world):
    # the rater's own plan (approved by HR): staff may not read it, nor its certificate
    item = await started(api, world, user="rater.alpha", key="rater", approver="hr.alpha")
    cert = (await upload(api, user="rater.alpha", name="sertifikat.png", content=PNG,
                         content_type="image/png")).json()
    assert (await complete(api, item, "rater.alpha", evidenceFileId=cert["id"]))["errors"] == []
    assert (await download(api, cert["id"], "staff.alpha")).status_code == 404
    for user in ("rater.alpha", "hr.alpha", "auditor.alpha"):
        assert (await download(api, cert["id"], user)).status_code == 200, user


async def test_link_file_or_both_and_neither_is_evidence_required(api, world):
    link_item = await started(api, world, title="Seminar SPBE")
    link = await complete(api, link_item, evidenceUrl="https://lms.example/sertifikat/9")
    assert link["errors"] == [] and link["item"]["evidenceFile"] is None
    assert link["item"]["evidenceUrl"] == "https://lms.example/sertifikat/9"
    both_item = await started(api, world, title="Kursus Arsip")
    cert = (await upload(api)).json()["id"]
    neither = await complete(api, both_item, evidenceUrl="  ")
    assert codes(neither) == {("evidenceUrl", "EVIDENCE_REQUIRED")} and neither["item"] is None
    bad_link = await complete(api, both_item, evidenceUrl="ftp://x", evidenceFileId=cert)
    assert codes(bad_link) == {("evidenceUrl", "INVALID_URL")}
    both = await complete(api, both_item, evidenceUrl="https://lms.example/s/2",
                          evidenceFileId=cert)
    assert both["errors"] == [] and both["item"]["evidenceFile"]["id"] == cert
    again = await complete(api, both_item, evidenceFileId=cert)  # already COMPLETED: no change
    assert again["errors"] == [] and again["item"]["version"] == both["item"]["version"]


async def test_only_the_callers_own_unused_upload_is_accepted(api, db, world):
    item = await started(api, world)
    hr_file = (await upload(api, user="hr.alpha")).json()["id"]
    beta_file = (await upload(api, user="staff.beta", tenant="beta")).json()["id"]
    for foreign in (hr_file, beta_file, gid("StoredFile", "00000000-0000-4000-8000-0000000000aa"),
                    "garbage"):
        refused = await complete(api, item, evidenceFileId=foreign)
        assert codes(refused) == {("evidenceFileId", "UNKNOWN_REFERENCE")}, foreign
        assert refused["item"] is None
    early = await started(api, world, title="Pelatihan Kepemimpinan")
    mine = (await upload(api)).json()["id"]
    not_now = (await api.gql(COMPLETE, {"i": {"id": early, "status": "CANCELLED",
                                              "evidenceFileId": mine}}, user="staff.alpha")
               ).ok()["updateDevelopmentItemStatus"]
    assert codes(not_now) == {("evidenceFileId", "INVALID_VALUE")}
    assert (await complete(api, item, evidenceFileId=mine))["errors"] == []
    # a file belongs to one object: not a second item, not realisation evidence
    reused = await complete(api, early, evidenceFileId=mine)
    assert codes(reused) == {("evidenceFileId", "UNKNOWN_REFERENCE")}
    async with db.session(tenant_id=world.tenant_id("alpha")) as session:
        attached = (await session.execute(sa.select(StoredFile.attached_at).where(
            StoredFile.id == world_file_id(mine)))).scalar()
        unused = (await session.execute(sa.select(StoredFile.attached_at).where(
            StoredFile.id == world_file_id(hr_file)))).scalar()
    assert attached is not None and unused is None


async def test_uploading_needs_skp_write_or_development_plan_write(api, world, settings):
    assert (await upload(api, user="auditor.alpha")).status_code == 403
    created = await create_role(api, "sertifikat", [perm("development_plan", "write", "OWN")])
    assert created["errors"] == []
    assert (await assign(api, world, "auditor.alpha", "sertifikat"))["errors"] == []
    response = await upload(api, user="auditor.alpha")
    assert response.status_code == 201, response.text


async def test_purge_removes_only_never_attached_uploads_older_than_the_cutoff(
        api, db, world, settings):
    env = await running(api)
    old = (await upload(api, name="lama.pdf")).json()["id"]
    recent = (await upload(api, name="baru.pdf")).json()["id"]
    cert = (await upload(api, name="sertifikat.pdf")).json()["id"]
    replaced = (await upload(api, name="diganti.pdf")).json()["id"]
    beta_old = (await upload(api, user="staff.beta", tenant="beta")).json()["id"]
    item = await started(api, world)
    assert (await complete(api, item, evidenceFileId=cert))["errors"] == []
    save = {"indicatorId": env["numeric"], "periodId": env["periods"]["Q1"], "value": 2}
    first = (await api.gql(SAVE, {"i": {**save, "evidence": [{"fileId": replaced}]}},
                           user="staff.alpha")).ok()["saveRealisation"]
    assert first["errors"] == []
    cross = (await api.gql(SAVE, {"i": {**save, "version": 1, "evidence": [{"fileId": cert}]}},
                           user="staff.alpha")).ok()["saveRealisation"]
    assert codes(cross) == {("evidence.0.fileId", "UNKNOWN_REFERENCE")}
    second = (await api.gql(SAVE, {"i": {**save, "version": 1, "evidence": [
        {"url": "https://pauh.example/laporan", "title": "Laporan"}]}},
        user="staff.alpha")).ok()["saveRealisation"]
    assert second["errors"] == []  # `replaced` is no longer used, but it was attached once
    day_ago = utcnow() - timedelta(hours=30)
    for slug, ids in (("alpha", [old, cert, replaced]), ("beta", [beta_old])):
        async with db.session(tenant_id=world.tenant_id(slug)) as session:
            await session.execute(sa.update(StoredFile).where(
                StoredFile.id.in_([world_file_id(i) for i in ids])).values(created_at=day_ago))
            await session.commit()
    files_before = len(stored(settings))
    purged = await purge_unattached(db, FileStore(settings.storage_dir),
                                    utcnow() - timedelta(hours=24))
    counts = {p.tenant_slug: (p.files, p.bytes) for p in purged}
    assert counts["alpha"] == (1, len(PDF)) and counts["beta"] == (1, len(PDF))
    assert len(stored(settings)) == files_before - 2
    for file_id, user, tenant, status in ((old, "staff.alpha", "alpha", 404),
                                          (beta_old, "staff.beta", "beta", 404),
                                          (recent, "staff.alpha", "alpha", 200),
                                          (replaced, "staff.alpha", "alpha", 200),
                                          (cert, "rater.alpha", "alpha", 200)):
        got = await download(api, file_id, user, tenant)
        assert got.status_code == status, (file_id, got.status_code)
    async with db.session(tenant_id=world.tenant_id("alpha")) as session:
        events = (await session.execute(sa.select(AuditEvent.object_id, AuditEvent.actor_user_id)
                                        .where(AuditEvent.action == "file.purge"))).all()
    assert events == [(str(world_file_id(old)), None)]
    again = await purge_unattached(db, FileStore(settings.storage_dir),
                                   utcnow() - timedelta(hours=24))
    assert all(p.files == 0 for p in again)


async def test_plan_certificates_cost_one_statement_for_any_number_of_items(api, world,
                                                                            sql_counter):
    staff = gid("Employee", world.employee_id("alpha", "staff"))

    async def cost() -> tuple[int, int]:
        """(statements, certificates) of the plan, read right after a change (no cache)."""
        before = sql_counter.count
        plan = (await api.gql(PLAN, {"e": staff, "y": 2026}, user="rater.alpha")).ok()
        files = {i["evidenceFile"]["id"] for i in plan["developmentPlan"]["items"]}
        return sql_counter.count - before, len(files)

    first = await started(api, world, title="Diklat 1")
    assert (await complete(api, first, evidenceFileId=(await upload(api)).json()["id"])
            )["errors"] == []
    one, count = await cost()
    assert count == 1
    for n in (2, 3):
        item = await started(api, world, title=f"Diklat {n}")
        assert (await complete(api, item, evidenceFileId=(await upload(api)).json()["id"])
                )["errors"] == []
    assert await cost() == (one, 3)

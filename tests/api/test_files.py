"""The file store over HTTP: multipart upload (size limit while streaming, declared and sniffed
type, malformed bodies, who may upload), download (attachment headers; only the uploader
while unattached; whoever reads the SKP once it is evidence; 404 for other agencies), and no
bytes left on disk when an upload fails."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from kinerja.models import StoredFile
from tests.api.test_monitoring import SAVE, running
from tests.conftest import TEST_SETTINGS
from tests.support.api import gid

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" + b"0" * 2000 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
LIMIT = 64 * 1024


@pytest.fixture
def settings(tmp_path):
    return dataclasses.replace(TEST_SETTINGS, storage_dir=tmp_path / "files",
                               max_upload_bytes=LIMIT)


def headers(api, user: str | None, tenant: str | None = "alpha") -> dict:
    out = {"accept-language": "en"}
    if user:
        out["authorization"] = f"Bearer {api.world.token(user)}"
    if tenant:
        out["x-tenant"] = tenant
    return out


async def upload(api, user="staff.alpha", tenant="alpha", name="laporan.pdf", content=PDF,
                 content_type="application/pdf"):
    return await api.client.post("/files", headers=headers(api, user, tenant),
                                 files={"file": (name, content, content_type)})


async def download(api, file_id, user="staff.alpha", tenant="alpha"):
    return await api.client.get(f"/files/{file_id}", headers=headers(api, user, tenant))


def stored(settings) -> list[str]:
    root = settings.storage_dir
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def test_upload_then_download_by_the_uploader_only_while_unattached(api, settings):
    response = await upload(api, name="../../etc/Laporan Q1.pdf")
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["filename"], body["contentType"], body["size"]) == (
        "Laporan Q1.pdf", "application/pdf", len(PDF))
    assert body["id"].startswith("U3RvcmVkRmlsZT")
    assert body["downloadPath"] == f"/files/{body['id']}"
    assert stored(settings) != [] and all(not n.startswith(".upload") for n in stored(settings))
    got = await download(api, body["id"])
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["content-disposition"].startswith("attachment;")
    assert "Laporan" in got.headers["content-disposition"]
    assert got.headers["x-content-type-options"] == "nosniff"
    for user in ("rater.alpha", "hr.alpha", "auditor.alpha"):
        assert (await download(api, body["id"], user)).status_code == 404, user
    assert (await download(api, body["id"], "staff.beta", "beta")).status_code == 404
    assert (await download(api, "garbage")).status_code == 404
    assert (await download(api, gid("StoredFile", "00000000-0000-4000-8000-000000000001"))
            ).status_code == 404


async def test_evidence_files_are_readable_by_whoever_reads_the_skp(api):
    env = await running(api)
    file_id = (await upload(api)).json()["id"]
    image = (await upload(api, name="foto.png", content=PNG, content_type="image/png")).json()
    saved = (await api.gql(SAVE, {"i": {
        "indicatorId": env["numeric"], "periodId": env["periods"]["Q1"], "value": 3,
        "evidence": [{"fileId": file_id}, {"fileId": image["id"], "title": "Foto kegiatan"}]}},
        user="staff.alpha")).ok()["saveRealisation"]
    assert saved["errors"] == []
    assert [(e["kind"], e["file"]["filename"]) for e in saved["realisation"]["evidence"]] == [
        ("FILE", "laporan.pdf"), ("FILE", "foto.png")]
    for user in ("staff.alpha", "rater.alpha", "hr.alpha", "auditor.alpha", "admin.alpha"):
        got = await download(api, file_id, user)
        assert got.status_code == 200 and got.content == PDF, user
    assert (await download(api, file_id, "hr.beta", "beta")).status_code == 404
    beta = (await upload(api, user="staff.beta", tenant="beta")).json()["id"]
    assert (await download(api, beta, "hr.alpha")).status_code == 404
    # HR keeps an attached file when correcting; nobody attaches a file someone else uploaded
    kept = (await api.gql(SAVE, {"i": {
        "indicatorId": env["numeric"], "periodId": env["periods"]["Q1"], "value": 4,
        "evidence": [{"fileId": file_id}]}}, user="hr.alpha")).ok()["saveRealisation"]
    assert kept["errors"] == []
    hr_file = (await upload(api, user="hr.alpha")).json()["id"]
    for foreign in (hr_file, beta):
        refused = (await api.gql(SAVE, {"i": {
            "indicatorId": env["numeric"], "periodId": env["periods"]["Q2"], "value": 1,
            "evidence": [{"fileId": foreign}]}}, user="staff.alpha")).ok()["saveRealisation"]
        assert [(e["field"], e["code"]) for e in refused["errors"]] == [
            ("evidence.0.fileId", "UNKNOWN_REFERENCE")]


async def test_too_large_uploads_are_refused_while_streaming_and_leave_nothing(api, db, world,
                                                                               settings):
    big = b"%PDF-1.4\n" + b"0" * LIMIT
    response = await upload(api, content=big)
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "FILE_TOO_LARGE"

    async def chunks():  # no Content-Length: the limit must hold while reading
        yield b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\n"
        yield b"Content-Type: application/pdf\r\n\r\n%PDF-"
        for _ in range(LIMIT // 1024 + 2):
            yield b"0" * 1024
        yield b"\r\n--b--\r\n"

    streamed = await api.client.post("/files", content=chunks(), headers={
        **headers(api, "staff.alpha"), "content-type": "multipart/form-data; boundary=b"})
    assert streamed.status_code == 413
    exact = await upload(api, content=b"%PDF-" + b"0" * (LIMIT - 5))
    assert exact.status_code == 201
    assert len(stored(settings)) == 1 and not stored(settings)[0].startswith(".")
    async with db.session(tenant_id=world.tenant_id("alpha")) as session:
        assert (await session.execute(sa.select(sa.func.count(StoredFile.id)))).scalar() == 1


@pytest.mark.parametrize(("name", "content", "content_type"), [
    ("x.png", PDF, "image/png"),  # declared PNG, really a PDF
    ("x.exe", b"MZ\x90\x00", "application/x-msdownload"),
    ("x.pdf", b"MZ\x90\x00", "application/pdf"),
    ("x.txt", b"text\x00with a NUL", "text/plain"),
    ("x.txt", b"\xff\xfe\xfd not utf-8 at all", "text/plain"),
    ("x.pdf", b"", "application/pdf"),
    ("x.html", b"<html></html>", "text/html"),
])
async def test_types_not_allowed_are_refused(api, settings, name, content, content_type):
    response = await upload(api, name=name, content=content, content_type=content_type)
    assert response.status_code == 415, response.text
    assert response.json()["errors"][0]["extensions"]["code"] == "FILE_TYPE_NOT_ALLOWED"
    assert stored(settings) == []


async def test_allowed_types_pass(api):
    zip_head = b"PK\x03\x04" + b"\x00" * 40
    for name, content, kind in (
            ("a.csv", "nama,nilai\nSiti,90\nÄrë,80\n".encode(), "text/csv"),
            ("a.txt", b"catatan kegiatan", "text/plain; charset=utf-8"),
            ("a.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpg"),
            ("a.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
            ("a.docx", zip_head, "application/vnd.openxmlformats-officedocument."
                                 "wordprocessingml.document"),
            ("a.xlsx", zip_head, "application/vnd.openxmlformats-officedocument."
                                 "spreadsheetml.sheet")):
        response = await upload(api, name=name, content=content, content_type=kind)
        assert response.status_code == 201, (name, response.text)
        assert response.json()["contentType"] == kind.split(";")[0].replace("jpg", "jpeg")


@pytest.mark.parametrize("body,content_type", [
    (b'{"a": 1}', "application/json"),
    (b"--b\r\n", "multipart/form-data"),  # no boundary parameter
    (b"--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n",
     "multipart/form-data; boundary=b"),  # no file part
    (b"--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n%PDF-\r\n--b--\r\n",
     "multipart/form-data; boundary=b"),  # not a file part
    (b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
     b"Content-Type: application/pdf\r\n\r\n%PDF-1.4 truncated", "multipart/form-data; boundary=b"),
    (b"--b\r\nbroken header\r\n\r\n%PDF-\r\n--b--\r\n", "multipart/form-data; boundary=b"),
    (b"no boundary here at all" * 100, "multipart/form-data; boundary=b"),
    (b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-"
     b"\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.pdf\"\r\n\r\n"
     b"%PDF-\r\n--b--\r\n", "multipart/form-data; boundary=b"),  # two files
])
async def test_malformed_uploads_are_bad_requests(api, settings, body, content_type):
    response = await api.client.post("/files", content=body, headers={
        **headers(api, "staff.alpha"), "content-type": content_type})
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert stored(settings) == []


async def test_who_may_upload(api, settings):
    anonymous = await upload(api, user=None, tenant=None)
    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await upload(api, user=None)).status_code == 401
    bad_token = await api.client.post("/files", files={"file": ("a.pdf", PDF, "application/pdf")},
                                      headers={"authorization": "Bearer nope"})
    assert bad_token.status_code == 401
    auditor = await upload(api, user="auditor.alpha")
    assert (auditor.status_code, auditor.json()["errors"][0]["extensions"]["code"]) == (
        403, "FORBIDDEN")
    foreign = await upload(api, user="staff.alpha", tenant="beta")
    assert (foreign.status_code, foreign.json()["errors"][0]["extensions"]["code"]) == (
        403, "TENANT_NOT_ALLOWED")
    assert (await download(api, "x", user=None, tenant=None)).status_code == 401
    assert stored(settings) == []


@pytest.mark.parametrize("failing", ["record", "commit"])
async def test_a_failed_database_write_leaves_no_file(api, settings, monkeypatch, failing):
    import kinerja.edge.files as http

    async def broken(*args, **kwargs):
        raise RuntimeError("database down")

    if failing == "record":  # before the row is flushed
        monkeypatch.setattr(http, "record", broken)
    else:  # after the file was renamed into place
        monkeypatch.setattr(AsyncSession, "commit", broken)
    with pytest.raises(RuntimeError):
        await upload(api)
    assert stored(settings) == []

"""POST /files found by review: a stored name always carries an extension of its stored type,
and the body after the closing boundary is bounded."""

from __future__ import annotations

import dataclasses

import pytest

from tests.api.test_files import PDF, download, headers, stored, upload
from tests.conftest import TEST_SETTINGS

LIMIT = 64 * 1024


@pytest.fixture
def settings(tmp_path):
    return dataclasses.replace(TEST_SETTINGS, storage_dir=tmp_path / "files",
                               max_upload_bytes=LIMIT)


def _body(boundary: bytes = b"XyZ") -> bytes:
    return (b"--" + boundary + b'\r\nContent-Disposition: form-data; name="file"; '
            b'filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n' + PDF + b"\r\n--"
            + boundary + b"--\r\n")


@pytest.mark.parametrize(("name", "content", "declared", "expected"), [
    ("laporan.html", b"<html><script>alert(1)</script></html>", "text/plain",
     "laporan.html.txt"),
    ("setup.exe", b"%PDF-1.7 MZ" + b"\x00" * 16, "application/pdf", "setup.exe.pdf"),
    ("foto.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 16, "image/jpeg", "foto.JPG"),
    ("bukti", b"%PDF-1.7" + b"\x00" * 16, "application/pdf", "bukti.pdf"),
])
async def test_the_stored_name_matches_the_stored_type(api, settings, name, content, declared,
                                                       expected):
    r = await upload(api, name=name, content=content, content_type=declared)
    assert r.status_code == 201, r.text
    assert r.json()["filename"] == expected
    got = await download(api, r.json()["id"])
    assert f'filename="{expected}"' in got.headers["content-disposition"]
    assert got.headers["x-content-type-options"] == "nosniff"


async def test_data_after_the_closing_boundary_is_bounded(api, settings):
    body = _body() + b"E" * (LIMIT * 20)

    async def chunks():
        for i in range(0, len(body), 4096):
            yield body[i:i + 4096]
    h = headers(api, "staff.alpha")
    h["content-type"] = "multipart/form-data; boundary=XyZ"
    r = await api.client.post("/files", headers=h, content=chunks())
    assert r.status_code == 400, r.text
    assert all(not n.startswith(".upload") for n in stored(settings))
    small = await api.client.post("/files", headers=h, content=_body() + b"\r\n")
    assert small.status_code == 201, small.text

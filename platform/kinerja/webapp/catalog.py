"""What the web app is: its fixed platform-app id, its static files and its trusted documents.

The id is fixed so that the app's client id (`kp-<id>`) is the same in every deployment and the
page can name it before anyone signs in. Every `documents/<Name>.graphql` file holds one named
operation; the manifest publishes each file's whole text (its id is the SHA-256 of the text).
"""

from __future__ import annotations

import uuid
from functools import cache
from pathlib import Path

from ..clients.credentials import ClientId
from ..clients.documents import document_id_of

APP_ID = uuid.UUID("0196f3a0-5dab-7000-8000-00000000da5b")
CLIENT_ID = str(ClientId(APP_ID, None))
NAME = "Dasbor Kinerja"
KIND = "web"
ENFORCEMENT = "DOCUMENTS_ONLY"
HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
DOCUMENTS_DIR = HERE / "documents"
# Sent as text, never by id: an anonymous request has no verified app to look the id up in.
ANONYMOUS = ("Login",)


@cache
def documents() -> dict[str, str]:
    """Operation name -> document text, from the files."""
    return {path.stem: path.read_text(encoding="utf-8")
            for path in sorted(DOCUMENTS_DIR.glob("*.graphql"))}


def manifest() -> dict[str, str]:
    """The trusted-document manifest `{"sha256:<hex>": text}` that `install` publishes."""
    return {document_id_of(text): text for text in documents().values()}


def client_documents() -> dict:
    """What the page loads first (`/app/documents.json`): its client id, the id of every
    operation, and the text of the few sent anonymously."""
    docs = documents()
    return {"clientId": CLIENT_ID,
            "documents": {name: document_id_of(text) for name, text in docs.items()},
            "anonymous": {name: docs[name] for name in ANONYMOUS}}

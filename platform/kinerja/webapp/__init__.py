"""Dasbor Kinerja: the reference web app (static ES modules under `static/`, its GraphQL
operations under `documents/`), served at `/app` by edge/webapp.py and registered as the
platform app `catalog.CLIENT_ID` (kind web, DOCUMENTS_ONLY) by `install`."""

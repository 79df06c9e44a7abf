"""Generic file store: uploads (POST /files), downloads (GET /files/{id}), attachment registry."""

"""The HTTP edge: the endpoint, the document gate, the request context, schema assembly, the
files endpoint and the response cache. Only app.py and cli.py import it."""

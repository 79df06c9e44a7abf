"""Usage of client apps, documents and views: calls, errors by code, latency, last use."""

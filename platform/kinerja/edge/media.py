"""GraphQL over HTTP media types: which one a response uses, and what a request error costs.

`application/graphql-response+json` when the client accepts it (its status codes say what
happened: a request error, such as a document that does not parse or validate or variables
that do not coerce, is 400 with no `data`); `application/json` otherwise, and for `*/*` or no
Accept header, where every GraphQL response is 200 as legacy clients expect.
"""

from __future__ import annotations

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"


def response_media_type(accept: str | None) -> str:
    """The preferred of the two by q-value; on a tie the GraphQL response type wins, as the
    GraphQL-over-HTTP spec asks clients to list it first. `*/*` alone means JSON."""
    best, best_q = JSON, -1.0
    for item in (accept or "").split(","):
        media, _, params = item.strip().partition(";")
        media = media.strip().lower()
        if media not in (GRAPHQL_RESPONSE, JSON):
            continue
        q = _quality(params)
        if q > best_q or (q == best_q and media == GRAPHQL_RESPONSE):
            best, best_q = media, q
    return best if best_q > 0 else JSON


def _quality(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


def request_error_status(media: str) -> int:
    return 400 if media == GRAPHQL_RESPONSE else 200

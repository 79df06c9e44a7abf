"""GraphQL-over-HTTP details: operation selection, methods, and remembered token checks."""

import time
import uuid

from kinerja.auth.tokens import TokenError, TokenVerifier, issue_token
from kinerja.config import Settings


async def test_several_operations_without_a_name_are_refused(api):
    result = await api.gql("query A { me { roles } } query B { me { roles } }", user="hr.alpha")
    assert result.status == 200 and result.data is None
    assert result.codes == ["GRAPHQL_VALIDATION_FAILED"]
    assert "operation name" in result.errors[0]["message"]


async def test_a_named_operation_is_chosen_among_several(api, client, world):
    response = await client.post(
        "/graphql",
        json={"query": "query A { tenants { slug } } query B { me { roles } }",
              "operationName": "B"},
        headers={"authorization": f"Bearer {world.token('hr.alpha')}"})
    assert response.status_code == 200
    assert response.json() == {"data": {"me": {"roles": ["hr"]}}}


async def test_other_http_methods_get_a_json_405_with_allow(client):
    for method in ("PUT", "PATCH", "DELETE"):
        response = await client.request(method, "/graphql", json={"query": "{ me { roles } }"})
        assert response.status_code == 405
        assert response.headers["allow"] == "GET, POST"
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_a_remembered_token_is_refused_once_it_expires():
    settings = Settings(secret_key="s" * 40, token_ttl_seconds=1)
    verifier = TokenVerifier(settings)


    user_id = uuid.uuid4()
    issued = issue_token(settings, user_id)
    assert verifier.verify(issued.token).user_id == user_id  # verified, then remembered
    time.sleep(max(0.0, issued.expires_at.timestamp() - time.time()) + 1.1)
    try:
        verifier.verify(issued.token)
    except TokenError as error:
        assert error.reason == "TOKEN_EXPIRED"
    else:
        raise AssertionError("an expired token was accepted from the cache")


def test_a_token_signed_with_another_secret_is_never_served_from_the_cache():
    ours = TokenVerifier(Settings(secret_key="a" * 40))


    forged = issue_token(Settings(secret_key="b" * 40), uuid.uuid4()).token
    for _ in range(2):
        try:
            ours.verify(forged)
        except TokenError as error:
            assert error.reason == "TOKEN_INVALID"
        else:
            raise AssertionError("a forged token was accepted")

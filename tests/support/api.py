"""Drive the app over HTTP (ASGI transport) as a client would."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from kinerja.graphql.relay import to_global_id


@dataclass
class Result:
    status: int
    body: dict[str, Any]

    @property
    def data(self) -> Any:
        return self.body.get("data")

    @property
    def errors(self) -> list[dict[str, Any]]:
        return self.body.get("errors") or []

    @property
    def codes(self) -> list[str]:
        return [e.get("extensions", {}).get("code") for e in self.errors]

    def ok(self) -> Any:
        assert self.status == 200 and not self.errors, (self.status, self.body)
        return self.data


class Api:
    def __init__(self, client: httpx.AsyncClient, world: Any):
        self.client = client
        self.world = world

    async def gql(self, query: str, variables: dict | None = None, *, user: str | None = None,
                  tenant: str | None = None, token: str | None = None, lang: str = "en",
                  headers: dict | None = None) -> Result:
        hdrs = {"accept-language": lang}
        if user is not None:
            hdrs["authorization"] = f"Bearer {self.world.token(user)}"
        if token is not None:
            hdrs["authorization"] = f"Bearer {token}"
        if tenant is not None:
            hdrs["x-tenant"] = tenant
        hdrs.update(headers or {})
        payload: dict[str, Any] = {"query": query}
        if variables is not None:
            payload["variables"] = variables
        response = await self.client.post("/graphql", json=payload, headers=hdrs)
        return Result(response.status_code, response.json())

    async def raw(self, method: str, content: bytes | None = None, headers: dict | None = None,
                  params: dict | None = None, path: str = "/graphql") -> httpx.Response:
        return await self.client.request(method, path, content=content, headers=headers,
                                         params=params)


def gid(type_name: str, raw_id) -> str:
    return to_global_id(type_name, raw_id)


def project(value: Any, shape: Any) -> Any:
    """`value` (an answer with more fields) cut down to the keys of `shape` (one with fewer),
    to compare a page selecting few fields with one selecting all."""
    if isinstance(shape, dict) and isinstance(value, dict):
        return {k: project(value[k], shape[k]) for k in shape}
    if isinstance(shape, list) and isinstance(value, list):
        return [project(v, s) for v, s in zip(value, shape, strict=True)]
    return value


# Every plain field of an employee, to compare pages reading only some of its columns with.
EMPLOYEE_WHOLE = ("id name nip nipFormatted employeeType rank active version createdAt "
                  "hasAccount fromParentAgency unit { id code name }")

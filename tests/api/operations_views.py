"""Cases of tests/api/test_operations.py for the custom-view operations."""

from __future__ import annotations

DOCUMENT = "query Units { orgUnits { name } }"
DEFINITION = {"key": "unit-kerja", "titleId": "Unit kerja", "titleEn": "Units",
              "document": DOCUMENT, "roles": ["hr"], "rowsPath": "orgUnits",
              "columns": [{"path": "name", "labelId": "Nama", "labelEn": "Name"}]}
CREATE = "mutation($i:CreateViewInput!){createView(input:$i){view{key version}}}"


async def _view(api) -> dict:
    return (await api.gql(CREATE, {"i": DEFINITION}, user="admin.alpha")).ok()[
        "createView"]["view"]


async def create(api, world):
    return {"input": DEFINITION}


async def keyed(api, world):
    await _view(api)
    return {"key": "unit-kerja"}


async def update(api, world):
    view = await _view(api)
    return {"input": {"key": "unit-kerja", "version": view["version"], "titleEn": "Work units"}}


async def make_current(api, world):
    view = await _view(api)
    return {"key": "unit-kerja", "number": 1, "version": view["version"]}


def check_listed(data, world):
    assert [v["key"] for v in data["views"]] == ["unit-kerja"], data


def check_view(data, world):
    assert data["view"]["document"] == DOCUMENT


def check_run(data, world):
    run = data["runView"]
    assert run["errors"] == [] and len(run["rows"]) == 3 and run["columns"][0]["label"] == "Name"


def check_number(field: str, number: int):
    def check(data, world):
        assert data[field]["view"]["number"] == number, data

    return check


def check_deleted(data, world):
    assert data["deleteView"]["deletedKey"] == "unit-kerja"


OPERATIONS = {
    "Views": ("hr.alpha", keyed, check_listed),
    "View": ("hr.alpha", keyed, check_view),
    "RunView": ("hr.alpha", keyed, check_run),
    "CreateView": ("admin.alpha", create, check_number("createView", 1)),
    "UpdateView": ("admin.alpha", update, check_number("updateView", 2)),
    "SetCurrentViewVersion": ("admin.alpha", make_current,
                              check_number("setCurrentViewVersion", 1)),
    "DeleteView": ("admin.alpha", keyed, check_deleted),
}

"""`enumLabels`: public, every enum of the schema with both labels, `label` in the request's
language, the names in the order asked, an unknown name refused with UNKNOWN_ENUM."""

from __future__ import annotations

from graphql import GraphQLEnumType

from kinerja.labels import label
from tests.conftest import SCHEMA

QUERY = "query($n:[String!]){enumLabels(names:$n){name values{value labelId labelEn label}}}"
ENUMS = {name: list(t.values) for name, t in SCHEMA._schema.type_map.items()
         if isinstance(t, GraphQLEnumType) and not name.startswith("__")}


async def test_anonymous_caller_gets_the_label_in_the_request_language(api):
    by_language = {}
    for lang in ("id", "en", "en-GB,en;q=0.9", "", "fr"):
        data = (await api.gql(QUERY, {"n": ["RatingLevel"]}, lang=lang)).ok()
        [rating] = data["enumLabels"]
        by_language[lang] = [v["label"] for v in rating["values"]]
        assert [v["value"] for v in rating["values"]] == ["DI_ATAS", "SESUAI", "DI_BAWAH"]
        assert [v["labelId"] for v in rating["values"]] == [
            "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"]
        assert [v["labelEn"] for v in rating["values"]] == [
            "Above expectations", "Meets expectations", "Below expectations"]
    assert by_language["id"] == by_language[""] == by_language["fr"] == [
        "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"]
    assert by_language["en"] == by_language["en-GB,en;q=0.9"] == [
        "Above expectations", "Meets expectations", "Below expectations"]


async def test_without_names_every_enum_of_the_schema_comes_with_both_labels(api):
    data = (await api.gql(QUERY, lang="id")).ok()["enumLabels"]
    assert [e["name"] for e in data] == sorted(ENUMS)
    for enum in data:
        name = enum["name"]
        assert [v["value"] for v in enum["values"]] == ENUMS[name], name
        for v in enum["values"]:
            assert v["labelId"] == label(name, v["value"], "id") == v["label"], (name, v)
            assert v["labelEn"] == label(name, v["value"], "en") and v["labelEn"], (name, v)


async def test_names_keep_the_order_asked_and_a_repeated_name_comes_once(api):
    data = (await api.gql(QUERY, {"n": ["Rank", "Predikat", "Rank", "LoginErrorCode"]})).ok()
    assert [e["name"] for e in data["enumLabels"]] == ["Rank", "Predikat", "LoginErrorCode"]
    rank = {v["value"]: v for v in data["enumLabels"][0]["values"]}
    assert rank["III_A"]["labelId"] == "Penata Muda (III/a)"
    assert (await api.gql(QUERY, {"n": []})).ok() == {"enumLabels": []}


async def test_an_unknown_enum_name_is_refused_with_unknown_enum(api):
    result = await api.gql(QUERY, {"n": ["Predikat", "Predicate", "rank"]})
    assert result.status == 200 and result.codes == ["UNKNOWN_ENUM"]
    assert result.data is None
    assert result.errors[0]["message"] == "Unknown enum: Predicate, rank"
    indonesian = await api.gql(QUERY, {"n": ["Predicate"]}, lang="id")
    assert indonesian.errors[0]["message"] == "Enum tidak dikenal: Predicate"
    long = await api.gql(QUERY, {"n": ["X" * 5000]})
    assert long.codes == ["UNKNOWN_ENUM"]
    assert long.errors[0]["message"] == "Unknown enum: " + "X" * 60 + "..."


async def test_signed_in_callers_in_any_agency_get_the_same_labels(api):
    anonymous = (await api.gql(QUERY, {"n": ["TenantKind", "ResultStatus"]})).ok()
    for user in ("staff.alpha", "admin.beta", "platform.root"):
        assert (await api.gql(QUERY, {"n": ["TenantKind", "ResultStatus"]},
                              user=user)).ok() == anonymous


async def test_malformed_names_get_typed_refusals(api):
    for names, code in (([1], "BAD_USER_INPUT"), ([None], "BAD_USER_INPUT"),
                        (["Pre\u0000dikat"], "INVALID_TEXT")):
        result = await api.gql(QUERY, {"n": names})
        assert result.codes == [code], (names, result.body)
    # a single string coerces to a list of one (GraphQL input coercion)
    data = (await api.gql(QUERY, {"n": "Predikat"})).ok()
    assert [e["name"] for e in data["enumLabels"]] == ["Predikat"]

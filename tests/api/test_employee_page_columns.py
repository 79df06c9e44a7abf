"""The employee page reads only the columns its client selected (people/columns.py, issue
12), and answers exactly what a page reading every column answers; its partial objects never
answer another field of the request."""

from __future__ import annotations

import pytest

from kinerja.kit.selection import Selection
from kinerja.people import queries as people_queries
from kinerja.people.columns import EMPLOYEE_FIELDS, columns_for, employee_page_reads
from tests.support.api import gid, project

PERSON = "id name nip nipFormatted employeeType rank active version createdAt hasAccount " \
         "fromParentAgency"
UNIT = "id code name active version createdAt parentId parent { id name code }"
POSITION = "id code name positionType level active version createdAt"
WHOLE = (f"{PERSON} acting unit {{ {UNIT} }} position {{ {POSITION} }} "
         f"rater {{ {PERSON} unit {{ id name code }} }} "
         f"raterSuperior {{ {PERSON} unit {{ id name code }} }}")


def page(fields: str) -> str:
    return "query($n: Int){ employees(first: $n) { nodes { " + fields + " } } }"


async def nodes(api, fields: str, n: int = 50) -> list[dict]:
    return (await api.gql(page(fields), {"n": n}, user="hr.alpha")).ok()["employees"]["nodes"]


@pytest.mark.parametrize("fields", [
    "id name",
    "nip",
    "nipFormatted rank",
    "name unit { name } position { name } rater { id name }",
    "name rater { name } raterSuperior { nip nipFormatted createdAt }",  # one person, 2 roles
    "id raterSuperior { name rank unit { code } }",
    "hasAccount fromParentAgency acting unit { parentId parent { name } }",
    "position { level positionType } rater { employeeType version }",
    "... on Employee { name unit { ... on OrgUnit { code } } }",
])
async def test_a_pruned_page_answers_what_a_whole_page_answers(api, fields, monkeypatch):
    with monkeypatch.context() as whole_reads:  # the reference reads every column
        whole_reads.setattr(people_queries, "employee_page_reads", lambda *_: {})
        whole = await nodes(api, WHOLE)
    assert len(whole) > 3 and any(n["rater"] for n in whole) and any(
        n["raterSuperior"] for n in whole)
    pruned = await nodes(api, fields)
    assert pruned == project(whole, pruned)


async def test_partial_people_of_a_page_do_not_answer_other_fields(api, world):
    """The page reads only names; the same employees asked for whole in the same document
    (through the loaders the page would have primed) come whole."""
    rater = world.employee_id("alpha", "rater")
    query = ("query($id: ID!){ employees(first: 50) { nodes { id name rater { name } } }"
             " employee(id: $id) { name nip rank createdAt rater { nip } unit { code } } }")
    data = (await api.gql(query, {"id": gid("Employee", rater)}, user="hr.alpha")).ok()
    alone = (await api.gql("query($id: ID!){ employee(id: $id) { name nip rank createdAt "
                           "rater { nip } unit { code } } }", {"id": gid("Employee", rater)},
                           user="hr.alpha")).ok()
    assert data["employee"] == alone["employee"]
    assert data["employee"]["nip"] and data["employee"]["createdAt"]


async def test_the_page_statement_skips_what_is_not_selected(api, sql_counter):
    await nodes(api, "id")  # warm: policies, identity
    before = len(sql_counter.statements)
    await nodes(api, "name rater { name }")
    page_statement = next(s for s in sql_counter.statements[before:] if "rater_e" in s)
    assert "superior_e" not in page_statement  # the superior is not joined
    assert "NULL AS nip" in page_statement and "NULL AS r_nip" in page_statement
    before = len(sql_counter.statements)
    await nodes(api, "name nip rater { name } raterSuperior { name }")
    page_statement = next(s for s in sql_counter.statements[before:] if "rater_e" in s)
    assert "superior_e" in page_statement and "NULL AS nip" not in page_statement


def test_a_field_not_listed_reads_every_column():
    sel = Selection({"name": Selection(), "someNewField": Selection()})
    assert columns_for(sel, EMPLOYEE_FIELDS) is None
    assert "" not in employee_page_reads(sel)
    assert employee_page_reads(Selection({"nip": Selection()}))[""] == {"id", "name", "nip"}


async def test_page_info_alone_still_has_its_cursors(api):
    """Cursors are encoded only when edges or pageInfo are selected (relay.cursors_selected):
    pageInfo alone pages exactly as edges do."""
    first = "query($a: String){ employees(first: 2, after: $a) { "
    by_info = (await api.gql(first + "pageInfo { endCursor hasNextPage } } }",
                             user="hr.alpha")).ok()["employees"]["pageInfo"]
    by_edges = (await api.gql(first + "edges { cursor node { name } } } }",
                              user="hr.alpha")).ok()["employees"]["edges"]
    assert by_info["hasNextPage"] and by_info["endCursor"] == by_edges[-1]["cursor"]
    after = (await api.gql(first + "nodes { name } } }", {"a": by_info["endCursor"]},
                           user="hr.alpha")).ok()["employees"]["nodes"]
    assert after and after[0]["name"] > by_edges[-1]["node"]["name"]


def test_parts_the_page_does_not_join_name_no_columns():
    """So pages that differ only in what they do not join share one statement."""
    sel = Selection({"name": Selection(), "unit": Selection({"code": Selection()}),
                     "rater": Selection({"nip": Selection()})})
    assert set(employee_page_reads(sel)) == {"", "u_", "p_", "r_"}
    assert set(employee_page_reads(sel, references=False, people=False)) == {""}

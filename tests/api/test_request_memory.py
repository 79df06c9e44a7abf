"""What a request built is freed when its answer is sent, by reference counting: graphql-core's
execution context holds the request's context in a reference cycle, so nodes left in the
context's loaders would wait for the cyclic collector (Context.release, issue 12)."""

from __future__ import annotations

import gc

from kinerja.people.types import EmployeeNode, OrgUnitType

PAGE = ("query($n: Int){employees(first: $n){"
        "nodes{id name unit{id name} position{id name} rater{id name}}}}")


def alive(kind: type) -> int:
    return sum(1 for o in gc.get_objects() if type(o) is kind)


async def test_the_nodes_of_a_page_are_freed_without_the_collector(api):
    first = await api.gql(PAGE, {"n": 50}, user="hr.alpha")
    assert len(first.ok()["employees"]["nodes"]) > 2
    gc.collect()
    gc.disable()  # only reference counting frees anything from here on
    try:
        before = alive(EmployeeNode), alive(OrgUnitType)
        for n in (49, 48, 47):  # other variables: never an answer from the response cache
            page = await api.gql(PAGE, {"n": n}, user="hr.alpha")
            assert len(page.ok()["employees"]["nodes"]) > 2
        assert (alive(EmployeeNode), alive(OrgUnitType)) == before
    finally:
        gc.enable()

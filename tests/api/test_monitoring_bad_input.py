"""Bad input for realisations and feedback: every malformed or invalid input gets a typed
answer (top-level code or payload codes), never a 5xx or INTERNAL_SERVER_ERROR, and leaves
every table as it was (on the isolation fixture: RUNNING cycle, approved staff SKP, one
realisation with evidence, one feedback thread)."""

from __future__ import annotations

from typing import Any

from tests.isolation import Unchanged
from tests.isolation.cases_cycles import period_gid, skp_gid
from tests.isolation.cases_monitoring import mid, with_monitoring
from tests.isolation.cases_skp import raw
from tests.support.api import gid

SAVE = ("mutation($i:SaveRealisationInput!){saveRealisation(input:$i){realisation{id} "
        "errors{field code message}}}")
GIVE = "mutation($i:GiveFeedbackInput!){giveFeedback(input:$i){thread{id} errors{field code}}}"
REPLY = ("mutation($i:ReplyToFeedbackInput!){replyToFeedback(input:$i){thread{id} "
         "errors{field code}}}")
MISSING = "00000000-0000-4000-8000-000000000001"


def _save(world, **changes) -> dict[str, Any]:
    return {"i": {"indicatorId": gid("Indicator", raw(world, "alpha", "ind-staff")),
                  "periodId": period_gid(world, "alpha"), "value": 5, **changes}}


def _give(world, **changes) -> dict[str, Any]:
    return {"i": {"skpId": skp_gid(world, "alpha"), "text": "Catatan", **changes}}


def _reply(world, **changes) -> dict[str, Any]:
    return {"i": {"threadId": gid("FeedbackThread", mid(world, "alpha", "thread")),
                  "text": "Balasan", **changes}}


# (name, user, document, variables(world), expected top-level codes, payload codes)
CASES = [
    ("value NaN-like string", "staff.alpha", SAVE, lambda w: _save(w, value="banyak"),
     {"BAD_USER_INPUT"}, set()),
    ("value boolean", "staff.alpha", SAVE, lambda w: _save(w, value=True), {"BAD_USER_INPUT"},
     set()),
    ("negative value", "staff.alpha", SAVE, lambda w: _save(w, value=-0.5), set(),
     {"OUT_OF_RANGE"}),
    ("no value nor narrative", "staff.alpha", SAVE, lambda w: _save(w, value=None), set(),
     {"REALISATION_EMPTY"}),
    ("evidence not a list of objects", "staff.alpha", SAVE, lambda w: _save(w, evidence="x"),
     {"BAD_USER_INPUT"}, set()),
    ("evidence with an unknown key", "staff.alpha", SAVE,
     lambda w: _save(w, evidence=[{"href": "https://x.example"}]), {"BAD_USER_INPUT"}, set()),
    ("data: url", "staff.alpha", SAVE,
     lambda w: _save(w, evidence=[{"url": "data:text/html,hi", "title": "x"}]), set(),
     {"INVALID_URL"}),
    ("url with spaces", "staff.alpha", SAVE,
     lambda w: _save(w, evidence=[{"url": "https://x.example/a b", "title": "x"}]), set(),
     {"INVALID_URL"}),
    ("url too long", "staff.alpha", SAVE,
     lambda w: _save(w, evidence=[{"url": "https://x.example/" + "a" * 2000, "title": "x"}]),
     set(), {"INVALID_URL"}),
    ("title too long", "staff.alpha", SAVE,
     lambda w: _save(w, evidence=[{"url": "https://x.example", "title": "t" * 201}]), set(),
     {"TOO_LONG"}),
    ("period of nothing", "staff.alpha", SAVE, lambda w: _save(w, periodId=gid("Period", MISSING)),
     set(), {"UNKNOWN_REFERENCE"}),
    ("period is garbage", "staff.alpha", SAVE, lambda w: _save(w, periodId="%%%"), set(),
     {"UNKNOWN_REFERENCE"}),
    ("indicator missing", "staff.alpha", SAVE, lambda w: _save(w, indicatorId=None),
     {"BAD_USER_INPUT"}, set()),
    ("indicator of beta", "staff.alpha", SAVE,
     lambda w: _save(w, indicatorId=gid("Indicator", raw(w, "beta", "ind-staff"))),
     {"NOT_FOUND"}, set()),
    ("stale version", "staff.alpha", SAVE, lambda w: _save(w, version=9), {"CONFLICT"}, set()),
    ("negative version", "staff.alpha", SAVE, lambda w: _save(w, version=-1), {"CONFLICT"},
     set()),
    ("file of beta", "staff.alpha", SAVE,
     lambda w: _save(w, evidence=[{"fileId": gid("StoredFile", mid(w, "beta", "file"))}]),
     set(), {"UNKNOWN_REFERENCE"}),
    ("feedback on garbage skp", "rater.alpha", GIVE, lambda w: _give(w, skpId="x"),
     {"INVALID_ID"}, set()),
    ("feedback on beta skp", "rater.alpha", GIVE, lambda w: _give(w, skpId=skp_gid(w, "beta")),
     {"NOT_FOUND"}, set()),
    ("feedback with an unknown value", "rater.alpha", GIVE, lambda w: _give(w, value="RAJIN"),
     {"BAD_USER_INPUT"}, set()),
    ("feedback on beta's realisation", "rater.alpha", GIVE,
     lambda w: _give(w, realisationId=gid("Realisation", mid(w, "beta", "realisation"))),
     set(), {"UNKNOWN_REFERENCE"}),
    ("feedback on a garbage realisation", "rater.alpha", GIVE,
     lambda w: _give(w, realisationId="???"), set(), {"UNKNOWN_REFERENCE"}),
    ("feedback blank", "rater.alpha", GIVE, lambda w: _give(w, text=" \n\t "), set(),
     {"REQUIRED"}),
    ("feedback text null", "rater.alpha", GIVE, lambda w: _give(w, text=None),
     {"BAD_USER_INPUT"}, set()),
    ("reply to beta's thread", "staff.alpha", REPLY,
     lambda w: _reply(w, threadId=gid("FeedbackThread", mid(w, "beta", "thread"))),
     {"NOT_FOUND"}, set()),
    ("reply too long", "staff.alpha", REPLY, lambda w: _reply(w, text="b" * 4001), set(),
     {"TOO_LONG"}),
]


async def test_bad_monitoring_input_gets_typed_errors_and_changes_nothing(api, db, services,
                                                                          world):
    await with_monitoring(db, services, world)
    failures = []
    unchanged = await Unchanged.start(db, skip=("login_throttle",))
    try:
        for name, user, document, variables, top, payload in CASES:
            await unchanged.mark()
            result = await api.gql(document, variables(world), user=user)
            changed = await unchanged.changes()
            root = next(iter((result.data or {}).values()), None) if result.data else None
            got_payload = {e["code"] for e in (root or {}).get("errors", [])} if root else set()
            if result.status >= 500 or set(result.codes) != top or got_payload != payload:
                failures.append(f"{name}: {result.status} {result.body}")
            if root and any(v for k, v in root.items() if k != "errors"):
                failures.append(f"{name}: a result came back: {root}")
            if changed:
                failures.append(f"{name}: database changed: {changed}")
    finally:
        unchanged.close()
    assert not failures, "\n".join(failures)

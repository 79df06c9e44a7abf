"""Code lists of self-assessments and 360 reviews, shared by services, types and demo data.

Scores are 1-5 per BerAKHLAK value: 1 = far below expectation, 2 = below, 3 = meets the
expectation, 4 = above, 5 = far above (role model).
"""

from ..skp.codes import BERAKHLAK

SELF_STATUSES = ("DRAFT", "SUBMITTED")
RELATIONS = ("PEER", "SUBORDINATE")
# Stored statuses of a review request; employee and rater only ever see NOMINATION_VIEW.
REQUEST_STATUSES = ("PROPOSED", "PENDING", "SUBMITTED", "DECLINED", "REJECTED")
NOMINATION_VIEW = {"PROPOSED": "PROPOSED", "REJECTED": "REJECTED", "PENDING": "NOMINATED",
                   "SUBMITTED": "NOMINATED", "DECLINED": "NOMINATED"}
NOMINATION_STATUSES = ("PROPOSED", "NOMINATED", "REJECTED")
REVIEWER_STATUSES = ("PENDING", "SUBMITTED", "DECLINED")  # what a reviewer sees of a request
OPEN_CYCLE_STATES = ("RUNNING", "ASSESSMENT")
SCORE_MIN, SCORE_MAX = 1, 5
COMMENT_MAX = 2000
MAX_NOMINATIONS = 30

__all__ = ["BERAKHLAK"]

"""Competency assessments (issue 4 §2): self, rater (form B.1.9) and assessment-centre evidence,
the current profile per competency with its history; and the gap analysis built on them
(issue 4 §3): gaps against the position standard (gaps.py), the unit gap matrix (matrix.py),
target positions (targets.py), JPM bands (bands.py) and their GraphQL fields (gap_*.py).

Depends on competencies/ (frameworks and standards), never the other way round.
"""

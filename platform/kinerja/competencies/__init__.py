"""Competency frameworks (national and technical) and position standards (issue 4 §1).

It knows nothing of assessments: the gap analysis, which reads assessments against these
standards, lives in competency_assessments/ (gaps.py, matrix.py, targets.py, bands.py), so the
arrow points one way, competency_assessments -> competencies.
"""

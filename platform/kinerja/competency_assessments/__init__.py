"""Competency assessments (issue 4 §2): self, rater (form B.1.9) and assessment-centre evidence,
the current profile per competency with its history."""

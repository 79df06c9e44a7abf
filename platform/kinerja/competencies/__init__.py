"""Competency frameworks (national and technical) and position standards (issue 4 §1)."""

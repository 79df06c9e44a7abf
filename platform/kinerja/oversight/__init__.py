"""Oversight across agencies: groups, their members and overseers, and aggregates only."""

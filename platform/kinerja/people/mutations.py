"""Mutations for org units, positions, employees, reporting lines and the CSV import."""

import strawberry


@strawberry.type
class PeopleMutations:
    pass

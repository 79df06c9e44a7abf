import strawberry


@strawberry.type
class RoleQueries:
    pass

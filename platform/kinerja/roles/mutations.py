import strawberry


@strawberry.type
class RoleMutations:
    pass

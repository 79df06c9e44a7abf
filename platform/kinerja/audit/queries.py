import strawberry


@strawberry.type
class AuditQueries:
    pass

"""The GraphQL kit the domains build on: Relay global IDs and connections (relay.py), mutation
payloads and their error types (payloads.py), field permission classes (permissions.py) and
shared enums (enums.py). It imports no domain; the HTTP edge that assembles the schema and
serves it is `kinerja.edge`."""

"""User accounts: login, the `me` view, and user administration within a tenant."""

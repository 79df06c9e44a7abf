"""Role administration: custom roles, permissions and assignments per tenant (Casbin)."""

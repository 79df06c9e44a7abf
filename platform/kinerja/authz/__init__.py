"""Authorization: the only package that imports Casbin."""

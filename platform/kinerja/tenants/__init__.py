"""Agencies (tenants): listing for members, lifecycle for platform administrators."""

"""Doing and monitoring an SKP: realisations of its indicators per period with evidence, and
continuous feedback on the SKP. Part of the SKP aggregate (see skp/__init__.py)."""

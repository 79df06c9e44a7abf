"""Objections (keberatan) to released results: filing, explanations, the superior's decision."""

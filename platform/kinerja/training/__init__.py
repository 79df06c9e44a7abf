"""Training settings (JP conversion, minimum JP, suggestion mappings) and the catalog
(issue 4 §4)."""

"""Individual development plans, suggestions and 20 JP tracking (issue 4 §5)."""

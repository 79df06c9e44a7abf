"""GraphQL layer: schema assembly, context, HTTP view, permissions, relay helpers."""

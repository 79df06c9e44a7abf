"""Shared building blocks: selection look-ahead, per-request batch loaders, repository base."""

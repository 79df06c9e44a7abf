"""Operations: logging, health and readiness."""

"""Audit trail: record every change; let auditors query it per object and per user."""

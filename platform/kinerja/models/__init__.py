"""Every table, one module per aggregate; importing this module registers them all (Alembic)."""

from sqlmodel import SQLModel

from .audit import AuditEvent, PlatformEvent
from .authz import Role
from .base import TenantScoped, uuid7
from .competencies import PositionStandard, TechnicalFramework
from .cycles import Cycle, Period, RuleSet, Skp
from .organisation import OrgUnit, Position
from .people import Employee, ReportingLine
from .results import (
    Objection,
    ObjectionExplanation,
    OrganisationResult,
    PerformanceResult,
    ResultChange,
    UnitHead,
)
from .skp import BehaviourExpectation, Indicator, SkpTransition, WorkResult
from .tenant import CasbinRule, LoginThrottle, Tenant, User

metadata = SQLModel.metadata

TENANT_TABLES = tuple(
    sorted(t.name for t in metadata.sorted_tables if "tenant_id" in t.c)
)

__all__ = [
    "TENANT_TABLES",
    "AuditEvent",
    "BehaviourExpectation",
    "CasbinRule",
    "Cycle",
    "Employee",
    "Indicator",
    "LoginThrottle",
    "Objection",
    "ObjectionExplanation",
    "OrganisationResult",
    "OrgUnit",
    "Period",
    "PerformanceResult",
    "PlatformEvent",
    "Position",
    "PositionStandard",
    "ReportingLine",
    "ResultChange",
    "Role",
    "RuleSet",
    "Skp",
    "SkpTransition",
    "TechnicalFramework",
    "Tenant",
    "TenantScoped",
    "UnitHead",
    "User",
    "WorkResult",
    "metadata",
    "uuid7",
]

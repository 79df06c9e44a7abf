"""Every table, one module per aggregate; importing this module registers them all (Alembic)."""

from sqlmodel import SQLModel

from .audit import AuditChainHead, AuditEvent, DataView, PlatformChainHead, PlatformEvent
from .authz import Role
from .base import TenantScoped, uuid7
from .clients import ClientApp, PlatformApp, PlatformDocument, TrustedDocument
from .competencies import PositionStandard, TechnicalFramework
from .competency_assessments import CompetencyAssessment, EmployeeTargetPosition, JpmBandSetting
from .cycles import Cycle, Period, RuleSet, Skp
from .development import (
    DevelopmentItem,
    DevelopmentPlan,
    TrainingActivity,
    TrainingActivityCompetency,
    TrainingSettings,
)
from .files import StoredFile
from .monitoring import Evidence, FeedbackEntry, Realisation
from .organisation import OrgUnit, Position
from .oversight import OversightGroup, OversightMember, OversightViewer
from .people import Employee, ReportingLine
from .results import (
    Objection,
    ObjectionExplanation,
    OrganisationResult,
    PerformanceResult,
    ResultChange,
    UnitHead,
)
from .reviews import ReviewRequest, SelfAssessment
from .skp import BehaviourExpectation, Indicator, SkpTransition, WorkResult
from .tenant import CasbinRule, LoginThrottle, PolicyState, Tenant, User
from .usage import UsageCounter
from .views import CustomView, CustomViewVersion

metadata = SQLModel.metadata

TENANT_TABLES = tuple(
    sorted(t.name for t in metadata.sorted_tables if "tenant_id" in t.c)
)

__all__ = [
    "TENANT_TABLES",
    "AuditChainHead",
    "AuditEvent",
    "BehaviourExpectation",
    "CasbinRule",
    "ClientApp",
    "CompetencyAssessment",
    "CustomView",
    "CustomViewVersion",
    "Cycle",
    "DataView",
    "DevelopmentItem",
    "DevelopmentPlan",
    "Employee",
    "EmployeeTargetPosition",
    "Evidence",
    "FeedbackEntry",
    "Indicator",
    "JpmBandSetting",
    "LoginThrottle",
    "Objection",
    "ObjectionExplanation",
    "OrgUnit",
    "OrganisationResult",
    "OversightGroup",
    "OversightMember",
    "OversightViewer",
    "PerformanceResult",
    "Period",
    "PlatformApp",
    "PlatformChainHead",
    "PlatformDocument",
    "PlatformEvent",
    "PolicyState",
    "Position",
    "PositionStandard",
    "Realisation",
    "ReportingLine",
    "ResultChange",
    "ReviewRequest",
    "Role",
    "RuleSet",
    "SelfAssessment",
    "Skp",
    "SkpTransition",
    "StoredFile",
    "TechnicalFramework",
    "Tenant",
    "TenantScoped",
    "TrainingActivity",
    "TrainingActivityCompetency",
    "TrainingSettings",
    "TrustedDocument",
    "UnitHead",
    "UsageCounter",
    "User",
    "WorkResult",
    "metadata",
    "uuid7",
]

"""Schema assembly: every domain contributes a query and a mutation class."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule
from strawberry.tools import merge_types
from strawberry.types import Info

from ..accounts.mutations import AccountMutations
from ..accounts.queries import AccountQueries
from ..accounts.role_mutations import MemberRoleMutations
from ..analysis.queries import AnalysisQueries
from ..audit.queries import AuditQueries
from ..audit.trail_queries import AuditTrailQueries
from ..clients.mutations import ClientAppMutations
from ..clients.queries import ClientAppQueries
from ..competencies.mutations import CompetencyMutations
from ..competencies.queries import CompetencyQueries
from ..competency_assessments.gap_mutations import GapMutations
from ..competency_assessments.gap_queries import GapQueries
from ..competency_assessments.mutations import AssessmentMutations
from ..competency_assessments.queries import AssessmentQueries
from ..config import Settings
from ..cycles.mutations import CycleMutations
from ..cycles.queries import CycleQueries
from ..development.mutations import DevelopmentMutations
from ..development.queries import DevelopmentQueries
from ..graphql.enum_labels import EnumLabelQueries
from ..graphql.permissions import Authenticated
from ..graphql.relay import Node
from ..kit.selection import root_selection
from ..objections.mutations import ObjectionMutations
from ..objections.queries import ObjectionQueries
from ..oversight.mutations import OversightMutations
from ..oversight.queries import OversightQueries
from ..people.mutations import PeopleMutations
from ..people.queries import PeopleQueries
from ..results.mutations import ResultMutations
from ..results.queries import ResultQueries
from ..reviews.mutations import ReviewMutations
from ..reviews.queries import ReviewQueries
from ..roles.mutations import RoleMutations
from ..roles.queries import RoleQueries
from ..skp.monitoring.mutations import MonitoringMutations
from ..skp.mutations import SkpMutations
from ..skp.queries import SkpQueries
from ..tenants.mutations import TenantMutations
from ..tenants.queries import TenantQueries
from ..training.mutations import TrainingMutations
from ..training.queries import TrainingQueries
from ..usage.queries import UsageQueries
from ..views.mutations import ViewMutations
from ..views.queries import ViewQueries
from .documents import DocumentGate
from .fastexec import FastExecutionContext
from .node import resolve_node
from .prepared import UsePreparedDocument


@strawberry.type
class NodeQueries:
    @strawberry.field(permission_classes=[Authenticated],
                      description="Any object by global ID; NOT_FOUND when absent or not yours.")
    async def node(self, info: Info, id: strawberry.ID) -> Node:
        return await resolve_node(info.context, id, root_selection(info))


def _merge(name: str, parts: tuple[type, ...]) -> type:
    return merge_types(name, tuple(p for p in parts if p.__strawberry_definition__.fields))


# One domain per line, so that adding a domain is a one-line change.
QUERY_PARTS = (
    AccountQueries, TenantQueries, PeopleQueries, RoleQueries, AuditQueries, AuditTrailQueries,
    CycleQueries,
    SkpQueries, CompetencyQueries,
    AssessmentQueries, GapQueries,
    TrainingQueries, DevelopmentQueries,
    ReviewQueries,
    ResultQueries, ObjectionQueries, AnalysisQueries,
    ClientAppQueries, ViewQueries, UsageQueries, OversightQueries,
    NodeQueries, EnumLabelQueries,
)
MUTATION_PARTS = (
    AccountMutations, TenantMutations, PeopleMutations, RoleMutations, MemberRoleMutations,
    CycleMutations,
    SkpMutations, CompetencyMutations,
    AssessmentMutations, GapMutations,
    TrainingMutations, DevelopmentMutations,
    ReviewMutations,
    MonitoringMutations,
    ResultMutations, ObjectionMutations,
    ClientAppMutations, ViewMutations, OversightMutations,
)
Query = _merge("Query", QUERY_PARTS)
Mutation = _merge("Mutation", MUTATION_PARTS)


class KinerjaSchema(strawberry.Schema):
    def process_errors(self, errors: list[Any], execution_context: Any = None) -> None:
        """Errors are logged and formatted by the HTTP view (edge/endpoint.py)."""


def build_schema(settings: Settings | None = None, *, compiled: bool = True) -> strawberry.Schema:
    """`compiled=False` gives the standard graphql-core executor (tests compare both)."""
    return KinerjaSchema(
        query=Query, mutation=Mutation, extensions=[UsePreparedDocument],
        config=StrawberryConfig(auto_camel_case=True),
        execution_context_class=FastExecutionContext if compiled else None,
    )


def build_gate(schema: strawberry.Schema, settings: Settings) -> DocumentGate:
    """The document gate for this schema: limits, introspection switch and the validation
    rules Strawberry adds to graphql-core's (edge/documents.py)."""
    return DocumentGate(schema._schema, settings.limits, introspection=settings.introspection,
                        extra_rules=(MaybeNullValidationRule, OneOfInputValidationRule))


def export_sdl() -> str:
    return build_schema().as_str() + "\n"

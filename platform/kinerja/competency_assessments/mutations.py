"""Competency-assessment mutations. Thin: decode IDs, run the service in a savepoint
(`answer`), re-read the assessment as the profile shows it."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.payloads import answer, in_savepoint, to_payload_errors, to_row_errors
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from ..kit.csv_rows import import_limits
from .csv_import import AssessmentImporter
from .inputs import (
    AssessmentImportRowError,
    DecideCompetencyAssessmentError,
    DecideCompetencyAssessmentInput,
    DecideCompetencyAssessmentPayload,
    ImportCompetencyAssessmentsError,
    ImportCompetencyAssessmentsErrorCode,
    ImportCompetencyAssessmentsPayload,
    RecordCompetencyAssessmentError,
    RecordCompetencyAssessmentInput,
    RecordCompetencyAssessmentPayload,
)
from .queries import load_assessment
from .service import AssessmentData, AssessmentService


def _service(ctx) -> AssessmentService:
    return AssessmentService(ctx.actor)


@strawberry.type
class AssessmentMutations:
    @strawberry.mutation(permission_classes=[Can("competency_assessment", "write")],
                         description="Record a competency level: a self-assessment (your own), "
                                     "the rater's score after coaching (B.1.9; your current "
                                     "ratees, or anyone for HR) or an assessment-centre result "
                                     "(HR). Every problem is reported at once.")
    async def record_competency_assessment(self, info: Info,
                                           input: RecordCompetencyAssessmentInput
                                           ) -> RecordCompetencyAssessmentPayload:
        ctx = info.context
        data = AssessmentData(
            employee_id=from_global_id(input.employee_id, "Employee")[1],
            competency_code=input.competency_code, level=input.level, source=input.source.value,
            assessed_on=input.assessed_on, reason=input.reason, note=input.note,
            assessor_name=input.assessor_name)

        async def build(assessment_id):
            return {"assessment": await load_assessment(ctx, assessment_id)}

        return await answer(ctx, lambda: _service(ctx).record(data),
                            RecordCompetencyAssessmentPayload, RecordCompetencyAssessmentError,
                            build)

    @strawberry.mutation(permission_classes=[Can("competency_assessment", "write")],
                         description="Accept or reject a pending self-assessment of someone you "
                                     "currently rate (or anyone, for HR).")
    async def decide_competency_assessment(self, info: Info,
                                           input: DecideCompetencyAssessmentInput
                                           ) -> DecideCompetencyAssessmentPayload:
        ctx = info.context
        raw_id = from_global_id(input.assessment_id, "CompetencyAssessment")[1]

        async def build(assessment_id):
            return {"assessment": await load_assessment(ctx, assessment_id)}

        return await answer(ctx, lambda: _service(ctx).decide(raw_id, input.accept,
                                                              input.version),
                            DecideCompetencyAssessmentPayload, DecideCompetencyAssessmentError,
                            build)

    @strawberry.mutation(permission_classes=[Can("competency_assessment", "import")],
                         description="Import assessment-centre results from CSV (header: nip, "
                                     "competency_code, level, assessed_on, assessor[, note]). "
                                     "Every row is checked; nothing is imported when any row is "
                                     "invalid.")
    async def import_competency_assessments(self, info: Info, csv: str,
                                            dry_run: bool | None = False
                                            ) -> ImportCompetencyAssessmentsPayload:
        ctx, dry_run = info.context, bool(dry_run)
        importer = AssessmentImporter(ctx.actor, import_limits(ctx.settings.limits))
        changed_before = ctx.data_changed
        result = await in_savepoint(ctx, lambda: importer.run(csv, dry_run))
        if isinstance(result, list):
            return ImportCompetencyAssessmentsPayload(
                dry_run=dry_run,
                errors=to_payload_errors(ImportCompetencyAssessmentsError, result, ctx.language))
        ctx.data_changed = changed_before or result.imported > 0  # a refused file changes nothing
        row_errors = to_row_errors(AssessmentImportRowError, ImportCompetencyAssessmentsErrorCode,
                                   result.row_errors, ctx.language)
        return ImportCompetencyAssessmentsPayload(
            imported_count=result.imported, row_count=result.row_count, dry_run=dry_run,
            row_errors=row_errors)

"""GraphQL inputs and payloads of the competency-assessment mutations."""

from __future__ import annotations

from datetime import date

import strawberry

from ..graphql.payloads import mutation_error_type
from .types import AssessmentSource, CompetencyAssessment

VERSION_HELP = "The version you read; a stale one gives CONFLICT and changes nothing."


@strawberry.input(description="One assessed level. SELF: your own competency (pending until "
                              "your rater or HR accepts it). RATER: the rater's score after "
                              "coaching (form B.1.9), reason required. ASSESSMENT_CENTRE: HR, "
                              "with the institution as `assessorName`.")
class RecordCompetencyAssessmentInput:
    employee_id: strawberry.ID
    competency_code: str = strawberry.field(
        description="A national code (M.01-M.08, SK.01) or a code of the current technical "
                    "framework version (the assessment keeps pointing to that version).")
    level: int = strawberry.field(description="1 to 5.")
    source: AssessmentSource  # type: ignore[valid-type]
    assessed_on: date | None = strawberry.field(default=None,
                                                description="Default: today; not in the future.")
    reason: str | None = None
    note: str | None = None
    assessor_name: str | None = None


@strawberry.input(description="Accept (it then counts in the profile) or reject a pending "
                              "self-assessment.")
class DecideCompetencyAssessmentInput:
    assessment_id: strawberry.ID
    accept: bool
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


RecordCompetencyAssessmentError = mutation_error_type(
    "RecordCompetencyAssessment", ("OUT_OF_RANGE", "FUTURE_DATE", "INACTIVE_REFERENCE"))
DecideCompetencyAssessmentError = mutation_error_type("DecideCompetencyAssessment",
                                                      ("NOT_PENDING",))
ImportCompetencyAssessmentsError = mutation_error_type(
    "ImportCompetencyAssessments", ("INVALID_CSV", "TOO_MANY_ROWS", "COLUMN_COUNT",
                                    "DUPLICATE_IN_FILE", "OUT_OF_RANGE", "FUTURE_DATE",
                                    "INACTIVE_REFERENCE", "OWN_RECORD", "TOO_MANY_COLUMNS",
                                    "HEADER_TOO_LONG", "LINE_TOO_LONG", "INVALID_TEXT"))
ImportCompetencyAssessmentsErrorCode = ImportCompetencyAssessmentsError.code_enum


@strawberry.type(description="Result of `recordCompetencyAssessment`.")
class RecordCompetencyAssessmentPayload:
    assessment: CompetencyAssessment | None = None
    errors: list[RecordCompetencyAssessmentError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `decideCompetencyAssessment`.")
class DecideCompetencyAssessmentPayload:
    assessment: CompetencyAssessment | None = None
    errors: list[DecideCompetencyAssessmentError] = strawberry.field(default_factory=list)


@strawberry.type(description="A problem in one row of an assessment-centre CSV file.")
class AssessmentImportRowError:
    row: int = strawberry.field(
        description="Data line number, 1-based (the header is not counted).")
    column: str | None = strawberry.field(description="Column name; null for the whole row.")
    code: ImportCompetencyAssessmentsErrorCode  # type: ignore[valid-type]
    message: str


@strawberry.type(description="Result of `importCompetencyAssessments`: everything imported, or "
                             "nothing.")
class ImportCompetencyAssessmentsPayload:
    imported_count: int = strawberry.field(
        default=0, description="Assessments written (0 on a dry run or when any row is invalid).")
    row_count: int = strawberry.field(default=0, description="Data rows read from the file.")
    dry_run: bool = False
    row_errors: list[AssessmentImportRowError] = strawberry.field(default_factory=list)
    errors: list[ImportCompetencyAssessmentsError] = strawberry.field(
        default_factory=list, description="Problems with the file as a whole.")

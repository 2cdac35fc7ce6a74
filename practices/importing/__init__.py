"""Turning practice records (the demo corpus, members' JSON or CSV files) into practice pages.

Every record is validated (validation.py, with a Django form) before anything is written (writing.py,
publishing through Wagtail's publish action), so a file with one bad row imports nothing.
Records are matched by slug inside the lead member's folder: importing the same file twice updates
the practices instead of duplicating them.

JSON: a list of objects, or `{"practices": [...]}`, shaped like `core/demo_content/practices.json`.
CSV: one practice per row with a header row. Columns (only the first eight are required):

    slug, title, summary, challenge, approach, results, transferability, priority,
    country, region, city, language, status, start_date, end_date, resources_needed, difficulties,
    themes, keywords, target_groups, partner_members, funding, budget_eur, is_success_story,
    contact_role, indicators, competence_level, budget_range, staff_time, scale_reached,
    prerequisites, what_did_not_work, evaluation_type, validated_by, last_reviewed_at, lead_member

List columns (themes, keywords, target_groups, partner_members, funding) separate values with `;`.
`indicators` is `slug=value; slug=value`. Dates are YYYY-MM-DD; `priority` is its number or slug;
`funding` takes labels or slugs; booleans accept yes/no, true/false, 1/0.
"""

from .files import PracticeFileError, read_practice_file
from .validation import PracticeRecordForm, PracticeRow, RowError, Vocabulary, validate_records
from .writing import ImportResult, import_practice_rows

__all__ = [
    "ImportResult",
    "PracticeFileError",
    "PracticeRecordForm",
    "PracticeRow",
    "RowError",
    "Vocabulary",
    "import_practice_rows",
    "read_practice_file",
    "validate_records",
]

"""An earlier wave given as a response file (step 11 against a file): a group of people like a workshop's, so its
figures go through the privacy rule like any group figure before anything of it is shown or kept.

The file's rows are the responses of a workshop that asks no profile question, all submitted at once, published in
one round: the same `plan_publication` (admission by a batch of ``min_group_size`` at least, the audit) and the same
`shown_report` as a workshop's screens. Fewer people than ``min_group_size``: nothing is shown (``counted`` is 0),
so nothing can be compared. No breakdown: a before/after compares everyone's figures only. What the app keeps of a
file is this report (its figures), never a row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.model import Questionnaire
from scoring.privacy.plan import plan_publication
from scoring.privacy.records import PublicationRecord, StoredResponse, WorkshopSpec
from scoring.privacy.report import SharedReport
from scoring.privacy.view import shown_report


def file_report(questionnaire: Questionnaire, rows: Sequence[Mapping[str, int | None]]) -> SharedReport:
    """The shared report of a response file's answers (item id -> raw value, None unanswered), one row a person."""
    spec = WorkshopSpec(questionnaire)
    responses = [StoredResponse(n, dict(answers)) for n, answers in enumerate(rows, start=1)]
    record = PublicationRecord()
    record = record.after(plan_publication(spec, responses, record))
    return shown_report(spec, responses, record)

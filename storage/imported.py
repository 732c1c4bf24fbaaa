"""Imported questionnaires (issue 17): the text of a questionnaire a facilitator uploaded, kept with its workshops.

Stored in the database, never in the server's files; kept as text only (storage neither parses nor runs it: the
app validated it before, and validates it again each time it reads it). A row belongs to the workshops whose
``questionnaire_id`` is its reference: it is written in the transaction that creates the first of them, and deleted
in the one that deletes the last.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, exists, select
from sqlalchemy.dialects import postgresql, sqlite

from .errors import InvalidInput
from .schema import IMPORTED_SOURCE_MAX, QUESTIONNAIRE_ID_MAX, VERSION_MAX, imported_questionnaires, workshops
from .views import ImportedQuestionnaire, is_imported_reference


def check(imported: ImportedQuestionnaire, questionnaire_id: str) -> ImportedQuestionnaire:
    """Refuse what is not plain text within the limits, or a workshop that would not name it."""
    if not isinstance(imported, ImportedQuestionnaire):
        raise InvalidInput("imported must be an ImportedQuestionnaire")
    for name, value, limit in (
        ("imported.questionnaire_id", imported.questionnaire_id, QUESTIONNAIRE_ID_MAX),
        ("imported.version", imported.version, VERSION_MAX),
        ("imported.source", imported.source, IMPORTED_SOURCE_MAX),
    ):
        if type(value) is not str or not 0 < len(value) <= limit:
            raise InvalidInput(f"{name} must be a text of 1 to {limit} characters")
        if "\x00" in value:
            raise InvalidInput(f"{name} must not hold a NUL character")
    if questionnaire_id != imported.reference:
        raise InvalidInput("a workshop of an imported questionnaire names it by its reference")
    return imported


def keep(conn: Connection, imported: ImportedQuestionnaire, *, now: datetime) -> None:
    """Write the questionnaire unless the same text is already kept (another workshop of it)."""
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[conn.dialect.name]
    conn.execute(
        insert(imported_questionnaires)
        .values(
            reference=imported.reference,
            questionnaire_id=imported.questionnaire_id,
            version=imported.version,
            source=imported.source,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=[imported_questionnaires.c.reference])
    )


def load(conn: Connection, *, reference: str) -> ImportedQuestionnaire | None:
    row = conn.execute(
        select(
            imported_questionnaires.c.questionnaire_id,
            imported_questionnaires.c.version,
            imported_questionnaires.c.source,
        ).where(imported_questionnaires.c.reference == reference)
    ).one_or_none()
    if row is None:
        return None
    return ImportedQuestionnaire(questionnaire_id=row.questionnaire_id, version=row.version, source=row.source)


def delete_if_unused(conn: Connection, *, reference: str) -> None:
    """After a workshop was deleted: its imported questionnaire goes too when no other workshop uses it."""
    if not is_imported_reference(reference):
        return
    used = exists().where(workshops.c.questionnaire_id == imported_questionnaires.c.reference)
    conn.execute(delete(imported_questionnaires).where(imported_questionnaires.c.reference == reference, ~used))

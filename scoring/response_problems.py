"""What can be wrong with a response file, said with its row and column as a spreadsheet shows them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scoring.problems import joined, localise

# {placeholders} come from ``params``.
MESSAGES: dict[str, dict[str, str]] = {
    "file_unreadable": {"fr": "fichier illisible : {detail}", "en": "cannot read the file: {detail}"},
    "file_too_large": {
        "fr": "fichier trop volumineux ({size} octets) : la limite est de {limit} octets",
        "en": "file too large ({size} bytes): the limit is {limit} bytes",
    },
    "file_empty": {"fr": "le fichier est vide", "en": "the file is empty"},
    "file_type": {
        "fr": "format non reconnu : un fichier de réponses est un CSV (.csv) ou un classeur Excel (.xlsx)",
        "en": "unknown format: a response file is a CSV (.csv) or an Excel workbook (.xlsx)",
    },
    "file_xls": {
        "fr": "ancien format Excel (.xls) : enregistrez le classeur au format .xlsx ou CSV",
        "en": "old Excel format (.xls): save the workbook as .xlsx or CSV",
    },
    "file_binary": {
        "fr": "ce fichier n’est pas un CSV lisible (encodage UTF-16 ?) : enregistrez-le en « CSV UTF-8 » ou .xlsx",
        "en": "this file is not a readable CSV (UTF-16 encoding?): save it as 'CSV UTF-8' or .xlsx",
    },
    "xlsx_unreadable": {
        "fr": "classeur Excel illisible ({detail}) : ouvrez-le et enregistrez-le à nouveau au format .xlsx",
        "en": "unreadable Excel workbook ({detail}): open it and save it again as .xlsx",
    },
    "csv_malformed": {"fr": "CSV mal formé : {detail}", "en": "malformed CSV: {detail}"},
    "csv_quote": {
        "fr": "guillemet ouvert jamais refermé (à partir de la ligne {start})",
        "en": "a quote is opened and never closed (from row {start})",
    },
    "csv_row_too_long": {
        "fr": "{cells} cellules sur cette ligne, mais l’en-tête ne nomme que {expected} colonnes",
        "en": "{cells} cells on this row, but the header names only {expected} columns",
    },
    "no_header": {
        "fr": "la première ligne doit donner les noms des colonnes (respondent, champs de profil comme « {profile} », "
        "questions comme « {item} ») ; aucun nom reconnu ici : {found}",
        "en": "the first row must give the column names (respondent, profile fields such as '{profile}', "
        "questions such as '{item}'); no known name here: {found}",
    },
    "header_blank": {
        "fr": "la première ligne est vide : elle doit donner les noms des colonnes",
        "en": "the first row is blank: it must give the column names",
    },
    "unknown_column": {
        "fr": "colonne inconnue : ni respondent, ni un champ de profil, ni une question du questionnaire",
        "en": "unknown column: neither respondent, nor a profile field, nor a question of the questionnaire",
    },
    "unknown_column_hint": {
        "fr": "colonne inconnue (vouliez-vous dire « {suggestion} » ?)",
        "en": "unknown column (did you mean '{suggestion}'?)",
    },
    "duplicate_column": {
        "fr": "colonne en double (déjà en colonne {first})",
        "en": "duplicate column (already column {first})",
    },
    "unnamed_column": {
        "fr": "une valeur dans une colonne sans nom : donnez un nom à la colonne en ligne 1, ou videz-la",
        "en": "a value in a column without a name: name the column on row 1, or empty it",
    },
    "not_a_number": {
        "fr": "« {value} » n’est pas un nombre (une réponse de {min} à {max}, ou vide, NA, NSP si pas de réponse)",
        "en": "'{value}' is not a number (an answer from {min} to {max}, or empty, NA, NSP when unanswered)",
    },
    "not_integer": {
        "fr": "« {value} » n’est pas un nombre entier (une réponse de {min} à {max})",
        "en": "'{value}' is not a whole number (an answer from {min} to {max})",
    },
    "out_of_range": {
        "fr": "{value} est hors de l’échelle (de {min} à {max})",
        "en": "{value} is outside the scale ({min} to {max})",
    },
    "more_problems": {
        "fr": "… et {count} autre(s) problème(s) dans les cellules",
        "en": "… and {count} more problem(s) in the cells",
    },
    # Warnings: the file is scored anyway.
    "missing_item_columns": {
        "fr": "colonne(s) absente(s), comptée(s) comme sans réponse : {columns}",
        "en": "missing column(s), counted as unanswered: {columns}",
    },
    "unknown_option": {
        "fr": "« {value} » ({count} ligne(s)) ne fait pas partie des choix prévus ({options}) ; gardé tel quel",
        "en": "'{value}' ({count} row(s)) is not one of the planned options ({options}); kept as is",
    },
    "duplicate_respondents": {
        "fr": "{count} identifiant(s) de répondant en double ({examples}) ; chaque ligne est comptée",
        "en": "{count} respondent identifier(s) appear more than once ({examples}); every row is counted",
    },
    "no_rows": {"fr": "aucune réponse dans le fichier", "en": "no response in the file"},
}


@dataclass(frozen=True)
class ResponseProblem:
    """One thing wrong in a response file. ``row`` follows a spreadsheet (header = row 1); 0 = the whole file."""

    code: str
    row: int = 0
    column: str | None = None  # the header's name of the column
    letter: str | None = None  # the spreadsheet's column letter (A, B, ..., AA)
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "fr") -> str:
        return localise(MESSAGES[self.code], lang, self.params)

    def where(self, lang: str = "fr") -> str:
        parts = []
        if self.row:
            parts.append(f"ligne {self.row}" if lang == "fr" else f"row {self.row}")
        if self.column:
            letter = f" ({self.letter})" if self.letter else ""
            parts.append(f"colonne « {self.column} »{letter}" if lang == "fr" else f"column '{self.column}'{letter}")
        elif self.letter:  # a column without a name: its letter is all there is
            parts.append(f"colonne {self.letter}" if lang == "fr" else f"column {self.letter}")
        return ", ".join(parts)

    def describe(self, lang: str = "fr", file: str | None = None) -> str:
        return joined(lang, *(part for part in (file, self.where(lang)) if part), self.message(lang))


class ResponseWarning(ResponseProblem):
    """Something worth knowing about a response file that is scored anyway."""


class ResponsesError(Exception):
    """A response file that cannot be scored, with its problems (at most a screenful, then a count)."""

    def __init__(self, problems: list[ResponseProblem], file: str | None = None) -> None:
        self.problems = problems
        self.file = file  # may be set later by the reader, which knows the file's name
        super().__init__(problems)

    def __str__(self) -> str:
        return self.describe("en")

    def describe(self, lang: str = "fr") -> str:
        return "\n".join(problem.describe(lang, self.file) for problem in self.problems)


def column_letter(position: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how a spreadsheet names a column."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters

"""Validation problems, collected for a whole file and worded in plain French or English."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# {placeholders} come from ``params``. French first: most authors are federation staff writing in French.
MESSAGES: dict[str, dict[str, str]] = {
    "file_too_large": {
        "fr": "fichier trop volumineux ({size} octets) : la limite est de {limit} octets (1 Mio)",
        "en": "file too large ({size} bytes): the limit is {limit} bytes (1 MiB)",
    },
    "file_unreadable": {"fr": "fichier illisible : {detail}", "en": "cannot read the file: {detail}"},
    "file_empty": {"fr": "le fichier est vide", "en": "the file is empty"},
    "not_utf8": {
        "fr": "le fichier n’est pas en UTF-8 (octet invalide ligne {line}) : enregistrez-le en UTF-8",
        "en": "the file is not UTF-8 (invalid byte on line {line}): save it as UTF-8",
    },
    "yaml_syntax": {
        "fr": "erreur de syntaxe YAML ligne {line}, colonne {column} : {detail}",
        "en": "YAML syntax error on line {line}, column {column}: {detail}",
    },
    "yaml_anchor": {
        "fr": "ancre YAML « &{name} » ligne {line} : les ancres et alias sont refusés, écrivez le texte en entier",
        "en": "YAML anchor '&{name}' on line {line}: anchors and aliases are refused, write the text out in full",
    },
    "yaml_alias": {
        "fr": "alias YAML « *{name} » ligne {line} : les ancres et alias sont refusés, écrivez le texte en entier",
        "en": "YAML alias '*{name}' on line {line}: anchors and aliases are refused, write the text out in full",
    },
    "yaml_tag": {
        "fr": "balise YAML « {tag} » ligne {line} refusée : un questionnaire ne contient que des données",
        "en": "YAML tag '{tag}' on line {line} refused: a questionnaire holds data only",
    },
    "yaml_duplicate_key": {
        "fr": "la clé « {key} » apparaît deux fois (lignes {first} et {line}) : seule la dernière compterait",
        "en": "the key '{key}' appears twice (lines {first} and {line}): only the last one would count",
    },
    "yaml_complex_key": {
        "fr": "clé composée (liste ou ensemble de clés) ligne {line} : une clé est un simple mot, comme id ou text",
        "en": "a compound key (a list or a mapping) on line {line}: a key is a plain word, such as id or text",
    },
    "yaml_value": {
        "fr": "« {value} » ligne {line} : YAML lit cette valeur comme {kind[fr]}, mais elle n’est pas "
        "valide ; si c’est un texte, mettez-la entre guillemets",
        "en": "'{value}' on line {line}: YAML reads this value as {kind[en]}, but it is not a valid one; if it "
        "is a text, put it in quotes",
    },
    "yaml_number_too_long": {
        "fr": "« {value} » ligne {line} : nombre trop long ({length} caractères, {limit} caractères au "
        "plus) ; si c’est un texte, mettez-le entre guillemets",
        "en": "'{value}' on line {line}: number too long ({length} characters, {limit} characters at most); if it "
        "is a text, put it in quotes",
    },
    "yaml_character": {
        "fr": "caractère non imprimable {character} ligne {line}, colonne {column} : un fichier YAML n’en "
        "contient pas, supprimez-le",
        "en": "non-printable character {character} on line {line}, column {column}: a YAML file holds none, remove it",
    },
    "yaml_too_deep": {
        "fr": "listes et blocs imbriqués sur plus de {limit} niveaux (ligne {line}) : un questionnaire n’en a "
        "pas besoin, vérifiez les crochets et l’indentation",
        "en": "lists and mappings nested more than {limit} levels deep (line {line}): a questionnaire needs far "
        "fewer, check the brackets and the indentation",
    },
    "yaml_documents": {
        "fr": "un second document YAML commence ligne {line} (après « --- ») : un fichier ne contient "
        "qu’un questionnaire",
        "en": "a second YAML document starts on line {line} (after '---'): a file holds a single questionnaire",
    },
    "not_a_mapping": {
        "fr": "le fichier doit décrire un questionnaire, avec des clés comme id, title et dimensions",
        "en": "the file must describe a questionnaire, with keys such as id, title and dimensions",
    },
    "invalid_key": {
        "fr": "clé invalide « {key} » : une clé est un mot, comme id ou text",
        "en": "invalid key '{key}': a key is a word, such as id or text",
    },
    "extra_forbidden": {"fr": "clé inconnue « {key} »", "en": "unknown key '{key}'"},
    "extra_forbidden_hint": {
        "fr": "clé inconnue « {key} » (vouliez-vous dire « {suggestion} » ?)",
        "en": "unknown key '{key}' (did you mean '{suggestion}'?)",
    },
    "missing": {"fr": "champ obligatoire manquant", "en": "required field missing"},
    "string_pattern_mismatch": {
        "fr": "identifiant invalide « {value} » : seulement des minuscules sans accent, des chiffres et des "
        "tirets (exemple : ethique-1)",
        "en": "invalid identifier '{value}': only lowercase letters without accents, digits and hyphens "
        "(example: ethics-1)",
    },
    "string_too_long": {
        "fr": "trop long (au plus {max_length} caractères)",
        "en": "too long (at most {max_length} characters)",
    },
    "language_code": {
        "fr": "code de langue invalide « {value} » : deux lettres minuscules, comme fr ou en",
        "en": "invalid language code '{value}': two lowercase letters, such as fr or en",
    },
    "string_type": {
        "fr": "un texte est attendu (mettez la valeur entre guillemets), pas « {value} »",
        "en": "a text is expected (put the value in quotes), not '{value}'",
    },
    "int_type": {
        "fr": "un nombre entier est attendu, pas « {value} »",
        "en": "a whole number is expected, not '{value}'",
    },
    "float_type": {"fr": "un nombre est attendu, pas « {value} »", "en": "a number is expected, not '{value}'"},
    "bool_type": {
        "fr": "true ou false est attendu, pas « {value} »",
        "en": "true or false is expected, not '{value}'",
    },
    "list_type": {
        "fr": "une liste est attendue (lignes commençant par « - »)",
        "en": "a list is expected (lines starting with '- ')",
    },
    "dict_type": {"fr": "un ensemble de clés est attendu", "en": "a mapping of keys is expected"},
    "too_short": {"fr": "ne doit pas être vide", "en": "must not be empty"},
    "greater_than": {"fr": "doit être strictement supérieur à {gt}", "en": "must be greater than {gt}"},
    "greater_than_equal": {"fr": "doit être supérieur ou égal à {ge}", "en": "must be at least {ge}"},
    "less_than_equal": {"fr": "doit être inférieur ou égal à {le}", "en": "must be at most {le}"},
    "text_type": {
        "fr": "un texte est attendu : une chaîne, ou une traduction par langue (« fr: ..., en: ... »)",
        "en": "a text is expected: a string, or one translation per language (fr: ..., en: ...)",
    },
    "text_language_key": {
        "fr": "code de langue invalide « {key} » : deux lettres minuscules, comme fr ou en",
        "en": "invalid language code '{key}': two lowercase letters, such as fr or en",
    },
    "text_empty": {"fr": "texte vide pour la langue « {key} »", "en": "empty text for language '{key}'"},
    "text_missing_default": {
        "fr": "texte absent dans la langue par défaut du questionnaire (« {language} »)",
        "en": "no text in the questionnaire's default language ('{language}')",
    },
    "scale_order": {
        "fr": "le minimum de l’échelle ({min}) doit être inférieur au maximum ({max})",
        "en": "the scale's min ({min}) must be lower than its max ({max})",
    },
    "scale_too_long": {
        "fr": "échelle de {points} points : {limit} au plus (par exemple de 1 à 5, ou de 0 à 10)",
        "en": "a scale of {points} points: {limit} at most (for instance 1 to 5, or 0 to 10)",
    },
    "finite_number": {
        "fr": "un nombre fini est attendu (pas .inf ni .nan)",
        "en": "a finite number is expected (not .inf or .nan)",
    },
    "scale_label_outside": {
        "fr": "libellé pour une valeur hors de l’échelle {min} à {max} : {value}",
        "en": "label for a value outside the scale {min} to {max}: {value}",
    },
    "bands_order": {
        "fr": "les seuils doivent respecter 0 ≤ watch < strength ≤ 100 (ici watch = {watch}, strength = {strength})",
        "en": "thresholds must satisfy 0 ≤ watch < strength ≤ 100 (here watch = {watch}, strength = {strength})",
    },
    "duplicate_id": {
        "fr": "identifiant en double « {value} » (déjà utilisé à {first})",
        "en": "duplicate identifier '{value}' (already used at {first})",
    },
    "reserved_id": {
        "fr": "l’identifiant « {value} » est réservé à la colonne des répondants d’un fichier de réponses",
        "en": "the identifier '{value}' is reserved for the respondents' column of a response file",
    },
    "invalid": {"fr": "valeur invalide : {detail}", "en": "invalid value: {detail}"},
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a questionnaire file: where, and what, in words an author understands."""

    file: str
    path: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "fr") -> str:
        params = {key: _plain_number(value) for key, value in self.params.items()}
        return localise(MESSAGES.get(self.code, MESSAGES["invalid"]), lang, params)

    def describe(self, lang: str = "fr") -> str:
        where = self.path or ("(fichier)" if lang == "fr" else "(file)")
        return joined(lang, self.file, where, self.message(lang))


def joined(lang: str, *parts: str) -> str:
    """``file: place: message``, with French typography's narrow no-break space before each colon in French."""
    return ("\u202f: " if lang == "fr" else ": ").join(parts)


def localise(templates: dict[str, str], lang: str, params: dict[str, Any]) -> str:
    """One message of a catalogue in ``lang`` (French when missing), its placeholders filled in."""
    template = templates.get(lang) or templates["fr"]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # ValueError: an integer too long to print
        return template


def _plain_number(value: Any) -> Any:
    """Show 0.0 as 0 and 75.0 as 75: authors wrote whole numbers."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class QuestionnaireError(Exception):
    """A questionnaire file that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.describe("en"))

    def describe(self, lang: str = "fr") -> str:
        return "\n".join(problem.describe(lang) for problem in self.problems)

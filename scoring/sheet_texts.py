"""The words a questionnaire's workbook carries for its author: the guide sheet and a note on each column's header.

Both languages at once: the workbook goes from a French federation to a trainer abroad and back, and the person
who opens it has not chosen a language anywhere.
"""

from __future__ import annotations

from scoring.model import is_language_code

_ASKED_OF = (
    "Identifiants des réponses de la question de profil role à qui on la pose, séparés par des virgules "
    "(vide : à tous).",
    "Ids of the options of the profile question role it is asked of, separated by commas (empty: everyone).",
)
_ACTOR = (
    "Qui agit d’habitude : conseil, direction, pilotage, equipes ou partenaires, séparés par des virgules.",
    "Who usually acts: conseil, direction, pilotage, equipes or partenaires, separated by commas.",
)
_SOURCE = {
    "source.key": (
        "Clé de la bibliographie (content/sources.yaml).",
        "Key of the bibliography (content/sources.yaml).",
    ),
    "source.text": ("Ou bien une source en texte libre.", "Or a source as free text."),
    "source.locator": ("Passage des textes sources (004:175-177).", "Passage of the source texts (004:175-177)."),
    "source.note": ("Remarque montrée avec la référence.", "Note shown with the reference."),
}

_NOTES: dict[str, dict[str, tuple[str, str]]] = {
    "settings": {
        "id": (
            "Identifiant du questionnaire : minuscules sans accent, chiffres et tirets (cooperation-locale).",
            "Questionnaire identifier: lowercase letters, digits and hyphens (local-cooperation).",
        ),
        "version": ("Version, un texte libre (1.0).", "Version, free text (1.0)."),
        "language": (
            "Langue par défaut (fr) : chaque texte doit exister dans cette langue.",
            "Default language (fr): every text must exist in it.",
        ),
        "title": ("Titre du questionnaire.", "Title of the questionnaire."),
        "description": ("Présentation montrée aux participants (facultatif).", "Introduction shown to participants."),
        "scale.min": ("Plus petite valeur de l’échelle (nombre entier, 1).", "Lowest value of the scale (whole, 1)."),
        "scale.max": ("Plus grande valeur de l’échelle (nombre entier, 5).", "Highest value of the scale (whole, 5)."),
        "scale.allow_na": (
            "VRAI pour proposer « Je ne sais pas / sans objet » (par défaut VRAI).",
            "TRUE to offer « Don’t know / not applicable » (TRUE by default).",
        ),
        "bands.watch": ("Seuil de la zone « à surveiller » (50).", "Threshold of the « watch » band (50)."),
        "bands.strength": ("Seuil de la zone « point fort » (75).", "Threshold of the « strength » band (75)."),
        "min_coverage": (
            "Part des questions d’une dimension à répondre pour la noter (0,5).",
            "Share of a dimension’s statements to answer for it to be scored (0.5).",
        ),
        "consensus_threshold": (
            "En dessous, une question est « divisée » (0,6).",
            "Below this, a statement is « disputed » (0.6).",
        ),
        "min_group_size": ("Taille minimale d’un groupe affiché (3).", "Smallest group whose results are shown (3)."),
    },
    "scale": {
        "value": ("Une valeur de l’échelle (nombre entier).", "A value of the scale (whole number)."),
        "label": ("Son libellé (« Plutôt d’accord »).", "Its label (« Somewhat agree »)."),
    },
    "profile": {
        "field": (
            "Identifiant de la question de profil (role, organisation).",
            "Identifier of the profile question (role, organisation).",
        ),
        "option": (
            "Vide : la ligne donne le libellé de la question. Rempli : identifiant d’une réponse possible. Une "
            "question sans réponse possible (organisation) reçoit sa liste à la création de l’atelier.",
            "Empty: the row gives the question’s label. Filled: identifier of one possible answer. A question "
            "without answers (organisation) gets its list when the workshop is created.",
        ),
        "label": ("Libellé de la question ou de la réponse.", "Label of the question or of the answer."),
    },
    "dimensions": {
        "id": ("Identifiant de la dimension (ethique).", "Identifier of the dimension (ethics)."),
        "label": ("Nom de la dimension.", "Name of the dimension."),
        "description": ("Une ou deux phrases : de quoi parle la dimension.", "One or two sentences: what it is about."),
        "weight": ("Poids dans le score global (1 par défaut).", "Weight in the overall score (1 by default)."),
        "asked_of": _ASKED_OF,
    },
    "statements": {
        "dimension": ("Identifiant de la dimension de l’affirmation.", "Identifier of the statement’s dimension."),
        "id": (
            "Identifiant de l’affirmation, unique dans tout le questionnaire (eth-1).",
            "Identifier of the statement, unique in the whole questionnaire (eth-1).",
        ),
        "text": ("L’affirmation, avec laquelle on est plus ou moins d’accord.", "The statement to agree with or not."),
        "reverse": (
            "VRAI quand être d’accord est mauvais signe (la note est retournée).",
            "TRUE when agreeing is a bad sign (the score is flipped).",
        ),
        "weight": ("Poids dans le score de la dimension (1 par défaut).", "Weight in the dimension’s score (1)."),
        "help": ("Courte aide affichée sous l’affirmation (facultatif).", "Short help shown under the statement."),
        "recommendation": (
            "Recommandation proposée quand la moyenne du groupe est sous le seuil « à surveiller ».",
            "Recommendation shown when the group’s mean is below the « watch » threshold.",
        ),
        "actor": _ACTOR,
        "first": (
            "VRAI : sa recommandation passe avant les autres de sa zone.",
            "TRUE: its recommendation comes before the others of its band.",
        ),
        "asked_of": _ASKED_OF,
        **_SOURCE,
    },
    "recommendations": {
        "dimension": ("Identifiant de la dimension.", "Identifier of the dimension."),
        "band": (
            "Zone du score de la dimension : priority, watch ou strength.",
            "Band of the dimension’s score: priority, watch or strength.",
        ),
        "text": ("Une action concrète, qu’un conseil peut décider.", "A concrete action a board can decide."),
        "actor": _ACTOR,
        **_SOURCE,
    },
    "positions": {
        "id": ("Identifiant de la question de position (continuum).", "Identifier of the position question."),
        "label": ("Intitulé de la question.", "Label of the question."),
        "help": ("Courte aide (facultatif).", "Short help (optional)."),
        "today": ("Question sur la situation d’aujourd’hui.", "Question about where things stand today."),
        "wished": ("Question sur la situation souhaitée (facultatif).", "Question about the wished situation."),
        "steps": (
            "continuum : les étapes du continuum livré. Vide : les étapes de la feuille steps.",
            "continuum: the steps of the shipped continuum. Empty: the steps of the steps sheet.",
        ),
    },
    "steps": {
        "position": ("Identifiant de la question de position.", "Identifier of the position question."),
        "id": ("Identifiant de l’étape.", "Identifier of the step."),
        "label": ("Nom de l’étape.", "Name of the step."),
        "definition": ("Ce que l’étape veut dire.", "What the step means."),
        "source": ("D’où vient la définition.", "Where the definition comes from."),
    },
}

_GUIDE = (
    "Radar du partenariat : un questionnaire dans un tableur",
    "Chaque feuille décrit une partie du questionnaire ; la ligne 1 nomme les colonnes (le commentaire de chaque "
    "nom dit ce qu’elle contient), chaque ligne suivante est un élément. Une colonne par langue, côte à côte : "
    "title.fr, title.en. Une cellule vide veut dire « rien » (la valeur par défaut).",
    "settings : une seule ligne, les réglages (identifiant, version, titre, échelle, seuils).",
    "scale : une ligne par valeur de l’échelle et son libellé.",
    "profile : les questions sur la personne (rôle, organisation) et leurs réponses possibles.",
    "dimensions : les thèmes, dans l’ordre où on les pose.",
    "statements : les affirmations, chacune avec l’identifiant de sa dimension.",
    "recommendations : les recommandations de chaque dimension, par zone (priority, watch, strength).",
    "positions et steps : les questions de position (où en est la relation sur le continuum) et leurs étapes.",
    "Sources : source.1.key (clé de la bibliographie) ou source.1.text (texte libre), source.1.locator, puis "
    "source.2.… pour une deuxième source. actor et asked_of : des identifiants séparés par des virgules.",
    "Écrivez les valeurs elles-mêmes : pas de formule, pas de cellules fusionnées, pas de feuille masquée. Vérifiez "
    "le fichier avec « python -m scoring validate » : "
    "chaque problème est signalé avec sa feuille, sa ligne et sa colonne. Cette feuille guide n’est pas lue.",
    "",
    "Radar du partenariat: a questionnaire in a spreadsheet",
    "Each sheet describes a part of the questionnaire; row 1 names the columns (each name’s comment says what the "
    "column holds), each further row is one element. One column per language, side by side: title.fr, title.en. "
    "An empty cell means « nothing » (the default value).",
    "settings: a single row of settings (identifier, version, title, scale, thresholds).",
    "scale: one row per value of the scale, with its label.",
    "profile: the questions about the respondent (role, organisation) and their possible answers.",
    "dimensions: the themes, in the order they are asked.",
    "statements: the statements, each with the identifier of its dimension.",
    "recommendations: each dimension’s recommendations, by band (priority, watch, strength).",
    "positions and steps: the position questions (where the relationship stands on the continuum) and their steps.",
    "Sources: source.1.key (a key of the bibliography) or source.1.text (free text), source.1.locator, then "
    "source.2.… for a second source. actor and asked_of: ids separated by commas.",
    "Write the values themselves: no formula, no merged cells, no hidden sheet. Check the file with « python -m "
    "scoring validate »: every problem comes with its sheet, row and "
    "column. This guide sheet is not read.",
)


def column_note(sheet: str, header: str) -> str | None:
    """The note on a column's header, French then English; a text's language columns share their stem's."""
    notes = _NOTES.get(sheet, {})
    parts = header.split(".")
    if len(parts) > 2 and parts[0] == "source" and parts[1].isdigit():
        parts = [parts[0], *parts[2:]]
    language = parts[-1] if len(parts) > 1 and is_language_code(parts[-1]) else None
    stem = ".".join(parts[:-1] if language else parts)
    note = notes.get(stem)
    if note is None:
        return None
    suffix = f" ({language})" if language else ""
    return f"{note[0]}{suffix}\n\n{note[1]}{suffix}"


def guide_lines() -> tuple[str, ...]:
    return _GUIDE

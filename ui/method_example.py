"""The worked example of the method page: a tiny questionnaire and four respondents, scored for real."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.model import Questionnaire
from scoring.results import ScoreReport

EXAMPLE = {
    "id": "exemple",
    "version": "1.0",
    "language": "fr",
    "title": {"fr": "Exemple", "en": "Example"},
    "scale": {"min": 1, "max": 5},
    "dimensions": [
        {
            "id": "communication",
            "label": {"fr": "Communication", "en": "Communication"},
            "items": [
                {
                    "id": "c1",
                    "text": {"fr": "Nous nous rencontrons hors des crises.", "en": "We meet outside times of crisis."},
                },
                {
                    "id": "c2",
                    "reverse": True,
                    "text": {
                        "fr": "Les salariés apprennent les décisions par la rumeur.",
                        "en": "Employees hear of decisions through rumour.",
                    },
                },
                {
                    "id": "c3",
                    "weight": 2,
                    "text": {
                        "fr": "Nous savons ce que chaque partenaire attend de nous.",
                        "en": "We know what each partner expects of us.",
                    },
                },
            ],
        }
    ],
}
# Four respondents; None = « Je ne sais pas ». The fourth rated one item of three, under min_coverage: the group's
# dimension score counts three people, and every figure the page shows counts three answers or more, as the
# privacy rules ask of a group (min_group_size 3): a trainer can project it as it is.
ANSWERS: list[dict[str, int | None]] = [
    {"c1": 4, "c2": 2, "c3": 5},
    {"c1": 2, "c2": 4, "c3": 3},
    {"c1": 3, "c2": 3, "c3": 4},
    {"c1": 5, "c2": None},
]


@dataclass(frozen=True)
class WorkedExample:
    questionnaire: Questionnaire
    answers: list[dict[str, int | None]]
    report: ScoreReport


def worked_example() -> WorkedExample:
    questionnaire = Questionnaire.model_validate(EXAMPLE, context={"language": "fr"})
    report = score_responses(questionnaire, responses_frame(questionnaire, ANSWERS))
    return WorkedExample(questionnaire, ANSWERS, report)

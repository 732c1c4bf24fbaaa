"""Quality of the questionnaires shipped in questionnaires/: valid, sourced, bilingual, within their bounds, each
recommendation with who acts and none saying what another says, every statement asked of roles that can answer it.

Each rule is a function returning the list of what is wrong (empty = fine). The shipped files must give empty
lists; deliberately broken copies of a shipped file must not, so that a rule cannot pass by accident.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from scoring.bibliography import default_bibliography
from scoring.loader import load_questionnaire
from scoring.model import Questionnaire
from scoring.problems import QuestionnaireError
from scripts.french_typography import problems as typography_problems
from tests.content_checks import generic_masculine, similar_recommendations

QUESTIONNAIRES_DIR = Path(__file__).resolve().parents[1] / "questionnaires"
FILES = sorted(QUESTIONNAIRES_DIR.glob("*.yaml"))
EXPECTED = {"sante-partenariat", "rapprochement", "express"}
LANGUAGES = ("fr", "en")
BANDS = ("priority", "watch", "strength")
CORE_DIMENSIONS = ("ethique", "communication", "objectifs", "gouvernance")
# Recommendations per band of a dimension (issue 12: a struggling group had 37 « prioritaire » ones).
RECOMMENDATIONS_PER_BAND = (1, 2)


@dataclass(frozen=True)
class ItemBounds:
    per_dimension: tuple[int, int]  # items in each dimension, both ends included
    total: tuple[int, int]  # items in the whole questionnaire, both ends included
    reverse_in_every_dimension: bool
    dimensions: tuple[str, ...] | None = None  # the dimension ids, in order, when they are fixed
    min_dimensions: int = 1


# Issue 3: the full questionnaires have 6 to 9 items per dimension and 36 at most, with a reverse item in each
# dimension; express has 8 to 12 items on the four dimensions of sante-partenariat (2 or 3 each).
ITEM_BOUNDS: dict[str, ItemBounds] = {
    "sante-partenariat": ItemBounds(
        per_dimension=(6, 9), total=(0, 36), reverse_in_every_dimension=True, dimensions=CORE_DIMENSIONS
    ),
    "rapprochement": ItemBounds(per_dimension=(6, 9), total=(0, 36), reverse_in_every_dimension=True, min_dimensions=6),
    "express": ItemBounds(
        per_dimension=(2, 3), total=(8, 12), reverse_in_every_dimension=False, dimensions=CORE_DIMENSIONS
    ),
}


def load(path: Path) -> Questionnaire:
    """A shipped questionnaire, its cited keys checked against the bibliography."""
    try:
        return load_questionnaire(path, bibliography=default_bibliography())
    except QuestionnaireError as error:  # show every problem, not just "raised"
        pytest.fail(error.describe("en"))


# ---------------------------------------------------------------------------------------------------------
# Rules: each returns a list of problems.


def texts(q: Questionnaire) -> Iterator[tuple[str, dict[str, str] | None]]:
    """Every text of the questionnaire with its path; None where a text the product shows is missing."""
    yield "title", q.title
    yield "description", q.description
    for value in q.scale.values:
        yield f"scale.labels[{value}]", q.scale.labels.get(value)
    for field in q.profile:
        yield f"profile.{field.id}.label", field.label
        for option in field.options:
            yield f"profile.{field.id}.options.{option.id}.label", option.label
    for dimension in q.dimensions:
        yield f"{dimension.id}.label", dimension.label
        yield f"{dimension.id}.description", dimension.description
        for item in dimension.items:
            yield f"{item.id}.text", item.text
            if item.help is not None:
                yield f"{item.id}.help", item.help
            if item.recommendation is not None:
                yield f"{item.id}.recommendation", item.recommendation
        for band in BANDS:
            for index, recommendation in enumerate(dimension.recommendations.for_band(band)):
                yield f"{dimension.id}.recommendations.{band}[{index}].text", recommendation.text


def missing_translations(q: Questionnaire) -> list[str]:
    problems = []
    for path, text in texts(q):
        if text is None:
            problems.append(f"{path}: missing")
            continue
        problems += [f"{path}: no {lang}" for lang in LANGUAGES if not (text.get(lang) or "").strip()]
    return problems


def _sources(q: Questionnaire) -> Iterator[tuple[str, list | None]]:
    """Every statement's and every dimension recommendation's source, with where it is."""
    for item in q.items:
        yield item.id, item.source
    for dimension in q.dimensions:
        for band in BANDS:
            for index, recommendation in enumerate(dimension.recommendations.for_band(band)):
                yield f"{dimension.id}.{band}[{index}]", recommendation.source


def unsourced_items(q: Questionnaire) -> list[str]:
    """A statement or a recommendation without a source, or citing free text instead of the bibliography."""
    problems = []
    for where, source in _sources(q):
        if not source:
            problems.append(f"{where}: no source")
        problems += [f"{where}: free text, not a key of content/sources.yaml" for c in source or [] if c.key is None]
    return problems


def recommendation_problems(q: Questionnaire) -> list[str]:
    problems = []
    low, high = RECOMMENDATIONS_PER_BAND
    for dimension in q.dimensions:
        for band in BANDS:
            recommendations = dimension.recommendations.for_band(band)
            if not low <= len(recommendations) <= high:
                problems.append(
                    f"{dimension.id}.{band}: {len(recommendations)} recommendations, expected {low} to {high}"
                )
            for index, recommendation in enumerate(recommendations):
                if not recommendation.source:
                    problems.append(f"{dimension.id}.{band}[{index}]: no source")
                if not recommendation.actor:
                    problems.append(f"{dimension.id}.{band}[{index}]: no actor (who usually acts)")
    problems += [
        f"{item.id}: recommendation without an actor" for item in q.items if item.recommendation and not item.actor
    ]
    return problems


def citations_without_reference(q: Questionnaire) -> list[str]:
    """Citations without the passage of the seed texts (``locator``), so that a reviewer cannot check them."""
    return [
        f"{where}: {citation.key or citation.text} has no locator"
        for where, source in _sources(q)
        for citation in source or []
        if not citation.locator
    ]


def duplicate_recommendations(q: Questionnaire) -> list[str]:
    """Two recommendations a group can receive together that say the same thing (tests/content_checks.py)."""
    texts = [(item.id, item.recommendation["fr"]) for item in q.items if item.recommendation]
    for dimension in q.dimensions:
        for band in BANDS:
            for index, recommendation in enumerate(dimension.recommendations.for_band(band)):
                texts.append((f"{dimension.id}.{band}[{index}]", recommendation.text["fr"]))
    return [f"{a} ~ {b} ({score:.2f})" for a, b, score in similar_recommendations(texts)]


def inclusive_writing(q: Questionnaire) -> list[str]:
    """No generic masculine for people in the French texts (questionnaires/README.md, « Écriture inclusive »)."""
    return [f"{where}: {word}" for where, text in texts(q) if text for word in generic_masculine(text.get("fr", ""))]


def duplicate_ids(q: Questionnaire) -> list[str]:
    counts = Counter(item.id for item in q.items)
    counts.update(f"dimension:{dimension.id}" for dimension in q.dimensions)
    counts.update(f"profile:{field.id}" for field in q.profile)
    for field in q.profile:
        counts.update(f"{field.id}:{option.id}" for option in field.options)
    return sorted(identifier for identifier, count in counts.items() if count > 1)


def count_problems(q: Questionnaire) -> list[str]:
    """The item counts of issue 3, read from ITEM_BOUNDS; each problem names the questionnaire."""
    bounds = ITEM_BOUNDS.get(q.id)
    if bounds is None:
        return [f"{q.id}: no entry in ITEM_BOUNDS (every shipped questionnaire has item bounds)"]
    sizes = {dimension.id: len(dimension.items) for dimension in q.dimensions}
    total = sum(sizes.values())
    problems = []
    if bounds.dimensions is not None and list(sizes) != list(bounds.dimensions):
        problems.append(f"{q.id}: dimensions {list(sizes)}, expected {list(bounds.dimensions)} in that order")
    if len(sizes) < bounds.min_dimensions:
        problems.append(f"{q.id}: {len(sizes)} dimensions, expected at least {bounds.min_dimensions}")
    low, high = bounds.per_dimension
    problems += [
        f"{q.id}: dimension {d} has {n} items, expected {low} to {high}"
        for d, n in sizes.items()
        if not low <= n <= high
    ]
    low, high = bounds.total
    if not low <= total <= high:
        expected = f"{low} to {high}" if low else f"at most {high}"
        problems.append(f"{q.id}: {total} items in all, expected {expected}")
    return problems


def reverse_problems(q: Questionnaire) -> list[str]:
    """A reverse item in every dimension where ITEM_BOUNDS asks for it; any other questionnaire: at least one."""
    bounds = ITEM_BOUNDS.get(q.id)
    if bounds is not None and bounds.reverse_in_every_dimension:
        return [
            f"{q.id}: dimension {d.id} has no reverse item" for d in q.dimensions if not any(i.reverse for i in d.items)
        ]
    return [] if any(item.reverse for item in q.items) else ["no reverse item at all"]


def profile_problems(q: Questionnaire) -> list[str]:
    fields = {field.id: field for field in q.profile}
    problems = []
    roles = fields.get("role")
    expected_roles = ["administrateur", "direction", "salarie", "benevole", "usager", "partenaire"]
    if roles is None or [option.id for option in roles.options] != expected_roles:
        problems.append(f"role options should be {expected_roles}")
    organisation = fields.get("organisation")
    if organisation is None or organisation.options:
        problems.append("organisation should have an empty options list (supplied by the facilitator)")
    return problems


RULES: dict[str, Callable[[Questionnaire], list[str]]] = {
    "missing_translations": missing_translations,
    "unsourced_items": unsourced_items,
    "recommendation_problems": recommendation_problems,
    "citations_without_reference": citations_without_reference,
    "duplicate_ids": duplicate_ids,
    "count_problems": count_problems,
    "reverse_problems": reverse_problems,
    "profile_problems": profile_problems,
    "duplicate_recommendations": duplicate_recommendations,
    "inclusive_writing": inclusive_writing,
}


# ---------------------------------------------------------------------------------------------------------
# The shipped files.


def test_the_three_questionnaires_are_shipped() -> None:
    assert {path.stem for path in FILES} >= EXPECTED


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_validates_with_the_loader(path: Path) -> None:
    q = load(path)
    assert q.id == path.stem, "the file is named after the questionnaire's id"
    assert q.language == "fr"


@pytest.mark.parametrize("rule", RULES, ids=str)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_quality_rule(path: Path, rule: str) -> None:
    assert RULES[rule](load(path)) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_yaml_anchor_or_alias(path: Path) -> None:
    # The loader refuses them too; checked here on the events so that the rule is visible to authors.
    events = list(yaml.parse(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader))
    assert not [e for e in events if isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None)]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_french_typography(path: Path) -> None:
    q = load(path)
    found = {where: typography_problems(text["fr"]) for where, text in texts(q) if text and "fr" in text}
    assert {where: problems for where, problems in found.items() if problems} == {}
    assert [where for where, text in texts(q) if text and "<" in text.get("fr", "")] == [], "no HTML"


# ---------------------------------------------------------------------------------------------------------
# The rules must catch a broken file: each case breaks one thing in a copy of sante-partenariat.


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def _raw(name: str = "sante-partenariat") -> dict:
    return yaml.safe_load((QUESTIONNAIRES_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def _item(raw: dict, dimension: int = 0, item: int = 0) -> dict:
    return raw["dimensions"][dimension]["items"][item]


def _remove_item_source(raw: dict) -> None:
    del _item(raw, 1, 2)["source"]


def _free_text_source(raw: dict) -> None:
    _item(raw, 2, 0)["source"] = "Merini, dans le dossier RNRSMS (004:108-110)"


def _citation_without_locator(raw: dict) -> None:
    del _item(raw, 0, 2)["source"][0]["locator"]


def _recommendation_without_actor(raw: dict) -> None:
    del raw["dimensions"][1]["recommendations"]["watch"][0]["actor"]


def _item_recommendation_without_actor(raw: dict) -> None:
    del _item(raw, 0, 0)["actor"]


def _dimension_repeats_an_item(raw: dict) -> None:
    # Version 1 did this: gouvernance's priority[0] and gouv-1 both asked for the convention.
    dimension = raw["dimensions"][3]
    dimension["recommendations"]["priority"][0]["text"] = copy.deepcopy(dimension["items"][0]["recommendation"])


def _generic_masculine(raw: dict) -> None:
    _item(raw, 1, 3)["text"]["fr"] = "Les salariés sont tenus informés de l’évolution du partenariat."


def _drop_english_help(raw: dict) -> None:
    item = next(i for d in raw["dimensions"] for i in d["items"] if "help" in i)
    del item["help"]["en"]


def _plain_string_title(raw: dict) -> None:
    raw["title"] = "Santé du partenariat"


def _drop_english_option_label(raw: dict) -> None:
    del raw["profile"][0]["options"][3]["label"]["en"]


def _drop_scale_label(raw: dict) -> None:
    del raw["scale"]["labels"][3]


def _drop_dimension_description(raw: dict) -> None:
    del raw["dimensions"][3]["description"]


def _drop_english_recommendation(raw: dict) -> None:
    del raw["dimensions"][0]["recommendations"]["strength"][0]["text"]["en"]


def _drop_watch_band(raw: dict) -> None:
    del raw["dimensions"][2]["recommendations"]["watch"]


def _three_recommendations(raw: dict) -> None:
    recommendations = raw["dimensions"][1]["recommendations"]["priority"]
    while len(recommendations) < 3:
        recommendations.append(copy.deepcopy(recommendations[0]))


def _unsourced_recommendation(raw: dict) -> None:
    del raw["dimensions"][3]["recommendations"]["priority"][0]["source"]


def _source_without_reference(raw: dict) -> None:
    _item(raw, 0, 0)["source"] = "Bernoux, quelque part"


def _no_reverse_in_a_dimension(raw: dict) -> None:
    for item in raw["dimensions"][1]["items"]:
        item.pop("reverse", None)


def _too_many_items(raw: dict) -> None:
    items = raw["dimensions"][0]["items"]
    while len(items) < 10:
        extra = copy.deepcopy(items[0])
        extra["id"] = f"eth-extra-{len(items)}"
        items.append(extra)


def _too_few_items(raw: dict) -> None:
    raw["dimensions"][2]["items"] = raw["dimensions"][2]["items"][:5]


def _dimensions_reordered(raw: dict) -> None:
    raw["dimensions"][0], raw["dimensions"][1] = raw["dimensions"][1], raw["dimensions"][0]


def _organisation_options_filled(raw: dict) -> None:
    raw["profile"][1]["options"] = [{"id": "asso-a", "label": {"fr": "Association A", "en": "Association A"}}]


BROKEN: dict[str, tuple[Callable[[dict], None], str]] = {
    "item without source": (_remove_item_source, "unsourced_items"),
    "free-text item source": (_free_text_source, "unsourced_items"),
    "citation without locator": (_citation_without_locator, "citations_without_reference"),
    "recommendation without actor": (_recommendation_without_actor, "recommendation_problems"),
    "item recommendation without actor": (_item_recommendation_without_actor, "recommendation_problems"),
    "dimension recommendation repeats an item's": (_dimension_repeats_an_item, "duplicate_recommendations"),
    "generic masculine": (_generic_masculine, "inclusive_writing"),
    "help without English": (_drop_english_help, "missing_translations"),
    "title in French only": (_plain_string_title, "missing_translations"),
    "option label without English": (_drop_english_option_label, "missing_translations"),
    "scale point without label": (_drop_scale_label, "missing_translations"),
    "dimension without description": (_drop_dimension_description, "missing_translations"),
    "recommendation without English": (_drop_english_recommendation, "missing_translations"),
    "no watch recommendations": (_drop_watch_band, "recommendation_problems"),
    "three recommendations in a band": (_three_recommendations, "recommendation_problems"),
    "recommendation without source": (_unsourced_recommendation, "recommendation_problems"),
    "source without passage": (_source_without_reference, "citations_without_reference"),
    "dimension without reverse item": (_no_reverse_in_a_dimension, "reverse_problems"),
    "ten items in a dimension": (_too_many_items, "count_problems"),
    "five items in a dimension": (_too_few_items, "count_problems"),
    "dimensions out of order": (_dimensions_reordered, "count_problems"),
    "organisation options fixed": (_organisation_options_filled, "profile_problems"),
}


@pytest.mark.parametrize("case", BROKEN, ids=str)
def test_a_broken_copy_is_caught(case: str, tmp_path: Path) -> None:
    breaker, rule = BROKEN[case]
    raw = _raw()
    breaker(raw)
    path = tmp_path / "sante-partenariat.yaml"
    path.write_text(yaml.dump(raw, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    q = load(path)  # still a valid questionnaire: only the shipped-quality rule must fail
    assert RULES[rule](q) != [], f"{rule} did not notice: {case}"


def test_a_copy_that_is_not_broken_passes_every_rule(tmp_path: Path) -> None:
    # Guards the cases above: the round trip through yaml.dump alone must not break anything.
    path = tmp_path / "sante-partenariat.yaml"
    path.write_text(yaml.dump(_raw(), Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    q = load(path)
    failures = {rule: found for rule, check in RULES.items() if (found := check(q))}
    assert failures == {}


def _dump(raw: dict, tmp_path: Path) -> Path:
    path = tmp_path / f"{raw['id']}.yaml"
    path.write_text(yaml.dump(raw, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _add_items(raw: dict, dimension: int, count: int) -> None:
    items = raw["dimensions"][dimension]["items"]
    model = items[-1]
    for number in range(1, count + 1):
        extra = copy.deepcopy(model)
        extra["id"] = f"{model['id']}-extra-{number}"
        items.append(extra)


def _rapprochement_with_41_items(raw: dict) -> None:
    # The shipped file once had 41 items (7 in most dimensions): within 6 to 9 everywhere, over 36 in all.
    for dimension in range(5):
        _add_items(raw, dimension, 1)


def _rapprochement_with_ten_items_in_the_last_dimension(raw: dict) -> None:
    _add_items(raw, -1, 10 - len(raw["dimensions"][-1]["items"]))


def _rapprochement_with_five_items_in_the_second_dimension(raw: dict) -> None:
    raw["dimensions"][1]["items"] = raw["dimensions"][1]["items"][:5]


def _rapprochement_with_five_dimensions(raw: dict) -> None:
    del raw["dimensions"][3]


def _rapprochement_without_reverse_in_the_fourth_dimension(raw: dict) -> None:
    for item in raw["dimensions"][3]["items"]:
        item.pop("reverse", None)


def _sante_with_ten_items_in_ethique(raw: dict) -> None:
    _add_items(raw, 0, 10 - len(raw["dimensions"][0]["items"]))


def _express_with_13_items(raw: dict) -> None:
    _add_items(raw, 0, 1)


def _express_without_gouvernance(raw: dict) -> None:
    del raw["dimensions"][3]


# Each case breaks the counts of one shipped questionnaire; count_problems (or reverse_problems) must say exactly
# this, naming the questionnaire, the dimension and the count.
BOUNDS_BROKEN: dict[str, tuple[str, Callable[[dict], None], Callable[[Questionnaire], list[str]], list[str]]] = {
    "rapprochement with 41 items": (
        "rapprochement",
        _rapprochement_with_41_items,
        count_problems,
        ["rapprochement: 41 items in all, expected at most 36"],
    ),
    "rapprochement with 10 items in a dimension": (
        "rapprochement",
        _rapprochement_with_ten_items_in_the_last_dimension,
        count_problems,
        [
            "rapprochement: dimension demarche-calendrier has 10 items, expected 6 to 9",
            "rapprochement: 40 items in all, expected at most 36",
        ],
    ),
    "rapprochement with 5 items in a dimension": (
        "rapprochement",
        _rapprochement_with_five_items_in_the_second_dimension,
        count_problems,
        ["rapprochement: dimension gouvernance-vie-associative has 5 items, expected 6 to 9"],
    ),
    "rapprochement with 5 dimensions": (
        "rapprochement",
        _rapprochement_with_five_dimensions,
        count_problems,
        ["rapprochement: 5 dimensions, expected at least 6"],
    ),
    "rapprochement without reverse in a dimension": (
        "rapprochement",
        _rapprochement_without_reverse_in_the_fourth_dimension,
        reverse_problems,
        ["rapprochement: dimension usagers-territoire has no reverse item"],
    ),
    "sante-partenariat with 10 items in a dimension": (
        "sante-partenariat",
        _sante_with_ten_items_in_ethique,
        count_problems,
        [
            "sante-partenariat: dimension ethique has 10 items, expected 6 to 9",
            "sante-partenariat: 37 items in all, expected at most 36",
        ],
    ),
    "express with 13 items": (
        "express",
        _express_with_13_items,
        count_problems,
        ["express: dimension ethique has 4 items, expected 2 to 3", "express: 13 items in all, expected 8 to 12"],
    ),
    "express without gouvernance": (
        "express",
        _express_without_gouvernance,
        count_problems,
        [f"express: dimensions {list(CORE_DIMENSIONS[:3])}, expected {list(CORE_DIMENSIONS)} in that order"],
    ),
}


@pytest.mark.parametrize("case", BOUNDS_BROKEN, ids=str)
def test_item_bounds_are_enforced(case: str, tmp_path: Path) -> None:
    name, breaker, rule, expected = BOUNDS_BROKEN[case]
    raw = _raw(name)
    breaker(raw)
    q = load(_dump(raw, tmp_path))  # still a valid questionnaire: only the bounds must fail
    assert rule(q) == expected


def test_every_shipped_questionnaire_has_item_bounds() -> None:
    assert {path.stem for path in FILES} <= set(ITEM_BOUNDS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_duplicated_item_id_is_refused_by_the_loader(name: str, tmp_path: Path) -> None:
    raw = _raw(name)
    raw["dimensions"][-1]["items"][-1]["id"] = raw["dimensions"][0]["items"][0]["id"]
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.dump(raw, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    assert any(problem.code == "duplicate_id" for problem in caught.value.problems)


def test_other_questionnaires_need_one_reverse_item_overall() -> None:
    raw_items = [{"id": "x", "text": "t"}]
    q = Questionnaire.model_validate(
        {
            "id": "autre",
            "version": "1",
            "title": "Autre",
            "scale": {"min": 1, "max": 5},
            "dimensions": [{"id": "d", "label": "D", "items": raw_items}],
        },
        context={"language": "fr"},
    )
    assert reverse_problems(q) == ["no reverse item at all"]


def test_a_cited_key_missing_from_the_bibliography_is_refused_at_its_place(tmp_path: Path) -> None:
    raw = _raw()
    _item(raw, 2, 1)["source"][0]["key"] = "lahary-2008"
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(_dump(raw, tmp_path), bibliography=default_bibliography())
    [problem] = caught.value.problems
    assert (problem.path, problem.code) == ("dimensions[2].items[1].source[0].key", "unknown_source_key")
    assert "lahary-2008" in problem.message("fr") and "content/sources.yaml" in problem.message("en")


def test_a_blank_source_is_refused_by_the_loader(tmp_path: Path) -> None:
    raw = _raw()
    _item(raw, 2, 0)["source"] = "   "
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(_dump(raw, tmp_path))
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("dimensions[2].items[0].source[0].text", "string_too_short")
    ]


# Pairs that version 1 of the questionnaires gave a group together (issue 12); the check must flag each.
VERSION_1_DUPLICATES = [
    (
        "Rédigez avec vos partenaires une convention précise : cadre d’action, méthodes, moyens, responsabilités et "
        "résultats attendus.",
        "Rédigez ou révisez la convention (cadre, méthodes, moyens, responsabilités, résultats attendus) et "
        "faites-la adopter par chaque conseil d’administration.",
    ),
    (
        "Mettez en place un comité de pilotage qui réunit administrateurs et responsables à dates fixes, avec un "
        "programme de travail écrit.",
        "Mettez en place, ou relancez, un comité de pilotage qui associe administrateurs et responsables et se "
        "réunit à dates fixes, par exemple trois fois par an.",
    ),
    (
        "Faites délibérer chaque conseil d’administration sur le partenariat à partir de plusieurs options, et non "
        "d’une décision préparée d’avance.",
        "Inscrivez le partenariat à l’ordre du jour du conseil d’administration sous forme de plusieurs options à "
        "débattre, et non d’une décision à approuver.",
    ),
    (
        "Découpez le projet commun en étapes datées, de la définition des objectifs à l’évaluation.",
        "Découpez le projet commun en étapes (objectifs, moyens, réalisation, évaluation) et fixez une date pour "
        "chacune.",
    ),
    (
        "Remettez à plat votre projet associatif avant toute négociation, en y associant le conseil, les salariés, "
        "les adhérents et les usagers.",
        "Avant toute négociation, remettez à plat votre projet associatif avec le conseil d’administration, les "
        "salariés, les adhérents et les usagers.",
    ),
    (
        "Organisez, hors période de crise, une rencontre où chaque partenaire présente ce que l’on peut attendre de "
        "lui, et ce que l’on ne peut pas lui demander.",
        "Organisez une rencontre, hors de toute urgence, où chaque partenaire présente ses missions, ses moyens et "
        "ce qu’il ne peut pas faire.",
    ),
]


@pytest.mark.parametrize("pair", VERSION_1_DUPLICATES, ids=lambda pair: pair[0][:30])
def test_the_duplicates_of_version_1_are_caught(pair: tuple[str, str]) -> None:
    assert similar_recommendations([("a", pair[0]), ("b", pair[1])]) != []


def test_distinct_recommendations_on_one_theme_are_not_taken_for_duplicates() -> None:
    # Both about staff, different actions: informing now, and a question-and-answer meeting.
    informing = "Informez le personnel dès maintenant de ce qui est envisagé, sans attendre que tout soit décidé."
    meeting = (
        "Organisez une réunion de questions-réponses ouverte à tout le personnel, puis diffusez par écrit ce qui est "
        "décidé et ce qui ne l’est pas encore."
    )
    assert similar_recommendations([("a", informing), ("b", meeting)]) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Les administrateurs et les salariés répondent.", ["administrateurs", "salariés"]),
        ("L’animateur projette les résultats.", ["animateur"]),
        ("Les membres du conseil d’administration et le personnel répondent.", []),
        ("Administrateur·rice", []),
        ("Le dossier cite « mettre l’usager au cœur ».", []),
    ],
)
def test_the_inclusive_writing_check(text: str, found: list[str]) -> None:
    assert generic_masculine(text) == found

"""Every rule of the questionnaire format, each with a bad file whose message must name the right path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.cli import main
from scoring.loader import MAX_BYTES, load_questionnaire, parse_questionnaire
from scoring.problems import QuestionnaireError

VALID = {
    "id": "demo",
    "version": "1.0",
    "language": "fr",
    "title": {"fr": "Démonstration", "en": "Demonstration"},
    "scale": {"min": 1, "max": 5, "labels": {1: {"fr": "Pas du tout d'accord", "en": "Strongly disagree"}}},
    "profile": [
        {
            "id": "role",
            "label": {"fr": "Votre rôle", "en": "Your role"},
            "options": [{"id": "direction", "label": "Direction"}, {"id": "benevole", "label": "Bénévole"}],
        }
    ],
    "dimensions": [
        {
            "id": "ethique",
            "label": {"fr": "Éthique et valeurs", "en": "Ethics and values"},
            "items": [{"id": "eth-1", "text": "Nous partageons des valeurs."}, {"id": "eth-2", "text": "Texte"}],
        },
        {
            "id": "communication",
            "label": "Communication",
            "items": [{"id": "com-1", "text": "Nous nous parlons."}],
        },
    ],
}


def variant(**changes: object) -> dict:
    """A deep copy of VALID with some top-level keys replaced."""
    data = yaml.safe_load(yaml.safe_dump(VALID, allow_unicode=True))
    data.update(changes)
    return data


def problems_of(data: dict | str | bytes) -> list[tuple[str, str, str]]:
    content = data if isinstance(data, (str, bytes)) else yaml.safe_dump(data, allow_unicode=True)
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(content, "bad.yaml")
    return [(p.path, p.message("fr"), p.message("en")) for p in caught.value.problems]


def assert_problem(problems: list[tuple[str, str, str]], path: str, fr_words: str, en_words: str) -> None:
    matching = [p for p in problems if p[0] == path]
    assert matching, f"no problem at {path!r}: {problems}"
    assert any(fr_words in fr for _, fr, _ in matching), matching
    assert any(en_words in en for _, _, en in matching), matching


def test_valid_file_loads_and_plain_strings_take_the_default_language() -> None:
    questionnaire = parse_questionnaire(yaml.safe_dump(VALID, allow_unicode=True))
    assert questionnaire.dimensions[1].label == {"fr": "Communication"}
    assert questionnaire.item_ids == ["eth-1", "eth-2", "com-1"]
    assert questionnaire.bands.watch == 50 and questionnaire.bands.strength == 75
    assert questionnaire.min_coverage == 0.5 and questionnaire.min_group_size == 3


def test_unknown_key_is_refused_with_a_suggestion() -> None:
    data = variant()
    data["dimensions"][0]["items"][0]["reversed"] = True
    problems = problems_of(data)
    assert_problem(problems, "dimensions[0].items[0].reversed", "clé inconnue «\u00a0reversed\u00a0»", "unknown key")
    assert "reverse" in problems[0][1]


def test_unknown_top_level_key_is_refused() -> None:
    assert_problem(problems_of(variant(titel="x")), "titel", "clé inconnue", "unknown key 'titel'")


def test_item_ids_are_unique_across_the_whole_questionnaire() -> None:
    data = variant()
    data["dimensions"][1]["items"][0]["id"] = "eth-1"
    assert_problem(
        problems_of(data),
        "dimensions[1].items[0].id",
        "identifiant en double «\u00a0eth-1\u00a0»",
        "dimensions[0].items[0].id",
    )


def test_dimension_ids_are_unique() -> None:
    data = variant()
    data["dimensions"][1]["id"] = "ethique"
    assert_problem(problems_of(data), "dimensions[1].id", "en double", "duplicate identifier 'ethique'")


@pytest.mark.parametrize("bad_id", ["Eth-1", "éthique", "eth 1", "eth_1", "-eth", ""])
def test_ids_are_slugs(bad_id: str) -> None:
    data = variant()
    data["dimensions"][0]["items"][1]["id"] = bad_id
    assert_problem(problems_of(data), "dimensions[0].items[1].id", "identifiant invalide", "invalid identifier")


def test_questionnaire_id_is_a_slug() -> None:
    assert_problem(problems_of(variant(id="Mon Questionnaire")), "id", "identifiant invalide", "invalid identifier")


def test_empty_dimension_is_refused() -> None:
    data = variant()
    data["dimensions"][1]["items"] = []
    assert_problem(problems_of(data), "dimensions[1].items", "ne doit pas être vide", "must not be empty")


def test_questionnaire_without_dimensions_is_refused() -> None:
    assert_problem(problems_of(variant(dimensions=[])), "dimensions", "ne doit pas être vide", "must not be empty")


@pytest.mark.parametrize(("low", "high"), [(5, 5), (5, 1)])
def test_scale_min_must_be_below_max(low: int, high: int) -> None:
    assert_problem(problems_of(variant(scale={"min": low, "max": high})), "scale", "minimum de l’échelle", "min")


@pytest.mark.parametrize(
    "bands", [{"watch": 80, "strength": 70}, {"watch": 60, "strength": 60}, {"watch": -1}, {"strength": 101}]
)
def test_bands_are_ordered_within_0_and_100(bands: dict) -> None:
    assert_problem(problems_of(variant(bands=bands)), "bands", "0 ≤ watch < strength ≤ 100", "thresholds")


def test_item_weight_must_be_positive() -> None:
    data = variant()
    data["dimensions"][0]["items"][0]["weight"] = 0
    assert_problem(problems_of(data), "dimensions[0].items[0].weight", "strictement supérieur à 0", "greater than 0")


def test_dimension_weight_must_be_positive() -> None:
    data = variant()
    data["dimensions"][1]["weight"] = -2
    assert_problem(problems_of(data), "dimensions[1].weight", "strictement supérieur à 0", "greater than 0")


def test_every_text_exists_in_the_default_language() -> None:
    data = variant()
    data["dimensions"][0]["items"][1]["text"] = {"en": "English only"}
    assert_problem(problems_of(data), "dimensions[0].items[1].text", "langue par défaut", "default language ('fr')")


def test_default_language_can_be_english() -> None:
    data = variant(language="en")
    data["dimensions"][1]["label"] = {"fr": "Communication"}
    assert_problem(problems_of(data), "dimensions[1].label", "langue par défaut", "default language ('en')")


def test_empty_translation_is_refused() -> None:
    data = variant(title={"fr": "Titre", "en": "  "})
    assert_problem(problems_of(data), "title", "texte vide pour la langue «\u00a0en\u00a0»", "empty text")


def test_profile_option_ids_are_unique() -> None:
    data = variant()
    data["profile"][0]["options"][1]["id"] = "direction"
    assert_problem(problems_of(data), "profile[0].options[1].id", "en double «\u00a0direction\u00a0»", "duplicate")


def test_profile_field_may_not_share_an_item_id() -> None:
    data = variant()
    data["profile"][0]["id"] = "eth-1"
    assert_problem(problems_of(data), "dimensions[0].items[0].id", "en double «\u00a0eth-1\u00a0»", "profile[0].id")


def test_respondent_is_a_reserved_id() -> None:
    data = variant()
    data["profile"][0]["id"] = "respondent"
    assert_problem(problems_of(data), "profile[0].id", "réservé", "reserved")


def test_version_must_be_text() -> None:
    assert_problem(problems_of(variant(version=1.0)), "version", "un texte est attendu", "a text is expected")


def test_all_problems_of_a_file_are_reported_at_once() -> None:
    data = variant(bands={"watch": 90, "strength": 10})
    data["dimensions"][0]["items"][0]["reversed"] = True
    data["dimensions"][1]["items"][0]["id"] = "eth-2"
    data["dimensions"][1]["weight"] = 0
    paths = {path for path, _, _ in problems_of(data)}
    assert {"bands", "dimensions[0].items[0].reversed", "dimensions[1].items[0].id", "dimensions[1].weight"} <= paths


def test_file_over_one_mebibyte_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(yaml.safe_dump(VALID) + "# " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(big)
    (problem,) = caught.value.problems
    assert problem.file == str(big) and "1 Mio" in problem.message("fr") and "1 MiB" in problem.message("en")


def test_yaml_anchor_and_alias_are_refused() -> None:
    content = yaml.safe_dump(VALID, allow_unicode=True).replace("title:", "shared: &t Bonjour\ntitle:", 1)
    content += "description: *t\n"
    messages = [fr for _, fr, _ in problems_of(content)]
    assert any("ancre YAML «\u00a0&t\u00a0»" in m and "ligne 1" not in m for m in messages), messages
    assert any("alias YAML «\u00a0*t\u00a0»" in m for m in messages), messages


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['echo pwned']",
        "!!python/name:os.system",
        "!custom value",
        "!!set {a, b}",
    ],
)
def test_yaml_tags_that_build_objects_are_refused(tagged: str) -> None:
    content = yaml.safe_dump(VALID, allow_unicode=True) + f"description: {tagged}\n"
    messages = [fr for _, fr, _ in problems_of(content)]
    assert any("balise YAML" in m for m in messages), messages


def test_yaml_syntax_error_reports_its_line() -> None:
    content = "id: demo\nversion: '1.0'\ntitle: [unclosed\nscale: {min: 1, max: 5}\n"
    messages = [(fr, en) for _, fr, en in problems_of(content)]
    assert any("syntaxe YAML ligne" in fr and "line" in en for fr, en in messages), messages
    line = int(messages[0][0].split("ligne ")[1].split(",")[0])
    assert line in (3, 4)


def test_invalid_utf8_is_refused_with_its_line() -> None:
    content = yaml.safe_dump(VALID, allow_unicode=True).encode("utf-8") + "note: été\n".encode("cp1252")
    (problem,) = problems_of(content)
    assert "pas en UTF-8" in problem[1] and "not UTF-8" in problem[2]
    last_line = content.count(b"\n")
    assert f"ligne {last_line}" in problem[1]


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"# only a comment\n"])
def test_empty_file_is_refused(content: bytes) -> None:
    (problem,) = problems_of(content)
    assert problem[1] == "le fichier est vide" and problem[2] == "the file is empty"


def test_a_list_is_not_a_questionnaire() -> None:
    (problem,) = problems_of("- a\n- b\n")
    assert "décrire un questionnaire" in problem[1]


def test_duplicate_key_is_refused() -> None:
    content = yaml.safe_dump(VALID, allow_unicode=True) + "id: autre\n"
    assert any("«\u00a0id\u00a0» apparaît deux fois" in fr for _, fr, _ in problems_of(content))


def test_cli_validate_reports_ok_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(VALID, allow_unicode=True), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    data = variant()
    data["dimensions"][0]["items"][0]["reversed"] = True
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    assert main(["validate", str(good)]) == 0
    assert capsys.readouterr().out.strip() == f"{good}: OK"

    assert main(["validate", str(good), str(bad)]) == 2
    captured = capsys.readouterr()
    assert f"{good}: OK" in captured.out
    assert f"{bad}\u202f: dimensions[0].items[0].reversed\u202f: clé inconnue" in captured.err

    assert main(["validate", "--lang", "en", str(bad)]) == 2
    assert "unknown key 'reversed'" in capsys.readouterr().err
    assert main(["validate", "--lang", "en", str(good)]) == 0
    assert capsys.readouterr().out == f"{good}: OK\n"


def test_cli_validate_missing_file_and_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scoring", "validate", str(tmp_path / "absent.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "absent.yaml" in result.stderr and "illisible" in result.stderr
    assert "Traceback" not in result.stderr


def test_scale_with_too_many_points_is_refused() -> None:
    assert_problem(
        problems_of(variant(scale={"min": 0, "max": 50_000_000})),
        "scale",
        "échelle de 50\u202f000\u202f001 points",
        "21 at most",
    )


@pytest.mark.parametrize("value", [float("inf"), float("nan")])
def test_weights_and_thresholds_must_be_finite(value: float) -> None:
    data = variant(bands={"watch": value, "strength": 75})
    data["dimensions"][0]["weight"] = value
    problems = problems_of(data)
    assert_problem(problems, "dimensions[0].weight", "nombre fini", "finite number")
    assert_problem(problems, "bands.watch", "nombre fini", "finite number")


ROOT = Path(__file__).resolve().parents[1]


def valid_yaml(**changes: object) -> str:
    return yaml.safe_dump(variant(**changes), allow_unicode=True, sort_keys=False)


def run_cli(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args], text=True, check=False, timeout=120, cwd=ROOT, **options
    )


def test_validate_is_quiet_when_its_reader_goes_away(tmp_path: Path) -> None:
    """``python -m scoring validate *.yaml | head -1``: no traceback, and the exit code of the validation."""
    good = tmp_path / "good.yaml"
    good.write_text(valid_yaml(), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(valid_yaml(id="Mauvais"), encoding="utf-8")
    for files, expected in (([good, good], 0), ([good, bad, good], 2)):
        read, write = os.pipe()
        os.close(read)  # the reader is gone before the first line: every write meets a closed pipe
        try:
            result = run_cli("validate", *map(str, files), stdout=write, stderr=subprocess.PIPE)
        finally:
            os.close(write)
        assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
        assert result.returncode == expected
        assert ("identifiant invalide" in result.stderr) == (expected == 2)


def test_a_scale_label_outside_the_scale_is_reported_at_the_labels() -> None:
    problems = problems_of(variant(scale={"min": 1, "max": 5, "labels": {0: "Zéro", 1: "Un", 7: "Sept"}}))
    assert_problem(problems, "scale.labels", "hors de l’échelle 1 à 5\u202f: 0, 7", "outside the scale 1 to 5: 0, 7")
    assert not [p for p in problems if p[0] == "scale"]


@pytest.mark.parametrize(
    ("where", "path"),
    [
        ("item weight", "dimensions[0].items[0].weight"),
        ("dimension weight", "dimensions[1].weight"),
        ("strength", "bands.strength"),
        ("min_coverage", "min_coverage"),
        ("consensus_threshold", "consensus_threshold"),
        ("min_group_size", "min_group_size"),
        ("scale max", "scale.max"),
    ],
)
def test_true_is_not_a_number(where: str, path: str) -> None:
    data = variant(scale={"min": 1, "max": 5})
    if where == "item weight":
        data["dimensions"][0]["items"][0]["weight"] = True
    elif where == "dimension weight":
        data["dimensions"][1]["weight"] = True
    elif where == "strength":
        data["bands"] = {"strength": True}
    elif where == "scale max":
        data["scale"]["max"] = True
    else:
        data[where] = True
    problems = problems_of(data)
    assert_problem(problems, path, "est attendu, pas «\u00a0true\u00a0»", "is expected, not 'true'")


def nested(depth: int) -> str:
    """A file whose description is a list nested ``depth`` levels deep (the file's mapping is one more)."""
    return valid_yaml() + "description: " + "[" * depth + "]" * depth + "\n"


def test_deep_nesting_is_refused_with_its_line_instead_of_exhausting_the_stack() -> None:
    content = nested(600)  # 1.2 KB; PyYAML's composer recursed until RecursionError
    last_line = content.count("\n")
    (problem,) = problems_of(content)
    assert problem[0] == ""
    assert f"plus de 50 niveaux (ligne {last_line})" in problem[1]
    assert f"more than 50 levels deep (line {last_line})" in problem[2]


def test_fifty_levels_of_nesting_are_allowed_and_fifty_one_are_not() -> None:
    assert not any("niveaux" in fr for _, fr, _ in problems_of(nested(49)))  # 50 with the file's mapping
    assert any("niveaux" in fr for _, fr, _ in problems_of(nested(50)))


def test_a_deeply_nested_file_is_a_questionnaire_error_for_the_app_and_exit_2(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 600 + "]" * 600 + "\n", encoding="utf-8")
    with pytest.raises(QuestionnaireError):  # what ui/catalogue.py catches
        load_questionnaire(deep)
    result = run_cli("validate", str(deep), capture_output=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "50 niveaux" in result.stderr


NASTY = {
    "invalid date": "title: 2024-13-45\n",
    "invalid date and time": "title: 2024-02-30T10:00:00\n",
    "5000-digit number": "min_group_size: 1" + "0" * 5000 + "\n",
    "20000-bit number": "min_group_size: 0b" + "1" * 20_000 + "\n",
    "20000-bit key": "0b" + "1" * 20_000 + ": 1\n",
    "empty !!int": "min_group_size: !!int\n",
    "!!int on a word": 'min_group_size: !!int "x"\n',
    "!!bool on a word": 'allow_na: !!bool "x"\n',
    "!!timestamp on a word": 'version: !!timestamp "x"\n',
    "!!map on a list": "bands: !!map [1]\n",
    "!!str on a list": "version: !!str [1]\n",
    "list as a key": "? [a]\n: b\n",
    "mapping as a key": "{[a]: b}\n",
    "null key": "? !!null\n: 3\n",
    "two documents": "id: a\n---\nid: b\n",
    "merge key": "<<: {id: a}\n",
    "alias to a list": "x: &a [1]\ny: *a\n",
}


@pytest.mark.parametrize("case", NASTY, ids=str)
def test_any_bad_file_is_a_questionnaire_error(case: str) -> None:
    """The app (ui/catalogue.py) catches QuestionnaireError only: anything else would break the page."""
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(NASTY[case], "bad.yaml")
    for lang in ("fr", "en"):
        assert caught.value.describe(lang)


def test_a_date_that_does_not_exist_is_located_and_explained() -> None:
    assert_problem(
        problems_of(valid_yaml(version="x").replace("version: x", "version: 2024-13-45")),
        "version",
        "comme une date, mais elle n’est pas valide",
        "as a date, but it is not a valid one",
    )


YAML_TOKENS = [*"[]{}:-?!&*|>'\"#,\n \t0123456789abxyz.~", "!!int ", "!!bool ", "!!timestamp ", "!!map ", "2024-13-45"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(YAML_TOKENS), max_size=40).map("".join))
def test_whatever_the_text_loading_ends_in_a_questionnaire_or_a_questionnaire_error(text: str) -> None:
    try:
        parse_questionnaire(text, "fuzz.yaml")
    except QuestionnaireError as error:
        assert error.problems and error.describe("fr") and error.describe("en")


def test_structural_and_model_problems_come_out_together() -> None:
    content = (
        "id: Bad Id\n"
        'version: "1.0"\n'
        'version: "2.0"\n'
        "title: Titre\n"
        "scale: {min: 5, max: 1}\n"
        "dimensions:\n"
        "  - id: vide\n"
        "    label: Vide\n"
        "    items: []\n"
    )
    problems = problems_of(content)
    assert_problem(problems, "version", "«\u00a0version\u00a0» apparaît deux fois (lignes 2 et 3)", "lines 2 and 3")
    assert_problem(problems, "id", "identifiant invalide", "invalid identifier")
    assert_problem(problems, "scale", "minimum de l’échelle (5)", "min (5)")
    assert_problem(problems, "dimensions[0].items", "ne doit pas être vide", "must not be empty")


def test_anchors_aliases_and_tags_do_not_hide_the_other_problems() -> None:
    data = variant(id="Mauvais")
    data["dimensions"][0]["weight"] = 0
    content = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    content = content.replace("title:", "description: !custom Bonjour\ntitle:", 1)
    content = content.replace("label: Communication", "label: &c Communication", 1) + "help: *c\n"
    paths = {path for path, _, _ in problems_of(content)}
    assert {"description", "dimensions[1].label", "help", "id", "dimensions[0].weight"} <= paths


def test_the_stand_in_of_an_alias_or_a_tag_adds_no_second_problem() -> None:
    content = valid_yaml(title="TITLE", version="VERSION")
    content = content.replace("title: TITLE", "title: !custom [Bonjour]").replace("version: VERSION", "version: *v")
    problems = problems_of(content)
    # The model would also say that a list or null is not a text: it adds nothing to the YAML-level problem.
    assert [fr.split(" ligne")[0] for path, fr, _ in problems if path == "title"] == [
        "balise YAML «\u00a0!custom\u00a0»"
    ]
    assert [fr.split(" ligne")[0] for path, fr, _ in problems if path == "version"] == ["alias YAML «\u00a0*v\u00a0»"]


def test_a_duplicate_key_is_reported_at_its_own_path() -> None:
    data = variant()
    content = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    content = content.replace("  - id: com-1\n", "  - id: com-1\n    id: com-2\n", 1)
    problems = problems_of(content)
    assert_problem(
        problems, "dimensions[1].items[0].id", "«\u00a0id\u00a0» apparaît deux fois", "key 'id' appears twice"
    )
    assert not [p for p in problems if p[0] == ""]


def test_a_wrong_language_code_is_reported_once_and_the_texts_still_checked() -> None:
    data = variant(language="FR")
    data["dimensions"][0]["items"][1]["id"] = "Eth 2"
    problems = problems_of(data)
    assert_problem(problems, "language", "code de langue invalide «\u00a0FR\u00a0»", "invalid language code 'FR'")
    assert_problem(problems, "dimensions[0].items[1].id", "identifiant invalide", "invalid identifier")
    assert [path for path, _, _ in problems] == ["language", "dimensions[0].items[1].id"]


LONG_NUMBERS = {
    "binary": "0b" + "1" * 15_000,
    "octal": "0" + "7" * 15_000,  # YAML 1.1 (0o777 is a text)
    "hexadecimal": "0x" + "f" * 15_000,
    "decimal": "9" * 5_000,
    "float": "1." + "9" * 5_000,
    "sexagesimal": "1" + ":59" * 2_000,
    "sexagesimal float": "1" + ":59" * 2_000 + ".5",
    "!!int tag": '!!int "' + "1" * 5_000 + '"',
    "31 characters": "1" * 31,
}


def scale_max(text: str) -> tuple[str, int]:
    """A valid file whose scale max is ``text``, and that line's number."""
    content = valid_yaml(scale={"min": 1, "max": 5})
    line = content[: content.index("max: 5")].count("\n") + 1
    return content.replace("max: 5", f"max: {text}", 1), line


@pytest.mark.parametrize("case", LONG_NUMBERS, ids=str)
def test_a_number_too_long_is_refused_before_it_is_read(case: str) -> None:
    """Python refuses to print an integer of over 4300 digits: 0b111... (15,000 bits) ended in a traceback."""
    content, line = scale_max(LONG_NUMBERS[case])
    problems = problems_of(content)
    assert_problem(problems, "scale.max", f"ligne {line}\u202f: nombre trop long", f"on line {line}: number too long")
    assert_problem(problems, "scale.max", "30 caractères au plus", "30 characters at most")
    assert [path for path, _, _ in problems] == ["scale.max"]  # the model adds nothing about the stand-in


def test_a_number_of_thirty_characters_is_still_a_number() -> None:
    thirty = "0.5" + "0" * 27
    assert parse_questionnaire(valid_yaml() + f"min_coverage: {thirty}\n").min_coverage == 0.5
    assert_problem(problems_of(valid_yaml() + f"min_coverage: {thirty}0\n"), "min_coverage", "trop long", "too long")


def test_a_key_that_is_a_number_too_long_is_refused_at_its_mapping() -> None:
    problems = problems_of(valid_yaml() + "? 0x" + "f" * 15_000 + "\n: 1\n")  # a plain key is at most 1024
    assert any(path == "" and "nombre trop long" in fr for path, fr, _ in problems), problems


def test_a_sexagesimal_value_of_half_a_mebibyte_is_refused_by_its_length() -> None:
    """1:59:59:... of 0.57 MiB took 6.9 s to read as one integer, and the integer could not be printed."""
    text = "1" + ":59" * 200_000
    content, line = scale_max(text)
    (problem,) = problems_of(content)
    length = f"{len(text):,}".replace(",", "\u202f")  # « 600 001 »: French groups the digits
    assert problem[0] == "scale.max" and f"ligne {line}\u202f: nombre trop long ({length}" in problem[1]


@pytest.mark.parametrize("case", ["binary", "hexadecimal", "decimal", "sexagesimal"])
def test_validate_reports_a_number_too_long_without_a_traceback(tmp_path: Path, case: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(scale_max(LONG_NUMBERS[case])[0], encoding="utf-8")
    for lang, words in (("fr", "nombre trop long"), ("en", "number too long")):
        result = run_cli("validate", "--lang", lang, str(bad), capture_output=True)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr[-2000:]
        assert f"{bad}" in result.stderr and "scale.max" in result.stderr and words in result.stderr


def test_problems_holding_a_huge_integer_are_still_sorted_and_described() -> None:
    """Whatever reaches a message, formatting it never raises (an int over 4300 digits cannot be printed)."""
    from scoring.loader import _sorted_unique
    from scoring.problems import Problem

    huge = 2**20_000
    problems = [Problem("q.yaml", "scale", "scale_too_long", {"points": huge, "limit": 21})] * 2
    (problem,) = _sorted_unique(problems)
    assert problem.describe("fr") and problem.describe("en")


@pytest.mark.parametrize(("character", "name"), [("\x00", "U+0000"), ("\x07", "U+0007"), ("\x9f", "U+009F")])
def test_a_control_character_is_located(character: str, name: str) -> None:
    """PyYAML gives a position in the text, not a line: the message said "ligne ?, colonne ?"."""
    content = valid_yaml() + f"description: ab{character}c\n"
    line = content.count("\n")
    (problem,) = problems_of(content)
    assert f"{name} ligne {line}, colonne 16" in problem[1] and "?" not in problem[1], problem
    assert f"{name} on line {line}, column 16" in problem[2], problem


def test_a_control_character_is_located_with_windows_line_endings_and_a_bom() -> None:
    content = "\ufeff" + valid_yaml().replace("\n", "\r\n") + "description: \x07\r\n"
    line = content.count("\n")
    (problem,) = problems_of(content.encode("utf-8"))
    assert f"U+0007 ligne {line}, colonne 14" in problem[1], problem


def test_keys_that_yaml_reads_as_true_or_null_are_shown_as_written() -> None:
    problems = problems_of(valid_yaml() + "true: 1\nnull: 2\n")
    assert_problem(problems, "true", "clé invalide «\u00a0true\u00a0»", "invalid key 'true'")
    assert_problem(problems, "null", "clé invalide «\u00a0null\u00a0»", "invalid key 'null'")
    assert not [p for p in problems if "True" in str(p) or "None" in str(p)], problems


def test_a_duplicate_true_or_null_key_is_shown_as_written() -> None:
    problems = problems_of(valid_yaml() + "true: 1\ntrue: 2\n~: 1\n~: 2\n")
    assert_problem(problems, "true", "la clé «\u00a0true\u00a0» apparaît deux fois", "the key 'true' appears twice")
    assert_problem(problems, "null", "la clé «\u00a0null\u00a0» apparaît deux fois", "the key 'null' appears twice")
    assert not [p for p in problems if "True" in str(p) or "None" in str(p)], problems


def test_a_true_or_null_language_or_label_key_is_shown_as_written() -> None:
    content = valid_yaml(scale={"min": 1, "max": 5}) + "description: {fr: Texte, true: x}\n"
    content = content.replace("label: Communication", "label: {null: x}", 1)
    content = content.replace("max: 5", "max: 5\n  labels: {true: Oui, null: Rien}", 1)
    problems = problems_of(content)
    assert_problem(problems, "description", "langue invalide «\u00a0true\u00a0»", "language code 'true'")
    assert_problem(problems, "dimensions[1].label", "langue invalide «\u00a0null\u00a0»", "language code 'null'")
    assert_problem(problems, "scale.labels.true", "pas «\u00a0true\u00a0»", "not 'true'")
    assert_problem(problems, "scale.labels.null", "pas «\u00a0null\u00a0»", "not 'null'")
    assert not [p for p in problems if "True" in str(p) or "None" in str(p)], problems

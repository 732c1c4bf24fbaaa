"""The comparison block (ui.comparison_view) in Streamlit: its radar, tables and lists from the shared report's
figures, the balanced score behind its switch, names as typed, in French and in English."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

TIMEOUT = 60


def _script(lang: str, balanced: bool, field: str) -> None:  # runs inside AppTest: imports of its own
    import streamlit as st

    from scoring.model import Questionnaire
    from scoring.privacy import PublicationRecord, StoredResponse, WorkshopSpec, plan_publication, shown_report
    from ui.comparison_view import comparison_panel

    st.session_state["lang"] = lang
    questionnaire = Questionnaire.model_validate(
        {
            "id": "test",
            "version": "1",
            "title": {"fr": "Test"},
            "scale": {"min": 1, "max": 5},
            "profile": [
                {"id": "role", "label": {"fr": "Rôle"}, "options": [{"id": "dir", "label": {"fr": "Direction"}}]},
                {"id": "organisation", "label": {"fr": "Organisation"}, "options": []},
            ],
            "dimensions": [
                {
                    "id": f"d{d}",
                    "label": {"fr": f"Dimension {d}", "en": f"Dimension {d}"},
                    "items": [
                        {"id": f"d{d}i{i}", "text": {"fr": f"Affirmation {d}.{i}", "en": f"Statement {d}.{i}"}}
                        for i in (1, 2)
                    ],
                }
                for d in (1, 2, 3)
            ],
        },
        context={"language": "fr"},
    )
    names = ("**Les Tilleuls**", "Écart", "Trop petite")
    rows = (
        [([5, 5, 4, 4, 1, 3], names[0])] * 2
        + [([5, 5, 4, 4, 5, 3], names[0])] * 2
        + [([1, 2, 4, 4, 1, 3], names[1])] * 2
        + [([1, 2, 4, 4, 5, 3], names[1])]
        + [([3, 3, 3, 3, 3, 3], names[2])] * 2
    )
    spec = WorkshopSpec(questionnaire, ("role", "organisation"), names)
    responses = [
        StoredResponse(n, dict(zip(questionnaire.item_ids, v, strict=True)), {"role": "dir", "organisation": o})
        for n, (v, o) in enumerate(rows, start=1)
    ]
    plan = plan_publication(spec, responses, PublicationRecord())
    record = PublicationRecord(plan.round, dict.fromkeys(plan.admit, plan.round), plan.versions)
    comparison_panel(questionnaire, shown_report(spec, responses, record), field, balanced=balanced)


def run(lang: str = "fr", *, balanced: bool = False, field: str = "organisation") -> AppTest:
    app = AppTest.from_function(_script, args=(lang, balanced, field), default_timeout=TIMEOUT)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _texts(app: AppTest) -> str:
    return "\n".join(e.value for e in (*app.markdown, *app.caption, *app.info))


def test_the_dimensions_table_lists_each_group_and_the_gap_largest_first() -> None:
    app = run()
    frame = app.dataframe[0].value
    # A group called « Écart » keeps its column beside the gap's: headers are made unique.
    assert list(frame.columns) == ["Dimension", "**Les Tilleuls**", "Écart", "Écart (2)"]
    # Dimension 1: 100 against (0 + 25) / 2; dimension 3: (25 + 75) / 2 = 50 against (25 + 25 + 75) / 3; dimension 2:
    # 75 against 75.
    assert list(frame["Dimension"]) == ["Dimension 1", "Dimension 3", "Dimension 2"]
    assert frame.iloc[0].tolist() == ["Dimension 1", "100,0", "12,5", "87,5"]
    assert frame.iloc[1].tolist() == ["Dimension 3", "50,0", "41,7", "8,3"]
    assert frame.iloc[2].tolist()[-1] == "0,0"
    texts = _texts(app)
    assert "Les organisations voient ces affirmations différemment" in texts
    assert "Les personnes divergent au sein des groupes" in texts
    # The group under min_group_size is named as out of the comparison, its name shown as typed.
    assert "Pas dans la comparaison\u202f: Trop petite (moins de 3 personnes" in texts
    assert "\\*\\*Les Tilleuls\\*\\*" in texts  # a name never becomes bold Markdown
    assert not app.metric  # the balanced score only behind its switch


def test_the_switch_shows_the_balanced_score() -> None:
    app = run(balanced=True)
    frame = app.dataframe[0].value
    assert list(frame.columns)[-1] == "Une voix par groupe"
    # Dimension 1: (100 + 12,5) / 2.
    assert frame.iloc[0].tolist()[-1] == "56,3"
    metric = app.metric[0]
    assert metric.label == "Score global, chaque organisation comptant pour une voix"


def test_statements_are_told_apart_between_and_within() -> None:
    app = run("en")
    texts = _texts(app)
    between = texts.index("The organisations see these statements differently")
    within = texts.index("People differ within the groups")
    assert between < texts.index("**Statement 1\\.1**") < texts.index("**Statement 1\\.2**") < within
    # Statement 3.1: split in both groups (means 50 and 33,3), less than a step apart.
    assert within < texts.index("**Statement 3\\.1**")
    assert "Statement 2\\.1" not in texts  # everyone agrees
    assert "\\*\\*Les Tilleuls\\*\\*: 100.0 · Écart: 0.0 · a gap of 100.0 points" in texts
    assert "Disagreement within: \\*\\*Les Tilleuls\\*\\*, Écart" in texts


def test_one_group_to_show_says_a_comparison_needs_two() -> None:
    app = run(field="role")
    assert "Pour comparer, il faut les résultats d’au moins deux groupes" in _texts(app)
    assert not app.dataframe

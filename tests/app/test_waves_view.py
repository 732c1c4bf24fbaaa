"""Before and after (ui.waves_view) in Streamlit: both waves' figures and sizes, the change with its arrow and
sign, coloured, statements not compared listed, in French and in English."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

TIMEOUT = 60


def _script(lang: str) -> None:  # runs inside AppTest: imports of its own
    import streamlit as st

    from scoring.model import Questionnaire
    from scoring.privacy import PublicationRecord, StoredResponse, WorkshopSpec, plan_publication, shown_report
    from ui.waves_view import waves_panel

    st.session_state["lang"] = lang

    def questionnaire(version: str, reworded: bool) -> Questionnaire:
        return Questionnaire.model_validate(
            {
                "id": "test",
                "version": version,
                "title": {"fr": "Test"},
                "scale": {"min": 1, "max": 5},
                "dimensions": [
                    {
                        "id": f"d{d}",
                        "label": {"fr": f"Dimension {d}", "en": f"Dimension {d}"},
                        "items": [
                            {
                                "id": f"d{d}i{i}",
                                "text": {
                                    "fr": "Reformulée" if (reworded and d == 3 and i == 2) else f"Affirmation {d}.{i}",
                                    "en": "Reworded" if (reworded and d == 3 and i == 2) else f"Statement {d}.{i}",
                                },
                            }
                            for i in (1, 2)
                        ],
                    }
                    for d in (1, 2, 3)
                ],
            },
            context={"language": "fr"},
        )

    def shared(q: Questionnaire, rows: list[list[int]]):
        spec = WorkshopSpec(q)
        responses = [StoredResponse(n, dict(zip(q.item_ids, v, strict=True))) for n, v in enumerate(rows, start=1)]
        plan = plan_publication(spec, responses, PublicationRecord())
        return shown_report(spec, responses, PublicationRecord(plan.round, dict.fromkeys(plan.admit, 1), plan.versions))

    before, after = questionnaire("1", False), questionnaire("2", True)
    then = shared(before, [[2, 2, 4, 4, 3, 3]] * 3)
    now = shared(after, [[4, 4, 3, 3, 3, 3]] * 4)
    waves_panel(after, now, before, then, earlier_title="**Conseil** 2025")


def run(lang: str) -> AppTest:
    app = AppTest.from_function(_script, args=(lang,), default_timeout=TIMEOUT)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_both_waves_and_the_change_per_dimension() -> None:
    app = run("fr")
    frame = app.dataframe[0].value
    assert list(frame.columns) == ["Dimension", "Évolution", "Avant (personnes)", "Maintenant (personnes)"]
    rows = frame.values.tolist()
    # d1: 25 → 75; d2: 75 → 50; d3 reworded: now only; overall not compared (one dimension is not).
    assert rows[1] == ["Dimension 1", "↑ +50,0", "25,0 (3)", "75,0 (4)"]
    assert rows[2] == ["Dimension 2", "↓ \u221225,0", "75,0 (3)", "50,0 (4)"]
    assert rows[3] == ["Dimension 3", "–", "non comparable", "50,0 (4)"]  # one of its statements was reworded
    assert rows[0] == ["Global", "–", "non comparable", "58,3 (4)"]
    captions = "\n".join(c.value for c in app.caption)
    expected = "Comparé à l’atelier «\u00a0\\*\\*Conseil\\*\\* 2025\u00a0» (3 personnes comptées) et à celui-ci (4"
    assert expected in captions
    texts = "\n".join(m.value for m in app.markdown)
    assert "Affirmations non comparées" in texts and "- Reformulée" in texts


def test_in_english() -> None:
    app = run("en")
    frame = app.dataframe[0].value
    assert list(frame.columns) == ["Dimension", "Change", "Before (people)", "Now (people)"]
    assert frame.values.tolist()[1] == ["Dimension 1", "↑ +50.0", "25.0 (3)", "75.0 (4)"]
    items = app.dataframe[1].value.values.tolist()
    assert items[0] == ["Statement 1.1", "↑ +50.0", "25.0 (3)", "75.0 (4)"]  # the largest changes first
    assert not any(row[0] == "Reworded" for row in items)


def test_the_change_is_green_when_better_and_vermillion_when_worse() -> None:
    from ui.waves_view import styled_changes

    html = styled_changes(
        [["a", "↑ +1,0"], ["b", "↓ \u22121,0"], ["c", "= 0,0"]], ["x", "y"], ["up", "down", "same"]
    ).to_html()
    assert html.count("color: #009E73") == 1 and html.count("color: #D55E00") == 1

"""The baseline of the browser benchmarks: a bare Streamlit page with the widgets of the app and one polar chart.

    streamlit run bench/bare_app.py     (BARE_DB=/path/to/file.sqlite3; bench/bench_browser.py starts it)

No project module is imported: only Streamlit, Plotly, PyYAML and sqlite3, so that the difference with the app is
what the app adds. It asks the express questionnaire as the app does (a profile step, one step per dimension with
a radio per statement, « Suivant », a summary with « Envoyer mes réponses »), and saves every change at once into
a SQLite file with one upsert (the answers as JSON, as the app does), then shows one polar chart of the
person's dimension means. With ``?view=dashboard`` it reads every sent response of that file and shows the two
counts and one polar chart of the means (``&charts=40`` adds 40 bar charts, the app dashboard's amount of drawing).
Accessible names (radio groups, options, buttons, headings) are the app's, so that one driver works on both.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st
import yaml


@st.cache_resource
def express() -> dict:
    """Read once per process, as the app reads its questionnaires once (ui.catalogue)."""
    return yaml.safe_load((Path(__file__).resolve().parent.parent / "questionnaires" / "express.yaml").read_text())


EXPRESS = express()
DIMENSIONS = EXPRESS["dimensions"]
SCALE = EXPRESS["scale"]
LABELS = {int(value): text["fr"] if isinstance(text, dict) else text for value, text in SCALE["labels"].items()}
VALUES = [*range(SCALE["min"], SCALE["max"] + 1), "na"]
DB = os.environ.get("BARE_DB", "bare.sqlite3")


def fr(text: object) -> str:
    return text["fr"] if isinstance(text, dict) else str(text)


@st.cache_resource
def connection() -> sqlite3.Connection:
    conn = sqlite3.connect(DB, check_same_thread=False, isolation_level=None, timeout=10)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS responses (token TEXT PRIMARY KEY, answers TEXT NOT NULL, "
        "profile TEXT NOT NULL, step INTEGER NOT NULL, submitted INTEGER NOT NULL DEFAULT 0)"
    )
    return conn


def save(submitted: bool = False) -> None:
    state = st.session_state
    answers = {key.removeprefix("item."): value for key, value in state.items() if key.startswith("item.")}
    answers = {key: None if value == "na" else value for key, value in answers.items() if value is not None}
    connection().execute(
        "INSERT INTO responses (token, answers, profile, step, submitted) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (token) DO UPDATE SET answers = excluded.answers, profile = excluded.profile, "
        "step = excluded.step, submitted = excluded.submitted WHERE NOT responses.submitted",
        (
            state.token,
            json.dumps(answers),
            json.dumps({"organisation": state.get("organisation")}),
            state.step,
            int(submitted),
        ),
    )


def option_label(value: object) -> str:
    return "Je ne sais pas / sans objet" if value == "na" else f"{value} · {LABELS[int(value)]}"  # type: ignore[arg-type]


def polar(means: dict[str, float | None]) -> None:
    labels = [fr(d["label"]) for d in DIMENSIONS]
    figure = go.Figure(go.Scatterpolar(r=[means[d["id"]] for d in DIMENSIONS], theta=labels, fill="toself"))
    figure.update_layout(polar={"radialaxis": {"range": [0, 100]}}, showlegend=False, height=420)
    st.plotly_chart(figure, config={"displayModeBar": False})


def dimension_means(answers_list: list[dict[str, object]]) -> dict[str, float | None]:
    means: dict[str, float | None] = {}
    width = SCALE["max"] - SCALE["min"]
    for dimension in DIMENSIONS:
        values = [
            (int(answers[item["id"]]) - SCALE["min"]) / width * 100  # type: ignore[call-overload]
            for answers in answers_list
            for item in dimension["items"]
            if answers.get(item["id"]) is not None
        ]
        means[dimension["id"]] = sum(values) / len(values) if values else None
    return means


def go_to(step: int) -> None:
    st.session_state.step = step
    save()


def submit() -> None:
    st.session_state.submitted = True
    save(submitted=True)


def questionnaire() -> None:
    state = st.session_state
    state.setdefault("token", uuid.uuid4().hex)
    state.setdefault("step", 0)
    total = len(DIMENSIONS) + 2
    if state.get("submitted"):
        st.title("Vos résultats")
        answers = {key.removeprefix("item."): v for key, v in state.items() if key.startswith("item.")}
        answers = {k: (None if v == "na" else v) for k, v in answers.items()}
        st.metric("Score global (sur 100)", "—")
        polar(dimension_means([answers]))
        return
    st.title(fr(EXPRESS["title"]))
    st.progress((state.step + 1) / total, text=f"Étape {state.step + 1} sur {total}")
    if state.step == 0:
        st.header("Qui répond ?")
        st.radio(
            "Votre organisation", ["Association A", "Association B"], index=None, key="organisation", on_change=save
        )
    elif state.step <= len(DIMENSIONS):
        dimension = DIMENSIONS[state.step - 1]
        st.header(fr(dimension["label"]))
        for number, item in enumerate(dimension["items"], start=1):
            with st.container(border=True):
                st.radio(
                    f"{number}. {fr(item['text'])}",
                    VALUES,
                    format_func=option_label,
                    index=None,
                    horizontal=True,
                    key=f"item.{item['id']}",
                    on_change=save,
                )
        st.text_area("Un commentaire sur cette partie ? (facultatif)", key=f"comment.{dimension['id']}")
    else:
        st.header("Récapitulatif avant l’envoi")
        st.button("Envoyer mes réponses", type="primary", key="submit", on_click=submit, width="stretch")
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        if state.step > 0:
            st.button("Précédent", key="back", on_click=go_to, args=(state.step - 1,))
        else:
            st.empty()
        if state.step < total - 1:
            st.button("Suivant", key="next", on_click=go_to, args=(state.step + 1,), type="primary")


def dashboard(charts: int) -> None:
    rows = connection().execute("SELECT answers, submitted FROM responses").fetchall()
    sent = [json.loads(answers) for answers, submitted in rows if submitted]
    st.title("Tableau de bord")
    joined, submitted = st.columns(2)
    joined.metric("Ont commencé", len(rows))
    submitted.metric("Réponses envoyées", len(sent))
    polar(dimension_means(sent))
    items = [item for dimension in DIMENSIONS for item in dimension["items"]]
    for position in range(charts):
        item = items[position % len(items)]
        counts = [sum(1 for answers in sent if answers.get(item["id"]) == value) for value in VALUES[:-1]]
        figure = go.Figure(go.Bar(x=[str(v) for v in VALUES[:-1]], y=counts, text=counts))
        figure.update_layout(height=180, margin={"t": 10, "b": 10})
        st.markdown(f"**{position + 1}. {fr(item['text'])}**")
        st.plotly_chart(figure, config={"displayModeBar": False}, key=f"bars-{position}")


def results() -> None:
    """The results of a fixed set of answers: what the bare page shows after submitting."""
    answers = {item["id"]: 1 + n % 5 for n, item in enumerate(i for d in DIMENSIONS for i in d["items"])}
    st.title("Vos résultats")
    st.metric("Score global (sur 100)", "—")
    polar(dimension_means([answers]))


view = st.query_params.get("view")
if view == "results":
    results()
elif view == "dashboard":
    every = st.query_params.get("every")
    if every:  # a dashboard left open: everything drawn again every `every` seconds, as a timed fragment does
        st.fragment(run_every=float(every))(dashboard)(int(st.query_params.get("charts", 0)))
    else:
        dashboard(int(st.query_params.get("charts", 0)))
else:
    questionnaire()

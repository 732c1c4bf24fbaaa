"""« Choisir une forme de coopération »: a few questions, then the forms that fit, side by side with their trade-offs.

The rules are scoring.forms_choice's; the facts are the guide's data (content/forms/forms.yaml). The page ranks
nothing: the forms that fit come sorted by name, and the page says so.
"""

import streamlit as st

from ui.guide_view import ANSWER_CHOICES, POOL_KEYS, matching, show_side_by_side, show_unfit
from ui.language import current_language, t

lang = current_language()
st.title(t("guide.title"))
st.warning(t("guide.not_legal_advice"), icon=":material/gavel:")
st.markdown(t("guide.intro"))

with st.container(border=True):
    st.subheader(t("guide.q_pools"))
    pools = frozenset(pool for pool, key in POOL_KEYS.items() if st.checkbox(t(f"guide.pool.{pool}"), key=key))
    choices = ANSWER_CHOICES
    # A lookup, not a call to t(): the format function also runs outside the script, without the session's language.
    labels = {answer: t(f"guide.answer.{answer}") for answer in choices}
    public = st.radio(
        t("guide.q_public"),
        choices,
        index=choices.index("unknown"),
        format_func=labels.__getitem__,
        key="guide_public",
        horizontal=True,
    )
    keep = st.radio(
        t("guide.q_keep"),
        choices,
        index=choices.index("unknown"),
        format_func=labels.__getitem__,
        key="guide_keep",
        horizontal=True,
        help=t("guide.q_keep_help"),
    )
    structure = st.radio(
        t("guide.q_structure"),
        choices,
        index=choices.index("unknown"),
        format_func=labels.__getitem__,
        key="guide_structure",
        horizontal=True,
        help=t("guide.q_structure_help"),
    )

if not pools:
    st.info(t("guide.pick_pool"))
    st.stop()

fit, unfit = matching(pools, public, keep, structure, lang)
st.header(t("guide.fit_title", count=len(fit)))
if fit:
    st.caption(t("guide.order_note"))
    show_side_by_side(fit, lang)
else:
    st.info(t("guide.none_fits"))

if unfit:
    with st.expander(t("guide.unfit_title", count=len(unfit))):
        for one in unfit:
            show_unfit(one, lang)

st.caption(t("guide.sources_note"))

"""The guide's questions → forms rules, case by case (a table), and the properties they keep for any answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.forms import POOLS, shipped_forms_guide
from scoring.forms_choice import ANSWERS, Needs, Reason, assess, choose

GUIDE = shipped_forms_guide()

# (what is pooled, public partners?, each keeps its legal existence?, a structure acting in its own name?) →
# the forms that fit, by id.
CASES = [
    # Only staff, private partners, nobody disappears: the four forms that can share employees.
    (({"personnel"}, "no", "yes", "unknown"), {"convention", "groupement-employeurs", "gie", "gcsms"}),
    # Staff with a local authority: the employers' grouping stays, with a caution (see below); the GIP appears.
    (({"personnel"}, "yes", "yes", "unknown"), {"convention", "groupement-employeurs", "gie", "gip", "gcsms"}),
    # A common political voice, everyone staying: the union or federation (003:130).
    (({"voix"}, "no", "yes", "unknown"), {"union-federation"}),
    # The same voice when merging is acceptable: both fusions too (no gradient between them).
    (({"voix"}, "no", "no", "unknown"), {"union-federation", "fusion-absorption", "fusion-creation"}),
    # A public body cannot join a union of associations nor a merger of associations.
    (({"voix"}, "yes", "no", "unknown"), set()),
    # Authorisations, everyone staying: only the GCSMS can hold or operate them (L.312-7 3°).
    (({"autorisations"}, "unknown", "yes", "unknown"), {"gcsms"}),
    # Authorisations, no new structure wanted: the absorbing association takes them.
    (({"autorisations"}, "no", "no", "no"), {"fusion-absorption"}),
    # A project with a public partner and no new structure: a convention.
    (({"projet"}, "yes", "yes", "no"), {"convention"}),
    # The same project with a structure that acts in its own name: GIP or GCSMS.
    (({"projet"}, "yes", "yes", "yes"), {"gip", "gcsms"}),
    # Running activities together, private partners: the GIP needs a public one (003:140).
    (({"activites"}, "no", "yes", "unknown"), {"gie", "gcsms"}),
    (({"activites"}, "yes", "yes", "unknown"), {"gie", "gip", "gcsms"}),
    # Support functions and equipment, public partner present.
    (({"moyens"}, "yes", "yes", "unknown"), {"convention", "gie", "gip", "gcsms"}),
    # Everything, private partners who accept to disappear: only a merger pools it all.
    ((set(POOLS), "no", "no", "unknown"), {"fusion-absorption", "fusion-creation"}),
    # Everything while each organisation stays: no single form (several can be combined).
    ((set(POOLS), "no", "yes", "unknown"), set()),
    # Staff and activities, a structure wanted, private partners, each staying.
    (({"personnel", "activites"}, "no", "yes", "yes"), {"gie", "gcsms"}),
    # Nothing known yet but the wish to pool staff: every form pooling staff, cautions where in doubt.
    (
        ({"personnel"}, "unknown", "unknown", "unknown"),
        {"convention", "groupement-employeurs", "gie", "gip", "gcsms", "fusion-absorption", "fusion-creation"},
    ),
]


@pytest.mark.parametrize(("answers", "expected"), CASES, ids=[str(i) for i in range(len(CASES))])
def test_the_forms_that_fit_each_case(answers: tuple, expected: set[str]) -> None:
    pools, public, keep, structure = answers
    needs = Needs(frozenset(pools), public, keep, structure)
    fit, unfit = choose(GUIDE, needs)
    assert {f.form.id for f in fit} == expected
    assert {f.form.id for f in fit} | {f.form.id for f in unfit} == {form.id for form in GUIDE.forms}
    assert all(f.exclusions for f in unfit)


def test_each_exclusion_says_why() -> None:
    fit = assess(GUIDE.form("groupement-employeurs"), Needs(frozenset({"projet", "voix"})))
    assert fit.exclusions == (Reason("pool_missing", "projet"), Reason("pool_missing", "voix"))
    assert assess(GUIDE.form("gip"), Needs(frozenset({"projet"}), public_partners="no")).exclusions == (
        Reason("public_required"),
    )
    assert assess(GUIDE.form("union-federation"), Needs(frozenset({"voix"}), public_partners="yes")).exclusions == (
        Reason("public_excluded"),
    )
    assert assess(GUIDE.form("fusion-creation"), Needs(frozenset({"voix"}), keep_existence="yes")).exclusions == (
        Reason("members_disappear"),
    )
    assert assess(GUIDE.form("convention"), Needs(frozenset({"projet"}), own_structure="yes")).exclusions == (
        Reason("no_structure"),
    )
    assert assess(GUIDE.form("gcsms"), Needs(frozenset({"projet"}), own_structure="no")).exclusions == (
        Reason("new_structure"),
    )


def test_what_is_left_unknown_becomes_a_caution_not_an_exclusion() -> None:
    gip = assess(GUIDE.form("gip"), Needs(frozenset({"projet"})))
    assert gip.fits and gip.cautions == (Reason("public_required"),)
    fusion = assess(GUIDE.form("fusion-absorption"), Needs(frozenset({"projet"}), public_partners="no"))
    assert fusion.fits and fusion.cautions == (Reason("members_disappear"),)
    employers = assess(GUIDE.form("groupement-employeurs"), Needs(frozenset({"personnel"}), public_partners="yes"))
    assert employers.fits and employers.cautions == (Reason("public_limited"),)


def test_the_forms_come_back_by_name_not_by_a_rank() -> None:
    fit, _ = choose(GUIDE, Needs(frozenset({"personnel"})), "fr")
    names = [f.form.name["fr"] for f in fit]
    assert names[0].startswith("Convention") and names[-1].startswith("Groupement d’intérêt public")
    fit_en, _ = choose(GUIDE, Needs(frozenset({"personnel"})), "en")
    assert fit_en[0].form.name["en"] == "Cooperation agreement"


def test_an_unknown_pool_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="argent"):
        Needs(frozenset({"argent"}))


needs_strategy = st.builds(
    Needs,
    st.frozensets(st.sampled_from(POOLS), min_size=1),
    st.sampled_from(ANSWERS),
    st.sampled_from(ANSWERS),
    st.sampled_from(ANSWERS),
)


@settings(deadline=None, max_examples=200)
@given(needs_strategy, st.sampled_from(["public_partners", "keep_existence", "own_structure"]))
def test_saying_je_ne_sais_pas_never_removes_a_form(needs: Needs, question: str) -> None:
    from dataclasses import replace

    before = {f.form.id for f in choose(GUIDE, needs)[0]}
    after = {f.form.id for f in choose(GUIDE, replace(needs, **{question: "unknown"}))[0]}
    assert before <= after


@settings(deadline=None, max_examples=200)
@given(needs_strategy, st.sampled_from(POOLS))
def test_wanting_to_pool_more_never_adds_a_form(needs: Needs, pool: str) -> None:
    from dataclasses import replace

    more = replace(needs, pools=needs.pools | {pool})
    assert {f.form.id for f in choose(GUIDE, more)[0]} <= {f.form.id for f in choose(GUIDE, needs)[0]}

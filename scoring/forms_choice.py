"""From a few answers about what partners want to the forms of cooperation that fit: pure rules, one per answer.

The page « Choisir une forme de coopération » asks what the partners want to pool, whether public bodies are among
them, whether each organisation must keep its legal existence, and whether they need a structure able to act in
its own name. Each answer excludes the forms the guide's data rules out (content/forms/forms.yaml) or adds a
caution to them; « je ne sais pas » never excludes, it only cautions. Nothing is ranked: the forms that fit come
back sorted by name, since no source orders them (scoring.forms).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scoring.forms import POOLS, CooperationForm, FormsGuide
from scoring.model import text_in

Answer = Literal["yes", "no", "unknown"]
ANSWERS: tuple[Answer, ...] = ("yes", "no", "unknown")


@dataclass(frozen=True)
class Needs:
    pools: frozenset[str]  # among scoring.forms.POOLS; empty: the page asks for one first
    public_partners: Answer = "unknown"  # are public bodies among the partners?
    keep_existence: Answer = "unknown"  # must each organisation keep its legal existence?
    own_structure: Answer = "unknown"  # do they need a structure that employs, signs or holds in its own name?

    def __post_init__(self) -> None:
        unknown = set(self.pools) - set(POOLS)
        if unknown:
            raise ValueError(f"unknown pools: {sorted(unknown)}")


@dataclass(frozen=True)
class Reason:
    """Why a form does not fit, or what to check if it is chosen: an i18n key under ``guide.reason`` and, for a
    pool, which one."""

    code: Literal[
        "pool_missing",
        "public_excluded",
        "public_limited",
        "public_required",
        "members_disappear",
        "no_structure",
        "new_structure",
    ]
    pool: str | None = None


@dataclass(frozen=True)
class Fit:
    form: CooperationForm
    exclusions: tuple[Reason, ...]  # empty: the form fits
    cautions: tuple[Reason, ...]  # what the answers leave to check

    @property
    def fits(self) -> bool:
        return not self.exclusions


def acts_in_own_name(form: CooperationForm) -> bool:
    """A structure can employ, sign and hold for the partners: a new legal person, or the one left after a merger."""
    return form.legal_person.creates or not form.legal_person.members_remain


def assess(form: CooperationForm, needs: Needs) -> Fit:
    exclusions: list[Reason] = [Reason("pool_missing", pool) for pool in POOLS if pool in needs.pools - set(form.pools)]
    cautions: list[Reason] = []

    public = form.members.public
    if public == "no" and needs.public_partners != "no":
        (exclusions if needs.public_partners == "yes" else cautions).append(Reason("public_excluded"))
    if public == "required" and needs.public_partners != "yes":
        (exclusions if needs.public_partners == "no" else cautions).append(Reason("public_required"))
    if public == "limited" and needs.public_partners != "no":
        cautions.append(Reason("public_limited"))

    if not form.legal_person.members_remain and needs.keep_existence != "no":
        (exclusions if needs.keep_existence == "yes" else cautions).append(Reason("members_disappear"))

    if needs.own_structure == "yes" and not acts_in_own_name(form):
        exclusions.append(Reason("no_structure"))
    if needs.own_structure == "no" and form.legal_person.creates:
        exclusions.append(Reason("new_structure"))
    return Fit(form, tuple(exclusions), tuple(cautions))


def choose(guide: FormsGuide, needs: Needs, lang: str = "fr") -> tuple[list[Fit], list[Fit]]:
    """(the forms that fit, those that do not), each sorted by name in ``lang``: an order that ranks nothing."""
    fits = sorted((assess(form, needs) for form in guide.forms), key=lambda fit: _sort_key(fit.form, lang))
    return [fit for fit in fits if fit.fits], [fit for fit in fits if not fit.fits]


def _sort_key(form: CooperationForm, lang: str) -> str:
    import unicodedata

    name = unicodedata.normalize("NFKD", text_in(form.name, lang))
    # Letters and digits only, as a French index sorts: « d’employeurs » after « de coopération ».
    return "".join(char for char in name if char.isalnum()).casefold()

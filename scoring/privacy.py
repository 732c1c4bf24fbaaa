"""Complementary suppression of a breakdown, for screens that also show the whole group.

DESIGN.md suppresses each group under ``min_group_size`` (step 9). On a screen that shows the whole group's
figures too, that is not enough: with 3 board members shown and 1 employee suppressed, the employee's score is
4 × overall − 3 × board members'. So when the people hidden (suppressed groups, plus respondents with no group
value) number from 1 to ``min_group_size`` − 1, the next smallest shown group is hidden too, until they are
at least ``min_group_size`` or nothing is shown. The command line's JSON keeps DESIGN.md's rule as written.
"""

from __future__ import annotations

from scoring.results import GroupReport


def protect_breakdown(
    groups: dict[str, GroupReport], n_respondents: int, min_group_size: int
) -> dict[str, GroupReport]:
    protected = dict(groups)
    shown = sorted((g.n_respondents, value) for value, g in protected.items() if not g.suppressed)
    hidden = n_respondents - sum(size for size, _ in shown)
    while shown and 0 < hidden < min_group_size:
        size, value = shown.pop(0)
        protected[value] = GroupReport(n_respondents=size, suppressed=True)
        hidden += size
    return protected

"""A suppressed group must not be recoverable by subtracting the shown groups from the whole."""

from scoring.privacy import protect_breakdown
from scoring.results import GroupReport, OverallScore


def shown(n: int) -> GroupReport:
    return GroupReport(
        n_respondents=n, suppressed=False, overall=OverallScore(score=50.0, band="watch"), dimensions=[], items=[]
    )


def hidden(n: int) -> GroupReport:
    return GroupReport(n_respondents=n, suppressed=True)


def test_one_employee_beside_three_board_members_hides_both() -> None:
    groups = {"administrateur": shown(3), "salarie": hidden(1)}
    protected = protect_breakdown(groups, n_respondents=4, min_group_size=3)
    assert all(group.suppressed for group in protected.values())
    assert protected["administrateur"].n_respondents == 3


def test_the_smallest_shown_group_is_hidden_first_and_only_as_needed() -> None:
    groups = {"a": shown(5), "b": shown(3), "c": hidden(2)}
    protected = protect_breakdown(groups, n_respondents=10, min_group_size=3)
    assert [protected[k].suppressed for k in "abc"] == [False, True, True]


def test_respondents_without_a_group_count_as_hidden() -> None:
    groups = {"a": shown(4), "b": shown(3)}
    protected = protect_breakdown(groups, n_respondents=8, min_group_size=3)
    assert protected["b"].suppressed and not protected["a"].suppressed


def test_nothing_hidden_means_nothing_changes() -> None:
    groups = {"a": shown(4), "b": shown(3)}
    assert protect_breakdown(groups, n_respondents=7, min_group_size=3) == groups


def test_enough_hidden_people_need_no_extra_suppression() -> None:
    groups = {"a": shown(4), "b": hidden(2), "c": hidden(1)}
    assert protect_breakdown(groups, n_respondents=7, min_group_size=3) == groups

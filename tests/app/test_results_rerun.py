"""What a rerun of one's results page builds (issue 11: its server-side rerun, under 50 ms): its folded tables are
built only once opened. (Its figures: tests/app/test_figure_cache.py.)"""

from __future__ import annotations

from i18n import translate
from storage import Store
from tests.app.helpers import assert_no_exception, new_app
from ui.catalogue import get_questionnaire

EXPRESS = get_questionnaire("express")
TABLES = {"results_scores_table": "results.col_dimension", "results_items_table": "results.col_item"}


def test_the_folded_tables_are_built_only_once_opened() -> None:
    store = Store()
    token = store.new_respondent_token()
    answers = {item.id: 1 + n % 5 for n, item in enumerate(EXPRESS.items)}
    store.save_draft(
        token, questionnaire_id=EXPRESS.id, workshop_id=None, answers=answers, profile={}, comments={}, step=0
    )
    store.submit(token)
    app = new_app("fr", r=token)
    app.run()
    app.switch_page("app_pages/results.py").run()
    assert_no_exception(app)
    assert not app.dataframe
    labels = [e.label for e in app.expander]
    assert translate("results.table_title", "fr") in labels and translate("results.items_table_title", "fr") in labels
    for key, column in TABLES.items():
        app.session_state[key] = True  # opened: the expander reruns the page
        app.run()
        assert_no_exception(app)
        assert [d for d in app.dataframe if translate(column, "fr") in d.value.columns], key
    assert len(app.dataframe) == 2

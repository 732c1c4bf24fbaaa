"""A workshop created from the page keeps its questionnaire's scale, which the database holds every answer to."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from i18n import translate
from storage import Store
from tests.app.helpers import assert_no_exception, by_label, new_app
from ui.catalogue import shipped_questionnaires


def test_the_created_workshop_keeps_the_questionnaires_scale() -> None:
    app = new_app("fr")
    app.run()
    app.switch_page("app_pages/workshop.py").run()
    by_label(app.text_input, translate("workshop.field_title", "fr")).input("Conseil")
    by_label(app.selectbox, translate("workshop.field_questionnaire", "fr")).set_value("express")
    by_label(app.text_area, translate("workshop.field_organisations", "fr")).input("Association A")
    by_label(app.button, translate("workshop.create", "fr")).click().run()
    assert_no_exception(app)

    scale = shipped_questionnaires()["express"].scale
    engine = create_engine(Store().url)
    try:
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT scale_min, scale_max, allow_na FROM workshops")).one()
    finally:
        engine.dispose()
    assert tuple(stored) == (scale.min, scale.max, scale.allow_na)

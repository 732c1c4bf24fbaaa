"""« Importer un questionnaire »: a questionnaire of one's own (YAML or workbook) checked, previewed as a respondent
will see it, then used for a workshop (issue 17). Nothing is kept before the workshop is created."""

import hashlib

import streamlit as st

from scoring.model import text_in
from ui import browser_memory, importing, workshop_form, workshops
from ui.import_preview import STEP, show_preview
from ui.language import current_language, t
from ui.text import plain

lang = current_language()
CHECKED = "import_checked"
st.title(t("import.title"))
st.markdown(t("import.intro"))
st.download_button(
    t("import.example"),
    data=importing.example_workbook(),
    file_name=importing.EXAMPLE_NAME,
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    key="import_example",
)
st.caption(t("import.example_help"))

upload = st.file_uploader(
    t("import.upload", limit=importing.MAX_UPLOAD_MB),
    type=importing.UPLOAD_TYPES,
    key="import_upload",
    max_upload_size=importing.MAX_UPLOAD_MB,
)
if upload is None:
    st.session_state.pop(CHECKED, None)
    browser_memory.write_pending()
    st.stop()

data = upload.getvalue()
# Checked once per file and language: a rerun (a step of the preview) does not read the workbook again.
identity = (hashlib.sha256(data).hexdigest(), upload.name, lang)
held = st.session_state.get(CHECKED)
if held is None or held[0] != identity:
    st.session_state[STEP] = 0
    held = (identity, importing.check_upload(upload.name, data, lang))
    st.session_state[CHECKED] = held
checked = held[1]

if checked.questionnaire is None:
    st.error(t("import.problems", count=len(checked.problems)))
    # Plain text, as the file has it: a message quotes the author's cells.
    st.code("\n".join(checked.problems), language=None, wrap_lines=True)
    st.caption(t("import.nothing_kept"))
    browser_memory.write_pending()
    st.stop()

questionnaire = checked.questionnaire
st.success(
    t(
        "import.valid",
        title=plain(text_in(questionnaire.title, lang)),
        dimensions=len(questionnaire.dimensions),
        items=len(questionnaire.items),
    )
)
st.header(t("import.preview_title"))
st.caption(t("import.preview_help"))
show_preview(questionnaire, lang)

st.header(t("import.create_title"))
st.caption(t("import.create_help"))
with st.form("import_workshop", enter_to_submit=False):
    title = workshop_form.title_field(t)
    audience = workshop_form.audience_fields(
        t, {field.id: plain(text_in(field.label, lang)) for field in questionnaire.profile}
    )
    submitted = st.form_submit_button(t("import.create"), type="primary")
if submitted:
    title, organisations, problems = workshop_form.checked(title, audience)
    workshop_form.show_problems(t, problems)
    if not problems:
        result = importing.create_workshop(
            questionnaire,
            title=title,
            organisations=organisations,
            profile_fields=audience.profile_fields,
            show_results_to_participants=audience.show_results,
        )
        if result is None:
            st.error(t("import.storage_down"))
        else:
            browser_memory.remember_workshop(result.participant_code, result.facilitator_key)
            st.session_state.pop(CHECKED, None)
            # The workshop page shows a new workshop's code, QR code and links, as for a shipped questionnaire (and
            # writes what this browser remembers).
            st.session_state[workshops.CREATED] = {"code": result.participant_code, "key": result.facilitator_key}
            st.switch_page("app_pages/workshop.py")
browser_memory.write_pending()

"""ui.browser_memory's pure parts: what is read from the cookie a browser sends, and the script that writes it."""

from __future__ import annotations

import json
from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st

from ui.browser_memory import COOKIE, MAX_COOKIE_BYTES, response_slot, script_for, sent_by_browser

TOKEN = "Abc_-0123456789xyzXYZ0"


def cookie(memory: object) -> dict[str, str]:
    return {COOKIE: quote(json.dumps(memory))}


def test_the_slots_of_the_expected_shape_are_read() -> None:
    memory = {
        "solo": {"r": TOKEN, "extra": "ignored"},
        response_slot("abcd-efgh"): {"r": TOKEN, "sent": True},
        "response:WXYZ1234": {"r": TOKEN, "sent": "yes"},  # not True: not sent
    }
    assert sent_by_browser(cookie(memory)) == {
        "solo": {"r": TOKEN},
        "response:ABCDEFGH": {"r": TOKEN, "sent": True},
        "response:WXYZ1234": {"r": TOKEN, "sent": False},
    }


def test_anything_else_is_ignored() -> None:
    forged = {
        "solo": {"r": "<script>alert(1)</script>"},
        "response:abc-def": {"r": TOKEN},  # a code is upper-case letters and digits only
        "response:ABCD": "not an object",
        "admin": {"r": TOKEN},
    }
    assert sent_by_browser(cookie(forged)) == {}
    assert sent_by_browser({COOKIE: "%7Bnot json"}) == {}
    assert sent_by_browser({COOKIE: quote(json.dumps(["solo"]))}) == {}
    assert sent_by_browser({COOKIE: "x" * (3 * MAX_COOKIE_BYTES)}) == {}
    assert sent_by_browser({}) == {}


@given(
    st.recursive(
        st.none() | st.booleans() | st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)
    )
)
@settings(deadline=None)
def test_whatever_the_browser_sends_reading_it_never_fails(memory: object) -> None:
    slots = sent_by_browser(cookie(memory))
    assert all(name == "solo" or name.startswith("response:") for name in slots)


@given(st.text())
@settings(deadline=None)
def test_the_script_carries_its_data_as_json_that_cannot_close_the_script(value: str) -> None:
    changes = [["solo", {"r": value}]]
    script = script_for(changes)
    literal = script.split("const changes = ", 1)[1].split(";\n", 1)[0]
    assert json.loads(literal) == changes
    # Nothing that could end the script element or open markup, whatever the value holds.
    assert not set(literal) & set("<>&\u2028\u2029")
    assert script.count("</script>") == 1 and script.endswith("</script>")


def test_a_workshop_slot_keeps_a_facilitator_key_of_the_right_shape_only() -> None:
    key = "k" * 43
    memory = {
        "workshop:ABCDEFGH": {"k": key, "title": "not kept"},
        "workshop:abcd": {"k": key},  # a code is upper-case letters and digits only
        "workshop:WXYZ2345": {"k": "short"},
        "workshop:QRST6789": {"k": "<script>" + "k" * 40},
    }
    assert sent_by_browser(cookie(memory)) == {"workshop:ABCDEFGH": {"k": key}}

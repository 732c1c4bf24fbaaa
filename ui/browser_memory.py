"""What this browser remembers between visits, and nothing else does: the one module that reads and writes it.

The server keeps nothing about a browser in clear: no account, no IP address. What a browser remembers is kept by
the browser, in one cookie, :data:`COOKIE`, holding small JSON *slots* by name:

- ``response:<CODE>``: the respondent token this browser answers a workshop under, and whether it was sent, so
  that the join link reopened on this phone says « Vous avez déjà répondu » instead of counting the phone twice,
  and a new tab goes back to a questionnaire in progress;
- ``solo``: the token of the questionnaire answered alone, so that a new tab finds it in progress;
- ``workshop:<CODE>``: the facilitator key of a workshop created on this browser, for « Mes ateliers »: the server
  keeps the key only hashed, so a facilitator who closed the tab finds their workshops here, and nowhere else.

Reading: the browser sends the cookie when it opens the app's websocket, and Streamlit gives it to the session
as ``st.context.cookies``, on the session's first run, with no round trip (so a page never waits for it, and
never shows a « Commencer » button that a moment later becomes « déjà répondu »). What the browser sends is
untrusted input like any other: only slots of the expected shape are read, the rest is ignored, and a token
read here opens nothing by itself (storage checks it like a token from the URL).

Writing: :func:`remember` and :func:`forget` change this session's view at once, and :func:`write_pending` (run
by the pages that use the memory) renders a constant script that merges the changes into the cookie, in the
browser, so that other tabs' changes are kept. The data reach the script as JSON escaped for an HTML script
element: nothing typed by a user is ever part of it (tokens and codes are URL-safe by construction).

Adding a slot (« Mes ateliers », issue 18): pick a name, give it a reader in :func:`_valid_slot` that accepts only
its shape, and keep it small: the whole cookie stays under :data:`MAX_COOKIE_BYTES`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import streamlit as st

COOKIE = "radar_memory"
# A little under the 4,096 bytes browsers keep per cookie; the script drops the oldest slots beyond it.
MAX_COOKIE_BYTES = 3_500
# A workshop lasts an evening, a solo draft is kept 30 days (ui.services.DRAFT_RETENTION): a month is enough.
MAX_AGE_S = 30 * 24 * 3600
# This session's changes, applied over what the browser sent (st.context.cookies does not change in a session),
# and those the browser has not been sent yet.
SESSION_KEY = "browser_memory"

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_CODE = re.compile(r"^[A-Z0-9]{4,16}$")
_KEY = re.compile(r"^[A-Za-z0-9_-]{43,128}$")  # storage.codes: token_urlsafe(32) gives 43 characters
WORKSHOP_PREFIX = "workshop:"

# Merges the changes into the cookie in the browser: read, apply, drop the oldest slots if too long, write back.
# Constant: only the changes vary, as a JSON literal in place of __CHANGES__.
_SCRIPT = """<script>(() => {
  const name = "__COOKIE__";
  const changes = __CHANGES__;
  let memory = {};
  for (const part of document.cookie.split("; ")) {
    if (part.startsWith(name + "=")) {
      try { memory = JSON.parse(decodeURIComponent(part.slice(name.length + 1))) || {}; } catch (e) { memory = {}; }
    }
  }
  if (typeof memory !== "object" || Array.isArray(memory)) { memory = {}; }
  for (const [slot, value] of changes) {
    delete memory[slot];
    if (value !== null) { memory[slot] = value; }
  }
  let text = encodeURIComponent(JSON.stringify(memory));
  while (text.length > __LIMIT__ && Object.keys(memory).length) {
    delete memory[Object.keys(memory)[0]];
    text = encodeURIComponent(JSON.stringify(memory));
  }
  document.cookie = name + "=" + text + "; path=/; max-age=__MAX_AGE__; SameSite=Strict";
})();</script>"""
for _name, _value in {"__COOKIE__": COOKIE, "__LIMIT__": MAX_COOKIE_BYTES, "__MAX_AGE__": MAX_AGE_S}.items():
    _SCRIPT = _SCRIPT.replace(_name, str(_value))


def _session() -> dict[str, Any]:
    memory = st.session_state.get(SESSION_KEY)
    if not isinstance(memory, dict):
        memory = {"changes": {}, "pending": []}
        st.session_state[SESSION_KEY] = memory
    return memory


def _valid_slot(name: str, value: object) -> dict[str, Any] | None:
    """A slot as sent by the browser, if it has its expected shape; None otherwise."""
    if not isinstance(value, dict):
        return None
    if name.startswith(WORKSHOP_PREFIX):
        key = value.get("k")
        valid_name = _CODE.match(name.removeprefix(WORKSHOP_PREFIX))
        return {"k": key} if valid_name and isinstance(key, str) and _KEY.match(key) else None
    token = value.get("r")
    if not isinstance(token, str) or not _TOKEN.match(token):
        return None
    if name == "solo":
        return {"r": token}
    if name.startswith("response:") and _CODE.match(name.removeprefix("response:")):
        return {"r": token, "sent": value.get("sent") is True}
    return None


def sent_by_browser(cookies: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """The valid slots of the memory cookie among ``cookies`` (what the browser sent); pure."""
    raw = cookies.get(COOKIE)
    if not raw or len(raw) > 2 * MAX_COOKIE_BYTES:
        return {}
    try:
        from urllib.parse import unquote

        memory = json.loads(unquote(raw))
    except (ValueError, TypeError):
        return {}
    if not isinstance(memory, dict):
        return {}
    slots = {}
    for name, value in memory.items():
        if isinstance(name, str):
            valid = _valid_slot(name, value)
            if valid is not None:
                slots[name] = valid
    return slots


def browser_cookies() -> Mapping[str, str]:
    """The cookies the browser sent when this session opened (a function of its own, for the tests to seed)."""
    return st.context.cookies


def recall(slot: str) -> dict[str, Any] | None:
    """What this browser remembers under ``slot``, with this session's changes; None if nothing."""
    changes = _session()["changes"]
    if slot in changes:
        return changes[slot]
    return sent_by_browser(browser_cookies()).get(slot)


def remember(slot: str, value: dict[str, Any]) -> None:
    """Keep ``value`` under ``slot`` (for this session at once, in the browser at the next :func:`write_pending`)."""
    memory = _session()
    memory["changes"][slot] = value
    memory["pending"].append([slot, value])


def forget(slot: str) -> None:
    memory = _session()
    memory["changes"][slot] = None
    memory["pending"].append([slot, None])


def script_for(changes: list[list[Any]]) -> str:
    """The script that merges ``changes`` into the cookie; pure (tested apart)."""
    literal = json.dumps(changes, ensure_ascii=True)
    # Inside a script element: no « </script> », no HTML comment, whatever a value holds.
    literal = literal.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _SCRIPT.replace("__CHANGES__", literal)


def write_pending() -> None:
    """Send this session's unsent changes to the browser. Pages that remember things call it once per run."""
    memory = _session()
    if memory["pending"]:
        st.html(script_for(memory["pending"]), unsafe_allow_javascript=True, width="content")
        memory["pending"] = []


# ----- the slots this app uses ---------------------------------------------------------------------------------


def response_slot(code: str) -> str:
    return "response:" + "".join(ch for ch in code.upper() if ch.isalnum())


def remember_response(code: str | None, token: str, *, sent: bool) -> None:
    """A workshop response on this browser (``code``), or, with no code, the questionnaire answered alone."""
    slot, value = (response_slot(code), {"r": token, "sent": sent}) if code else ("solo", {"r": token})
    if recall(slot) != value:  # written only when it changes: each write is a script sent to the browser
        remember(slot, value)


def response_for(code: str) -> dict[str, Any] | None:
    return recall(response_slot(code))


def workshop_slot(code: str) -> str:
    return WORKSHOP_PREFIX + "".join(ch for ch in code.upper() if ch.isalnum())


def remember_workshop(code: str, key: str) -> None:
    """A workshop created on this browser, for « Mes ateliers »."""
    slot, value = workshop_slot(code), {"k": key}
    if recall(slot) != value:
        remember(slot, value)


def forget_workshop(code: str) -> None:
    forget(workshop_slot(code))


def remembered_workshops() -> list[tuple[str, str]]:
    """(participant code, facilitator key) of the workshops this browser remembers, the newest first."""
    slots = dict(sent_by_browser(browser_cookies()))
    for slot, value in _session()["changes"].items():
        slots.pop(slot, None)  # a slot written again moves to the end, as the browser's script does
        if value is not None:
            slots[slot] = value
    found = [
        (slot.removeprefix(WORKSHOP_PREFIX), value["k"])
        for slot, value in slots.items()
        if slot.startswith(WORKSHOP_PREFIX)
    ]
    return found[::-1]

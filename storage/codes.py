"""The three secrets of the application, how they are drawn, and how strong they are.

All three come from `secrets` (the operating system's CSPRNG), never from `random`.

=====================  ===========================================  =================  ===========
secret                 drawn as                                     entropy            who holds it
=====================  ===========================================  =================  ===========
participant code       8 symbols from a 31-symbol alphabet          8·log2(31) ≈ 39.6  everyone in
                       (digits and capitals without 0 O 1 I L),     bits (≈ 8.5·10¹¹   the room
                       shown ``ABCD-EFGH``                          codes)
facilitator key        ``secrets.token_urlsafe(32)``: 32 bytes,     256 bits           the facilitator
                       43 URL-safe characters
respondent token       ``secrets.token_urlsafe(16)``: 16 bytes,     128 bits           one respondent
                       22 URL-safe characters                                          (page URL)
projection token       HMAC-SHA256 of the facilitator key,          256 bits           the projector
                       43 URL-safe characters                                          (its URL bar)
=====================  ===========================================  =================  ===========

The participant code is short because people copy it from a projected slide; it only lets one join and
answer, so 39.6 bits suffice against guessing when the app limits attempts (≈ 10⁻⁹ chance per guess even with
1,000 live workshops). The facilitator key opens results, export and deletion, so it gets full strength and is
drawn independently of the code: neither can be derived from the other.

The projection token opens the read-only projection view and nothing else. It exists because a projected
browser window shows its address bar to the whole room: a photo of a URL carrying the facilitator key would let
anyone close or delete the workshop. It is derived from the key (so the dashboard, which holds the key, can
always give it again) with a keyed one-way function, so it cannot be turned back into the key.

Only SHA-256 hashes of the facilitator key, of projection tokens and of respondent tokens are stored, so a copy
of the database does not open any dashboard nor resume anyone's answers. A plain, unsalted, fast hash is enough
here because the inputs are uniformly random with ≥ 128 bits: there is no dictionary to try, and salting
protects nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: they are misread when copied by hand
CODE_LENGTH = 8  # 8 × log2(31) ≈ 39.6 bits
FACILITATOR_KEY_BYTES = 32  # 256 bits
RESPONDENT_TOKEN_BYTES = 16  # 128 bits

# What people put around a code they retype or paste: spaces (incl. non-breaking), hyphens and dashes
# (word processors turn "-" into "–"), underscores and dots.
_CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212_.]+")
_URLSAFE = re.compile(r"[A-Za-z0-9_-]+")
_KEY_LENGTHS = range(43, 129)  # token_urlsafe(32) gives 43 characters; longer keys leave room to grow
_TOKEN_LENGTHS = range(22, 129)  # token_urlsafe(16) gives 22; a shorter token would be guessable


def new_participant_code() -> str:
    """A fresh code in stored form: 8 symbols, no separator."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_participant_code(code: str) -> str:
    """Stored form -> displayed form, ``ABCD-EFGH`` (two halves are easier to read out and type)."""
    half = CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def normalize_participant_code(text: str) -> str | None:
    """What a person typed -> stored form, or None if it cannot be a code.

    Case, spaces and dashes are ignored, so that ``abcd efgh`` and ``ABCD–EFGH`` both work.
    """
    if not isinstance(text, str) or len(text) > 64:
        return None
    code = _CODE_SEPARATORS.sub("", text).upper()
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def new_facilitator_key() -> str:
    return secrets.token_urlsafe(FACILITATOR_KEY_BYTES)


def new_respondent_token() -> str:
    return secrets.token_urlsafe(RESPONDENT_TOKEN_BYTES)


# Domain separation: the same key must never give the same bytes for two different purposes.
_PROJECTION_LABEL = b"radar-du-partenariat/projection/v1"


def projection_token_for(facilitator_key: str) -> str:
    """The read-only projection token of a workshop, derived from its facilitator key (43 URL-safe characters)."""
    digest = hmac.new(facilitator_key.encode("utf-8"), _PROJECTION_LABEL, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def hash_secret(secret: str) -> str:
    """Hex SHA-256: what the database keeps instead of a facilitator key or a respondent token."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def looks_like_facilitator_key(text: object) -> bool:
    """Cheap shape check, so that obvious garbage (or a participant code) never reaches the database.

    A projection token has the same shape; what tells them apart is which stored hash it matches.
    """
    return isinstance(text, str) and len(text) in _KEY_LENGTHS and _URLSAFE.fullmatch(text) is not None


def looks_like_respondent_token(text: object) -> bool:
    """Shape check; it also refuses short hand-made tokens typed into the URL, which could be guessed."""
    return isinstance(text, str) and len(text) in _TOKEN_LENGTHS and _URLSAFE.fullmatch(text) is not None

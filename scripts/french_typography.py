"""Put the non-breaking spaces of French typography into a catalogue: before : ; ? ! and inside « »."""

import re
import sys
from pathlib import Path

NBSP = "\u00a0"
NNBSP = "\u202f"


def fix(text: str) -> str:
    text = re.sub(r" ([:;?!])", NNBSP + r"\1", text)
    text = text.replace("« ", "«" + NBSP).replace(" »", NBSP + "»")
    return text


if __name__ == "__main__":
    for name in sys.argv[1:]:
        path = Path(name)
        path.write_text(fix(path.read_text(encoding="utf-8")), encoding="utf-8")

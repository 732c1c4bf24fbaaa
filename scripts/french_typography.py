"""French typography: one set of rules for every French text the project shows or ships, and a fixer.

Every test that checks French text uses :func:`problems` (or :func:`markdown_problems` for a page): the interface
catalogue ``i18n/fr.yaml``, the command line's messages, the French texts of the shipped questionnaires, and the
French guides ``questionnaires/README.md`` and ``SOURCES.md`` (``tests/test_typography.py``). As a script, it puts
in the no-break spaces the rules ask for::

    python scripts/french_typography.py i18n/fr.yaml questionnaires/README.md   # fix in place
    python scripts/french_typography.py --check questionnaires/README.md        # list the problems, exit 1

The rules:

- the typographic apostrophe ’, never ' ; guillemets « », never straight quotes ";
- a no-break space inside « » (U+00A0 or the narrow U+202F);
- a no-break space before ; : ! ? (the narrow U+202F, or U+00A0), except in code such as 12:30 or file.py:3;
- accented capitals: Étape, État, À la...

What is not prose is left alone: placeholders ``{value}``, URLs, Markdown code (`` `x` `` and fenced blocks), and
what « » quote (a key or a value shown as written).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

NBSP = "\u00a0"
NNBSP = "\u202f"
NO_BREAK = NBSP + NNBSP
UNACCENTED_CAPITALS = re.compile(r"\b(Etape|Etat|Ecole|Equipe|Ethique|Economie|Evaluation|A la|A l’|A l')")
MARKDOWN_FENCE = re.compile(r"^ *```.*?^ *```[^\n]*$", re.M | re.S)
# A Markdown section in English (« ## English summary », « ## In English ») keeps English punctuation.
ENGLISH_HEADING = re.compile(r"^#+ .*\benglish\b", re.I)
MARKDOWN_CODE = re.compile(r"`[^`\n]*`")


def prose(text: str, *, markdown: bool = False) -> str:
    """The text with what is not prose blanked out: placeholders, URLs, and in Markdown, code."""
    if markdown:
        text = MARKDOWN_FENCE.sub("", text)
        text = MARKDOWN_CODE.sub("code", text)
        text = re.sub(r"\]\([^)]*\)", "]", text)  # a link's target
        text = re.sub(r"^\|[-| :]*\|$", "", text, flags=re.M)  # a table's rule line
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"\{[^{}]*\}", "{}", text)  # {value}, {kind[fr]}, {score:.1f}: filled in later
    return re.sub(r"https?://\S+", "", text)


def problems(text: str, *, markdown: bool = False) -> list[str]:
    """What is wrong with one French text (or Markdown page, with ``markdown=True``); [] when all is well."""
    found = []
    text = prose(text, markdown=markdown)
    if re.search(rf"«[^{NO_BREAK}]|[^{NO_BREAK}]»", text):
        found.append("« » need a no-break space inside")
    text = re.sub(r"«[^«»]*»", "«»", text)  # quoted as written: a value, a key, YAML (« fr: ..., en: ... »)
    if "'" in text:
        found.append("straight apostrophe: use ’")
    if '"' in text:
        found.append("straight quotes: use « »")
    for mark in re.finditer(r"[:;?!]", text):
        before, after = text[: mark.start()], text[mark.end() :]
        if mark.group() == ":" and before[-1:].strip() and after[:1].strip():
            continue  # code, not prose: 12:30, file.py:3, C:\
        if mark.group() in "?!" and before[-1:] in "?!":
            continue  # the second of « ?! »
        if not before or before[-1] not in NO_BREAK:
            found.append(f"no no-break space before « {mark.group()} »")
    if UNACCENTED_CAPITALS.search(text):
        found.append("capital letters take their accents: É, À")
    return found


def fix(text: str) -> str:
    """The no-break spaces put in: before ; : ! ? and inside « » (ordinary spaces replaced, missing ones added)."""
    text = re.sub(r"[ \u00a0]([:;?!])", NNBSP + r"\1", text)
    text = re.sub(r"« ?", "«" + NBSP, text)
    text = re.sub(r" ?»", NBSP + "»", text)
    return text.replace("«" + NBSP + NBSP, "«" + NBSP).replace(NBSP + NBSP + "»", NBSP + "»")


def french_sections(text: str) -> list[tuple[int, str, bool]]:
    """The page cut at its headings: (first line number, text, whether it is French)."""
    sections: list[tuple[int, str, bool]] = []
    start, lines, french, in_code = 1, [], True, False
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if line.lstrip().startswith("```"):
            in_code = not in_code
        heading = line.startswith("#") and not in_code  # a « # comment » inside a code block is not a heading
        if heading and lines:
            sections.append((start, "".join(lines), french))
            start, lines = number, []
        if heading:
            french = not ENGLISH_HEADING.match(line)
        lines.append(line)
    sections.append((start, "".join(lines), french))
    return sections


def markdown_problems(text: str) -> list[str]:
    """The problems of a French Markdown page, each with its line number (code, links and English left alone)."""
    found = []
    for start, section, french in french_sections(text):
        if not french:
            continue
        blanked = MARKDOWN_FENCE.sub(lambda m: "\n" * m.group().count("\n"), section)
        for number, line in enumerate(blanked.splitlines(), start=start):
            found += [f"line {number}: {problem}" for problem in problems(line, markdown=True)]
    return found


PROTECTED = re.compile(r"^ *```.*?^ *```[^\n]*$|`[^`\n]*`|\]\([^)]*\)|https?://\S+|<!--.*?-->", re.M | re.S)


def fix_markdown(text: str) -> str:
    """:func:`fix` applied to the French prose of a Markdown page: code, links and English stay as they are."""
    pieces = []
    for _, section, french in french_sections(text):
        if not french:
            pieces.append(section)
            continue
        last = 0
        for match in PROTECTED.finditer(section):
            pieces += [fix(section[last : match.start()]), match.group()]
            last = match.end()
        pieces.append(fix(section[last:]))
    return "".join(pieces)


def check_file(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        return markdown_problems(text)
    import yaml  # a catalogue or a questionnaire: each French string value

    found: list[str] = []

    def walk(value: object, where: str, french: bool) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}".lstrip("."), french or key == "fr" or path.stem == "fr")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]", french)
        elif isinstance(value, str) and french:
            found.extend(f"{where}: {problem}" for problem in problems(value))

    walk(yaml.safe_load(text), "", False)
    return found


def main(argv: list[str]) -> int:
    check = "--check" in argv
    status = 0
    for name in [arg for arg in argv if arg != "--check"]:
        path = Path(name)
        if check:
            for problem in check_file(path):
                print(f"{name}: {problem}")
                status = 1
        else:
            text = path.read_text(encoding="utf-8")
            path.write_text(fix_markdown(text) if path.suffix == ".md" else fix(text), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

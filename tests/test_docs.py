"""The examples of docs/*.md (and of questionnaires/README.md) run, and say what the code does.

The markers are described in docs/README.md: ``<!-- file: NAME -->`` before a fenced block writes it to a scratch
folder; ``<!-- run -->`` before a ``console`` block runs its ``$ python -m ...`` command there; ``<!-- output -->``
before the next block gives what the command prints.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
import yaml

from scoring.loader import load_questionnaire
from scoring.problems import QuestionnaireError
from scoring.schema import questionnaire_schema

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "docs").glob("*.md"))
MARKED_BLOCK = re.compile(r"<!-- (?P<marker>[^>]*?) -->\s*\n```(?P<lang>[a-z]*)\n(?P<body>.*?)\n```", re.S)


@dataclass(frozen=True)
class Block:
    page: str
    marker: str
    lang: str
    body: str

    @property
    def where(self) -> str:
        return f"{self.page}, <!-- {self.marker} -->"


def marked_blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    return [Block(path.name, m["marker"].strip(), m["lang"], m["body"]) for m in MARKED_BLOCK.finditer(text)]


ALL_BLOCKS = [block for page in DOCS for block in marked_blocks(page)]
FILES = [block for block in ALL_BLOCKS if block.marker.startswith("file:")]


def file_name(block: Block) -> str:
    return block.marker.removeprefix("file:").split()[0]


def runs() -> list[tuple[Block, Block]]:
    """Each run block with the output block that follows it."""
    pairs = []
    for page in DOCS:
        blocks = marked_blocks(page)
        for index, block in enumerate(blocks):
            if block.marker.split()[0] == "run":
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                assert following and following.marker == "output", f"{block.where}: no <!-- output --> block after it"
                pairs.append((block, following))
    return pairs


RUNS = runs()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    names = [file_name(block) for block in FILES]
    assert len(names) == len(set(names)), f"a file name is used twice across docs/: {names}"
    for block in FILES:
        (folder / file_name(block)).write_text(block.body + "\n", encoding="utf-8")
    return folder


def test_the_pages_have_examples_and_every_marker_is_known() -> None:
    assert FILES and RUNS
    for block in ALL_BLOCKS:
        assert block.marker.split()[0] in {"file:", "run", "output"}, block.where
    for run, _ in RUNS:
        assert run.lang == "console" and run.body.startswith("$ python -m "), run.where
        assert run.marker in {"run", "run exit=2"}, run.where


def as_json_view(value: object) -> object:
    """A YAML document as a JSON view of it (what an editor's language server checks): keys are strings."""
    if isinstance(value, dict):
        return {str(key): as_json_view(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json_view(item) for item in value]
    return value


QUESTIONNAIRE_EXAMPLES = [block for block in FILES if file_name(block).endswith(".yaml")]


@pytest.mark.parametrize("block", QUESTIONNAIRE_EXAMPLES, ids=file_name)
def test_a_questionnaire_example_validates_or_is_marked_invalid(block: Block, scratch: Path) -> None:
    path = scratch / file_name(block)
    valid = jsonschema.Draft202012Validator(questionnaire_schema()).is_valid(as_json_view(yaml.safe_load(block.body)))
    if block.marker.endswith(" invalid"):
        with pytest.raises(QuestionnaireError):
            load_questionnaire(path)
    else:
        load_questionnaire(path)
        assert valid, f"{block.where}: refused by the JSON Schema"


def test_the_authors_guide_example_validates(tmp_path: Path) -> None:
    guide = (ROOT / "questionnaires" / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(id: .*?)\n```", guide, re.S)
    assert example, "questionnaires/README.md has a complete example"
    path = tmp_path / "guide.yaml"
    path.write_text(example[1] + "\n", encoding="utf-8")
    load_questionnaire(path)
    schema = jsonschema.Draft202012Validator(questionnaire_schema())
    assert schema.is_valid(as_json_view(yaml.safe_load(example[1])))


@pytest.mark.parametrize(("run", "output"), RUNS, ids=[f"{r.page}:{r.body[2:60]}" for r, _ in RUNS])
def test_a_command_example_prints_what_the_page_says(run: Block, output: Block, scratch: Path) -> None:
    words = shlex.split(run.body.removeprefix("$ "))
    assert words[:2] == ["python", "-m"], run.where
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, *words[1:]], cwd=scratch, env=env, capture_output=True, text=True, timeout=120
    )
    expected_exit = 2 if run.marker == "run exit=2" else 0
    assert result.returncode == expected_exit, (run.where, result.stdout, result.stderr)
    printed = result.stdout + result.stderr
    if output.lang == "json":
        assert json.loads(printed) == json.loads(output.body), run.where
    else:
        assert printed.splitlines() == output.body.splitlines(), run.where

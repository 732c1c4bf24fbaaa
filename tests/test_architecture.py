"""The architecture of DEVELOPERS.md, checked: import-linter's contracts (pyproject.toml) hold, say what the
table says, and catch a breach.

``lint-imports`` reads the code without running it; a contract per row of the table states which of the
project's packages (and which libraries) that package may not import. app.py is a module, which import-linter
cannot take as a root, so its imports are read here.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
CONTRACTS = {contract["id"]: contract for contract in CONFIG["contracts"]}
PACKAGES = set(CONFIG["root_packages"])
# The libraries of one layer, and the packages that may import them (the sentence under DEVELOPERS.md's table).
LIBRARY_HOMES = {"streamlit": {"ui", "app_pages"}, "sqlalchemy": {"storage"}, "plotly": {"reports", "ui"}}


def lint_imports(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The script installed beside this interpreter (the project's .venv), whatever the PATH says.
    script = Path(sys.executable).parent / "lint-imports"
    command = [str(script)] if script.exists() else [shutil.which("lint-imports") or "lint-imports"]
    return subprocess.run(
        [*command, "--no-logo", "--no-cache", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def architecture_table() -> dict[str, str]:
    """DEVELOPERS.md's table: package (``scoring``, ``app_pages``, ``app.py``) → its « may import » cell."""
    text = (ROOT / "DEVELOPERS.md").read_text(encoding="utf-8")
    section = text.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            rows[cells[0].strip("`").rstrip("/")] = cells[2]
    return rows


def allowed_by_table(cell: str) -> tuple[set[str], set[str]]:
    """The project packages a row allows as a whole, and the single modules it allows (``scoring.model``)."""
    names = re.findall(r"`([a-z_][a-z0-9_.]*)`", cell)
    whole = {name for name in names if "." not in name}
    single = {name for name in names if "." in name}
    return whole, single


def test_the_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in result.stdout, result.stdout


def test_each_row_of_the_table_has_its_contract_and_they_agree() -> None:
    table = architecture_table()
    assert set(table) == PACKAGES | {"app.py"}, "one row per root package of the contracts, and app.py"
    for package in PACKAGES:
        contract = CONTRACTS[package]
        assert contract["type"] == "forbidden"
        assert contract["source_modules"] == [package]
        whole, single = allowed_by_table(table[package])
        forbidden = set(contract["forbidden_modules"])
        expected = PACKAGES - whole - {package}
        assert forbidden & PACKAGES == expected, (package, table[package])
        # A module the row allows from a forbidden package is an ignored import, and nothing else is.
        ignored = {rule.split("->")[1].strip() for rule in contract.get("ignore_imports", [])}
        # (The row names the function, ``scoring.model.text_in``; the contract, its module.)
        assert {".".join(name.split(".")[:2]) for name in single} == ignored, package
        libraries = {library for library, homes in LIBRARY_HOMES.items() if package not in homes}
        assert forbidden - PACKAGES == libraries, package


def test_app_py_imports_only_ui_and_streamlit() -> None:
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    imported |= {
        node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    whole, _ = allowed_by_table(architecture_table()["app.py"])
    assert imported <= whole | {"streamlit"}, imported
    assert "ui" in imported


# A forbidden import per contract, added at the end of files of a copy of the code.
BREACHES = {
    "scoring": {"scoring/model.py": "import streamlit"},
    "storage": {"storage/codes.py": "import scoring.engine"},
    "reports": {"reports/figures.py": "import storage"},
    "i18n": {"i18n/__init__.py": "import scoring"},
    "ui": {"ui/text.py": "import sqlalchemy"},
    "app_pages": {"app_pages/home.py": "from storage import Store"},
    "acyclic": {"ui/text.py": "import ui.results_view", "ui/results_view.py": "import ui.text"},
}


def test_a_breach_of_each_contract_is_caught(tmp_path: Path) -> None:
    """The same contracts on a copy of the code with forbidden imports added: each contract must break."""
    assert set(BREACHES) == set(CONTRACTS), "every contract has its breach here"
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for breach in BREACHES.values():
        for file, line in breach.items():
            target = tmp_path / file
            target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"Contracts: 0 kept, {len(CONTRACTS)} broken." in result.stdout, result.stdout

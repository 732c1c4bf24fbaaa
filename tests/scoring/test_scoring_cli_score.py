"""``python -m scoring score``: responses in, docs/command-line.md's JSON out; bad input: exit 2, located, no file."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from scoring_testkit import SMALL

from scoring.cli import main

ROOT = Path(__file__).resolve().parents[2]
HEADER = "respondent,organisation,role,a1,a2,a3,b1,b2"
# Hand computation (scale 1-5: an answer v is worth 25·(v − 1); a2 is reversed; weights a2 3, alpha 2):
#   R1: a 5,1,5 -> 100,100,100 -> alpha 100; b 4,4 -> beta 75
#   R2: a 3,3,3 -> alpha 50;                 b 2,2 -> beta 25
#   R3: a 1,5,1 -> alpha 0;                  b unanswered -> beta null
#   R4: a 4,2,4 -> alpha 75;                 b 3,3 -> beta 50
#   R5: a 2,4,2 -> alpha 25;                 b 1,1 -> beta 0
ROWS = [
    "R1,Asso A,administrateur,5,1,5,4,4",
    "R2,Asso A,salarie,3,3,3,2,2",
    "R3,Asso A,salarie,1,5,1,,",
    "R4,Asso B,salarie,4,2,4,3,3",
    "R5,Asso B,,2,4,2,1,1",
]


def csv_file(tmp_path: Path, text: str, name: str = "responses.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def good_csv(tmp_path: Path) -> Path:
    return csv_file(tmp_path, "\n".join([HEADER, *ROWS]) + "\n")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["score", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_refused(
    capsys, tmp_path: Path, responses: Path, *expected: str, questionnaire: Path = SMALL, options: tuple = ()
) -> str:
    """Exit 2, every expected fragment on stderr, no traceback, and no output file."""
    output = tmp_path / "out.json"
    code, out, err = run(capsys, questionnaire, responses, *options, "-o", output)
    assert code == 2
    assert out == ""
    for fragment in expected:
        assert fragment in err
    assert "Traceback" not in err
    assert not output.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []
    return err


def test_round_trip_csv_to_json(capsys, tmp_path):
    output = tmp_path / "out.json"
    code, out, err = run(capsys, SMALL, good_csv(tmp_path), "--group-by", "organisation", "-o", output)
    assert (code, out, err) == (0, "", "")
    document = json.loads(output.read_text(encoding="utf-8"))
    assert document["questionnaire"] == {"id": "petit-test", "version": "1.0"}
    assert document["n_respondents"] == 5
    # alpha: 100, 50, 0, 75, 25: mean 50, median 50, sd sqrt((2500 + 0 + 2500 + 625 + 625) / 4) = 39.53
    # beta: 75, 25, 50, 0 (n 4): mean 37.5, median 37.5, sd sqrt((2·1406.25 + 2·156.25) / 3) = 32.27
    # overall: (2·50 + 37.5) / 3 = 45.83 -> priority
    assert document["overall"] == {"score": 45.8, "band": "priority"}
    alpha, beta = document["dimensions"]
    assert alpha == {"id": "alpha", "score": 50.0, "band": "watch", "n": 5, "median": 50.0, "sd": 39.5,
                     "min": 0.0, "max": 100.0, "consensus": 0.434}  # fmt: skip
    assert beta == {"id": "beta", "score": 37.5, "band": "priority", "n": 4, "median": 37.5, "sd": 32.3,
                    "min": 0.0, "max": 75.0, "consensus": 0.565}  # fmt: skip
    # a1 answers 5, 3, 1, 4, 2: μ = 3, p = 0.2 each; distances 2, 1, 0, 1, 2 of 4:
    # Cns = 1 + 0.2·(2·log2(0.5) + 2·log2(0.75)) = 1 + 0.2·(−2 − 0.830075) = 0.433985
    # b1 answers 4, 2, 3, 1: μ = 2.5, p = 0.25 each; distances 1.5, 0.5, 0.5, 1.5 of 4:
    # Cns = 1 + 0.25·(2·log2(0.625) + 2·log2(0.875)) = 1 + 0.25·(−1.356144 − 0.385290) = 0.564641
    assert document["items"] == [
        {"id": "a1", "dimension": "alpha", "n": 5, "mean": 50.0, "consensus": 0.434, "dissensus": True},
        {"id": "a2", "dimension": "alpha", "n": 5, "mean": 50.0, "consensus": 0.434, "dissensus": True},
        {"id": "a3", "dimension": "alpha", "n": 5, "mean": 50.0, "consensus": 0.434, "dissensus": True},
        {"id": "b1", "dimension": "beta", "n": 4, "mean": 37.5, "consensus": 0.565, "dissensus": True},
        {"id": "b2", "dimension": "beta", "n": 4, "mean": 37.5, "consensus": 0.565, "dissensus": True},
    ]
    # beta (37.5) before alpha (50), each with its band; then b1 (mean 37.5 < 50). a2's mean 50 is not < 50.
    assert document["recommendations"] == [
        {"dimension": "beta", "item": None, "band": "priority", "text": "Bêta prioritaire", "source": None},
        {"dimension": "alpha", "item": None, "band": "watch", "text": "Alpha vigilance", "source": None},
        {"dimension": "beta", "item": "b1", "band": "priority", "text": "Recommandation b1", "source": None},
    ]
    # Asso A: alpha 100, 50, 0 -> 50; beta 75, 25 -> 50; overall 50. Asso B has 2 < 3 respondents.
    groups = document["groups"]["organisation"]
    assert list(groups) == ["Asso A", "Asso B"]
    assert groups["Asso B"] == {"n_respondents": 2, "suppressed": True}
    assert groups["Asso A"]["n_respondents"] == 3
    assert groups["Asso A"]["overall"] == {"score": 50.0, "band": "watch"}
    assert [d["score"] for d in groups["Asso A"]["dimensions"]] == [50.0, 50.0]


def test_json_to_stdout_in_english(capsys, tmp_path):
    code, out, err = run(capsys, SMALL, good_csv(tmp_path), "--lang", "en")
    assert code == 0 and err == ""
    document = json.loads(out)
    assert "groups" not in document
    assert document["recommendations"][0]["text"] == "Beta priority"


def test_output_is_plain_utf8_with_accents(capsys, tmp_path):
    output = tmp_path / "out.json"
    run(capsys, SMALL, good_csv(tmp_path), "-o", output)
    text = output.read_text(encoding="utf-8")
    assert "Bêta prioritaire" in text and text.startswith('{\n  "questionnaire"')


def test_semicolons_windows_1252(capsys, tmp_path):
    text = (
        "respondent;organisation;a1;a2;a3;b1;b2\nR1;Société;4;2;4;3;3\nR2;Société;4,0;NSP;;nsp;NA\nR3;Société;4;;4;3;\n"
    )
    responses = csv_file(tmp_path, text, encoding="cp1252")
    code, out, err = run(capsys, SMALL, responses, "--group-by", "organisation")
    assert code == 0, err
    document = json.loads(out)
    assert list(document["groups"]["organisation"]) == ["Société"]
    assert document["dimensions"][0]["score"] == 75.0


def test_utf8_bom(capsys, tmp_path):
    responses = csv_file(tmp_path, "\ufeff" + "\n".join([HEADER, *ROWS]) + "\n")
    code, out, _ = run(capsys, SMALL, responses)
    assert code == 0 and json.loads(out)["n_respondents"] == 5


def test_xlsx_input(capsys, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    for row in ROWS:
        sheet.append([int(cell) if cell.isdigit() else (cell or None) for cell in row.split(",")])
    buffer = io.BytesIO()
    book.save(buffer)
    responses = tmp_path / "responses.xlsx"
    responses.write_bytes(buffer.getvalue())
    code, out, err = run(capsys, SMALL, responses)
    assert code == 0, err
    assert json.loads(out)["overall"] == {"score": 45.8, "band": "priority"}  # as from the CSV


def test_missing_item_column_only_warns(capsys, tmp_path):
    responses = csv_file(tmp_path, "respondent,a1,a2,a3,b1\nR1,4,2,4,3\n")
    code, out, err = run(capsys, SMALL, responses)
    assert code == 0
    assert "b2" in err and "attention" in err and "Traceback" not in err
    assert json.loads(out)["items"][4] == {
        "id": "b2", "dimension": "beta", "n": 0, "mean": None, "consensus": None, "dissensus": False
    }  # fmt: skip


def test_unknown_column(capsys, tmp_path):
    responses = csv_file(tmp_path, "respondent,a1,commentaire\nR1,4,très bien\n")
    assert_refused(capsys, tmp_path, responses, "ligne 1", "colonne «\u00a0commentaire\u00a0» (C)", "colonne inconnue")


def test_value_out_of_range(capsys, tmp_path):
    responses = csv_file(tmp_path, "respondent,a1,a2\nR1,4,2\nR2,6,2\n")
    assert_refused(capsys, tmp_path, responses, "ligne 3", "colonne «\u00a0a1\u00a0» (B)", "hors de l’échelle")


def test_value_not_an_integer(capsys, tmp_path):
    responses = csv_file(tmp_path, "respondent,a1,a2\nR1,4,2.5\n")
    assert_refused(capsys, tmp_path, responses, "ligne 2", "colonne «\u00a0a2\u00a0» (C)", "pas un nombre entier")


def test_value_not_a_number(capsys, tmp_path):
    responses = csv_file(tmp_path, "respondent,a1,a2\nR1,4,2\nR2,beaucoup,2\n")
    err = assert_refused(
        capsys, tmp_path, responses, "ligne 3", "colonne «\u00a0a1\u00a0» (B)", "«\u00a0beaucoup\u00a0»"
    )
    assert "n’est pas un nombre" in err


def test_errors_in_english(capsys, tmp_path):
    responses = csv_file(tmp_path, "respondent,a1,a2\nR1,4,2\nR2,beaucoup,2\n")
    code = main(["score", str(SMALL), str(responses), "--lang", "en"])
    assert code == 2
    assert "row 3, column 'a1' (B): 'beaucoup' is not a number" in capsys.readouterr().err


def test_windows_1252_that_is_not_utf8_is_read(capsys, tmp_path):
    # "Crèche" in Windows-1252 is not valid UTF-8: the fallback must read it, not crash.
    responses = csv_file(tmp_path, "respondent,organisation,a1\nR1,Crèche,9\n", encoding="cp1252")
    assert_refused(capsys, tmp_path, responses, "ligne 2", "colonne «\u00a0a1\u00a0»")


def test_an_unsupported_encoding_is_refused_plainly(capsys, tmp_path):
    # Excel's "Unicode text" is UTF-16: say what to do instead of failing on NUL bytes.
    responses = csv_file(tmp_path, "respondent,a1\nR1,4\n", encoding="utf-16")
    assert_refused(capsys, tmp_path, responses, "responses.csv", "UTF-16", "CSV UTF-8")


def test_empty_file(capsys, tmp_path):
    assert_refused(capsys, tmp_path, csv_file(tmp_path, ""), "responses.csv", "le fichier est vide")


def test_not_a_csv_nor_xlsx(capsys, tmp_path):
    responses = tmp_path / "responses.pdf"
    responses.write_bytes(b"%PDF-1.4")
    assert_refused(capsys, tmp_path, responses, "format non reconnu")


def test_unreadable_xlsx(capsys, tmp_path):
    responses = tmp_path / "responses.xlsx"
    responses.write_bytes(b"PK\x03\x04 truncated")
    assert_refused(capsys, tmp_path, responses, "classeur Excel illisible")


def test_unknown_group_by(capsys, tmp_path):
    output = tmp_path / "out.json"
    code, out, err = run(capsys, SMALL, good_csv(tmp_path), "--group-by", "region", "-o", output)
    assert code == 2 and out == "" and "--group-by region" in err and "organisation, role" in err
    assert not output.exists() and "Traceback" not in err
    # A profile field the file has no column for.
    responses = csv_file(tmp_path, "respondent,a1\nR1,4\n", name="other.csv")
    code, _, err = run(capsys, SMALL, responses, "--group-by", "role", "-o", output)
    assert code == 2 and "«\u00a0role\u00a0»" in err and not output.exists()


def test_bad_questionnaire(capsys, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(SMALL.read_text(encoding="utf-8").replace("reverse: true", "reversed: true"), encoding="utf-8")
    assert_refused(
        capsys, tmp_path, good_csv(tmp_path), "broken.yaml", "dimensions[0].items[1].reversed", questionnaire=broken
    )


def test_missing_questionnaire_and_missing_responses(capsys, tmp_path):
    assert_refused(capsys, tmp_path, good_csv(tmp_path), "absent.yaml", questionnaire=tmp_path / "absent.yaml")
    assert_refused(capsys, tmp_path, tmp_path / "absent.csv", "absent.csv", "fichier illisible")


def test_unwritable_output(capsys, tmp_path):
    code, _, err = run(capsys, SMALL, good_csv(tmp_path), "-o", tmp_path / "no" / "such" / "dir.json")
    assert code == 2 and "impossible d’écrire" in err and "Traceback" not in err


def test_an_existing_output_is_replaced_only_on_success(capsys, tmp_path):
    output = tmp_path / "out.json"
    output.write_text("previous", encoding="utf-8")
    bad = csv_file(tmp_path, "respondent,a1\nR1,9\n", name="bad.csv")
    assert run(capsys, SMALL, bad, "-o", output)[0] == 2
    assert output.read_text(encoding="utf-8") == "previous"
    assert run(capsys, SMALL, good_csv(tmp_path), "-o", output)[0] == 0
    assert json.loads(output.read_text(encoding="utf-8"))["n_respondents"] == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "out.json", "responses.csv"]


def test_the_real_entry_point(tmp_path):
    """Once through ``python -m scoring`` in a fresh process, as a federation's script would call it."""
    output = tmp_path / "out.json"
    command = [sys.executable, "-m", "scoring", "score", str(SMALL), str(good_csv(tmp_path)), "-o", str(output)]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(output.read_text(encoding="utf-8"))["overall"]["score"] == 45.8

    bad = csv_file(tmp_path, "respondent,a1\nR1,4\nR2,x\n", name="bad.csv")
    command = [sys.executable, "-m", "scoring", "score", str(SMALL), str(bad), "-o", str(tmp_path / "bad.json")]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 2
    assert "ligne 3, colonne «\u00a0a1\u00a0» (B)" in completed.stderr and "Traceback" not in completed.stderr
    assert not (tmp_path / "bad.json").exists()


def test_scoring_stays_pure_and_a_csv_needs_no_openpyxl(tmp_path):
    """scoring never imports the UI or the database; openpyxl is loaded for workbooks only (start-up cost)."""
    script = (
        "import sys\n"
        "from scoring.cli import main\n"
        f"code = main(['score', {str(SMALL)!r}, {str(good_csv(tmp_path))!r}, '-o', {str(tmp_path / 'o.json')!r}])\n"
        "loaded = [m for m in ('openpyxl', 'streamlit', 'sqlalchemy', 'storage', 'plotly') if m in sys.modules]\n"
        "print(code, loaded)\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert completed.stdout.strip() == "0 []", completed.stderr


def test_warnings_follow_french_typography(capsys, tmp_path):
    responses = csv_file(tmp_path, "respondent,a1,a2,a3,b1\nR1,4,2,4,3\n")
    code, _, err = run(capsys, SMALL, responses)
    assert code == 0
    assert err == f"attention\u202f: {responses}\u202f: 1 colonne absente, comptée comme sans réponse\u202f: b2\n"


def test_score_is_quiet_when_its_reader_goes_away(tmp_path):
    """``python -m scoring score ... | head -1``: no traceback, the usual exit code."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the JSON is written
    try:
        command = [sys.executable, "-m", "scoring", "score", str(SMALL), str(good_csv(tmp_path))]
        completed = subprocess.run(command, cwd=ROOT, stdout=write, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write)
    assert completed.stderr == "" and completed.returncode == 0


# ----- --baseline and --balance (DESIGN.md steps 11 and 12) ------------------------------------------------------

# An earlier wave: R1 and R2 as above (alpha 100 and 50 -> 75; beta 75 and 25 -> 50; overall (150 + 50) / 3).
EARLIER = [HEADER, ROWS[0], ROWS[1]]


def test_baseline_and_balance_in_the_json(capsys, tmp_path):
    earlier = csv_file(tmp_path, "\n".join(EARLIER) + "\n", name="earlier.csv")
    output = tmp_path / "out.json"
    args = ["--baseline", earlier, "--balance", "organisation", "--group-by", "organisation", "-o", output]
    code, out, err = run(capsys, SMALL, good_csv(tmp_path), *args)
    assert (code, out, err) == (0, "", "")
    document = json.loads(output.read_text(encoding="utf-8"))
    assert document["baseline"]["n_respondents"] == 2
    assert document["baseline"]["overall"] == {"score": 66.7, "band": "watch"}
    assert document["baseline"]["dimensions"][0] == {"id": "alpha", "score": 75.0, "band": "strength", "n": 2}
    # Now alpha 50, beta 37.5, overall 45.83: deltas −25, −12.5, 45.83 − 66.67 = −20.83.
    assert document["delta"]["overall"] == -20.8
    assert document["delta"]["dimensions"] == [{"id": "alpha", "delta": -25.0}, {"id": "beta", "delta": -12.5}]
    # Asso A (3 people) takes part, Asso B (2) does not: the balanced score is Asso A's.
    assert document["balanced"] == {
        "by": "organisation",
        "groups": ["Asso A"],
        "left_out": 2,
        "overall": {"score": 50.0, "band": "watch"},
        "dimensions": [{"id": "alpha", "score": 50.0, "band": "watch"}, {"id": "beta", "score": 50.0, "band": "watch"}],
    }
    assert list(document["groups"]["organisation"]) == ["Asso A", "Asso B"]


def test_a_bad_baseline_file_gives_the_same_located_messages_naming_it(capsys, tmp_path):
    earlier = csv_file(tmp_path, "respondent,a1,a2\nR1,4,2\nR2,6,2\n", name="earlier.csv")
    err = assert_refused(capsys, tmp_path, good_csv(tmp_path), options=("--baseline", earlier))
    assert err == f"{earlier}\u202f: ligne 3, colonne «\u00a0a1\u00a0» (B)\u202f: 6 est hors de l’échelle (de 1 à 5)\n"
    # The same file as the main one gives the same message, with the other name.
    code, _, main_err = run(capsys, SMALL, earlier)
    assert code == 2 and main_err == err


def test_both_files_bad_are_both_reported(capsys, tmp_path):
    bad = csv_file(tmp_path, "respondent,a1\nR1,x\n", name="now.csv")
    earlier = csv_file(tmp_path, "respondent,zz\nR1,1\n", name="earlier.csv")
    err = assert_refused(capsys, tmp_path, bad, options=("--baseline", earlier))
    assert f"{bad}\u202f: ligne 2" in err and f"{earlier}\u202f: ligne 1, colonne «\u00a0zz\u00a0»" in err


def test_a_missing_baseline_file(capsys, tmp_path):
    assert_refused(capsys, tmp_path, good_csv(tmp_path), "absent.csv", options=("--baseline", tmp_path / "absent.csv"))


def test_baseline_warnings_name_their_file(capsys, tmp_path):
    earlier = csv_file(tmp_path, "respondent,a1,a2,a3,b1\nR1,4,2,4,3\n", name="earlier.csv")
    code, _, err = run(capsys, SMALL, good_csv(tmp_path), "--baseline", earlier)
    assert code == 0 and err == (
        f"attention\u202f: {earlier}\u202f: 1 colonne absente, comptée comme sans réponse\u202f: b2\n"
    )


def test_unknown_or_missing_balance_field(capsys, tmp_path):
    err = assert_refused(capsys, tmp_path, good_csv(tmp_path), options=("--balance", "region"))
    assert err.startswith("--balance region\u202f: ce n’est pas un champ de profil") and "organisation, role" in err
    responses = csv_file(tmp_path, "respondent,a1\nR1,4\n", name="other.csv")
    err = assert_refused(capsys, tmp_path, responses, options=("--balance", "role"))
    # The error first; the file's warnings (four statements without a column) after it.
    assert err.splitlines()[0] == "--balance role\u202f: le fichier de réponses n’a pas de colonne «\u00a0role\u00a0»"
    code = main(["score", str(SMALL), str(responses), "--balance", "role", "--lang", "en"])
    assert code == 2
    assert capsys.readouterr().err.splitlines()[0] == "--balance role: the response file has no 'role' column"


def test_help_in_either_language(capsys):
    with pytest.raises(SystemExit):
        main(["score", "--help"])
    french = capsys.readouterr().out
    assert "--baseline EARLIER.csv|xlsx" in french and "vague précédente" in french
    with pytest.raises(SystemExit):
        main(["score", "--help", "--lang", "en"])
    assert "earlier wave" in capsys.readouterr().out


def test_a_breakdown_into_more_groups_than_it_may_show(capsys, tmp_path):
    """Each group is a full set of figures: 1,001 organisations would make a JSON (and a memory) without end."""
    rows = "\n".join(f"R{n},Asso {n},4" for n in range(1001))
    responses = csv_file(tmp_path, f"respondent,organisation,a1\n{rows}\n")
    err = assert_refused(capsys, tmp_path, responses, options=("--group-by", "organisation", "--lang", "en"))
    assert err.splitlines()[0] == "--group-by organisation: 1001 different values in the file, 1000 at most"
    # --balance has no such limit: it keeps one score per group, not a report.
    code, out, _ = run(capsys, SMALL, responses, "--balance", "organisation")
    assert code == 0 and json.loads(out)["balanced"]["left_out"] == 1001

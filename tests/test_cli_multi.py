"""The command with three or more inputs, the JSON format choice, labels for N, and ``analyze``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_cli import invoke
from test_multi import schema2

from storydiff import cli

DATA = Path(__file__).parent / "data"
ERROR = "storydiff: error: "
THREE = ["nyt.txt", "fox.txt", "huffpost.txt"]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch directory holding the three-source fixture and the two-source inputs."""
    for item in (DATA / "nway").glob("*.txt"):
        shutil.copy(item, tmp_path / item.name)
    for name in ("input_a.txt", "input_b.txt"):
        shutil.copy(DATA / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COLUMNS", raising=False)
    return tmp_path


def test_three_sources_json_is_format_2(work: Path) -> None:
    """``--format json`` with three inputs prints storydiff/2, valid against its schema."""
    result = invoke(["compare", *THREE, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["format"] == "storydiff/2" and out["command"] == "compare"
    assert [s["label"] for s in out["sources"]] == ["nyt", "fox", "huffpost"]
    schema2().validate(out)


def test_two_sources_json_unchanged(work: Path) -> None:
    """With two inputs ``--format json`` is storydiff/1, byte for byte what ``json1`` prints."""
    default = invoke(["compare", "nyt.txt", "fox.txt", "--format", "json"])
    forced = invoke(["compare", "nyt.txt", "fox.txt", "--format", "json1"])
    assert default.exit_code == forced.exit_code == 0
    assert json.loads(default.stdout)["format"] == "storydiff/1"
    assert default.stdout == forced.stdout


def test_json2_for_two_sources(work: Path) -> None:
    """``--format json2`` prints storydiff/2 for two inputs too; its pair is the storydiff/1 report."""
    result = invoke(["compare", "nyt.txt", "fox.txt", "--format", "json2"])
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    schema2().validate(out)
    one = json.loads(invoke(["compare", "nyt.txt", "fox.txt", "--format", "json"]).stdout)
    direct = sorted(
        (x["a"]["sentences"], x["b"]["sentences"]) for c in out["clusters"] for x in c["links"] if x["direct"]
    )
    direct += [(x["a"]["sentences"], x["b"]["sentences"]) for x in out["cross_links"]]
    assert sorted(direct) == sorted((g["a"], g["b"]) for g in one["alignment"])


def test_json1_with_three_is_a_usage_error(work: Path) -> None:
    result = invoke(["compare", *THREE, "--format", "json1"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{ERROR}--format json1 (storydiff/1) describes two sources; for 3 use --format json or json2 "
        "(storydiff/2)\n"
    )
    assert result.stdout == ""


def test_json_output_file_extension(work: Path) -> None:
    """``-o report.json`` with three inputs writes storydiff/2; ``--format json2 -o x.json`` agrees."""
    assert invoke(["compare", *THREE, "-o", "report.json"]).exit_code == 0
    assert json.loads((work / "report.json").read_text(encoding="utf-8"))["format"] == "storydiff/2"
    assert invoke(["compare", "nyt.txt", "fox.txt", "--format", "json2", "-o", "two.json"]).exit_code == 0
    assert json.loads((work / "two.json").read_text(encoding="utf-8"))["format"] == "storydiff/2"


@pytest.mark.parametrize("fmt", ["terminal", "markdown"])
def test_three_sources_views(work: Path, fmt: str) -> None:
    """The terminal and Markdown views of three sources show the matrix; piped, no escape codes."""
    result = invoke(["compare", *THREE, "--format", fmt, "--no-pager"])
    assert result.exit_code == 0
    assert "Who carries what" in result.stdout
    assert "\x1b" not in result.stdout


def test_terminal_width_follows_columns(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "70")
    result = invoke(["compare", *THREE, "-o", "report.txt"])
    assert result.exit_code == 0
    lines = (work / "report.txt").read_text(encoding="utf-8").splitlines()
    assert max(len(line) for line in lines) <= 70


def test_labels_for_three(work: Path) -> None:
    result = invoke(["compare", *THREE, "--labels", "NYT,Fox News,HuffPost", "--format", "json"])
    assert result.exit_code == 0
    assert [s["label"] for s in json.loads(result.stdout)["sources"]] == ["NYT", "Fox News", "HuffPost"]


@pytest.mark.parametrize(
    ("inputs", "labels", "message"),
    [
        (
            THREE,
            "NYT,Fox",
            "Invalid value for '--labels': 'NYT,Fox' is not 3 names separated by commas, one for each "
            "input, in their order (see 'storydiff compare --help')",
        ),
        (
            ["nyt.txt", "fox.txt"],
            "A,B,C",
            "Invalid value for '--labels': 'A,B,C' is not two names separated by a comma; give e.g. "
            "--labels 'Moscow Times,Stars and Stripes' (see 'storydiff compare --help')",
        ),
    ],
)
def test_labels_count_checked(work: Path, inputs: list[str], labels: str, message: str) -> None:
    result = invoke(["compare", *inputs, "--labels", labels])
    assert result.exit_code == 2
    assert result.stderr == f"{ERROR}{message}\n"


@pytest.mark.parametrize(
    ("paths", "given", "expected"),
    [
        (["x/a.txt", "y/b.txt", "z/c.txt"], None, ["a", "b", "c"]),
        (["x/a.txt", "y/a.txt", "z/c.txt"], None, ["x/a", "y/a", "c"]),
        (["p/x/a.txt", "q/x/a.txt", "c.txt"], None, ["a (1)", "a (2)", "c"]),
        (["a.txt", "a.txt", "a.txt"], None, ["a (1)", "a (2)", "a (3)"]),
        (["a.txt", "b.txt", "c.txt"], ["G", "H", "G"], ["G (1)", "H", "G (2)"]),
        (["x/a.txt", "y/a.txt"], None, ["x/a", "y/a"]),
        (["one.txt"], None, ["one"]),
    ],
)
def test_distinct_labels_many(paths: list[str], given: list[str] | None, expected: list[str]) -> None:
    """Labels never collide, for any number of inputs; two inputs keep the two-input rule."""
    assert cli.distinct_labels_many(paths, given) == expected


def test_two_stdin_among_three(work: Path) -> None:
    result = invoke(["compare", "-", "fox.txt", "-"], stdin=b"x")
    assert result.exit_code == 2
    assert result.stderr == f"{ERROR}A and C are all '-'; only one input can be read from standard input\n"


def test_output_onto_input_c_refused(work: Path) -> None:
    result = invoke(["compare", *THREE, "-o", "huffpost.txt"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{ERROR}--output huffpost.txt is input C; storydiff never overwrites an input, choose another file\n"
    )


def test_one_input_is_missing_b(work: Path) -> None:
    result = invoke(["compare", "nyt.txt"])
    assert result.exit_code == 2
    assert result.stderr == f"{ERROR}Missing argument 'B'. (see 'storydiff compare --help')\n"


def test_too_many_inputs(work: Path) -> None:
    result = invoke(["compare", *(["nyt.txt"] * (cli.MAX_INPUTS + 1))])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{ERROR}{cli.MAX_INPUTS + 1} inputs; storydiff compares at most {cli.MAX_INPUTS} at once "
        "(every pair of them is compared)\n"
    )


def test_twelve_inputs(work: Path) -> None:
    """Twelve inputs (the fixture four times, each copy in its folder) compare; labels stay apart."""
    paths = []
    for k in range(4):
        folder = work / f"copy{k}"
        folder.mkdir()
        for name in THREE:
            shutil.copy(work / name, folder / name)
            paths.append(f"copy{k}/{name}")
    result = invoke(["compare", *paths, "--format", "json"])
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    schema2().validate(out)
    labels = [s["label"] for s in out["sources"]]
    assert len(set(labels)) == 12 and labels[0] == "copy0/nyt"
    assert len(out["pairs"]) == 66


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json"])
def test_analyze_every_format(work: Path, fmt: str) -> None:
    """``analyze`` prints one document's sentences, quotes and facts in every format."""
    result = invoke(["analyze", "nyt.txt", "--format", fmt, "--no-pager"])
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        out = json.loads(result.stdout)
        schema2().validate(out)
        assert out["command"] == "analyze" and len(out["sources"]) == 1
        assert out["sources"][0]["quotes"] and out["sources"][0]["facts"]
    else:
        assert "Sentences" in result.stdout and "Quotes" in result.stdout and "Facts" in result.stdout


def test_analyze_several_and_stdin(work: Path) -> None:
    data = (work / "fox.txt").read_bytes()
    result = invoke(["analyze", "nyt.txt", "-", "--format", "json"], stdin=data)
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert [s["path"] for s in out["sources"]] == ["nyt.txt", "-"]


def test_analyze_json1_refused(work: Path) -> None:
    result = invoke(["analyze", "nyt.txt", "--format", "json1"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{ERROR}--format json1 (storydiff/1) is a comparison of two sources")


@pytest.mark.parametrize("fmt", ["terminal", "markdown"])
def test_unrelated_sources_said_so(work: Path, fmt: str) -> None:
    """Reports of three different events: the view says so first; related ones never say it."""
    shutil.copy(DATA / "input_russian.txt", work / "input_russian.txt")
    unrelated = invoke(["compare", "input_a.txt", "input_russian.txt", "nyt.txt", "-f", fmt, "--no-pager"])
    assert unrelated.exit_code == 0
    assert unrelated.stdout.lstrip("*⚠ ").startswith("these look like reports of different events")
    related = invoke(["compare", *THREE, "-f", fmt, "--no-pager"])
    assert "different events" not in related.stdout


def test_analyze_is_what_compare_says_of_a_source(work: Path) -> None:
    """``analyze A`` gives the source exactly as ``compare A A`` does (label aside), so per-document
    scorers can read either."""
    alone = json.loads(invoke(["analyze", "fox.txt", "-f", "json"]).stdout)["sources"][0]
    paired = json.loads(invoke(["compare", "fox.txt", "fox.txt", "-f", "json"]).stdout)["sources"][0]
    assert alone.pop("label") == "fox" and paired.pop("label") == "fox (1)"
    assert alone == paired

"""storydiff corpus: reading a corpus, comparing each event, writing lines and tables, engines, resume."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from storydiff import corpus, pipeline
from storydiff.model import Document

DATA = Path(__file__).parent / "data" / "corpus"
EVENTS = DATA / "events"
ARTICLES = DATA / "articles.jsonl"

APP_SCRIPT = """
import typer
from storydiff import corpus, pipeline
from storydiff.model import Document
app = typer.Typer()
@app.callback()
def root() -> None:
    pass
corpus.register(app)
app()
"""


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        pass

    corpus.register(app)
    return app


def invoke(*args: str) -> Any:
    return CliRunner().invoke(make_app(), ["corpus", *args])


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def sorted_lines(path: Path) -> list[str]:
    return sorted(path.read_text(encoding="utf-8").splitlines())


def tables(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.csv").read_bytes() for name in corpus.TABLES}


# ------------------------------------------------------------------------------------------ reading


def test_jsonl_reports_every_bad_row_and_keeps_the_rest() -> None:
    got = corpus.read_corpus(ARTICLES)
    assert [a.id for a in got.articles] == [
        "flood-a",
        "flood-b",
        "flood-c",
        "climber-a",
        "climber-b",
        "nato-mt",
        "nato-ss",
    ]
    problems = {(b.row, b.id): b.problem for b in got.bad}
    assert problems[("8", "")].startswith("not JSON")
    assert problems[("9", "")] == "missing id"
    assert problems[("10", "no-text")].startswith("missing text")
    assert problems[("11", "gone")].startswith("unreadable path")
    assert problems[("12", "blank")] == "empty text"
    assert problems[("13", "flood-a")].startswith("duplicate id")
    assert len(got.bad) == 6
    first = got.articles[0]
    assert first.outlet == "Portsmouth Herald" and first.date == "2024-03-05"
    assert first.text.startswith("Flood Waters Close Harbor Bridge")


def test_folder_of_events_reads_outlets_and_dates_from_source_json() -> None:
    got = corpus.read_corpus(EVENTS)
    assert not got.bad
    by_id = {a.id: a for a in got.articles}
    assert set(by_id) == {
        "climber/a.txt",
        "climber/b.txt",
        "flood/a.txt",
        "flood/b.txt",
        "flood/c.txt",
        "nato/moscow-times.txt",
        "nato/stars-and-stripes.txt",
    }
    assert by_id["flood/c.txt"].outlet == "River Times" and by_id["flood/c.txt"].date == "2024-03-06"
    assert by_id["flood/a.txt"].url == "https://example.org/herald/flood"
    assert by_id["nato/moscow-times.txt"].outlet == "moscow-times"
    assert {a.event for a in got.articles} == {"climber", "flood", "nato"}


def test_csv_input_with_inline_text(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        'id,outlet,event,text\nx1,One,e,"Officials closed the bridge on Tuesday."\nx2,Two,e,\n',
        encoding="utf-8",
    )
    got = corpus.read_corpus(path)
    assert [a.id for a in got.articles] == ["x1"]
    assert [(b.row, b.id, b.problem.split(" (")[0]) for b in got.bad] == [("2", "x2", "empty text")]


# ------------------------------------------------------------------------------------------ events


def flood_articles() -> list[corpus.Article]:
    return [a for a in corpus.read_corpus(ARTICLES).articles if a.event == "flood"]


def test_event_report_joins_every_pair() -> None:
    rep = corpus.compare_event(flood_articles())
    assert rep["format"] == "storydiff/2"
    assert [s["label"] for s in rep["sources"]] == ["Portsmouth Herald", "Coast News", "River Times"]
    assert [(p["a"], p["b"]) for p in rep["pairs"]] == [(0, 1), (0, 2), (1, 2)]
    # the bridge closure is carried by all three: one passage with a member in each source
    closure = [c for c in rep["clusters"] if len(c["sources"]) == 3]
    assert closure, rep["clusters"]
    # no sentence of a source in two passages, and none both in a passage and "only"
    seen: set[tuple[int, int]] = set()
    for c in rep["clusters"]:
        for m in c["members"]:
            for i in m["sentences"]:
                assert (m["source"], i) not in seen
                seen.add((m["source"], i))
    for o in rep["only"]:
        assert not {(o["source"], i) for i in o["sentences"]} & seen
    # the mayor's quote is quoted by all three outlets
    mayor = [q for q in rep["quotes"]["clusters"] if "safety tonight" in q["members"][0]["text"]]
    assert len(mayor) == 1 and mayor[0]["sources"] == [0, 1, 2]
    # 3.2 meters (a, b) against 3.4 meters (c): a conflict between c and each of the others
    assert rep["summary"]["conflicts"] >= 1


def test_compare_event_is_the_n_way_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    class Fake:
        def to_dict(self) -> dict[str, Any]:
            return {"format": "storydiff/2", "fake": True}

    seen: list[int] = []

    def compare_many(docs: list[Document]) -> Fake:
        seen.append(len(docs))
        return Fake()

    monkeypatch.setattr(pipeline, "compare_many", compare_many, raising=False)
    arts = corpus.read_corpus(ARTICLES).articles
    assert corpus.compare_event([a for a in arts if a.event == "flood"]) == {
        "format": "storydiff/2",
        "fake": True,
    }
    assert seen == [3]
    alone = corpus.compare_event(arts[:1])  # one article: analysed on its own
    assert len(alone["sources"]) == 1 and alone["clusters"] == [] and seen == [3]


def test_table_rows_follow_the_event_report() -> None:
    arts = [a for a in corpus.read_corpus(ARTICLES).articles if a.event == "flood"]
    report = corpus.compare_event(arts)
    record: dict[str, Any] = {
        "event": "flood",
        "status": "ok",
        "articles": [a.id for a in arts],
        "report": report,
    }
    rows = corpus.table_rows(record)
    outlets = rows["outlets"]
    assert [r["outlet"] for r in outlets] == ["Portsmouth Herald", "Coast News", "River Times"]
    assert all(0 < r["shared_share"] <= 1 for r in outlets)
    assert all(r["quotes_carried"] >= 1 for r in outlets)
    assert outlets[2]["conflicts"] >= 1
    quote_rows = [r for r in rows["quotes"] if r["text"] and "safety tonight" in r["text"]]
    assert {r["status"] for r in quote_rows} == {"quoted"} and len(quote_rows) == 3
    n_facts = len(report["facts"]["items"])
    assert len(rows["facts"]) == 3 * n_facts
    assert corpus.table_rows({"event": "x", "status": "error", "articles": [], "error": "boom"}) == {
        "outlets": [],
        "quotes": [],
        "facts": [],
    }


# ------------------------------------------------------------------------------------------ the command


def test_command_writes_lines_tables_and_errors(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(str(ARTICLES), "-o", str(out), "--jobs", "1", "--tables", "csv")
    assert result.exit_code == 0, result.output
    assert "3 events: 3 compared" in result.output and "6 bad rows" in result.output
    lines = [json.loads(x) for x in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["event"] for r in lines) == ["climber", "flood", "nato"]
    assert all(r["status"] == "ok" for r in lines)
    outlets = read_csv(out / "outlets.csv")
    assert [(r["event"], r["id"]) for r in outlets] == [
        ("climber", "climber-a"),
        ("climber", "climber-b"),
        ("flood", "flood-a"),
        ("flood", "flood-b"),
        ("flood", "flood-c"),
        ("nato", "nato-mt"),
        ("nato", "nato-ss"),
    ]
    errors = read_csv(out / "errors.csv")
    assert [r["id"] for r in errors] == ["", "", "no-text", "gone", "blank", "flood-a"]
    assert not (out / "groups.csv").exists()  # every article named its event


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.jsonl"], "no such file"),
        ([str(DATA / "README.md")], "not a corpus"),
        ([str(EVENTS), "-o", str(EVENTS / "out")], "inside the input"),
        ([str(ARTICLES), "--jobs", "0"], "--jobs 0"),
        ([str(ARTICLES), "--tables", "xlsx"], "--tables xlsx"),
        ([str(DATA / "empty.jsonl")], "no articles"),
        ([str(DATA / "bad-only.jsonl")], "no row is a readable article (2 bad; the first, 1: missing id)"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    if "-o" not in args:
        args = [*args, "-o", str(tmp_path / "out")]
    result = invoke(*args)
    assert not (tmp_path / "out").exists()  # nothing written for a run that cannot start
    assert result.exit_code == 2
    err = result.output.strip()
    assert err.startswith("storydiff: error:") and message in err and "\n" not in err
    assert not (EVENTS / "out").exists()


def test_existing_run_needs_resume(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke(str(EVENTS), "-o", str(out), "-j", "1", "--tables", "csv").exit_code == 0
    before = (out / "events.jsonl").read_bytes()
    again = invoke(str(EVENTS), "-o", str(out), "-j", "1", "--tables", "csv")
    assert again.exit_code == 2 and "--resume" in again.output
    resumed = invoke(str(EVENTS), "-o", str(out), "-j", "1", "--tables", "csv", "--resume")
    assert resumed.exit_code == 0 and "0 compared, 3 already in" in resumed.output
    assert (out / "events.jsonl").read_bytes() == before


def test_failing_event_is_recorded_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = corpus.compare_event

    def flaky(articles: Any) -> dict[str, Any]:
        if articles[0].event == "climber":
            raise RuntimeError("no luck")
        return real(articles)

    monkeypatch.setattr(corpus, "compare_event", flaky)
    out = tmp_path / "out"
    result = invoke(str(EVENTS), "-o", str(out), "-j", "1", "--tables", "csv")
    assert result.exit_code == 1
    assert "1 failed" in result.output
    lines = {r["event"]: r for r in map(json.loads, (out / "events.jsonl").read_text().splitlines())}
    assert lines["climber"]["status"] == "error" and lines["climber"]["error"] == "RuntimeError: no luck"
    assert {lines["flood"]["status"], lines["nato"]["status"]} == {"ok"}
    assert {r["event"] for r in read_csv(out / "outlets.csv")} == {"flood", "nato"}


def test_resume_drops_a_line_cut_short(tmp_path: Path) -> None:
    full = tmp_path / "full"
    assert invoke(str(EVENTS), "-o", str(full), "-j", "1", "--tables", "csv").exit_code == 0
    cut = tmp_path / "cut"
    cut.mkdir()
    lines = (full / "events.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (cut / "events.jsonl").write_text(lines[0] + lines[1][:50], encoding="utf-8")
    result = invoke(str(EVENTS), "-o", str(cut), "-j", "1", "--tables", "csv", "--resume")
    assert result.exit_code == 0, result.output
    assert "2 compared, 1 already in" in result.output
    assert sorted_lines(cut / "events.jsonl") == sorted_lines(full / "events.jsonl")
    assert tables(cut) == tables(full)


def test_grouping_writes_groups_csv_that_can_be_edited_and_fed_back(tmp_path: Path) -> None:
    src = tmp_path / "loose.jsonl"
    rows = [json.loads(x) for x in ARTICLES.read_text(encoding="utf-8").splitlines() if x.startswith('{"')]
    with src.open("w", encoding="utf-8") as f:
        for r in rows:
            if "path" in r and r["id"] != "gone":
                r.pop("event")
                r["path"] = str(ARTICLES.parent / r["path"])
                f.write(json.dumps(r) + "\n")
    out = tmp_path / "out"
    result = invoke(str(src), "-o", str(out), "-j", "1", "--tables", "csv")
    assert result.exit_code == 0
    assert f"7 articles in 3 groups ({out / 'groups.csv'})" in result.output
    groups = read_csv(out / "groups.csv")
    event_of = {r["id"]: r["event"] for r in groups}
    assert len(event_of) == 7 and len(set(event_of.values())) == 3
    assert event_of["flood-a"] == event_of["flood-b"] == event_of["flood-c"]
    assert event_of["nato-mt"] == event_of["nato-ss"] != event_of["flood-a"]
    # edit: move climber-b into an event of its own, and feed the file back
    edited = tmp_path / "groups.csv"
    edited.write_text(
        "id,event\n" + "".join(f"{i},{'lonely' if i == 'climber-b' else e}\n" for i, e in event_of.items()),
        encoding="utf-8",
    )
    again = tmp_path / "again"
    assert (
        invoke(str(src), "-o", str(again), "-j", "1", "--tables", "csv", "--groups", str(edited)).exit_code
        == 0
    )
    events = {json.loads(x)["event"] for x in (again / "events.jsonl").read_text().splitlines()}
    assert "lonely" in events and len(events) == 4


def test_parquet_tables_when_pyarrow_is_installed(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed: tables are CSV")
    out = tmp_path / "out"
    assert invoke(str(EVENTS), "-o", str(out), "-j", "1").exit_code == 0
    table = pq.read_table(out / "outlets.parquet")
    assert table.num_rows == 7 and "shared_share" in table.column_names


# ------------------------------------------------------------------------------------------ engines


def test_process_pool_and_dask_give_the_same_output(tmp_path: Path) -> None:
    pytest.importorskip(
        "distributed", reason="dask.distributed is not installed (pip install 'storydiff[dask]')"
    )
    from distributed import Client, LocalCluster

    pool = tmp_path / "pool"
    corpus.run_corpus(ARTICLES, pool, jobs=2, table_format="csv")
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        dask_out = tmp_path / "dask"
        corpus.run_corpus(ARTICLES, dask_out, client=client, table_format="csv")
    assert sorted_lines(pool / "events.jsonl") == sorted_lines(dask_out / "events.jsonl")
    assert tables(pool) == tables(dask_out)
    assert (pool / "errors.csv").read_bytes() == (dask_out / "errors.csv").read_bytes()


def _many_events(tmp_path: Path, copies: int) -> Path:
    """The fixture's events, each copied ``copies`` times (distinct event names)."""
    root = tmp_path / "many"
    for k in range(copies):
        for event in ("climber", "flood", "nato"):
            shutil.copytree(EVENTS / event, root / f"{event}-{k:02d}")
    return root


def test_sigint_halfway_then_resume_loses_nothing_and_repeats_nothing(tmp_path: Path) -> None:
    src = _many_events(tmp_path, 10)  # 30 events: enough to stop the run a third of the way
    full = tmp_path / "full"
    corpus.run_corpus(src, full, jobs=2, table_format="csv")
    out = tmp_path / "out"
    cmd = [sys.executable, "-c", APP_SCRIPT, "corpus", str(src), "-o", str(out), "-j", "2", "--tables", "csv"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    events = out / "events.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if events.exists() and events.read_bytes().count(b"\n") >= 3:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "rerun with --resume" in err
    written = events.read_text(encoding="utf-8").splitlines()
    assert 3 <= len(written) < 30
    assert not (out / "outlets.csv").exists()  # no tables from half a run
    resumed = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, timeout=300, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{30 - len(written)} compared, {len(written)} already in" in resumed.stderr
    names = [json.loads(x)["event"] for x in events.read_text(encoding="utf-8").splitlines()]
    assert len(names) == len(set(names)) == 30
    assert sorted_lines(events) == sorted_lines(full / "events.jsonl")
    assert tables(out) == tables(full)


def test_importing_the_module_loads_no_pipeline_or_extras() -> None:
    code = (
        "import sys, storydiff.corpus; "
        "bad = [m for m in ('storydiff.pipeline', 'storydiff.align', 'dask', 'distributed', 'pyarrow', "
        "'rich.progress') if m in sys.modules]; print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    )
    assert out.stdout.strip() == "[]"


LAZY_SCRIPT = """
import sys
import click
import typer
from typer.core import TyperGroup

class Cli(TyperGroup):
    def list_commands(self, ctx):
        return [*super().list_commands(ctx), "corpus"]

    def get_command(self, ctx, name):
        if name == "corpus":
            from storydiff.corpus import click_command
            return click_command()
        return super().get_command(ctx, name)

app = typer.Typer(cls=Cli)

@app.callback()
def root() -> None:
    pass

@app.command("compare")
def compare() -> None:
    print("corpus loaded:", "storydiff.corpus" in sys.modules)

app()
"""


def test_a_cli_can_load_the_command_only_when_asked_for_it(tmp_path: Path) -> None:
    """The way cli.py can register ``corpus`` without paying for it in ``storydiff compare``."""
    run = [sys.executable, "-c", LAZY_SCRIPT]
    other = subprocess.run([*run, "compare"], capture_output=True, text=True, check=True)
    assert other.stdout.strip() == "corpus loaded: False"
    out = tmp_path / "out"
    done = subprocess.run(
        [*run, "corpus", str(EVENTS), "-o", str(out), "-j", "1", "--tables", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "3 events: 3 compared" in done.stderr

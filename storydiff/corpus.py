"""A whole corpus: articles grouped by event, each event compared, results as JSON lines and tables.

``storydiff corpus INPUT -o OUT`` (:func:`corpus_command`, registered on the CLI by :func:`register`).

* INPUT is a JSONL, CSV or Parquet file of articles (``id``, ``text`` or ``path``, ``outlet``,
  optional ``event``, ``date``, ``url``), or a folder of event folders, each holding one file per
  outlet (a ``source.json`` beside them may give each file's ``outlet``, ``date`` and ``url``,
  keyed by file stem, as the BASIL triplets have it).
* Articles without an ``event`` are grouped (:mod:`storydiff.grouping`); the groups are written to
  ``OUT/groups.csv`` (``id``, ``event``), which can be edited and given back with ``--groups``.
* Each event is compared by :func:`compare_event`, one task an event, on a local process pool or
  on a dask.distributed cluster; each result is appended to ``OUT/events.jsonl`` as it arrives (one
  line, flushed), so an interrupted run loses nothing written and ``--resume`` skips those events.
* At the end the tables (one row per event and outlet, per event, quote and outlet, per event,
  fact and outlet) are computed from ``events.jsonl`` in event order and written atomically.

Importing this module costs nothing beyond the standard library: the pipeline, rich's progress
bar, dask and pyarrow are imported by the functions that use them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .errors import InputError, MissingExtraError, StorydiffError, UsageError

if TYPE_CHECKING:
    from concurrent.futures import Future


EVENTS_FILE = "events.jsonl"
GROUPS_FILE = "groups.csv"
ERRORS_FILE = "errors.csv"
TABLES = ("outlets", "quotes", "facts")
ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm"})
"""Files of an event folder read as articles; others are reported in the errors file."""
FORMAT = "storydiff-corpus/1"


@dataclass(frozen=True)
class Article:
    """One article of the corpus, text already read: what a task ships to a worker."""

    id: str
    outlet: str
    text: str
    event: str | None = None
    date: str | None = None
    url: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class BadRow:
    """An input row or file that could not become an article."""

    row: str
    """Line number (JSONL), row number (CSV, Parquet; 1 = first data row) or file path."""
    id: str
    problem: str


@dataclass
class Corpus:
    articles: list[Article] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)


# ---------------------------------------------------------------------------------------- reading


def read_corpus(path: Path) -> Corpus:
    """Read INPUT (a file of articles or a folder of event folders). A row that cannot become an
    article is reported in ``bad`` and the rest are read; an INPUT that cannot be read at all raises
    :class:`InputError`."""
    if path.is_dir():
        return _read_folder(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson", ".json"}:
        rows = _jsonl_rows(path)
    elif suffix == ".csv":
        rows = _csv_rows(path)
    elif suffix in {".parquet", ".pq"}:
        rows = _parquet_rows(path)
    else:
        raise InputError(
            f"{path}: not a corpus: give a .jsonl, .csv or .parquet file of articles, or a folder of events"
        )
    return _articles(rows, path.parent)


def _jsonl_rows(path: Path) -> Iterator[tuple[str, dict[str, Any] | str]]:
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield str(n), f"not JSON ({exc.msg})"
                    continue
                yield str(n), value if isinstance(value, dict) else "not a JSON object"
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({_reason(exc)})") from exc


def _csv_rows(path: Path) -> Iterator[tuple[str, dict[str, Any] | str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for n, row in enumerate(csv.DictReader(f), 1):
                yield str(n), {k: v for k, v in row.items() if k is not None}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot read ({_reason(exc)})") from exc


def _parquet_rows(path: Path) -> Iterator[tuple[str, dict[str, Any] | str]]:
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError as exc:
        raise MissingExtraError(
            f"{path}: reading Parquet needs pyarrow: pip install pyarrow (or give JSONL or CSV)"
        ) from exc
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises its own ArrowInvalid, OSError, ...
        raise InputError(f"{path}: cannot read as Parquet ({_reason(exc)})") from exc
    for n, row in enumerate(table.to_pylist(), 1):
        yield str(n), row


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return " ".join(str(exc).split()) or type(exc).__name__


def _text_field(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _articles(rows: Iterable[tuple[str, dict[str, Any] | str]], base: Path) -> Corpus:
    from .load import load

    out = Corpus()
    seen: set[str] = set()
    for row, value in rows:
        if isinstance(value, str):
            out.bad.append(BadRow(row, "", value))
            continue
        ident = _text_field(value.get("id"))
        if ident is None:
            out.bad.append(BadRow(row, "", "missing id"))
            continue
        if ident in seen:
            out.bad.append(BadRow(row, ident, "duplicate id (the first row with it is kept)"))
            continue
        text = value.get("text")
        rel = _text_field(value.get("path"))
        source: str | None = None
        if text is None or (isinstance(text, str) and not text.strip() and rel is not None):
            if rel is None:
                out.bad.append(BadRow(row, ident, "missing text (give text or path)"))
                continue
            file = Path(rel) if Path(rel).is_absolute() else base / rel
            try:
                text = load(str(file)).text
            except (StorydiffError, OSError) as exc:
                out.bad.append(BadRow(row, ident, f"unreadable path: {' '.join(str(exc).split())}"))
                continue
            source = str(file)
        if not isinstance(text, str) or not text.strip():
            out.bad.append(BadRow(row, ident, "empty text"))
            continue
        seen.add(ident)
        out.articles.append(
            Article(
                id=ident,
                outlet=_text_field(value.get("outlet")) or ident,
                text=text,
                event=_text_field(value.get("event")),
                date=_text_field(value.get("date")),
                url=_text_field(value.get("url")),
                path=source,
            )
        )
    return out


def _read_folder(root: Path) -> Corpus:
    """A folder of event folders: each subfolder an event, each article file in it one outlet."""
    from .load import load

    out = Corpus()
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise InputError(f"{root}: holds no event folders (give one folder per event, one file per outlet)")
    for stray in sorted(p for p in root.iterdir() if not p.is_dir() and not p.name.startswith(".")):
        out.bad.append(BadRow(str(stray), "", "not an event folder (put each event's files in a folder)"))
    for folder in folders:
        meta = _folder_meta(folder, out)
        for file in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
            if file.name == "source.json":
                continue
            ident = f"{folder.name}/{file.name}"
            if not file.is_file() or file.suffix.lower() not in ARTICLE_SUFFIXES:
                out.bad.append(BadRow(str(file), ident, "not an article file (.txt, .md or .html)"))
                continue
            try:
                doc = load(str(file))
            except (StorydiffError, OSError) as exc:
                out.bad.append(BadRow(str(file), ident, f"unreadable path: {' '.join(str(exc).split())}"))
                continue
            info = meta.get(file.stem, {})
            out.articles.append(
                Article(
                    id=ident,
                    outlet=_text_field(info.get("outlet")) or file.stem,
                    text=doc.text,
                    event=folder.name,
                    date=_text_field(info.get("date")) or doc.date,
                    url=_text_field(info.get("url")),
                    path=str(file),
                )
            )
    return out


def _folder_meta(folder: Path, out: Corpus) -> dict[str, dict[str, Any]]:
    meta_file = folder / "source.json"
    if not meta_file.is_file():
        return {}
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        out.bad.append(BadRow(str(meta_file), "", f"unreadable source.json: {_reason(exc)}"))
        return {}
    if not isinstance(meta, dict):
        return {}
    return {k: v for k, v in meta.items() if isinstance(v, dict)}


# ----------------------------------------------------------------------------------------- events


def read_groups(path: Path) -> dict[str, str]:
    """An ``id,event`` CSV (``groups.csv`` as written, maybe edited)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames is None or not {"id", "event"} <= set(reader.fieldnames):
                raise InputError(f"{path}: a groups file needs the columns id and event")
            return {row["id"]: row["event"] for row in reader if row.get("id") and row.get("event")}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot read ({_reason(exc)})") from exc


def assign_events(
    articles: Sequence[Article],
    groups: dict[str, str] | None = None,
    *,
    threshold: float | None = None,
    window: float | None = None,
    gate: bool = False,
) -> tuple[dict[str, list[Article]], dict[str, str]]:
    """Events (event id -> its articles, in input order), and the id -> event map of the articles
    that had no ``event`` (the groups to write). ``groups`` (from a groups file) overrides both the
    ``event`` column and grouping; articles it does not name and that have no event are grouped."""
    from . import grouping

    given = groups or {}
    event_of: dict[str, str] = {}
    loose: list[Article] = []
    for a in articles:
        ev = given.get(a.id) or a.event
        if ev is None:
            loose.append(a)
        else:
            event_of[a.id] = ev
    grouped: dict[str, str] = {a.id: given[a.id] for a in articles if a.id in given}
    if loose:
        texts = [a.text for a in loose]
        clusters = grouping.group(
            texts,
            [a.date for a in loose],
            threshold=grouping.THRESHOLD if threshold is None else threshold,
            window=grouping.WINDOW_DAYS if window is None else (window if window >= 0 else None),
            gate=grouping.relatedness_gate(texts) if gate else None,
        )
        width = len(str(len(clusters)))
        taken = set(event_of.values())
        k = 0
        for members in clusters:
            k += 1
            name = f"g{k:0{width}d}"
            while name in taken:  # never join a named event by accident
                k += 1
                name = f"g{k:0{width}d}"
            for i in members:
                event_of[loose[i].id] = name
                grouped[loose[i].id] = name
    events: dict[str, list[Article]] = {}
    for a in articles:
        events.setdefault(event_of[a.id], []).append(a)
    return events, grouped


def compare_event(articles: Sequence[Article]) -> dict[str, Any]:
    """Compare the articles of one event: the N-way report (``storydiff/2``) of
    :func:`storydiff.pipeline.compare_many`, each article analysed once and every pair compared.
    An event of one article gets the same report shape with nothing shared."""
    from .model import Document, Options
    from .multi import assemble
    from .pipeline import build_source, compare_many

    docs = [Document(text=a.text, label=a.outlet, path=a.path or a.id, date=a.date) for a in articles]
    if len(docs) >= 2:
        return compare_many(docs).to_dict()
    return assemble(tuple(build_source(d) for d in docs), (), Options()).to_dict()


def _event_task(event: str, articles: Sequence[Article]) -> str:
    """One event, run on a worker: its JSON line (a failure is recorded, not raised)."""
    ids = [a.id for a in articles]
    try:
        report = compare_event(articles)
        record: dict[str, Any] = {"event": event, "status": "ok", "articles": ids, "report": report}
    except Exception as exc:  # one failing event must not stop the run: it is recorded with its error
        record = {"event": event, "status": "error", "articles": ids, "error": f"{type(exc).__name__}: {exc}"}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------------------------------- tables


def table_rows(
    record: dict[str, Any], outlets: Sequence[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The tidy rows of one event's line: per outlet, per (quote cluster, outlet), per (fact, outlet)."""
    event = record["event"]
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    if record.get("status") != "ok":
        return out
    rep = record["report"]
    ids = record["articles"]
    srcs = rep["sources"]
    names = list(outlets) if outlets is not None else [s["label"] for s in srcs]
    n = len(srcs)
    body_chars = [0] * n
    shared_chars = [0] * n
    for k, s in enumerate(srcs):
        body = {x["index"]: x["end"] - x["start"] for x in s["sentences"] if x["role"] == "body"}
        body_chars[k] = sum(body.values())
        for c in rep["clusters"]:
            for m in c["members"]:
                if m["source"] == k:
                    shared_chars[k] += sum(body.get(i, 0) for i in m["sentences"])
    quote_clusters = rep.get("quotes", {}).get("clusters", [])
    facts = rep.get("facts", {}).get("items", [])
    conflicts = [0] * n
    unique = {
        (
            c["a"]["source"],
            c["a"]["sentence"],
            c["a"]["text"],
            c["b"]["source"],
            c["b"]["sentence"],
            c["b"]["text"],
        )
        for f in facts
        for c in f["conflicts"]
    }  # a conflict is listed under the fact of each of its sides
    for c in unique:
        conflicts[c[0]] += 1
        conflicts[c[3]] += 1
    for k in range(n):
        out["outlets"].append(
            {
                "event": event,
                "outlet": names[k],
                "id": ids[k],
                "sources": n,
                "body_sentences": rep["summary"]["body_sentences"][k],
                "shared_sentences": rep["summary"]["shared_sentences"][k],
                "shared_share": round(shared_chars[k] / body_chars[k], 4) if body_chars[k] else 0.0,
                "only_sentences": len(rep["only"][k]["sentences"]),
                "quotes": len(srcs[k].get("quotes", [])),
                "quotes_carried": sum(
                    1 for q in quote_clusters if k in q["sources"] and len(q["sources"]) > 1
                ),
                "only_quotes": len(rep.get("quotes", {}).get("only", [{}] * n)[k].get("quotes", [])),
                "facts": len(srcs[k].get("facts", [])),
                "only_facts": sum(1 for f in facts if f["sources"] == [k]),
                "conflicts": conflicts[k],
            }
        )
    for q in quote_clusters:
        wording = {m["source"]: m for m in q["members"]}
        for k in range(n):
            m = wording.get(k)
            status = "quoted" if m else "paraphrased" if k in q["paraphrased_by"] else "missing"
            out["quotes"].append(
                {
                    "event": event,
                    "quote": q["id"],
                    "outlet": names[k],
                    "status": status,
                    "match": m["match"] if m else None,
                    "speaker": (m["speaker"] if m else None) or q["speaker"],
                    "text": m["text"] if m else None,
                    "sources": len(q["sources"]),
                }
            )
    for f in facts:
        said = {m["source"]: m["text"] for m in f["mentions"]}
        differs = {c[side]["source"] for c in f["conflicts"] for side in ("a", "b")}
        for k in range(n):
            status = "stated" if k in f["sources"] else "missing"
            if k in differs and k not in said:
                status = "conflicting"
            out["facts"].append(
                {
                    "event": event,
                    "fact": f["id"],
                    "kind": f["kind"],
                    "fact_text": f["text"],
                    "outlet": names[k],
                    "status": status,
                    "text": said.get(k),
                    "in_conflict": k in differs,
                }
            )
    return out


# ---------------------------------------------------------------------------------------- writing


def _atomic_write(path: Path, data: bytes) -> None:
    """Write a whole file or nothing: a temporary file beside it, then a rename."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # as open() would create it, not mkstemp's 0600
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with _suppress():
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return True


def _csv_bytes(header: Sequence[str], rows: Iterable[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(header), lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for row in rows:
        w.writerow({k: "" if v is None else v for k, v in row.items()})
    return buf.getvalue().encode("utf-8")


_COLUMNS = {
    "outlets": (
        "event", "outlet", "id", "sources", "body_sentences", "shared_sentences", "shared_share",
        "only_sentences", "quotes", "quotes_carried", "only_quotes", "facts", "only_facts", "conflicts",
    ),
    "quotes": ("event", "quote", "outlet", "status", "match", "speaker", "text", "sources"),
    "facts": ("event", "fact", "kind", "fact_text", "outlet", "status", "text", "in_conflict"),
}  # fmt: skip


def has_pyarrow() -> bool:
    from importlib.util import find_spec

    return find_spec("pyarrow") is not None


def write_tables(out: Path, records: Sequence[dict[str, Any]], fmt: str = "auto") -> list[Path]:
    """The three tables from the event lines (sorted by event), written atomically; the files."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for rec in sorted(records, key=lambda r: str(r["event"])):
        for name, part in table_rows(rec).items():
            rows[name].extend(part)
    use_parquet = fmt == "parquet" or (fmt == "auto" and has_pyarrow())
    written = []
    for name in TABLES:
        if use_parquet:
            import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]
            import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]

            columns = {c: [r.get(c) for r in rows[name]] for c in _COLUMNS[name]}
            buf = pa.BufferOutputStream()
            pq.write_table(
                pa.table(columns)
                if rows[name]
                else pa.table({c: pa.array([], pa.string()) for c in _COLUMNS[name]}),
                buf,
            )
            path = out / f"{name}.parquet"
            _atomic_write(path, buf.getvalue().to_pybytes())
        else:
            path = out / f"{name}.csv"
            _atomic_write(path, _csv_bytes(_COLUMNS[name], rows[name]))
        written.append(path)
    return written


def _read_events(path: Path) -> list[dict[str, Any]]:
    """The complete lines of ``events.jsonl``; a last line cut short by a kill is dropped from the
    file (its event is then run again)."""
    if not path.exists():
        return []
    data = path.read_bytes()
    end = data.rfind(b"\n") + 1
    if end < len(data):
        with path.open("r+b") as f:
            f.truncate(end)
        data = data[:end]
    records = []
    for line in data.splitlines():
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"{path}: a line is not JSON ({exc.msg}); it is not a storydiff corpus output"
                ) from exc
    return records


# ---------------------------------------------------------------------------------------- engines


Task = tuple[str, tuple[Article, ...]]


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_local(tasks: Sequence[Task], jobs: int) -> Generator[str, None, None]:
    """Event lines as they complete, on ``jobs`` processes (in this process when 1)."""
    if jobs <= 1:
        for event, arts in tasks:
            yield _event_task(event, arts)
        return
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint)
    try:
        pending: set[Future[str]] = set()
        queue = iter(tasks)
        # a few tasks ahead per worker: results stream back, and an interrupt leaves little queued
        for event, arts in queue:
            pending.add(pool.submit(_event_task, event, arts))
            if len(pending) >= 2 * jobs:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()
                nxt = next(queue, None)
                if nxt is not None:
                    pending.add(pool.submit(_event_task, *nxt))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run_dask(tasks: Sequence[Task], client: Any) -> Generator[str, None, None]:
    """Event lines as they complete on a dask.distributed cluster: each task ships its event's
    articles, each result is the event's line."""
    from distributed import as_completed

    futures = [
        client.submit(_event_task, event, arts, key=f"storydiff-event-{n}", pure=False)
        for n, (event, arts) in enumerate(tasks)
    ]
    try:
        for fut in as_completed(futures):  # type: ignore[no-untyped-call]
            yield fut.result()
    finally:
        client.cancel(futures)


def _dask_client(address: str, jobs: int) -> tuple[Any, Callable[[], None]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingExtraError("--dask needs dask.distributed: pip install 'storydiff[dask]'") from exc
    if address == "local":
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)  # type: ignore[no-untyped-call]

        def close() -> None:
            client.close()  # type: ignore[no-untyped-call]
            cluster.close()

        return client, close
    try:
        client = Client(address, timeout="10s")  # type: ignore[no-untyped-call]
    except Exception as exc:
        raise UsageError(f"--dask {address}: cannot reach the scheduler ({_reason(exc)})") from exc
    return client, client.close


# ---------------------------------------------------------------------------------------- the run


@dataclass
class RunSummary:
    events: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    articles: int = 0
    pairs: int = 0
    bad_rows: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    grouped: int = 0
    """Articles whose event came from grouping or a groups file (written to groups.csv)."""
    groups: int = 0

    def line(self, out: Path) -> str:
        rate = (
            f", {self.articles / self.seconds:.1f} articles/s" if self.seconds > 0 and self.articles else ""
        )
        return (
            f"corpus: {self.events} events: {self.done} compared, {self.skipped} already in {out}, "
            f"{self.failed} failed; {self.articles} articles, {self.pairs} pairs compared{rate}; "
            f"{self.bad_rows} bad rows (see {out / ERRORS_FILE})"
            + (
                f"; {self.grouped} articles in {self.groups} groups ({out / GROUPS_FILE})"
                if self.grouped
                else ""
            )
        )


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _check_paths(input_path: Path, out: Path, groups: Path | None) -> None:
    """Never write onto an input: OUT must not be INPUT, nor hold it, nor lie inside an INPUT folder."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"-o {out}: is a file; give a folder for the output")
    inp = input_path.resolve()
    res = out.resolve()
    if res == inp or (input_path.is_dir() and inp in res.parents):
        raise UsageError(f"-o {out}: would write inside the input {input_path}; choose another folder")
    if (
        not input_path.is_dir()
        and res == inp.parent
        and inp.name
        in {
            EVENTS_FILE,
            GROUPS_FILE,
            ERRORS_FILE,
            *(f"{t}.csv" for t in TABLES),
            *(f"{t}.parquet" for t in TABLES),
        }
    ):
        raise UsageError(f"-o {out}: would overwrite the input {input_path}; choose another folder")
    del (
        groups
    )  # a groups file inside OUT is read before anything is written, and only rewritten if it changes


def run_corpus(
    input_path: Path,
    out: Path,
    *,
    jobs: int | None = None,
    dask: str | None = None,
    client: Any = None,
    resume: bool = False,
    groups_file: Path | None = None,
    threshold: float | None = None,
    window: float | None = None,
    gate: bool = False,
    table_format: str = "auto",
    progress: bool = False,
) -> RunSummary:
    """The whole run; see the module docstring. ``client`` is an existing dask.distributed Client
    (tests use an in-process LocalCluster); ``dask`` an address or "local" to make one."""
    start = time.perf_counter()
    _check_paths(input_path, out, groups_file)
    events_path = out / EVENTS_FILE
    if not resume and events_path.exists() and events_path.stat().st_size > 0:
        raise UsageError(
            f"{out} already holds a run ({EVENTS_FILE}); pass --resume to continue it, or choose another"
        )
    if groups_file is None and resume and (out / GROUPS_FILE).exists():
        groups_file = out / GROUPS_FILE  # the events of the interrupted run, not a regrouping
    corpus = read_corpus(input_path)
    given = read_groups(groups_file) if groups_file is not None else None
    events, grouped = assign_events(corpus.articles, given, threshold=threshold, window=window, gate=gate)
    if not events:
        raise InputError(
            f"{input_path}: no row is a readable article ({len(corpus.bad)} bad; the first, "
            f"{corpus.bad[0].row}: {corpus.bad[0].problem})"
            if corpus.bad
            else f"{input_path}: holds no articles"
        )
    close: Callable[[], None] = lambda: None  # noqa: E731
    if client is None and dask is not None:
        client, close = _dask_client(dask, jobs or 2)  # before anything is written: it may fail
    try:
        return _run(
            corpus, events, grouped, out, resume, groups_file, client, jobs, table_format, progress, start
        )
    finally:
        close()


def _run(
    corpus: Corpus,
    events: dict[str, list[Article]],
    grouped: dict[str, str],
    out: Path,
    resume: bool,
    groups_file: Path | None,
    client: Any,
    jobs: int | None,
    table_format: str,
    progress: bool,
    start: float,
) -> RunSummary:
    events_path = out / EVENTS_FILE
    out.mkdir(parents=True, exist_ok=True)
    _atomic_write(
        out / ERRORS_FILE,
        _csv_bytes(
            ("row", "id", "problem"), ({"row": b.row, "id": b.id, "problem": b.problem} for b in corpus.bad)
        ),
    )
    if grouped and (groups_file is None or groups_file.resolve() != (out / GROUPS_FILE).resolve()):
        _atomic_write(
            out / GROUPS_FILE,
            _csv_bytes(("id", "event"), ({"id": k, "event": v} for k, v in grouped.items())),
        )
    records = _read_events(events_path) if resume else []
    done = {str(r["event"]) for r in records}
    todo = [(ev, tuple(arts)) for ev, arts in events.items() if ev not in done]
    todo.sort(key=lambda t: (-_pairs(len(t[1])), t[0]))  # biggest first: the pool ends level
    summary = RunSummary(
        events=len(events),
        skipped=len(events) - len(todo),
        bad_rows=len(corpus.bad),
        grouped=len(grouped),
        groups=len(set(grouped.values())),
    )
    lines = run_dask(todo, client) if client is not None else run_local(todo, jobs or os.cpu_count() or 1)
    size = {ev: len(arts) for ev, arts in todo}
    bar = _Progress(len(todo), sum(size.values())) if progress else None
    try:
        with events_path.open("a", encoding="utf-8") as f:
            for line in lines:
                f.write(line + "\n")
                f.flush()
                rec = json.loads(line)
                records.append(rec)
                n = size.get(str(rec["event"]), 0)
                summary.done += 1
                summary.articles += n
                summary.pairs += _pairs(n)
                if rec.get("status") != "ok":
                    summary.failed += 1
                if bar is not None:
                    bar.advance(n)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        lines.close()  # stops the pool or cancels the dask futures now, whatever ended the loop
        if bar is not None:
            bar.stop()
    summary.seconds = time.perf_counter() - start
    if not summary.interrupted:
        write_tables(out, records, table_format)
    return summary


class _Progress:
    """A rich progress bar on stderr: events done, articles a second, time left."""

    def __init__(self, events: int, articles: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.start = time.perf_counter()
        self.articles = 0
        self.progress = Progress(
            TextColumn("events"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("corpus", total=events, rate="")
        self.progress.start()

    def advance(self, articles: int) -> None:
        self.articles += articles
        elapsed = time.perf_counter() - self.start
        rate = f"{self.articles / elapsed:.1f} articles/s" if elapsed > 0 else ""
        self.progress.update(self.task, advance=1, rate=rate)

    def stop(self) -> None:
        self.progress.stop()


# -------------------------------------------------------------------------------------------- CLI


def corpus_command(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT",
            help="A .jsonl, .csv or .parquet file of articles, or a folder of event folders",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "-o",
            "--out",
            metavar="OUT",
            help="Folder for events.jsonl, groups.csv, errors.csv and the tables.",
        ),
    ],
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", metavar="N", help="Processes to use (default: the number of CPUs)."),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="ADDRESS",
            help="Run the events on a dask.distributed scheduler at ADDRESS, or 'local'.",
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip the events already in OUT/events.jsonl.")
    ] = False,
    groups: Annotated[
        Path | None,
        typer.Option(
            "--groups",
            metavar="FILE",
            help="An id,event CSV (OUT/groups.csv, maybe edited) giving each article's event.",
        ),
    ] = None,
    window: Annotated[
        float | None,
        typer.Option(
            "--window",
            metavar="DAYS",
            help="Days within which articles can be one event (default 3; negative: ignore dates).",
        ),
    ] = None,
    gate: Annotated[
        bool,
        typer.Option(
            "--gate",
            help="When grouping, also require the aligner's relatedness gate between two articles "
            "(slower; helps when articles have no dates).",
        ),
    ] = False,
    tables: Annotated[
        str,
        typer.Option(
            "--tables",
            metavar="FORMAT",
            help="Table format: auto (Parquet when pyarrow is installed), csv, parquet.",
        ),
    ] = "auto",
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")
    ] = False,
) -> None:
    """Compare a whole corpus: group articles by event, compare each event, write JSON lines and tables."""
    code = main(
        input_path,
        out,
        jobs=jobs,
        dask=dask,
        resume=resume,
        groups=groups,
        window=window,
        gate=gate,
        tables=tables,
        quiet=quiet,
    )
    if code:
        raise typer.Exit(code)


def main(
    input_path: Path,
    out: Path,
    *,
    jobs: int | None = None,
    dask: str | None = None,
    resume: bool = False,
    groups: Path | None = None,
    window: float | None = None,
    gate: bool = False,
    tables: str = "auto",
    quiet: bool = False,
) -> int:
    """Run and report: 0 when done, 1 when some events failed, 2 on bad usage or input, 130 when
    interrupted (everything written so far kept; rerun with --resume)."""
    try:
        if jobs is not None and jobs < 1:
            raise UsageError(f"--jobs {jobs}: give 1 or more")
        if tables not in {"auto", "csv", "parquet"}:
            raise UsageError(f"--tables {tables}: give auto, csv or parquet")
        if tables == "parquet" and not has_pyarrow():
            raise MissingExtraError("--tables parquet needs pyarrow: pip install pyarrow")
        summary = run_corpus(
            input_path,
            out,
            jobs=jobs,
            dask=dask,
            resume=resume,
            groups_file=groups,
            window=window,
            gate=gate,
            table_format=tables,
            progress=not quiet and sys.stderr is not None and sys.stderr.isatty(),
        )
    except StorydiffError as exc:
        _stderr(f"storydiff: error: {' '.join(str(exc).split())}")
        return 2
    except OSError as exc:
        _stderr(f"storydiff: error: {getattr(exc, 'filename', None) or out}: {_reason(exc)}")
        return 2
    if summary.interrupted:
        _stderr(
            f"storydiff: interrupted: {summary.done} events written to {out / EVENTS_FILE}; "
            "rerun with --resume"
        )
        return 130
    if not quiet:
        _stderr(summary.line(out))
    return 1 if summary.failed else 0


def _stderr(text: str) -> None:
    if sys.stderr is not None:
        try:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass


def register(app: typer.Typer) -> None:
    """Add ``corpus`` to a typer app (the CLI calls this)."""
    app.command("corpus", no_args_is_help=True)(corpus_command)


def click_command() -> Any:
    """The ``corpus`` command as a click command, for a CLI that loads it only when asked for it
    (a ``TyperGroup`` whose ``get_command`` returns this for "corpus"): ``storydiff compare`` then
    never imports this module."""
    app = typer.Typer(add_completion=False)
    register(app)
    return typer.main.get_command(app)

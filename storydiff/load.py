"""Reading inputs: a path or stdin in, a :class:`~storydiff.model.Document` out.

This module and ``cli.py`` are the only ones that touch the outside world. Everything past the
first read is a pure function of the bytes (:func:`parse`), so decoding and format detection are
tested without files.

Decoding keeps the text exactly as it is: newlines are never translated (``\\r\\n`` stays two
characters), so every offset the pipeline reports indexes the decoded text. Only a byte-order
mark is dropped, because it is not part of the text.

Every failure is an :class:`~storydiff.errors.InputError` (or
:class:`~storydiff.errors.MissingExtraError`) whose message names the input, what is wrong and
what to do, in one line.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from functools import cache
from typing import Any, NamedTuple

from .errors import InputError, MissingExtraError
from .model import Document

STDIN = "-"
"""The path that stands for standard input."""

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
"""(BOM, codec that strips it, name reported in ``Document.encoding``)."""

_PREFERRED_LEGACY = (
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1257",
    "iso8859_15",
    "iso8859_2",
    "cp1255",
    "cp1256",
    "koi8_r",
)
"""Single-byte encodings in the order we trust them when charset-normalizer finds several equally
plausible: short texts decode cleanly in many code pages, and Windows-1252 (a superset of
Latin-1 for printable text) is by far the most common legacy encoding of news text."""

_CHAOS_SLACK = 2.0
"""How much more "chaos" (charset-normalizer's mess score, in percent) a preferred encoding may
show than the best guess and still win. Its guesses on a few hundred bytes are noisy."""

_BAD_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x84\x86-\x9f]")
"""Control characters no text file contains. Allowed: tab, the line breaks (LF, VT, FF, CR, NEL)
and ESC, because terminal colour codes get pasted along with text."""

_BINARY_CONTROL_SHARE = 0.05
"""Share of other control characters above which decoded data is taken for binary."""

_HTML_START = re.compile(
    r"\A(?:\s|\ufeff|<!--.*?-->|<\?xml[^>]*\?>)*<(?:!doctype\s+html|html)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
"""A web page: ``<!doctype html`` or ``<html``, after any XML declaration or comments (browsers
put ``<!-- saved from url=... -->`` first when saving a page)."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (perhaps a Word or OpenDocument file)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "gzip-compressed"),
)
"""Formats people mistake for text, named in the error so the fix is obvious."""


class HtmlArticle(NamedTuple):
    """The article text of a web page and its metadata.

    A named tuple rather than a frozen dataclass: this module is imported on every run, and a
    dataclass compiles its generated methods at import.
    """

    text: str
    """Paragraphs separated by blank lines, so that segmentation sees them as paragraphs."""
    title: str | None
    author: str | None
    date: str | None


def display_name(path: str) -> str:
    """How an input is named in messages: "standard input" for ``-``; odd characters escaped."""
    if path == STDIN:
        return "standard input"
    return path if path.isprintable() else repr(path)[1:-1]


def default_label(path: str) -> str:
    """The file stem ("moscow-times" for ``samples/moscow-times.txt``); "stdin" for ``-``."""
    if path == STDIN:
        return "stdin"
    name = os.path.basename(os.path.normpath(path))
    stem, _ = os.path.splitext(name)
    return stem or name or path


def read_bytes(path: str) -> bytes:
    """All bytes of a file, or of standard input for ``-``; OS errors become :class:`InputError`."""
    shown = display_name(path)
    if path == STDIN:
        stream = sys.stdin
        if stream is None:
            raise InputError(f"{shown}: is closed; pipe the article in or name a file instead of '-'")
        buffer = getattr(stream, "buffer", None)
        try:
            if buffer is not None:
                data: bytes = buffer.read()
                return data
            return str(stream.read()).encode("utf-8")
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            raise InputError(f"{shown}: cannot be read ({reason}); pipe a file in instead") from exc
    if not path:
        raise InputError("an input path is empty; name a file or '-' for standard input")
    if "\0" in path:
        raise InputError(f"{shown}: not a valid file name; check the path")
    if os.path.isdir(path):
        raise InputError(f"{shown}: is a directory, not a file; name a file inside it")
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise InputError(f"{shown}: no such file; check the path") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{shown}: is a directory, not a file; name a file inside it") from exc
    except PermissionError as exc:
        raise InputError(f"{shown}: permission denied; make the file readable (chmod +r) or copy it") from exc
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise InputError(f"{shown}: cannot be read ({reason}); check the file") from exc


def _control_share(text: str) -> float:
    """Share of characters that are control characters no text file contains."""
    if not text:
        return 0.0
    return len(_BAD_CONTROL.findall(text)) / len(text)


def _binary_error(shown: str, data: bytes) -> InputError:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return InputError(f"{shown}: is {what}, not text; save the article as plain text (.txt) first")
    return InputError(f"{shown}: looks like binary data, not text; give a .txt, .md or .html file")


def _check_text(text: str, shown: str, data: bytes) -> None:
    if "\0" in text or _control_share(text) > _BINARY_CONTROL_SHARE:
        raise _binary_error(shown, data)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a BOM: mostly-Latin text has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        other = even if zeros is odd else odd
        if zeros.count(0) >= 0.5 * half and other.count(0) == 0:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    return None


@cache
def _western_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Words (letters, with inner apostrophes) and a symbol between two letters. Compiled on
    first use: only non-UTF-8 input needs them, and start-up time counts."""
    word = re.compile(r"[^\W\d_]+(?:[’'·][^\W\d_]+)*")
    odd_inside_word = re.compile(r"(?<=[^\W\d_])[^\w\s’'·-](?=[^\W\d_])")
    return word, odd_inside_word


def looks_western(text: str) -> bool:
    """Whether text decoded as cp1252 reads like a Western European language.

    Short texts decode without error in almost any code page, and charset-normalizer's scores
    for a few hundred bytes of French or German are noisy (it takes "à" for Baltic "ą"), so the
    commonest case gets this check first. Two signs of the wrong code page: words made mostly of
    accented letters (Cyrillic or Greek read as cp1252: "Ãîðîäñêèå"), and symbols inside words
    (Polish read as cp1252: "Za¿ó³æ"). Real Western text has accents sparsely ("fermé", "Größe").
    """
    word, odd_inside_word = _western_patterns()
    words = word.findall(text)
    accented = [w for w in words if not w.isascii()]
    if not accented:
        return True
    foreign = sum(1 for w in accented if len(w) >= 4 and 2 * sum(not c.isascii() for c in w) > len(w))
    odd = len(odd_inside_word.findall(text))
    return foreign <= 0.1 * len(accented) and odd <= 0.02 * len(words)


def _legacy(data: bytes) -> tuple[str, str] | None:
    """Guess a legacy encoding: cp1252 when it reads as Western text, else charset-normalizer's."""
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        if looks_western(western):
            return western, "cp1252"
    from charset_normalizer import from_bytes  # lazy: only non-UTF-8 input pays for it

    matches = list(from_bytes(data))
    if not matches:
        return None
    best_chaos = min(m.percent_chaos for m in matches)
    plausible = [m for m in matches if m.percent_chaos <= best_chaos + _CHAOS_SLACK]
    choice: str | None = None
    for preferred in _PREFERRED_LEGACY:
        if any(m.encoding == preferred or preferred in m.could_be_from_charset for m in plausible):
            choice = preferred
            break
    if choice is None:
        lowest = [m for m in plausible if m.percent_chaos == best_chaos]
        choice = lowest[0].encoding
    try:
        return data.decode(choice), codecs.lookup(choice).name
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode an input's bytes: ``(text, encoding name)``; newlines untranslated, BOM dropped.

    Tried in turn: a byte-order mark (UTF-8, UTF-16, UTF-32); NUL bytes mean UTF-16 without a
    BOM or binary data; strict UTF-8; then charset-normalizer for legacy encodings (cp1252,
    latin-1, cp1251, ...). ``name`` is how messages call the input.
    """
    shown = display_name(name)
    if not data:
        raise InputError(f"{shown}: is empty; give a file with the article text")
    for bom, codec, reported in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                what = reported.removesuffix("-sig").upper()
                raise InputError(
                    f"{shown}: starts with a {what} byte-order mark but is not valid {what}; "
                    "save it again as UTF-8"
                ) from exc
            _check_text(text, shown, data)
            return text, reported
    if b"\0" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise _binary_error(shown, data)
        _check_text(found[0], shown, data)
        return found
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_text(text, shown, data)
        return text, "utf-8"
    found = _legacy(data)
    if found is None:
        if _control_share(data.decode("latin-1")) > _BINARY_CONTROL_SHARE:
            raise _binary_error(shown, data)
        raise InputError(f"{shown}: cannot tell its text encoding; save it as UTF-8 and try again")
    _check_text(found[0], shown, data)
    return found


def looks_like_html(text: str, path: str = "") -> bool:
    """True for a web page: an ``.html``/``.htm`` name, or content that opens like one."""
    if os.path.splitext(path)[1].lower() in HTML_SUFFIXES:
        return True
    return _HTML_START.match(text[:4096]) is not None


def _meta(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def extract_html(html: str, name: str = "input") -> HtmlArticle:
    """The article text of a web page and its title, author and date, with trafilatura.

    trafilatura is the optional extra ``storydiff[html]``; without it this raises
    :class:`MissingExtraError`. It works offline on the given string (nothing is fetched).
    """
    shown = display_name(name)
    try:
        import trafilatura  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError as exc:  # lazy above: a heavy import, and an optional dependency
        if exc.name in (None, "trafilatura"):
            raise MissingExtraError(
                f"{shown}: is a web page; reading HTML needs the html extra: pip install 'storydiff[html]'"
            ) from exc
        raise MissingExtraError(
            f"{shown}: is a web page, but the html extra is incomplete ({exc.name} is missing): "
            "pip install --upgrade 'storydiff[html]'"
        ) from exc
    import logging

    for logger in ("trafilatura", "htmldate", "courlan"):
        # Their warnings ("empty HTML tree", ...) would add lines to our one-line errors.
        logging.getLogger(logger).addHandler(logging.NullHandler())
        logging.getLogger(logger).propagate = False

    fields: dict[str, Any] = {}
    for recall in (False, True):
        # Precision first; a short page whose text trafilatura finds too thin gets a second try.
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, favor_recall=recall
        )
        # trafilatura 1.x returns a dict, 2.x a Document object.
        if isinstance(result, dict):
            fields = dict(result)
        elif result is not None:
            fields = {key: getattr(result, key, None) for key in ("text", "title", "author", "date")}
        if str(fields.get("text") or "").strip():
            break
    lines = [line.strip() for line in str(fields.get("text") or "").splitlines()]
    text = "\n\n".join(line for line in lines if line)
    if not text:
        raise InputError(
            f"{shown}: no article text found in this web page; "
            "save the article as text (.txt) and compare that"
        )
    return HtmlArticle(
        text=text,
        title=_meta(fields.get("title")),
        author=_meta(fields.get("author")),
        date=_meta(fields.get("date")),
    )


def parse(data: bytes, path: str, label: str | None = None) -> Document:
    """Turn an input's bytes into a Document: decode, detect HTML and extract its article.

    Pure: ``path`` only names the input (messages, label, HTML by extension); nothing is read.
    """
    shown = display_name(path)
    text, encoding = decode(data, path)
    if not text.strip():
        raise InputError(f"{shown}: contains only whitespace; give a file with the article text")
    label = label if label is not None else default_label(path)
    if looks_like_html(text, "" if path == STDIN else path):
        article = extract_html(text, path)
        return Document(
            text=article.text,
            label=label,
            path=path,
            encoding=encoding,
            converted_from="html",
            title=article.title,
            author=article.author,
            date=article.date,
        )
    return Document(text=text, label=label, path=path, encoding=encoding)


def load(path: str, label: str | None = None) -> Document:
    """Read and decode one input: a file path, or ``-`` for standard input (read as bytes).

    ``label`` defaults to the file stem ("stdin" for ``-``).
    """
    return parse(read_bytes(path), path, label)


__all__ = [
    "STDIN",
    "HtmlArticle",
    "decode",
    "default_label",
    "display_name",
    "extract_html",
    "load",
    "looks_like_html",
    "looks_western",
    "parse",
    "read_bytes",
]

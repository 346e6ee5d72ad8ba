"""Reading inputs: a path or stdin in, a :class:`~storydiff.model.Document` out.

This module and ``cli.py`` are the only ones that touch the outside world. Everything past the
first read is a pure function of the bytes (:func:`parse`), so decoding and format detection are
tested without files.

Decoding keeps the text exactly as it is: newlines are never translated (``\\r\\n`` stays two
characters), so every offset the pipeline reports indexes the decoded text. Only a byte-order
mark is dropped, because it is not part of the text. What decoding has to repair is said, not
hidden: bytes that are not UTF-8 in a UTF-8 file are read per run (a passage in another code page
as that code page, damage as U+FFFD), text garbled upstream ("Putinâ€™s") is repaired with ftfy,
and each repair is a warning (:class:`Loaded`, :func:`read_input`) that the CLI prints.

Inputs are read in chunks up to a size limit (:data:`DEFAULT_MAX_SIZE`, ``--max-size``). A web page
is reduced to its article text (:func:`extract_html`); a Markdown file keeps its length, its
markup overwritten with spaces (:func:`markdown_to_text`), so offsets index the file itself.

Every failure is an :class:`~storydiff.errors.InputError` (or
:class:`~storydiff.errors.MissingExtraError`) whose message names the input, what is wrong and
what to do, in one line.
"""

from __future__ import annotations

import codecs
import copy
import os
import re
import stat
import sys
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

from .errors import InputError, MissingExtraError
from .model import Document


def _lazy(source: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A pattern compiled on first use. Every run imports this module, and compiling the patterns
    only web pages, Markdown or damaged bytes need would add milliseconds to each start-up."""
    return cache(lambda: re.compile(source, flags))


STDIN = "-"
"""The path that stands for standard input."""

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})

DEFAULT_MAX_SIZE = 20_000_000
"""Largest input read, in bytes (``--max-size`` raises it). Far above any real article (a long
feature is 100 KB of text, a saved page with its scripts a few MB), and low enough that the
pipeline's memory stays bounded: 50 MB of text took 5 GB."""

_CHUNK = 1 << 20
"""Bytes read at a time, so that the size limit is checked as the input arrives."""

_URL = re.compile(r"\A(?:https?|ftp)://", re.IGNORECASE)

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


def format_size(size: int) -> str:
    """A byte count for messages: "20 MB", "512 KB", "37 bytes" (decimal units, as ``ls -h --si``)."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f} {unit}" if value >= 10 or value == int(value) else f"{value:.1f} {unit}"
    return f"{size} byte" + ("" if size == 1 else "s")


_SIZE = _lazy(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*\Z", re.IGNORECASE)


def parse_size(value: str) -> int:
    """A size given on the command line: ``20MB``, ``500k``, ``1.5G``, ``1000000`` (bytes).

    Decimal units (k = 1,000), as :func:`format_size` shows them. Raises :class:`ValueError` with
    a message fit for the user (the CLI wraps it as a usage error).
    """
    found = _SIZE().match(value)
    if found is None:
        raise ValueError(f"{value!r} is not a size; write it like 20MB, 500KB or 1GB")
    number = float(found.group(1)) * {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[found.group(2).lower()]
    if number < 1:
        raise ValueError(f"{value!r} is too small; give at least 1 byte, for example 20MB")
    return int(number)


def _too_large(shown: str, max_size: int, size: int | None) -> InputError:
    suggestion = format_size(max(2 * max_size, (size or 0) * 11 // 10)).replace(" ", "")
    what = f"is {format_size(size)}, over" if size is not None else "is over"
    return InputError(
        f"{shown}: {what} the {format_size(max_size)} input size limit; "
        f"raise it with --max-size (for example --max-size {suggestion})"
    )


def _sniff_binary(shown: str, head: bytes) -> None:
    """Refuse data that is binary from its first chunk, before reading more of it: ``/dev/zero``
    or ``/dev/urandom`` then fail at once with the binary message instead of the size limit."""
    if b"\0" not in head:
        return
    if any(head.startswith(bom) for bom, _, _ in _BOMS):
        return
    if _utf32_codec(head) or _utf16_codec(head):
        return
    raise _binary_error(shown, head)


def _read_limited(stream: Any, shown: str, max_size: int, size: int | None = None) -> bytes:
    """Read a binary stream in chunks, stopping with :class:`InputError` once past ``max_size``."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, max_size + 1 - total))
        if not chunk:
            break
        if not chunks:
            _sniff_binary(shown, chunk)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_size:
            raise _too_large(shown, max_size, size)
    return b"".join(chunks)


def read_bytes(path: str, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """All bytes of a file, or of standard input for ``-``; OS errors become :class:`InputError`.

    Reads in chunks and stops past ``max_size`` bytes, so an endless or huge input (``/dev/zero``,
    ``yes |``) fails at once with one line instead of filling memory. A regular file larger than
    the limit is refused from its size, before anything is read.
    """
    shown = display_name(path)
    if _URL.match(path):
        raise InputError(
            f"{shown}: is a web address; storydiff reads files only: "
            "save the page (or use curl) and pass the file"
        )
    if path == STDIN:
        stream = sys.stdin
        if stream is None:
            raise InputError(f"{shown}: is closed; pipe the article in or name a file instead of '-'")
        buffer = getattr(stream, "buffer", None)
        try:
            if buffer is not None:
                return _read_limited(buffer, shown, max_size)
            text = str(stream.read(max_size + 1))
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            raise InputError(f"{shown}: cannot be read ({reason}); pipe a file in instead") from exc
        data = text.encode("utf-8")
        if len(data) > max_size:
            raise _too_large(shown, max_size, None)
        return data
    if not path:
        raise InputError("an input path is empty; name a file or '-' for standard input")
    if "\0" in path:
        raise InputError(f"{shown}: not a valid file name; check the path")
    if os.path.isdir(path):
        raise InputError(f"{shown}: is a directory, not a file; name a file inside it")
    try:
        with open(path, "rb") as fh:
            size: int | None = None
            try:
                info = os.fstat(fh.fileno())
            except (OSError, AttributeError, ValueError):
                info = None
            if info is not None and stat.S_ISREG(info.st_mode):
                size = info.st_size
                if size > max_size:
                    raise _too_large(shown, max_size, size)
            return _read_limited(fh, shown, max_size, size)
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


def _utf16_codec(data: bytes) -> str | None:
    """The UTF-16 byte order of text saved without a BOM, from its pattern of NUL bytes (mostly-Latin
    text has a NUL in every other byte), or None."""
    if len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.5 * half and other.count(0) == 0:
            return codec
    return None


def _utf32_codec(data: bytes) -> str | None:
    """The UTF-32 byte order of text saved without a BOM, or None. Every code point is below
    U+110000, so the high byte of each 4-byte unit is always NUL, the next one nearly always;
    the low byte is NUL only for the NUL character itself."""
    if len(data) < 8:
        return None
    quarter = len(data) // 4
    lanes = [data[i::4] for i in range(4)]
    for high, second, low, codec in ((3, 2, 0, "utf-32-le"), (0, 1, 3, "utf-32-be")):
        if (
            lanes[high].count(0) >= quarter
            and lanes[second].count(0) >= 0.5 * quarter
            and lanes[low].count(0) <= 0.01 * quarter
        ):
            return codec
    return None


def _wide_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-32 or UTF-16 text saved without a BOM, decoded, with its codec name; None if it is
    neither. UTF-32 is tried first: UTF-32 of Latin text also has NULs in every other byte, and
    more."""
    for width, codec_of in ((4, _utf32_codec), (2, _utf16_codec)):
        codec = codec_of(data) if len(data) % width == 0 else None
        if codec is None:
            continue
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
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


class Decoded(NamedTuple):
    """An input's text as decoded, the encoding's name, and what was repaired on the way."""

    text: str
    encoding: str
    """The codec's name; two joined by ``+`` when passages in another code page were found inside
    UTF-8 text (``utf-8+cp1252``)."""
    warnings: tuple[str, ...] = ()
    """One line each, naming the input, for the user (the CLI prints them on stderr)."""


_ESCAPED = _lazy("[\udc80-\udcff]+")
"""A run of bytes that are not valid UTF-8, as ``surrogateescape`` decoding marks them."""

_TYPOGRAPHIC = frozenset("’‘“”„‚–—…•«»‹›€£°§©®™·\u00a0")
"""Legacy-code-page characters that are plausible anywhere in text (no letter needed beside them)."""

_COMMON_ACCENTED = frozenset("àáâãäåæçèéêëìíîïñòóôõöøùúûüýßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ")
"""Latin-1 letters of Western languages; the others (ÿ, ð, þ, ª, µ) are more likely a stray byte."""

_MIN_LEGACY_RUNS = 2
"""Runs that must read as legacy text before any is read so: one plausible byte in a UTF-8 file is
more likely damage than a passage in another code page."""

_MIXED_MIN_SHARE = 0.1
"""Valid UTF-8 multi-byte characters needed, per invalid run, to read a file as UTF-8 with a few
passages in another code page (or damaged bytes) rather than as a legacy file throughout. A legacy
file makes a valid UTF-8 sequence only by accident ("ß“" happens to be one), far below this."""


def _incomplete_utf8(run: bytes) -> bool:
    """A UTF-8 lead byte followed only by continuation bytes, too few: a cut-off character."""
    lead = run[0]
    need = 1 if 0xC2 <= lead <= 0xDF else 2 if 0xE0 <= lead <= 0xEF else 3 if 0xF0 <= lead <= 0xF4 else 0
    return need > 0 and 1 < len(run) <= need and all(0x80 <= b <= 0xBF for b in run[1:])


def _plausible(decoded: str, before: str, after: str) -> bool:
    """Whether a run of bytes, decoded in a legacy code page, reads as text where it stands: only
    letters and common typographic marks, and a lone letter only a common accented one beside
    another letter ("caf" + "é"). Anything else (a control character, an undefined byte, "ÿ") is
    damage."""
    if not decoded:
        return False
    for char in decoded:
        if char in _TYPOGRAPHIC:
            continue
        if not char.isalpha():
            return False
    if len(decoded) == 1 and decoded not in _TYPOGRAPHIC:
        if decoded.isascii() or decoded in "ƒŸ" or (decoded < "\u0100" and decoded not in _COMMON_ACCENTED):
            return False
        # A Latin accented letter sits inside an ASCII word; a Cyrillic or Greek one may be a
        # word of its own ("в", "и").
        return decoded >= "\u0100" or before[-1:].isalpha() or after[:1].isalpha()
    return True


def _lines_note(lines: list[int]) -> str:
    unique = sorted(set(lines))
    shown = ", ".join(str(n) for n in unique[:5]) + (", …" if len(unique) > 5 else "")
    return f"line{'s' if len(unique) > 1 else ''} {shown}"


def _runs_codec(runs: list[bytes]) -> str:
    """The legacy code page of the passages that are not UTF-8: cp1252 when they read as Western
    text (by far the commonest mix), else charset-normalizer's guess on them all together."""
    joined = b" ".join(runs)
    if looks_western(joined.decode("cp1252", errors="replace")) or len(joined) < 16:
        return "cp1252"
    found = _legacy(joined)
    return found[1] if found is not None else "cp1252"


def _mixed_utf8(data: bytes, shown: str) -> Decoded | None:
    """UTF-8 text with some bytes that are not UTF-8, decoded run by run; None for a legacy file.

    Each run of invalid bytes is read in the legacy code page of all such runs when it reads as
    text there (a pasted cp1252 passage: "Ren\\xe9e", "\\x93no\\x94"), else it is damage (a stray
    byte, a character cut off) and becomes U+FFFD. Either way a warning says where. The rest of
    the file stays UTF-8: one bad byte never makes a whole file another code page.
    """
    escaped = data.decode("utf-8", errors="surrogateescape")
    matches = list(_ESCAPED().finditer(escaped))
    high_bytes = len(data.translate(None, bytes(range(0x80))))
    invalid_bytes = sum(len(m.group()) for m in matches)
    multibyte = (high_bytes - invalid_bytes) // 2  # at least two bytes per character
    if multibyte == 0 or multibyte < _MIXED_MIN_SHARE * len(matches):
        return None
    raw = [m.group().encode("utf-8", errors="surrogateescape") for m in matches]
    codec = _runs_codec(raw)
    parts: list[str] = []
    legacy_lines: list[int] = []
    damaged_lines: list[int] = []
    damaged_bytes = 0
    pos = 0
    line = 1
    readings: list[str | None] = []
    for match, run in zip(matches, raw):
        try:
            decoded = "" if _incomplete_utf8(run) else run.decode(codec)
        except UnicodeDecodeError:
            decoded = ""
        before = escaped[max(0, match.start() - 1) : match.start()]
        after = escaped[match.end() : match.end() + 1]
        readings.append(decoded if _plausible(decoded, before, after) else None)
    if sum(r is not None for r in readings) < _MIN_LEGACY_RUNS:
        readings = [None] * len(readings)
    for match, run, reading in zip(matches, raw, readings):
        parts.append(escaped[pos : match.start()])
        line += escaped.count("\n", pos, match.start())
        pos = match.end()
        if reading is not None:
            decoded = reading
            parts.append(decoded)
            legacy_lines.append(line)
        else:
            parts.append(run.decode("utf-8", errors="replace"))
            damaged_lines.append(line)
            damaged_bytes += len(run)
    parts.append(escaped[pos:])
    warnings: list[str] = []
    if legacy_lines:
        n = len(legacy_lines)
        warnings.append(
            f"{shown}: {n} passage{'s' if n > 1 else ''} in {codec} inside UTF-8 text "
            f"({_lines_note(legacy_lines)}) read as {codec}"
        )
    if damaged_lines:
        warnings.append(
            f"{shown}: {damaged_bytes} byte{'s' if damaged_bytes > 1 else ''} not valid UTF-8 "
            f"({_lines_note(damaged_lines)}) shown as \ufffd"
        )
    return Decoded("".join(parts), f"utf-8+{codec}" if legacy_lines else "utf-8", tuple(warnings))


_MOJIBAKE = re.compile(
    "[ÂÃâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
"""The telltale of UTF-8 read as cp1252 (or Latin-1) somewhere upstream: a lead byte's character
("Ã", "â", "Â") followed by a continuation byte's ("©", "€", "™"): "Putinâ€™s", "Ã©tÃ©"."""


def repair_mojibake(text: str, name: str = "input") -> tuple[str, tuple[str, ...]]:
    """Text garbled upstream (UTF-8 read as cp1252: "Putinâ€™s") repaired with ftfy, and a warning.

    ftfy is imported only when the garbling's telltale is found (it costs start-up time), and asked
    to undo the wrong decoding only: curly quotes, ligatures, widths, line breaks, escapes and
    normalisation stay as they are. Without ftfy the text is kept and the warning says so.
    """
    found = _MOJIBAKE.findall(text)
    if not found:
        return text, ()
    shown = display_name(name)
    first = _MOJIBAKE.search(text)
    example = text[first.start() : first.end() + 1] if first else found[0]
    example = " ".join(example.split())  # the character after may be a line break: the message is one line
    try:
        import ftfy  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return text, (
            f"{shown}: looks garbled (UTF-8 read as cp1252 upstream: “{example}”); "
            "install ftfy (pip install ftfy) to repair it",
        )
    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    fixed = str(ftfy.fix_text(text, config))
    repaired = len(found) - len(_MOJIBAKE.findall(fixed))
    if fixed == text or repaired <= 0:
        return text, ()
    return fixed, (
        f"{shown}: repaired {repaired} garbled character{'s' if repaired > 1 else ''} "
        f"(UTF-8 read as cp1252 upstream, e.g. “{example}”)",
    )


def decode_input(data: bytes, name: str = "input") -> Decoded:
    """Decode an input's bytes, newlines untranslated, BOM dropped, with warnings for repairs.

    Tried in turn: a byte-order mark (UTF-8, UTF-16, UTF-32); NUL bytes mean UTF-32 or UTF-16
    without a BOM, or binary data; strict UTF-8; UTF-8 with some bytes that are not (passages in
    another code page, or damage: see :func:`_mixed_utf8`); then charset-normalizer for legacy
    encodings (cp1252, latin-1, cp1251, ...). Last, text garbled upstream is repaired
    (:func:`repair_mojibake`). ``name`` is how messages call the input.
    """
    shown = display_name(name)
    if not data:
        raise InputError(f"{shown}: is empty; give a file with the article text")
    found: Decoded | None = None
    if data.startswith(codecs.BOM_UTF8):
        try:
            found = Decoded(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            mixed = _mixed_utf8(data[3:], shown)
            if mixed is not None:
                found = mixed._replace(encoding=mixed.encoding.replace("utf-8", "utf-8-sig", 1))
            else:
                found = Decoded(
                    data[3:].decode("utf-8", errors="replace"),
                    "utf-8-sig",
                    (f"{shown}: bytes not valid UTF-8 after its UTF-8 byte-order mark shown as \ufffd",),
                )
    else:
        for bom, codec, reported in _BOMS:
            if data.startswith(bom):
                try:
                    found = Decoded(data.decode(codec), reported)
                except UnicodeDecodeError as exc:
                    what = reported.upper()
                    raise InputError(
                        f"{shown}: starts with a {what} byte-order mark but is not valid {what}; "
                        "save it again as UTF-8"
                    ) from exc
                break
    if found is None and b"\0" in data:
        wide = _wide_without_bom(data)
        if wide is None:
            raise _binary_error(shown, data)
        found = Decoded(*wide)
    if found is None:
        try:
            found = Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            found = _mixed_utf8(data, shown)
    if found is None:
        legacy = _legacy(data)
        if legacy is None:
            if _control_share(data.decode("latin-1")) > _BINARY_CONTROL_SHARE:
                raise _binary_error(shown, data)
            raise InputError(f"{shown}: cannot tell its text encoding; save it as UTF-8 and try again")
        found = Decoded(*legacy)
    _check_text(found.text, shown, data)
    text, repairs = repair_mojibake(found.text, name)
    return Decoded(text, found.encoding, found.warnings + repairs)


def decode(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode an input's bytes: ``(text, encoding name)``; see :func:`decode_input` (which also
    returns the warnings)."""
    found = decode_input(data, name)
    return found.text, found.encoding


_PREAMBLE = _lazy(r"(?:\s|\ufeff|<!--.*?-->|<\?[^>]*>|<!(?!doctype)[^>]*>)*", re.DOTALL | re.IGNORECASE)
"""What may come before a document's first tag: white space, comments (browsers put
``<!-- saved from url=... -->`` first when saving a page, some sites kilobytes of them), an XML
declaration or processing instructions."""

_PREAMBLE_SCAN = 1 << 20
"""How far into an input the preamble may reach (a bound, so an unclosed comment costs nothing)."""

_FIRST_TAG = _lazy(r"<(?:!doctype\s+(?P<doctype>[a-z]+)|(?P<tag>[a-z][a-z0-9]*))[\s>/]", re.IGNORECASE)

_PAGE_TAGS = frozenset({"html", "head", "body"})
_IMAGE_TAGS = frozenset({"svg"})

_SOME_TAG = _lazy(
    r"<(?:p|div|br|a|span|h[1-6]|article|section|main|table|li|ul|ol|title|meta|head|html|body|img"
    r"|b|i|em|strong|blockquote|figure|header|footer|nav)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
"""An HTML tag: a file named ``.html`` without any is plain text, read as such."""


def markup_kind(text: str) -> str | None:
    """What kind of markup document ``text`` is by how it opens: "html", "svg", or None (text).

    The opening is found past any preamble of white space, comments and declarations, however
    long (within the first megabyte).
    """
    head = text[:_PREAMBLE_SCAN]
    opening = head.lstrip()
    while opening.startswith("\ufeff"):
        opening = opening[1:].lstrip()
    if not opening.startswith("<"):
        # Preamble and tag all start with "<": plain text (nearly every input) is decided here,
        # without compiling the two patterns below.
        return None
    start = _PREAMBLE().match(head)
    found = _FIRST_TAG().match(head, start.end() if start else 0)
    if found is None:
        return None
    name = (found.group("doctype") or found.group("tag")).lower()
    if name in _PAGE_TAGS:
        return "html"
    if name in _IMAGE_TAGS:
        return "svg"
    return None


def looks_like_html(text: str, path: str = "") -> bool:
    """True for a web page: content that opens like one, or an ``.html``/``.htm`` name and some
    HTML tags inside (a text file named ``.html`` is read as text)."""
    if markup_kind(text) == "html":
        return True
    if os.path.splitext(path)[1].lower() in HTML_SUFFIXES:
        return _SOME_TAG().search(text, 0, _PREAMBLE_SCAN) is not None
    return False


def _meta(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


_NOT_XML = _lazy(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]"
    r"|&#(?:x0*(?:[0-8bcef]|1[0-9a-f]|7f|d[89a-f][0-9a-f]{2})|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|127));",
    re.IGNORECASE,
)
"""Characters (raw or as character references like ``&#x1b;``) that cannot stand in an XML tree:
lxml refuses the whole page for one of them, so they are dropped before parsing."""

_NEVER_SHOWN = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "select",
    "textarea",
    "button",
)
"""Elements whose content a reader never sees as article text."""

_HIDDEN = (
    "//*[@hidden or @aria-hidden='true' or @type='hidden'"
    " or contains(translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz'),"
    " 'display:none')"
    " or contains(translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz'),"
    " 'visibility:hidden')]"
)
"""Elements hidden from the reader by attribute or inline style."""

_MAX_ELEMENTS = 12_000
"""Elements of a page (scripts, styles and hidden ones removed) above which extraction reads only
its article element, or its first this many elements: trafilatura's time grows with the page
(4.5 s for 2 MB of comment threads, 16 s for 30,000 elements), and a news article with all its
page furniture has a few thousand."""

_ARTICLE_CONTAINERS = (
    "//article",
    "//*[@itemprop='articleBody']",
    "//main",
    "//*[@role='main']",
)

_PROSE = _lazy(
    r"(?:[^\W\d_][\w'’-]*[ \t,;:]+){5,}\S*[.!?…\"”’)][ \t]*$"
    r"|(?:\S+[ \t]+){14,}\S"
    r"|^(?=[^\n]*[。！？])(?=[^\n]*[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])[^\n]{20,}$"
    r"|^[^\n]{150,}$",
    re.MULTILINE,
)
"""A line that reads as prose: six words or more ending as a sentence does, or fifteen words; in
Chinese, Japanese or Korean (no spaces between words) twenty characters with a full stop; in any
script a line of 150 characters."""


def _parse_page(html: str, shown: str) -> tuple[Any, list[str]]:
    """The page as an lxml tree ready for trafilatura, and notes on what was cut.

    Parsed here rather than by trafilatura so that deep trees are allowed (``huge_tree``: lxml
    stops at 256 levels otherwise, and an article nested deeper was silently lost), characters
    XML cannot hold are dropped (one ``&#x1b;`` made lxml refuse the page), and everything a reader
    never sees is removed first: scripts, styles, templates, inline images, and hidden elements.
    That removal also makes a saved page of many megabytes small, which bounds the time.
    """
    # lxml comes with trafilatura (the html extra), which the caller has imported already.
    from lxml import etree  # type: ignore[import-untyped, unused-ignore]
    from lxml import html as lxml_html  # type: ignore[import-untyped, unused-ignore]

    options = {
        "huge_tree": True,
        "remove_comments": True,
        "remove_pis": True,
        "collect_ids": False,
        "default_doctype": False,
    }
    markup = _NOT_XML().sub("", html)
    try:
        try:
            root = lxml_html.document_fromstring(markup, parser=lxml_html.HTMLParser(**options))
        except ValueError:  # an XML declaration naming an encoding: lxml wants bytes then
            parser = lxml_html.HTMLParser(encoding="utf-8", **options)
            root = lxml_html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(
            f"{shown}: no article text found in this web page; "
            "save the article as text (.txt) and compare that"
        ) from exc
    etree.strip_elements(root, *_NEVER_SHOWN, with_tail=False)
    for element in root.xpath(_HIDDEN):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.xpath("//*[starts-with(@src, 'data:')]"):
        del element.attrib["src"]
    notes: list[str] = []
    count = int(root.xpath("count(//*)"))
    if count > _MAX_ELEMENTS:
        root, note = _narrow(root, count, lxml_html)
        notes.append(note)
    return root, notes


def _narrow(root: Any, count: int, lxml_html: Any) -> tuple[Any, str]:
    """A very large page cut down to its article element (the one with most text), or to its first
    :data:`_MAX_ELEMENTS` elements when it has none, with a note saying which."""
    head = root.find("head")
    best = None
    for query in _ARTICLE_CONTAINERS:
        found = root.xpath(query)
        if found:
            best = max(found, key=lambda e: len(e.text_content()))
            break
    page = lxml_html.Element("html")
    if head is not None:
        page.append(head)
    body = lxml_html.Element("body")
    page.append(body)
    if best is not None:
        body.append(best)
        return page, f"the page has {count:,} elements; only its <{best.tag}> element was read"
    source = root.find("body")
    if source is None:
        source = root
    found = source.xpath(f"(.//*)[{_MAX_ELEMENTS}]")  # in document order, found in C
    cut = found[0] if found else None
    node = cut
    while node is not None and node is not source:
        parent = node.getparent()
        position = parent.index(node)
        del parent[position if node is cut else position + 1 :]  # it and what follows it
        node = parent
    for child in list(source):
        body.append(child)
    return page, f"the page has {count:,} elements; only its first {_MAX_ELEMENTS:,} were read"


def _trafilatura(shown: str) -> Any:
    try:
        import trafilatura  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError as exc:  # lazy: a heavy import, and an optional dependency
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
    return trafilatura


def extract_html_with_notes(html: str, name: str = "input") -> tuple[HtmlArticle, tuple[str, ...]]:
    """:func:`extract_html`, and warnings on what of a very large page was left unread."""
    shown = display_name(name)
    if markup_kind(html) == "svg":
        raise InputError(
            f"{shown}: is an SVG image: no article text; save the article as text (.txt) and compare that"
        )
    trafilatura = _trafilatura(shown)
    root, notes = _parse_page(html, shown)
    passes = (False,) if notes else (False, True)
    found: dict[str, Any] | None = None
    text = ""
    some_text = False
    for recall in passes:
        # Precision first; a page whose text trafilatura finds too thin, or where it finds only
        # links and short lines, gets a second try favouring recall.
        # trafilatura changes the tree it is given, so each pass gets a copy.
        tree = copy.deepcopy(root) if len(passes) > 1 else root
        try:
            result = trafilatura.bare_extraction(
                tree, with_metadata=True, include_comments=False, favor_recall=recall
            )
        except Exception as exc:  # a third party's failure on an odd page: a message, not a traceback
            raise InputError(
                f"{shown}: this web page could not be read ({exc.__class__.__name__} in trafilatura); "
                "save the article as text (.txt) and compare that"
            ) from exc
        # trafilatura 1.x returns a dict, 2.x a Document object.
        if isinstance(result, dict):
            fields = dict(result)
        elif result is not None:
            fields = {key: getattr(result, key, None) for key in ("text", "title", "author", "date")}
        else:
            continue
        lines = [line.strip() for line in str(fields.get("text") or "").splitlines()]
        text = "\n\n".join(line for line in lines if line)
        some_text = some_text or bool(text)
        if text and _PROSE().search(text) is not None:
            found = fields
            break
    if found is None:
        only = ", only links and short lines" if some_text else ""
        raise InputError(
            f"{shown}: no article text found in this web page{only}; "
            "save the article as text (.txt) and compare that"
        )
    fields = found
    article = HtmlArticle(
        text=text,
        title=_meta(fields.get("title")),
        author=_meta(fields.get("author")),
        date=_meta(fields.get("date")),
    )
    return article, tuple(f"{shown}: {note}" for note in notes)


def extract_html(html: str, name: str = "input") -> HtmlArticle:
    """The article text of a web page and its title, author and date, with trafilatura.

    trafilatura is the optional extra ``storydiff[html]``; without it this raises
    :class:`MissingExtraError`. It works offline on the given string (nothing is fetched). Hidden
    elements are dropped and deep trees allowed (see :func:`_parse_page`); a page with no prose
    (only navigation links) or an SVG image is an :class:`InputError`.
    """
    return extract_html_with_notes(html, name)[0]


_FRONT_MATTER = _lazy(
    r"\A(?:---|\+\+\+)[ \t]*\r?\n(?:.*?\r?\n)??(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_FRONT_TITLE = _lazy(r"^title:[ \t]*(['\"]?)(.+?)\1[ \t]*\r?$", re.MULTILINE)
_ATX_OPEN = _lazy(r"[ \t]*#{1,6}(?:[ \t]+|(?=\r?\n|\Z))")
_ATX_CLOSE = _lazy(r"(?:[ \t]+#+)?[ \t]*(?=\r?\n?\Z)")
_QUOTE_PREFIX = _lazy(r"[ \t]*>[ \t]?")
_LIST_MARKER = _lazy(r"[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\](?=[ \t]))?(?:[ \t]+|(?=\r?\n|\Z))")
_FENCE_LINE = _lazy(r"[ \t]*(?:`{3,}|~{3,})")
_TAG = _lazy(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)
_CODE_SPAN = _lazy(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_AUTOLINK = _lazy(r"<((?:https?|ftp|mailto):[^<>\s]+|[^<>\s@]+@[^<>\s@]+\.[A-Za-z]+)>")
_LINK = _lazy(
    r"!?\[((?:[^\[\]\n]|\n(?!\s*\n))*)\]"
    r"(?:\(\s*(?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
    r"|\[[^\[\]\n]*\])"
)
_FOOTNOTE_REF = _lazy(r"\[\^[^\[\]\s]+\]")
_EMPHASIS = (
    _lazy(r"(\*\*|__)(?=[^\s*_])(.+?)(?<=[^\s*_])\1", re.S),
    _lazy(r"(~~)(?=\S)(.+?)(?<=\S)~~", re.S),
    _lazy(r"(?<![\w*\\])(\*)(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])", re.S),
    _lazy(r"(?<![\w_\\])(_)(?=[^\s_])(.+?)(?<=[^\s_\\])_(?![\w_])", re.S),
)
_ESCAPE = _lazy(r"\\(?=[!-/:-@\[-`{-~]|\r?\n)")
_ENTITY = _lazy(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_TABLE_DELIMITER = _lazy(r"[ \t|:-]*-[ \t|:-]*\r?\n?\Z")
_CODE = "\x01"
"""Stands in, while inline markup is masked, for the characters of code spans (left as they are)."""


class _Masker:
    """The text of a Markdown input as a list of characters, markup overwritten with spaces."""

    def __init__(self, text: str) -> None:
        self.chars = list(text)
        self.line_starts = [0]
        for found in re.finditer(r"\n", text):
            self.line_starts.append(found.end())
        self.line_starts.append(len(text))

    def line(self, n: int) -> tuple[int, int]:
        last = len(self.line_starts) - 1
        n = min(n, last)
        return self.line_starts[n], self.line_starts[min(n + 1, last)]

    def blank(self, start: int, end: int) -> None:
        for i in range(start, end):
            if self.chars[i] not in "\r\n":
                self.chars[i] = " "

    def blank_match(self, pattern: re.Pattern[str], start: int, end: int) -> int:
        """Blank what ``pattern`` matches at ``start``; the offset after it."""
        found = pattern.match("".join(self.chars[start:end]))
        if found is None or not found.end():
            return start
        self.blank(start, start + found.end())
        return start + found.end()

    def inline(self, start: int, end: int) -> None:
        """Blank the inline markup of a paragraph, heading or table cell: link syntax (keeping the
        link text), emphasis marks, code-span backticks, escapes, inline tags; entities become the
        character they stand for, padded with spaces."""
        probe = list(self.chars[start:end])

        def blank(i: int, j: int) -> None:
            for k in range(i, j):
                if probe[k] not in "\r\n":
                    probe[k] = " "
                    self.chars[start + k] = " "

        for found in _CODE_SPAN().finditer("".join(probe)):
            blank(found.start(1), found.end(1))
            blank(found.end(2), found.end())
            for k in range(found.start(2), found.end(2)):
                probe[k] = _CODE
        for found in _ESCAPE().finditer("".join(probe)):
            blank(found.start(), found.end())
            if probe[found.end()] not in "\r\n":
                probe[found.end()] = _CODE
        for pattern in (_AUTOLINK(), _LINK()):
            for found in pattern.finditer("".join(probe)):
                blank(found.start(), found.start(1))
                blank(found.end(1), found.end())
        for found in _FOOTNOTE_REF().finditer("".join(probe)):
            blank(found.start(), found.end())
        for found in _TAG().finditer("".join(probe)):
            blank(found.start(), found.end())
        for emphasis in _EMPHASIS:
            for found in emphasis().finditer("".join(probe)):
                blank(found.start(1), found.end(1))
                blank(found.end(2), found.end())
        import html

        for found in _ENTITY().finditer("".join(probe)):
            char = html.unescape(found.group())
            if char != found.group() and len(char) <= len(found.group()):
                blank(found.start(), found.end())
                for k, c in enumerate(char):
                    self.chars[start + found.start() + k] = c

    def text(self) -> str:
        return "".join(self.chars)


def markdown_to_text(text: str) -> tuple[str, str | None]:
    """The text of a Markdown document with its markup blanked out, and its front-matter title.

    Every markup character (``# ``, ``**``, ``[``, ``](url)``, ``> ``, list markers, fences, table
    pipes, reference definitions, front matter) is overwritten with a space, so the result has the
    length of the input and every offset into it is an offset into the file as written: a
    report's offsets can be checked against the ``.md`` file itself. The price is runs of spaces
    where markup was, which sentence splitting and word comparison pass over. Block structure
    comes from markdown-it-py (installed with rich); inline markup is matched by patterns within
    each block's lines, leaving code spans and code blocks as they are.
    """
    from markdown_it import MarkdownIt

    masker = _Masker(text)
    title = None
    body_from = 0
    front = _FRONT_MATTER().match(text)
    if front is not None:
        found = _FRONT_TITLE().search(front.group())
        title = found.group(2).strip() if found else None
        masker.blank(0, front.end())
        body_from = text.count("\n", 0, front.end())
    # Only the block structure is needed: inline markup is blanked by patterns, so markdown-it
    # is spared parsing it (its "inline" core rule), which is most of its time.
    parser = MarkdownIt("commonmark").enable(["table"]).disable("inline")
    tokens = parser.parse(text[front.end() :] if front is not None else text)
    covered: set[int] = set()
    quote_depth = 0
    heading = ""
    for token in tokens:
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        if token.map is None:
            continue
        first, last = token.map[0] + body_from, token.map[1] + body_from
        covered.update(range(first, last))
        if token.type == "blockquote_open":
            continue
        if token.type == "list_item_open":
            start, _ = masker.line(first)
            start = _strip_quotes(masker, start, quote_depth)
            masker.blank_match(_LIST_MARKER(), start, masker.line(first)[1])
        elif token.type == "hr":
            for n in range(first, last):
                masker.blank(*masker.line(n))
        elif token.type == "heading_open":
            heading = token.markup
            if heading in ("=", "-"):
                masker.blank(*masker.line(last - 1))
        elif token.type == "inline":
            for n in range(first, last):
                start, end = masker.line(n)
                start = _strip_quotes(masker, start, quote_depth)
                if heading == "#":
                    start = masker.blank_match(_ATX_OPEN(), start, end)
                    close = _ATX_CLOSE().search("".join(masker.chars[start:end]))
                    if close is not None:
                        masker.blank(start + close.start(), start + close.end())
            masker.inline(masker.line(first)[0], masker.line(last - 1)[1])
            heading = ""
        elif token.type == "table_open":
            for n in range(first, last):
                start, end = masker.line(n)
                start = _strip_quotes(masker, start, quote_depth)
                line = "".join(masker.chars[start:end])
                if _TABLE_DELIMITER().match(line):
                    masker.blank(start, end)
                    continue
                for k, char in enumerate(line):
                    if char == "|" and (k == 0 or line[k - 1] != "\\"):
                        masker.blank(start + k, start + k + 1)
        elif token.type == "fence":
            for n in (first, last - 1):
                start, end = masker.line(n)
                start = _strip_quotes(masker, start, quote_depth)
                if _FENCE_LINE().match("".join(masker.chars[start:end])):
                    masker.blank(start, end)
        elif token.type == "code_block":
            for n in range(first, last):
                _strip_quotes(masker, masker.line(n)[0], quote_depth)
        elif token.type == "html_block":
            start, end = masker.line(first)[0], masker.line(last - 1)[1]
            for found in _TAG().finditer("".join(masker.chars[start:end])):
                masker.blank(start + found.start(), start + found.end())
    lines = len(masker.line_starts) - 1
    for n in range(body_from, lines):
        start, end = masker.line(n)
        if n not in covered and "".join(masker.chars[start:end]).strip():
            masker.blank(start, end)  # a link reference definition: markdown-it gives it no token
    return masker.text(), title


def _strip_quotes(masker: _Masker, start: int, depth: int) -> int:
    """Blank up to ``depth`` blockquote markers at the start of a line; the offset after them."""
    end = masker.line_starts[min(len(masker.line_starts) - 1, _line_of(masker, start) + 1)]
    for _ in range(depth):
        moved = masker.blank_match(_QUOTE_PREFIX(), start, end)
        if moved == start:
            break
        start = moved
    return start


def _line_of(masker: _Masker, offset: int) -> int:
    import bisect

    return bisect.bisect_right(masker.line_starts, offset) - 1


def _visible(text: str) -> bool:
    """Whether text shows anything: not only white space and invisible characters (zero-width
    spaces, soft hyphens, byte-order marks), which would make a one-sentence document of nothing."""
    first = _NON_SPACE.search(text)
    if first is None:
        return False
    if first.group() < "\u00ad":  # below the first invisible character: the common case, decided
        return True  # without loading the list of invisible characters
    return _shown_char().search(text, first.start()) is not None


_NON_SPACE = re.compile(r"\S")


@cache
def _shown_char() -> re.Pattern[str]:
    """A character that shows: neither white space nor invisible."""
    from .normalize import INVISIBLE

    return re.compile("[^\\s" + "".join(sorted(INVISIBLE)) + "]")


class Loaded(NamedTuple):
    """An input as loaded, and the warnings for the user about how it was read (one line each,
    naming the input: bytes replaced, passages in another code page, garbled text repaired, part
    of a very large page left unread)."""

    document: Document
    warnings: tuple[str, ...] = ()


def parse_input(data: bytes, path: str, label: str | None = None) -> Loaded:
    """Turn an input's bytes into a Document, with warnings: decode, then extract the article of a
    web page or the text of a Markdown file (markup blanked, offsets kept).

    Pure: ``path`` only names the input (messages, label, HTML or Markdown by extension); nothing
    is read.
    """
    shown = display_name(path)
    decoded = decode_input(data, path)
    text, encoding, warnings = decoded
    if not _visible(text):
        raise InputError(f"{shown}: contains only whitespace; give a file with the article text")
    label = label if label is not None else default_label(path)
    suffix = "" if path == STDIN else os.path.splitext(path)[1].lower()
    kind = markup_kind(text)
    if kind == "svg":
        raise InputError(
            f"{shown}: is an SVG image: no article text; save the article as text (.txt) and compare that"
        )
    if looks_like_html(text, "" if path == STDIN else path):
        article, notes = extract_html_with_notes(text, path)
        fixed, repairs = repair_mojibake(article.text, path)
        return Loaded(
            Document(
                text=fixed,
                label=label,
                path=path,
                encoding=encoding,
                converted_from="html",
                title=article.title,
                author=article.author,
                date=article.date,
            ),
            warnings + notes + repairs,
        )
    if suffix in MARKDOWN_SUFFIXES:
        plain, title = markdown_to_text(text)
        if not _visible(plain):
            raise InputError(f"{shown}: has only Markdown markup, no text; give a file with the article text")
        return Loaded(
            Document(
                text=plain, label=label, path=path, encoding=encoding, converted_from="markdown", title=title
            ),
            warnings,
        )
    return Loaded(Document(text=text, label=label, path=path, encoding=encoding), warnings)


def parse(data: bytes, path: str, label: str | None = None) -> Document:
    """:func:`parse_input` without the warnings."""
    return parse_input(data, path, label).document


def read_input(path: str, label: str | None = None, *, max_size: int = DEFAULT_MAX_SIZE) -> Loaded:
    """Read and decode one input (a file path, or ``-`` for standard input), with warnings.

    ``label`` defaults to the file stem ("stdin" for ``-``); ``max_size`` bounds the bytes read
    (:data:`DEFAULT_MAX_SIZE`; the CLI's ``--max-size``).
    """
    return parse_input(read_bytes(path, max_size), path, label)


def load(path: str, label: str | None = None, *, max_size: int = DEFAULT_MAX_SIZE) -> Document:
    """Read and decode one input: a file path, or ``-`` for standard input (read as bytes).

    ``label`` defaults to the file stem ("stdin" for ``-``). :func:`read_input` also returns the
    warnings about how the input was read.
    """
    return read_input(path, label, max_size=max_size).document


__all__ = [
    "DEFAULT_MAX_SIZE",
    "STDIN",
    "Decoded",
    "HtmlArticle",
    "Loaded",
    "decode",
    "decode_input",
    "default_label",
    "display_name",
    "extract_html",
    "extract_html_with_notes",
    "format_size",
    "load",
    "looks_like_html",
    "looks_western",
    "markdown_to_text",
    "markup_kind",
    "parse",
    "parse_input",
    "parse_size",
    "read_bytes",
    "read_input",
    "repair_mojibake",
]

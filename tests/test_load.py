"""Loading inputs: decoding, encoding detection, HTML detection and extraction, read errors."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from storydiff import load
from storydiff.errors import InputError, MissingExtraError
from storydiff.load import decode, default_label, display_name, extract_html, looks_like_html, parse

DATA = Path(__file__).parent / "data"

needs_trafilatura = pytest.mark.skipif(
    importlib.util.find_spec("trafilatura") is None, reason="the html extra (trafilatura) is not installed"
)

TEXT = "Flood “waters” close the bridge — café owners say.\r\nSecond line.\rThird.\n"


# --- decoding ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(TEXT.encode("utf-8-sig"), "utf-8-sig", id="utf-8-bom"),
        pytest.param(TEXT.encode("utf-16"), "utf-16", id="utf-16-native-bom"),
        pytest.param(b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16", id="utf-16-le-bom"),
        pytest.param(b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16", id="utf-16-be-bom"),
        pytest.param(TEXT.encode("utf-32"), "utf-32", id="utf-32-bom"),
        pytest.param(TEXT.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(TEXT.encode("utf-16-be"), "utf-16-be", id="utf-16-be-no-bom"),
        pytest.param(TEXT.encode("cp1252"), "cp1252", id="cp1252"),
    ],
)
def test_decode_round_trip(data: bytes, encoding: str) -> None:
    """Each supported encoding decodes to the exact text, BOM dropped, \\r\\n and \\r untranslated."""
    assert decode(data) == (TEXT, encoding)


def test_latin1_reads_as_cp1252() -> None:
    """Latin-1 text (no bytes 0x80-0x9f) decodes identically as cp1252, the name reported."""
    text = "Le café était fermé à Paris. Ça va très bien, merci. Déjà vu à l'hôtel."
    assert decode(text.encode("latin-1")) == (text, "cp1252")


def test_cp1252_curly_quotes_short() -> None:
    """A short cp1252 text with curly quotes is not taken for another code page."""
    text = "He said “no” to the café’s plan."
    assert decode(text.encode("cp1252")) == (text, "cp1252")


def test_cp1252_fixture() -> None:
    """The cp1252 fixture (CRLF, curly quotes, é, ü) decodes as written."""
    text, encoding = decode((DATA / "input_cp1252.txt").read_bytes())
    assert encoding == "cp1252"
    assert "“new rules”" in text and "Renée" in text and "Zürich" in text and "\r\n" in text


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        pytest.param(
            "Городские власти во вторник закрыли мост через гавань, когда вода поднялась до трёх метров.",
            "cp1251",
            id="cp1251",
        ),
        pytest.param("Zażółć gęślą jaźń, powiedział burmistrz w środę.", "cp1250", id="cp1250"),
        pytest.param("Οι αρχές έκλεισαν τη γέφυρα την Τρίτη μετά την πλημμύρα.", "cp1253", id="cp1253"),
    ],
)
def test_other_legacy_code_pages(text: str, codec: str) -> None:
    """Non-Western single-byte files are not forced into cp1252."""
    assert decode(text.encode(codec)) == (text, codec)


@pytest.mark.parametrize(
    ("text", "western"),
    [
        ("Le café était fermé à Paris. Ça va très bien.", True),
        ("Die Größe des Übermaßes überraschte die Bürger.", True),
        ("El niño pidió información. ¿Dónde está?", True),
        ("He said “no” — it’s over…", True),
        ("Ãîðîäñêèå âëàñòè âî âòîðíèê çàêðûëè ìîñò", False),
        ("Za¿ó³æ gêœl¹ jaŸñ, powiedzia³ burmistrz w œrodê.", False),
    ],
)
def test_looks_western(text: str, western: bool) -> None:
    """cp1252-decoded text is told apart from another code page read as cp1252."""
    assert load.looks_western(text) is western


def test_escape_sequences_are_text() -> None:
    """ESC (terminal colour codes pasted with the text) does not make a file binary."""
    text = "The \x1b[1;31mbridge\x1b[0m closed.\n"
    assert decode(text.encode()) == (text, "utf-8")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "doc.txt: is empty; give a file with the article text", id="empty"),
        pytest.param(
            b"text\x00with a NUL",
            "doc.txt: looks like binary data, not text; give a .txt, .md or .html file",
            id="nul-byte",
        ),
        pytest.param(
            bytes(range(1, 32)) * 10,
            "doc.txt: looks like binary data, not text; give a .txt, .md or .html file",
            id="control-bytes",
        ),
        pytest.param(
            b"%PDF-1.7\n\x00\x01",
            "doc.txt: is a PDF file, not text; save the article as plain text (.txt) first",
            id="pdf",
        ),
        pytest.param(
            b"PK\x03\x04\x14\x00\x06\x00",
            "doc.txt: is a ZIP archive (perhaps a Word or OpenDocument file), not text; "
            "save the article as plain text (.txt) first",
            id="docx",
        ),
        pytest.param(
            b"\xff\xfeo\x00\x00\xd8",
            "doc.txt: starts with a UTF-16 byte-order mark but is not valid UTF-16; save it again as UTF-8",
            id="bad-after-bom",
        ),
    ],
)
def test_decode_refuses(data: bytes, message: str) -> None:
    """Undecodable or binary data is refused with a message naming the input and the fix."""
    with pytest.raises(InputError) as info:
        decode(data, "doc.txt")
    assert str(info.value) == message


def test_whitespace_only_refused() -> None:
    """A file of spaces and line breaks is refused as such, not compared as empty."""
    with pytest.raises(
        InputError, match=r"^x\.txt: contains only whitespace; give a file with the article text$"
    ):
        parse(b" \r\n\t\n", "x.txt")


# --- HTML -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        pytest.param("<!DOCTYPE html><html><body>x</body></html>", "a.txt", True, id="doctype"),
        pytest.param("\n  <html lang='en'><body>x</body></html>", "", True, id="html-tag"),
        pytest.param("\ufeff<!doctype HTML>\n<html>", "", True, id="bom-and-case"),
        pytest.param(
            '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', "", True, id="xhtml"
        ),
        pytest.param("<!-- saved from url=(0022)http://x.example/ -->\n<html>", "", True, id="saved-from"),
        pytest.param("Plain <p>text", "page.HTM", True, id="extension"),
        pytest.param("Plain text without tags", "page.html", False, id="extension-but-text"),
        pytest.param("The <b>bold</b> claim.", "a.txt", False, id="tags-in-text"),
        pytest.param("An article about <html> tags.\n<html>", "a.md", False, id="html-word-later"),
        pytest.param("<htmlx>", "", False, id="not-a-tag"),
        pytest.param("<!DOCTYPE html><!-- c --><p>x", "", True, id="doctype-then-no-html-tag"),
        pytest.param("<!-- " + "x" * 5000 + " -->\n<!doctype html><p>x", "a.txt", True, id="preamble-5-kb"),
        pytest.param("<!DOCTYPE svg><svg></svg>", "a.html", False, id="svg-named-html"),
    ],
)
def test_looks_like_html(text: str, path: str, expected: bool) -> None:
    """Web pages are recognised by extension or by how they open; text mentioning tags is not."""
    assert looks_like_html(text, path) is expected


@needs_trafilatura
def test_extract_html_fixture() -> None:
    """trafilatura keeps the article paragraphs (blank-line separated) and drops navigation and footer."""
    article = extract_html((DATA / "input_page.html").read_text(encoding="utf-8"), "page.html")
    assert (article.title, article.author, article.date) == (
        "Harbor Bridge shut as river floods",
        "Dana Whitfield",
        "2024-03-12",
    )
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Harbor Bridge shut as river floods"
    assert paragraphs[1].startswith("Officials in Portsmouth shut the Harbor Bridge")
    assert len(paragraphs) == 5
    assert "Home" not in article.text and "Copyright" not in article.text


@needs_trafilatura
def test_parse_html_document() -> None:
    """An HTML input becomes a Document of the extracted text, converted_from="html", with metadata."""
    doc = parse((DATA / "input_saved_page").read_bytes(), "input_saved_page")
    assert (doc.converted_from, doc.encoding, doc.label) == ("html", "utf-8", "input_saved_page")
    assert doc.title == "Harbor Bridge shut as river floods"
    assert "<p>" not in doc.text


@needs_trafilatura
def test_html_without_article() -> None:
    """A page with nothing to extract is an InputError, not an empty comparison."""
    with pytest.raises(InputError, match="no article text found in this web page"):
        extract_html("<html><head><title>t</title></head><body></body></html>", "p.html")


def test_html_needs_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without trafilatura, an HTML input says which extra to install."""
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(MissingExtraError) as info:
        parse(b"<!doctype html><html><p>x</p></html>", "-")
    assert str(info.value) == (
        "standard input: is a web page; reading HTML needs the html extra: pip install 'storydiff[html]'"
    )


def test_html_extra_incomplete(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura present but one of its dependencies missing: the message says to upgrade the extra."""
    import builtins

    real_import = builtins.__import__

    def fake_import(name: str, *args: object, **kwargs: object) -> object:
        if name == "trafilatura":
            raise ImportError("No module named 'lxml_html_clean'", name="lxml_html_clean")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(MissingExtraError) as info:
        parse(b"<!doctype html><html><p>x</p></html>", "-")
    assert str(info.value) == (
        "standard input: is a web page, but the html extra is incomplete (lxml_html_clean is missing): "
        "pip install --upgrade 'storydiff[html]'"
    )


# --- reading ----------------------------------------------------------------------------------------


def test_load_file(tmp_path: Path) -> None:
    """load() reads a file: label is the stem, path as given, offsets-preserving text."""
    path = tmp_path / "gazette.report.txt"
    path.write_bytes(TEXT.encode("utf-16"))
    doc = load.load(str(path))
    assert (doc.text, doc.label, doc.path, doc.encoding) == (TEXT, "gazette.report", str(path), "utf-16")
    assert load.load(str(path), label="Gazette").label == "Gazette"


def test_load_stdin_reads_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """'-' reads standard input's bytes, so a cp1252 pipe is detected like a file."""
    raw = "He said “no”.\r\n".encode("cp1252")
    fake = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    doc = load.load("-")
    assert (doc.text, doc.label, doc.path, doc.encoding) == ("He said “no”.\r\n", "stdin", "-", "cp1252")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(
            lambda d: str(d / "nope.txt"), "{d}/nope.txt: no such file; check the path", id="missing"
        ),
        pytest.param(
            lambda d: str(d / "nope" / "x.txt"),
            "{d}/nope/x.txt: no such file; check the path",
            id="missing-dir",
        ),
        pytest.param(
            lambda d: str(d / "f.txt" / "x"), "{d}/f.txt/x: no such file; check the path", id="file-as-dir"
        ),
        pytest.param(
            lambda d: str(d), "{d}: is a directory, not a file; name a file inside it", id="directory"
        ),
        pytest.param(lambda d: "a\0b", "a\\x00b: not a valid file name; check the path", id="nul-in-name"),
        pytest.param(
            lambda d: str(d / "broken-link"),
            "{d}/broken-link: no such file; check the path",
            id="broken-symlink",
        ),
    ],
)
def test_read_errors(tmp_path: Path, make: Any, message: str) -> None:
    """Each way a path can fail to read has its own one-line message."""
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    (tmp_path / "broken-link").symlink_to(tmp_path / "gone")
    with pytest.raises(InputError) as info:
        load.read_bytes(make(tmp_path))
    assert str(info.value) == message.format(d=tmp_path)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unreadable file names the permission problem (simulated: root can read anything)."""

    def deny(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(load, "open", deny, raising=False)
    with pytest.raises(InputError) as info:
        load.read_bytes(str(tmp_path / "secret.txt"))
    assert (
        str(info.value)
        == f"{tmp_path}/secret.txt: permission denied; make the file readable (chmod +r) or copy it"
    )


def test_other_os_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any other OS error (an I/O error on a failing disk) still gives one line with the reason."""

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(load, "open", broken, raising=False)
    with pytest.raises(InputError, match=r"^x\.txt: cannot be read \(Input/output error\); check the file$"):
        load.read_bytes("x.txt")


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("samples/moscow-times.txt", "moscow-times"),
        ("-", "stdin"),
        ("dir/.hidden", ".hidden"),
        ("a.b.md", "a.b"),
    ],
)
def test_default_label(path: str, label: str) -> None:
    """The default label is the file stem; "stdin" for '-'."""
    assert default_label(path) == label


def test_display_name_escapes_control_characters() -> None:
    """A file name with a newline or escape cannot break the one-line message or drive the terminal."""
    assert display_name("bad\nname\x1b.txt") == "bad\\nname\\x1b.txt"
    assert display_name("-") == "standard input"


# --- hostile and messy inputs (issue 14, issue 13 item 5): one row per case ---------------------------

ARTICLE = (
    "NATO chief says Russia sent troops\n\n"
    "“It’s nonsense,” said NATO Secretary-General Jens Stoltenberg after a meeting in Brussels.\n"
    "Renée Dubois, a café owner in Zürich, said the talks were “très difficiles” on Monday.\n"
    "“There is no NATO legion,” Stoltenberg said. “The foreign forces in Ukraine are Russian.”\n"
)
LINES = ARTICLE.splitlines(keepends=True)
RUSSIAN = "Власти во вторник закрыли мост.\nМэр сказал, что мост откроют в пятницу.\n"
PARA = (
    "<p>Officials in Portsmouth shut the Harbor Bridge on Tuesday when the river rose to 3.2 meters, "
    "its highest level since 1998.</p>\n"
)


def _page(body: str, preamble: str = "") -> bytes:
    return (
        f"{preamble}<!DOCTYPE html><html><head><title>Harbor Bridge shut</title></head>"
        f"<body>{body}</body></html>"
    ).encode()


def _mojibake(text: str) -> bytes:
    """UTF-8 read as cp1252 upstream (bytes cp1252 leaves undefined kept as C1 controls, as
    browsers do), then saved as UTF-8."""
    return "".join(
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in text.encode()
    ).encode()


class Ok(NamedTuple):
    """An input that must load: what its text must and must not hold, and the warnings."""

    encoding: str = "utf-8"
    converted_from: str | None = None
    has: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    """Regular expressions, one per warning, in order."""
    text: str | None = None
    """The exact text, when it is known."""


class Refused(NamedTuple):
    """An input that must be refused with exactly this one-line message ({name}: the input)."""

    message: str


HOSTILE: list[Any] = [
    # decoding
    pytest.param(
        "stray.txt",
        ARTICLE.encode().replace(b"nonsense", b"non\xffsense"),
        Ok(
            text=ARTICLE.replace("nonsense", "non\ufffdsense"),
            warnings=(r"^stray\.txt: 1 byte not valid UTF-8 \(line 3\) shown as \ufffd$",),
        ),
        id="utf-8-stray-byte",
    ),
    pytest.param(
        "cut.txt",
        ARTICLE.encode().replace("It’s".encode(), b"It\xe2\x80s"),
        Ok(
            text=ARTICLE.replace("It’s", "It\ufffds"),
            warnings=(r"^cut\.txt: 2 bytes not valid UTF-8 \(line 3\) shown as \ufffd$",),
        ),
        id="utf-8-character-cut-off",
    ),
    pytest.param(
        "mixed.txt",
        "".join(LINES[:3]).encode() + "".join(LINES[3:]).encode("cp1252"),
        Ok(
            encoding="utf-8+cp1252",
            text=ARTICLE,
            warnings=(
                r"^mixed\.txt: \d+ passages in cp1252 inside UTF-8 text \(lines 4, 5\) read as cp1252$",
            ),
        ),
        id="half-utf-8-half-cp1252",
    ),
    pytest.param(
        "ru.txt",
        ARTICLE.encode() + RUSSIAN.encode("cp1251"),
        Ok(
            encoding="utf-8+cp1251",
            text=ARTICLE + RUSSIAN,
            warnings=(r"^ru\.txt: \d+ passages in cp1251 inside UTF-8 text \(lines 6, 7\) read as cp1251$",),
        ),
        id="utf-8-then-cp1251-one-letter-words",
    ),
    pytest.param(
        "two.txt",
        ARTICLE.encode().replace(b"nonsense", b"non\xffsense").replace(b"legion", b"leg\x81ion"),
        Ok(
            text=ARTICLE.replace("nonsense", "non\ufffdsense").replace("legion", "leg\ufffdion"),
            warnings=(r"^two\.txt: 2 bytes not valid UTF-8 \(lines 3, 5\) shown as \ufffd$",),
        ),
        id="utf-8-two-stray-bytes",
    ),
    pytest.param("le.txt", ARTICLE.encode("utf-32-le"), Ok("utf-32-le", text=ARTICLE), id="utf-32-le-no-bom"),
    pytest.param("be.txt", ARTICLE.encode("utf-32-be"), Ok("utf-32-be", text=ARTICLE), id="utf-32-be-no-bom"),
    pytest.param(
        "w.txt", ARTICLE.encode("cp1252"), Ok("cp1252", text=ARTICLE), id="legacy-cp1252-whole-file"
    ),
    pytest.param(
        "garbled.txt",
        _mojibake(ARTICLE),
        Ok(
            text=ARTICLE,
            warnings=(
                r"^garbled\.txt: repaired \d+ garbled characters "
                r"\(UTF-8 read as cp1252 upstream, e\.g\. “â€œ”\)$",
            ),
        ),
        id="mojibake-repaired-curly-quotes-kept",
    ),
    pytest.param(
        "fine.txt",
        "São Paulo’s mayor, Ãngela, said “à bientôt” — Â is a letter too.\n".encode(),
        Ok(has=("São Paulo’s", "Ãngela", "“à bientôt”")),
        id="accents-not-taken-for-mojibake",
    ),
    # size and kind of input
    pytest.param(
        "big.txt",
        b"x" * 101,
        Refused(
            "big.txt: is 101 bytes, over the 100 bytes input size limit; raise it with --max-size "
            "(for example --max-size 200bytes)"
        ),
        id="over-size-limit",
    ),
    pytest.param(
        "https://example.com/story",
        b"",
        Refused(
            "https://example.com/story: is a web address; storydiff reads files only: "
            "save the page (or use curl) and pass the file"
        ),
        id="url-argument",
    ),
    pytest.param(
        "HTTP://example.com/",
        b"",
        Refused(
            "HTTP://example.com/: is a web address; storydiff reads files only: "
            "save the page (or use curl) and pass the file"
        ),
        id="url-argument-upper-case",
    ),
    # HTML
    pytest.param(
        "deep.html",
        _page("<div>" * 300 + "<article>" + PARA * 3 + "</article>" + "</div>" * 300),
        Ok(converted_from="html", has=("Officials in Portsmouth shut the Harbor Bridge",)),
        id="html-nested-300-deep",
    ),
    pytest.param(
        "hidden.html",
        _page(
            "<article>"
            + PARA * 3
            + "<p hidden>HIDDEN paragraph that no reader ever sees on this page at all.</p>"
            "<template><p>TEMPLATE paragraph that is inert and never shown to a reader.</p></template>"
            '<p aria-hidden="true">ARIA paragraph hidden from every reader of the page by its attribute.</p>'
            '<div style="Display: None"><p>STYLE paragraph the browser never shows to a reader.</p></div>'
            "</article>"
        ),
        Ok(converted_from="html", has=("Harbor Bridge",), lacks=("HIDDEN", "TEMPLATE", "ARIA", "STYLE")),
        id="html-hidden-elements-dropped",
    ),
    pytest.param(
        "esc.html",
        _page(
            "<article>" + PARA * 3 + "<p>The colour code &#x1b;[1m was pasted here by someone.</p></article>"
        ),
        Ok(converted_from="html", has=("Harbor Bridge",)),
        id="html-control-character-entity",
    ),
    pytest.param(
        "late-doctype.txt",
        _page(
            "<article>" + PARA * 3 + "</article>", preamble="<!-- " + "saved " * 1000 + "-->\n" + " \n" * 100
        ),
        Ok(converted_from="html", has=("Harbor Bridge",), lacks=("<p>", "saved")),
        id="html-doctype-after-6-kb",
    ),
    pytest.param(
        "notes.html",
        b"Just plain text. It is named .html, but has no tags at all, so it is read as text.\n",
        Ok(text="Just plain text. It is named .html, but has no tags at all, so it is read as text.\n"),
        id="plain-text-named-html",
    ),
    pytest.param(
        "logo.svg",
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><text>Logo text</text></svg>',
        Refused(
            "logo.svg: is an SVG image: no article text; save the article as text (.txt) and compare that"
        ),
        id="svg-image",
    ),
    pytest.param(
        "logo.html",
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<svg><text>Logo</text></svg>',
        Refused(
            "logo.html: is an SVG image: no article text; save the article as text (.txt) and compare that"
        ),
        id="svg-named-html",
    ),
    pytest.param(
        "nav.html",
        _page(
            "<nav><ul>"
            + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(30))
            + "</ul></nav>"
        ),
        Refused(
            "nav.html: no article text found in this web page, only links and short lines; "
            "save the article as text (.txt) and compare that"
        ),
        id="navigation-only-page",
    ),
    pytest.param(
        "x.xhtml",
        b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><article>'
        + PARA.encode() * 3
        + b"</article></body></html>",
        Ok(converted_from="html", has=("Harbor Bridge",)),
        id="xhtml-with-encoding-declaration",
    ),
    pytest.param(
        "empty.html",
        b"<!DOCTYPE html><!-- nothing but a comment -->",
        Refused(
            "empty.html: no article text found in this web page; "
            "save the article as text (.txt) and compare that"
        ),
        id="html-empty-document",
    ),
    # Markdown
    pytest.param(
        "story.md",
        b"# Flood closes **Harbor Bridge**\n\n"
        b'Officials [shut the bridge](https://x.example/a "t") on _Tuesday_.\n',
        Ok(
            converted_from="markdown",
            text="  Flood closes   Harbor Bridge  \n\nOfficials  shut the bridge"
            + " " * 26
            + " on  Tuesday .\n",
        ),
        id="markdown-markup-blanked",
    ),
]


@pytest.mark.parametrize(("name", "data", "expected"), HOSTILE)
def test_hostile_inputs(name: str, data: bytes, expected: Ok | Refused, tmp_path: Path) -> None:
    """Each hostile or messy input loads as the row says (text, encoding, warnings), or is refused
    with its one-line message."""
    if name.endswith((".html", ".svg")) and isinstance(expected, Ok):
        pytest.importorskip("trafilatura")
    path = name if "://" in name else str(tmp_path / name)
    if "://" not in name:
        Path(path).write_bytes(data)
    if isinstance(expected, Refused):
        with pytest.raises(InputError) as info:
            load.read_input(path, max_size=100 if name == "big.txt" else load.DEFAULT_MAX_SIZE)
        assert str(info.value) == expected.message.format(name=path).replace(name, path, 1)
        return
    loaded = load.read_input(path)
    doc = loaded.document
    assert (doc.encoding, doc.converted_from) == (expected.encoding, expected.converted_from)
    if expected.text is not None:
        assert doc.text == expected.text
    for piece in expected.has:
        assert piece in doc.text
    for piece in expected.lacks:
        assert piece not in doc.text
    shown = [w.replace(str(tmp_path) + "/", "") for w in loaded.warnings]
    assert len(shown) == len(expected.warnings), shown
    for warning, pattern in zip(shown, expected.warnings):
        assert re.match(pattern, warning), warning


# --- size limit, reading in chunks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "size"),
    [("20MB", 20_000_000), ("500k", 500_000), ("1.5G", 1_500_000_000), ("1000", 1000), (" 2 mb ", 2_000_000)],
)
def test_parse_size(text: str, size: int) -> None:
    """--max-size takes decimal units, with or without B."""
    assert load.parse_size(text) == size


@pytest.mark.parametrize("text", ["", "lots", "-5MB", "0", "5TB"])
def test_parse_size_refuses(text: str) -> None:
    """A value that is not a size is refused with a message that shows how to write one."""
    with pytest.raises(ValueError, match="20MB"):
        load.parse_size(text)


def test_format_size() -> None:
    """Sizes in messages: whole units when round, one decimal below ten."""
    assert [load.format_size(n) for n in (1, 37, 2_500, 20_000_000, 12_345_678, 3 * 10**9)] == [
        "1 byte",
        "37 bytes",
        "2.5 KB",
        "20 MB",
        "12 MB",
        "3 GB",
    ]


def test_endless_stdin_stops_at_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """`yes | storydiff compare - b.txt`: standard input is read in chunks and refused past the
    limit, without reading it all (the stream here would never end)."""

    class Endless(io.RawIOBase):
        read_bytes = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            buffer[:] = b"y\n" * (len(buffer) // 2) + b"y" * (len(buffer) % 2)
            Endless.read_bytes += len(buffer)
            return len(buffer)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    with pytest.raises(InputError) as info:
        load.read_bytes("-", max_size=3_000_000)
    assert str(info.value) == (
        "standard input: is over the 3 MB input size limit; "
        "raise it with --max-size (for example --max-size 6MB)"
    )
    assert Endless.read_bytes < 5_000_000


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_refused_at_once(device: str) -> None:
    """Endless binary devices are refused as binary from their first chunk."""
    with pytest.raises(
        InputError, match=r": looks like binary data, not text; give a \.txt, \.md or \.html file$"
    ):
        load.read_bytes(device)


def test_regular_file_refused_from_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file over the limit is refused from its size, before any of it is read."""
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2_500)

    def no_read(*args: Any) -> bytes:
        raise AssertionError("read despite the size")

    monkeypatch.setattr(load, "_read_limited", no_read)
    with pytest.raises(InputError, match=r"big\.txt: is 2\.5 KB, over the 1 KB input size limit"):
        load.read_bytes(str(path), max_size=1000)


def test_utf16_stdin_not_taken_for_binary_by_first_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The binary check on the first chunk lets UTF-16 and UTF-32 without a BOM through."""
    for codec in ("utf-16-le", "utf-32-be"):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode(codec))))
        assert load.read_input("-").document.text == ARTICLE


# --- repairs and their warnings ---------------------------------------------------------------------


def test_mojibake_without_ftfy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ftfy the garbled text is kept as it is and the warning says how to repair it."""
    monkeypatch.setitem(sys.modules, "ftfy", None)
    decoded = load.decode_input(_mojibake(ARTICLE), "g.txt")
    assert decoded.text == _mojibake(ARTICLE).decode()
    assert decoded.warnings == (
        "g.txt: looks garbled (UTF-8 read as cp1252 upstream: “â€œ”); "
        "install ftfy (pip install ftfy) to repair it",
    )


def test_clean_text_does_not_import_ftfy(monkeypatch: pytest.MonkeyPatch) -> None:
    """ftfy is loaded only when garbling is seen: clean text never needs it."""
    monkeypatch.setitem(sys.modules, "ftfy", None)
    assert load.decode_input(ARTICLE.encode()).warnings == ()


@needs_trafilatura
def test_very_large_page_read_in_part(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page with more elements than the bound is cut to its article element, and says so; one
    without an article element to its first elements in document order."""
    monkeypatch.setattr(load, "_MAX_ELEMENTS", 200)
    comments = "".join(
        f"<div><p>Comment {i}: a reader wrote a short note here.</p></div>" for i in range(300)
    )
    with_article = _page("<article>" + PARA * 3 + "</article><section>" + comments + "</section>").decode()
    article, notes = load.extract_html_with_notes(with_article, "p.html")
    assert "Harbor Bridge" in article.text and "Comment" not in article.text
    assert notes == ("p.html: the page has 609 elements; only its <article> element was read",)
    without = _page("<div>" + PARA * 3 + "</div><div>" + comments + "</div>").decode()
    article, notes = load.extract_html_with_notes(without, "p.html")
    assert "Comment 150" not in article.text
    assert notes == ("p.html: the page has 609 elements; only its first 200 were read",)


# --- Markdown -----------------------------------------------------------------------------------------

MARKDOWN = """---
title: "Flood closes bridge"
author: someone
---
Flood closes bridge
===================

> “We cannot risk anyone’s safety,” said **Mayor** Grant.
> - Residents moved to a [school gym][gym] &amp; shelters.

1. Engineers will *inspect* it\\* on `Thursday **now**`.
2. Cost: <b>$3</b> million.[^1]

| Day | Level |
|-----|------:|
| Tue | 3.2 m |

```text
raw **code** stays
```

***

[gym]: https://example.com/gym "Gym"
[^1]: Estimate.
"""


def test_markdown_blanks_markup_keeps_offsets() -> None:
    """Markup becomes spaces of equal length, so every offset is an offset into the file; the
    words, the quote marks, code and table cells stay where they are."""
    text, title = load.markdown_to_text(MARKDOWN)
    assert len(text) == len(MARKDOWN) and title == "Flood closes bridge"
    for kept in (
        "Flood closes bridge",
        "“We cannot risk anyone’s safety,” said   Mayor   Grant.",
        "Residents moved to a  school gym       &     shelters.",
        "Engineers will  inspect  it * on  Thursday **now** .",
        "Cost:    $3     million.",
        "  Tue   3.2 m  ",
        "raw **code** stays",
    ):
        assert kept in text, kept
    for gone in ("---", "===", "> ", "**M", "[", "](", "gym]:", "```", "***", "|", "<b>", "title:"):
        assert gone not in text, gone
    for i, char in enumerate(text):
        assert char == MARKDOWN[i] or char == " " or MARKDOWN[i] == "&", (i, char)


def test_markdown_document() -> None:
    """A .md input is a Document converted from Markdown, titled from its front matter."""
    doc = parse(MARKDOWN.encode(), "story.md")
    assert (doc.converted_from, doc.title, len(doc.text)) == (
        "markdown",
        "Flood closes bridge",
        len(MARKDOWN),
    )


def test_markdown_of_markup_only_refused() -> None:
    """A Markdown file with nothing but markup is refused like an empty one."""
    with pytest.raises(InputError, match=r"^x\.md: has only Markdown markup, no text"):
        parse(b"***\n\n---\n", "x.md")


def test_only_invisible_characters_refused() -> None:
    """A file of zero-width spaces, soft hyphens and BOMs shows nothing: refused like whitespace."""
    with pytest.raises(InputError, match=r"^z\.txt: contains only whitespace"):
        parse("\u200b\u00ad \ufeff\u2060\n".encode(), "z.txt")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b.replace(b"legion", b"leg\xffion", 1), id="stray-byte"),
        pytest.param(
            lambda b: b[: len(b) // 2] + b[len(b) // 2 :].decode().encode("cp1252", "replace"),
            id="half-cp1252",
        ),
        pytest.param(lambda b: _mojibake(b.decode()), id="mojibake"),
    ],
)
def test_damaged_input_keeps_its_shared_quotes(damage: Any) -> None:
    """A damaged copy of an article shares as many quotes with the other as the clean one does
    (the whole file read as cp1252 or mac-iceland once lost all of them)."""
    from storydiff.pipeline import compare

    a = (DATA / "quotes_stars-and-stripes.txt").read_bytes()
    b = parse((DATA / "quotes_moscow-times.txt").read_bytes(), "b.txt")
    clean = compare(parse(a, "a.txt"), b).quotes
    damaged = compare(parse(damage(a), "a.txt"), b).quotes
    assert clean is not None and damaged is not None
    assert clean.shared and len(damaged.shared) == len(clean.shared)


_MD_PIECES = st.sampled_from(
    [*"ab #*_`[]()<>!|-=>:~\\&;\n\r\t1.\u00e9", "&amp;", "http://x.y", "```\n", "---\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MD_PIECES, max_size=60).map("".join))
def test_markdown_never_moves_text(text: str) -> None:
    """Whatever the Markdown, blanking keeps the length and never moves a character: each output
    character is the input's or a space (or, where an entity stood, the character it names)."""
    out, _ = load.markdown_to_text(text)
    assert len(out) == len(text)
    for i, char in enumerate(out):
        assert char in (text[i], " ") or text[i] == "&", (i, char, text)


_BYTE_PIECES = st.sampled_from(
    [
        b"a",
        b" ",
        b"\n",
        b"\xff",
        b"\xe9",
        b"\x93",
        b"\xe2\x80",
        b"\xe2\x80\x99",
        b"\xc3",
        b"\x00",
        b"\x1b",
        b"<p>",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_BYTE_PIECES, max_size=80).map(b"".join))
@example(b"a\xc3\xe2\x80\x93\n\xff\xff")  # the repair's example once ended in the line break after it
def test_any_bytes_decode_or_one_line_error(data: bytes) -> None:
    """Any bytes either decode (to text, with one-line warnings) or are refused with one line:
    never another exception."""
    try:
        decoded = load.decode_input(data, "x.txt")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(decoded.text, str)
    assert all("\n" not in w for w in decoded.warnings)


@needs_trafilatura
def test_japanese_article_is_prose() -> None:
    """An article in a script without spaces between words is prose, not "only short lines"."""
    sentence = "報道によると、今回販売されたのは、いわゆる「脱獄」したiPhoneで、警察が詳しく調べています。"
    page = _page("<article>" + "".join(f"<p>{sentence}</p>" for _ in range(4)) + "</article>").decode()
    assert sentence in extract_html(page, "jp.html").text

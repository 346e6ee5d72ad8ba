"""Checkable facts of a report, and how two reports differ on them.

A *fact* is a figure together with what it counts ("30 civilians were killed", "$5,587.75 vacation",
"48-page indictment", "seven to eight"), a date or day ("Jan. 26", "March 2017", "Thursday morning"),
or the name of a person, place or organisation ("Ihor Dolhov", "House Ethics Committee").
Everything here is rule-based: a tokenizer that keeps money, numbers with their hyphenated units and
dotted abbreviations whole, a few small general word lists (titles, month names, number words,
nationality adjectives), and document-level evidence for capitalised words: a word capitalised only
at the start of a sentence (or in a title-case headline) counts as a name only when the same document
also uses it as a name where capitals are not ambiguous.

Each fact carries a ``key`` that the comparison parses back, so that :func:`compare_facts` needs
nothing but the two sources:

* ``name|<tokens>`` -- lower case, titles, initials, suffixes and dots dropped, aliases applied;
* ``date|<year>|<month>|<day>|<weekday>|<year to>|<time>`` -- empty fields are unknown;
* ``num|<unit>|<low>|<high>|<qualifier>|<noun>|<who>|<event>|<governor>`` -- the quantity model:
  the value or range as given ("20 to 30"), its bound ("more than" -> min, "about", "nearly"), the
  unit (``$``, ``%``, ``age``, ``page``, ``year``, ``share``, ``rank``...), the counted thing read on
  either side of the figure ("30 civilians were killed" -> civilian, "the toll rose to 30" -> death
  toll), the person (an age), the event ("killed" -> death) and the word governing the figure
  ("lost 60 seats"). *When* a figure holds is read at comparison time, from the nearest date or
  relative time of its sentence or, failing that, its paragraph.

Word lists live in ``storydiff/lang/en`` (``number_words``, ``units`` and ``facts-*``).

:func:`compare_facts` reports what one source has and the other has nowhere in its body (names match
on surname and aliases, figures on value and unit with room for imprecision) and *conflicts*: the
same quantity of the same thing at the same time with values the words of both cannot allow
(:func:`_same_thing` says what counts as the same thing; ``Conflict.note`` says which it was), and
the same event dated differently in aligned sentences. Imprecision ("$250,000" vs "more than
$250,000", "12" vs "at least a dozen", "$3.6 billion" vs "about $3.5 billion") is never a conflict;
nor are ranks, shares, ordinals and results.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache

from . import lang
from .model import AlignedGroup, Conflict, Fact, FactComparison, FactKind, Role, Sentence, Source
from .normalize import GLYPHS

# ---------------------------------------------------------------------------------------------------
# Word lists (general English and news conventions; nothing here is specific to one story)


_STOP = (
    lang.words("stopwords")
    | lang.words("prepositions")
    | lang.words("relative_days")
    | lang.words("facts-function-words")
)
"""Function words: never what a figure counts, never a context word linking two figures, never a
name on their own."""
_TITLES = lang.words("titles") - lang.words("facts-title-homographs")
"""Person titles, dropped from names ("Sen. Tim Kaine"), less the ones that also begin the names of
institutions ("State Department", "General Motors")."""
_DEMONYMS = lang.words("facts-demonyms")
_ORG_HEADS = lang.words("facts-org-heads")
_NAME_OPENERS = lang.words("facts-name-openers")
"""Function words that may begin a name when capitalised mid-sentence ("New York", "First Avenue")."""
_PARTICIPLES = lang.words("facts-name-adjective-tails")
_LONE_INSTITUTIONS = lang.words("facts-lone-institutions")
_PARTICLES = lang.words("furniture-name-particles") | lang.words("facts-name-particles")
_NAME_SUFFIXES = lang.words("name_suffixes")
_MONTH_NAMES = lang.entries("months")
_MONTHS = {
    m: next(k + 1 for k, full in enumerate(_MONTH_NAMES[:12]) if full.startswith(m)) for m in _MONTH_NAMES
}
"""Month word -> number; the list's first twelve entries are the full names, in calendar order."""
_ABBREVIATION_KINDS = lang.mapping("abbreviations")
_ABBREVIATIONS = frozenset(_ABBREVIATION_KINDS)
"""Abbreviations whose full stop belongs to the word ("Gov.", "Fla.", "Inc.")."""
_MONTH_ABBR_ONLY = frozenset(a for a, kind in _ABBREVIATION_KINDS.items() if kind == "month")
"""Month forms that are only abbreviations ("Jan", "Sept"): without their stop, a date needs a day."""
_WEEKDAYS = {w: k + 1 for k, w in enumerate(lang.entries("weekdays"))}
"""Weekday -> ISO number; the list is in calendar order from Monday."""
_DAY_PARTS = lang.words("facts-day-parts")
_MONTH_LEADS = lang.words("facts-month-leads")
_UNITS = lang.mapping("units")
"""Word -> canonical unit; a count of these is a measurement, whatever follows."""
_SCALES = {w: float(v) for w, v in lang.mapping("facts-scales").items()}
_LETTER_SCALES = frozenset(w for w in _SCALES if len(w) == 1)
"""One-letter scales ("$5m") count only after money: "5 m" is five metres."""
_CURRENCY = {"$": "$", "€": "€", "£": "£", "¥": "¥"}
_NUMBER_WORDS = {w: int(v) for w, v in lang.mapping("number_words").items()}
_TIMES_WORDS = lang.words("facts-times-words")
"""Number words that say how many times, not how many things."""
_ORDINALS = {w: int(v) for w, v in lang.mapping("facts-ordinals").items()}
_FRACTIONS = {w: float(v) for w, v in lang.mapping("facts-fractions").items()}
_VAGUE_NUMBERS = {
    w: (float(v.split()[0]), float(v.split()[1])) for w, v in lang.mapping("facts-vague").items()
}
"""Plural and indefinite counts that only give an order of magnitude."""
_QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        ((tuple(p.split()), q) for p, q in lang.mapping("facts-qualifiers").items()),
        key=lambda pq: -len(pq[0]),
    )
)
"""Words before a figure that bound it, longest first."""
_QUALIFIERS_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _q in _QUALIFIERS:
    _QUALIFIERS_BY_LAST.setdefault(_q[0][-1], []).append(_q)
"""The qualifiers by their last word (the word right before the figure), longest first."""
_EVENTS = lang.mapping("facts-events")
"""Word -> what happened to the counted thing ("killed" -> death)."""
_LEVEL_WORDS = lang.words("facts-level-verbs")
"""Words between a thing and its figure when the thing comes first ("the toll rose to 30")."""
_COUNT_HEADS = lang.words("facts-count-heads")
"""Nouns that name a count ("toll", "number"): the word before them says of what."""
_PASSIVE_AUX = lang.words("facts-passive-aux")
_TIME_OFFSETS = lang.words("facts-time-offsets")
_DURATIONS = frozenset(u for u, v in lang.mapping("facts-unit-scales").items() if v.split()[0] == "time")
"""Units of time ("year", "week"), as facts-unit-scales measures them."""
_MEASURE_LEADS = frozenset({q[-1] for q, _ in _QUALIFIERS} | {"for", "within"})
"""Words after which "a year" is a measure: qualifiers ("less than", "nearly"), "for", "within"."""
_PREPOSITIONS = lang.words("prepositions")
_ONE_LEADS = lang.words("facts-one-leads")
"""Words before "one" that make it a pronoun or an idiom ("at one point", "no one")."""
_DETERMINERS = lang.words("determiners")
_ADDITION_WORDS = lang.words("facts-addition-words")
_GENERIC_NOUNS = lang.words("facts-generic-nouns")
"""Count nouns that name no particular kind of thing ("people"): they may count what another
source names more precisely ("12 people were arrested" / "20 protesters were detained")."""
_PASSIVE_IRREGULAR = lang.words("facts-passive-irregular")
_ATTRIBUTIVE_NOUNS = lang.words("facts-attributive-nouns")
"""A place name before one of these names the thing ("Minsk agreements")."""
_ALIASES = lang.mapping("facts-aliases")
_SITE = re.compile(
    r"(?<![^\s(\[\"'\u201c\u2018])[A-Za-z][\w-]*(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|co\.uk|ru|ua)\b"
    r"(?![.\w]\w)"
)
"""A web site named by its bare address ("BigGovernment.com", "putintrump.org"); tried only where a
token starts (after a space or an opening mark), so that a long token is read once, not from each
of its characters."""
_SITE_HINT = re.compile(r"\.(?:com|org|net|gov|edu|io|co\.uk|ru|ua)\b")
"""What every site address holds: a cheap test before the costlier :data:`_SITE`."""
_RELATIVE_TIME = re.compile(
    r"\b(?:(earlier|later)\s+)?(this|last|next)\s+(year|month|week|spring|summer|fall|autumn|winter)\b",
    re.I,
)

_LETTER = r"[^\W\d_]"
_TOKEN = re.compile(
    r"(?P<money>(?:\b(?:US|A|C|HK|NZ|NT|S)\$|[$€£¥](?:US|AU|A|C)?)\s?\d(?:[\d,]*\d)?(?:\.\d+)?)"
    r"|(?P<num>\d(?:[\d,.:]*\d)?(?:st|nd|rd|th|s)?)(?P<tail>(?:-(?:[^\W\d_]+|\d[\d,]*))*)"
    rf"|(?P<abbr>(?:{_LETTER}\.){{2,}})"
    rf"|(?P<word>{_LETTER}(?:[\w'&\-]*\w)?'?)"
    r"|(?P<punct>\S)"
)
_MASK_PARTS = (
    r"https?://\S+|www\.\S+|{email}"  # addresses: never facts
    r"|\(?\b(?:[DRI]|Dem|Rep|Ind)-[A-Z][A-Za-z.]*(?:\s?[A-Z][A-Za-z.]*)?\)?"  # party-state: (R-Calif.)
)
# The e-mail pattern is meant as ``\S+@\S+\.\w+``, which the regex engine tries at every position of a
# long token, backtracking over the rest of it each time (quadratic in the token's length, and again
# in its number of "@"). This form matches the same text: from its first character, a token is an
# address when it has an "@" after that character and, two or more characters after that "@", a dot
# followed by a word character; the match runs to the end of the word after the token's last such
# dot, as the greedy original's did. The possessive run allows no backtracking before the first "@".
_EMAIL = r"\S[^\s@]*+@\S\S*\.\w+"
_MASK = re.compile(_MASK_PARTS.format(email=r"(?<!\S)" + _EMAIL))
"""Masked spans, with addresses tried only where a token starts: one inside a token matches only if
one from the token's start does (its first run can take in the characters before), so the leftmost
matches are the original's, except right after a match that ended inside a token (see :func:`_mask`)."""
_MASK_HERE = re.compile(_MASK_PARTS.format(email=_EMAIL))
"""The same alternatives without the anchor, tried at one position only."""
_MASK_NO_ADDRESS = re.compile(_MASK_PARTS.format(email=r"(?!)"))
"""The same alternatives where an e-mail address cannot start."""
_VALID_DOT = re.compile(r"\.\w")


class _MaskToken:
    """The whitespace-free token around a position of a text, as far as :func:`_mask` needs it.

    Party tags glued together ("(R-Calif.)(R-Calif.)...") end many matches inside one long token;
    asking the e-mail pattern at each of them would read the rest of the token every time.
    """

    __slots__ = ("ats", "end", "last_dot", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.end = -1
        self.ats: list[int] = []
        self.last_dot = -1

    def address_from(self, pos: int) -> bool:
        """Whether ``_EMAIL`` matches at ``pos``: the first "@" after ``pos`` in the token has a dot
        followed by a word character two or more characters after it, in the token."""
        if pos >= self.end:  # a new token: read it once
            ws = _SPACE.search(self.text, pos)
            self.end = ws.start() if ws else len(self.text)
            self.ats = [k for k in range(pos, self.end) if self.text[k] == "@"]
            dots = [m.start() for m in _VALID_DOT.finditer(self.text, pos, self.end)]
            self.last_dot = dots[-1] if dots else -1
        k = bisect_right(self.ats, pos)
        return k < len(self.ats) and self.last_dot >= self.ats[k] + 2


_OPENERS = frozenset({'"', "(", "[", ":", "-", "'"})


# ---------------------------------------------------------------------------------------------------
# Tokens


class _Tok:
    """One token of a sentence.

    The internal record classes here are plain classes with ``__slots__`` rather than dataclasses:
    a dataclass costs about a third of a millisecond at import (it execs generated methods), and
    the module is imported on every run. ``__eq__`` compares fields as a dataclass's would.
    """

    __slots__ = ("ambiguous", "cap", "end", "kind", "lower", "start", "tail", "text", "titled")

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        kind: str,
        tail: str = "",
        lower: str = "",
        cap: bool = False,
        ambiguous: bool = False,
        titled: bool = False,
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        """money, num, abbr, word or punct."""
        self.tail = tail
        """For a number, the hyphenated rest ("-page", "-year-old", "-1")."""
        self.lower = lower
        self.cap = cap
        self.ambiguous = ambiguous
        """Capitalised where English capitalises anyway (sentence start, after an opening quote)."""
        self.titled = titled
        """In a title-case line, where every word is capitalised."""

    def _fields(self) -> tuple[object, ...]:
        return (
            self.text,
            self.start,
            self.end,
            self.kind,
            self.tail,
            self.lower,
            self.cap,
            self.ambiguous,
            self.titled,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Tok)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]


def _mask(text: str) -> str:
    """``text`` with addresses and party-state tags blanked out (same length: offsets stay valid).

    Scans like ``re.sub`` with the unanchored pattern would, in linear time: after a match that ends
    inside a token (a party tag such as "(R-Calif.)" glued to more text), the original scan would
    try an address right there, so that one position is tried without the anchor.
    """
    spans: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    token = _MaskToken(text)
    while pos < n:
        m = None
        if pos and not text[pos - 1].isspace() and not text[pos].isspace():
            m = (_MASK_HERE if token.address_from(pos) else _MASK_NO_ADDRESS).match(text, pos)
        if m is None:
            m = _MASK.search(text, pos)
            if m is None:
                break
        spans.append(m.span())
        pos = m.end()
    if not spans:
        return text
    parts = []
    last = 0
    for s, e in spans:
        parts += [text[last:s], " " * (e - s)]
        last = e
    parts.append(text[last:])
    return "".join(parts)


_DIGIT = re.compile(r"\d")
_PREFIX_DIGIT = re.compile(r"([a-z]+)-(?=\d)")
"""A lower-case prefix glued to a figure; capitalised ones name things ("COVID-19", "F-16")."""


def _tokens(text: str, base: int, title_case: bool) -> list[_Tok]:
    """Tokens of one sentence; ``base`` is the sentence's offset in the source."""
    folded = text.translate(GLYPHS)
    if "@" in folded or "-" in folded or "www." in folded or "http" in folded:
        folded = _mask(folded)  # nothing to mask without these (addresses, party tags)
    out: list[_Tok] = []
    append = out.append
    tok = _Tok
    prev_open = True
    pos: int | None = 0
    while pos is not None:
        start, pos = pos, None
        for m in _TOKEN.finditer(folded, start):
            kind = m.lastgroup
            s, e = m.span()
            if kind == "punct":
                t = folded[s:e]
                append(tok(t, base + s, base + e, kind, "", t.lower(), False, False, title_case))
                prev_open = prev_open or t in _OPENERS or t in ".!?"
                continue
            tail = ""
            if kind == "word":
                word = folded[s:e]
                if "-" in word and (cut := _PREFIX_DIGIT.match(word)):
                    word = cut.group(1)  # "sub-7", "minus-5", "mid-1990s": the figure stands on its own
                    e = s + len(word)
                if word[-1] == "'" and not word.endswith("s'"):
                    word = word[:-1]
                    e -= 1
                if (
                    e < len(folded)
                    and folded[e] == "."
                    and (len(word) == 1 or word.lower() in _ABBREVIATIONS)
                ):
                    e += 1
                if e != m.end():  # a quote left out or an abbreviation's dot taken in: go on from here
                    pos = e
            elif kind != "abbr" and kind != "money":  # a number (its last group may be its tail)
                kind, tail = "num", m.group("tail") or ""
            t = folded[s:e]
            if kind == "word" or kind == "abbr":
                append(
                    tok(
                        t,
                        base + s,
                        base + e,
                        kind,
                        tail,
                        t.lower(),
                        t[0].isupper(),
                        title_case or prev_open,
                        title_case,
                    )
                )
            else:
                append(tok(t, base + s, base + e, kind, tail, t.lower(), False, False, title_case))
            prev_open = False
            if pos is not None:
                break
    return out


_TITLE_WORD = re.compile(r"[^\W\d_][\w'-]*")


def _is_title_case(text: str, share: float) -> bool:
    raw = _TITLE_WORD.findall(text)
    # a line with more lower-case words than the share allows of all its words is no title (most
    # sentences: known after a few words, without reading the rest)
    most_lower = (1.0 - share) * len(raw) + 1e-9
    lower = 0
    words = []
    for w in raw:
        if w.lower() not in _STOP or len(w) > 3:
            words.append(w)
            if not w[0].isupper():
                lower += 1
                if lower > most_lower:
                    return False
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= share


@cache  # pure, and called for every word of both sides many times over
def _bare(word: str) -> str:
    """A word without possessive ending, dots and case: "Ukraine's" -> "ukraine", "F.B.I." -> "fbi"."""
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("s'"):
        w = w[:-1]
    return w.replace(".", "").strip("'")


@cache
def _lemma(word: str) -> str:
    w = _bare(word)
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


# ---------------------------------------------------------------------------------------------------
# Extraction


class _Doc:
    """Document-wide evidence used to read capitals."""

    __slots__ = ("lower_seen", "name_tokens", "standalone", "surnames")

    def __init__(self) -> None:
        self.lower_seen: set[str] = set()
        self.standalone: set[str] = set()
        """Bare words capitalised where capitals are not ambiguous."""
        self.surnames: set[str] = set()
        self.name_tokens: set[str] = set()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Doc)
        return (self.lower_seen, self.standalone, self.surnames, self.name_tokens) == (
            other.lower_seen,
            other.standalone,
            other.surnames,
            other.name_tokens,
        )

    __hash__ = None  # type: ignore[assignment]


def extract_facts(text: str, sentences: Sequence[Sentence]) -> tuple[Fact, ...]:
    """Figures, dates and names of the headline and body sentences, in text order."""
    sents = [s for s in sentences if s.role is not Role.BOILERPLATE]
    toks = []
    for s in sents:
        body = text[s.start : s.end]
        title_case = _is_title_case(body, 0.6 if s.role is Role.HEADLINE else 0.9)
        toks.append(_tokens(body, s.start, title_case))
    doc = _evidence(toks)
    facts: list[Fact | _Name] = []
    aliases: dict[str, str] = {}
    for s, ts in zip(sents, toks):
        names = _names(ts, doc, text)
        used = [False] * len(ts)
        facts += _dates(ts, s.index, text, used)
        facts += _numbers(ts, s.index, text, used, names)
        sites = (
            [m.span() for m in _SITE.finditer(text, s.start, s.end)]
            if _SITE_HINT.search(text, s.start, s.end)
            else []
        )
        for a, b in sites:  # "BigGovernment.com": a site is named by its address
            site = text[a:b]
            facts.append((site, s.index, a, b, site.lower()))
        for first, last, key in names:
            cut = min((a for a, b in sites if a < ts[last].end and ts[first].start < b), default=None)
            if cut is not None:  # "Breitbart's BigGovernment.com": the name before the address stays
                while last >= first and ts[last].end > cut:
                    last -= 1
                if last < first:
                    continue
                key = _name_key(_bare(ts[m].text) for m in range(first, last + 1))
            facts.append((text[ts[first].start : ts[last].end], s.index, ts[first].start, ts[last].end, key))
        _acronym_definitions(ts, names, aliases)
    out = _resolve_names(facts, aliases)
    out.sort(key=lambda f: (f.start, -f.end))
    return tuple(out)


def _evidence(all_toks: list[list[_Tok]]) -> _Doc:
    doc = _Doc()
    lower_seen = doc.lower_seen
    for ts in all_toks:
        if not ts or ts[0].titled:
            continue  # a title-case line (all its tokens are) tells nothing about capitals
        run: list[_Tok] = []
        for t in ts:
            if t.cap:  # only words and abbreviations are capitalised
                run.append(t)
                continue
            if t.kind == "word":
                lower_seen.add(t.lower)
            if run:
                _name_evidence(run, doc)
                run = []
        if run:
            _name_evidence(run, doc)
    return doc


def _name_evidence(run: list[_Tok], doc: _Doc) -> None:
    """What a run of capitalised words says about the words of names."""
    words = [_bare(r.text) for r in run]
    if len(run) >= 2 or not run[0].ambiguous:
        doc.standalone.add(words[-1])  # a word that ends a name can be used on its own
    if len(run) >= 2 and not any(r in _ORG_HEADS for r in words):
        doc.surnames.add(words[-1])
    doc.name_tokens.update(words)


def _name_token(t: _Tok, doc: _Doc) -> bool:
    if t.kind == "abbr":
        return t.text[0].isupper()
    if t.kind != "word" or not t.cap:
        return False
    low = _bare(t.text)
    if t.titled and not _is_acronym(t) and (low not in doc.name_tokens or low in doc.lower_seen):
        return False
    return low not in _WEEKDAYS and not (low in _MONTHS and (t.text.endswith(".") or low != "may"))


def _names(ts: list[_Tok], doc: _Doc, text: str) -> list[tuple[int, int, str]]:
    """Names in one sentence as (first token, last token, key)."""
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(ts)
    while i < n:
        if not ts[i].cap or not _name_token(ts[i], doc):  # a name token is capitalised
            i += 1
            continue
        j = i
        while True:
            k = j + 1
            if k < n and _name_token(ts[k], doc) and not _possessive_break(ts[j], ts[k], doc):
                j = k
                continue
            # connectors: "of (the)", "for", "&", name particles
            if k < n and ts[k].kind in ("word", "punct") and not _possessive(ts[j].text):
                conn = ts[k].lower
                m = k + 1
                if conn == "of" and m < n and ts[m].lower == "the":
                    m += 1
                joinable = (
                    (conn == "of" and _of_joins(ts, i, j))
                    or (conn == "for" and _bare(ts[j].text) in _ORG_HEADS)
                    or conn == "&"
                    or (conn in _PARTICLES and not ts[k].cap)
                )
                if joinable and m < n and _name_token(ts[m], doc) and not ts[m].ambiguous:
                    j = m
                    continue
            break
        out += _split_run(ts, i, j, doc)
        i = j + 1
    # "Minsk agreements": a one-word place name naming a treaty or a talks format
    extended = []
    for first, last, key in out:
        nxt = last + 1
        if first == last and nxt < n and ts[nxt].lower in _ATTRIBUTIVE_NOUNS and ts[nxt].kind == "word":
            extended.append((first, nxt, key + " " + _lemma(ts[nxt].text)))
        else:
            extended.append((first, last, key))
    del text
    return extended


def _possessive(word: str) -> bool:
    return word.endswith("'s") or word.endswith("s'")


def _possessive_break(prev: _Tok, nxt: _Tok, doc: _Doc) -> bool:
    """ "Martha's Vineyard" is one name, "Russia's Foreign Ministry" two: a possessor known on its own
    elsewhere in the document (or followed by a title) stands apart."""
    if not _possessive(prev.text):
        return False
    return _bare(prev.text) in doc.standalone or _bare(nxt.text) in _TITLES


def _of_joins(ts: list[_Tok], i: int, j: int) -> bool:
    """Join "X of Y" for institutions ("Department of Justice", "Antiquities of Nevada"), not for
    "Maxine Waters of California" or "Republican of New York"."""
    last = _bare(ts[j].text)
    if last in _ORG_HEADS:
        return True
    return i == j and last not in _TITLES and last not in _DEMONYMS and not _is_acronym(ts[j])


def _is_acronym(t: _Tok) -> bool:
    if t.kind == "abbr":
        return t.text.replace(".", "").isupper()
    core = _bare(t.text)
    return len(core) >= 2 and t.text.replace("'s", "").isupper() and t.text.isalpha()


def _split_run(ts: list[_Tok], i: int, j: int, doc: _Doc) -> list[tuple[int, int, str]]:
    """Turn a run of capitalised words into names: drop titles and ambiguous leading words."""
    parts: list[tuple[int, int]] = []
    start = i
    k = i
    while k <= j:
        low = _bare(ts[k].text)
        is_title = (low in _TITLES and not _possessive(ts[k].text) and _title_here(ts, i, k)) or (
            low == "general" and k > i and _bare(ts[k - 1].text) in _TITLES
        )
        if ts[k].kind == "word" and is_title and ts[k].cap:
            if k > start:
                parts.append((start, k - 1))
            # "Secretary of State Hillary Clinton": the title's object comes before the person
            if k + 1 <= j and ts[k + 1].lower == "of":
                rest = [m for m in range(k + 2, j + 1) if ts[m].lower not in ("the", "of")]
                if len(rest) >= 3:
                    keep = (
                        3 if _bare(ts[rest[-1]].text) in _NAME_SUFFIXES or len(ts[rest[-2]].text) <= 2 else 2
                    )
                    parts.append((rest[-keep], j))
                return [p for p in (_finish(ts, a, b, doc) for a, b in parts) if p]
            start = k + 1
        k += 1
    if start <= j:
        parts.append((start, j))
    # an acronym before a person's name: "NATO Ihor Dolhov"
    split: list[tuple[int, int]] = []
    for a, b in parts:
        if (
            b - a >= 2
            and _is_acronym(ts[a])
            and not any(_bare(ts[m].text) in _ORG_HEADS for m in range(a, b + 1))
        ):
            split += [(a, a), (a + 1, b)]
        else:
            split.append((a, b))
    return [p for p in (_finish(ts, a, b, doc) for a, b in split) if p]


def _title_here(ts: list[_Tok], i: int, k: int) -> bool:
    """A title word inside a run is a title after another title, an institution or a possessive
    ("FBI Director Chris Wray", "House Speaker Paul Ryan", "Ukraine's Ambassador"), not inside a
    person's name ("Martin Luther King Jr.")."""
    if k == i or ts[k].text.endswith("."):
        return True
    prev = ts[k - 1]
    low = _bare(prev.text)
    return (
        low in _TITLES
        or low in _ORG_HEADS
        or low in _DEMONYMS
        or _is_acronym(prev)
        or _possessive(prev.text)
        or (k - 1 == i and prev.ambiguous)
    )


def _finish(ts: list[_Tok], a: int, b: int, doc: _Doc) -> tuple[int, int, str] | None:
    ambiguous = ts[a].ambiguous
    # "Republican National Committee", "American University": an adjective of nationality or party
    # that begins an institution's name is part of it
    institution = b > a and _bare(ts[b].text) in _ORG_HEADS
    while a <= b:
        low = _bare(ts[a].text)
        weak = (
            low in _TITLES
            or (low in _DEMONYMS and not institution)
            or (low in _STOP and low not in _NAME_OPENERS and not _is_acronym(ts[a]))
            or (ambiguous and (low in _STOP or low in doc.lower_seen) and not _is_acronym(ts[a]))
        )
        if low == "the" and not ts[a].ambiguous and a < b:
            break  # "The Press-Enterprise": a capitalised "The" inside a sentence is part of the name
        if not weak:
            break
        a += 1
        ambiguous = True
    while b >= a and (ts[b].kind == "punct" or _bare(ts[b].text) in ("of", "the", "for", "&", *_DEMONYMS)):
        b -= 1
    if a > b:
        return None
    words = [_bare(ts[m].text) for m in range(a, b + 1)]
    if a == b:
        w = words[0]
        head, _, rest = ts[a].text.partition("-")
        if rest and rest.islower() and (rest.endswith(("ed", "ing")) or rest in _PARTICIPLES):
            w = words[0] = _bare(head)  # "Russia-backed" names Russia; "Republican-held" names nothing
        if w in _ORG_HEADS and w not in _LONE_INSTITUTIONS:
            return None  # "Department", "Street": a generic word, not a name on its own
        if ts[a].text.endswith(".") and w in _ABBREVIATIONS:
            return None  # "Fla.", "Va.": a state abbreviation after a place already named
        if _is_acronym(ts[a]) and len(w) > 5 and ambiguous and w not in doc.standalone:
            return None  # "UPDATE 2:52 p.m.": a shouted word, not an acronym
        if (w in _STOP and not _is_acronym(ts[a])) or w in _TITLES or w in _DEMONYMS or w in _NAME_SUFFIXES:
            return None
        if len(w) < 2:
            return None
        if ambiguous and not (_is_acronym(ts[a]) or w in doc.standalone or w in doc.surnames):
            return None
        if not ambiguous and w in doc.lower_seen and w in _ORG_HEADS:
            return None  # "the House", "the Court": a common noun capitalised as an institution
    key = _name_key(words)
    return (a, b, key) if key else None


def _name_key(words: Iterable[str]) -> str:
    ws = [w for w in words if w and w not in _NAME_SUFFIXES and w not in ("of", "the", "&", "for")]
    full = [w for w in ws if len(w) > 1]
    ws = full or ws
    key = " ".join(ws)
    if len(ws) >= 2 and ws[0] == "department":  # "Department of Justice" = "Justice Department"
        key = " ".join([*ws[1:], "department"])
    return _ALIASES.get(key, key)


def _acronym_definitions(ts: list[_Tok], names: list[tuple[int, int, str]], aliases: dict[str, str]) -> None:
    """ "Federal Election Commission (FEC)": the acronym stands for the name before it."""
    for first, last, key in names:
        del first
        if (
            last + 3 < len(ts) + 1
            and last + 2 < len(ts)
            and ts[last + 1].text == "("
            and _is_acronym(ts[last + 2])
        ):
            aliases[_bare(ts[last + 2].text)] = key


_Name = tuple[str, int, int, int, str]
"""A name found but not yet resolved: its text, sentence, start, end and key (without "name|")."""


def _resolve_names(facts: list[Fact | _Name], aliases: dict[str, str]) -> list[Fact]:
    """Map acronyms defined in the text and plural family names ("the Hunters") to their name, and
    make each name a fact (once: a frozen record costs more to build than a tuple)."""
    known = {f[4] for f in facts if isinstance(f, tuple)}
    out = []
    for f in facts:
        if isinstance(f, tuple):
            text, sentence, start, end, k = f
            if k in aliases:
                k = aliases[k]
            elif " " not in k and len(k) > 3 and k.endswith("s") and k[:-1] in known:
                k = k[:-1]  # "the Hunters" -> "hunter"; never a name cut down to nothing ("S")
            out.append(Fact(FactKind.NAME, text, sentence, start, end, "name|" + k))
        else:
            out.append(f)
    return out


# --- dates


def _dates(ts: list[_Tok], sentence: int, text: str, used: list[bool]) -> list[Fact]:
    out: list[Fact] = []
    n = len(ts)
    i = 0
    while i < n:
        t = ts[i]
        if t.kind != "num" and not (t.kind == "word" and t.cap):
            i += 1  # a date starts at a figure or a capitalised month or weekday
            continue
        low = _bare(t.text)
        parts: dict[str, str] = {}
        end = i
        if t.kind == "word" and low in _MONTHS and (t.cap) and (low != "may" or t.text == "May"):
            month = _MONTHS[low]
            j = i + 1
            if (
                j < n
                and ts[j].kind == "num"
                and _int(ts[j].text.rstrip("stndrh")) in range(1, 32)
                and not ts[j].tail
            ):
                parts["d"] = str(_int(ts[j].text.rstrip("stndrh")))
                end = j
                j += 1
                if j + 1 < n and ts[j].text == "," and _is_year(ts[j + 1]):
                    parts["y"] = ts[j + 1].text
                    end = j + 1
            elif j < n and _is_year(ts[j]):
                parts["y"] = ts[j].text
                end = j
            elif j + 1 < n and ts[j].text == "," and _is_year(ts[j + 1]):
                parts["y"] = ts[j + 1].text
                end = j + 1
            lead = ts[i - 1].lower if i > 0 else ""
            if not parts and (
                (low in _MONTH_ABBR_ONLY and not t.text.endswith(".")) or lead not in _MONTH_LEADS
            ):
                i += 1
                continue
            parts["m"] = str(month)
            # "26 January 2015"
            if (
                i > 0
                and ts[i - 1].kind == "num"
                and _int(ts[i - 1].text) in range(1, 32)
                and "d" not in parts
            ):
                parts["d"] = str(_int(ts[i - 1].text))
                i -= 1
        elif t.kind == "word" and low in _WEEKDAYS and t.cap:
            parts["w"] = str(_WEEKDAYS[low])
            if i + 1 < n and ts[i + 1].lower in _DAY_PARTS:
                end = i + 1
            if i > 0 and ts[i - 1].lower in ("last", "next", "this") and not ts[i - 1].ambiguous:
                i -= 1
        elif t.kind == "num" and _is_year(t) and not used[i]:
            parts["y"] = t.text
            j = i + 1
            prev = ts[i - 1].lower if i > 0 else ""
            if (
                j + 1 < n
                and ts[j].lower in ("to", "through", "-", "and", "until")
                and _is_year(ts[j + 1])
                and (ts[j].lower != "and" or prev == "between")
            ):
                parts["y2"] = ts[j + 1].text
                end = j + 1
            elif prev in _DETERMINERS or _possessive(prev):
                # "a 2012 bankruptcy petition": the year names a thing
                m = j
                while (
                    m < n
                    and m < j + 3
                    and ts[m].kind == "word"
                    and not ts[m].cap
                    and ts[m].lower not in _STOP
                ):
                    if m > j and ts[m].lower.endswith(("ed", "ing")):
                        break
                    m += 1
                end = m - 1 if m > j else i
        elif (
            t.kind == "num"
            and re.fullmatch(r"\d{1,2}(?::\d\d)?", t.text)
            and i + 1 < n
            and ts[i + 1].lower in ("a.m.", "p.m.", "am", "pm")
        ):
            h, _, mi = t.text.partition(":")
            hour = int(h) % 12 + (12 if ts[i + 1].lower.startswith("p") else 0)
            parts["t"] = f"{hour:02d}:{mi or '00'}"
            end = i + 1
        elif t.kind == "num" and re.fullmatch(r"(1[89]|20)\d0s", t.text):
            parts["y"] = t.text[:-1]
            parts["y2"] = str(int(t.text[:-1]) + 9)
        else:
            i += 1
            continue
        for m in range(i, end + 1):
            used[m] = True
        key = "date|{}|{}|{}|{}|{}|{}".format(
            parts.get("y", ""),
            parts.get("m", ""),
            parts.get("d", ""),
            parts.get("w", ""),
            parts.get("y2", ""),
            parts.get("t", ""),
        )
        out.append(
            Fact(FactKind.DATE, text[ts[i].start : ts[end].end], sentence, ts[i].start, ts[end].end, key)
        )
        i = end + 1
    return out


def _int(s: str) -> int:
    try:
        return int(s.replace(",", ""))
    except ValueError:
        return -1


def _is_year(t: _Tok) -> bool:
    return t.kind == "num" and not t.tail and re.fullmatch(r"(1[89]|20)\d\d", t.text) is not None


# --- numbers


class _Num:
    """A figure as the comparison reads it: the interval its words allow, its unit, and what it
    counts -- the counted noun (read after the figure, or before it: "the toll rose to 30"), the
    person (for an age), the event ("killed" -> death) and the word governing it ("lost 60 seats")."""

    __slots__ = ("event", "gov", "hi", "lo", "noun", "qual", "unit", "who")

    def __init__(
        self, unit: str, lo: float, hi: float, qual: str, noun: str, who: str, event: str = "", gov: str = ""
    ) -> None:
        self.unit = unit
        self.lo = lo
        self.hi = hi
        self.qual = qual
        self.noun = noun
        self.who = who
        self.event = event
        self.gov = gov

    def _fields(self) -> tuple[object, ...]:
        return (self.unit, self.lo, self.hi, self.qual, self.noun, self.who, self.event, self.gov)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Num)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]

    @staticmethod
    def parse(key: str) -> _Num | None:
        parts = key.split("|")
        if len(parts) not in (7, 9) or parts[0] != "num":
            return None
        return _Num(parts[1], float(parts[2]), float(parts[3]), *parts[4:])

    def key(self) -> str:
        return (
            f"num|{self.unit}|{_fmt(self.lo)}|{_fmt(self.hi)}|{self.qual}|{self.noun}|{self.who}"
            f"|{self.event}|{self.gov}"
        )


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:.4f}".rstrip("0")


def _value(tok: _Tok) -> float | None:
    """The value of a digit or number-word token; None when it is not a number."""
    if tok.kind == "money":
        v = float(re.sub(r"[^\d.]", "", tok.text))
        return v if math.isfinite(v) else None
    if tok.kind == "num":
        core = re.sub(r"(st|nd|rd|th|s)$", "", tok.text[: len(tok.text) - len(tok.tail)])
        if ":" in core or core.count(".") > 1:
            return None
        try:
            v = float(core.replace(",", ""))
        except ValueError:
            return None
        return v if math.isfinite(v) else None  # hundreds of digits: a code, not a figure
    if tok.kind == "word":
        parts = tok.lower.split("-")
        head = parts[0]
        if head in _FRACTIONS and len(parts) == 2 and parts[1] in _NUMBER_WORDS:
            return _FRACTIONS[head] * _NUMBER_WORDS[parts[1]]  # "half-dozen"
        if head in _NUMBER_WORDS:
            if any(p in _NUMBER_WORDS for p in parts[2:]):
                return None  # "four-by-four", "one-on-one": a kind of thing, not a count
            v = float(_NUMBER_WORDS[head])
            if len(parts) >= 2 and parts[1] in _NUMBER_WORDS and head not in _TIMES_WORDS:
                second = _NUMBER_WORDS[parts[1]]
                if second < 10 and v >= 20:
                    return v + second  # twenty-five
                if second in (12, 100):
                    return v * second  # two-dozen, three-hundred
            return v
    return None


def _numbers(
    ts: list[_Tok], sentence: int, text: str, used: list[bool], names: list[tuple[int, int, str]]
) -> list[Fact]:
    out: list[Fact] = []
    n = len(ts)
    i = 0
    index = _NameIndex(names)
    while i < n:
        t = ts[i]
        if t.kind not in _FIGURE_KINDS and not (t.kind == "word" and _may_count(t.lower)):
            i += 1  # most tokens: no figure starts here (what _figure would find, found cheaply)
            continue
        span = None if used[i] else _figure(ts, i)
        if span is None:
            i += 1
            continue
        first, last, lo, hi, qual = span
        fact, end = _number_fact(ts, first, last, lo, hi, qual, sentence, text, used, index)
        if fact is not None:
            out.append(fact)
        i = max(end, i) + 1
        del t
    return out


_FIGURE_KINDS = frozenset({"num", "money"})
_FIGURE_WORDS = frozenset(
    {"tens", "dozen", "a", "an", "one", *_VAGUE_NUMBERS, *_FRACTIONS, *_ORDINALS, *_NUMBER_WORDS}
)
"""Every word :func:`_figure` may start a figure at, besides digits and money."""


@cache
def _may_count(lower: str) -> bool:
    """Whether a word may start a figure: one of :data:`_FIGURE_WORDS`, or a hyphenated word that
    begins with one ("twenty-five", "half-dozen")."""
    return lower in _FIGURE_WORDS or lower.partition("-")[0] in _FIGURE_WORDS


def _figure(ts: list[_Tok], i: int) -> tuple[int, int, float, float, str] | None:
    """The figure starting at token ``i``: (first, last, low, high, qualifier), or None."""
    n = len(ts)
    t = ts[i]
    if (
        t.kind == "word"
        and t.lower == "tens"
        and i + 2 < n
        and ts[i + 1].lower == "of"
        and ts[i + 2].lower in _VAGUE_NUMBERS
    ):
        lo, hi = _VAGUE_NUMBERS[ts[i + 2].lower]
        return i, i + 2, lo * 10, hi * 10, "vague"
    if t.kind == "word" and t.lower in _VAGUE_NUMBERS:
        lo, hi = _VAGUE_NUMBERS[t.lower]
        return i, i, lo, hi, "vague"
    if t.kind == "word" and t.lower == "dozen":
        if i > 0 and ts[i - 1].lower == "half":
            return (i - 2 if i > 1 and ts[i - 2].lower == "a" else i - 1), i, 6.0, 6.0, ""
        if i > 0 and ts[i - 1].lower == "a":
            return i - 1, i, 12.0, 12.0, ""
        return None
    if (
        t.kind == "word"
        and t.lower in ("a", "an")
        and i + 1 < n
        and _UNITS.get(ts[i + 1].lower) in _DURATIONS
    ):
        # "less than a year", "a week later": one of a unit, where the words make it a measure
        prev = ts[i - 1].lower if i else ""
        after = ts[i + 2].lower if i + 2 < n else ""
        if prev in _MEASURE_LEADS or after in _TIME_OFFSETS or after in ("before", "after", "long"):
            return i, i, 1.0, 1.0, ""
        return None
    if t.kind == "word" and t.lower in _FRACTIONS and i + 1 < n:
        prev = ts[i - 1].lower if i else ""
        after = ts[i + 1].lower
        if (t.lower == "half" and after in ("of", "the", "a", "an")) or (
            prev in ("a", "one") and after == "of"
        ):
            share = _FRACTIONS[t.lower]
            return (i - 1 if prev in ("a", "one") else i), i, share, share, "share"
    if t.kind == "word" and t.lower in _ORDINALS and _ORDINALS[t.lower] >= 3 and i + 1 < n:
        nxt = ts[i + 1]
        if nxt.kind == "word" and not nxt.cap and nxt.lower not in _STOP and nxt.lower != "of":
            place = float(_ORDINALS[t.lower])
            return i, i, place, place, "ordinal"  # "seventh term", "third quarter"
        return None
    if t.kind == "word" and t.lower == "one":
        after = ts[i + 1].lower if i + 1 < n else ""
        prev = ts[i - 1].lower if i else ""
        if after in ("of", "another", "day") or after in _STOP or prev in _ONE_LEADS:
            return None  # "one of his loyalists", "at one point", "no one", "the one who": not a count
    v = _value(t)
    if v is None or not math.isfinite(v * 1e12):  # no scale word may overflow it
        return None
    if (
        t.kind == "num"
        and re.fullmatch(r"\d{1,2}(:\d\d)?", t.text)
        and i + 1 < n
        and ts[i + 1].lower in ("a.m.", "p.m.")
    ):
        return None
    last = i
    lo = hi = v
    if _scale_at(ts, last + 1, t):
        lo = hi = v * _SCALES[ts[last + 1].lower]
        last += 1
    # ranges: "46 to 57 months", "seven to eight", "$1 million to $2 million", "between 15 and 20"
    between = i > 0 and ts[i - 1].lower == "between"
    links = ("to", "or", "through", "and") if between else ("to", "or", "through")
    if last + 2 < n and ts[last + 1].lower in links and not ts[last].tail:
        v2 = _value(ts[last + 2])
        same_kind = (ts[last + 2].kind == "word") == (t.kind == "word") or t.kind == "word"
        if v2 is not None and same_kind and not ts[last + 2].tail:  # "seven to 10 years"
            end = last + 2
            if _scale_at(ts, end + 1, ts[last + 2]):
                v2 *= _SCALES[ts[end + 1].lower]
                if lo == v:
                    lo = hi = v * _SCALES[ts[end + 1].lower]
                end += 1
            if v2 > hi:
                return i, end, lo, v2, ""
            if (
                v2 < lo
                and ts[last + 1].lower == "to"
                and t.kind == ts[last + 2].kind == "num"
                and last == i
                and not (i > 0 and ts[i - 1].lower in ("from", "between"))
                and lo == int(lo)
                and v2 == int(v2)
            ):
                return i, end, lo, v2, "result"  # "a vote of 232 to 196": a result, as "232-196"
    return i, last, lo, hi, ""


def _scale_at(ts: list[_Tok], k: int, figure: _Tok) -> bool:
    """Whether token ``k`` scales the figure before it ("million"; "m" and "b" only after money)."""
    if k >= len(ts) or ts[k].lower not in _SCALES:
        return False
    return ts[k].lower not in _LETTER_SCALES or figure.kind == "money"


def _number_fact(
    ts: list[_Tok],
    first: int,
    last: int,
    lo: float,
    hi: float,
    qual: str,
    sentence: int,
    text: str,
    used: list[bool],
    names: _NameIndex,
) -> tuple[Fact | None, int]:
    """Widen a figure to its qualifier and what it counts, and build its key."""
    n = len(ts)
    head = ts[first]
    unit, noun, who = "", "", ""
    if head.kind == "money":
        unit = _CURRENCY.get(head.text.lstrip("USACHKNZT")[0], "$")
    elif qual in ("share", "ordinal"):
        unit, qual = qual, ""  # "a third of", "seventh term"
    elif head.kind == "word" and head.lower in _TIMES_WORDS:
        unit = "time"  # "twice"
    elif qual == "result":  # "232 to 196", read as "232-196" is
        unit, noun, hi, qual = "score", _fmt(hi), lo, ""
    if first > 0 and ts[first - 1].lower in ("no.", "no", "number", "#") and head.kind == "num":
        unit = "rank"  # "the No. 2 position": a place in an order, not an amount
    # hyphenated tails: "48-page", "27-year-old", "5-foot-11", "5,000-1", "two-year"
    tail = ts[last].tail if ts[last].kind == "num" else ""
    if ts[last].kind == "word" and "-" in ts[last].lower and _value(ts[last]) is not None:
        tail = "-" + ts[last].lower.split("-", 1)[1]
        if tail.split("-")[1] in _NUMBER_WORDS:  # "twenty-five" is a number, not a unit
            tail = ""
    if tail:
        bits = tail.lower().split("-")[1:]
        if bits[-2:] == ["year", "old"] or bits[-1:] == ["year-old"]:
            unit = "age"
        elif bits and bits[0].isdigit():
            if bits[0] in ("foot", "feet"):
                pass
            unit, lo, hi = "score", lo, lo
            noun = bits[0]
        elif bits and bits[0] in ("foot", "feet") and len(bits) > 1 and bits[1].isdigit():
            unit = "foot"
            lo = hi = lo + int(bits[1]) / 12
        elif bits and bits[0] in _UNITS:
            unit = _UNITS[bits[0]]
        elif bits:
            unit = _lemma(bits[0])
    j = last + 1
    # "percent", "per cent", "%"
    if (
        not unit
        and j < n
        and (
            ts[j].lower in ("percent", "%")
            or (ts[j].lower == "per" and j + 1 < n and ts[j + 1].lower == "cent")
        )
    ):
        unit = "%"
        last = j + (1 if ts[j].lower == "per" else 0)
        j = last + 1
    elif not unit and j + 1 < n and ts[j].lower == "percentage" and ts[j + 1].lower in ("point", "points"):
        unit, last = "point", j + 1  # "36 percentage points"
        j = last + 1
    # an age: "Mr. Hunter, 41," / "Cesar Sayoc Jr., 56, of Aventura"
    if (
        not unit
        and first > 1
        and ts[first - 1].text == ","
        and head.kind == "num"
        and 0 < lo == hi < 120
        and (j >= n or ts[j].text in (",", ")", ".", ";"))
        and not (j + 1 < n and ts[j].text == "," and ts[j + 1].kind == "num")  # "IE6, 7, 8": a list
    ):
        owner = names.ending_at(first - 2)
        before = ts[first - 2]
        if owner and not _DIGIT.search(owner[2]):  # "IE6, 7": a version, not a person
            unit, who = "age", owner[2]
            first = owner[0]
        elif (
            before.kind == "word"
            and before.cap
            and _bare(before.text) not in _STOP
            and _bare(before.text) not in _MONTHS
            and _bare(before.text) not in _WEEKDAYS
            and (first == 2 or ts[first - 3].kind != "num")
        ):  # "Hunter, 42, was indicted": a capitalised word the document names nowhere else
            unit, who, first = "age", _bare(before.text), first - 2
    if (
        not unit
        and first > 2
        and [ts[first - 3].lower, ts[first - 2].lower, ts[first - 1].lower] == ["the", "age", "of"]
    ):
        unit, first = "age", first - 3
        if first > 0 and ts[first - 1].lower == "at":
            first -= 1
    elif not unit and first > 0 and ts[first - 1].lower in ("aged", "age"):
        unit, first = "age", first - 1
    if unit == "age" and not who:
        # "the 57-year-old Sayoc": the person named right after the age; "a 14-year-old girl"
        # names nobody (the nearest name is often someone else: the accused, not the girl)
        k = last + 1
        if k < n and ts[k].lower in ("former", "retired"):
            k += 1
        owner = names.starting_at(k)
        who = owner[2] if owner else ""
    # qualifier before the figure
    q_first = first
    for q_words, q in _QUALIFIERS_BY_LAST.get(ts[first - 1].lower, ()) if first else ():
        k = len(q_words)
        if first - k >= 0 and tuple(ts[first - k + m].lower for m in range(k)) == q_words:
            qual = qual or q
            q_first = first - k
            break
    if first > 0 and ts[first - 1].lower in ("from", "between") and hi > lo:
        q_first = first - 1
    change = q_first > 0 and ts[q_first - 1].lower == "by" and head.kind != "word"
    if change:  # "grew by 6 percent": a change, never the same quantity as a level
        q_first -= 1
    # what it counts
    noun_last = last
    if unit not in ("age", "score"):
        k = j
        part = ""
        if k < n and ts[k].lower in _ADDITION_WORDS:
            part = ts[k].lower + " "  # "two more debates" counts an addition, not the total
            k += 1
        if k + 1 < n and ts[k].lower == "worth" and ts[k + 1].lower == "of":
            k += 1  # "$10,977.74 worth of televisions"
        if k + 1 < n and ts[k].lower == "of" and (not unit or ts[k - 1].lower == "worth"):
            m = k + 1
            if m < n and ts[m].lower in _DETERMINERS:
                m += 1
            if (m < n and ts[m].kind == "word" and not ts[m].cap and ts[m].lower not in _STOP) or (
                qual == "vague" and m < n and ts[m].kind == "word"
            ):
                if ts[k - 1].lower != "worth" and qual != "vague":
                    part = "of "  # "one of the mystery women": a member of a set, not its size
                k = m
        words: list[int] = []
        while (
            k < n
            and len(words) < 3
            and ts[k].kind == "word"
            and ts[k].lower not in _STOP
            and not (ts[k].cap and ts[k].ambiguous)
        ):
            if ts[k].lower in _SCALES or _value(ts[k]) is not None:
                break
            verbal = ts[k].lower.endswith(("ed", "ing")) and "-" not in ts[k].lower  # not "Indiana-based"
            if (words or ts[k].lower not in _PASSIVE_IRREGULAR) and verbal:
                break  # "$7,000 paid to", "two prosecutors involved in"; but "100 more injured"
            words.append(k)
            if ts[k].lower in _UNITS:
                break
            if _plural(ts[k].lower) and k + 1 < n and not _plural(ts[k + 1].lower):
                break  # "nine companies wrote": a plural ends the counted noun ("news briefings" goes on)
            k += 1
        if words:
            noun_last = words[-1]
            unit_word = next((ts[w].lower for w in words if ts[w].lower in _UNITS), "")
            if unit_word and not unit:
                unit = _UNITS[unit_word]
                if unit == "year" and noun_last + 1 < n and ts[noun_last + 1].lower == "old":
                    unit, noun_last = "age", noun_last + 1  # "a woman 63 years old"
            else:
                noun = part + _lemma(ts[words[-1]].text)
            # "30 civilians were killed"
            m = noun_last + 1
            if (
                m + 1 < n
                and ts[m].lower in _PASSIVE_AUX
                and ts[m + 1].kind == "word"
                and (ts[m + 1].lower.endswith("ed") or ts[m + 1].lower in _PASSIVE_IRREGULAR)
            ):
                noun_last = m + 1
            elif (
                m + 2 < n
                and ts[m].lower in ("have", "had", "has")
                and ts[m + 1].lower == "been"
                and (ts[m + 2].lower.endswith("ed") or ts[m + 2].lower in _PASSIVE_IRREGULAR)
            ):
                noun_last = m + 2
    end_tok = max(noun_last, last)
    if unit in _DURATIONS and end_tok + 1 < n and ts[end_tok + 1].lower in _TIME_OFFSETS:
        noun_last = end_tok + 1  # "a week later", "three days ago": a time, told by how far off
        noun = ts[noun_last].lower  # compared only with other such times, never with a duration
    if noun == "block" and noun_last + 1 < n and ts[noun_last + 1].lower == "of":
        unit = "rank"  # "the 12000 block of East 223rd Street": an address, not a count
    if not noun and unit not in ("age", "score", "rank", "ordinal") and head.lower != "one":
        noun = _thing_before(ts, q_first, names)
    if change:
        noun = ("by " + noun).strip()
    if head.kind == "word" and not unit and not noun and not (hi > lo):
        return None, max(noun_last, last)  # "the two were": a number word counting nothing
    event, gov = _event(ts, q_first, max(noun_last, last), noun), _governor(ts, q_first)
    if head.kind == "num" and not unit and not noun and head.text.endswith(("st", "nd", "rd", "th")):
        if last + 1 < n and ts[last + 1].cap:  # "52nd Street"
            noun_last = last + 1
            noun = _bare(ts[last + 1].text)
        unit = "ordinal"
    for m in range(q_first, max(noun_last, last) + 1):
        used[m] = True
    num = _Num(unit, lo, hi, qual, noun, who, event, gov)
    start, end = ts[q_first].start, ts[max(noun_last, last)].end
    return Fact(FactKind.NUMBER, text[start:end], sentence, start, end, num.key()), max(noun_last, last)


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s"))


def _thing_before(ts: list[_Tok], k: int, names: _NameIndex) -> str:
    """What a figure counts when the thing comes first: "the toll rose to 30" (death toll), "a
    combined rate of 45.8 percent" (combined rate), "turnout was 40 percent". Needs a linking word
    between the two ("rose", "to", "of", "was"), so that "Republicans hold 240" names nothing; a
    name there is who has the figure, not what it counts ("McDermott now has 2,029 points")."""
    j, steps = k - 1, 0
    while j >= 0 and steps < 4 and ts[j].kind == "word" and ts[j].lower in _LEVEL_WORDS:
        j, steps = j - 1, steps + 1
    if not steps or j < 0 or not _content_word(ts[j]) or names.covers(j):
        return ""
    for m in range(j - 1, max(-1, j - 6), -1):  # "the death toll from Saturday's shelling rose to 30"
        if ts[m].kind != "word" or ts[m].lower in _LEVEL_WORDS - {"of"}:
            break
        if _lemma(ts[m].text) in _COUNT_HEADS and ts[m + 1].lower in _PREPOSITIONS - {"of"}:
            j = m
            break
    noun = _lemma(ts[j].text)
    if noun in _COUNT_HEADS:
        if j > 0 and _content_word(ts[j - 1]):
            return _lemma(ts[j - 1].text) + " " + noun  # "death toll", "tax rate"
        return noun if noun in _EVENTS else ""  # "the toll" alone is a death toll; "the total" says nothing
    return noun


def _content_word(t: _Tok) -> bool:
    low = t.lower
    return (
        t.kind == "word"
        and not (t.cap and not t.ambiguous)
        and low not in _STOP
        and low not in _LEVEL_WORDS
        and _value(t) is None
        and not low.endswith("ly")
    )


def _event(ts: list[_Tok], first: int, last: int, noun: str) -> str:
    """What happened to the counted thing, from the words right around the figure ("killed")."""
    for w in noun.split():
        if w in _EVENTS:
            return _EVENTS[w]
    ahead = []
    for m in range(last + 1, min(len(ts), last + 4)):
        if ts[m].kind == "punct" or ts[m].lower in ("and", "or", "but"):
            break  # "killing 30 and wounding 100": the next figure's verb
        ahead.append(m)
    behind = []
    for m in range(first - 1, max(-1, first - 4), -1):
        if ts[m].kind == "punct" or ts[m].lower in ("and", "or", "but"):
            break  # "200 were injured and 10 houses were damaged": the other figure's event
        behind.append(m)
    for m in [*range(first, last + 1), *behind, *ahead]:
        if ts[m].kind == "word" and ts[m].lower in _EVENTS:
            return _EVENTS[ts[m].lower]
    return ""


def _governor(ts: list[_Tok], first: int) -> str:
    """The content word right before a figure (its verb or head: "lost 60 seats", "paid $5")."""
    if first > 0 and _content_word(ts[first - 1]) and not ts[first - 1].cap:
        return _lemma(ts[first - 1].text)
    return ""


class _NameIndex:
    """The names of a sentence as (first token, last token, key), looked up by bisection: a
    sentence with thousands of names and ages must not be scanned for each age."""

    __slots__ = ("firsts", "lasts", "names", "ordered")

    def __init__(self, names: list[tuple[int, int, str]]) -> None:
        self.names = names
        self.firsts = [nm[0] for nm in names]
        self.lasts = [nm[1] for nm in names]
        self.ordered = self.firsts == sorted(self.firsts) and self.lasts == sorted(self.lasts)
        """Always so for names found left to right; otherwise the lookups scan."""

    def ending_at(self, last: int) -> tuple[int, int, str] | None:
        """The first name whose last token is ``last``."""
        if not self.ordered:
            return next((nm for nm in self.names if nm[1] == last), None)
        k = bisect_left(self.lasts, last)
        return self.names[k] if k < len(self.names) and self.lasts[k] == last else None

    def covers(self, k: int) -> bool:
        """Whether token ``k`` is part of a name."""
        if not self.ordered:
            return any(nm[0] <= k <= nm[1] for nm in self.names)
        m = bisect_right(self.firsts, k)
        return m > 0 and self.lasts[m - 1] >= k

    def starting_at(self, first: int) -> tuple[int, int, str] | None:
        """The first name whose first token is ``first``."""
        if not self.ordered:
            return next((nm for nm in self.names if nm[0] == first), None)
        k = bisect_left(self.firsts, first)
        return self.names[k] if k < len(self.names) and self.firsts[k] == first else None


# ---------------------------------------------------------------------------------------------------
# Comparison


class _Info:
    """A fact as the comparison reads it."""

    __slots__ = ("date", "fact", "name", "num", "window")

    def __init__(self, fact: Fact) -> None:
        self.fact = fact
        self.num: _Num | None = None
        self.date: tuple[str, ...] = ()
        self.name: tuple[str, ...] = ()
        self.window: frozenset[str] = frozenset()
        """Content words next to a figure, up to the nearest comma or other figure."""

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Info)
        return (self.fact, self.num, self.date, self.name, self.window) == (
            other.fact,
            other.num,
            other.date,
            other.name,
            other.window,
        )

    __hash__ = None  # type: ignore[assignment]


class _Side:
    """One source as the comparison reads it (never compared: one per source and call)."""

    __slots__ = (
        "capitalised",
        "date_views",
        "dates",
        "facts_by_sentence",
        "folded",
        "gives_memo",
        "governed",
        "group_nums",
        "group_of",
        "group_rank",
        "infos",
        "names_by_token",
        "names_near",
        "nums_by_rare",
        "nums_by_sentence",
        "nums_by_value",
        "nums_by_word",
        "paragraph_dates",
        "rare",
        "relative_times",
        "sentences_of_group",
        "source",
    )

    def __init__(
        self,
        source: Source,
        infos: list[_Info],
        rare: set[str],
        group_of: dict[int, int],
        folded: str,
        capitalised: set[str],
    ) -> None:
        self.source = source
        self.infos = infos
        self.rare = rare
        self.group_of = group_of
        self.folded = folded
        self.names_by_token: dict[str, set[tuple[str, ...]]] = {}
        self.nums_by_sentence: dict[int, list[_Info]] = {}
        self.nums_by_value: dict[tuple[str, float, float], list[_Info]] = {}
        self.nums_by_rare: dict[str, list[_Info]] = {}
        self.nums_by_word: dict[str, list[_Info]] = {}
        """Figures by every word of their context (words next to many figures left out)."""
        self.sentences_of_group: dict[int, list[int]] = {}
        self.dates: dict[tuple[str, ...], None] = {}
        """Every date of the source (a range also as its last year), once each, in text order."""
        self.date_views: dict[tuple[int, ...], set[tuple[str, ...]]] = {}
        """For a set of date fields, the values the source's dates give them (filled in on demand)."""
        self.group_nums: dict[int, list[_Info]] = {}
        """The figures of each aligned group, in the order of its sentences."""
        self.group_rank: dict[int, int] = {}
        """Position of a figure (by ``id``) in its group's list."""
        self.gives_memo: dict[int, list[_Info]] = {}
        self.governed: dict[tuple[str, str], int] = defaultdict(int)
        """How many figures of each unit one word governs ("spent" in a list of purchases: many)."""
        self.names_near: dict[int, tuple[list[int], list[_Info], int]] = {}
        """Per sentence: the starts of its names, the names, the length of the longest."""
        self.relative_times: dict[int, tuple[_Spans, _Spans]] = {}
        """Per sentence: its relative times ("last year") and its dates with a year."""
        self.paragraph_dates: dict[int, tuple[str, str] | None] = {}
        self.facts_by_sentence: dict[int, list[_Info]] = {}
        self.capitalised = capitalised
        """Every capitalised word of the headline and body, also where capitals are ambiguous."""


_WINDOW_WORD = re.compile(r"[^\W\d_][\w'-]*|[$€£¥]?\d[\d,.]*|[,;:()\"\u201c\u201d]")


def compare_facts(a: Source, b: Source, alignment: Sequence[AlignedGroup]) -> FactComparison:
    """Facts only one source reports (anywhere in the other's body), and conflicting figures.

    Uses ``source.facts`` when set, otherwise extracts them. Each fact is reported once per source,
    at its first mention.
    """
    sa = _side(a, {i: n for n, g in enumerate(alignment) for i in g.a})
    sb = _side(b, {j: n for n, g in enumerate(alignment) for j in g.b})
    return FactComparison(
        only_a=_only(sa, sb),
        only_b=_only(sb, sa),
        conflicts=_conflicts(sa, sb, alignment),
    )


_RAW_WORD = re.compile(r"[^\W\d_][\w'-]*")


def _side(src: Source, group_of: dict[int, int]) -> _Side:
    facts = src.facts or extract_facts(src.text, src.sentences)
    folded = src.text.translate(GLYPHS)  # one-to-one characters: offsets stay valid
    freq: Counter[str] = Counter()
    seen: set[str] = set()
    for s in src.sentences:
        if s.role is not Role.BOILERPLATE:
            raw = set(_RAW_WORD.findall(folded, s.start, s.end))
            seen |= raw
            freq.update(set(map(_lemma, raw)))  # in how many sentences each word is
    capitalised = {_bare(w) for w in seen if w[0].isupper()}
    rare = {w for w, c in freq.items() if c <= 2 and w not in _STOP}
    infos = []
    for f in facts:
        info = _Info(f)
        kind, _, rest = f.key.partition("|")
        if kind == "num":
            info.num = _Num.parse(f.key)
            info.window = _window(src, folded, f)
        elif kind == "date":
            info.date = tuple(rest.split("|"))
        elif kind == "name":
            info.name = tuple(rest.split())
        infos.append(info)
    side = _Side(src, infos, rare, group_of, folded, capitalised=capitalised)
    _canonical_names(side)
    for sentence, g in group_of.items():
        side.sentences_of_group.setdefault(g, []).append(sentence)
    seen_values: set[tuple[object, ...]] = set()
    for info in infos:
        side.facts_by_sentence.setdefault(info.fact.sentence, []).append(info)
        if info.name:
            for tok in set(info.name):
                side.names_by_token.setdefault(tok, set()).add(info.name)
        if info.date:
            side.dates.update(dict.fromkeys(_variants(info.date)))
        if info.num:
            n = info.num
            side.nums_by_sentence.setdefault(info.fact.sentence, []).append(info)
            if n.gov:
                side.governed[(n.unit, n.gov)] += 1
            marker = (n.unit, n.lo, n.hi, n.noun, n.who, group_of.get(info.fact.sentence))
            if marker not in seen_values:  # repeated mentions add nothing to the lookups
                seen_values.add(marker)
                side.nums_by_value.setdefault((n.unit, n.lo, n.hi), []).append(info)
            for w in info.window & rare:
                side.nums_by_rare.setdefault(w, []).append(info)
            for w in info.window:
                side.nums_by_word.setdefault(w, []).append(info)
    # a word next to many figures tells none of them apart (and would make lookups quadratic)
    side.nums_by_rare = {w: v for w, v in side.nums_by_rare.items() if len(v) <= _RARE_REACH}
    side.nums_by_word = {w: v for w, v in side.nums_by_word.items() if len(v) <= _RARE_REACH}
    for g, sentences in side.sentences_of_group.items():
        nums = side.group_nums[g] = [x for j in sentences for x in side.nums_by_sentence.get(j, ())]
        for r, x in enumerate(nums):
            side.group_rank[id(x)] = r
    return side


_RARE_REACH = 32
"""Most figures a rare word may stand next to and still link figures (news articles: at most 5)."""
_GROUP_ALL_PAIRS = 64
"""Aligned groups with at most this many figures a side pair them all (news articles: at most 22;
a results list of a few dozen figures in one sentence is ordinary)."""
_GROUP_BAND = 8
"""Beyond that, each figure pairs with those this close to its relative place in the other side."""
_VALUE_SCAN = 64
"""Most mentions of one value with different counted nouns examined (news articles: at most 11)."""


def _band(i: int, nx: int, ny: int) -> range:
    """Positions in a list of ``ny`` figures that may pair with the ``i``-th of ``nx``.

    All of them for groups of real sentences; for a giant group (text without sentence ends), the
    figures near the same relative place, so that pairing stays linear.
    """
    if nx <= _GROUP_ALL_PAIRS and ny <= _GROUP_ALL_PAIRS:
        return range(ny)
    c = i * ny // max(nx, 1)
    return range(max(0, c - _GROUP_BAND), min(ny, c + _GROUP_BAND + 1))


def _variants(date: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A date, and for a range also its last year."""
    if date[0] and date[4]:
        return [date, (date[4], *date[1:4], "", *date[5:])]
    return [date]


def _says_date(side: _Side, date: tuple[str, ...]) -> bool:
    """Whether a date of ``side`` agrees with every field ``date`` fills in.

    The same as asking whether ``date`` is one of the side's dates with some fields left out, but
    without listing the 64 ways to leave fields out for every date: the side's dates are projected
    onto the fields ``date`` fills, once per set of fields asked about.
    """
    fields = tuple(k for k, v in enumerate(date) if v)
    view = side.date_views.get(fields)
    if view is None:
        view = side.date_views[fields] = {tuple(d[k] for k in fields) for d in side.dates}
    return tuple(date[k] for k in fields) in view


def _window(src: Source, text: str, f: Fact, width: int = 6) -> frozenset[str]:
    sent = next((s for s in _sentence_at(src, f.sentence)), None)
    if sent is None:
        return frozenset()
    left = _words_before(text, sent.start, f.start)
    right = _WINDOW_WORD.finditer(text, f.end, sent.end)
    words: set[str] = set()
    for seq in (left, right):
        taken = 0
        crossed = False
        for m in seq:
            w = m.group()
            if not w[0].isalpha():
                if taken >= 3 or crossed or w[0].isdigit() or w[0] in "$€£¥":
                    break
                crossed = True  # a short clause ("to the tune of $3.5 billion") reads on past one break
                continue
            low = _lemma(w)
            if low in _STOP:
                continue
            words.add(low)
            taken += 1
            if taken >= width:
                break
    return frozenset(words)


def _words_before(text: str, lo: int, hi: int, chunk: int = 64) -> Iterator[re.Match[str]]:
    """The :data:`_WINDOW_WORD` matches of ``text[lo:hi]`` from last to first, as a scan from ``lo``
    finds them, reading backwards one chunk at a time.

    The window stops after a few words, so scanning the whole sentence before every figure would
    make a long sentence with many figures quadratic. No match contains whitespace, so a scan
    starting right after a whitespace character finds what the scan from ``lo`` finds beyond it:
    each chunk starts there (or at ``lo``), and chunks grow so that a long token costs linear time.
    """
    end = hi
    while end > lo:
        start = max(lo, end - chunk)
        while start > lo:
            ws = _SPACE.search(text, start, end - 1)  # a space right before ``end`` makes no chunk
            if ws is not None:
                start = ws.end()
                break
            chunk *= 2  # no whitespace in this stretch: take in more
            start = max(lo, end - chunk)
        yield from reversed(list(_WINDOW_WORD.finditer(text, start, end)))
        end = start


_SPACE = re.compile(r"\s")


def _sentence_at(src: Source, index: int) -> list[Sentence]:
    if 0 <= index < len(src.sentences) and src.sentences[index].index == index:
        return [src.sentences[index]]
    return [s for s in src.sentences if s.index == index]


def _canonical_names(side: _Side) -> None:
    """A surname alone stands for the full name the same source gives ("Hunter" -> "duncan hunter")."""
    full: dict[str, tuple[str, ...]] = {}
    for info in side.infos:
        nm = info.name
        if len(nm) >= 2 and nm[-1] not in _ORG_HEADS:
            full.setdefault(nm[-1], nm)
    for info in side.infos:
        if len(info.name) == 1 and info.name[0] in full:
            info.name = full[info.name[0]]


def _identity(info: _Info) -> tuple[object, ...]:
    if info.num:
        n = info.num
        return ("num", n.unit, n.lo, n.hi, n.noun if not n.unit else "", n.who)
    if info.date:
        return ("date", *info.date)
    return ("name", *info.name)


def _only(side: _Side, other: _Side) -> tuple[Fact, ...]:
    covered: set[tuple[object, ...]] = set()
    first: dict[tuple[object, ...], Fact] = {}
    for info in side.infos:
        ident = _identity(info)
        first.setdefault(ident, info.fact)
        if ident not in covered and _covered(info, side, other):
            covered.add(ident)
    return tuple(f for ident, f in first.items() if ident not in covered)


def _covered(info: _Info, side: _Side, other: _Side) -> bool:
    if info.name:
        # a one-word name the other source capitalises only where capitals are ambiguous ("Crimea was ...")
        return _name_covered(info.name, other) or (len(info.name) == 1 and info.name[0] in other.capitalised)
    if info.date:
        return _says_date(other, info.date)
    assert info.num is not None
    x = info.num
    same = other.nums_by_value.get((x.unit, x.lo, x.hi), ())
    if same and x.unit not in ("", "age"):
        return True  # nothing below can refuse any of them
    for o in same[:_VALUE_SCAN]:
        y = o.num
        assert y is not None
        if x.unit == "age" and x.who and y.who and not _same_person(x.who, y.who):
            continue
        if x.unit == "" and x.noun and y.noun and x.noun != y.noun and not _linked(info, o, side, other):
            continue
        return True
    return any(
        o.num is not None and o.num.unit == x.unit and _compatible(x, o.num) and _linked(info, o, side, other)
        for o in _neighbours(info, side, other)
    )


def _neighbours(info: _Info, side: _Side, other: _Side) -> list[_Info]:
    """Figures of ``other`` that may state the same fact: in the aligned sentences or by a rare word."""
    out: list[_Info] = []
    g = side.group_of.get(info.fact.sentence)
    if g is not None:
        theirs = other.group_nums.get(g, [])
        band = _band(side.group_rank[id(info)], len(side.group_nums[g]), len(theirs))
        out += theirs[band.start : band.stop]
    for w in info.window:
        out += other.nums_by_rare.get(w, ())
    return out


def _name_covered(name: tuple[str, ...], other: _Side) -> bool:
    for cand in other.names_by_token.get(name[-1], ()):
        if cand == name:
            return True
        if _contains(cand, name) and (cand[-1] == name[-1] or cand[-1] not in _ORG_HEADS):
            return True  # "Hunter" ~ "Duncan Hunter"
        if len(cand) < len(name) and name[-len(cand) :] == cand:
            return True  # "House Ethics Committee" ~ "Ethics Committee"
    return False


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[k : k + n] == small for k in range(len(big) - n + 1))


def _date_covers(have: tuple[str, ...], want: tuple[str, ...]) -> bool:
    """``have`` says at least what ``want`` says: same year, month, day, weekday, range and time."""
    if (
        want[0]
        and want[0] not in (have[0], have[4])
        and not (have[0] and have[4] and have[0] <= want[0] <= have[4])
    ):
        return False
    return all(not w or w == h for w, h in zip(want[1:], have[1:]))


def _linked(x: _Info, y: _Info, sx: _Side, sy: _Side) -> bool:
    """The two figures sit in aligned sentences, or next to the same uncommon words."""
    shared = x.window & y.window
    rare = _rare_in(shared, sx, sy)
    g = sx.group_of.get(x.fact.sentence)
    if g is not None and g == sy.group_of.get(y.fact.sentence):
        return bool(rare)
    return len(shared & sx.rare & sy.rare) >= 1 and len(shared) >= 2


def _rare_in(words: frozenset[str], sx: _Side, sy: _Side) -> set[str]:
    """``words & (sx.rare | sy.rare)``, without building the union of two whole vocabularies."""
    return {w for w in words if w in sx.rare or w in sy.rare}


def _interval(n: _Num, open_top: bool = False) -> tuple[float, float]:
    """The values the words allow: "more than 10" is 10..16, "$43,000" (rounded) 42,500..43,500,
    "$200,000" 190,000..210,000.

    ``open_top``: a lower bound ("at least three people") allows any higher value, as a conflict
    must read it: "at least three killed" in an early report and "11 killed" later say no
    different thing. (What one source has and the other lacks reads "more than 10" as about 10.)"""
    lo, hi = n.lo, n.hi
    if n.qual == "exact":  # already an interval (a figure converted to another unit)
        return lo, hi
    if n.qual == "about":
        return lo * 0.85, hi * 1.15
    if n.qual == "min":
        return lo, math.inf if open_top else hi * 1.6
    if n.qual == "max":
        return 0.0, hi
    if n.qual == "near":
        return lo * 0.8, hi
    if lo == hi and lo != int(lo):  # "35.7" stands for 35.65..35.75
        half = 0.5 * 10.0 ** -len(_fmt(lo).partition(".")[2])
        return lo - half, hi + half
    if lo == hi and lo >= 100 and lo == int(lo):
        v = int(lo)
        step = 1
        while v % (step * 10) == 0:
            step *= 10
        if step >= 100:  # a round figure: half its last step either way, at most 5% of it
            half = min(step / 2, 0.05 * lo)
            return lo - half, hi + half
    if n.unit in _ROUNDED_UNITS and lo == int(lo) and hi == int(hi):
        return lo - 0.5, hi + 0.5  # "56 percent" may be 55.5 written whole
    return lo, hi


_ROUNDED_UNITS = frozenset({"%", "point", "$", "€", "£", "¥"})
"""Units whose whole figures are often rounded (shares, money); counts of things are exact."""


def _unit_scale(spec: str) -> tuple[str, float, float, float]:
    dimension, size, *bounds = spec.split()
    lo, hi = (float(bounds[0]), float(bounds[1])) if bounds else (float(size), float(size))
    return dimension, float(size), lo, hi


_DIMENSION = {u: _unit_scale(v) for u, v in lang.mapping("facts-unit-scales").items()}
"""Unit -> (dimension, size in the dimension's base unit, shortest and longest size: a month is 28
to 31 days)."""


def _in_base(n: _Num, open_top: bool = False) -> _Num:
    """The figure in its dimension's base unit ("3 years" -> 1095.75 days), bounds as its words and
    the unit's own length allow ("three months" -> 84 to 93 days)."""
    lo, hi = _interval(n, open_top)
    dimension, _, short, long = _DIMENSION[n.unit]
    return _Num(dimension, lo * short, hi * long, "exact", n.noun, n.who)


def _compatible(x: _Num, y: _Num, open_top: bool = False) -> bool:
    xl, xh = _interval(x, open_top)
    yl, yh = _interval(y, open_top)
    eps = 1e-9 * max(1.0, abs(xl), abs(yl), *(abs(v) for v in (xh, yh) if v != math.inf))
    if xl < xh and yl < yh:  # two ranges must share more than an edge: "$3.6 billion" / "$3.5 billion"
        return xl < yh - eps and yl < xh - eps
    return xl <= yh + eps and yl <= xh + eps


# --- conflicts


def _conflicts(sa: _Side, sb: _Side, alignment: Sequence[AlignedGroup]) -> tuple[Conflict, ...]:
    cands: list[tuple[int, _Info, _Info]] = []  # (strength, a, b)
    for g in alignment:
        xs = [x for i in g.a for x in sa.nums_by_sentence.get(i, ())]
        ys = [y for j in g.b for y in sb.nums_by_sentence.get(j, ())]
        for r, x in enumerate(xs):
            band = _band(r, len(xs), len(ys))
            cands += [(2, x, y) for y in ys[band.start : band.stop]]
    by_thing_a = _by_thing(sa)
    by_thing_b = _by_thing(sb)
    for thing, xs in by_thing_a.items():
        ys = by_thing_b.get(thing, [])
        if len(xs) > 1 and len(ys) == 1:
            xs = _totals(xs)  # "six children were killed ... the death toll rose to 11" / "24 dead"
        elif len(ys) > 1 and len(xs) == 1:
            ys = _totals(ys)
        if len(xs) == 1 and len(ys) == 1:
            cands.append((3, xs[0], ys[0]))
    by_word_b = sb.nums_by_word
    for x in (i for i in sa.infos if i.num):
        seen: set[int] = set()
        for w in x.window:  # a word uncommon in either source, next to a figure in both
            if w not in sa.rare and w not in sb.rare:
                continue
            for y in by_word_b.get(w, ()):
                if id(y) not in seen and len(x.window & y.window) >= 2:
                    seen.add(id(y))
                    cands.append((1, x, y))
    # strength 1 is a context match only: what the figures count must be named by two uncommon words
    # shared by both contexts, or by the same counted noun and one uncommon word
    out: list[Conflict] = []
    used: set[int] = set()
    # Strongest first; among equals, in text order, so that the result never depends on the order
    # in which sets of context words happen to be iterated (which changes with Python's hash seed).
    # Among pairs of one strength, the closest values first: a figure given twice with one digit
    # changed pairs with its counterpart, not with the next figure of the same list.
    for strength, x, y in sorted(
        cands, key=lambda c: (-c[0], _distance(c[1], c[2]), c[1].fact.start, c[2].fact.start)
    ):
        if id(x.fact) in used or id(y.fact) in used:
            continue
        note = _conflict(x, y, sa, sb, strength)
        if note:
            used.update({id(x.fact), id(y.fact)})
            out.append(Conflict(x.fact, y.fact, x.fact.kind, note))
    out += _date_conflicts(sa, sb, alignment)
    out.sort(key=lambda c: (c.a.start, c.b.start))
    return tuple(out)


_DATE_FIELDS = ("year", "month", "day", "weekday", "to", "time")


def _date_conflicts(sa: _Side, sb: _Side, alignment: Sequence[AlignedGroup]) -> list[Conflict]:
    """Aligned sentences that date the same event differently: "was arrested on Friday" / "was
    arrested Thursday". Only when the verb before each date is the same, both dates say the same
    kind of thing (two weekdays, two days of a month, two years), and neither source gives the
    other's date anywhere (else they are two events, both dated by both)."""
    out: list[Conflict] = []
    for g in alignment:
        xs = [x for i in g.a for x in sa.facts_by_sentence.get(i, ()) if x.date]
        ys = [y for j in g.b for y in sb.facts_by_sentence.get(j, ()) if y.date]
        if len(xs) != 1 or len(ys) != 1:
            continue  # several dates in a sentence: no telling which pairs with which
        x, y = xs[0], ys[0]
        filled = [k for k, v in enumerate(x.date) if v]
        if [k for k, v in enumerate(y.date) if v] != filled or x.date[4] or y.date[4] or x.date == y.date:
            continue
        if _says_date(sb, x.date) or _says_date(sa, y.date):
            continue
        vx, vy = _date_verb(x, sa), _date_verb(y, sb)
        if not vx or not (vx == vy or (len(vx) > 4 and vx[:4] == vy[:4])):
            continue
        what = ", ".join(_DATE_FIELDS[k] for k in filled if x.date[k] != y.date[k])
        out.append(
            Conflict(x.fact, y.fact, x.fact.kind, f"when {vx}: {x.fact.text} vs {y.fact.text} ({what})")
        )
    return out


def _date_verb(x: _Info, side: _Side) -> str:
    """The past verb right before a date, over prepositions and auxiliaries ("arrested on")."""
    sents = _sentence_at(side.source, x.fact.sentence)
    if not sents:
        return ""
    for k, m in enumerate(_words_before(side.folded, sents[0].start, x.fact.start)):
        w = m.group()
        if k >= 5 or not w[0].isalpha():
            return ""
        low = w.lower()
        if low in _STOP or low in _LEVEL_WORDS or w[0].isupper():
            continue  # "on", "since", "was"; a name as the object ("led House Democrats since")
        # a past verb ("arrested", "led", "died"); "met the mayor on Monday" dates the meeting,
        # and a noun right before the date ("the mayor") says nothing of what is dated
        return low if low.endswith("ed") or low in _EVENTS else ""
    return ""


_NO_CONFLICT_UNITS = frozenset({"ordinal", "rank", "share", "time"})
"""Positions, results and proportions: two of them differing are two facts, not one disputed."""


_EVENT_CLOSE = 0.8
"""Two counts of one event ("killed") may differ by at most this share of the larger (1 to 5)."""
_CLOSE = 0.5
"""Context words alone link two figures only when their values are within this share of the larger:
two reports of one quantity differ by a correction or an update, not by an order of magnitude."""


_NEAR = 0.25
"""Aligned sentences that count the same noun of the same named person or body, each once, with
values within this share of the larger, give one count twice (a correction or a slip: "2,029
points" / "2,129 points"); further apart, they mostly count two sets ("two states" / "23 states")."""


def _shared_name(x: _Info, y: _Info, sa: _Side, sb: _Side) -> str:
    """A name both figures' sentences give (matched on its last word, as a surname stands for the
    full name), or ""."""
    theirs = {o.name[-1]: o for o in sb.facts_by_sentence.get(y.fact.sentence, ()) if o.name}
    for o in sa.facts_by_sentence.get(x.fact.sentence, ()):
        if o.name and o.name[-1] in theirs:
            return max(o.fact.text, theirs[o.name[-1]].fact.text, key=len)
    return ""


def _same_verb(gx: str, gy: str, x: _Info, y: _Info) -> bool:
    """Whether two governing words may be one verb: equal, one in the other's context ("repaid ...
    his campaign $60,000"), or one stem ("spent" / "spending": the same first four letters)."""
    return gx == gy or gx in y.window or gy in x.window or (len(gx) > 4 and len(gy) > 4 and gx[:4] == gy[:4])


def _alone(x: _Info, side: _Side, by_noun: bool = False) -> bool:
    """Whether ``x`` is the only figure of its unit (``by_noun``: of its unit and counted noun) in its
    sentence (not an item of a list)."""
    assert x.num is not None
    unit, noun = x.num.unit, x.num.noun
    return (
        sum(
            1
            for o in side.nums_by_sentence.get(x.fact.sentence, ())
            if o.num and o.num.unit == unit and (not by_noun or o.num.noun == noun)
        )
        == 1
    )


def _nouns_open(nx: _Num, ny: _Num) -> bool:
    """Whether the counted nouns leave room for the same thing: one is missing or names a count
    ("toll", "number") rather than a thing."""
    if nx.noun in _TIME_OFFSETS or ny.noun in _TIME_OFFSETS:
        return False  # "four years ago" is a time, "three years" a duration
    if not nx.noun or not ny.noun:
        return True
    heads = (nx.noun.split()[-1], ny.noun.split()[-1])
    return any(h in _COUNT_HEADS or h in _GENERIC_NOUNS for h in heads)


def _distance(x: _Info, y: _Info) -> float:
    """How far apart two figures' values are, relative to the larger (0 = equal)."""
    assert x.num is not None and y.num is not None
    a, b = (x.num.lo + x.num.hi) / 2, (y.num.lo + y.num.hi) / 2
    top = max(abs(a), abs(b))
    return abs(a - b) / top if top else 0.0


def _totals(infos: list[_Info]) -> list[_Info]:
    """Of several figures of one event, those that name a total ("the death toll rose to 11"): where
    a source counts an event piece by piece, its total is what another source's one figure gives."""
    return [i for i in infos if i.num and i.num.noun and i.num.noun.split()[-1] in _COUNT_HEADS]


def _by_thing(side: _Side) -> dict[tuple[str, str], list[_Info]]:
    """Figures by unit and what they count -- the counted noun ("page", "civilian"), the person (an
    age) or the event ("death") -- each value once: a thing with one figure in each source may be
    the same thing even where the sentences are not aligned."""
    out: dict[tuple[str, str], dict[tuple[float, float], _Info]] = defaultdict(dict)
    for i in side.infos:
        n = i.num
        if n is None or n.qual == "vague" or n.unit in _NO_CONFLICT_UNITS or n.noun in _TIME_OFFSETS:
            continue  # "four months ago" / "one month ago": times of two events, not one quantity
        counted = (
            n.noun or n.who.rpartition(" ")[2] if n.unit else ""
        )  # "198 people" / "45,000 people": too weak alone
        for thing in {counted, "event:" + n.event if n.event and not n.unit else ""} - {""}:
            out[(n.unit, thing)].setdefault((n.lo, n.hi), i)
    return {k: list(v.values()) for k, v in out.items()}


def _conflict(x: _Info, y: _Info, sa: _Side, sb: _Side, strength: int) -> str:
    """A plain-words note when the two figures give the same quantity of the same thing at the same
    time with values their wording cannot both allow, else ""."""
    nx, ny = x.num, y.num
    assert nx is not None and ny is not None
    if _fragment(x, sa) or _fragment(y, sb) or _part(x, sa) or _part(y, sb):
        return ""
    if "vague" in (nx.qual, ny.qual) or nx.unit in _NO_CONFLICT_UNITS or ny.unit in _NO_CONFLICT_UNITS:
        return ""
    if nx.unit != ny.unit and _DIMENSION.get(nx.unit, ("?",))[0] != _DIMENSION.get(ny.unit, ("!",))[0]:
        return ""
    if nx.unit == "score" or ny.unit == "score":
        return _score_conflict(x, y, sa, sb, strength)
    what = _same_thing(x, y, sa, sb, strength)
    if not what:
        return ""
    if nx.unit != ny.unit:  # "sentenced to 30 months" / "to 3 years": compared in days
        if not nx.noun or nx.noun != ny.noun:
            return ""  # durations of different units measure many things: the same noun must say which
        bx, by = _in_base(nx, open_top=True), _in_base(ny, open_top=True)
        if _compatible(bx, by):
            return ""
    elif _compatible(nx, ny, open_top=True) and not (nx.qual == ny.qual == "max" and _ceilings_differ(x, y)):
        # the same figure at two times ("about $60,000" by 2017 / "more than $60,000" this year);
        # a lower bound that only an open top reaches says nothing about when
        return _time_conflict(x, y, sa, sb, what) if _compatible(nx, ny) else ""
    tx, ty = _time_of(x, sa), _time_of(y, sb)
    if tx and ty and tx[0] != ty[0]:
        return ""  # the same thing at two different times: two facts, both may be right
    # the other source may give this very figure elsewhere: then these are two different facts
    if _gives(sb, x, y) or _gives(sa, y, x):
        return ""
    return _note(x.fact.text, y.fact.text, nx, what)


_MORE_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(_ADDITION_WORDS)) + r")\b(?!\s+than\b)", re.I)
"""An addition word after a figure ("tens of thousands more"), not a comparison ("13 more than")."""
_ANOTHER_BEFORE = re.compile(r"\b(?:another|an additional|other)\s+$", re.I)


def _part(x: _Info, side: _Side) -> bool:
    """Whether ``x`` counts only a part of a total its sentence goes on to add to ("killed 170,000
    people in the province and tens of thousands more in countries around the ocean"), or is itself
    an addition ("another four people died"): never the whole another source may give."""
    f = side.folded
    if _ANOTHER_BEFORE.search(f, max(0, x.fact.start - 16), x.fact.start):
        return True
    later = [o for o in side.nums_by_sentence.get(x.fact.sentence, ()) if o.fact.start >= x.fact.end]
    return any(_MORE_AFTER.match(f, o.fact.end) for o in later[:2])


_CEILINGS = tuple(sorted(lang.words("facts-ceilings"), key=len, reverse=True))


def _ceilings_differ(x: _Info, y: _Info) -> bool:
    """Two ceilings of one quantity that differ ("faces up to 20 years" / "up to 25 years"): the
    bound is the fact stated, not a value under it. Other upper bounds ("fewer than 20") only
    bound a value both may allow."""
    nx, ny = x.num, y.num
    assert nx is not None and ny is not None
    if not (x.fact.text.lower().startswith(_CEILINGS) and y.fact.text.lower().startswith(_CEILINGS)):
        return False
    return not _compatible(
        _Num(nx.unit, nx.lo, nx.hi, "", nx.noun, nx.who), _Num(ny.unit, ny.lo, ny.hi, "", ny.noun, ny.who)
    )


def _same_person(a: str, b: str) -> bool:
    """Whether two name keys may be one person: the same surname, and the same first name where
    both give one ("John Jenkin" and "Kathryn Jenkin" are two people, "Jenkin" may be either)."""
    if not a or not b:
        return False
    wa, wb = a.split(), b.split()
    return wa[-1] == wb[-1] and (len(wa) == 1 or len(wb) == 1 or wa[0] == wb[0])


def _fragment(x: _Info, side: _Side) -> bool:
    """A figure in a line of fewer than five words without a full stop ("3 min read", "Photo 1 of
    9"): page furniture the segmentation kept, never the place of a disputed fact."""
    sents = _sentence_at(side.source, x.fact.sentence)
    if not sents:
        return False
    words = sents[0].text.split()
    return len(words) < 5 and not sents[0].text.rstrip().endswith((".", "!", "?", '"', "\u201d"))


def _score_conflict(x: _Info, y: _Info, sa: _Side, sb: _Side, strength: int) -> str:
    """Two results ("voted 51-49" / "52-48") of the same vote or game: aligned sentences, one result
    in each, and different figures. Results elsewhere are of different votes and games."""
    nx, ny = x.num, y.num
    assert nx is not None and ny is not None
    if nx.unit != ny.unit or strength != 2 or not (_alone(x, sa) and _alone(y, sb)):
        return ""
    lx, ly = _lead(x, sa), _lead(y, sb)
    if not (lx and ly and _same_verb(lx, ly, x, y)):
        return ""  # "voted 51-49" / "a vote of 50 to 48"; not "closed to 47-44" / "put them up 47-42"
    if (nx.lo, nx.noun) == (ny.lo, ny.noun) or _gives(sb, x, y) or _gives(sa, y, x):
        return ""
    return f"result: {x.fact.text} vs {y.fact.text}"


_CLAUSE_BREAK = re.compile(r"[,;:(\[\u2014]|\s-+\s")


def _clause_names(x: _Info, side: _Side) -> list[str]:
    """The names (by their last word, in text order) between the start of a figure's clause and the
    figure: who has, does or gets it ("Brat won 56 percent", "The Red Sox offered Teixeira $200
    million")."""
    sents = _sentence_at(side.source, x.fact.sentence)
    if not sents:
        return []
    start = sents[0].start
    for m in _CLAUSE_BREAK.finditer(side.folded, start, x.fact.start):
        start = m.end()
    return [
        o.name[-1]
        for o in side.facts_by_sentence.get(x.fact.sentence, ())
        if o.name and o.fact.start >= start and o.fact.end <= x.fact.start
    ]


_PLACE_LEAD = re.compile(r"\b(?:in|across|throughout|near|around)\s+(?:the\s+)?$", re.I)


def _places_after(x: _Info, side: _Side) -> set[str]:
    """The places (names, by their last word) a figure's clause puts it in after it ("killed 30
    people in Mariupol"): two figures placed in different places are two quantities."""
    sents = _sentence_at(side.source, x.fact.sentence)
    if not sents:
        return set()
    brk = _CLAUSE_BREAK.search(side.folded, x.fact.end, sents[0].end)
    end = brk.start() if brk else sents[0].end
    out = set()
    for o in side.facts_by_sentence.get(x.fact.sentence, ()):
        if (
            o.name
            and x.fact.end <= o.fact.start
            and o.fact.end <= end
            and _PLACE_LEAD.search(side.folded, max(x.fact.end, o.fact.start - 16), o.fact.start)
        ):
            out.add(o.name[-1])
    return out


def _subjects_differ(nx: list[str], ny: list[str]) -> bool:
    """Both clauses name someone before the figure, and their first names (the subject's place)
    differ with neither named in the other clause: "The Red Sox offered Teixeira" / "The Orioles
    offered Teixeira" differ; "Prosecutors said Hunter spent" / "Hunter spent" do not."""
    return bool(nx) and bool(ny) and nx[0] not in ny and ny[0] not in nx


def _frame(x: _Info, side: _Side) -> str:
    """The word right before a figure, in lower case ("including 10 children"); "" after a mark."""
    sents = _sentence_at(side.source, x.fact.sentence)
    if not sents:
        return ""
    m = next(_words_before(side.folded, sents[0].start, x.fact.start), None)
    return m.group().lower() if m is not None and m.group()[0].isalpha() else ""


def _lead(x: _Info, side: _Side, reach: int = 4) -> str:
    """The content word a figure follows, over function words and names ("voted 51-49", "a vote of
    232 to 196", "passed the House 232-196"), as a lemma; "" when a mark or nothing comes first."""
    sents = _sentence_at(side.source, x.fact.sentence)
    if not sents:
        return ""
    for k, m in enumerate(_words_before(side.folded, sents[0].start, x.fact.start)):
        w = m.group()
        if k >= reach or not w[0].isalpha():
            return ""
        low = _lemma(w)
        if low not in _STOP and not w[0].isupper():
            return low
    return ""


def _same_thing(x: _Info, y: _Info, sa: _Side, sb: _Side, strength: int) -> str:
    """What both figures count, in words, or "" when nothing says they count the same thing.

    Rules, strongest evidence first: an age needs the same person; otherwise the same counted noun,
    or the same event ("killed" / "death toll"), or a name both sources give right next to both
    figures (aligned sentences only), or the same governing verb with an uncommon context word.
    Two figures governed by different verbs ("hold 240 seats" / "lost 60 seats") count different
    things unless their event is the same."""
    nx, ny = x.num, y.num
    assert nx is not None and ny is not None
    if nx.unit == "age" or ny.unit == "age":
        return f"age of {nx.who.title()}" if _same_person(nx.who, ny.who) else ""
    if _subjects_differ(_clause_names(x, sa), _clause_names(y, sb)):
        return ""  # "Brat won 56 percent" / "Cantor won 44 percent": two people's figures
    px, py = _places_after(x, sa), _places_after(y, sb)
    if px and py and not px & py:
        return ""  # "injured 200 people in Aceh" / "70 were injured in Bener Meriah district": a part
    if nx.noun and ny.noun and _complements_differ(_complement(x, sa), _complement(y, sb)):
        return ""  # "a two-year extension of tax cuts" / "a 13-month extension of unemployment insurance"
    # an event tells what happened to things counted, not to a distance or a sum ("killed ... about
    # 150 metres away"), and two tolls of one event differ by an update, not by orders of magnitude
    same_event = bool(nx.event) and nx.event == ny.event and not nx.unit and _distance(x, y) <= _EVENT_CLOSE
    if nx.gov and ny.gov and not _same_verb(nx.gov, ny.gov, x, y) and not same_event:
        return ""  # "hold 240 seats" / "lost 60 seats" (but "repaid $60,000" / "repaid his campaign $60,000")
    if nx.event and ny.event and nx.event != ny.event:
        return ""  # "12 people were injured" / "three people were killed"
    shared_rare = _rare_in(x.window & y.window, sa, sb)
    if (
        strength == 2
        and (nx.unit or nx.noun)
        and nx.noun == ny.noun
        and _distance(x, y) <= _NEAR
        and _alone(x, sa, by_noun=True)
        and _alone(y, sb, by_noun=True)
        and ((name := _shared_name(x, y, sa, sb)) or (nx.noun and _frame(x, sa) == _frame(y, sb) != ""))
    ):  # "McDermott now has 2,029 points" / "McDermott, a junior, now has 2,129 points";
        # "killed 30 people, including 10 children" / "..., including 12 children"
        return (f"{nx.noun} of {name}" if nx.noun else name) if name else nx.noun
    if nx.noun and nx.noun == ny.noun:
        if nx.unit and (strength > 1 or shared_rare):
            return nx.noun  # "48-page indictment" / "47-page indictment"
        # a bare count of a common noun ("two states" / "23 states") needs more: the same event
        # or verb, or an uncommon word both contexts share besides the noun itself; and an item of
        # a list ("12 magazines and 300 rounds") pairs with nothing but by its event
        if not same_event and not (_alone(x, sa) and _alone(y, sb)):
            return ""
        if same_event or (nx.gov and nx.gov == ny.gov) or shared_rare - set(nx.noun.split()):
            return nx.noun if strength > 1 or shared_rare else ""
        return ""
    if not _nouns_open(nx, ny):
        return ""  # "trust fund" / "shortfall", "civilians" / "soldiers": named, and differently
    if same_event and strength > 1:
        return nx.noun or ny.noun or nx.event  # "the death toll rose to 30" / "25 were killed"
    if (
        strength == 2
        and nx.unit in _CURRENCY.values()
        and _distance(x, y) <= _CLOSE
        and (name := _context_name(x, y, sa, sb))
    ):  # a sum beside the same name; a distance "from Banda Aceh" may be of anything there
        return name
    if (
        nx.noun == ny.noun  # both unnamed: "people" / "men" may be two sets of one event
        and shared_rare - sa.capitalised - sb.capitalised  # a place both name ("431 km off Banda
        and len(x.window & y.window) >= 2  # Aceh" / "320 km from Banda Aceh") says nothing of what
        and _distance(x, y) <= _CLOSE
        and _alone(x, sa)
        and _alone(y, sb)
        and not (nx.gov and ny.gov and not _same_verb(nx.gov, ny.gov, x, y))
    ):  # "divert $3.6 billion from military construction" / "military construction budget, ... $3.5 billion"
        return ", ".join(sorted(shared_rare)[:3])
    if (
        nx.gov
        and (nx.gov == ny.gov or nx.gov in y.window)
        and (shared_rare - {nx.gov, ny.gov} or (shared_rare and ny.gov in x.window))
        and sa.governed.get((nx.unit, nx.gov)) == 1
        and sb.governed.get((ny.unit, ny.gov)) == 1
        and _alone(x, sa)
        and _alone(y, sb)
    ):
        return nx.noun or ny.noun or nx.gov  # "repaid about $60,000" / "repaid ... more than $60,000"
    return ""


_OF_COMPLEMENT = re.compile(
    r"\s+of\s+(?:(?:"
    + "|".join(sorted(_DETERMINERS, key=len, reverse=True))
    + r")\s+)?([^\W\d_][\w'-]*)(?:\s+([^\W\d_][\w'-]*))?",
    re.I,
)


def _complement(x: _Info, side: _Side) -> tuple[str, ...]:
    """What the counted thing is of, when the words right after the figure say so: "extension of
    unemployment insurance" -> (unemployment, insurance); () when no "of" follows."""
    sents = _sentence_at(side.source, x.fact.sentence)
    if not sents:
        return ()
    m = _OF_COMPLEMENT.match(side.folded, x.fact.end, sents[0].end)
    if m is None:
        return ()
    return tuple(_lemma(w) for w in m.groups() if w and w.lower() not in _STOP)


def _complements_differ(cx: tuple[str, ...], cy: tuple[str, ...]) -> bool:
    """Two "of" complements that share no content word name two different things ("of tax cuts" /
    "of unemployment insurance"); a missing one leaves the question open."""
    return bool(cx) and bool(cy) and not set(cx) & set(cy)


def _gives(side: _Side, x: _Info, besides: _Info) -> bool:
    """Whether ``side`` states the figure ``x`` somewhere (other than ``besides``)."""
    found = side.gives_memo.get(id(x))
    if found is None:  # the first two that qualify tell, whichever figure is to be left out
        found = side.gives_memo[id(x)] = []
        n = x.num
        assert n is not None
        exact = [
            *side.nums_by_value.get((n.unit, n.lo, n.hi), ()),
            *side.nums_by_value.get(("", n.lo, n.hi), ()),
        ]
        near = [o for w in x.window for o in side.nums_by_rare.get(w, ())]
        for o in [*exact, *near]:
            m = o.num
            if (
                m is None
                or m.qual == "vague"
                or (m.unit != n.unit and m.unit)
                or (n.noun and m.noun and n.noun != m.noun)
            ):
                continue  # "35.72" without "percent" still gives 35.7 percent
            if n.unit == "age" and not _same_person(n.who, m.who):
                continue
            agrees = (m.lo, m.hi) == (n.lo, n.hi) or (_compatible(n, m) and x.window & o.window)
            if agrees and all(o is not f for f in found):
                found.append(o)
                if len(found) == 2:
                    break
    return any(o is not besides for o in found)


def _context_name(x: _Info, y: _Info, sa: _Side, sb: _Side, reach: int = 60) -> str:
    """A name both sources give right next to the two figures ("Martha's Vineyard Holistic Retreat")."""

    def near(info: _Info, side: _Side) -> list[tuple[int, tuple[str, ...], str]]:
        f = info.fact
        found = []
        for o in _names_around(side, f.sentence, f.start - reach, f.end + reach):
            gap = max(o.fact.start - f.end, f.start - o.fact.end)
            if 0 <= gap <= reach:
                between = side.folded[min(f.end, o.fact.end) : max(f.start, o.fact.start)]
                if _ITEM_BREAK.search(between):
                    gap += reach  # "..., and $5,687.75": a name across a list break is another item's
                found.append((gap, o.name, o.fact.text))
        return sorted(found)

    # the name closest to each figure must be the same one: in a list of purchases every item is
    # near some name, and a name both lists share says nothing about the items beside it
    na, nb = near(x, sa), near(y, sb)
    if na and nb and na[0][1] == nb[0][1]:
        return max(na[0][2], nb[0][2], key=len)
    return ""


_ITEM_BREAK = re.compile(r"[,;]|\b(?:and|or)\b")


def _names_around(side: _Side, sentence: int, lo: int, hi: int) -> list[_Info]:
    """The names of a sentence (in order) that may overlap ``lo``-``hi``, and maybe a few more.

    Found by bisection on their starts, so that a sentence with thousands of names is not scanned
    for every figure in it.
    """
    got = side.names_near.get(sentence)
    if got is None:
        names = [o for o in side.facts_by_sentence.get(sentence, ()) if o.name]
        starts = [o.fact.start for o in names]
        longest = max((o.fact.end - o.fact.start for o in names), default=0)
        if starts != sorted(starts):  # facts given out of text order: no shortcut
            starts, longest = [0] * len(names), 0
        got = side.names_near[sentence] = (starts, names, longest)
    starts, names, longest = got
    if not longest:
        return names
    return names[bisect_left(starts, lo - longest) : bisect_right(starts, hi)]


def _note(ta: str, tb: str, n: _Num, what: str) -> str:
    ta, tb = " ".join(ta.split()), " ".join(tb.split())
    wa, wb = ta.split(), tb.split()
    k = 0
    while k < min(len(wa), len(wb)) - 1 and wa[-1 - k].lower() == wb[-1 - k].lower():
        k += 1
    core = f"{' '.join(wa[:-k])} vs {' '.join(wb[:-k])} {' '.join(wa[-k:])}" if k else f"{ta} vs {tb}"
    if n.unit == "age" and n.who:
        what = f"age of {n.who.title()}"
    # the reason: what both figures count, unless the shared words already say it
    return f"{what}: {core}" if what and what.lower() not in core.lower() else core


def _time_conflict(x: _Info, y: _Info, sa: _Side, sb: _Side, what: str) -> str:
    """Agreeing figures placed at different times: "about $60,000" by 2017 vs "more than $60,000" this year.

    Reported only when the wording of the figure differs too, so that two sources giving the same
    figure with a date in one and "this year" in the other are not called a conflict.
    """
    assert x.num is not None and y.num is not None
    if x.num.qual == y.num.qual:
        return ""
    tx, ty = _time_of(x, sa), _time_of(y, sb)
    if not tx or not ty or tx[0] == ty[0]:
        return ""
    note = f"{x.fact.text} ({tx[1]}) vs {y.fact.text} ({ty[1]})"
    return f"{what}: {note}" if what else note


_RECENT_REACH = 40
"""Farthest (in characters) a bare weekday may stand from a figure and still date it."""
_RECENT = "recent"
"""The time of a weekday without a date ("on Saturday", "last week"): the days around the report."""


def _time_of(x: _Info, side: _Side) -> tuple[str, str] | None:
    """When a figure is placed: (comparable value, words), from its sentence or the paragraph before."""
    src = side.source
    sents = _sentence_at(src, x.fact.sentence)
    if not sents:
        return None
    sent = sents[0]
    text = side.folded
    this_year = src.date[:4] if src.date and src.date[:4].isdigit() else ""
    best: tuple[int, str, str] | None = None
    times = side.relative_times.get(sent.index)
    if times is None:
        rel_times = _Spans()
        for m in _RELATIVE_TIME.finditer(text, sent.start, sent.end):
            rel = m.group(2).lower() + " " + m.group(3).lower()
            value = this_year if rel == "this year" and this_year else "rel:" + rel
            if rel in ("this week", "last week"):
                value = _RECENT
            rel_times.add(m.start(), m.end(), value, m.group())
        dated = _Spans()
        for d in side.facts_by_sentence.get(sent.index, ()):
            if d.date and d.date[0]:
                dated.add(d.fact.start, d.fact.end, d.date[0], d.fact.text)
            elif d.date and d.date[3] and not any(d.date[1:3]):
                dated.add(d.fact.start, d.fact.end, _RECENT, d.fact.text)  # "on Saturday"
        times = side.relative_times[sent.index] = (rel_times, dated)
    for spans in times:  # relative times first: a date replaces one only when strictly closer
        for k in spans.nearest(x.fact.start, x.fact.end):
            s, e, value, words = spans.starts[k], spans.ends[k], spans.values[k], spans.words[k]
            dist = min(abs(s - x.fact.end), abs(x.fact.start - e))
            if value == _RECENT and dist > _RECENT_REACH:
                continue  # "records disclosed Wednesday show ... $5,687.75": the weekday dates the report
            if best is None or dist < best[0]:
                best = (dist, value, words)
    if best:
        return best[1], best[2]
    return _paragraph_time(side, sent.index - 1, sent.paragraph)


class _Spans:
    """Spans of a sentence in text order, not overlapping, with a value and their words."""

    __slots__ = ("ends", "ordered", "starts", "values", "words")

    def __init__(self) -> None:
        self.ordered = True
        """Starts and ends both strictly increase (always so for spans that do not overlap)."""
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.values: list[str] = []
        self.words: list[str] = []

    def add(self, start: int, end: int, value: str, words: str) -> None:
        if self.starts and (start <= self.starts[-1] or end <= self.ends[-1]):
            self.ordered = False
        self.starts.append(start)
        self.ends.append(end)
        self.values.append(value)
        self.words.append(words)

    def nearest(self, start: int, end: int) -> list[int]:
        """Indices (ascending) among which is the first span closest to ``start``-``end``, the distance
        being the smaller of |span start - ``end``| and |``start`` - span end|.

        Spans that do not overlap have increasing starts and ends, so each part of the distance is
        smallest at the two entries around a bisection point, and a first closest span is one of
        those four (instead of a scan of the sentence for every figure).
        """
        n = len(self.starts)
        if n <= 4 or not self.ordered:
            return list(range(n))
        p = bisect_left(self.starts, end)
        q = bisect_left(self.ends, start)
        return sorted({k for k in (p - 1, p, q - 1, q) if 0 <= k < n})


def _paragraph_time(side: _Side, k: int, paragraph: int) -> tuple[str, str] | None:
    """The last date of the sentences before ``k + 1`` in the same paragraph (a sentence without a date
    continues the time of the paragraph: "His lawyer said then ..."); remembered per sentence, so
    that a long paragraph is walked once."""
    src = side.source
    if k < 0 or not (prev := _sentence_at(src, k)) or prev[0].paragraph != paragraph:
        return None
    if k in side.paragraph_dates:
        return side.paragraph_dates[k]
    walked = []
    found: tuple[str, str] | None = None
    while k >= 0 and (prev := _sentence_at(src, k)) and prev[0].paragraph == paragraph:
        if k in side.paragraph_dates:
            found = side.paragraph_dates[k]
            break
        walked.append(k)
        dated = [d for d in side.facts_by_sentence.get(k, ()) if d.date and d.date[0]]
        if dated:
            found = dated[-1].date[0], dated[-1].fact.text
            break
        k -= 1
    for w in walked:
        side.paragraph_dates[w] = found
    return found

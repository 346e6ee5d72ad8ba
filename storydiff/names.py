"""Names of people and organisations: one recogniser for every step that reads them.

A document's words are read once into :class:`Tokens` (offsets, capitals, possessives, whether a
word lies inside quote marks); :class:`Names` finds the *mentions* among them — runs of
capitalised words, with titles (``Sen.``, ``NATO Secretary-General``) split off — and knows, within
the document, which mentions are one person:

- a bare surname stands for the first person the document named in full with it
  (``Churkin``, ``Envoy Churkin`` and ``Mr. Churkin`` -> ``Vitaly Churkin``): :meth:`Names.full_name`;
- a mention's kind is ``person`` (a title, two name words, or a surname of a person named in full),
  ``org`` (an organisation word, an acronym, a name after ``the``) or ``single`` (one word with no
  evidence either way);
- a person's sex where a courtesy title (``Mrs. Clinton``) or a given name (``Hillary``, from
  ``lang/en/given_names.txt``) says it: :meth:`Names.gender_of`, read by the he/she rules.

:func:`find_names` analyses a whole text (every capitalised run is read); the quote rules build
:class:`Names` over the regions around quotes only, where they need every single name, and over
runs of two capitalised words elsewhere (enough to learn full names).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import compress
from typing import overload

from . import lang
from .segment import sentence_spans
from .worddiff import word_key

_STOPWORDS = lang.words("stopwords")
_INTRO = lang.words("intro_words")
_PRONOUN_KINDS = lang.mapping("pronouns")
_TITLES = lang.words("titles")
"""Person titles (``storydiff/lang/en/titles.txt``): dropped from names, and a mark of a person."""
_ORG_WORDS = lang.words("organisation_words")
_NONNAMES = lang.words("weekdays") | lang.words("months") | frozenset(_PRONOUN_KINDS)
"""Capitalised words that are never part of a name: days, months and pronouns ("I", "He")."""
_SUFFIXES = lang.words("name_suffixes")
_DEMONYMS = lang.words("facts-demonyms")
"""Nationality, religion and party words (read from the facts list): "Republican", "Russians"."""
_REPORTING = lang.words("reporting_verbs")
_SAID = frozenset({"said", "says"})
"""Verb forms that put the speaker after them ("said Cruz"); "told Cruz" names the listener."""
_PLACE_PREPS = frozenset({"in", "at"})
"""Prepositions after which a run of capitalised words names a place ("in New Hampshire"), not a person."""
_TITLE_GENDERS = lang.mapping("title_genders")
_MALE_TITLES = frozenset(t for t, g in _TITLE_GENDERS.items() if g == "he")
_FEMALE_TITLES = frozenset(t for t, g in _TITLE_GENDERS.items() if g == "she")
_GIVEN_NAMES = lang.mapping("given_names")
"""Given name -> "he" or "she", where nearly every bearer is of one sex (``given_names.txt``)."""
_CONNECTORS = lang.words("furniture-name-particles")
"""Lower-case particles inside a name (Ursula von der Leyen, Osama bin Laden)."""
_MAX_PARTICLES = 2
"""How many particles may stand together inside a name ("von der")."""
_ABBREVIATIONS = lang.mapping("abbreviations")
_ABBREV = frozenset(
    a for a, rule in _ABBREVIATIONS.items() if rule in ("title", "ambiguous") and "." not in a
)
"""Abbreviations kept as one token with their stop ("Gen.", "Inc."): titles and the ambiguous ones."""
_ABBREV_CAP = [w.capitalize() for w in _ABBREV]

_POSSESSIVE_GAP = re.compile(r"['’]s?[ \t]+")
ACRONYM = re.compile(r"(?:[A-Z]\.)+|[A-Z][A-Z0-9]+")

# --------------------------------------------------------------------------------------------
# Tokens


class Token:
    """One word token.

    The record classes here are plain classes with ``__slots__`` rather than dataclasses: a
    dataclass costs about a third of a millisecond at import (it execs generated methods), and the
    module is imported on every run. ``__eq__`` compares fields as a dataclass's would.
    """

    __slots__ = ("cap", "end", "in_quote", "lower", "possessive", "start", "text")

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        lower: str,
        cap: bool,
        possessive: bool,
        in_quote: bool = False,
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lower = lower
        """Lower-cased, a final stop dropped ("gen" for "Gen.")."""
        self.cap = cap
        """Capitalised (every part of a hyphenated word: "Rolls-Royce", not "Anti-war")."""
        self.possessive = possessive
        self.in_quote = in_quote

    def _key(self) -> tuple[int, int, str, str, bool, bool, bool]:
        return (self.start, self.end, self.text, self.lower, self.cap, self.possessive, self.in_quote)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]


_TOKEN_RE = re.compile(
    r"(?P<w>(?:[A-Z]\.){2,}|(?:"
    + "|".join(sorted(_ABBREV_CAP, key=len, reverse=True))
    + r")\.|[A-Z]\.(?=\s+[A-Z])"
    r"|[^\W_]+(?:(?:[.\-]|['’](?!s\b))[^\W_]+)*)(?P<p>['’]s\b|['’](?![\w]))?"
)


class Tokens(Sequence[Token]):
    """The words of a text with their offsets, built in one regex pass; :class:`Token` records are
    made only for the words a rule looks at (a long text has hundreds of thousands of words, and
    the rules read the few around each quote)."""

    def __init__(self, text: str, quote_marks: Sequence[tuple[int, int]] = ()) -> None:
        found = list(_TOKEN_RE.finditer(text))
        self.starts = [m.start() for m in found]
        self.words = [m.group("w") for m in found]
        self.poss = [m.group("p") is not None for m in found]
        self._marks = list(quote_marks)
        self._mark_starts = [q[0] for q in quote_marks]
        self._cache: list[Token | None] = [None] * len(found)
        # The indices of the tokens outside every quote, ascending: the rules ask for the words
        # outside quotes in a range once or more per quote, and a bisect into this list answers in
        # O(log n) where a scan over the range made a long quote-filled sentence quadratic.
        outside: list[int] = []
        done = 0
        starts = self.starts
        for mark_start, mark_end in self._marks:
            first = bisect.bisect_left(starts, mark_start, done)
            outside.extend(range(done, first))
            done = max(done, bisect.bisect_left(starts, mark_end, first))
        outside.extend(range(done, len(found)))
        self.outside = outside

    def __len__(self) -> int:
        return len(self.words)

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self._mark_starts, pos) - 1
        return k >= 0 and pos < self._marks[k][1]

    def outside_at(self, i: int) -> int:
        """Position in :attr:`outside` of the first token outside quotes at or after token i."""
        return bisect.bisect_left(self.outside, i)

    def outside_quotes(self, r: range, limit: int | None = None, last: bool = False) -> list[int]:
        """The token indices of ``r`` (a step-1 range) that lie outside every quote.

        With ``limit``, only the first (or, with ``last``, the final) ``limit`` of them.
        """
        lo, hi = self.outside_at(r.start), self.outside_at(r.stop)
        if limit is not None:
            if last:
                lo = max(lo, hi - limit)
            else:
                hi = min(hi, lo + limit)
        return self.outside[lo:hi]

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> list[Token]: ...

    def __getitem__(self, i: int | slice) -> Token | list[Token]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        tok = self._cache[i]
        if tok is None:
            word, start = self.words[i], self.starts[i]
            cap = word[0].isupper() and (
                "-" not in word
                or all(p[:1].isupper() or p[:1].isdigit() or len(p) <= 1 for p in word.split("-"))
            )
            lower = word.lower().rstrip(".")
            tok = Token(start, start + len(word), word, lower, cap, self.poss[i], self.in_quote(start))
            self._cache[i] = tok
        return tok


AFTER_STOP = re.compile(r"(?:[.!?:][\"”’')\]]*[ \t]+|\n\s*)[\"“‘'(\[]*")
"""What ends before a word whose capital says nothing (a sentence start, after a colon or a line break)."""

# --------------------------------------------------------------------------------------------
# Mentions


class Mention:
    """A name in the text: a run of capitalised words (tokens ``first``..``last``, titles included)."""

    __slots__ = ("end", "first", "kind", "last", "name", "possessive", "start", "surname", "titles")

    def __init__(
        self,
        first: int,
        last: int,
        start: int,
        end: int,
        name: str,
        kind: str,
        possessive: bool,
        titles: frozenset[str],
        surname: str,
    ) -> None:
        self.first = first
        """Index of the mention's first token (titles included)."""
        self.last = last
        self.start = start
        """Offsets of the name itself (titles left out)."""
        self.end = end
        self.name = name
        """The name with titles and possessive stripped."""
        self.kind = kind
        """"person", "org", "place" (a name written as a person's but read after "in": "in New
        Hampshire"), "group" (ending in a party or nationality word: "Senate Democrats") or "single"
        (one word, not known to be a person)."""
        self.possessive = possessive
        self.titles = titles
        """The titles before the name, lower-cased without their stop ("sen", "secretary-general")."""
        self.surname = surname
        """The key of its last name word (suffixes such as "Jr." left out): what links a bare surname to
        its full name."""

    def _key(self) -> tuple[int, int, int, int, str, str, bool, frozenset[str], str]:
        return (
            self.first,
            self.last,
            self.start,
            self.end,
            self.name,
            self.kind,
            self.possessive,
            self.titles,
            self.surname,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mention):
            return NotImplemented
        return self._key() == other._key()

    def __repr__(self) -> str:
        return f"Mention({self.name!r}, {self.kind}, {self.start}-{self.end})"

    __hash__ = None  # type: ignore[assignment]


class Names:
    """The names of one document and what links them (see the module docstring).

    ``initial_starts``: offsets where a word's capital says nothing (sentence starts). ``regions``:
    offset ranges, ascending, where every name is read; elsewhere only runs of two capitalised
    words or more (None: every name everywhere). ``keep``: a test on a mention's start (names in
    page furniture are nobody being reported).
    """

    def __init__(
        self,
        text: str,
        toks: Tokens,
        initial_starts: set[int],
        regions: Sequence[tuple[int, int]] | None = None,
        keep: Callable[[int], bool] | None = None,
        titled: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.text = text
        self.toks = toks
        self.initial_starts = initial_starts
        self._titled = list(titled)
        self._titled_starts = [a for a, _ in self._titled]
        words = toks.words
        starts = toks.starts
        # Per-token tests are made once per distinct word and applied with C-level map/compress:
        # a long text has ten times more tokens than distinct words.
        self.vocab = vocab = set(words)
        """The distinct words of the text (as written)."""
        self.lower_vocab = {w for w in vocab if w[0].islower()}
        capitalised = {w for w in vocab if w[0].isupper()}
        self.cap_idx = list(compress(range(len(words)), map(capitalised.__contains__, words)))
        in_titled = self.in_titled if self._titled else None
        self.mid_caps = {
            words[i].lower().rstrip(".")
            for i in self.cap_idx
            if i and starts[i] not in initial_starts and (in_titled is None or not in_titled(starts[i]))
        }
        """Words seen capitalised where a capital means something (not at a sentence start, not in a
        title-case line)."""
        found = self._mentions(regions)
        self.mentions = [m for m in found if keep(m.start)] if keep is not None else found
        self.mention_starts = [m.first for m in self.mentions]
        self.registry: dict[str, list[tuple[int, str]]] = defaultdict(list)
        """Surname key -> (offset, full name) of the people named in full with it, in text order."""
        for m in self.mentions:
            if m.kind == "person" and len(m.name.split()) >= 2:
                self.registry[m.surname].append((m.start, m.name))
        speakers, places = self._evidence()
        for m in self.mentions:
            if m.kind == "single" and (m.surname in self.registry or m.titles or m.surname in speakers):
                m.kind = "person"
            elif m.kind == "person" and not m.titles and m.name in places and not self._given(m):
                m.kind = "place"
        self.gender: dict[str, str] = {}
        """Full name -> "he" or "she" where a courtesy title says so (Mr. Trump, Mrs. Clinton), else
        where the given name does (Hillary Clinton: ``given_names.txt``)."""
        for m in self.mentions:
            g = "he" if m.titles & _MALE_TITLES else "she" if m.titles & _FEMALE_TITLES else ""
            if g and m.kind == "person":
                self.gender.setdefault(self.full_name(m), g)
        for m in self.mentions:
            parts = m.name.split()
            if m.kind == "person" and len(parts) >= 2:
                g = _GIVEN_NAMES.get(parts[0].lower().rstrip("."), "")
                if g:
                    self.gender.setdefault(m.name, g)

    # -- tokens

    def gap(self, i: int) -> str:
        """Text between token i-1 and token i (read from the token arrays: no token record is made)."""
        starts = self.toks.starts
        lo = starts[i - 1] + len(self.toks.words[i - 1]) if i > 0 else 0
        return self.text[lo : starts[i]]

    def in_titled(self, pos: int) -> bool:
        """Whether ``pos`` lies in a title-case line (a headline: every word capitalised)."""
        if not self._titled:
            return False
        k = bisect.bisect_right(self._titled_starts, pos) - 1
        return k >= 0 and pos < self._titled[k][1]

    def initial(self, i: int) -> bool:
        """Whether token i starts a sentence or follows a colon or line break (its capital says nothing)."""
        return i == 0 or self.toks.starts[i] in self.initial_starts

    # -- finding names

    def _is_name_token(self, i: int) -> bool:
        t = self.toks[i]
        if not t.cap or t.in_quote or t.lower in _NONNAMES:
            return False
        if self._titled and self.in_titled(t.start):
            # in a headline every word is capitalised: a word is a name there only where the rest
            # of the text writes it so ("Duncan Hunter Is Indicted, Accused of Misusing Funds")
            return t.lower in _TITLES or t.lower in self.mid_caps or bool(ACRONYM.fullmatch(t.text))
        if self.initial(i):
            common = t.lower in self.lower_vocab or t.lower in _STOPWORDS or t.lower in _INTRO
            if common and t.lower not in _TITLES:
                return False
            if t.lower in _TITLES:
                return True
            nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
            if nxt is not None and nxt.lower in _CONNECTORS and not nxt.cap and i + 2 < len(self.toks):
                nxt = self.toks[i + 2] if self.gap(i + 2).isspace() else None  # "Osama bin Laden"
            followed = nxt is not None and nxt.cap and self.gap(i + 1).isspace() and not t.possessive
            return followed or t.lower in self.mid_caps or bool(ACRONYM.fullmatch(t.text))
        return True

    def _mentions(self, regions: Sequence[tuple[int, int]] | None) -> list[Mention]:
        """Names in the regions, and names of two words or more anywhere (for full names)."""
        out: list[Mention] = []
        toks = self.toks
        n = len(toks)
        nxt_free = 0
        starts, words = toks.starts, toks.words
        r = 0
        for i in self.cap_idx:
            if i < nxt_free:
                continue
            pos = starts[i]
            if regions is not None:
                while r < len(regions) and regions[r][1] <= pos:
                    r += 1
                if not (r < len(regions) and regions[r][0] <= pos):
                    # outside the regions only a run of capitalised words can introduce a full name
                    if i + 1 >= n or not words[i + 1][0].isupper():
                        continue
                    if self.text[pos + len(words[i]) : starts[i + 1]].strip(" \t'’s"):
                        continue
            if not self._is_name_token(i):
                continue
            j = i
            while j + 1 < n:
                g = self.gap(j + 1)
                if "\n" in g or not (
                    g.isspace() or (toks[j].possessive and re.fullmatch(r"['’]s?[ \t]+", g))
                ):
                    break
                nxt = toks[j + 1]
                if toks[j].possessive and nxt.lower not in _ORG_WORDS:
                    break
                if nxt.cap and not nxt.in_quote and nxt.lower not in _NONNAMES:
                    if self._titled and self.in_titled(nxt.start) and not self._is_name_token(j + 1):
                        break
                    j += 1
                elif nxt.lower in _CONNECTORS and not nxt.cap:
                    # "Osama bin Laden", "Ursula von der Leyen": particles, then a capitalised word
                    k = j + 1
                    while (
                        k < n and k - j <= _MAX_PARTICLES and toks[k].lower in _CONNECTORS and not toks[k].cap
                    ):
                        k += 1
                    if k < n and k - j <= _MAX_PARTICLES + 1 and toks[k].cap and self.gap(k).isspace():
                        j = k
                    else:
                        break
                else:
                    break
            out.append(self._classify(i, j))
            nxt_free = j + 1
        return out

    def _classify(self, i: int, j: int) -> Mention:
        toks = self.toks[i : j + 1]
        lowers = [t.lower.rstrip(".") for t in toks]
        last_title = max((k for k, w in enumerate(lowers) if w in _TITLES), default=-1)
        # "Missouri Republican Todd Akin", "Kentuckian Rand Paul": a party or nationality word before
        # a full name describes the person, as a title does
        group = -1 if _DEMONYMS.isdisjoint(lowers) else max(k for k, w in enumerate(lowers) if w in _DEMONYMS)
        if last_title < group < len(lowers) - 1:
            after = [w for w in lowers[group + 1 :] if w not in _SUFFIXES]
            if len(after) >= 2 and not any(w in _ORG_WORDS for w in after):
                last_title = group
        rest = toks[last_title + 1 :]
        rest_lowers = lowers[last_title + 1 :]
        org = any(w in _ORG_WORDS for w in rest_lowers) or all(ACRONYM.fullmatch(t.text) for t in toks)
        prev = self.toks[i - 1].lower if i > 0 else ""
        titles = frozenset(lowers[: last_title + 1])
        if rest_lowers and rest_lowers[-1] in _DEMONYMS and not org:
            # "Republicans", "Senate Democrats", "Missouri Republican": a group, nobody's name
            kind, name_toks = "group", rest
        elif rest and last_title >= 0 and not org:
            kind, name_toks = "person", rest
        elif org or not rest or prev == "the" or lowers[0] == "the":
            kind, name_toks = "org", toks
        elif len([w for w in rest_lowers if w not in _SUFFIXES]) >= 2:
            kind, name_toks = "person", rest
        else:
            kind, name_toks = "single", rest
        start, end = name_toks[0].start, name_toks[-1].end
        name = self.text[start:end]
        sur = [w for w in (t.lower.rstrip(".") for t in name_toks) if w not in _SUFFIXES]
        surname = word_key(sur[-1]) if sur else word_key(name)
        return Mention(i, j, start, end, name, kind, toks[-1].possessive, titles, surname)

    def _given(self, m: Mention) -> bool:
        return m.name.split()[0].lower().rstrip(".") in _GIVEN_NAMES

    def _evidence(self) -> tuple[set[str], set[str]]:
        """What the document's own sentences say about its names, read once for all mentions.

        - the surnames (keys) of one-word names that speak: a reporting verb right after them
          ("Cruz said", "Viguerie adds") or "said"/"says" right before ("said Cruz"). A name that
          speaks is a person's far more often than an organisation's (acronyms and names after
          "the" are organisations already), so every mention of it is;
        - the two-word-or-more names that follow a locative preposition (``in New Hampshire``,
          ``in Salem``) or a place and a comma (``Salem, New Hampshire``): places, not people,
          unless a title or a known given name says otherwise.
        """
        words = self.toks.words
        n = len(words)
        speakers: set[str] = set()
        places: set[str] = set()

        def lower_at(i: int) -> str:
            """The lower-case word at i when it is not capitalised and only spaces stand before it."""
            w = words[i]
            return "" if w[0].isupper() else w.lower()

        for m in self.mentions:
            if m.kind not in ("single", "person"):
                continue
            prev = lower_at(m.first - 1) if m.first > 0 and self.gap(m.first).isspace() else ""
            if m.kind == "single":
                if m.possessive:
                    continue
                nxt = lower_at(m.last + 1) if m.last + 1 < n and self.gap(m.last + 1).isspace() else ""
                if (nxt in _REPORTING or prev in _SAID) and _personal_spelling(m.name):
                    speakers.add(m.surname)
            elif not m.titles and m.first > 0:
                if prev in _PLACE_PREPS:
                    places.add(m.name)
                elif (
                    m.first >= 2
                    and self.gap(m.first).strip() == ","
                    and words[m.first - 1][0].isupper()
                    and lower_at(m.first - 2) in _PLACE_PREPS
                ):
                    places.add(m.name)  # "in Salem, New Hampshire"
        return speakers, places

    # -- linking names

    def full_name(self, m: Mention) -> str:
        """The full name a bare surname stands for: the first person the source introduced with it.

        News style names a relative or namesake in full every time ("Sandra Jackson") and keeps the
        bare surname for the person introduced first ("Jesse Jackson Jr." -> "Jackson").
        """
        if m.kind != "person" or len(m.name.split()) >= 2:
            return m.name
        entries = self.registry.get(m.surname)
        return entries[0][1] if entries else m.name

    def gender_of(self, name: str) -> str | None:
        """ "he" or "she" for a full name where a courtesy title or its given name says so."""
        return self.gender.get(name)

    def same_person(self, a: Mention, b: Mention) -> bool:
        """Whether two mentions of this document name one person ("Envoy Churkin", "Vitaly Churkin")."""
        if a.kind == "org" or b.kind == "org":
            return False
        return self.full_name(a) == self.full_name(b)

    def mentions_in(self, lo_tok: int, hi_tok: int) -> list[Mention]:
        """The mentions wholly inside tokens ``lo_tok``..``hi_tok - 1``."""
        a = bisect.bisect_left(self.mention_starts, lo_tok)
        b = bisect.bisect_left(self.mention_starts, hi_tok)
        return [m for m in self.mentions[a:b] if m.last < hi_tok]


_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
_NAME_PREFIX = 2
"""How far into a surname an inner capital may stand: McCain, DeSantis, LaHood (and Mac-: MacArthur)."""


def _personal_spelling(word: str) -> bool:
    """Whether a one-word name is spelt as a person's can be: an inner capital only right after a
    short prefix (McCain, DeSantis, MacArthur), never further in (WikiLeaks, YouTube, PolitiFact:
    the spelling of a brand)."""
    m = _INNER_CAPITAL.search(word)
    return m is None or m.start() + 1 <= _NAME_PREFIX or word.startswith("Mac")


def initial_starts(text: str, sentence_starts: Sequence[int]) -> set[int]:
    """Offsets where a capital says nothing: sentence starts and words after a stop, colon or line break."""
    out = set(sentence_starts)
    out.update(m.end() for m in AFTER_STOP.finditer(text))
    return out


_TITLE_SHARE = 0.9
"""A line is in title case when this share of its content words (at least three) is capitalised."""
_TITLE_MIN_WORDS = 3
_SHORT_FUNCTION_WORD = 3
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def title_case(text: str) -> bool:
    """Whether a line is written in title case (a headline): its capitals say nothing of names."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _STOPWORDS or len(w) > _SHORT_FUNCTION_WORD]
    if len(words) < _TITLE_MIN_WORDS:
        return False
    return sum(1 for w in words if w[0].isupper()) >= _TITLE_SHARE * len(words)


def titled_spans(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences (offset ranges) written in title case."""
    return [
        (a, b) for a, b in sentences if text[a:b].count(" ") >= _TITLE_MIN_WORDS - 1 and title_case(text[a:b])
    ]


def find_names(
    text: str,
    sentences: Sequence[tuple[int, int]] | None = None,
    quote_marks: Sequence[tuple[int, int]] = (),
) -> Names:
    """Every name of a text (people and organisations), with what links them.

    ``sentences`` (offset ranges) default to :func:`storydiff.segment.sentence_spans`; a sentence
    start and a title-case line say nothing by their capitals. Words inside ``quote_marks`` (offset
    ranges) are never names of someone being reported. ``[m.name for m in find_names(text).mentions]``
    lists the names; :meth:`Names.full_name` gives the person each stands for.
    """
    spans = list(sentences) if sentences is not None else sentence_spans(text)
    return Names(
        text,
        Tokens(text, quote_marks),
        initial_starts(text, [a for a, _ in spans]),
        titled=titled_spans(text, spans),
    )


__all__ = [
    "ACRONYM",
    "AFTER_STOP",
    "Mention",
    "Names",
    "Token",
    "Tokens",
    "find_names",
    "initial_starts",
    "title_case",
    "titled_spans",
]

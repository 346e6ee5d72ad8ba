"""Text -> paragraphs and sentences with character offsets, each labelled headline, body or boilerplate.

Three passes, each linear in the length of the text:

1. **Blocks.** Lines are grouped into paragraphs at blank lines; inside a paragraph a line break is a
   *soft* wrap (joined) or a *hard* break (a new paragraph), so headline, byline and caption lines that
   a web page copy puts on consecutive lines become paragraphs of their own.
2. **Sentences.** A rule-based splitter (no pysbd, no nltk: they are slow or need downloads) looks at
   each ``.``/``?``/``!``/ellipsis followed by white space and decides from the word before it
   (abbreviations, initials, times, state names) and the word after it (case, digits, common sentence
   openers) whether a sentence ends there. Splits inside a quotation that carries its attribution
   after it (``"A. B," he said.``) are suppressed, so the quote and its speaker stay one unit; the
   quotations are those of :mod:`storydiff.marks`, the scanner the quote rules read too (every
   quoting convention), and the quote rules read these sentences.
   Chinese and Japanese full stops (``。！？``) end a sentence with no space after them.
3. **Roles.** A two-stage classifier over blocks, in the spirit of jusText. Each block is first judged
   alone: named forms (menus, share rows, bylines with or without "By", datelines and time stamps,
   URLs, credits and captions, comment headings, sign-up, copyright and cookie notices), and the
   features text alone shows (length, share of stop words, sentence punctuation, capitalisation,
   figures). Then by its neighbours: the article is the heaviest run of prose blocks, menu runs and
   furniture costing weight (a short line among furniture costs, alone between paragraphs it is a
   heading); the headline is the best title-like line just before it; what stands outside the run,
   a comment section, what a list header or a caption label governs, and repeats of the title are
   furniture. Every boilerplate sentence carries the name of the rule that set it aside
   (``Sentence.reason``). Boilerplate is labelled, never removed, and a block inside the article
   that no rule names stays body: losing content is worse than keeping junk.

Offsets are Python string indices into the text exactly as given (``\\r\\n`` untranslated); every
non-white-space character lies in exactly one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from . import lang
from .marks import quote_spans
from .model import Role, Sentence
from .normalize import GLYPHS

__all__ = ["segment", "sentence_spans", "title_of"]

# --------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------


def _abbreviations(kind: str) -> frozenset[str]:
    return frozenset(a for a, k in lang.mapping("abbreviations").items() if k == kind)


_TITLES = _abbreviations("title")
"""Abbreviations that stand before a name or a figure and so never end a sentence."""
_MONTHS = _abbreviations("month")
_NUMBER_PREFIX = _abbreviations("number")
"""Abbreviations that stand before a number ("No. 3", "p. 5")."""
_AMBIGUOUS = _abbreviations("ambiguous")
"""Abbreviations that may end a sentence or go on ("Apple Inc. Chief", "Apple Inc. The")."""
_STATES = _abbreviations("state")
_DOTTED_PLACES = _abbreviations("place")
"""Dotted places that often close a sentence ("in Washington, D.C.")."""

_TIME_FOLLOWERS = (
    lang.words("time_zones") | lang.words("weekdays") | lang.words("months") | lang.words("relative_days")
)
"""Words that follow a clock time inside a sentence ("8 p.m. EDT", "9 a.m. Monday")."""

_STARTERS = lang.words("sentence_openers")
"""Words that open sentences often and follow an abbreviation inside a sentence rarely."""


def _speech_verbs() -> str:
    """The reporting verbs (``reporting_verbs.txt``) as one regex alternative.

    Some forms are also nouns ("claims", "notes", "reports"); right after a determiner or a
    possessive ("the claims", "her notes") they are nouns, so each form must not follow one.
    """
    not_after = "".join(
        rf"(?<!\b{re.escape(d)}\s)" for d in sorted(lang.words("determiners"), key=len, reverse=True)
    )
    verbs = "|".join(re.escape(v) for v in sorted(lang.words("reporting_verbs"), key=len, reverse=True))
    return rf"(?i:{not_after})(?:{verbs})"


def _finite_reporting_verbs() -> frozenset[str]:
    """The finite forms of the reporting verbs ("said", "claims"): neither "-ing" forms nor base
    forms (a form whose "-s" form is also listed), which are as often nouns ("a claim", "state")."""
    verbs = lang.words("reporting_verbs")
    return frozenset(
        v for v in verbs if not v.endswith("ing") and v + "s" not in verbs and v + "es" not in verbs
    )


_FUNCTION_WORDS = (
    lang.words("determiners")
    | lang.words("prepositions")
    | lang.words("clause_openers")
    | frozenset(lang.mapping("pronouns"))
)
"""Closed-class words that a line reading as a sentence has at least one of."""
_AUX_VERBS = lang.words("auxiliaries") | _finite_reporting_verbs()
"""Verbs that make a line without final punctuation read as a sentence."""

_NAV_WORDS = lang.words("furniture-nav-words") | lang.words("furniture-nav-tail")
_NAV_TAIL = lang.words("furniture-nav-tail")
_NAV_STOP = lang.words("furniture-nav-glue")

_SOCIAL_GLUE = lang.words("furniture-share-glue")
"""Words that join social buttons into one line ("Share on Facebook Share via Email")."""

_SOCIAL = lang.words("furniture-share")

_DATE_WORDS = (
    lang.words("furniture-date-words")
    | lang.words("months")
    | lang.words("weekdays")
    | lang.words("time_zones")
)

_BYLINE_WORDS = lang.words("furniture-byline-words") | lang.words("furniture-name-particles")

# --------------------------------------------------------------------------------------------------
# Blocks (paragraphs)
# --------------------------------------------------------------------------------------------------

_CONTENT_LINE = re.compile(r"\S[^\n\r\u2028\u2029\x85]*")
_LIST_MARK = re.compile(r"(?:[-*•·▪►‣◦–—]|\d{1,3}[.)]|#{1,6})\s")
_CLOSING_CHARS = "\"'”’»)]"


def _terminal(text: str) -> bool:
    """Whether ``text`` ends with a sentence-final mark, perhaps followed by closing quotes or brackets."""
    t = text.rstrip(_CLOSING_CHARS + "」』〉》）")
    return bool(t) and t[-1] in ".!?…。！？｡"


_CONNECTOR_END = re.compile(
    r"(?:\b(?:and|or|but|of|the|a|an|to|in|on|at|for|with|by|from|that|as|its|his|her|their)|[,;(\[&/–—-])\Z",
    re.IGNORECASE,
)


def _line_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, after_blank) of each non-blank line, trimmed; after_blank when a blank line precedes it.

    Only non-blank lines are visited, so long runs of empty lines cost no Python-level work.
    """
    out: list[tuple[int, int, bool]] = []
    prev_end = 0
    for m in _CONTENT_LINE.finditer(text):
        start = m.start()
        end = start + len(m.group().rstrip())
        gap = text[prev_end:start]
        breaks = (
            gap.count("\n")
            + gap.count("\r")
            - gap.count("\r\n")
            + gap.count("\u2028")
            + gap.count("\u2029")
            + gap.count("\x85")
        )
        out.append((start, end, breaks >= 2))
        prev_end = end
    return out


def _wrap_width(lines: Sequence[str]) -> int:
    """The column width when a paragraph is hard-wrapped text (e-mail style), else 0."""
    if len(lines) < 3:
        return 0
    body = [len(x) for x in lines[:-1]]
    width = max(body)
    if not 30 <= width <= 120:
        return 0
    long_lines = sum(1 for n in body if n >= 0.7 * width)
    return width if long_lines >= 0.75 * len(body) else 0


def _soft_break(prev: str, nxt: str, width: int) -> bool:
    """True when the line break between two non-blank lines is only a wrap inside one paragraph."""
    if _LIST_MARK.match(nxt):
        return False
    terminal = _terminal(prev)
    if width:
        if len(prev) < 0.6 * width:
            return False
        # A sentence that ends well short of the margin ends its paragraph.
        return not (terminal and nxt[0].isupper() and len(prev) < 0.85 * width)
    if terminal:
        return False
    if len(prev) <= 40 and len(nxt) <= 40 and (_nav_line(_fold(prev)) or _nav_line(_fold(nxt))):
        return False  # menu entries on consecutive lines ("Supported by" / "Continue reading the main story")
    if _CONNECTOR_END.search(prev[-8:]):
        return True
    if nxt[0].islower() and len(nxt) <= 80 and _is_byline(nxt):
        return False  # a lower-case byline under a title ("by John on July 21, 2012")
    return nxt[0].islower() and len(prev) >= 40


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed, in text order."""
    out: list[tuple[int, int]] = []
    group: list[tuple[int, int]] = []

    def flush() -> None:
        if not group:
            return
        strs = [text[s:e] for s, e in group]
        width = _wrap_width(strs)
        start = group[0][0]
        for k in range(1, len(group)):
            if not _soft_break(strs[k - 1], strs[k], width):
                out.append((start, group[k - 1][1]))
                start = group[k][0]
        out.append((start, group[-1][1]))
        group.clear()

    for start, end, after_blank in _line_spans(text):
        if after_blank:
            flush()
        group.append((start, end))
    flush()
    return out


# --------------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------------

_CANDIDATE = re.compile(
    r"((?<![.!?])\.(?:[ \u00a0]?\.){2,}|(?<!…)…+\.?|(?<![.!?])[.!?][.!?]*)([\"'”’»)\]]*)(?=\s)"
)
"""Terminal punctuation that may end a sentence: ellipses (". . .", "…"), runs of ``.!?``.

A run of marks is tried from its first mark only (the look-behinds): a later start in the same
run ends where the first does and fails or succeeds with it, and retrying every start made a long
run of dots ("......", a table of contents' leaders) cost time quadratic in its length."""
_ANY_MARK = re.compile("[\"“”„«»‘’']")
_LAST_TOKEN = re.compile(r"\S*\Z")
_SPACE = re.compile(r"\s*")
_NEXT = re.compile(r"\s*([\"'“‘«„(\[¿¡]*)(.?)", re.S)
_WORD_AT = re.compile(r"[^\W\d_][\w'’.-]*")
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}\Z")
_PLACE_BEFORE = re.compile(r"[A-Z][\w.'’-]*,\s*\Z")


def _particles() -> str:
    """Lower-case particles inside a speaker's name ("Ursula von der Leyen said"), one regex alternative."""
    return "|".join(sorted(lang.words("furniture-name-particles"), key=len, reverse=True))


# The next three patterns are large and needed only for some texts (quotes that close before a
# sentence end, cookie and copyright notices); they are compiled on first use, which keeps them
# out of the start-up time of every run.
@cache
def _attribution() -> re.Pattern[str]:
    return re.compile(
        r"\s*,?\s*(?:(?:[A-Z][\w.'’-]*|of|the|"
        + _particles()
        + r"|\d+|[,–—-])\s*){1,7}\s"
        + _speech_verbs()
        + r"\b"
        r"|\s*,?\s*" + _speech_verbs() + r"\b"
    )


@cache
def _attribution_end() -> re.Pattern[str]:
    # Not before a colon: "…" Hall agrees: "…" introduces the next quote, so the tag opens a sentence.
    return re.compile(
        r"\s*(?:(?:[A-Z][\w.'’-]*|of|the|"
        + _particles()
        + r")\s+){1,5}"
        + _speech_verbs()
        + r"(?=\s*(?:[.,;!?]|\Z))"
        r"|\s*" + _speech_verbs() + r"\s+(?:[A-Z][\w.'’-]*\s*){1,5}(?=[.,;!?]|\Z)"
    )


@cache
def _named_tag() -> re.Pattern[str]:
    """A name of one to four capitalised words and a finite reporting verb, lower-case ("McDonough wrote")."""
    verbs = "|".join(re.escape(v) for v in sorted(_finite_reporting_verbs(), key=len, reverse=True))
    return re.compile(r"\s+((?:[A-Z][\w.'’-]*\s+){1,4})(?:" + verbs + r")\b")


def _named_tag_after(s: str, pos: int) -> bool:
    """Whether a quotation closing at ``pos`` with "?" or "!" goes on with its speaker and a verb of
    saying (a name, not a sentence opener such as "The" or "He": those start a new sentence)."""
    m = _named_tag().match(s, pos)
    return m is not None and m.group(1).split()[0].lower() not in _STARTERS


_QUOTE_KEEP_ATTRIBUTED = 600
_QUOTE_KEEP_ALONE = 250


def _quote_spans(s: str) -> list[tuple[int, int]]:
    """Quotations inside which no sentence may end: (opening mark, closing mark) offsets into ``s``.

    The quotations are those of :func:`storydiff.marks.quote_spans` (every quoting convention),
    with the block read as one paragraph. A quotation is kept whole when it is closed and either its
    attribution follows it (``," he said``) and it is not huge, or it is short; a long quotation
    without attribution after it, or one never closed, is split normally.
    """
    spans: list[tuple[int, int]] = []
    for q in quote_spans(s, ((0, len(s)),)):
        if not q.closed:
            continue
        length = q.close_start - q.mark_start
        if length <= _QUOTE_KEEP_ALONE or (
            length <= _QUOTE_KEEP_ATTRIBUTED and _attributed_after(s, q.close_start, q.mark_end)
        ):
            spans.append((q.mark_start, q.close_start))
    return spans


def _attributed_after(s: str, close: int, after: int) -> bool:
    """Whether the quotation whose closing mark spans ``s[close:after]`` is followed by who said it."""
    before = s[close - 1] if close else ""
    if before == ",":
        return True
    m = _NEXT.match(s, after)
    nxt = m.group(2) if m else ""
    if nxt.islower():
        return True
    return bool(_attribution().match(s, after))


def _is_boundary(s: str, m: re.Match[str], sent_start: int) -> bool:
    """Decide whether the terminal punctuation matched by ``m`` ends a sentence."""
    punct, closers = m.group(1), m.group(2)
    nm = _NEXT.match(s, m.end())
    if nm is None:
        return True
    first = nm.group(2)
    if not first:
        return True
    if first.islower():
        return False
    if not (first.isalnum() or first in "$€£¥"):
        return False
    if any(q in closers for q in "\"”’»'") and _attribution_end().match(s, m.end()):
        return False  # “Why not?” Stoltenberg asked.
    if punct[0] != "." and any(q in closers for q in "\"”’»'") and _named_tag_after(s, m.end()):
        return False  # "Pat Kennedy is the greatest!!!" McDonough wrote in an email …
    if punct[0] != ".":
        return True  # ? ! and ellipses
    if len(punct) > 1:
        return True
    # A period: look at the word it closes.
    tm = _LAST_TOKEN.search(s, max(sent_start, m.start() - 64), m.start())
    token = tm.group(0).lstrip("\"'“‘«„([{") if tm else ""
    if not token:
        return True
    if tm is not None and tm.start() == sent_start and len(token) <= 3 and token.isalnum():
        return False  # a list marker: "1. The first point"
    if any(q in closers for q in "\"”’»'"):
        return token.lower() not in _TITLES
    token = re.split(r"[-/–]", token)[-1] if not _DOTTED.match(token) else token
    low = token.lower()
    digit_next = first.isdigit()
    next_word_m = _WORD_AT.match(s, nm.start(2))
    next_word = next_word_m.group(0).rstrip(".").lower() if next_word_m else ""
    starter = next_word in _STARTERS

    if low in _TITLES:
        # in capitals a title's letters are an acronym ("a new PT." is physical training), which
        # ends a sentence as any word does
        return len(token) > 1 and token.isupper()
    if low in _MONTHS:
        return False if digit_next else starter
    if low in _NUMBER_PREFIX:
        return not digit_next
    if low in ("a.m", "p.m"):
        return digit_next or next_word not in _TIME_FOLLOWERS
    if low in _STATES or low in _DOTTED_PLACES:
        if _PLACE_BEFORE.search(s, max(0, tm.start() - 40) if tm else 0, tm.start() if tm else 0):
            return True  # "in Aventura, Fla. Police said" / "in Washington, D.C. Jackson's wife"
        return digit_next or starter
    if _DOTTED.match(token) or (len(token) == 1 and token.isupper()) or low in _AMBIGUOUS:
        return digit_next or starter  # U.S., F.E.C., initials, Jr., Inc., St.
    return True


_CJK_STOPS = frozenset("。！？｡")


_CJK_FIRST = "\u3040"
"""The lowest character :func:`_cjk_chars` matches."""


@cache
def _cjk_chars() -> re.Pattern[str]:
    return re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


_CJK_STOP = re.compile(r"[。！？｡][。！？｡!?]*[」』〉》）”’\"')\]]*")
"""Chinese and Japanese full stops, which end a sentence with no space after them."""


def _split_block(s: str) -> list[tuple[int, int]]:
    """Sentence spans (relative to ``s``, trimmed) of one block."""
    spans = _quote_spans(s) if _ANY_MARK.search(s) else []
    out: list[tuple[int, int]] = []
    start = 0
    q = 0
    candidates: Iterable[re.Match[str]] = _CANDIDATE.finditer(s)
    if "。" in s or "！" in s or "？" in s or "｡" in s:
        candidates = sorted([*candidates, *_CJK_STOP.finditer(s)], key=lambda m: m.start())
    for m in candidates:
        pos = m.start()
        if pos < start:
            continue
        while q < len(spans) and spans[q][1] < pos:
            q += 1
        if q < len(spans) and spans[q][0] < pos and m.end() <= spans[q][1]:
            continue  # inside a quotation that stays whole (a mark closing the quotation is outside)
        if m.re is _CJK_STOP:
            if m.end() >= len(s) or s[m.end()].isspace():
                continue  # at the block's end or before a space: the Latin rule decides (or the end does)
            if m.group()[-1] not in _CJK_STOPS and s[m.end()] not in "「『〈《（“‘\"'(":
                continue  # 「行くぞ。」と彼は言った: a closed quotation that its attribution goes on from
        elif not _is_boundary(s, m, start):
            continue
        out.append((start, m.end()))
        nm = _SPACE.match(s, m.end())
        start = nm.end() if nm else m.end()
    if start < len(s):
        out.append((start, len(s)))
    if len(out) > 1:
        out = _join_markless(s, out)
    if len(s) > 2 * MAX_SENTENCE_WORDS:  # shorter blocks cannot hold an overlong sentence
        out = [piece for a, z in out for piece in _cap_length(s, a, z)]
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text``, as :func:`segment` cuts them, without roles.

    For a caller that has the text but not its segmentation (the quote rules given no sentences).
    """
    return [(bs + a, bs + z) for bs, be in _blocks(text) for a, z in _split_block(text[bs:be])]


def _join_markless(s: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans without a letter or digit (a stray quote mark or bracket after "Mr.") joined to the
    sentence before them, or to the one after when they open the block: they say nothing alone."""
    out: list[tuple[int, int]] = []
    pending: int | None = None  # start of leading mark-only spans, waiting for a sentence
    for a, z in spans:
        if _TOKENS.search(s, a, z) is None:  # no letter or digit
            if out:
                out[-1] = (out[-1][0], z)
            elif pending is None:
                pending = a
            continue
        out.append((a if pending is None else pending, z))
        pending = None
    if pending is not None:  # nothing but marks in the whole block
        return [(pending, spans[-1][1])]
    return out


MAX_SENTENCE_WORDS = 150
"""Longest run of words kept as one sentence.

The longest sentence of the dev sets, the samples, news-ecb and aesop-gnat has 86 words. Longer
runs are text without sentence punctuation (a transcript, a list run together, a page's text
flattened), which left whole would be one "sentence" of thousands of words: useless to read in a
report, and every step that works within a sentence would slow down with its square."""


def _break_rank(s: str, before: tuple[int, int], after: tuple[int, int]) -> int:
    """How good a place to cut an overlong sentence lies between two words: 3 a line break, 2 a
    clause mark (";", ":", a dash), 1 a comma or closing bracket, 0 none."""
    if s.find("\n", before[1], after[0]) != -1:
        return 3
    word = s[before[0] : before[1]]
    if word[-1] in ";:—–" or word in ("-", "--"):
        return 2
    return 1 if word[-1] in ",)" else 0


def _cap_length(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """``s[start:end]`` as pieces of at most :data:`MAX_SENTENCE_WORDS` words.

    Each piece ends at the best break (:func:`_break_rank`; the latest of equals) in the second half
    of its words, or after its last word when there is none."""
    if end - start <= 2 * MAX_SENTENCE_WORDS or len(s[start:end].split()) <= MAX_SENTENCE_WORDS:
        return [(start, end)]
    words = [(m.start(), m.end()) for m in _WORD_RUN.finditer(s, start, end)]
    pieces: list[tuple[int, int]] = []
    k = 0
    while len(words) - k > MAX_SENTENCE_WORDS:
        cut, best = k + MAX_SENTENCE_WORDS, 0  # cut: the first word of the next piece
        for j in range(k + MAX_SENTENCE_WORDS, k + MAX_SENTENCE_WORDS // 2, -1):
            rank = _break_rank(s, words[j - 1], words[j])
            if rank > best:
                cut, best = j, rank
                if rank == 3:
                    break
        pieces.append((words[k][0], words[cut - 1][1]))
        k = cut
    pieces.append((words[k][0], words[-1][1]))
    return pieces


_WORD_RUN = re.compile(r"\S+")


# --------------------------------------------------------------------------------------------------
# Roles
# --------------------------------------------------------------------------------------------------


def _expand(spec: str) -> list[str]:
    """Every string a phrase pattern spells: ``(a|b|)`` groups (nestable; an empty choice makes the
    group optional) and literal text."""
    out = [""]
    i = 0
    while i < len(spec):
        if spec[i] == "(":
            depth, j, parts, last = 0, i, [], i + 1
            while True:
                c = spec[j]
                if c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                    if depth == 0:
                        break
                elif c == "|" and depth == 1:
                    parts.append(spec[last:j])
                    last = j + 1
                j += 1
            parts.append(spec[last:j])
            choices = [s for p in parts for s in _expand(p)]
            out = [o + s for o in out for s in choices]
            i = j + 1
        else:
            j = i
            while j < len(spec) and spec[j] != "(":
                j += 1
            out = [o + spec[i:j] for o in out]
            i = j
    return out


_NAV_PHRASES = frozenset(
    phrase for spec in lang.entries("furniture-nav-phrases") for phrase in _expand("(" + spec + ")")
)
"""Menu entries and other one-line page furniture, lower-case with single spaces: ``_nav_line``
looks a whole line up here (building this set is far cheaper than compiling one regex for them)."""
_NAV_PARAM_ALTS = r"""
    article\s+continues\s+(?:below|after).{0,30}|scroll\s+(?:down\s+)?to\s+continue.{0,30}
    |share\s+(?:on|via)\s+\w+|\d+\s+comments?|(?:show|view|read|hide|load)\s+(?:all\s+)?(?:\d+\s+)?comments?
    |follow\s+us(?:\s+on\s+\w+)?|also\s+on\s+\w+|share\s+this\s+with\s+\w+|support\s+(?:us|our\s+\w+)
    |(?:trending|popular|more|latest|most\s+read)\s+(?:in|on|from)\s+\w+(?:\s+\w+)?
    """
_NAV_PARAM = re.compile(r"\W*(?:" + _NAV_PARAM_ALTS + r")\W*", re.IGNORECASE | re.VERBOSE)
"""The menu entries that take a word or a number, which a set cannot hold."""
_NON_WORD_RUN = re.compile(r"\W*")


def _word_core(line: str) -> str:
    r"""``line`` without the non-word characters at either end.

    The trailing run is measured on the reversed line: a pattern such as ``\W*(.*?)\W*`` gives the
    same answer but re-scans the trailing run at every step, quadratic in a long run of marks."""
    lead = _NON_WORD_RUN.match(line)
    start = lead.end() if lead else 0
    if start == len(line):
        return ""
    trail = _NON_WORD_RUN.match(line[::-1])
    return line[start : len(line) - (trail.end() if trail else 0)]


_CASE_TWINS = frozenset("\u0130\u0131\u017f\u212a")
"""The only non-ASCII characters that match an ASCII letter when case is ignored (İ ı ſ K)."""


def _spec_regex(spec: str) -> str:
    """A phrase pattern of ``furniture-nav-phrases`` as a regex: groups non-capturing, a space any
    white space, every other character literal."""
    out = []
    for ch in spec:
        out.append("(?:" if ch == "(" else ch if ch in ")|" else r"\s+" if ch == " " else re.escape(ch))
    return "".join(out)


@cache
def _nav_line_full() -> re.Pattern[str]:
    """The whole menu-entry grammar as one regex, for the rare line with a case twin (see ``_nav_line``)."""
    phrases = "|".join(_spec_regex(spec) for spec in lang.entries("furniture-nav-phrases"))
    return re.compile(r"\W*(?:" + phrases + "|" + _NAV_PARAM_ALTS + r")\W*", re.IGNORECASE | re.VERBOSE)


def _nav_line(line: str) -> bool:
    """The line is one menu entry ("Share", "Continue reading the main story", "12 comments").

    The same answer as ``_nav_line_full().fullmatch(line)``: every fixed phrase begins and ends with a
    word character, so the line without its non-word edges, white space collapsed, is the set key; a
    key with other non-ASCII characters than the case twins cannot spell a fixed phrase."""
    key = " ".join(_word_core(line).split())
    if key.isascii():
        if key.lower() in _NAV_PHRASES:
            return True
    elif _CASE_TWINS.intersection(key):
        return bool(_nav_line_full().fullmatch(line))
    return bool(_NAV_PARAM.fullmatch(line))


_JUNK_ALTS = (
    r"""(?:read\s+(?:more|also|next)|also\s+read|see\s+also|related(?:\s+\w+)?|more|watch|listen|video|photos?
      |gallery|recommended|further\s+reading|more\s+on\s+this(?:\s+story)?|editor'?s\s+note|click\s+here
      |most\s+read|trending|don'?t\s+miss|sponsored|advertisement|top\s+stories|latest|follow|tags?|topics?
      |filed\s+under|categor(?:y|ies)|keywords|sections?|contributing|source|credit|photo\s+credit
      |image\s+(?:credit|source)|author|byline)\s*[:|»›>]""",
    r"(?:image|media|photo|video)\s+(?:caption|copyright|credit|source)\b",
    r"(?:photo|photograph|photography|picture|pictured|graphic|illustration|file\s+photo|caption)s?\s*(?::|by\b)",
    r"""sign\s*-?\s*up\s+(?:for|to|now|here|today)\b.{0,200}?(?<!-)\b(?:newsletters?|e-?mails?|inbox|headlines|updates
      |alerts|digest|briefings?|bulletins?|news|stories|free)\b""",
    r"sign\s*-?\s*up\W*$",
    r"""(?:subscribe|register|join|get|receive|enter\s+your\s+e-?mail)\b.{0,200}?\b(?:newsletters?|inbox
      |headlines\s+(?:delivered|sent)|alerts|digest|briefings?|bulletins?)\b""",
    r"subscribe\b",
    r"""(?:follow|like|find|join|connect\s+with)\s+(?:us|me|him|her|them|@\w+|(?:[A-Z][\w.'-]*\s+){1,4})\s*
      (?:on|at|via)\s+(?:twitter|facebook|instagram|x|linkedin|tiktok|threads|youtube|bluesky|mastodon
      |telegram|whatsapp|snapchat|flipboard)\b""",
    r"(?:click|tap)\s+(?:here|on\s+(?:the|this)|to\s+\w+)|check\s+out\s+(?:what'?s|our|more\s+from)\b",
    r"""(?:a\s+version\s+of\s+)?(?:this|the)\s+(?:article|story|piece|post|report|column|content)\s+(?:was\s+|is\s+|has\s+been\s+)?
      (?:originally\s+|first\s+)?(?:appeared|appears|published|posted|syndicated|produced|reprinted|republished)\b""",
    r"(?:this|the)\s+(?:article|story|post)\s+(?:has\s+been|was)\s+(?:updated|corrected|amended)\b",
    r"(?:originally|first)\s+(?:published|appeared|posted)\s+(?:on|in|at|by)\b",
    r"copyright\s*(?:©|\(c\)|\d{4})|©|\(c\)\s*\d{4}",
    r"""\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|research|translation|translated
      |fact-?checking)\s+by\s+\S""",
    r"(?:contact|reach|e-?mail|write\s+to)\s+(?:the\s+)?(?:author|reporter|writer|editor|us|newsroom)\b",
    r"(?:original|source|canonical)\s+(?:url|link|article)\s*:",
    r"(?:our|editorial)\s+(?:standards|guidelines|principles)\s*:|privacy\s+(?:notice|policy)\s*:",
    r"(?:this|the)\s+(?:article|story|content|piece)\s+is\s+(?:more\s+than|over)\s+\w+\s+(?:years?|months?|days?)\s+old",
    r".{0,120}\b(?:contributed|reported)\s+to\s+this\s+(?:report|story|article)\W*$",
)
"""Openings that mark a sentence or line as page furniture wherever it stands, each after ``\\W*``."""
_JUNK_COPYRIGHT = 12
_JUNK_CONTRIBUTED = 18
_PHOTO_WORDS = lang.entries("furniture-photo-words")
_JUNK_FIRST_WORDS: tuple[tuple[str, tuple[int, ...]], ...] = (
    (
        "read also see related more watch listen video photo photos gallery recommended further editor"
        " editors click most trending don dont sponsored advertisement top latest follow tag tags topic"
        " topics filed category categories keywords section sections contributing source credit image author"
        " byline",
        (0,),
    ),
    ("image media photo video", (1,)),
    (" ".join(w + end for w in _PHOTO_WORDS for end in ("", "s", "by", "sby")) + " file", (2,)),
    ("sign signup", (3, 4)),
    ("subscribe register join get receive enter", (5,)),
    ("subscribe", (6,)),
    ("follow like find join connect", (7,)),
    ("click tap check", (8,)),
    ("a this the", (9,)),
    ("this the", (10, 17)),
    ("originally first", (11,)),
    ("copyright c", (_JUNK_COPYRIGHT,)),
    (
        "additional reporting writing editing compiled research translation translated fact factchecking",
        (13,),
    ),
    ("contact reach e email write", (14,)),
    ("original source canonical", (15,)),
    ("our editorial privacy", (16,)),
)


def _junk_index() -> dict[str, tuple[int, ...]]:
    index: dict[str, tuple[int, ...]] = {}
    for words, alts in _JUNK_FIRST_WORDS:
        for word in words.split():
            index[word] = tuple(sorted(set(index.get(word, ()) + alts)))
    return index


_JUNK_BY_WORD = _junk_index()
"""For each first word, the openings in ``_JUNK_ALTS`` that can start with it (``\\W*`` then the word's
letters), so that a sentence is tried against a few small regexes, compiled on first use, instead of
one large one that every run would have to compile."""
_JUNK_HEAD = re.compile(r"(\W*)([^\W\d_]*)(?:\s+([^\W\d_]+))?")
_PIECE_OPENERS = frozenset(("a", "this", "the"))
"""The first words of the openings about the piece itself ("This article was first published ..."),
and of nothing else in ``_JUNK_ALTS``; as they open many sentences, those openings are tried only
when the next word is one of ``_PIECE_WORDS``."""
_PIECE_WORDS = lang.words("furniture-piece-words")


@cache
def _junk_alt(i: int) -> re.Pattern[str]:
    return re.compile(r"\W*(?:" + _JUNK_ALTS[i] + ")", re.IGNORECASE | re.VERBOSE)


@cache
def _junk_start_full() -> re.Pattern[str]:
    return re.compile(r"\W*(?:" + "|".join(_JUNK_ALTS) + ")", re.IGNORECASE | re.VERBOSE)


_JUNK_REASONS = (
    "related-links",
    "caption",
    "caption",
    "signup",
    "signup",
    "signup",
    "signup",
    "share",
    "promo",
    "source-note",
    "source-note",
    "source-note",
    "copyright",
    "credits",
    "contact",
    "url",
    "footer",
    "source-note",
    "credits",
)
"""The rule name of each opening in ``_JUNK_ALTS``, reported as the sentence's reason."""


def _junk_start(t: str) -> bool:
    """The sentence opens with page furniture: the same answer as ``_junk_start_full().match(t)``."""
    return bool(_junk_reason(t))


def _junk_reason(t: str) -> str:
    """The name of the first opening in ``_JUNK_ALTS`` the sentence starts with, "" for none; only the
    openings that can start with the sentence's first word are tried."""
    if _CASE_TWINS.intersection(t):
        if not _junk_start_full().match(t):
            return ""
        return next(_JUNK_REASONS[i] for i in range(len(_JUNK_ALTS)) if _junk_alt(i).match(t))
    head = _JUNK_HEAD.match(t)
    lead, word, second = (head.group(1), head.group(2), head.group(3) or "") if head else ("", "", "")
    word = word.lower()
    alts = _JUNK_BY_WORD.get(word, ())
    if word in _PIECE_OPENERS and second.lower() not in _PIECE_WORDS:
        alts = ()
    if "©" in lead:
        alts += (_JUNK_COPYRIGHT,)
    low = t.lower()
    if "contributed" in low or "reported" in low:
        alts += (_JUNK_CONTRIBUTED,)
    return next((_JUNK_REASONS[i] for i in sorted(alts) if _junk_alt(i).match(t)), "")


@cache
def _junk_anywhere() -> re.Pattern[str]:
    return re.compile(
        r"all\s+rights\s+reserved|this\s+material\s+may\s+not\s+be\s+(?:published|broadcast|rewritten|redistributed)"
        r"|\bcookies?\b.{0,120}\b(?:consent|accept|browsing|browser|experience|settings|preferences|policy"
        r"|personali[sz]|analytics|third[- ]party)\b.{0,120}\b(?:we|our|this\s+(?:site|website)|you|your)\b"
        r"|\buse\s+of\s+cookies\b|\bmarket\s+data\s+(?:provided|delayed|powered)\b|\bquotes\s+(?:displayed|delayed)\b"
        r"|\b(?:we|our|this\s+(?:site|website)|you|your)\b.{0,120}\bcookies?\b.{0,120}\b(?:consent|accept"
        r"|browsing|browser|experience|settings|preferences|policy|personali[sz]|analytics|third[- ]party)\b",
        re.IGNORECASE,
    )


_NAV_SEPARATOR_CHARS = frozenset("·•|/")
_NAV_SEPARATORS = re.compile(r"\s*[·•|]\s*|\s+/\s+")
_CAPTION_LABEL = re.compile(r"\W*(?:(?:image|media|photo|video)\s+)?caption\W*", re.IGNORECASE)
_READ_MORE = re.compile(
    r"\W*(?:read\s+more|related|see\s+also|read\s+also|also\s+read|more\s+on\s+this)\W*", re.I
)
_LIST_HEAD = re.compile(
    r"\W*(?:related(?:\s+\w+)?|more\s+on\s+this(?:\s+story)?|most\s+(?:read|popular|viewed|shared|emailed)"
    r"|what\s+to\s+read\s+next|trending(?:\s+\w+){0,2}|recommended(?:\s+\w+){0,2}|top\s+stories"
    r"|more\s+(?:stories|news|headlines)(?:\s+\w+){0,2}|also\s+on\s+\w+|you\s+may\s+also\s+like"
    r"|editor'?s\s+picks?|(?:related\s+)?topics|tags|more)\W*",
    re.IGNORECASE,
)
"""A header over a list of links to other stories."""
_CONTRIBUTED = re.compile(
    r".{0,120}\b(?:contributed|reported)\s+(?:to\s+this\s+(?:report|story|article)|reporting)\b.{0,80}\Z"
    r"|(?:[\w.'’-]+\s+){1,10}contributed\.?\Z|(?:[\w.'’-]+\s+){1,4}reported\s+from\s+[\w .,'’-]{1,40}\.?\Z",
    re.IGNORECASE,
)
_URL_LINE = re.compile(
    r"[<(\[]?(?:https?://|www\.)\S+(?:\s+\S+){0,2}\Z|\S[^\s@]*+@\S+\.\w+\Z|@\w{2,}\Z", re.IGNORECASE
)
_BYLINE = re.compile(
    r"(?:by|written\s+by|story\s+by|words\s+by|reported\s+by|posted\s+by)\s*:?\s+(\S.*)", re.I
)
_CITY_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{1,40}(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\Z")
_CREDIT_LINE = re.compile(
    r"getty\s*images|shutterstock|istock|\b(?:ap|afp|reuters|epa|efe|anadolu|sputnik|tass|xinhua)\s*(?:photo|images?|/)"
    r"|/\s*(?:ap|afp|reuters|epa|getty|bloomberg|tass|sputnik|xinhua|ria\s+novosti|pool)\b|photo\s+by\b"
    r"|courtesy\s+of\b|\bhandout\b|\bfile\s+photo\b",
    re.IGNORECASE,
)
_AGENCY_ONLY = lang.words("furniture-credit-words")
_CREDIT_PAREN = re.compile(
    r"\(\s*(?:(?:image|photo|picture|pic|video|credit|source)s?\s*:|©)[^()]{1,80}\)\W*\Z", re.IGNORECASE
)
"""A caption's credit in brackets, with or without a full stop before it ("... (Image: Getty)")."""
_CREDIT_TAIL = re.compile(r"[.!?][\"”’]?\s*\(([^()]{1,80})\)\Z")
_CREDIT_WORDS = re.compile(
    r"photo|getty|images|\bap\b|afp|reuters|\bepa\b|courtesy|\bfile\b|handout|\bpool\b|credit|/", re.I
)
_DATE_END = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4})\W*\Z",
    re.IGNORECASE,
)
_CAPTION_HINT = re.compile(
    r"\((?:left|right|center|centre|l|r|c|top|bottom)\)|\bpictured\b|\bfile\s+photo\b", re.I
)
_SLOGAN = re.compile(
    r"^\W*(?:support|donate|contribute\s+to|become\s+a\s+(?:member|subscriber|patron|supporter)|help\s+(?:us|fund)"
    r"|join\s+(?:us|our))\b|\b(?:our|your)\s+(?:mission|journalism|newsroom)\b"
    r"|\b(?:independent|quality|local|nonprofit|non-profit|fearless|trusted)\s+(?:journalism|news\s+source)\b",
    re.IGNORECASE,
)
_BIO = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){2,4}is\s+(?:an?|the)\s+(?:[\w-]+\s+){0,4}"
    r"(?i:reporter|writer|correspondent|editor|columnist|contributor|journalist|producer|intern|fellow"
    r"|photographer|bureau\s+chief|author)s?\s+(?:for|at|with|based|covering|who\s+covers)\b"
)
"""An author's note at the end of a page ("Jane Doe is a reporter for Stars and Stripes in Brussels.")."""
_BIO_BEAT = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,3}(?:covers|writes\s+about|reports\s+on)\s+(?:the\s+)?[A-Z\w]"
)
"""An author's note by beat ("Katie Benner covers the Justice Department.")."""
_APPEAL = re.compile(
    r"favou?r\s+to\s+ask|\b(?:our|quality|high-quality|independent)\s+journalism\b|\bnews\s+subscriptions?\b"
    r"|\bfreely\s+accessible\b|\bkeep\s+(?:our|the)\s+(?:stories|journalism|reporting|site)\s+free\b"
    r"|\b(?:your|a)\s+(?:contribution|donation)\s+(?:of|to|will|helps?)\b|\bsupport\s+(?:us|our\s+work)\b",
    re.IGNORECASE,
)
"""A reader-funding appeal at the end of a page ("Since you're here ... we have a small favour to ask.")."""
_CAPTION_CREDIT = re.compile(
    r"(?:\bcredit|\bphotograph|\bphoto)\s*(?:\.{2,}|…|:)\s*\S.{0,80}\Z|\bCredit\s+[A-Z][^.!?]{0,60}/[^.!?/]{1,40}\Z",
    re.IGNORECASE,
)
"""A caption that ends in its credit: "...in 2017.Credit...Jane Roe/Getty Images", "Photograph: X/Reuters"."""
_TOKENS = re.compile(r"[^\W_]+", re.UNICODE)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_NUMBERISH = re.compile(r"\d+(?:am|pm|st|nd|rd|th|h)?\Z", re.IGNORECASE)


class _Block:
    """A paragraph (or line) of the input and what is known of it.

    A plain class, not a dataclass: this module is imported on every run, and a dataclass
    compiles its generated methods at import.
    """

    __slots__ = (
        "_tokens",
        "body_like",
        "boiler",
        "end",
        "headline",
        "n_words",
        "reason",
        "sent_reason",
        "sents",
        "start",
        "terminal",
        "text",
    )

    def __init__(
        self, start: int, end: int, text: str, sents: list[tuple[int, int]], n_words: int, terminal: bool
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.sents = sents
        self.n_words = n_words
        """White-space separated words (cheap to count; close enough for the length limits)."""
        self.terminal = terminal
        self.body_like = False
        self.boiler = False
        self.headline = False
        self.reason = ""
        """The rule that set the whole block aside ("" while it is not boilerplate)."""
        self.sent_reason: list[str] = []
        """Per sentence, the rule that set it aside on its own ("" for none)."""
        self._tokens: list[str] | None = None

    @property
    def words(self) -> list[str]:
        """Runs of letters and digits; computed on demand, as only short blocks need them."""
        if self._tokens is None:
            self._tokens = _TOKENS.findall(self.text)
        return self._tokens


def _fold(text: str) -> str:
    return text.translate(GLYPHS)


def _sentence_like(words: Sequence[str]) -> bool:
    """A line without final punctuation that still reads as a sentence (has a verb and function words)."""
    if len(words) < 6:
        return False
    low = [w.lower() for w in words]
    return any(w in _AUX_VERBS for w in low) and sum(1 for w in low if w in _FUNCTION_WORDS) >= 1


def _is_date_line(words: Sequence[str]) -> bool:
    """Dates and times only; a leading section label in capitals is allowed before a full time stamp
    ("POLITICS 02/20/2013 11:04 am ET Updated Feb 20, 2013")."""
    if not words or len(words) > 14:
        return False
    numbers = 0
    label = words[0].isupper() and not _NUMBERISH.match(words[0]) and words[0].lower() not in _DATE_WORDS
    for w in words[1:] if label else words:
        if _NUMBERISH.match(w):
            numbers += 1
        elif w.lower() not in _DATE_WORDS:
            return False
    # Numbers alone are a date only as a year or a full numeric date ("2015", "02/20/2013"), not a
    # price or a score ("$995,000", "4 1").
    named = numbers < len(words) - label
    return (
        numbers >= 3
        if label
        else numbers >= 1 and (named or numbers >= 3 or _YEAR.fullmatch(words[-1]) is not None)
    )


@cache
def _date_stamp() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
        r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}"
        r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?|[ECMP][SD]?T|GMT|UTC)?)(?:\b|(?=\d{1,2}:\d{2}))",
        re.IGNORECASE,
    )


"""A date or a time stamp: "Nov 19, 2019", "19 November 2019", "21/06/2014", "10:31 pm"; a date glued
to the time after it ("Nov 20 20194:29 AM", two page elements copied without a space) is one too."""


def _stamped_line(t: str, terminal: bool) -> bool:
    """A short line that is a time stamp and who or where it is from ("Reuters November 18, 2019 11:03
    PM", "Chris Davies - Nov 19, 2019, 10:31 pm CST", "Posted on March 30, 2015 by Admin"): after the
    stamps are taken out, only names and date words are left."""
    stamps = list(_date_stamp().finditer(t))
    if not stamps or (terminal and len(t) - stamps[-1].end() > 3):
        return False  # a sentence that mentions a time ("UPDATE 2:52 p.m. -- Records showed ...")
    rest = _TOKENS.findall(_date_stamp().sub(" ", t))
    if len(rest) > 8:
        return False
    # What is left is names and date words only: a lower-case word of any other kind is a sentence's
    # ("Jens Stoltenberg meets the press on Jan. 26, 2015.").
    return all(
        w[0].isupper() or w[0].isdigit() or w.lower() in _DATE_WORDS or w.lower() == "by" for w in rest
    )


def _is_byline(text: str) -> bool:
    m = _BYLINE.match(text)
    if not m:
        return False
    rest = m.group(1).rstrip(". ")
    tokens = rest.split()
    if not tokens or len(tokens) > 16:
        return False
    for raw in tokens:
        tok = raw.strip(",|·•/—–-:;()")
        if not tok or tok[0].isupper() or tok[0].isdigit() or tok in ("&", "@"):
            continue
        low = tok.lower()
        if low in _BYLINE_WORDS or low in _DATE_WORDS:
            continue
        return False
    return True


def _nav_ratio_line(words: Sequence[str]) -> bool:
    """A short line made mostly of navigation vocabulary ("stars and stripes videos", "twitter Email")."""
    if not words or len(words) > 6:
        return False
    low = [w.lower() for w in words]
    if all(w in _SOCIAL for w in low):
        return True
    content = [w for w in low if w not in _NAV_STOP]
    if not content:
        return False
    nav = sum(1 for w in content if w in _NAV_WORDS)
    return nav * 2 >= len(content) or low[-1] in _NAV_TAIL


def _nav_text(t: str) -> bool:
    """A menu entry, or menu entries joined by separators ("Order Reprints | Today's Paper | Subscribe")."""
    return bool(
        _nav_line(t)
        or (
            _NAV_SEPARATOR_CHARS.intersection(t)
            and all(_nav_line(part) for part in _NAV_SEPARATORS.split(t) if part.strip())
        )
    )


def _social_run(words: Sequence[str]) -> bool:
    """A row of share buttons: "Share on Facebook Share on Twitter Share via Email"."""
    low = [w.lower() for w in words]
    social = sum(1 for w in low if w in _SOCIAL)
    return social * 2 > len(low) and all(w in _SOCIAL or w in _SOCIAL_GLUE for w in low)


def _credit_tail(text: str) -> bool:
    """A caption that ends in a photo credit: "... on Jan. 26, 2015. (NATO)", "(AP Photo/Virginia Mayo)"."""
    m = _CREDIT_TAIL.search(text, max(0, len(text) - 90)) if text.endswith(")") else None
    if not m:
        return False
    inner = m.group(1).strip()
    if _CREDIT_WORDS.search(inner):
        return True
    toks = inner.split()
    return 1 <= len(toks) <= 3 and all(t[:1].isupper() for t in toks)


_CREDIT_NAME = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,2}[A-Z][\w.'’-]*\s*(?:/\s*(?:[A-Z][\w.&'’-]*\s*){1,4}){1,3}"
    r"|(?:[A-Z][\w.'’-]*\s+){1,2}[A-Z][\w.'’-]*\s*,\s*(?:the\s+)?(?P<agency>[\w. ]{2,30})"
)
"""A photographer and an outlet: "Jason Cipriani/ZDNet", "Sakib Ali/Hindustan Times", "Michael Conroy, AP"."""


_POST_SIGNATURE = re.compile(
    r"[—–-]{1,2}\s*[^()\n]{1,60}\(@\w+\)\s*(?:\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w+\s+\d{4})"
)
"""The signature line of an embedded social post: "— Rep. Ilhan Omar (@Ilhan) November 19, 2019"."""


_CLICK_END = re.compile(r"\b(?:click|clicking|tap|tapping)\s+here\W*\Z", re.I)
"""A line that ends in a call to click: "GET FOX BUSINESS ON THE GO BY CLICKING HERE"."""
_GALLERY_COUNTER = re.compile(
    r"\W*(?:(?:image|photo|picture|slide|gallery)s?\s+)?\d{1,3}\s*(?:of|/)\s*(?:/\s*)?\d{1,3}\W*", re.I
)
_CAPTION_LEAD = re.compile(
    r"\W*(?:above|below|top|bottom|pictured|main\s+image|(?:top|lead)\s+photo)\s*:\s+\S", re.I
)
"""A caption that says where its picture is: "Above: A WeWork coworking space in San Francisco."."""


def _credit_name(t: str) -> bool:
    """A photo credit line without a credit word: a name and an outlet after a slash, or a name and a
    news agency after a comma."""
    m = _CREDIT_NAME.fullmatch(t)
    if not m:
        return False
    agency = m.group("agency")
    return agency is None or all(w.lower() in _AGENCY_ONLY for w in agency.split())


def _pattern_block(b: _Block, t: str, text: str) -> str:
    """What kind of page furniture a whole block is, recognised by form alone; "" when it is none."""
    n = b.n_words
    if n <= 3 and not b.words:
        # No letters or digits at all: rules, bullets, stray marks, or nothing visible.
        return "symbols" if _visible().search(t) else "invisible"
    if n > 60:
        return ""
    if n <= 12 and _nav_text(t):
        if _CAPTION_LABEL.fullmatch(t):
            return "caption-label"
        return "share" if b.words and b.words[0].lower() in _SOCIAL else "nav"
    if n <= 6 and all(w.lower() in _SOCIAL for w in b.words):
        return "share"
    if n <= 12 and not b.terminal and _social_run(b.words):
        return "share"
    if n <= 12 and not b.terminal and not _BYLINE.match(t) and _comment_head().fullmatch(t):
        return "comment-head"
    if n <= 3 and _URL_LINE.match(t):
        return "url"
    if n <= 16 and not b.terminal and _is_byline(t):
        return "byline"
    if n <= 16 and _POST_SIGNATURE.fullmatch(t):
        return ""  # an embedded post's signature belongs to the post the article quotes
    if n <= 14 and _is_date_line(b.words):
        return "date"
    if n <= 6 and _CITY_DATELINE.fullmatch(t):
        return "date"
    if n <= 14 and _stamped_line(t, b.terminal):
        return "date"
    if (
        n <= 12
        and not b.terminal
        and (_CREDIT_LINE.search(t) or all(w.lower() in _AGENCY_ONLY for w in b.words))
    ):
        return "credit" if n <= 5 else "caption"  # a credit alone, or a caption that ends in one
    if n <= 6 and not b.terminal and _credit_name(t):
        return "credit"
    if len(b.sents) <= 3 and (_credit_tail(t) or _CREDIT_PAREN.search(t, max(0, len(t) - 90))):
        return "caption"
    if not b.terminal and len(b.sents) <= 4 and _CAPTION_CREDIT.search(t, max(0, len(t) - 120)):
        return "caption"
    if 2 <= len(b.sents) <= 3:
        s, e = b.sents[-1]
        last = text[s:e]
        if len(last.split()) <= 6 and not _terminal(last) and _CREDIT_LINE.search(last):
            return "caption"  # "... Brussels January 26, 2015. REUTERS/Francois Lenoir"
    if not b.terminal and 4 <= n <= 40 and _DATE_END.search(t) and not _sentence_like(b.words):
        return "caption-date"  # a caption line: "Jens Stoltenberg in Pristina Jan. 23, 2015"
    if n <= 6 and _GALLERY_COUNTER.fullmatch(t):
        return "nav"  # a slide show's counter: "Image 1 of 23", "1 / 23"
    if len(b.sents) <= 2 and n <= CAPTION_WORDS and _CAPTION_LEAD.match(t):
        return "caption"
    if n <= 6 and not b.terminal and '"' not in t and _SLOGAN.search(t):
        return "slogan"
    return ""


def _tail_furniture(t: str) -> str:
    """Why a sentence is page furniture when it stands after the article (notes, appeals, menus)."""
    if _BIO.match(t):
        return "author-note"
    if _CONTRIBUTED.match(t):
        return "credits"
    if _APPEAL.search(t):
        return "appeal"
    return "nav" if _nav_text(t) else ""


def _pattern_sentence(t: str, n_words: int) -> str:
    """Why a sentence is page furniture wherever it stands (sign-up, copyright, credits, ...); "" when
    it is not."""
    if n_words > 60:
        return ""
    reason = _junk_reason(t)
    if reason or t.startswith("©"):
        return reason or "copyright"
    low = t.lower()
    if "here" in low and _CLICK_END.search(t):
        return "promo"
    if (
        n_words <= 40
        and ("reserved" in low or "material" in low or "cookie" in low or "data" in low or "quotes" in low)
        and _junk_anywhere().search(t)
    ):
        return "footer"
    return ""


def _norm_dup(text: str) -> str:
    if text.endswith(")"):
        text = _CREDIT_TAIL.sub(lambda m: m.group(0)[:1], text)
    return " ".join(_fold(text).lower().split())


def _near_dup(a: str, b: str) -> bool:
    if len(a) < 20 or len(b) < 20:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if long_.startswith(short) and len(short) >= 0.7 * len(long_):
        return True
    if abs(len(a) - len(b)) > 0.15 * len(long_):
        return False
    from rapidfuzz.fuzz import ratio  # imported lazily: only captions printed twice need it

    return ratio(a, b) >= 90


def _title_like(b: _Block, first: bool) -> bool:
    if len(b.text) > 250 or not (2 if first else 3) <= len(b.words) <= 30:
        return False
    if b.text[-1] in ".:;," and not b.text.endswith("..."):
        return False
    return not b.text[0].islower()


_CREDIT_FIRST = re.compile(r"\W*(?:image|photo|picture|media|video)\s+(?:copyright|credit|source)", re.I)
"""A credit that stands before its caption ("Image copyright Getty Images" / "Image caption ...")."""
CAPTION_WORDS = 40
_FIRST_PERSON = frozenset(("i", "we", "my", "our", "me", "us", "you", "your"))
"""The longest block taken for a caption because a photo credit line follows it."""

_KIND_REASON = {
    "symbols": "symbols",
    "nav": "nav",
    "share": "share",
    "caption-label": "caption",
    "url": "url",
    "byline": "byline",
    "date": "dateline",
    "credit": "credit",
    "caption": "caption",
    "caption-date": "caption",
    "slogan": "appeal",
    "comment-head": "comments",
    "invisible": "invisible",
}
"""The reason each block form (``_pattern_block``) reports."""


def _mark(b: _Block, reason: str) -> None:
    """Set a block aside as boilerplate for ``reason``; the first rule to fire names it."""
    if not b.boiler:
        b.boiler = True
        b.reason = reason


def _assign_roles(blocks: list[_Block], text: str) -> None:
    """Label each block (and, inside kept blocks, each sentence) headline, body or boilerplate.

    Two stages, in the spirit of jusText. First every block is judged alone: by named forms (menus,
    share rows, bylines, datelines, captions, credits, notices; ``_pattern_block`` and
    ``_pattern_sentence``) and by its features (length, stop words, sentence punctuation, digits).
    Then blocks are judged by their neighbours: the article is the heaviest run of prose
    (``_article_span``), the headline the best title-like line just before it, and what stands
    outside the run, what a list header or a caption label governs, and what repeats, is furniture.
    A block inside the article that no rule names stays body: when in doubt, content is kept.
    """
    kinds = [_pattern_block(b, _fold(b.text) if b.n_words <= 60 else b.text, text) for b in blocks]
    if kinds and kinds[0] == "caption-date":
        kinds[0] = ""  # at the very top, "Seacom operations fully restored: 4 November 2011" is a title
    for b, kind in zip(blocks, kinds, strict=True):
        b.sent_reason = []
        if kind:
            _mark(b, _KIND_REASON[kind])
            b.sent_reason = [b.reason] * len(b.sents)
            continue
        for s, e in b.sents:
            n = text.count(" ", s, e) + 1
            b.sent_reason.append(_pattern_sentence(_fold(text[s:e]), n) if n <= 60 else "")
        if all(b.sent_reason):
            _mark(b, b.sent_reason[0])

    norms = [_norm_dup(b.text) if b.n_words <= 60 and len(b.text) >= 20 else "" for b in blocks]
    nblocks = len(blocks)
    # A teaser card: a title line, then a blurb that repeats the title as its opening words
    # ("Fox News Flash top headlines for Oct. 26" / "Fox News Flash top headlines for Oct. 26 are here.").
    for i in range(nblocks - 1):
        b, nb = blocks[i], blocks[i + 1]
        if (
            not b.terminal
            and b.n_words >= 4
            and nb.n_words <= 60
            and nb.text.startswith(b.text)
            and _TEASER_GO_ON.match(nb.text, len(b.text))
        ):
            _mark(b, "related-links")
            _mark(nb, "related-links")
            kinds[i] = kinds[i] or "teaser"
    _bylines_without_by(blocks, kinds)
    lo, hi, _weight = _article_span(blocks)
    comments_from = _comments_start(blocks, kinds, lo)
    if 0 <= comments_from <= hi:
        # The article ends at the last prose block before its comments.
        hi = comments_from - 1
        while hi > lo and not blocks[hi].body_like:
            hi -= 1
    head_at = _find_headline(blocks, kinds, norms, lo)
    if 0 <= lo < head_at <= hi and not any(
        blocks[i].body_like and blocks[i].terminal for i in range(lo, head_at)
    ):
        # The title stands inside the run (a long link line before it joined the run): what is before
        # the title is the page's header. When prose stands before it (a title found by its byline,
        # ``_anchored``: a page's stray paragraph, a blog's earlier post, a listing), the run still
        # starts the article and what stands before the title is kept.
        for i in range(lo, head_at):
            _mark(blocks[i], "header")
        lo = head_at
    head_norm = next((norms[i] for i, b in enumerate(blocks) if b.headline and norms[i]), "")

    # Captions printed twice and repeated lines: the earlier copy of an adjacent pair is furniture;
    # a later repeat of a short block outside the article is furniture (the first occurrence is the
    # one that counts; inside the article, list items and table rows repeat). When the later copy of
    # an adjacent pair reads as body text, it stays body.
    seen: dict[str, int] = {}
    twin_kept = -1
    for i, b in enumerate(blocks):
        key = norms[i]
        if not key or len(key) < 20:
            continue
        if (
            head_norm
            and not b.headline
            and not b.terminal
            and head_norm in key
            and len(key) <= len(head_norm) + 40
        ):
            _mark(b, "title-repeat")  # the title again, perhaps in a share or breadcrumb line
        if key in seen and not b.headline and i != twin_kept and not lo <= i <= hi:
            _mark(b, "repeat")
        seen.setdefault(key, i)
        if i + 1 < nblocks and norms[i + 1] and key[-1] not in ",;" and _near_dup(key, norms[i + 1]):
            nb = blocks[i + 1]
            if not b.headline:
                _mark(b, "caption")
            if nb.boiler or not nb.body_like or b.headline:
                _mark(nb, "title-repeat" if b.headline else "caption")
            else:
                twin_kept = i + 1

    # A caption after its label ("Image caption"), a caption over its credit ("... Delhi on Nov. 3." /
    # "Sakib Ali/Hindustan Times/Getty Images"), a related-story link next to "Read more".
    for i, b in enumerate(blocks):
        if kinds[i] == "credit" and i > 0 and not _CREDIT_FIRST.match(b.text):
            pb = blocks[i - 1]
            next_kind = kinds[i + 1] if i + 1 < nblocks else ""
            if (
                not pb.headline
                and not pb.boiler
                and pb.n_words <= CAPTION_WORDS
                and len(pb.sents) <= 2
                and not pb.text.endswith(":")  # a line that introduces the picture is the text's
                and not _FIRST_PERSON.intersection(w.lower() for w in pb.words)  # the writer's voice
                and next_kind not in ("caption", "caption-label")
            ):
                _mark(pb, "caption")
        if kinds[i] == "caption-label" and i + 1 < nblocks:
            nb = blocks[i + 1]
            if not nb.headline and nb.n_words <= 40 and len(nb.sents) <= 2:
                _mark(nb, "caption")
        if kinds[i] == "nav" and _LIST_HEAD.fullmatch(b.text):
            # "Related Coverage", "Most Popular": the headline-like lines (and their dates) under it.
            for j in range(i + 1, min(nblocks, i + 13)):
                nb = blocks[j]
                if nb.headline:
                    break
                if kinds[j] in ("date", "nav", "url") or (not nb.terminal and nb.n_words <= 20):
                    _mark(nb, "related-links")
                    continue
                break
        if kinds[i] == "nav" and _READ_MORE.fullmatch(b.text):
            for j in (i - 1, i + 1):
                if (
                    0 <= j < nblocks
                    and not blocks[j].terminal
                    and not blocks[j].headline
                    and blocks[j].n_words <= 20
                ):
                    _mark(blocks[j], "related-links")

    # Before the article: what is not prose (bylines, captions, menus) and not the headline.
    # After it: everything past the heaviest run, then the notes and appeals that close the article.
    if lo >= 0:
        # The run is taken for *the* article only when it holds most of the text's prose: a file of
        # several articles, or a long document whose paragraphs are parted by headings, keeps its
        # prose outside the run as body (content is never cut off on a doubt).
        def prose(b: _Block) -> int:
            return b.n_words if b.body_like and b.terminal else 0

        inside = sum(prose(blocks[i]) for i in range(lo, hi + 1))
        several = sum(prose(b) for b in blocks) - inside > inside
        head = next((i for i in range(lo) if blocks[i].headline), lo)
        for i in range(lo):
            b = blocks[i]
            if b.headline or (b.body_like and i >= lo - 3) or (several and prose(b)):
                continue
            if i > head and b.body_like and b.terminal and b.n_words >= 25 and len(b.sents) >= 1:
                continue  # a lead paragraph that a sidebar parts from the rest of the article
            _mark(b, "header")
        # Lines that go on from the last prose block as text does (a list, a table, a letter's
        # closing) stay: content is never cut off on a doubt.
        keep_to = hi
        while keep_to + 1 < nblocks:
            nb = blocks[keep_to + 1]
            if nb.boiler:
                break
            if _listish(nb) or (nb.n_words <= 3 and "," in blocks[keep_to].text[-1:] + nb.text):
                keep_to += 1
                continue
            # A table's header row: a short line that the table's rows follow.
            after = blocks[keep_to + 2] if keep_to + 2 < nblocks else None
            if nb.n_words <= 6 and after is not None and not after.boiler and _listish(after):
                keep_to += 2
                continue
            break
        for i in range(nblocks - 1, lo, -1):
            b = blocks[i]
            if b.boiler:
                continue
            if i > keep_to:
                if several and prose(b):
                    continue  # not one article with a tail of comments: a text of several
                _mark(b, "comments" if i >= comments_from >= 0 else "footer")
                continue
            if i <= hi and not b.body_like:
                _mark(b, "footer")
                continue
            s0, e0 = b.sents[0]
            if _BIO.match(text[s0:e0]) or _BIO_BEAT.match(text[s0:e0]):
                _mark(b, "author-note")
                continue
            tail = [
                bad or _tail_furniture(_fold(text[s:e]))
                for bad, (s, e) in zip(b.sent_reason, b.sents, strict=True)
            ]
            if all(tail):
                _mark(b, tail[0])
                continue
            if i > hi:
                continue  # a kept continuation of the last prose block
            break

    # Inside the body: short lines of navigation vocabulary.
    for b in blocks:
        if not b.boiler and not b.headline and not b.terminal and b.n_words <= 6 and _nav_ratio_line(b.words):
            _mark(b, "nav")


@cache
def _comments_head() -> re.Pattern[str]:
    return re.compile(
        r"\W*(?:\d+\s+)?(?:comments?|responses?|replies|reactions?|discussion|conversation)(?:\s+\(\d+\))?"
        r"|\W*(?:leave|post|add|write|submit)\s+(?:a\s+|your\s+)?(?:comment|reply|response)\W*"
        r"|\W*(?:\d+\s+)?(?:thoughts|responses|comments)\s+on\s+.{1,200}"
        r"|\W*join\s+the\s+(?:conversation|discussion)\W*",
        re.IGNORECASE,
    )


"""The header over a page's comments ("12 Comments", "Leave a Reply", "3 thoughts on ...")."""


@cache
def _comment_head() -> re.Pattern[str]:
    return re.compile(
        r"(?:[\w.'’@-]+\s+){0,4}[\w.'’@-]+\s*(?:[—–|-]|\bsays:?|\bwrote:?|\bon\b|\bat\b)\s*"
        r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
        r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4})"
        r"(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)?\s*(?:said:?|says:?|#\s*)?",
        re.IGNORECASE,
    )


"""A comment's heading: a name and a time stamp ("Roger P — July 10th, 2012, 2:14 am",
"jsmith says: March 3, 2012 at 4:15 pm")."""
_COMMENT_TAIL = lang.words("furniture-comment-links")


def _comments_start(blocks: list[_Block], kinds: list[str], lo: int) -> int:
    """The first block of the page's comment section after the article's start ``lo``, or -1.

    Comments are prose too, so the run can swallow them; they are told by their form: a header
    ("12 Comments", "Leave a Reply"), or headings with a name and a time stamp, or "Reply" links,
    at least twice after the article's first block."""
    if lo < 0:
        return -1
    marks = 0
    first = -1
    for i in range(lo + 1, len(blocks)):
        b = blocks[i]
        is_head = kinds[i] == "comment-head"
        is_reply = b.n_words <= 3 and " ".join(b.words).lower() in _COMMENT_TAIL
        is_header = b.n_words <= 40 and not b.terminal and bool(_comments_head().fullmatch(_fold(b.text)))
        if is_head or is_reply or is_header:
            marks += 1
            if first < 0:
                first = i
            if marks >= 2:
                break
    return first if marks >= 2 and first > lo else -1


_TEASER_GO_ON = re.compile(r"\s+[a-z]")

_FURNITURE_BEFORE_DEK = frozenset(("byline", "date", "nav", "url", "symbols"))


def _stopwords() -> frozenset[str]:
    return lang.words("stopwords")


def _stop_share(b: _Block) -> float:
    words = b.words
    if not words:
        return 0.0
    stop = _stopwords()
    return sum(1 for w in words if w.lower() in stop) / len(words)


_MONTH_NAMES = lang.words("months")


def _listish(b: _Block) -> bool:
    """A table row or a list item that reads as prose: figures, or stop words or lower-case words
    among a few words (a menu entry or a linked headline is in title case)."""
    words = b.words
    if sum(1 for t in words if t[0].isdigit()) >= 2:
        return True
    if len(words) >= 3 and words[0].lower() in _MONTH_NAMES and words[1].isdigit():
        return True  # an item of a list of dates ("June 9 – West Palm Beach, FL")
    if b.n_words >= 3 and sum(1 for t in words[1:] if t[0].islower()) * 2 >= len(words):
        return True
    return b.n_words >= 4 and _stop_share(b) >= 0.25


def _article_span(blocks: list[_Block]) -> tuple[int, int, float]:
    """The run of blocks that holds the article: the contiguous run with the largest weight, where a
    block that reads as prose weighs its words and a furniture-like block costs (Finn et al.'s body text
    extraction over blocks instead of tags)."""
    n_blocks = len(blocks)
    # First pass: each block's class from what it alone shows.
    cls: list[int] = []  # 2 prose, 1 prose-ish, 0 neutral, -1 short line, -2 menu entry, -3 furniture
    for b in blocks:
        n = b.n_words
        if b.boiler:
            cls.append(-3)
        elif b.body_like and b.terminal and n >= 8:
            cls.append(2 if n >= 30 or _stop_share(b) >= 0.2 else 1)
        elif b.body_like:
            cls.append(1)
        elif _listish(b):
            cls.append(0)  # a table row or a list item that reads as prose
        elif n <= 5 and not _stopwords().intersection(w.lower() for w in b.words):
            cls.append(-2)
        else:
            cls.append(-1)
    best, best_lo, best_hi = 0.0, -1, -1
    run, run_lo = 0.0, 0
    for i, b in enumerate(blocks):
        n, c = b.n_words, cls[i]
        if c == -3:
            w = -(4.0 + min(n, 20))
        elif c == 2:
            w = float(n)
        elif c == 1:
            w = n / 3 if b.terminal and n >= 8 else n / 2
        elif c == 0:
            w = 0.0
        else:
            # A short line costs as furniture when it stands among furniture (a menu, a link list);
            # alone between prose or list items it is a heading or a label: nearly neutral.
            among = (i > 0 and cls[i - 1] < 0) or (i + 1 < n_blocks and cls[i + 1] < 0)
            w = (-(3.0 + n / 2) if c == -2 else -(2.0 + min(n, 12) / 4)) if among else -1.0
        if run <= 0:
            run, run_lo = 0.0, i
        run += w
        if run > best:
            best, best_lo, best_hi = run, run_lo, i
    return best_lo, best_hi, best


_HANDLE = re.compile(r"@\w+")
_NAME_PARTICLES = lang.words("furniture-name-particles")


def _name_line(b: _Block) -> bool:
    """A line that is only a person's name, perhaps with a handle or a role ("Zachary Roth, @zackroth",
    "Tom Krisher, AP Auto Writer"): two to six capitalised words and byline vocabulary."""
    if b.terminal or b.n_words > 9 or len(b.text) > 80:
        return False
    words = [w for w in _TOKENS.findall(_HANDLE.sub(" ", b.text))]
    if not 2 <= len(words) <= 8:
        return False
    name, _, role = _HANDLE.sub(" ", b.text).partition(",")
    name_words = _TOKENS.findall(name)
    if not 2 <= len(name_words) <= 4 or not all(
        w[0].isupper() or w.lower() in _NAME_PARTICLES for w in name_words
    ):
        return False
    return all(w[0].isupper() or w.lower() in _BYLINE_WORDS for w in _TOKENS.findall(role))


def _bylines_without_by(blocks: list[_Block], kinds: list[str]) -> None:
    """A name line next to a date line or a "By" line, or with a social handle ("Natasha
    Turak@NatashaTurak"), is a byline, though it lacks the "By"."""
    for i, b in enumerate(blocks):
        if b.boiler or not _name_line(b):
            continue
        near = kinds[max(0, i - 2) : i] + kinds[i + 1 : i + 3]
        if "date" in near or "byline" in near or _HANDLE.search(b.text):
            kinds[i] = "byline"
            _mark(b, "byline")


HEADLINE_REACH = 25
"""How many blocks (not counting those already set aside) before the article the title may stand."""
HEADLINE_INTO_RUN = 8
"""How far into the heaviest run the title may stand (a long link line before it joins the run)."""
HEADLINE_PROSE_WORDS = 8
"""A sentence of this many words inside the run is the article's text: the title stands before it."""
HEADLINE_ECHO = 0.2
"""The share of a title's content words that come back in the article's first paragraphs, for a
title line over a longer dek to win over the dek."""
HEADLINE_DEK_WORDS = 8
"""The fewest words of a dek that a title line above it wins over."""
HEADLINE_IN_RUN_COST = 1.5
"""What a candidate inside the run loses against one before it (captions and share rows stand there)."""


HEADLINE_ANCHOR_REACH = 30
"""How far into the heaviest run a title with its byline or date under it may stand."""


def _anchored(blocks: list[_Block], kinds: list[str], i: int, lo: int) -> bool:
    """A title line deep in the run: a byline or date line among the two blocks before it or the
    three after it, and the run's prose before it a small part of the prose after it (a page's stray
    paragraph or teaser list opened the run, the article comes after its title). The prose is summed
    only for a line that has a byline or date beside it (at most ``HEADLINE_ANCHOR_REACH`` lines)."""
    if not any(kd in ("byline", "date") for kd in kinds[max(0, i - 2) : i] + kinds[i + 1 : i + 4]):
        return False
    before = sum(b.n_words for b in blocks[lo:i] if b.body_like and b.terminal and not b.boiler)
    after = sum(b.n_words for b in blocks[i + 1 :] if b.body_like and b.terminal and not b.boiler)
    return before * 3 < after


def _find_headline(blocks: list[_Block], kinds: list[str], norms: list[str], lo: int) -> int:
    """Mark the title line(s) and return the title's index (-1 for none): the best title-like line
    among the ``HEADLINE_REACH`` blocks before the article ``lo`` that no rule set aside, or in the
    run before its first prose sentence (a long link line before the title joins the run).

    Page copies start with menus, section labels and teasers, so each candidate is scored on what
    tells a headline from them: a byline or date line under it, a title's length and capitals, its
    words coming back in the article's first paragraphs, a copy of it elsewhere on the page, being
    the first line of the text (a pasted article), a dek under it; lines with a bar or a time stamp
    lose, and of equals the one nearest the article wins.
    """
    nblocks = len(blocks)
    if lo < 0:
        lo = min(nblocks, 15)
    # The reach counts the blocks no rule set aside: a row of forty share buttons between the title
    # and the text does not push the title out of reach.
    first = lo
    kept = 0
    while first > 0 and kept < HEADLINE_REACH:
        first -= 1
        kept += not blocks[first].boiler
    candidates: list[int] = []
    open_scan = True  # still before the run's first prose sentence and within HEADLINE_INTO_RUN
    for i in range(first, min(lo + HEADLINE_ANCHOR_REACH, nblocks)):
        b = blocks[i]
        if open_scan and (
            i >= lo + HEADLINE_INTO_RUN
            or (
                i >= lo
                and b.terminal
                and (i == lo or b.n_words >= HEADLINE_PROSE_WORDS)
                and not _NAV_SEPARATOR_CHARS.intersection(b.text)
            )
        ):
            # The article's first sentence (not a line of links): the title stands before it,
            # unless the run opened with a page's stray prose or link lines and the title comes
            # later with its byline or date beside it (``_anchored``).
            open_scan = False
        if b.boiler or not _title_like(b, first=i == 0):
            continue
        if not open_scan and (b.text[-1] == "." or not _anchored(blocks, kinds, i, lo)):
            continue
        if b.text.count("|") >= 2 or b.text[0] in "«‹" or b.text[-1] in "»›":
            continue  # links to other pages: "« Previous post | Main | Next post »"
        if i + 1 < nblocks and _near_dup(norms[i], norms[i + 1]) and blocks[i + 1].boiler:
            continue  # a caption printed twice
        if (
            i + 1 < nblocks
            and norms[i + 1]
            and len(norms[i]) > len(norms[i + 1])
            and norms[i].endswith(norms[i + 1])
        ):
            continue  # a breadcrumb trail glued to the title under it ("HomeSPORT NEWSBREAKING NEWS: ...")
        candidates.append(i)
    if not candidates:
        return -1
    repeated = {norms[i] for i in candidates if norms[i] and norms.count(norms[i]) > 1}
    top = next((i for i, b in enumerate(blocks) if not b.boiler), -1)  # what the text opens with
    # A headline's words come back in the article's first paragraphs; a menu's or a teaser's do not.
    stop = _stopwords()
    lead = {
        w.lower()
        for b in blocks[lo : lo + 6]
        if b.body_like and not b.boiler
        for w in _TOKENS.findall(b.text[:1500])
        if len(w) > 2 and w.lower() not in stop
    }

    def under(i: int) -> int:
        """The next block after ``i`` that no rule set aside (a title's dek, when it is a candidate)."""
        j = i + 1
        while j < nblocks and blocks[j].boiler:
            j += 1
        return j

    def echo(b: _Block) -> float:
        content = {w.lower() for w in b.words if len(w) > 2 and w.lower() not in stop}
        return len(content & lead) / len(content) if content else 0.0

    def score(k: int) -> float:
        i = candidates[k]
        b = blocks[i]
        caps = sum(1 for w in b.words if w[0].isupper()) / max(1, len(b.words))
        return (
            1.5 * any(kd in ("byline", "date") for kd in kinds[i + 1 : i + 3])
            + 1.5 * any(kd in ("byline", "date") for kd in kinds[i + 1 : i + 5])
            + (b.n_words >= 5)
            + (b.n_words <= 16)
            + (caps >= 0.6 and not b.text.isupper())
            + (norms[i] in repeated)
            + 3.0 * (i == top)
            + 1.5 * echo(b)
            + 0.8 * (b.n_words >= 4 and k + 1 < len(candidates) and under(i) == candidates[k + 1])
            - 2.0 * ("|" in b.text or _date_stamp().search(b.text) is not None)
            - 0.3 * (len(candidates) - 1 - k)
            - HEADLINE_IN_RUN_COST * (i > lo)
        )

    best = max(range(len(candidates)), key=lambda k: (score(k), k))
    head = candidates[best]
    if best > 0:
        p = candidates[best - 1]
        if (
            p == head - 1
            and blocks[p].n_words >= 4
            and echo(blocks[p]) >= HEADLINE_ECHO
            and not blocks[head].text.isupper()
        ):
            head = p  # a title over a longer dek that the byline follows: the title is the headline
    if norms[head]:
        # The title printed twice (over the page and over the text): the first copy is the title.
        head = min(c for c in candidates if c == head or norms[c] == norms[head])
    if (
        head > 0
        and norms[head]
        and _near_dup(norms[head - 1], norms[head])
        and not blocks[head - 1].boiler
        and not (len(norms[head - 1]) > len(norms[head]) and norms[head - 1].endswith(norms[head]))
    ):
        head -= 1  # a title printed twice: the first copy is the title (not a breadcrumb trail ending in it)
    blocks[head].headline = True
    # A second title line (a dek), perhaps after the byline and date lines.
    j = head + 1
    while j < nblocks and kinds[j] in _FURNITURE_BEFORE_DEK:
        j += 1
    if j < nblocks:
        d = blocks[j]
        if (
            not d.boiler
            and not d.terminal
            and _title_like(d, False)
            and d.n_words >= 4
            and not _DATE_END.search(d.text)
            and not _CAPTION_HINT.search(d.text)
            and not _CREDIT_LINE.search(d.text)
            and not _near_dup(norms[head], norms[j])
        ):
            d.headline = True
    return head


@cache
def _visible() -> re.Pattern[str]:
    """A character that shows: not white space, and none of the zero-width spaces and joiners, word
    joiners, byte-order marks, soft hyphens and invisible operators."""
    return re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061-\u2064]")


def segment(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with offsets, paragraph numbers and roles.

    Every visible or invisible non-space character lies in exactly one sentence; a block of nothing
    but invisible characters (zero-width spaces and joiners, byte-order marks, soft hyphens) is a
    boilerplate sentence (reason ``invisible``), so such a text has no headline or body at all."""
    blocks: list[_Block] = []
    for bs, be in _blocks(text):
        s = text[bs:be]
        sents = [(bs + a, bs + z) for a, z in _split_block(s)]
        n = len(s.split())
        # Every CJK range starts at U+3040: a block of Latin text with curly quotes or dashes never
        # compiles the pattern (a few ms of every run's start-up).
        if not s.isascii() and max(s) >= _CJK_FIRST:
            n += len(_cjk_chars().findall(s)) // 2  # CJK text has no spaces: two characters a word
        terminal = _terminal(s) or s[-1] in '"”’»'
        b = _Block(bs, be, s, sents, n, terminal)
        b.body_like = (
            (terminal and n >= 2)
            or n >= 20
            or (not terminal and n >= 6 and _sentence_like(b.words))
            or (n >= 3 and bool(_LIST_MARK.match(s)))
            or (n >= 4 and s.endswith(":"))
            or (n >= 5 and s[-1] in ",;")
        )
        blocks.append(b)
    _assign_roles(blocks, text)
    out: list[Sentence] = []
    for p, b in enumerate(blocks):
        for (start, end), own in zip(b.sents, b.sent_reason, strict=True):
            if b.headline:
                role, reason = Role.HEADLINE, None
            elif b.boiler or own:
                role, reason = Role.BOILERPLATE, b.reason or own
            else:
                role, reason = Role.BODY, None
            out.append(Sentence(len(out), start, end, text[start:end], p, role, reason))
    return tuple(out)


def title_of(sentences: Iterable[Sentence]) -> str | None:
    """The text of the first headline paragraph, or None when the text has no headline."""
    parts: list[str] = []
    para = -1
    for s in sentences:
        if s.role is Role.HEADLINE and (para < 0 or s.paragraph == para):
            para = s.paragraph
            parts.append(s.text)
        elif para >= 0:
            break
    return " ".join(parts) if parts else None

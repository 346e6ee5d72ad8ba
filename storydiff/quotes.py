"""Direct quotes: where they are, who said them, and which ones two reports share.

Finding quotes
--------------
Quote marks are found by :mod:`storydiff.marks` (the one scanner the sentence splitter reads too):
straight, curly, AP-style ``''``, guillemets, British single marks, apostrophes told apart, unclosed
quotes ending with their paragraph, and a quote over several paragraphs that reopens each one
reported as *one* ``Quote`` whose span runs from the first paragraph to the closing mark.

Speakers
--------
A quote's speaker comes from the first rule that applies; ``Quote.attribution`` names it:

1. ``verb-after``: a speech tag right after it in the same sentence (``"…," Stoltenberg said``,
   ``said X``, ``"…," Trump barked``, ``"…," Murphy, the head of the PAC, tweeted``), also one the
   writer forgot to set off with a comma when it is a short clause of its own (``"…" Grubbs said.``),
   and a tag closing the sentence later on (``X "…" in 2008, said Y.``, ``"…," as Cruz said``);
2. ``verb-before``: the nearest reporting verb before it in its sentence (``X said in a statement
   that … "…"``); a verb whose subject is a plain noun phrase yields to an earlier one with a named
   subject, and a verb's reach stops at another quote followed by a person named as a subject; an
   ``-ing`` verb takes the name right before it (``with Sen. John McCain calling it a "…"``), else
   its sentence's subject;
3. ``according-to``: ``according to X`` before or after it in the sentence;
4. ``intro-clause``: the subject of the clause that introduces it with a comma or colon
   (``he appeared to mouth, "…"``);
5. ``previous-speaker``: the speaker of the quote just before it, in the same or the previous
   sentence (``"…," he said. "…"``, also after one opening word: ``Adding, "…"``);
   ``previous-paragraph`` when a paragraph break lies between
   the two (a quote standing alone in a new paragraph may open another voice);
6. ``colon-lead``: the attribution of the previous sentence when that sentence ends with a colon;
7. ``sentence-subject`` / ``nearest-name``: for a quote inside a sentence with no verb of saying
   (``Putin's assertion that a "foreign legion" …``, ``she called the attack an "act of terror"``),
   the person the sentence is about, else the last person named before it;
8. ``reported-person``: for a quote standing alone with no tag, the person being reported.

Whenever the speaker was reached through ``he``/``she``, the attribution is ``pronoun``. Rules 7 and
8 and ``previous-paragraph`` are guesses: :func:`compare_quotes` never lets a guessed speaker keep
two quotes apart.

Names come from :mod:`storydiff.names` (the one recogniser of people and organisations: titles,
surnames linked to full names, places told from people, sex from courtesy titles and given names).
The phrase before a reporting verb is read as a name (the last name in it that is not inside a
prepositional phrase, a possessive or a modifier such as ``Pence`` in ``Pence press secretary
Alyssa Farah``; a name set off by a comma at its start, ``Mark Warner, the top Democrat …, said``),
a pronoun (``he``/``she``: the subject of its sentence, else the person most recently named in
subject position, unless a courtesy title says otherwise), or a plain noun phrase
(``prosecutors``; ``the department`` is resolved to the last named organisation with that head
noun, ``the seven-term congressman`` to the person holding the title; never an opening word or
phrase: ``Indeed``, ``Across Asia``, ``last week``). A surname is linked to the
full name the source gave (``Mr. Braverman`` -> ``Adam L. Braverman``) and titles are dropped
(``NATO Secretary-General Jens Stoltenberg`` -> ``Jens Stoltenberg``). Reporting verbs and titles
are language data (``storydiff/lang/en/reporting_verbs.txt``, ``titles.txt``).

Labels are not utterances, and they are told by the phrase and the words right before it, never by
whether a speaker was found (an utterance quoted in part has the same shape with or without a
speech tag): a name after ``called``, ``named``, ``so-called``, ``known as``, ``the phrase`` …; a
title (two words or more capitalised, ``"Meet the Press"``, or any capitalised phrase after a
possessive, ``NBC's "Today"``), unless a verb of saying stands right before it; and a member of a
list of three or more short quoted items (expense categories of an indictment).

Matching quotes across sources
------------------------------
See :func:`compare_quotes`. Quotes are matched one to one, best pairs first, and then one to many:
a quote whose words stand as one run in a longer quote of the other side joins it too, so one
outlet's single span can match the two pieces another outlet quotes (several ``QuoteMatch`` entries
then share an index). A match is ``exact`` when the two wordings are the same but for
terminal punctuation (``Russian,`` in a sentence vs ``Russian.``), ``variant`` when every word
difference is minor (``worddiff.is_minor``: glyphs, spelling, hyphenation), else ``partial`` (a
sub-span, an extension, a change of wording); ``diff`` is always ``diff_words(a.text, b.text)``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import compress, pairwise

from . import lang
from .marks import QuoteSpan, quote_spans
from .model import (
    AlignedGroup,
    DiffOp,
    Op,
    Paraphrase,
    Quote,
    QuoteComparison,
    QuoteMatch,
    QuoteMatchKind,
    Role,
    Sentence,
    Side,
    Source,
)
from .names import Mention, Names, Token, Tokens, initial_starts, titled_spans
from .segment import sentence_spans
from .worddiff import diff_words, fold, word_key

# --------------------------------------------------------------------------------------------
# Word lists


_STOPWORDS = lang.words("stopwords")
"""Function words (``storydiff/lang/en/stopwords.txt``): never content words, never names."""

_REPORTING = lang.words("reporting_verbs")
"""Verbs that attach a quote to its speaker (``storydiff/lang/en/reporting_verbs.txt``)."""

_NAMING = lang.words("naming_verbs")
"""Words that introduce a quoted name rather than an utterance (``a charity called "Smiles for Life"``)."""

_WORK_NOUNS = lang.words("work_nouns")
"""Nouns that introduce the capitalised title of a work (``the Disney film "Frozen"``)."""

_MENTION_NOUNS = lang.words("mention_nouns")
"""Nouns that introduce a quoted expression as a mention (``the phrase "anchor baby"``)."""

_AUX = lang.words("pre_verb_words")
"""Words that may stand between a speaker and the reporting verb ("has said", "later told")."""

_PREPS = lang.words("prepositions")

_DETS = lang.words("determiners")

_CLAUSE = lang.words("clause_openers")

_RELATIVE = lang.words("relative_pronouns")
"""Words that open a relative clause inside a noun phrase."""

_INTRO = lang.words("intro_words")
"""First words of an introductory phrase: the subject comes after its comma."""

_PRONOUN_KINDS = lang.mapping("pronouns")
_PRONOUNS = frozenset(p for p, kind in _PRONOUN_KINDS.items() if kind == "person")
_OTHER_PRONOUNS = frozenset(p for p, kind in _PRONOUN_KINDS.items() if kind != "person")

_TITLES = lang.words("titles")
"""Person titles (``storydiff/lang/en/titles.txt``): dropped from names, and a mark of a person."""

_SUFFIXES = lang.words("name_suffixes")

_TIME_WORDS = lang.words("weekdays") | lang.words("relative_days") | lang.words("time_nouns")
"""Words that end a time phrase standing between a subject and its verb ("last week said")."""
_TIME_LEADS = lang.words("time_leads")
"""Words that open such a time phrase ("last", "this", "on", "earlier")."""

_TITLE_SYNONYMS: dict[str, frozenset[str]] = {
    noun: frozenset(titles.split()) for noun, titles in lang.mapping("title_synonyms").items()
}

# --------------------------------------------------------------------------------------------
# Speakers


class _Speaker:
    __slots__ = ("kind", "name")

    def __init__(self, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind
        """"person", "org", "np" (a common noun phrase) or "pronoun" (he/she with nobody to refer
        to: the quote is attributed, but its speaker is reported as unknown)."""

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Speaker)
        return (
            self.name,
            self.kind,
        ) == (
            other.name,
            other.kind,
        )

    __hash__ = None  # type: ignore[assignment]


# --------------------------------------------------------------------------------------------
# The document: tokens, sentences, names


class _Doc:
    """Everything the speaker rules need about one text, computed once (linear in its length)."""

    def __init__(self, text: str, sentences: Sequence[Sentence], spans: Sequence[QuoteSpan]) -> None:
        self.text = text
        self.sentences = list(sentences)
        self.sent_starts = [s.start for s in self.sentences]
        self.clauses = [(x.start, x.end) for x in self.sentences] or sentence_spans(text)
        self.clause_starts = [c[0] for c in self.clauses]
        self.toks = Tokens(text, [(q.mark_start, q.mark_end) for q in spans])
        self.tok_starts = self.toks.starts
        words = self.toks.words
        # Names in page furniture ("Share on Facebook", a photo credit) are nobody being reported.
        self.names = Names(
            text,
            self.toks,
            initial_starts(text, self.clause_starts),
            self._regions(spans),
            lambda pos: not self.in_boilerplate(pos),
            titled_spans(text, [(x.start, x.end) for x in self.sentences if x.role is Role.HEADLINE]),
        )
        self.mentions = self.names.mentions
        self.mention_starts = self.names.mention_starts
        self.gender = self.names.gender
        self.full_name = self.names.full_name
        self.mentions_in = self.names.mentions_in
        self.gap = self.names.gap
        vocab = self.names.vocab
        # Per-quote questions answered by bisection rather than by reading the sentence around the
        # quote (a sentence may hold thousands of quotes: a page without full stops).
        outside = self.toks.outside
        forms = {w: low for w in vocab if (low := w.lower().rstrip(".")) in _VERB_FORMS or low == "to"}
        lowered = []  # (position in outside, token, lower-case form) of the verb forms and "to"
        for i in compress(range(len(words)), map(forms.__contains__, words)):
            k = bisect.bisect_left(outside, i)
            if k < len(outside) and outside[k] == i:
                lowered.append((k, i, forms[words[i]]))
        self.verbs_out = [i for _, i, w in lowered if w in _VERB_FORMS and _is_verb(self.toks, i)]
        """The tokens outside quotes that are reporting verbs (:func:`_is_verb`), ascending."""
        self.according: list[tuple[int, int]] = []
        """(i, j): an outside token "according" and the next outside token, when that is "to"."""
        for (k, i, w), (k2, i2, w2) in pairwise(lowered):
            if w == "according" and k2 == k + 1 and w2 == "to":
                self.according.append((i, i2))
        self.according_starts = [a[0] for a in self.according]
        self.comma_dash = [m.start() for m in _COMMA_DASH.finditer(text)]
        self._first_word_char: dict[int, int] = {}

    # -- basic lookups

    def crosses_quote_after(self, span: QuoteSpan, verb: int) -> bool:
        """Whether another quote lies between the end of ``span`` and token ``verb`` (the verb then
        reports that quote, not this one)."""
        first = bisect.bisect_left(self.tok_starts, span.mark_end)
        return self.toks.outside_at(verb) - self.toks.outside_at(first) != verb - first

    def sentence_at(self, pos: int) -> int:
        """Index of the given (segmenter's) sentence holding ``pos``."""
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return max(i, 0)

    def in_boilerplate(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a sentence the segmenter labelled boilerplate."""
        if not self.sentences:
            return False
        s = self.sentences[self.sentence_at(pos)]
        return s.role is Role.BOILERPLATE and s.start <= pos < s.end

    def clause_at(self, pos: int) -> int:
        """Index of the sentence holding ``pos`` (the segmenter's; :data:`clauses`)."""
        i = bisect.bisect_right(self.clause_starts, pos) - 1
        return max(i, 0)

    def last_verb(self, r: range) -> int | None:
        """The last reporting verb outside quotes among the tokens of ``r``."""
        k = bisect.bisect_left(self.verbs_out, r.stop) - 1
        return self.verbs_out[k] if k >= 0 and self.verbs_out[k] >= r.start else None

    def any_outside(self, r: range) -> bool:
        """Whether a token of ``r`` lies outside every quote."""
        return self.toks.outside_at(r.start) < self.toks.outside_at(r.stop)

    def according_in(self, r: range, limit: int) -> list[int]:
        """The first ``limit`` tokens "according" of ``r`` outside quotes followed (outside quotes, in
        ``r``) by "to"."""
        out: list[int] = []
        k = bisect.bisect_left(self.according_starts, r.start)
        while k < len(self.according) and self.according[k][1] < r.stop and len(out) < limit:
            out.append(self.according[k][0])
            k += 1
        return out

    def has_comma_or_dash(self, lo: int, hi: int) -> bool:
        """Whether text[lo:hi] holds a comma or a dash that sets off a speech tag."""
        k = bisect.bisect_left(self.comma_dash, lo)
        return k < len(self.comma_dash) and self.comma_dash[k] < hi

    def has_word_char(self, lo: int, hi: int) -> bool:
        """Whether text[lo:hi] holds a word character (``lo`` is a sentence start: cached per start)."""
        first = self._first_word_char.get(lo)
        if first is None:
            m = _WORD_CHAR.search(self.text, lo)
            first = self._first_word_char[lo] = m.start() if m else len(self.text)
        return first < hi

    def ends_with(self, lo: int, hi: int, chars: str) -> bool:
        """Whether ``text[lo:hi].rstrip()`` ends with one of ``chars`` (without copying the slice)."""
        text = self.text
        k = hi - 1
        while k >= lo and text[k].isspace():
            k -= 1
        return k >= lo and text[k] in chars

    def tok_range(self, start: int, end: int) -> range:
        return range(bisect.bisect_left(self.tok_starts, start), bisect.bisect_left(self.tok_starts, end))

    # -- names

    def _regions(self, spans: Sequence[QuoteSpan]) -> list[tuple[int, int]]:
        """Offsets of the text around quotes, where the speaker rules read every name."""
        out: list[tuple[int, int]] = []
        last = len(self.clauses) - 1
        for sp in spans:
            lo = self.clauses[max(0, self.clause_at(sp.mark_start) - _STATE_LOOKBACK - 1)][0]
            hi = self.clauses[min(last, self.clause_at(max(sp.mark_end - 1, 0)) + 1)][1]
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(hi, out[-1][1]))
            else:
                out.append((lo, hi))
        return out

    def head_candidate(self, m: Mention, lo_tok: int) -> bool:
        """A name that can head a subject: not inside a prepositional phrase, not a possessive or modifier."""
        if m.possessive:
            return False
        k = m.first - 1
        saw_det = False
        while k >= lo_tok and self.toks[k].lower in _DETS and self.gap(k + 1).isspace():
            saw_det = True
            k -= 1
        if k >= lo_tok and self.toks[k].lower in _PREPS and self.gap(k + 1).isspace():
            # "as Dell said": "as" opens a clause whose subject the name is, when a verb of saying
            # follows the name at once
            as_clause = (
                self.toks[k].lower == "as" and m.last + 1 < len(self.toks) and _is_verb(self.toks, m.last + 1)
            )
            if not as_clause:
                return False
        if saw_det and m.last + 1 < len(self.toks) and self.gap(m.last + 1).isspace():
            nxt = self.toks[m.last + 1]
            if not nxt.cap and not _verbish(nxt.lower) and nxt.lower not in _STOPWORDS:
                return False
        # "Pence press secretary Alyssa Farah", "Trump spokesman Hogan Gidley": a name before a
        # lower-case title modifies it
        for k in range(m.last + 1, min(m.last + 3, len(self.toks))):
            t = self.toks[k]
            if t.cap or not self.gap(k).isspace():
                break
            if t.lower in _TITLES:
                return False
        return True


_VERB_FORMS = _REPORTING | {"according", "calling"}
"""Lower-case forms :func:`_is_verb` can accept."""
_COMMA_DASH = re.compile("[,—\u2015]")
_WORD_CHAR = re.compile(r"\w")


def _verbish_strict(t: Token) -> bool:
    return not t.cap and (t.lower in _REPORTING or t.lower in _AUX or t.lower.endswith("ed"))


def _verbish(word: str) -> bool:
    return word in _REPORTING or word in _AUX or word.endswith("ed") or word.endswith("ly")


# --------------------------------------------------------------------------------------------
# Speakers


_REACH_BEFORE = 300
"""How many words (outside quotes) before a reporting verb are read for its subject.

Attributions are local; without a bound a page with no full stops made each lookup read the whole
page. In the dev sets, samples, news-ecb and aesop texts the longest phrase read is 156 words."""

_REACH_AFTER = 100
"""How many words (outside quotes) after a reporting verb are read for its object (``said X``).

In the same corpora the phrase after a verb (up to the first comma or stop) is at most 35 words."""

_TAG_WINDOW = 25
"""How many words after a quote are read for a speech tag."""

_SUBJECT_TRIES = 8
"""How many names of a sentence are tried for its subject after its opening phrases."""

_VERB_TRIES = 3
"""How many reporting verbs before a quote (in its sentence, nearest first) are read for a named subject."""

_BARE_TAG = 8
"""How many words after a quote without a comma are read for a speech tag ("…" Grubbs said.)."""

_CLOSING_TRIES = 2
"""How many reporting verbs after a quote (in its sentence) are tried for a closing tag (``, said X.``)."""

_ACCORDING_TRIES = 4
"""How many ``according to`` after a quote (in its sentence) are tried for its speaker."""


class _Pronoun:
    """A planned answer that is "he"/"she": resolved when it is used, against the people named so far."""

    __slots__ = ("fallback", "pos", "sent")

    def __init__(self, sent: int, pos: int, fallback: _Speaker | None) -> None:
        self.sent = sent
        self.pos = pos
        self.fallback = fallback


_Plan = _Speaker | _Pronoun | str | None
_UNSET = _Pronoun(-1, -1, None)
"""The cache's "not planned yet" marker (None is a plan)."""


class _Resolver:
    """Speaker resolution state for one document (never compared: one per call)."""

    __slots__ = ("doc", "last_person", "plans", "subject_cache", "via_pronoun")

    def __init__(self, doc: _Doc) -> None:
        self.doc = doc
        self.via_pronoun = False
        """Set when the speaker being resolved was reached through a he/she (rule ``pronoun``)."""
        self.last_person: str | None = None
        self.subject_cache: dict[int, tuple[_Speaker | None, int]] = {}
        self.plans: dict[tuple[str, int, int, int], _Plan] = {}

    # -- helpers

    def words(self, lo: int, hi: int, limit: int | None = None, last: bool = False) -> list[int]:
        """Indices of the tokens outside quotes between offsets lo and hi (the first or last ``limit``)."""
        return self.doc.toks.outside_quotes(self.doc.tok_range(lo, hi), limit, last)

    def run(self, plan: _Plan) -> _Speaker | str | None:
        if isinstance(plan, _Pronoun):
            return self.pronoun(plan.sent, plan.pos) or plan.fallback
        return plan

    def speaker_of(self, m: Mention) -> _Speaker:
        kind = "person" if m.kind == "person" else "org"
        return _Speaker(self.doc.full_name(m), kind)

    def pronoun(self, sent: int, pos: int) -> _Speaker | None:
        """The person a he/she at ``pos`` refers to: the subject of its sentence, else the person
        being reported; one whose courtesy title or given name says otherwise (she, Mr. Futerfas;
        she, Bernie Sanders) gives way to the nearest person named before it, in its sentence or the
        few before, who agrees."""
        self.via_pronoun = True
        doc = self.doc
        subj, subj_pos = self.subject(sent)
        found = None
        if subj is not None and subj.kind == "person" and subj_pos < pos:
            found = subj
        elif self.last_person:
            found = _Speaker(self.last_person, "person")
        word = doc.text[pos : pos + 3].lower().strip()
        if found is None or word not in _PRONOUNS:
            return found
        known = doc.gender.get(found.name)
        if known is None:
            # an antecedent of unknown sex ("WikiLeaks said …, a quote from Mrs. Clinton in which she
            # said") yields to a person of the pronoun's sex named after it in the pronoun's sentence
            lo = max(doc.clauses[sent][0], subj_pos + 1 if found is subj else 0)
            for m in reversed(doc.mentions_in(*_tok_span(doc, lo, pos))):
                if m.kind == "person" and not m.possessive and doc.gender.get(doc.full_name(m)) == word:
                    return self.speaker_of(m)
            return found
        if known == word:
            return found
        # the nearest person named before it who agrees, in its sentence or the few before
        lo = doc.clauses[max(0, sent - _STATE_LOOKBACK)][0]
        for m in reversed(doc.mentions_in(*_tok_span(doc, lo, pos))):
            if m.kind == "person" and not m.possessive and doc.gender.get(doc.full_name(m)) == word:
                return self.speaker_of(m)
        return found

    def definite(self, noun: str, before: int) -> _Speaker | None:
        """``the department`` -> the last organisation with that head noun; ``the president`` -> its holder.

        Titles match with a few synonyms (``the congressman`` -> a ``Rep.``).
        """
        titles = _TITLE_SYNONYMS.get(noun, frozenset({noun}))
        k = bisect.bisect_left(self.doc.mention_starts, before) - 1
        for m in reversed(self.doc.mentions[max(0, k - 200) : k + 1]):
            if m.kind == "org" and m.name.lower().split()[-1].rstrip(".") == noun:
                return _Speaker(m.name, "org")
            if m.kind == "person" and m.titles & titles:
                return self.speaker_of(m)
        return None

    def common_np(self, idx: list[int]) -> _Speaker | None:
        toks = self.doc.toks
        while idx and (toks[idx[0]].lower in _DETS or toks[idx[0]].lower in _CLAUSE):
            idx = idx[1:]
        if not idx or len(idx) > 8:
            return None
        last = toks[idx[-1]]
        if last.lower in _STOPWORDS or last.lower in _PREPS or last.lower in _AUX:
            return None
        if _lead_word(toks[idx[0]]) and (
            len(idx) == 1 or (toks[idx[0]].lower in _PREPS and not any(toks[i].cap for i in idx[1:]))
        ):
            return None  # "Indeed,", "Adding,", "in the end,": an opening word or phrase, not a speaker
        if toks[idx[0]].lower in _TIME_LEADS and not toks[idx[0]].cap:
            return None  # "said last week in Tel Aviv": a time phrase, not a speaker
        lo = idx[0]
        had_det = lo > 0 and toks[lo - 1].lower == "the"
        if had_det and len(idx) == 1:
            found = self.definite(toks[lo].lower, lo)
            if found is not None:
                return found
        if had_det and last.lower in _TITLES and not last.cap:
            # "the seven-term congressman", "the lawmaker": a person named before, by title or
            # else the person being reported
            found = self.definite(last.lower, lo)
            if found is not None:
                return found
            if self.last_person:
                return _Speaker(self.last_person, "person")
        return _Speaker(self.doc.text[toks[idx[0]].start : last.end], "np")

    def from_idx(self, idx: list[int], lo_tok: int, last_name: bool) -> _Speaker | None:
        ms = [m for m in self.doc.mentions_in(idx[0], idx[-1] + 1) if self.doc.head_candidate(m, lo_tok)]
        if ms:
            return self.speaker_of(ms[-1] if last_name else ms[0])
        return None

    # -- the phrase before or after a reporting verb

    def np_before(self, sent: int, lo: int, verb: int) -> _Speaker | str | None:
        """The speaker named before the token ``verb``; "COORD" for a coordinated verb (``… and said``).

        The answer is worked out once per (sentence, start, verb) and kept as a plan, since all the
        quotes of a sentence after one verb ask the same; only a he/she in it is resolved per call
        (the person it refers to changes as the text is read).
        """
        key = ("before", sent, lo, verb)
        plan = self.plans.get(key, _UNSET)
        if plan is _UNSET:
            plan = self.plans[key] = self._np_before(sent, lo, verb)
        return self.run(plan)

    def _np_before(self, sent: int, lo: int, verb: int) -> _Plan:
        doc, toks = self.doc, self.doc.toks
        # an attribution is local: the clause before the verb is read back at most _REACH_BEFORE words
        idx = self.words(lo, toks[verb].start, _REACH_BEFORE, last=True)
        while idx and doc.gap(idx[-1] + 1).isspace():
            last = toks[idx[-1]]
            if last.lower in _TIME_WORDS:
                # "Dianne Feinstein last week said", "Smith on Tuesday told": a time phrase after a name
                k = len(idx) - 1
                while k > 0 and toks[idx[k - 1]].lower in _TIME_LEADS and doc.gap(idx[k - 1] + 1).isspace():
                    k -= 1
                if k == 0 or not toks[idx[k - 1]].cap or not doc.gap(idx[k - 1] + 1).isspace():
                    break
                del idx[k:]
                continue
            if not (last.lower in _AUX or (last.lower.endswith("ly") and not last.cap)):
                break
            idx.pop()  # "has also said", "immediately asks"
        if not idx:
            return None
        if toks[idx[-1]].lower in ("and", "but", "or") and not re.search(r"[,;]", doc.gap(idx[-1] + 1)):
            # "… Paul Ryan called him and told him …": the subject of the first conjunct's clause
            conj: list[int] = []
            for i in reversed(idx[:-1]):
                clause_word = toks[i].lower in _CLAUSE and not toks[i].cap
                if clause_word or re.search(r"[,;:—–()\u2015]", doc.gap(i + 1)):
                    break
                conj.insert(0, i)
            if conj:
                ms = [m for m in doc.mentions_in(conj[0], conj[-1] + 1) if doc.head_candidate(m, conj[0])]
                if ms and ms[0].kind == "person":
                    return self.speaker_of(ms[0])
            return "COORD"
        # the clause right before the verb (none when a comma closes an appositive: "X, 47, said")
        tail: list[int] = []
        for i in reversed(idx):
            if re.search(r"[,;:—–()\u2015]", doc.gap(i + 1)) or toks[i + 1].in_quote:
                break
            if toks[i].lower in _CLAUSE and not toks[i].cap:
                break
            tail.insert(0, i)
        if tail and all(toks[i].lower.isdigit() for i in tail):
            tail = []
        if tail and not toks[tail[0]].cap and (toks[tail[0]].lower in _PREPS or toks[tail[0]].lower in _AUX):
            # "Trump, who has been feuding …, on Friday described", "Beck, who has in the past
            # described": a time phrase or the rest of a relative clause stands before the verb,
            # not its subject; the subject is found as after an appositive. A clause with a subject
            # of its own ("after he allegedly was promised") keeps it.
            rest = tail
            while rest and not toks[rest[0]].cap and toks[rest[0]].lower in _PREPS:
                rest = rest[1:]
            named = doc.mentions_in(rest[0], rest[-1] + 1) if rest else []
            if rest and (toks[rest[0]].lower in _PRONOUNS or (named and named[0].first == rest[0])):
                tail = rest
            else:
                tail = []
        if tail:
            found = self.from_idx(tail, tail[0], last_name=True)
            if found is not None:
                return found
            last = toks[tail[-1]]
            if last.lower in _PRONOUNS:
                return _Pronoun(sent, last.start, _Speaker(last.text, "pronoun"))
            if last.lower in _OTHER_PRONOUNS:
                return None
            np = self.common_np(tail)
            if np is not None:
                return np
            return None
        # "Mark Warner, the top Democrat on the committee, said": a name set off by a comma at the
        # start of the phrase is the subject, whatever the appositive names after it
        clause = idx[0]
        for i in reversed(idx):
            if re.search(r"[.;:!?]\s", doc.gap(i)):
                clause = i
                break
        opening = [m for m in doc.mentions_in(clause, clause + 6) if m.kind == "person"][:1]
        if opening and not opening[0].possessive:
            m = opening[0]
            if m.last + 1 < len(toks) and "," in doc.gap(m.last + 1) and doc.head_candidate(m, clause):
                k = m.first - 1
                if k < clause or toks[k].lower in _DETS or toks[k].lower in _TITLES:
                    return self.speaker_of(m)
        # an appositive or introductory phrase ends with a comma: the last name in the whole phrase
        found = self.from_idx(idx, idx[0], last_name=True)
        if found is not None:
            return found
        first_chunk: list[int] = []
        for i in idx:
            if first_chunk and re.search(r"[,;:]", doc.gap(i)):
                break
            first_chunk.append(i)
        if first_chunk and toks[first_chunk[0]].lower in _PRONOUNS:
            return _Pronoun(sent, toks[first_chunk[0]].start, None)
        return self.common_np(first_chunk)

    def np_after(self, sent: int, verb: int, hi: int) -> _Speaker | None:
        """The speaker named after a verb (``said X``, ``according to X``); planned once, as np_before."""
        key = ("after", sent, verb, hi)
        plan = self.plans.get(key, _UNSET)
        if plan is _UNSET:
            plan = self.plans[key] = self._np_after(sent, verb, hi)
        found = self.run(plan)
        assert not isinstance(found, str)
        return found

    def _np_after(self, sent: int, verb: int, hi: int) -> _Speaker | _Pronoun | None:
        doc, toks = self.doc, self.doc.toks
        start = verb + 1
        if toks[verb].lower == "according" and start < len(toks) and toks[start].lower == "to":
            start += 1
        idx: list[int] = []
        for i in self.words(toks[start].start if start < len(toks) else hi, hi, _REACH_AFTER):
            if idx and re.search(r"[,;:.—–()\u2015]", doc.gap(i)):
                break
            idx.append(i)
        if not idx:
            return None
        if toks[idx[0]].lower in _PRONOUNS:
            return _Pronoun(sent, toks[idx[0]].start, None)
        if toks[idx[0]].lower in _OTHER_PRONOUNS:
            return None
        ms = [m for m in doc.mentions_in(idx[0], idx[-1] + 1) if doc.head_candidate(m, idx[0])]
        if ms:
            m = ms[0]
            nxt = toks[m.last + 1] if m.last + 1 < len(toks) and m.last + 1 <= idx[-1] else None
            if nxt is not None and not nxt.cap and nxt.lower in _AUX:
                return None  # "to say Obama should …": the subject of the reported clause
            return self.speaker_of(m)
        np_idx: list[int] = []
        for i in idx:
            if toks[i].lower in _CLAUSE or (np_idx and toks[i].lower in _AUX):
                break
            np_idx.append(i)
        if len(np_idx) < len(idx):
            return None  # "said his presence does not serve …": a clause, not a speaker
        return self.common_np(np_idx[:6])

    def subject(self, sent: int) -> tuple[_Speaker | None, int]:
        """The subject of a sentence (a name, he/she, or a noun phrase) and its offset."""
        if sent in self.subject_cache:
            return self.subject_cache[sent]
        doc, toks = self.doc, self.doc.toks
        s_start, s_end = doc.clauses[sent]
        idx = self.words(s_start, s_end)
        result: tuple[_Speaker | None, int] = (None, s_end)
        if idx:
            first = toks[idx[0]].lower
            if first in _INTRO or first.endswith("ing") or (first.endswith("ed") and first not in _PRONOUNS):
                for k in range(1, len(idx)):
                    if "," in doc.gap(idx[k]):
                        idx = idx[k:]
                        break
            # the subject comes before the first verb; a person named there beats a place or a title
            # (a relative clause is no part of it: "the congressman who represents Queens")
            limit = next(
                (
                    k
                    for k, i in enumerate(idx)
                    if k and (_verbish_strict(toks[i]) or (toks[i].lower in _RELATIVE and not toks[i].cap))
                ),
                len(idx),
            )
            head = idx[:limit]
            ms = [m for m in doc.mentions_in(head[0], head[-1] + 1) if doc.head_candidate(m, head[0])]
            ms = [m for m in ms if m.kind == "person"] or ms
            pron = next((i for i in head[:6] if toks[i].lower in _PRONOUNS), None)
            if ms and (pron is None or ms[0].first < pron):
                result = (self.speaker_of(ms[0]), ms[0].start)
            elif pron is not None:
                sp = _Speaker(self.last_person, "person") if self.last_person else None
                result = (sp, toks[pron].start)
            else:
                np_idx: list[int] = []
                for i in idx[:7]:
                    w = toks[i].lower
                    if np_idx and (w in _AUX or w in _REPORTING or w.endswith("ed") or "," in doc.gap(i)):
                        break
                    if np_idx and w in _RELATIVE and not toks[i].cap:
                        break
                    np_idx.append(i)
                    if w in _TITLES and not toks[i].cap:
                        break  # "The presumptive Republican presidential nominee went …"
                np = self.common_np(np_idx) if len(np_idx) < 7 else None
                result = (np, toks[idx[0]].start)
                if np is None or np.kind != "person":
                    # "Weeks before the election, asked if …, Pence denied it": after the sentence's
                    # opening phrases, the first person set off by a comma who governs a verb
                    for m in doc.mentions_in(idx[0], idx[-1] + 1)[:_SUBJECT_TRIES]:
                        if m.kind == "person" and "," in doc.gap(m.first) and _governs(doc, m):
                            result = (self.speaker_of(m), m.start)
                            break
        self.subject_cache[sent] = result
        return result

    # -- the rules

    def resolve(
        self, span: QuoteSpan, prev: tuple[QuoteSpan, _Speaker | None, int] | None
    ) -> tuple[_Speaker | None, str | None]:
        """The speaker of a quote and the name of the rule that found it (see the module docstring)."""
        self.via_pronoun = False
        found, rule = self._resolve(span, prev)
        if found is None:
            return None, None
        return found, ("pronoun" if self.via_pronoun else rule)

    def _resolve(
        self, span: QuoteSpan, prev: tuple[QuoteSpan, _Speaker | None, int] | None
    ) -> tuple[_Speaker | None, str]:
        doc = self.doc
        s_open = doc.clause_at(span.mark_start)
        s_close = doc.clause_at(max(span.mark_end - 1, span.mark_start))
        sent_start = doc.clauses[s_open][0]
        sent_end = doc.clauses[s_close][1]
        lo = sent_start
        hi = sent_end
        # 1. a speech tag after the quote (tag_after reads at most _TAG_WINDOW words)
        after = self.words(span.mark_end, hi, _TAG_WINDOW)
        tag = self.tag_after(s_close, span, after, hi)
        if tag is not None:
            return tag, "verb-after"
        # 2. the nearest reporting verb before it
        before = doc.tok_range(lo, span.mark_start)
        verb = doc.last_verb(before)
        if verb is not None and (
            self.crosses_quote(verb, before.stop) is not None or self.new_clause(verb, before.stop)
        ):
            verb = None
        first: tuple[_Speaker, int] | None = None
        for _ in range(_VERB_TRIES):
            if verb is None:
                break
            found = self.attribution(s_open, lo, verb, span.mark_start)
            if found is not None and first is None:
                first = (found, verb)
            if found is not None and found.kind != "np":
                first = (found, verb)
                break
            # "The department said that the improper use of funds continued despite "…"": a verb
            # whose subject is a plain noun phrase yields to an earlier one with a named subject
            verb = doc.last_verb(range(before.start, verb))
        if first is not None:
            found, verb = first
            return found, ("according-to" if doc.toks[verb].lower == "according" else "verb-before")
        has_before = doc.any_outside(before)
        # 3. according to X, after it (the first few: a sentence has one or two)
        for i in doc.according_in(doc.tok_range(span.mark_end, hi), _ACCORDING_TRIES):
            found = self.np_after(s_close, i, hi)
            if found is not None:
                return found, "according-to"
        # 3b. a speech tag closing the sentence after the quote, set off by a comma
        # ("Clinton "drew quite well …" in the 2008 primary, said professor Paul Beck.")
        tag = self.closing_tag(s_close, span, hi)
        if tag is not None:
            return tag, "verb-after"
        # 4. the subject of a clause that introduces the quote with a comma or colon
        if has_before and doc.ends_with(sent_start, span.mark_start, ",:"):
            subj, _ = self.subject(s_open)
            if subj is not None:
                return subj, "intro-clause"
        # 5. the speaker of the quote just before, for a quote that opens its sentence (after at
        # most an opening word: "Indeed, "…"", "Adding, "…"")
        opens_sentence = not doc.has_word_char(sent_start, span.mark_start) or self.lead_only(before)
        if opens_sentence and prev is not None and prev[1] is not None and prev[2] >= s_open - 1:
            # across a paragraph break the quote may open another voice: a guess (``previous-paragraph``)
            crossed = doc.text.find("\n", prev[0].mark_end, span.mark_start) != -1
            return prev[1], ("previous-paragraph" if crossed else "previous-speaker")
        # 6. a previous sentence that ends with a colon
        if s_open > 0 and not has_before:
            ps_start, ps_end = doc.clauses[s_open - 1]
            if doc.ends_with(ps_start, ps_end, ":"):
                pverb = doc.last_verb(doc.tok_range(ps_start, ps_end))
                if pverb is not None:
                    return self.attribution(s_open - 1, ps_start, pverb, ps_end), "colon-lead"
                return self.subject(s_open - 1)[0], "colon-lead"
        # 7. a quote inside a sentence that names no verb of saying ("Putin's assertion that a "…"",
        # "she called the attack an "act of terror""): the person it is about is its sentence's
        # subject, else the last person named before it in the sentence
        if has_before:
            subj, subj_pos = self.subject(s_open)
            if subj is not None and subj.kind == "person" and subj_pos < span.mark_start:
                return subj, "sentence-subject"
            near = [
                m
                for m in doc.mentions_in(before.start, before.stop)
                if m.kind == "person" and not _clause_subject(doc.toks, m)
            ]
            if near:
                return self.speaker_of(near[-1]), "nearest-name"
        # 8. a quote standing alone (nothing outside it in its sentence, no tag): news style puts it
        # after the paragraph that introduces its speaker, the person being reported
        elif self.last_person is not None:
            return _Speaker(self.last_person, "person"), "reported-person"
        return None, "none"

    def lead_only(self, before: range) -> bool:
        """Whether the words before a quote in its sentence are one opening word set off by a comma."""
        doc = self.doc
        idx = doc.toks.outside_quotes(before, 2)
        if len(idx) != 1 or not _lead_word(doc.toks[idx[0]]):
            return False
        k = idx[0] + 1
        return k < len(doc.toks) and "," in doc.gap(k)

    def new_clause(self, verb: int, stop: int) -> bool:
        """Whether a main clause with a named subject of its own opens between a verb and the quote:
        in "When Trump suggested that Cuba would sue, Rubio fired back: "…"" the verb belongs to the
        opening clause, and the quote to Rubio (the rule for a quote introduced by a clause then
        finds him). Only a person or one-word name set off by a comma, governing a verb, counts."""
        doc = self.doc
        if stop - verb > _REACH_BEFORE or doc.toks[verb].lower == "according":
            return False  # "According to Variety, Trump brought …": the source of the whole sentence
        for m in doc.mentions_in(verb + 1, stop):
            opens = m.kind in ("person", "single") and not m.possessive and "," in doc.gap(m.first)
            if opens and _governs(doc, m) and not doc.toks[m.last + 1].lower.endswith("ing"):
                return True
        return False

    def crosses_quote(self, verb: int, stop: int) -> Mention | None:
        """The person named after another quote that a verb's reach to this quote crosses, if any:
        in "WikiLeaks urged him to "push this story" about Hillary Clinton wanting to "just drone" …"
        the verb reports the first quote, and the second is Clinton's."""
        doc = self.doc
        # the last token before the quote that lies inside another quote, if after the verb (the
        # words outside quotes between are counted, not walked: _REACH_BEFORE bounds the verb's reach)
        outside = doc.toks.outside
        k = bisect.bisect_left(outside, stop) - 1
        j = bisect.bisect_right(outside, verb)
        if k < j or stop - verb - 1 == k - j + 1:
            return None  # every token between the verb and the quote lies outside quotes
        last_in = stop - 1
        while k >= j and outside[k] == last_in:
            last_in -= 1
            k -= 1
        if last_in <= verb:
            return None
        named = doc.mentions_in(last_in + 1, stop)
        return next((m for m in named if m.kind == "person" and not m.possessive and _governs(doc, m)), None)

    def attribution(self, sent: int, lo: int, verb: int, hi: int) -> _Speaker | None:
        toks = self.doc.toks
        w = toks[verb].lower
        if w == "according":
            return self.np_after(sent, verb, hi)
        if w.endswith("ing"):
            # "with Sen. John McCain calling it a "…"", "Gorka noting …": a name right before the verb
            # is its subject; else the verb's subject is the sentence's ("…, saying …")
            doc = self.doc
            k = verb - 1  # "Trump reportedly yelling": an adverb may stand between
            if k > 0 and toks[k].lower.endswith("ly") and not toks[k].cap and doc.gap(verb).isspace():
                k -= 1
            named = doc.mentions_in(max(0, k - 6), k + 1)
            if named and named[-1].last == k and doc.gap(k + 1).isspace():
                m = named[-1]
                if not m.possessive and m.kind != "org":
                    return self.speaker_of(m)
            return self.subject(sent)[0]
        if self.inverted(verb):
            # "…, explained Rosenberg, "…"": the verb stands before its subject, set off by commas
            found = self.np_after(sent, verb, hi)
            if found is not None and found.kind in ("person", "org"):
                return found
        np = self.np_before(sent, lo, verb)
        if np == "COORD":
            return self.subject(sent)[0]
        if isinstance(np, _Speaker):
            return np
        return self.np_after(sent, verb, hi)

    def inverted(self, verb: int) -> bool:
        """Whether a verb of saying stands before its subject as a tag of its own: a comma before it,
        a name right after it and a comma or colon after the name (", explained Rosenberg,")."""
        doc = self.doc
        if verb == 0 or "," not in doc.gap(verb) or verb + 1 >= len(doc.toks):
            return False
        named = doc.mentions_in(verb + 1, verb + 8)
        if not named or named[0].first != verb + 1 or named[0].last + 1 >= len(doc.toks):
            return False
        if named[0].kind == "org":
            return False  # "…, told POLITICO, "…"": an organisation after the verb is its listener
        return re.search(r"[,:]", doc.gap(named[0].last + 1)) is not None

    def tag_after(self, sent: int, span: QuoteSpan, after: list[int], hi: int) -> _Speaker | None:
        doc, toks = self.doc, self.doc.toks
        if not after:
            return None
        set_off = span.close_punct in ",?!—–-\u2015" or doc.has_comma_or_dash(
            span.mark_end, toks[after[0]].start
        )
        if not set_off and doc.text[span.mark_end : toks[after[0]].start].strip():
            return None  # neither a comma nor a word right after the closing mark: no tag
        window: list[int] = []
        for i in after[:_TAG_WINDOW]:
            if toks[i].in_quote or (window and re.search(r"[.;:!?]\s", doc.gap(i))):
                break
            window.append(i)
        if not set_off:
            return self.bare_tag(sent, span, window, after, hi)
        short = self.short_tag(sent, window, after)
        if short is not None:
            return short
        for k, i in enumerate(window):
            w = toks[i].lower
            if w in _CLAUSE and not toks[i].cap:
                return None
            if _is_verb(toks, i) and w != "according":
                if w.endswith("ing"):
                    return None  # "…," calling it …: the quote's own clause goes on
                if k == 0:
                    return self.np_after(sent, i, hi)
                np = self.np_before(sent, span.mark_end, i)
                if isinstance(np, _Speaker):
                    return np
                return None
        return None

    def closing_tag(self, sent: int, span: QuoteSpan, hi: int) -> _Speaker | None:
        """The speaker named by ``, said X.`` or ``, X said.`` ending the quote's sentence."""
        doc, toks = self.doc, self.doc.toks
        r = doc.tok_range(span.mark_end, hi)
        k = bisect.bisect_left(doc.verbs_out, r.start)
        verbs = [v for v in doc.verbs_out[k : k + _CLOSING_TRIES] if v < r.stop]
        for v in verbs:
            w = toks[v].lower
            if w == "according" or w.endswith("ing") or doc.crosses_quote_after(span, v):
                continue
            nxt_gap = doc.gap(v + 1) if v + 1 < len(toks) else "."
            if "," in doc.gap(v):
                found = self.np_after(sent, v, hi)  # ", said X"
                if found is not None and found.kind in ("person", "org"):
                    return found
                continue
            if not re.search(r"[.;!?]", nxt_gap) and v + 1 < r.stop:
                continue
            ms = doc.mentions_in(max(r.start, v - 8), v)  # ", X said."
            set_off = ms and (
                "," in doc.gap(ms[-1].first) or (ms[-1].first > 0 and toks[ms[-1].first - 1].lower == "as")
            )
            if ms and ms[-1].last == v - 1 and not ms[-1].possessive and set_off:
                return self.speaker_of(ms[-1])
        return None

    def bare_tag(
        self, sent: int, span: QuoteSpan, window: list[int], after: list[int], hi: int
    ) -> _Speaker | None:
        """ "…" Grubbs said. / "…" said Nick Merrill, a spokesman.: a speech tag the writer forgot to set
        off with a comma. Taken only when the tag is a whole short clause of its own: a name or
        he/she and a reporting verb (either order) right after the quote, ending its sentence or
        followed by a comma; otherwise the words after a quote go on with the sentence."""
        doc, toks = self.doc, self.doc.toks
        if (
            not window
            or window != after[: len(window)]
            or doc.text[span.mark_end : toks[window[0]].start].strip()
        ):
            return None
        verb = next((k for k, i in enumerate(window[:_BARE_TAG]) if _is_verb(toks, i)), None)
        if (
            verb is None
            or toks[window[verb]].lower in ("according", "calling")
            or toks[window[verb]].lower.endswith("ing")
        ):
            return None
        i = window[verb]
        if any(toks[j].lower in _CLAUSE and not toks[j].cap for j in window[:verb]):
            return None
        if verb == 0:
            found = self.np_after(sent, i, hi)
            return found if found is not None and found.kind in ("person", "org") else None
        ends = i == window[-1] or re.search(r"[,;:.!?]", doc.gap(i + 1)) is not None
        if not ends:
            return None
        np = self.np_before(sent, span.mark_end, i)
        return np if isinstance(np, _Speaker) and np.kind != "np" else None

    def short_tag(self, sent: int, window: list[int], after: list[int]) -> _Speaker | None:
        """ "…," he went on; "…," Trump barked; "…," Murphy, the head of the PAC, Tweeted: a name or
        he/she right after the quote, then a verb it governs or an appositive set off by a comma."""
        doc, toks = self.doc, self.doc.toks
        if len(window) < 2 or window != after[: len(window)]:
            return None
        first, nxt = toks[window[0]], toks[window[1]]
        if first.lower in _PRONOUNS:
            if doc.gap(window[1]).isspace() and not nxt.cap and nxt.lower not in _PREPS | _DETS | _CLAUSE:
                return self.pronoun(sent, first.start)
            return None
        ms = doc.mentions_in(window[0], window[-1] + 1)
        if not (ms and ms[0].first == window[0] and ms[0].kind != "org" and ms[0].last + 1 < len(toks)):
            return None
        k = ms[0].last + 1
        after_name, gap = toks[k], doc.gap(k)
        verb_next = gap.isspace() and not after_name.cap and after_name.lower not in _PREPS | _DETS | _CLAUSE
        if verb_next or gap.strip() == ",":
            return self.speaker_of(ms[0])
        return None


def _lead_word(t: Token) -> bool:
    """A word that opens a sentence as an adverb, participle or preposition ("Indeed", "Adding",
    "Across"): never a speaker on its own."""
    return t.lower in _INTRO or t.lower in _PREPS or t.lower.endswith(("ly", "ing"))


def _governs(doc: _Doc, m: Mention) -> bool:
    """Whether a name is followed by a word it can be the subject of ("Clinton wanting", "Trump
    barked"), not by a preposition, article or clause word ("New Hampshire on Monday")."""
    k = m.last + 1
    if k >= len(doc.toks) or not doc.gap(k).isspace():
        return False
    nxt = doc.toks[k]
    return not nxt.cap and nxt.lower not in _PREPS and nxt.lower not in _DETS and nxt.lower not in _CLAUSE


def _tok_span(doc: _Doc, lo: int, hi: int) -> tuple[int, int]:
    r = doc.tok_range(lo, hi)
    return r.start, r.stop


def _clause_subject(toks: Sequence[Token], m: Mention) -> bool:
    """Whether a name is the subject of a reported clause ("said Clinton should …"): not its speaker."""
    k = m.last + 1
    return k < len(toks) and not toks[k].cap and toks[k].lower in _AUX


def _is_verb(toks: Sequence[Token], i: int) -> bool:
    t = toks[i]
    if t.lower == "according":
        return i + 1 < len(toks) and toks[i + 1].lower == "to"
    if t.cap:
        return False
    if t.lower in ("called", "calling"):
        # "a charity called "X"" names a thing; "calling the charges "deeply serious"" reports a judgement
        return t.lower == "calling"
    if t.lower not in _REPORTING:
        return False
    # A form that is also a noun (claims, notes, a warning, his remarks) is a noun after a determiner
    # or a possessive.
    if i > 0:
        prev = toks[i - 1]
        close = not prev.in_quote and prev.end < t.start and t.start - prev.end <= 2
        if close and (prev.possessive or (prev.lower in _DETS and not prev.cap)):
            return False
    if t.lower.startswith("continu") and i + 1 < len(toks):
        # "continued to provide", "continues arming": aspect, not speech ("…," he continued)
        nxt = toks[i + 1].lower
        return nxt != "to" and not nxt.endswith("ing")
    return True


# --------------------------------------------------------------------------------------------
# Labels


_SMALL_WORD = 3
"""A title needs a capitalised word longer than this, or every word capitalised ("New Day")."""


def _title_case(words: Sequence[str]) -> bool:
    """Whether a phrase is written as a title: every word but function words capitalised, two of them
    at least (one capital may only open a sentence: "Absolutely not", "Tell me who you are"), or
    every word capitalised ("New Day")."""
    letters = [w for w in (re.sub(r"[^\w'’-]", "", w) for w in words) if w[:1].isalpha()]
    content = [w for w in letters if w.lower() not in _STOPWORDS]
    if not content or any(not w[0].isupper() for w in content):
        return False
    if all(w[0].isupper() for w in letters) and len(letters) >= 2:
        return True
    return len(content) >= 2 and any(len(w) > _SMALL_WORD for w in content)


def _label_rule(doc: _Doc, spans: Sequence[QuoteSpan], k: int, lists: Sequence[int]) -> str | None:
    """The rule that makes a quoted phrase a label or scare quote rather than an utterance, if any.

    Judged by the phrase and the words right before it, never by whether a speaker was found: an
    utterance quoted in part ("called the attack an "act of terror"") has the same shape with or
    without a speech tag, and a title is a title even when a verb of saying stands near it.

    - ``naming``: right after a naming word (a charity called "Smiles for Life", a so-called "reset");
    - ``title``: two words or more written as a title (CNN's "State of the Union", "Meet the Press");
      one capitalised word only after a possessive (NBC's "Today");
    - ``list``: one short item of a list of three or more quoted items (expense categories).
    """
    span = spans[k]
    phrase = doc.text[span.start : span.end]
    words = phrase.split()
    if len(words) > 8:
        return None
    lead = doc.text[max(0, span.mark_start - 60) : span.mark_start].rstrip()
    prev_word = re.search(r"([\w’'-]+)\W*$", lead)
    prev = prev_word.group(1).lower() if prev_word else ""
    before = re.findall(r"[\w’'-]+", lead.lower())[-4:]
    known_as = before[-2:] == ["known", "as"]
    if (prev in _NAMING or prev in _MENTION_NOUNS or prev.startswith("so-") or known_as) and len(words) <= 6:
        return "naming"
    said = prev in _REPORTING  # shouting "Allahu Akbar": an utterance, whatever its capitals
    capitalised = all(w[:1].isupper() for w in words if w.lower() not in _STOPWORDS)
    if capitalised and (prev in _WORK_NOUNS or re.search(r"\w['’]s?$", lead)):
        return "title"  # the Disney film "Frozen", the documentary "Weiner.", NBC's "Today"
    if span.close_punct not in "!?" and not said and _title_case(words):
        opens = not doc.has_word_char(doc.clauses[doc.clause_at(span.mark_start)][0], span.mark_start)
        possessive = bool(re.search(r"['’]s?$", lead))
        if (len(words) >= 2 and not (opens and re.search(r"[.!?]$", phrase))) or possessive:
            return "title"
    if len(words) <= 5 and lists[k] >= 3:
        return "list"
    return None


_LIST_GAP = re.compile(r"^[\s,;]*(?:(?:and|or)\s+)?$")


def _list_lengths(text: str, spans: Sequence[QuoteSpan]) -> list[int]:
    """For each quote, how many quoted items form a list (``"a," "b" and "c"``) with it.

    Computed for all quotes in one pass: walking out from each quote made a long list quadratic.
    """
    joined = [_LIST_GAP.match(text[a.mark_end : b.mark_start]) is not None for a, b in pairwise(spans)]
    out: list[int] = []
    first = 0
    for k in range(len(spans)):
        if k == len(spans) - 1 or not joined[k]:
            out.extend([k - first + 1] * (k - first + 1))
            first = k + 1
    return out


# --------------------------------------------------------------------------------------------
# Public: finding quotes


_STATE_LOOKBACK = 4
"""How many sentences before a quote are read to know who is being reported (for he/she)."""


_PARTY_TAG = re.compile(r"\((?:[DRI]|Dem|Rep|Ind)[-–][A-Z][A-Za-z.]*(?:[ -][A-Z][A-Za-z.]*)?\)")
"""A party-and-state tag after a politician's name: (D-Calif.), (R-TX), (I-Vt.), (D-N.Y.)."""


def _without_party_tags(text: str) -> str:
    """``text`` with party-and-state tags blanked (same length, so every offset holds): the speaker
    rules read "Sen. Elizabeth Warren (D-MA) said" as "Sen. Elizabeth Warren said"."""
    if "(" not in text:
        return text
    return _PARTY_TAG.sub(lambda m: " " * len(m.group()), text)


def find_quotes(text: str, sentences: Sequence[Sentence]) -> tuple[Quote, ...]:
    """The direct quotes of a text, with their sentences and speakers; labels and boilerplate left out."""
    spans = quote_spans(text)
    if not spans:
        return ()
    doc = _Doc(_without_party_tags(text), sentences, spans)
    resolver = _Resolver(doc)
    lists = _list_lengths(text, spans)
    quotes: list[Quote] = []
    prev: tuple[QuoteSpan, _Speaker | None, int] | None = None
    last_sent_done = -1
    for k, span in enumerate(spans):
        sent = doc.clause_at(span.mark_start)
        # bring the "person being reported" up to this sentence
        for s in range(max(last_sent_done + 1, sent - _STATE_LOOKBACK), sent):
            subj, _ = resolver.subject(s)
            if subj is not None and subj.kind == "person":
                resolver.last_person = subj.name
        last_sent_done = max(last_sent_done, sent - 1)
        speaker, rule = resolver.resolve(span, prev)
        if speaker is not None and speaker.kind == "person":
            resolver.last_person = speaker.name
        if speaker is not None and speaker.kind == "pronoun":
            speaker_for_next: _Speaker | None = None
        else:
            speaker_for_next = speaker
        prev = (span, speaker_for_next, doc.clause_at(max(span.mark_end - 1, span.mark_start)))
        given = doc.sentence_at(span.start)
        if doc.sentences and doc.sentences[given].role is not Role.BODY:
            continue
        if _label_rule(doc, spans, k, lists) is not None:
            continue
        quotes.append(
            Quote(
                index=len(quotes),
                start=span.start,
                end=span.end,
                text=text[span.start : span.end],
                sentence=given if doc.sentences else 0,
                speaker=speaker.name if speaker is not None and speaker.kind != "pronoun" else None,
                attribution=rule if speaker is not None and speaker.kind != "pronoun" else None,
            )
        )
    return tuple(quotes)


# --------------------------------------------------------------------------------------------
# Public: comparing quotes


_NOT_KEY = re.compile(r"[^0-9a-z\s]+")
_JOINERS = re.compile(r"(?<=\w)['’-](?=\w)")


def _keys(text: str) -> list[str]:
    """``word_key`` of every word, computed on the whole text at once (it is the hot loop).

    An apostrophe or hyphen inside a word joins it (don't -> dont, cease-fire -> ceasefire); any
    other mark separates words ("project...we're" is two)."""
    return _NOT_KEY.sub(" ", _JOINERS.sub("", fold(text).lower())).split()


def _keys_many(texts: Sequence[str]) -> list[list[str]]:
    """:func:`_keys` of each text, in one pass over them all joined by line breaks (three regex
    calls in all rather than three per text: a long document has tens of thousands of sentences)."""
    joined = "\n".join(t.replace("\n", " ") for t in texts)
    lines = _NOT_KEY.sub(" ", _JOINERS.sub("", fold(joined).lower())).split("\n")
    return [line.split() for line in lines]


def _content(keys: Sequence[str]) -> list[str]:
    return [k for k in keys if k not in _STOPWORDS and len(k) > 1]


@lru_cache(maxsize=4096)
def _speaker_key(name: str | None) -> tuple[str, ...]:
    if not name:
        return ()
    words = [word_key(w) for w in fold(name).replace("'s ", " ").split()]
    return tuple(w for w in words if w and w not in _SUFFIXES and w not in _DETS)


def _same_speaker(a: str | None, b: str | None) -> bool | None:
    """True/False when both speakers are known; None when either is unknown."""
    ka, kb = _speaker_key(a), _speaker_key(b)
    if not ka or not kb:
        return None
    if ka[-1] == kb[-1]:
        return True
    sa, sb = set(ka), set(kb)
    return sa <= sb or sb <= sa


_QUANTIFIERS = lang.words("quantifiers")
"""Words that open a description of someone unnamed ("Another man", "One voter")."""

_WEAK_RULES = frozenset({"sentence-subject", "nearest-name", "reported-person", "previous-paragraph"})
"""Attributions that guess the person a quote is about rather than read a verb of saying."""


def _guessed(q: Quote) -> bool:
    """Whether a quote's speaker was guessed from the person its sentence is about (no verb of saying)."""
    return q.attribution in _WEAK_RULES


def _described(q: Quote) -> bool:
    """Whether a quote's speaker is a description rather than a name ("a young man", "the statement"):
    two descriptions of one person differ, so a description never tells two quotes apart."""
    words = (q.speaker or "").split()
    if not words:
        return True
    first, rest = words[0].lower(), words[1:]
    opener = first in _STOPWORDS or first in _DETS or first in _QUANTIFIERS
    return all(w[:1].islower() for w in rest) and (opener or words[0][:1].islower())


def _speakers(qa: Quote, qb: Quote) -> bool | None:
    """Whether two quotes have the same speaker (None: unknown, or too uncertain to tell them apart:
    a description, or a guess on either side, against a name read from a verb of saying)."""
    same = _same_speaker(qa.speaker, qb.speaker)
    if same is False and (_described(qa) or _described(qb) or _guessed(qa) or _guessed(qb)):
        return None
    return same


def _norm_exact(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().strip(".,;:!?…").strip()


def _sentence_span(src: Source, q: Quote) -> range:
    starts = [s.start for s in src.sentences]
    end = max(bisect.bisect_right(starts, q.end - 1) - 1, q.sentence)
    return range(q.sentence, end + 1)


class _QInfo:
    __slots__ = ("content", "content_set", "keys", "sents", "wording")

    def __init__(self, keys: list[str], content: list[str], sents: range, wording: int = -1) -> None:
        self.keys = keys
        self.content = content
        self.sents = sents
        self.content_set = frozenset(content)
        self.wording = wording
        """The same number for quotes with the same keys (on both sides): a pair's score is kept by it."""

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _QInfo)
        return (
            self.keys,
            self.content,
            self.sents,
            self.content_set,
        ) == (
            other.keys,
            other.content,
            other.sents,
            other.content_set,
        )

    __hash__ = None  # type: ignore[assignment]


def _info(src: Source, wordings: dict[tuple[str, ...], int]) -> list[_QInfo]:
    out = []
    starts = [s.start for s in src.sentences]
    for q in src.quotes:
        keys = _keys(q.text)
        end = max(bisect.bisect_right(starts, q.end - 1) - 1, q.sentence) if starts else q.sentence
        wording = wordings.setdefault(tuple(keys), len(wordings))
        out.append(_QInfo(keys, _content(keys), range(q.sentence, end + 1), wording))
    return out


def _kind(qa: str, qb: str) -> tuple[QuoteMatchKind, tuple[DiffOp, ...]]:
    diff = diff_words(qa, qb)
    if _norm_exact(qa) == _norm_exact(qb):
        return QuoteMatchKind.EXACT, diff
    if all(op.op is Op.EQUAL or op.minor for op in diff):
        return QuoteMatchKind.VARIANT, diff
    return QuoteMatchKind.PARTIAL, diff


_MATCH_BUDGET = 250_000
"""Above this many word comparisons (see :func:`_match_cost`) a pair is matched on its openings.

``SequenceMatcher`` (without autojunk, which would drop the frequent words that make up a quote)
compares every word of one quote with every occurrence of it in the other: two long quotes that
repeat their words cost the product of their lengths. Real quotes stay far below the budget."""

_MATCH_WORDS = 400
"""How many opening words of each quote are matched when a pair is over the budget."""


def _match_cost(ka: Sequence[str], kb: Sequence[str]) -> int:
    """About how many word comparisons ``SequenceMatcher`` makes to find the longest match."""
    counts = Counter(kb)
    return sum(counts[k] for k in ka)


_MIN_SAME_WORDS = 3
"""Two quotes with exactly the same words, this many or more, pair even if all are common words."""


_MIN_RENDERING = 0.3
"""The least word similarity (before the speaker and alignment bonuses) of two renderings of one
remark: the same speaker in aligned sentences alone does not make two quotes one."""


def _pair_score(ia: _QInfo, ib: _QInfo, speakers: bool | None, aligned: bool) -> float:
    """Similarity of two quotes in [0, 1], or 0 when they cannot be one utterance."""
    if speakers is False or not ia.keys or not ib.keys:
        return 0.0
    if ia.keys == ib.keys and len(ia.keys) >= _MIN_SAME_WORDS:
        # the same words, however common ("Who are you?"): one utterance unless speakers differ
        return min(1.0, 0.9 + (0.1 if speakers else 0.0))
    common = len(ia.content_set & ib.content_set)
    if not (speakers and aligned) and common < 0.4 * min(len(ia.content_set), len(ib.content_set)):
        return 0.0
    ka, kb = ia.keys, ib.keys
    if len(ka) * len(kb) > _MATCH_BUDGET and _match_cost(ka, kb) > _MATCH_BUDGET:
        ka, kb = ka[:_MATCH_WORDS], kb[:_MATCH_WORDS]
    sm = SequenceMatcher(None, ka, kb, autojunk=False)
    matched = sum(b.size for b in sm.get_matching_blocks())
    short = min(len(ka), len(kb))
    contain = matched / short
    dice = 2 * matched / (len(ka) + len(kb))
    shared_content = sum((Counter(ia.content) & Counter(ib.content)).values())
    min_content = min(len(ia.content), len(ib.content))
    content_cov = shared_content / min_content if min_content else 0.0
    score = 0.6 * contain + 0.4 * dice + (0.1 if speakers else 0.0) + (0.1 if aligned else 0.0)
    score = min(score, 1.0)
    if contain >= 0.75 and shared_content >= 1:
        if short >= 3 or speakers or aligned:
            return score
        return 0.0
    if contain >= 0.5 and shared_content >= 3 and content_cov >= 0.4:
        return score
    words = 0.6 * contain + 0.4 * dice
    if speakers and aligned and (content_cov >= 0.3 or dice >= 0.3) and words >= _MIN_RENDERING:
        # two renderings (translations) of one remark: same speaker, same place in the story
        return 0.5 * score
    return 0.0


_MAX_PIECE_LINKS = 3
"""How many longer quotes one piece may join (a phrase in every quote of a long speech joins a few)."""

_PIECE_SHARE = 0.8
"""How much of a quote's words must stand as one run in a longer quote for it to be a piece of it."""


def _is_piece(piece: _QInfo, whole: _QInfo) -> bool:
    """Whether ``piece`` quotes part of the utterance ``whole`` quotes: nearly all its words, in order."""
    if not piece.content or not piece.content_set <= whole.content_set | _STOPWORDS:
        return False
    ka, kb = piece.keys, whole.keys
    if len(ka) * len(kb) > _MATCH_BUDGET:
        ka, kb = ka[:_MATCH_WORDS], kb[:_MATCH_WORDS]
    sm = SequenceMatcher(None, ka, kb, autojunk=False)
    run = sm.find_longest_match(0, len(ka), 0, len(kb)).size
    return run >= _PIECE_SHARE * len(ka)


def _rare_postings(info: _QInfo, index: dict[str, list[int]]) -> list[int]:
    """The quotes of the other side that share one of this quote's three rarest words (bounded)."""
    out: list[int] = []
    keys = sorted(set(info.content), key=lambda k: len(index.get(k, ())))[:3]
    for n, key in enumerate(keys):
        posting = index.get(key, [])
        if len(posting) <= _MAX_POSTING or n == 0:
            out.extend(posting[:_MAX_POSTING])
    return out


def _groups_by_sentence(
    alignment: Sequence[AlignedGroup],
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Each sentence's alignment groups: usually one, several where the alignment lets a sentence
    sit in two groups (a strong pair the disjoint groups left out, with ``--semantic``)."""
    ga: dict[int, list[int]] = defaultdict(list)
    gb: dict[int, list[int]] = defaultdict(list)
    for g, group in enumerate(alignment):
        for i in group.a:
            ga[i].append(g)
        for j in group.b:
            gb[j].append(g)
    return ga, gb


_MAX_POSTING = 40


def _near(b_quotes: list[int], a_quotes: list[int], i: int) -> list[int]:
    """The quotes of B in an aligned group that are candidates for quote i of A in that group.

    All of them, unless the group holds more than ``_MAX_POSTING`` (a page without full stops makes
    one huge group): then those at about the same relative place as i, so that each quote is
    scored against a bounded number.
    """
    if len(b_quotes) <= _MAX_POSTING:
        return b_quotes
    rank = bisect.bisect_left(a_quotes, i) * len(b_quotes) // max(len(a_quotes), 1)
    half = _MAX_POSTING // 2
    lo = max(0, min(rank - half, len(b_quotes) - _MAX_POSTING))
    return b_quotes[lo : lo + _MAX_POSTING]


def compare_quotes(a: Source, b: Source, alignment: Sequence[AlignedGroup]) -> QuoteComparison:
    """Quotes both sources carry, those only one has, and paraphrases.

    Two quotes are one utterance when their speakers do not differ and one contains most of the
    other's words (a sub-span, an extension, a spelling variant), when they are the same words, or,
    for quotes of the same speaker in aligned sentences, when they share enough content to be two
    renderings of one remark. Pairs are taken one to one, best first; then every quote whose words
    stand as one run in a longer quote of the other side is linked to it as well (one to many, at
    most ``_MAX_PIECE_LINKS`` per piece), so ``shared`` may name an index more than once. Speakers
    differ only when both are names and not both guessed (see :func:`_speakers`). Candidate pairs
    come from an inverted index of rarer words (from both sides), identical wordings and the
    alignment, never from all pairs.
    """
    wordings: dict[tuple[str, ...], int] = {}
    ia, ib = _info(a, wordings), _info(b, wordings)
    ga, gb = _groups_by_sentence(alignment)
    index: dict[str, list[int]] = defaultdict(list)
    for j, info in enumerate(ib):
        for key in set(info.content):
            index[key].append(j)
    b_by_group: dict[int, list[int]] = defaultdict(list)
    for j, info in enumerate(ib):
        for s in info.sents:
            for g in gb.get(s, ()):
                b_by_group[g].append(j)
    a_by_group: dict[int, list[int]] = defaultdict(list)
    for i, info in enumerate(ia):
        for s in info.sents:
            for g in ga.get(s, ()):
                a_by_group[g].append(i)
    scores: dict[tuple[int, int, bool | None, bool], float] = {}
    scored: list[tuple[float, int, int]] = []
    # Candidates are found from both sides: a short quote's rare word may not be among the three
    # rarest of the long quote that holds it ("profoundly" in "I deeply and profoundly regret …").
    a_index: dict[str, list[int]] = defaultdict(list)
    for i, info in enumerate(ia):
        for key in set(info.content):
            a_index[key].append(i)
    by_wording: dict[int, list[int]] = defaultdict(list)
    for j, info in enumerate(ib):
        by_wording[info.wording].append(j)
    from_b: dict[int, set[int]] = defaultdict(set)
    for j, info in enumerate(ib):
        for i in _rare_postings(info, a_index):
            from_b[i].add(j)
    for i, info in enumerate(ia):
        cands: set[int] = set(_rare_postings(info, index)) | from_b.get(i, set())
        # the same words, all of them common ("Who are you?"): only their wording can pair them
        cands.update(by_wording.get(info.wording, [])[:_MAX_POSTING])
        groups = {g for s in info.sents for g in ga.get(s, ())}
        for g in groups:
            cands.update(_near(b_by_group.get(g, []), a_by_group[g], i))
        for j in cands:
            aligned = any(g in groups for s in ib[j].sents for g in gb.get(s, ()))
            speakers = _speakers(a.quotes[i], b.quotes[j])
            pair = (info.wording, ib[j].wording, speakers, aligned)
            score = scores.get(pair, -1.0)
            if score < 0:
                score = scores[pair] = _pair_score(info, ib[j], speakers, aligned)
            if score > 0:
                scored.append((score, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    shared: list[QuoteMatch] = []
    for score, i, j in scored:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        kind, diff = _kind(a.quotes[i].text, b.quotes[j].text)
        shared.append(QuoteMatch(i, j, round(score, 4), kind, diff))
    # One to many: a quote is a piece of a quote of the other side when that side quotes the utterance
    # as one span where this side splits it ("act of terror" and "act of hate" against "act of terror
    # and an act of hate"), or quotes a phrase of it. Every such pair is a link too.
    linked = {(m.a, m.b) for m in shared}
    pieces: dict[tuple[int, int], bool] = {}
    extra: Counter[tuple[Side, int]] = Counter()
    for score, i, j in scored:
        if (i, j) in linked:
            continue
        if len(ia[i].keys) != len(ib[j].keys):
            a_piece = len(ia[i].keys) < len(ib[j].keys)
        elif (i in used_a) == (j in used_b):
            continue  # the same words on both sides, both matched already (or neither): nothing to add
        else:
            # The same words quoted twice by one side: the repeat (the quote still unmatched) is the
            # piece, whichever side it is on, so that swapping A and B mirrors the result.
            a_piece = i not in used_a
        piece, whole = (ia[i], ib[j]) if a_piece else (ib[j], ia[i])
        wkey = (piece.wording, whole.wording)
        if wkey not in pieces:
            pieces[wkey] = _is_piece(piece, whole)
        if not pieces[wkey] or _speakers(a.quotes[i], b.quotes[j]) is False:
            continue
        if len(piece.content_set) < 2 and (i if a_piece else j) in (used_a if a_piece else used_b):
            continue  # one word ("prank") joins a second quote only when it has no match of its own
        own = (Side.A, i) if a_piece else (Side.B, j)
        if extra[own] >= _MAX_PIECE_LINKS:
            continue
        extra[own] += 1
        linked.add((i, j))
        used_a.add(i)
        used_b.add(j)
        kind, diff = _kind(a.quotes[i].text, b.quotes[j].text)
        shared.append(QuoteMatch(i, j, round(score, 4), kind, diff))
    shared.sort(key=lambda m: (m.a, m.b))
    only_a = tuple(i for i in range(len(a.quotes)) if i not in used_a)
    only_b = tuple(j for j in range(len(b.quotes)) if j not in used_b)
    paraphrased = _paraphrases(a, b, ia, only_a, Side.A, ga, gb, alignment)
    paraphrased += _paraphrases(b, a, ib, only_b, Side.B, gb, ga, alignment)
    return QuoteComparison(tuple(shared), only_a, only_b, tuple(paraphrased))


_MIN_PARA_WORDS = 5
_MIN_PARA_SCORE = 0.6


def _unquoted_keys(src: Source) -> list[set[str]]:
    """For each sentence, the content words it gives outside its own quotes."""
    texts: list[str] = []
    quotes = sorted((q.start, q.end) for q in src.quotes)
    qstarts = [q[0] for q in quotes]
    for s in src.sentences:
        if s.role is not Role.BODY:
            texts.append("")
            continue
        pieces, pos = [], s.start
        k = max(bisect.bisect_right(qstarts, s.start) - 1, 0)
        while k < len(quotes) and quotes[k][0] < s.end:
            qs, qe = quotes[k]
            if qe > pos:
                pieces.append(src.text[pos : max(pos, min(qs, s.end))])
                pos = max(pos, qe)
            k += 1
        pieces.append(src.text[pos : s.end] if pos < s.end else "")
        texts.append(" ".join(pieces))
    return [set(keys) - _STOPWORDS for keys in _keys_many(texts)]


def _paraphrases(
    quoting: Source,
    other: Source,
    infos: list[_QInfo],
    unmatched: Sequence[int],
    side: Side,
    g_quoting: dict[int, list[int]],
    g_other: dict[int, list[int]],
    alignment: Sequence[AlignedGroup],
) -> list[Paraphrase]:
    """Unshared quotes of ``quoting`` whose words ``other`` gives in a sentence, outside quote marks."""
    wanted = [i for i in unmatched if len(set(infos[i].content)) >= _MIN_PARA_WORDS]
    if not wanted:
        return []
    unquoted = _unquoted_keys(other)
    index: dict[str, list[int]] = defaultdict(list)
    for s, keys in enumerate(unquoted):
        for key in keys:
            index[key].append(s)
    other_side = Side.B if side is Side.A else Side.A
    out: list[Paraphrase] = []
    for i in wanted:
        content = set(infos[i].content)
        cands: set[int] = set()
        present = [k for k in content if k in index]
        for key in sorted(present, key=lambda k: len(index[k]))[:4]:
            posting = index.get(key, [])
            if len(posting) <= _MAX_POSTING * 4:
                cands.update(posting)
        for s in infos[i].sents:
            for g in g_quoting.get(s, ()):
                group = alignment[g]
                cands.update(group.b if side is Side.A else group.a)
        best: tuple[float, int] | None = None
        for s in cands:
            if s >= len(unquoted):
                continue
            hit = len(content & unquoted[s])
            score = hit / len(content)
            if hit >= _MIN_PARA_WORDS and score >= _MIN_PARA_SCORE and (best is None or score > best[0]):
                best = (score, s)
        if best is not None:
            out.append(Paraphrase(side, i, other_side, best[1], round(best[0], 4)))
    return out


__all__ = ["compare_quotes", "find_quotes"]

"""Tests for storydiff.segment: sentence splits, offsets, paragraphs and roles."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff import lang
from storydiff.model import Role, Sentence
from storydiff.segment import _CANDIDATE, MAX_SENTENCE_WORDS, segment, title_of

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).parent.parent / "samples"


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as f:
        return f.read()


def _texts(text: str) -> list[str]:
    return [s.text for s in segment(text)]


def _role_of(sentences: tuple[Sentence, ...], text: str, fragment: str) -> set[Role]:
    """Roles of every sentence overlapping the first occurrence of ``fragment``."""
    pos = text.index(fragment)
    return {s.role for s in sentences if s.start < pos + len(fragment) and s.end > pos}


def _check_invariants(text: str, sentences: tuple[Sentence, ...]) -> None:
    owner = [0] * len(text)
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert previous_end <= s.start < s.end <= len(text)
        assert s.text == text[s.start : s.end]
        assert not s.text[0].isspace() and not s.text[-1].isspace()
        previous_end = s.end
        for k in range(s.start, s.end):
            owner[k] += 1
    for k, ch in enumerate(text):
        if not ch.isspace():
            assert owner[k] == 1, (k, ch)
    paragraphs = [s.paragraph for s in sentences]
    assert paragraphs == sorted(paragraphs)


# --------------------------------------------------------------------------------------------------
# Sentence splits
# --------------------------------------------------------------------------------------------------

SPLITS = [
    pytest.param(
        "NATO met on Jan. 26 in Brussels. It was an emergency meeting.",
        ["NATO met on Jan. 26 in Brussels.", "It was an emergency meeting."],
        id="month-abbreviation",
    ),
    pytest.param(
        "Putin spoke to students in St. Petersburg on Monday. They listened.",
        ["Putin spoke to students in St. Petersburg on Monday.", "They listened."],
        id="saint",
    ),
    pytest.param(
        "The U.S. Attorney's Office filed charges. The U.S. State Department declined to comment.",
        ["The U.S. Attorney's Office filed charges.", "The U.S. State Department declined to comment."],
        id="u.s.-before-name",
    ),
    pytest.param(
        "The money went abroad, not to the U.S. The rest stayed home.",
        ["The money went abroad, not to the U.S.", "The rest stayed home."],
        id="u.s.-ending-sentence",
    ),
    pytest.param(
        "Mr. Hunter and Mrs. Hunter met Dr. Smith. Rep. Duncan Hunter, R-Calif., and his wife were charged.",
        [
            "Mr. Hunter and Mrs. Hunter met Dr. Smith.",
            "Rep. Duncan Hunter, R-Calif., and his wife were charged.",
        ],
        id="titles",
    ),
    pytest.param(
        "Sen. Cory Booker, Gov. Rod R. Blagojevich and Gen. Philip Breedlove spoke. Nobody else did.",
        ["Sen. Cory Booker, Gov. Rod R. Blagojevich and Gen. Philip Breedlove spoke.", "Nobody else did."],
        id="more-titles-and-initial",
    ),
    pytest.param(
        "He is ranked No. 3 in the state. Few are higher.",
        ["He is ranked No. 3 in the state.", "Few are higher."],
        id="number-prefix",
    ),
    pytest.param(
        "The judge set sentencing for June 28 at 2 p.m. Jackson will be free to go.",
        ["The judge set sentencing for June 28 at 2 p.m.", "Jackson will be free to go."],
        id="p.m.-ending-sentence",
    ),
    pytest.param(
        "The hearing starts at 9 a.m. Monday in Washington. It is public.",
        ["The hearing starts at 9 a.m. Monday in Washington.", "It is public."],
        id="a.m.-before-weekday",
    ),
    pytest.param(
        "UPDATE 2:52 p.m. -- Records showed $4,272.78 on a cruise and $5,587.75 on a retreat.",
        ["UPDATE 2:52 p.m. -- Records showed $4,272.78 on a cruise and $5,587.75 on a retreat."],
        id="time-and-decimals",
    ),
    pytest.param(
        "Growth slowed to 3.5 percent. Inflation rose.",
        ["Growth slowed to 3.5 percent.", "Inflation rose."],
        id="decimal",
    ),
    pytest.param(
        "She met Apple Inc. Chief Executive Tim Cook and Acme Co. staff. She also visited Acme Co. The firm"
        " declined comment.",
        [
            "She met Apple Inc. Chief Executive Tim Cook and Acme Co. staff.",
            "She also visited Acme Co.",
            "The firm declined comment.",
        ],
        id="company-suffixes",
    ),
    pytest.param(
        "Hunter's lawyer, Gregory A. Vega, wrote to Rod J. Rosenstein. Donald J. Trump did not reply.",
        ["Hunter's lawyer, Gregory A. Vega, wrote to Rod J. Rosenstein.", "Donald J. Trump did not reply."],
        id="initials",
    ),
    pytest.param(
        "They filed F.E.C. reports late. The F.E.C. Chairman objected.",
        ["They filed F.E.C. reports late.", "The F.E.C. Chairman objected."],
        id="dotted-acronym",
    ),
    pytest.param(
        "Cesar Sayoc Jr., 56, of Aventura, Fla. Police arrested him on Friday.",
        ["Cesar Sayoc Jr., 56, of Aventura, Fla.", "Police arrested him on Friday."],
        id="state-after-town",
    ),
    pytest.param(
        "They appeared before a judge in Washington, D.C. Jackson's wife wept.",
        ["They appeared before a judge in Washington, D.C.", "Jackson's wife wept."],
        id="d.c.-after-city",
    ),
    pytest.param(
        "Jesse Jackson Jr. Pleads Guilty in Campaign Money Case",
        ["Jesse Jackson Jr. Pleads Guilty in Campaign Money Case"],
        id="jr-in-title",
    ),
    pytest.param(
        "He paused... Then he went on. She waited… Nothing happened.",
        ["He paused...", "Then he went on.", "She waited…", "Nothing happened."],
        id="ellipses",
    ),
    pytest.param(
        "We will ... continue the talks, he said.",
        ["We will ... continue the talks, he said."],
        id="ellipsis-mid-sentence",
    ),
    pytest.param(
        '"There is no NATO legion. The foreign forces in Ukraine are Russian," he said. Russia denied it.',
        [
            '"There is no NATO legion. The foreign forces in Ukraine are Russian," he said.',
            "Russia denied it.",
        ],
        id="straight-quote-with-attribution",
    ),
    pytest.param(
        "“We condemn this. It comes at great human cost,” Stoltenberg said. “The attack was launched.”",
        ["“We condemn this. It comes at great human cost,” Stoltenberg said.", "“The attack was launched.”"],
        id="curly-quote-with-attribution",
    ),
    pytest.param(
        "“Why? Because we can,” he said.",
        ["“Why? Because we can,” he said."],
        id="question-inside-attributed-quote",
    ),
    pytest.param(
        "“Why not?” Stoltenberg asked. Nobody answered.",
        ["“Why not?” Stoltenberg asked.", "Nobody answered."],
        id="question-then-attribution",
    ),
    pytest.param(
        "“Why would we ever do that?” Putin mused. Nobody answered.",
        ["“Why would we ever do that?” Putin mused.", "Nobody answered."],
        id="question-then-any-reporting-verb",
    ),
    pytest.param(
        '"It can be damaging." Hall agrees: "Research says so."',
        ['"It can be damaging."', 'Hall agrees: "Research says so."'],
        id="attribution-before-colon-opens-the-next-sentence",
    ),
    pytest.param(
        "“Is it true?” Her notes, it seems, were lost.",
        ["“Is it true?”", "Her notes, it seems, were lost."],
        id="verb-form-after-determiner-is-a-noun",
    ),
    pytest.param(
        'At one point he mouthed, "I\'m sorry." The former representative then left.',
        ['At one point he mouthed, "I\'m sorry."', "The former representative then left."],
        id="closing-quote-after-period",
    ),
    pytest.param(
        "It was labelled “Smiles for Life.” Theater tickets became “gift certificates.” Nobody noticed.",
        [
            "It was labelled “Smiles for Life.”",
            "Theater tickets became “gift certificates.”",
            "Nobody noticed.",
        ],
        id="closing-quotes-end-sentences",
    ),
    pytest.param(
        "The vote passed (by a wide margin.) Critics objected.",
        ["The vote passed (by a wide margin.)", "Critics objected."],
        id="closing-bracket",
    ),
    pytest.param(
        "Is it over? Yes! It is.",
        ["Is it over?", "Yes!", "It is."],
        id="question-and-exclamation",
    ),
    pytest.param(
        "1. The first point is this. 2. The second point is that.",
        ["1. The first point is this.", "2. The second point is that."],
        id="numbered-list-inline",
    ),
    pytest.param(
        "Headline Without A Period\nThe body starts here. It goes on.",
        ["Headline Without A Period", "The body starts here.", "It goes on."],
        id="headline-line-without-period",
    ),
    pytest.param(
        "Support our mission\nBRUSSELS — NATO has blamed Russia.",
        ["Support our mission", "BRUSSELS — NATO has blamed Russia."],
        id="line-without-punctuation",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_sentence_splits(text: str, expected: list[str]) -> None:
    """Tricky abbreviations, figures, ellipses, quotes and lines split where a reader would split."""
    assert _texts(text) == expected


def test_wrapped_paragraph_is_joined() -> None:
    """Hard-wrapped text is one paragraph whose sentences may cross line ends (Mr. at a line end too)."""
    text = _read(DATA / "segment_wrapped.txt")
    sentences = segment(text)
    _check_invariants(text, sentences)
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]
    assert sentences[2].text.startswith("Its\nchief, Mr. Stoltenberg, told")
    assert sentences[2].text.endswith("arming the separatists.")


def test_crlf_offsets() -> None:
    """Offsets index the text as given: \\r\\n line ends are neither translated nor counted twice."""
    text = "Title Line\r\n\r\nFirst sentence here. Second one.\r\nBy Jane Doe\r\n"
    sentences = segment(text)
    _check_invariants(text, sentences)
    assert [s.text for s in sentences] == ["Title Line", "First sentence here.", "Second one.", "By Jane Doe"]
    assert text[sentences[1].start : sentences[1].end] == "First sentence here."
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]


def test_empty_and_blank_text() -> None:
    """Empty or white-space-only input has no sentences and no title."""
    assert segment("") == ()
    assert segment(" \n\r\n\t ") == ()
    assert title_of(()) is None


# --------------------------------------------------------------------------------------------------
# Roles
# --------------------------------------------------------------------------------------------------

BODY_1 = "NATO on Monday rejected the claim that its troops are fighting in Ukraine, officials said."
BODY_2 = "Stoltenberg said the only foreign forces in the country belong to Russia and must leave."


def _furniture_cases() -> list[Any]:
    """The rule cases of every ``segment_furniture_<family>.json`` table, one param each, with ids
    ``family/case``: text, the fragment whose sentences are checked, their role and, for boilerplate,
    the rule that must have set them aside."""
    params = []
    for path in sorted(DATA.glob("segment_furniture_*.json")):
        family = path.stem.removeprefix("segment_furniture_")
        for case in json.loads(path.read_text(encoding="utf-8")):
            params.append(
                pytest.param(
                    case["text"],
                    case["fragment"],
                    Role(case["role"]),
                    case.get("reason"),
                    id=f"{family}/{case['id']}",
                )
            )
    return params


FURNITURE_CASES = _furniture_cases()


def test_furniture_tables_are_well_formed() -> None:
    """Every table case has a unique id, a fragment found once in its text, and a reason exactly
    when it expects boilerplate."""
    ids = [p.id for p in FURNITURE_CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 80
    for p in FURNITURE_CASES:
        text, fragment, role, reason = p.values
        assert text.count(fragment) >= 1, p.id
        assert (reason is not None) == (role is Role.BOILERPLATE), p.id


@pytest.mark.parametrize(("text", "fragment", "role", "reason"), FURNITURE_CASES)
def test_furniture_rules(text: str, fragment: str, role: Role, reason: str | None) -> None:
    """Page furniture is labelled boilerplate by the rule its table names; article text that resembles
    it keeps its role (body or headline) and has no reason."""
    sentences = segment(text)
    _check_invariants(text, sentences)
    start = text.index(fragment)
    hit = [s for s in sentences if s.start < start + len(fragment) and s.end > start]
    assert {s.role for s in hit} == {role}
    assert {s.reason for s in hit} == {reason}


def test_junk_page_roles() -> None:
    """A saved page with menus, share buttons, a credited caption and a copyright trailer keeps its story."""
    text = _read(DATA / "segment_junk_page.txt")
    sentences = segment(text)
    _check_invariants(text, sentences)
    assert title_of(sentences) == "NATO chief: Russia behind surge in Ukraine fighting"
    body = [s.text for s in sentences if s.role is Role.BODY]
    assert body[0].startswith("BRUSSELS (AP) — NATO's chief on Monday")
    assert body[-1].startswith("The alliance's military commander, Gen. Philip M. Breedlove")
    assert "Mr. Stoltenberg met Ukraine's ambassador, Ihor Dolhov, at 2 p.m. Monday in Brussels." in body
    for junk in (
        "Menu",
        "Share",
        "Print",
        "(AP Photo/Virginia Mayo)",
        "Story continues below",
        "All rights reserved",
    ):
        assert _role_of(sentences, text, junk) == {Role.BOILERPLATE}, junk
    assert _role_of(sentences, text, "By JOHN-THOR DAHLBURG") == {Role.BOILERPLATE}


# --------------------------------------------------------------------------------------------------
# Samples
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["moscow-times.txt", "stars-and-stripes.txt"])
def test_samples_coverage(name: str) -> None:
    """Every non-space character of each sample lies in exactly one trimmed, ordered sentence."""
    text = _read(SAMPLES / name)
    _check_invariants(text, segment(text))


def test_moscow_times_roles() -> None:
    """The Moscow Times sample: headline, byline, date, caption and URL lines are told from the story."""
    text = _read(SAMPLES / "moscow-times.txt")
    sentences = segment(text)
    assert title_of(sentences) == "NATO Backs Kiev, Criticizes Russia at Emergency Meeting on Ukraine"
    for junk in (
        "By The Moscow Times",
        "January 27, 2015",
        "NATO Secretary-General Jens Stoltenberg in Pristina Jan. 23, 2015",
        "Original url:",
        "https://www.themoscowtimes.com",
    ):
        assert _role_of(sentences, text, junk) == {Role.BOILERPLATE}, junk
    assert _role_of(sentences, text, "BRUSSELS — NATO has blamed") == {Role.BODY}
    legion = '"There is no NATO legion. The foreign forces in Ukraine are Russian," he said.'
    assert legion in [s.text for s in sentences]
    assert sum(1 for s in sentences if s.role is Role.BODY) == 12


def test_stars_and_stripes_roles() -> None:
    """The Stars and Stripes sample: captions (one printed twice), share and sign-up lines are boilerplate."""
    text = _read(SAMPLES / "stars-and-stripes.txt")
    sentences = segment(text)
    assert title_of(sentences) is None
    for junk in (
        "Support our mission",
        "NATO Secretary General Jens Stoltenberg meets the press",
        "2015. (NATO)",
        "twitter Email",
        "stars and stripes videos",
        "around the web",
        "Sign Up for Daily Headlines",
        "Sign-up to receive",
        "\nSign up",
    ):
        assert _role_of(sentences, text, junk) == {Role.BOILERPLATE}, junk
    body = [s for s in sentences if s.role is Role.BODY]
    assert body[0].text.startswith("NATO on Monday rejected")
    assert body[-1].text.startswith("“We urge all parties")
    assert "Putin had told students in St. Petersburg Monday" in body[3].text


def test_title_of_joins_only_the_first_headline_paragraph() -> None:
    """title_of returns the first headline paragraph's text, not a second title line."""
    text = (
        "Jackson Jr. Pleads Guilty\n\nFormer congressman admits spending campaign money\n\nHe wept. It ended."
    )
    sentences = segment(text)
    assert [s.role for s in sentences[:2]] == [Role.HEADLINE, Role.HEADLINE]
    assert title_of(sentences) == "Jackson Jr. Pleads Guilty"


def test_no_headline_when_text_starts_with_body() -> None:
    """A text that opens with a full sentence has no headline."""
    sentences = segment(f"{BODY_1}\n\n{BODY_2}")
    assert title_of(sentences) is None
    assert {s.role for s in sentences} == {Role.BODY}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Mr.",
                "U.S.",
                "p.m.",
                "Jan.",
                "No.",
                "3.5",
                "A.",
                "He",
                "said",
                "the",
                "“",
                "”",
                '"',
                "'",
                "(",
                ")",
                ".",
                "?",
                "!",
                "...",
                "…",
                ",",
                "—",
                " ",
                "  ",
                "\n",
                "\r\n",
                "\n\n",
                "\t",
                "\u00a0",
                "Share",
                "By",
                "Sign up",
                "http://x.y/z",
                "2015",
                "(NATO)",
                "NATO",
                "Advertisement",
                "said.",
            ]
        ),
        max_size=80,
    )
)
def test_coverage_invariant_on_random_text(parts: list[str]) -> None:
    """Whatever the input, sentences are ordered, trimmed, exact slices, and cover each character once."""
    text = "".join(parts)
    _check_invariants(text, segment(text))


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "  SHARE  ",
        "Share on Facebook",
        "12 comments",
        "Most Read",
        "Support our mission",
        "Sign-up",
        "Continue reading the main story",
        "İmage",
        "Related Coverage",
        "Share this article now please",
        "The storm killed 12 people.",
        "More",
        "more than 40,000 homes",
        "Follow us on Twitter",
        "Order Reprints",
        "Watch live",
        "",
        "—",
    ],
)
def test_fast_menu_line_check_agrees_with_the_full_pattern(line: str) -> None:
    """The phrase-set menu check is an optimisation of the full regular expression, nothing more."""
    from storydiff import segment as seg

    assert seg._nav_line(line) == bool(seg._nav_line_full().fullmatch(line))


@pytest.mark.parametrize(
    "sentence",
    [
        "Read more: the storm's aftermath",
        "Photo: Jane Doe/Reuters",
        "Sign up for our newsletter to get the headlines in your inbox.",
        "Follow us on Twitter for updates.",
        "This article originally appeared in The Atlantic.",
        "The article was published on Monday.",
        "The storm killed 12 people.",
        "Click here to subscribe.",
        "Copyright 2015 The Associated Press.",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "Subscribers only",
        "The mayor said the article was unfair.",
    ],
)
def test_fast_junk_opening_check_agrees_with_the_full_pattern(sentence: str) -> None:
    """The first-word dispatch of furniture openings gives what the single big pattern gives."""
    from storydiff import segment as seg

    assert seg._junk_start(sentence) == bool(seg._junk_start_full().match(sentence))


_CANDIDATE_PLAIN = re.compile(r"(\.(?:[ \u00a0]?\.){2,}|…+\.?|[.!?][.!?]*)([\"'”’»)\]]*)(?=\s)")
"""The sentence-end candidates as first written, without the look-behinds that keep them linear."""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=".!?… \u00a0x\"')\n", max_size=40))
def test_candidate_lookbehinds_change_no_match(text: str) -> None:
    """Trying a run of marks from its first mark only finds exactly what trying every mark found."""
    spans = [(m.span(), m.groups()) for m in _CANDIDATE.finditer(text)]
    assert spans == [(m.span(), m.groups()) for m in _CANDIDATE_PLAIN.finditer(text)]


def test_long_runs_of_marks() -> None:
    """Runs of 100,000 dots or question marks (leaders, ASCII art) segment, and in one pass."""
    for mark in ".?…":
        text = f"Contents{mark * 100_000}x\n\nChapter one begins here. It ends there."
        sentences = segment(text)
        _check_invariants(text, sentences)
        assert sentences[-1].text == "It ends there."


def test_overlong_sentences_are_cut_into_pieces() -> None:
    """Text without sentence punctuation becomes pieces of at most 150 words, cut at clause marks."""
    clause = "the minister said the troops would stay in the city until the talks resume; "
    text = clause * 100  # 1,400 words, no full stop
    sentences = segment(text)
    _check_invariants(text, sentences)
    lengths = [len(s.text.split()) for s in sentences]
    assert sum(lengths) == len(text.split())
    assert max(lengths) <= MAX_SENTENCE_WORDS
    assert all(s.text.endswith(";") for s in sentences[:-1])


def test_overlong_sentences_prefer_line_breaks() -> None:
    """A wrapped transcript without stops is cut where its lines break, before any comma."""
    line = "yes, we have been talking with the other side and we will go on talking with them"
    text = "\n".join([line] * 60)  # 17 words a line, read as one paragraph
    sentences = segment(text)
    _check_invariants(text, sentences)
    assert len(sentences) > 1
    for s in sentences:
        assert s.text.startswith("yes,") and s.text.endswith("them")
        assert len(s.text.split()) <= MAX_SENTENCE_WORDS


def test_sentences_of_news_length_are_never_cut() -> None:
    """A long but real sentence (120 words, no stop inside) stays one sentence."""
    words = ["word"] * 119 + ["end."]
    text = " ".join(words)
    assert [s.text for s in segment(text)] == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said it was over. "', ['He said it was over. "']),
        ('Mr.\u00a0"', ['Mr.\u00a0"']),
        ('" ) The vote passed. It was close.', ['" ) The vote passed.', "It was close."]),
        ("?! …", ["?! …"]),
    ],
)
def test_marks_alone_join_a_sentence(text: str, expected: list[str]) -> None:
    """A stray quote mark or bracket is never a sentence of its own: it joins its neighbour."""
    sentences = segment(text)
    _check_invariants(text, sentences)
    assert [s.text for s in sentences] == expected


# --------------------------------------------------------------------------------------------------
# Language data, CJK, invisible text
# --------------------------------------------------------------------------------------------------


def test_abbreviation_kinds_and_months() -> None:
    """Every abbreviation names one of the rules the splitter knows, and its months are months."""
    kinds = lang.mapping("abbreviations")
    assert set(kinds.values()) == {"title", "number", "month", "ambiguous", "state", "place"}
    months = {a for a, k in kinds.items() if k == "month"}
    assert months <= lang.words("months")
    assert {"mr", "gen", "u.s", "jan"} <= set(kinds)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "北约拒绝了这一说法。俄罗斯必须撤军！真的吗？",
            ["北约拒绝了这一说法。", "俄罗斯必须撤军！", "真的吗？"],
            id="chinese",
        ),
        pytest.param(
            "「行くぞ。」と彼は言った。次の文です。",
            ["「行くぞ。」と彼は言った。", "次の文です。"],
            id="japanese-quote-goes-on",
        ),
        pytest.param("“你好。”他说。我们走吧。", ["“你好。”他说。", "我们走吧。"], id="chinese-attribution"),
        pytest.param("He left. 他走了。She stayed.", ["He left.", "他走了。", "She stayed."], id="mixed"),
    ],
)
def test_cjk_full_stops_end_sentences(text: str, expected: list[str]) -> None:
    sentences = segment(text)
    _check_invariants(text, sentences)
    assert [s.text for s in sentences] == expected
    assert {s.role for s in sentences} == {Role.BODY}


@pytest.mark.parametrize("text", ["\u200b", "\u200b\u200c \n\n\ufeff\u00ad\u2060", " \u200d "])
def test_only_invisible_characters_is_no_article(text: str) -> None:
    """A text of only invisible characters has no headline or body sentence (its characters stay
    covered, as boilerplate with reason ``invisible``)."""
    sentences = segment(text)
    _check_invariants(text, sentences)
    assert all(s.role is Role.BOILERPLATE and s.reason == "invisible" for s in sentences)


_STORY = (
    "The council voted on Monday to rebuild the old bridge over the river after a long debate.",
    "Work would start in spring and take two years, the mayor told reporters outside the hall.",
    "Opponents said the cost had doubled since the plan was first drawn up three years ago.",
    "A regional grant and a loan from the state bank will pay for most of the construction.",
    "Shop owners near the crossing welcomed the vote but asked for help during the closures.",
)


def _article(k: int) -> str:
    paragraphs = [f"In town {k}, {line[0].lower()}{line[1:]}" for line in _STORY]
    return f"Town {k} Backs Bridge Plan\n\nPosted: 08/02/2013 11:10 am EDT\n\n" + "\n\n".join(paragraphs)


def test_several_articles_in_one_text_keep_their_prose() -> None:
    """A file holding several articles is not one article with a long tail of furniture: the prose
    of every article stays body, even after a line that reads like a comment section's heading."""
    text = _article(0) + "\n\nComments\n\nReply\n\n" + "\n\n".join(_article(k) for k in range(1, 12))
    sentences = segment(text)
    prose = [s for s in sentences if s.text.startswith("In town")]
    assert len(prose) == 12 * 5
    assert all(s.role is Role.BODY for s in prose), {s.reason for s in prose if s.role is not Role.BODY}

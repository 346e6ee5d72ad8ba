"""Tests for storydiff.segment: sentence splits, offsets, paragraphs and roles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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

ROLE_CASES = [
    pytest.param(
        f"Alliance Rejects Claim\n\nBy Jane Doe and John Roe\n\n{BODY_1}\n\n{BODY_2}",
        "By Jane Doe and John Roe",
        Role.BOILERPLATE,
        id="byline",
    ),
    pytest.param(
        f"Alliance Rejects Claim\n\nJanuary 27, 2015\n\n{BODY_1}",
        "January 27, 2015",
        Role.BOILERPLATE,
        id="dateline-alone",
    ),
    pytest.param(
        f"Alliance Rejects Claim\n\n{BODY_1}\n\nUpdated 3:15 p.m.\n\n{BODY_2}",
        "Updated 3:15 p.m.",
        Role.BOILERPLATE,
        id="updated-time",
    ),
    pytest.param(
        "Support our mission\nJens Stoltenberg meets the press on Jan. 26, 2015.\n"
        "Jens Stoltenberg meets the press on Jan. 26, 2015. (NATO)\n\n" + BODY_1,
        "Jens Stoltenberg meets the press on Jan. 26, 2015.",
        Role.BOILERPLATE,
        id="caption-printed-twice",
    ),
    pytest.param(
        "Support our mission\nJens Stoltenberg meets the press on Jan. 26, 2015.\n"
        "Jens Stoltenberg meets the press on Jan. 26, 2015. (NATO)\n\n" + BODY_1,
        "Jens Stoltenberg meets the press on Jan. 26, 2015. (NATO)",
        Role.BOILERPLATE,
        id="caption-with-credit",
    ),
    pytest.param(
        "Support our mission\n\n" + BODY_1,
        "Support our mission",
        Role.BOILERPLATE,
        id="slogan",
    ),
    pytest.param(
        f"Alliance Rejects Claim\n\nBy The Daily\n\nJens Stoltenberg in Pristina Jan. 23, 2015\n\n{BODY_1}",
        "Jens Stoltenberg in Pristina Jan. 23, 2015",
        Role.BOILERPLATE,
        id="caption-ending-in-date",
    ),
    pytest.param(
        f"{BODY_1}\n\nStoltenberg speaks in Brussels on Monday. (AP Photo/Virginia Mayo)\n\n{BODY_2}",
        "Stoltenberg speaks in Brussels on Monday.",
        Role.BOILERPLATE,
        id="caption-with-ap-credit",
    ),
    pytest.param(
        f"{BODY_1}\n\nPhoto: Jane Doe/Reuters\n\n{BODY_2}", "Photo:", Role.BOILERPLATE, id="photo-credit"
    ),
    pytest.param(f"{BODY_1}\n\nGetty Images\n\n{BODY_2}", "Getty Images", Role.BOILERPLATE, id="getty"),
    pytest.param(
        f"{BODY_1}\n\nImage caption\nStoltenberg at the meeting\n\n{BODY_2}",
        "Stoltenberg at the meeting",
        Role.BOILERPLATE,
        id="caption-after-label",
    ),
    pytest.param(
        f"{BODY_1}\n\ntwitter Email\n\n{BODY_2}", "twitter Email", Role.BOILERPLATE, id="share-line"
    ),
    pytest.param(f"{BODY_1}\n\nAdvertisement\n\n{BODY_2}", "Advertisement", Role.BOILERPLATE, id="advert"),
    pytest.param(
        f"{BODY_1}\n\nShare this article\n\n{BODY_2}",
        "Share this article",
        Role.BOILERPLATE,
        id="share-article",
    ),
    pytest.param(
        f"{BODY_1}\n\nFollow us on Twitter\n\n{BODY_2}", "Follow us on Twitter", Role.BOILERPLATE, id="follow"
    ),
    pytest.param(
        f"{BODY_1}\n\nRead more: Rebels push on Mariupol\n\n{BODY_2}",
        "Read more:",
        Role.BOILERPLATE,
        id="read-more",
    ),
    pytest.param(
        f"{BODY_1}\n\nRelated: Rebels push on Mariupol\n\n{BODY_2}",
        "Related:",
        Role.BOILERPLATE,
        id="related",
    ),
    pytest.param(
        f"{BODY_1}\n\nClick here to get the full report.\n\n{BODY_2}",
        "Click here",
        Role.BOILERPLATE,
        id="click-here",
    ),
    pytest.param(
        f"{BODY_1}\n\nSign Up for Daily Headlines\n\n"
        "Sign-up to receive a daily email of today's top news stories.\n"
        f"\nSign up\n\n{BODY_2}",
        "Sign-up to receive",
        Role.BOILERPLATE,
        id="sign-up",
    ),
    pytest.param(
        f"{BODY_1}\n\nSubscribe to our newsletter\n\n{BODY_2}", "Subscribe", Role.BOILERPLATE, id="newsletter"
    ),
    pytest.param(
        f"{BODY_1}\n\nWe use cookies to improve your experience. By continuing you accept our policy."
        f"\n\n{BODY_2}",
        "We use cookies",
        Role.BOILERPLATE,
        id="cookie-notice",
    ),
    pytest.param(
        f"{BODY_1}\n\n{BODY_2}\n\nReporting by Jane Doe; Editing by John Roe",
        "Reporting by",
        Role.BOILERPLATE,
        id="reuters-trailer",
    ),
    pytest.param(
        f"{BODY_1}\n\n{BODY_2}\n\n© 2015 The Daily. All rights reserved.",
        "© 2015",
        Role.BOILERPLATE,
        id="copyright",
    ),
    pytest.param(
        f"{BODY_1}\n\n{BODY_2}\n\nContact the author at jane@example.com.",
        "Contact the author",
        Role.BOILERPLATE,
        id="contact-author",
    ),
    pytest.param(
        f"{BODY_1}\n\n{BODY_2}\n\nThis article originally appeared on The Daily.",
        "This article originally",
        Role.BOILERPLATE,
        id="originally-appeared",
    ),
    pytest.param(
        f"{BODY_1}\n\nOriginal url:\n\nhttps://example.com/2015/01/27/nato -story-a1",
        "Original url:",
        Role.BOILERPLATE,
        id="original-url",
    ),
    pytest.param(
        f"{BODY_1}\n\nOriginal url:\n\nhttps://example.com/2015/01/27/nato -story-a1",
        "https://example.com",
        Role.BOILERPLATE,
        id="bare-url",
    ),
    pytest.param(
        f"{BODY_1}\n\n{BODY_2}\n\nstars and stripes videos\n\naround the web",
        "stars and stripes videos",
        Role.BOILERPLATE,
        id="trailing-menu",
    ),
    pytest.param(
        f"Alliance Rejects Claim\n\n{BODY_1}",
        "Alliance Rejects Claim",
        Role.HEADLINE,
        id="headline-first-line",
    ),
    # Negative cases: article content must stay body.
    pytest.param(
        f"Alliance Rejects Claim\n\nBRUSSELS — {BODY_1}", "BRUSSELS — NATO", Role.BODY, id="dateline-in-body"
    ),
    pytest.param(
        f"{BODY_1}\n\nShare prices fell 3 percent after the announcement, traders said.\n\n{BODY_2}",
        "Share prices fell",
        Role.BODY,
        id="body-starting-with-share",
    ),
    pytest.param(
        f"{BODY_1}\n\n“Follow the money,” the prosecutor told the jury.\n\n{BODY_2}",
        "Follow the money",
        Role.BODY,
        id="body-starting-with-follow",
    ),
    pytest.param(
        f"{BODY_1}\n\nBy Monday, the alliance had sent more troops to the region.\n\n{BODY_2}",
        "By Monday, the alliance",
        Role.BODY,
        id="body-starting-with-by",
    ),
    pytest.param(
        f"{BODY_1}\n\n“We will continue our mission,” Stoltenberg said.\n\n{BODY_2}",
        "We will continue our mission",
        Role.BODY,
        id="quote-mentioning-mission",
    ),
    pytest.param(
        f"{BODY_1}\n\n“We baked cookies for the troops and you could see they liked it,” she said."
        f"\n\n{BODY_2}",
        "We baked cookies",
        Role.BODY,
        id="quote-mentioning-cookies",
    ),
    pytest.param(
        f"{BODY_1}\n\nGetty Images said on Tuesday that it had licensed the photographs.\n\n{BODY_2}",
        "Getty Images said",
        Role.BODY,
        id="body-about-getty",
    ),
    pytest.param(
        f"{BODY_1}\n\n{BODY_2}\n\nHe declined.",
        "He declined.",
        Role.BODY,
        id="short-last-sentence",
    ),
    pytest.param(
        f"{BODY_1}\n\n{BODY_2}\n\nThe pair is due to be arraigned in court on Thursday",
        "The pair is due",
        Role.BODY,
        id="last-sentence-without-period",
    ),
    pytest.param(
        f"{BODY_1}\n\nThe charges include:\n- wire fraud and conspiracy\n- falsifying campaign records",
        "falsifying campaign records",
        Role.BODY,
        id="list-items-at-end",
    ),
    pytest.param(
        f"{BODY_1}\n\nPhotographs of the scene showed damaged buildings.\n\n{BODY_2}",
        "Photographs of the scene",
        Role.BODY,
        id="body-starting-with-photographs",
    ),
    pytest.param(
        f"{BODY_1}\n\nUPDATE 2:52 p.m. -- Records disclosed Wednesday showed more spending.\n\n{BODY_2}",
        "UPDATE 2:52",
        Role.BODY,
        id="update-with-content",
    ),
    pytest.param(
        f"{BODY_1}\n\nJane Doe is a reporter for The Daily, the prosecutor said.\n\n{BODY_2}",
        "Jane Doe is a reporter",
        Role.BODY,
        id="bio-like-sentence-inside-body",
    ),
]


HEAD = "Alliance Rejects Claim of Troops in Ukraine"

PAGE_JUNK_CASES = [
    pytest.param(
        f"Skip to content\nLog In\nToday's Paper\n\n{HEAD}\n\nBy Jane Doe\n\n{BODY_1}\n\n{BODY_2}",
        "Today's Paper",
        Role.BOILERPLATE,
        id="todays-paper-menu-entry",
    ),
    pytest.param(
        f"Advertisement\nSupported by\nContinue reading the main story\n\n{HEAD}\n\n{BODY_1}\n\n{BODY_2}",
        "Supported by",
        Role.BOILERPLATE,
        id="menu-entry-ending-in-connector-is-not-joined",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\nShare on Facebook Share on Twitter Share via Email\n\n{BODY_2}",
        "Share on Facebook",
        Role.BOILERPLATE,
        id="row-of-share-buttons",
    ),
    pytest.param(
        f"Share this with Facebook\n\nShare this with Email\n\n{HEAD}\n\n{BODY_1}\n\n{BODY_2}",
        "Share this with Email",
        Role.BOILERPLATE,
        id="share-this-with",
    ),
    pytest.param(
        f"POLITICS 02/20/2013 11:04 am ET Updated Feb 20, 2013\n\n{HEAD}\n\n{BODY_1}\n\n{BODY_2}",
        "POLITICS 02/20/2013",
        Role.BOILERPLATE,
        id="time-stamp-with-section-label",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\nElection 2018 Results\n\n{BODY_2}",
        "Election 2018 Results",
        Role.BODY,
        id="section-word-with-one-number-is-not-a-date",
    ),
    pytest.param(
        f"We use cookies to improve your experience. By continuing to browse you agree to our use of cookies."
        f"\n\n{HEAD}\n\n{BODY_1}\n\n{BODY_2}",
        "By continuing to browse",
        Role.BOILERPLATE,
        id="cookie-notice-second-sentence",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\nJane Roe outside the court in 2017.Credit...John Doe/Getty Images"
        f"\n\n{BODY_2}",
        "Jane Roe outside",
        Role.BOILERPLATE,
        id="caption-with-glued-credit",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\nJane Roe has long been divisive. Photograph: John Doe/Reuters\n\n{BODY_2}",
        "Jane Roe has long been divisive",
        Role.BOILERPLATE,
        id="caption-with-photograph-credit",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\nThe senator paid off the credit card debt last year.\n\n{BODY_2}",
        "credit card debt",
        Role.BODY,
        id="body-mentioning-credit",
    ),
    pytest.param(
        f"Video\n\nTop headlines for Oct. 26\n\nTop headlines for Oct. 26 are here. Check out the latest"
        f"\n\n{HEAD}\n\nBy Jane Doe\n\n{BODY_1}\n\n{BODY_2}",
        "Top headlines for Oct. 26 are here",
        Role.BOILERPLATE,
        id="teaser-card-repeating-its-title",
    ),
    pytest.param(
        f"Video\n\nTop headlines for Oct. 26\n\nTop headlines for Oct. 26 are here. Check out the latest"
        f"\n\n{HEAD}\n\nBy Jane Doe\n\n{BODY_1}\n\n{BODY_2}",
        HEAD,
        Role.HEADLINE,
        id="headline-after-teaser-card",
    ),
    pytest.param(
        f"Storm Hits the Coast\n\nStorm Hits the Coast, killing three people on Monday.\n\n{BODY_2}",
        "killing three people",
        Role.BODY,
        id="lead-repeating-headline-with-comma-stays-body",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\nRelated Coverage\n\nProsecutors Broaden Inquiry Into Spending\nJuly 5, 2018"
        f"\n\nEthics Panel Opens a Review\n\n{BODY_2}",
        "Ethics Panel Opens a Review",
        Role.BOILERPLATE,
        id="headline-list-under-related",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\nRelated Coverage\n\nEthics Panel Opens a Review\n\n{BODY_2}",
        "Stoltenberg said",
        Role.BODY,
        id="body-after-related-list-stays-body",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\n{BODY_2}\n\nJane Doe covers the Justice Department. She joined the paper in"
        f" 2015. @janedoe\n\nOrder Reprints | Today's Paper | Subscribe",
        "She joined the paper",
        Role.BOILERPLATE,
        id="bio-by-beat-after-article",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\nJane Doe covers the Justice Department for the paper, the memo said."
        f"\n\n{BODY_2}",
        "Jane Doe covers",
        Role.BODY,
        id="covers-sentence-inside-body",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\n{BODY_2}\n\nJane Roe is a Politics Reporter for Example News. Follow her on"
        " Twitter at @janeroe.",
        "Jane Roe is a Politics",
        Role.BOILERPLATE,
        id="bio-with-capitalised-job",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\n{BODY_2}\n\nSince you're here, we have a small favour to ask. More people"
        " are reading our journalism than ever.\n\nSupport Us",
        "small favour",
        Role.BOILERPLATE,
        id="reader-appeal-after-article",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\nThe paper said its journalism was independent, and asked a favour."
        f"\n\n{BODY_2}",
        "asked a favour",
        Role.BODY,
        id="appeal-words-inside-body",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\n{BODY_2}\n\nThis material may not be published, broadcast, rewritten, or"
        " redistributed. ©2018 Example Network, LLC. All rights reserved. Quotes displayed in real-time or"
        " delayed by at least 15 minutes.",
        "Quotes displayed",
        Role.BOILERPLATE,
        id="copyright-and-market-data-footer",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\nThe Guardian is a newspaper.\n\nAlso on HuffPost\n\n{BODY_2}",
        "Also on HuffPost",
        Role.BOILERPLATE,
        id="also-on-outlet",
    ),
    pytest.param(
        f"{HEAD}\n\n{BODY_1}\n\nA version of this article appears in print on Aug. 22, 2018, on Page A1."
        f"\n\n{BODY_2}",
        "A version of this article",
        Role.BOILERPLATE,
        id="print-version-note",
    ),
]


@pytest.mark.parametrize(("text", "fragment", "role"), PAGE_JUNK_CASES)
def test_page_junk_roles(text: str, fragment: str, role: Role) -> None:
    """Page-furniture forms (menus, share rows, captions, lists, bios, appeals) and their look-alikes."""
    sentences = segment(text)
    _check_invariants(text, sentences)
    assert _role_of(sentences, text, fragment) == {role}


@pytest.mark.parametrize(("text", "fragment", "role"), ROLE_CASES)
def test_roles(text: str, fragment: str, role: Role) -> None:
    """Page furniture is labelled boilerplate, and article sentences that resemble it are not."""
    sentences = segment(text)
    _check_invariants(text, sentences)
    assert _role_of(sentences, text, fragment) == {role}


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

"""The fixed split of ../shared/eval/dev that every benchmark reports: weights and thresholds are
chosen on TUNE only, HELD is reported apart (the helpers' brief; the closing notes quote both).

``GOLD_FILES`` names each gold file of an event folder with the two articles it compares.
"""

from __future__ import annotations

TUNE = (
    "2010-06-14-rep-etheridge-apologizes-grabbing-young-man",
    "2012-08-21-romney-urges-akin-drop-out-senate",
    "2015-03-29-mike-pence-seeks-legislation-clarify-religious",
    "2017-11-13-donald-trump-jr-messaged-wikileaks-during",
    "duncan-hunter-indictment",
    "sayoc-mail-bomb-arrest",
)
HELD = (
    "2011-06-01-weiner-denies-sending-photo",
    "2014-06-10-eric-cantor-defeated-david-brat",
    "2016-06-12-obama-comments-orlando-shooting",
    "2018-04-06-blake-farenthold-resigns-from-congress",
    "jackson-jr-guilty-plea",
)
GOLD_FILES = {
    "gold.json": ("a.txt", "b.txt"),
    "gold_a_c.json": ("a.txt", "c.txt"),
    "gold_b_c.json": ("b.txt", "c.txt"),
}

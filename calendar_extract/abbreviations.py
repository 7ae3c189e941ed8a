"""Is this dot a sentence end? Abbreviations ("Mr.", "Jan.", "p.m.", "U.S.") and initials are not.

Shared by the tagger (tense clauses) and the assembler (sentence splitting).
"""

from __future__ import annotations

import re

# Abbreviations that are (almost) never the last word of a sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt
    insp det jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri
    sat sun no nos vs etc e.g i.e cf al approx est dept univ inc ltd co corp bros ave blvd rd hwy
    fig figs vol ch sec art para op ed eds trans p pp del calif fla mass penn wash ariz colo conn
    ill ind kan mich minn miss mo neb nev okla ore tenn tex va vt wis wyo md
    """.split()
)
# Abbreviations that end a sentence when a capitalized ordinary word follows them ("at 5 p.m. The").
TIME_ABBREVIATIONS = frozenset({"a.m", "p.m", "am", "pm", "a.m.", "p.m."})
# Words after "a.m."/"p.m." that continue the sentence although capitalized (time-zone names).
_TZ_AFTER = re.compile(r"[A-Z]{1,5}\b|\(|GMT|UTC")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.?$")


def is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at `dot` belongs to an abbreviation or an initial, not a sentence end.

    Example: "at 4 p.m. EDT on Thursday" → the dots of "p.m." are not sentence ends.
    """
    match = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if match is None:
        return False
    word = match.group(1).lower().rstrip(".")
    if len(word) == 1 and text[match.start(1)].isupper():
        return True  # an initial: "E. Jean Carroll", "George W. Bush"
    if word in TIME_ABBREVIATIONS:
        follower = text[dot + 1 : dot + 64].lstrip()  # bounded: no copy of the rest of the text
        return bool(_TZ_AFTER.match(follower)) or not follower[:1].isupper()
    if "." in word and len(word) <= 6:
        return True  # "U.S.", "e.g.", "U.K."
    return word in ABBREVIATIONS

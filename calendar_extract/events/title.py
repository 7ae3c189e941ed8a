"""Calendar-entry titles built around a trigger: "European Council meeting",
"Phone call between the leaders", "Trump sentencing", "Travel to Dayton, Ohio"."""

from __future__ import annotations

import re

from calendar_extract.events.headings import HEADING
from calendar_extract.events.lexicon import EventLexicon
from calendar_extract.events.triggers import Token, Trigger, tokens

__all__ = ["event_title", "finish"]

Span = tuple[int, int]
_YEAR = re.compile(r"\b(?:1[89]|20|21)\d\d\b")
_SKIP_LEFT = frozenset({"own"})
_DETERMINERS = frozenset("the a an this that these those its his her their our my your".split())
_AUX = frozenset(
    "is are was were be been being will would shall has have had also now still then to set "
    "scheduled expected due already not no longer just reportedly".split()
)
_VERBISH = frozenset("going being having getting coming doing making taking trying".split())
_PREPOSITIONS = frozenset("near at in on from with for to by of into onto over under".split())
_VERB_TAIL = frozenset({"again", "the", "its", "their", "doors", "for", "down", "off", "up"})
_OBJECT_NOUNS = frozenset({"visit", "travel", "meeting", "match"})
_LINKS = {"visit": "to", "travel": "to", "meeting": "with", "match": "against"}


# "Fifth annual Willamette Riverlights Festival", "the 25th annual …": the edition is no part of the name.
_EDITION = re.compile(
    r"^(?:the\s+)?(?:\d{1,3}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|eleventh|twelfth|[a-z]+teenth|twentieth|thirtieth|fortieth|fiftieth|hundredth)\s+annual\s+(?=\S)",
    re.IGNORECASE,
)


def finish(title: str, lex: EventLexicon) -> str:
    """Tidy a title: drop years and doubled blanks, cut at a word under the limit, capitalize."""
    title = _YEAR.sub("", title)
    title = _EDITION.sub("", title)
    title = re.sub(r"\s+", " ", title).strip(" ,;:–—-")
    title = re.sub(r"\s+([,;:])", r"\1", title)
    if len(title) > lex.max_chars:
        title = title[: lex.max_chars].rsplit(" ", 1)[0].rstrip(" ,;:")
    return title[:1].upper() + title[1:]


def _blocked(tok: Token, blocked: tuple[Span, ...]) -> bool:
    return any(b[0] < tok.end and tok.start < b[1] for b in blocked)


def _left_modifiers(toks: tuple[Token, ...], lex: EventLexicon, blocked: tuple[Span, ...]) -> list[Token]:
    """Modifiers and owner to the left of a trigger noun, nearest last ("Bank of England")."""
    kept: list[Token] = []
    lowercase = 0
    for index in range(len(toks) - 1, -1, -1):
        tok = toks[index]
        year_of_name = tok.text.isdigit() and len(tok.text) == 4 and index > 0 and toks[index - 1].is_capitalized
        if not tok.is_word or (_blocked(tok, blocked) and not year_of_name) or len(kept) >= lex.max_left_words:
            break
        lower = tok.lower
        if lower in _SKIP_LEFT:
            continue
        if lower in lex.place_joiners and kept and index > 0 and toks[index - 1].is_capitalized:
            kept.append(tok)
            continue
        if lower in lex.stop_left and (not tok.is_capitalized or index == 0 or lower in _DETERMINERS):
            break
        if lower.endswith("ly") and not tok.is_capitalized and lower not in lex.ly_adjectives:
            break
        if index == 0 and tok.is_capitalized and lower in lex.not_place:
            break
        if not tok.is_capitalized:
            lowercase += 1
            if lowercase > 3:
                break
        kept.append(tok)
    kept.reverse()
    while kept and kept[0].lower in lex.place_joiners:
        kept.pop(0)
    return kept


def _right_phrase(text: str, end: int, limit: int, lex: EventLexicon, blocked: tuple[Span, ...]) -> str:
    """"between X and Y", "of the European Council", "with Macron" right after the trigger."""
    toks = tokens(text, end, limit)
    if len(toks) > 1 and toks[0].lower == "for" and toks[1].lower in lex.for_objects:
        return f"for {toks[1].text}"  # "Call for proposals"
    if len(toks) > 1 and toks[0].lower in {"on", "to"}:
        return _topic_or_place(text, toks, lex, blocked)
    if not toks or toks[0].lower not in ({"between", "of", "with", "against"} | lex.with_cues):
        return ""
    cue = toks[0].lower
    words: list[Token] = [toks[0]]
    for tok in toks[1:]:
        if not tok.is_word or _blocked(tok, blocked) or len(words) > 7:
            break
        if tok.lower in lex.stop_right and not (cue == "between" and tok.lower == "and"):
            break
        if cue != "between" and not tok.is_capitalized and tok.lower not in {"the", "of"}:
            break
        words.append(tok)
    while words and words[-1].lower in lex.stop_left:
        words.pop()
    if len(words) < 2:
        return ""
    return text[words[0].start : words[-1].end]


def _topic_or_place(text: str, toks: tuple[Token, ...], lex: EventLexicon, blocked: tuple[Span, ...]) -> str:
    """"on data protection" (up to three lower-case words before a verb), "to Lisbon" (a name)."""
    cue = toks[0].lower
    words: list[Token] = []
    for tok in toks[1:5]:
        if not tok.is_word or _blocked(tok, blocked) or tok.lower in lex.stop_right or tok.lower in _AUX:
            break
        if cue == "to" and not tok.is_capitalized:
            break
        if cue == "on" and (tok.is_capitalized or tok.lower in lex.stop_left):
            break
        words.append(tok)
    if not words or (cue == "on" and len(words) > 3):
        return ""
    return f"{cue} " + text[words[0].start : words[-1].end]


def _appositive_name(text: str, sent: Span, left_start: int, lex: EventLexicon) -> str:
    """"Hannover Messe, the big industrial show" → "Hannover Messe"."""
    before = text[sent[0] : left_start]
    match = re.search(
        r"((?:[A-Z][\w&'’.-]*\s+)*[A-Z][\w&'’.-]*),\s+(?:the|a|an)\s+$", before
    )
    if match is None or match.group(1).split()[0].lower() in lex.stop_left:
        return ""
    name = match.group(1)
    return name if len(name.split()) <= 5 else ""


def noun_title(text: str, trig: Trigger, sent: Span, blocked: tuple[Span, ...], lex: EventLexicon) -> str:
    """Title for a trigger noun: its modifiers and owner, then a short prepositional phrase."""
    left = _left_modifiers(tokens(text, sent[0], trig.start), lex, blocked)
    left_start = left[0].start if left else trig.start
    name = _appositive_name(text, sent, left_start, lex)
    if name:
        return finish(name, lex)
    words = [tok.text for tok in left]
    if trig.noun == "attempt" and trig.cls not in " ".join(words).lower():
        words.append(trig.cls)  # "backup attempt" → "backup launch attempt"
    head = " ".join([*words, trig.text])
    tail = _right_phrase(text, trig.end, sent[1], lex, blocked)
    return finish(f"{head} {tail}", lex)


_PRONOUNS = frozenset({"we", "i", "you", "they", "he", "she", "it", "this", "that", "there"})


def _subject(text: str, sent: Span, start: int, lex: EventLexicon, blocked: tuple[Span, ...]) -> str:
    """The capitalized name or short noun phrase right before a verbal trigger."""
    toks = [t for t in tokens(text, sent[0], start)]
    while toks and toks[-1].lower in _AUX:
        toks.pop()
    picked = _left_modifiers(tuple(toks), lex, blocked)
    if not picked or picked[-1].end != (toks[-1].end if toks else -1):
        return ""
    if any(t.lower in _VERBISH or t.lower.endswith("ed") and not t.is_capitalized for t in picked):
        return ""  # "going round locking": a verb phrase, not a subject
    if len(picked) == 1 and re.sub(r"['’].*", "", picked[0].lower) in _PRONOUNS:
        return ""  # "We're singing at …": no name
    while len(picked) > 1 and picked[0].text.isdigit():
        picked = picked[1:]  # "The 27 finance ministers reconvene" → "finance ministers"
    return text[picked[0].start : picked[-1].end]


def _object(text: str, trig: Trigger, sent: Span, lex: EventLexicon, blocked: tuple[Span, ...]) -> str:
    """A capitalized destination or partner after a visit/travel/meeting verb."""
    link = _LINKS.get(trig.noun, "")
    window = text[trig.end : sent[1]]
    pattern = rf"^\s*(?:[^,;.]*?\b{link}\s+)?(?:the\s+|his\s+|her\s+|their\s+|its\s+)?" if link else r"^\s*"
    match = re.match(pattern + r"((?:[A-Z][\w&'’.-]*(?:\s+(?:of|the|de)\s+|,?\s+|$))+)", window)
    if match is None:
        return ""
    name = match.group(1).strip(" ,")
    rest = re.match(r" ([a-z]+)", window[match.start(1) + len(match.group(1).rstrip()) :])
    if rest and rest.group(1) not in lex.stop_left | lex.stop_right | _PREPOSITIONS:
        return ""  # "his Ukrainian counterpart": an adjective, not a name
    for b in blocked:
        if trig.end + match.start(1) <= b[0] < trig.end + match.end(1):
            name = text[trig.end + match.start(1) : b[0]].strip(" ,")
    return name if 0 < len(name) <= 40 else ""


def _names_title(text: str, trig: Trigger, sent: Span, lex: EventLexicon, blocked: tuple[Span, ...]) -> str:
    """"Arsenal host Chelsea" → "Arsenal v Chelsea"."""
    subject = _subject(text, sent, trig.start, lex, blocked)
    window = text[trig.end : sent[1]]
    match = re.match(r"\s*((?:[A-Z][\w&'’.-]*)(?:\s+[A-Z][\w&'’.-]*){0,3})", window)
    if not subject or match is None:
        return ""
    return finish(f"{subject} v {match.group(1)}", lex)


def _coordinated_subject(text: str, sent: Span, trig: Trigger, lex: EventLexicon, blocked: tuple[Span, ...]) -> str:
    """"Registration opens on 2 February and closes on 30 April" → "Registration" for "closes"."""
    before = tokens(text, sent[0], trig.start)
    if not before or before[-1].lower not in {"and", "but", "then"}:
        return ""
    lead: list[Token] = []
    for tok in tokens(text, sent[0], trig.start):
        if not tok.is_word or tok.lower in _AUX or _blocked(tok, blocked) or len(lead) > 3:
            break
        if lex.verbs.match(text, tok.start) or lex.verbs.match(text[tok.start : tok.end]):
            break
        lead.append(tok)
    while lead and lead[0].lower in lex.stop_left:
        lead.pop(0)
    return text[lead[0].start : lead[-1].end] if lead and len(lead) <= 3 else ""


def _infinitive(text: str, trig: Trigger, sent: Span, lex: EventLexicon) -> str:
    """The verb after "is due to"/"is scheduled to": "… is due to touch down near …" → "touch down"."""
    if not trig.text.lower().endswith(" to"):
        return ""
    words = []
    for tok in tokens(text, trig.end, sent[1])[:3]:
        if not tok.is_word or tok.is_capitalized or tok.lower in lex.stop_right or tok.lower in _PREPOSITIONS:
            break
        words.append(tok.text)
    return " ".join(words)


_GOODS = re.compile(r"\b(tickets?|passes|seats|presale|pre-sales?|pre-orders?|preorders?|memberships?|"
                    r"season tickets|wristbands|day tickets)\b", re.IGNORECASE)


def _goods(text: str, sent: Span, end: int) -> str:
    """What goes on sale, named at the start of its clause ("Tickets for The Verandas' show … go on sale")."""
    clause = re.split(r"[;:]", text[sent[0] : end])[-1]
    found = _GOODS.search(clause)
    return found.group(1) if found else ""


def verb_title(text: str, trig: Trigger, sent: Span, blocked: tuple[Span, ...], lex: EventLexicon) -> str:
    """Title for a verbal trigger: "<Subject> <noun>", "<Noun> to/with <object>", "<Subject> opens"."""
    if lex.named_verbs.fullmatch(trig.text):
        named = _names_title(text, trig, sent, lex, blocked)
        if named:
            return named
    subject = _subject(text, sent, trig.start, lex, blocked) or _coordinated_subject(text, sent, trig, lex, blocked)
    if "on sale" in trig.text.lower():
        return finish(f"{_goods(text, sent, trig.start) or subject} on sale".strip(), lex)
    if trig.noun == "reopening":
        return finish(f"{subject} reopen{'' if subject.endswith('s') else 's'}" if subject else "reopening", lex)
    if trig.noun == "closure":
        return finish(f"{subject} closure" if subject else "closure", lex)
    if trig.noun in {"opening", "ending"} and subject:
        verb = next((w for w in reversed(trig.text.split()) if w.lower() not in _VERB_TAIL), trig.noun)
        return finish(f"{subject} {verb}", lex)
    if trig.noun in _OBJECT_NOUNS:
        target = _object(text, trig, sent, lex, blocked)
        if target:
            return finish(f"{trig.noun} {_LINKS[trig.noun]} {target}", lex)
    if subject and trig.generic:
        return finish(f"{subject} {_infinitive(text, trig, sent, lex)}".strip(), lex)
    if subject:
        return finish(f"{subject} {trig.noun}", lex)
    heading = re.match(r"\s*(?:our|the|a|an|this|their|its)?\s*((?:[A-Z][\w&'’.-]*)(?:\s+[A-Z][\w&'’.-]*){0,5})",
                     text[trig.end : sent[1]])
    if trig.generic and heading and heading.group(1).split()[0] not in lex.not_place:
        return finish(heading.group(1), lex)  # "Join us for our Spring Open House"
    return finish(trig.noun, lex)


def event_title(text: str, trig: Trigger, sent: Span, blocked: tuple[Span, ...], lex: EventLexicon) -> str:
    """The calendar title of the event announced by `trig` in the sentence `sent`."""
    if trig.kind == HEADING:
        return finish(trig.text, lex)
    if trig.kind == "noun":
        return noun_title(text, trig, sent, blocked, lex)
    if trig.cls == "deadline":
        return deadline_title(text, trig, sent, blocked, lex)
    return verb_title(text, trig, sent, blocked, lex)


def deadline_title(text: str, trig: Trigger, sent: Span, blocked: tuple[Span, ...], lex: EventLexicon) -> str:
    """"Returns due", "Deadline for taxpayers in Kentucky to file and pay"."""
    subject = _deadline_subject(text, sent, trig.start)
    if trig.text.lower().startswith(("due", "are due", "is due")) and subject:
        return finish(f"{subject} due", lex)
    if trig.text.lower().endswith(("close", "closes")):  # "Public submissions close"
        return finish(f"{subject} {trig.text}".strip(), lex)
    after = text[trig.end : sent[1]]
    goal = ""
    for cue in lex.deadline_objects:
        index = after.find(cue + " ")
        if index >= 0:
            goal = re.split(r"[,;.]|\s(?:to avoid|or|but|unless)\s", after[index:], maxsplit=1)[0]
            break
    parts = ["Deadline"] + ([f"for {subject}"] if subject else []) + ([goal] if goal else [])
    title = " ".join(parts)
    if len(title) > lex.max_chars:
        title = " ".join(["Deadline"] + ([goal] if goal else [f"for {subject}"]))
    return finish(title, lex)


def _deadline_subject(text: str, sent: Span, start: int) -> str:
    """The noun phrase before "have until"/"are due": back to the clause start, at most 8 words."""
    before = re.sub(r"\([^()]*\)", " ", text[sent[0] : start])  # "submissions (4 pages) are due"
    before = re.split(r"[,;:()–—]|\s-\s", before)[-1]
    words = [w for w in before.split() if w.lower() not in {"now", "still", "also", "must", "only"}]
    while words and words[0].lower() in {"the", "and", "but", "however", "so"}:
        words.pop(0)
    if not words or len(words) > 8 or words[0].lower() in {"they", "you", "we", "it", "he", "she", "i"}:
        return ""
    return " ".join(words)

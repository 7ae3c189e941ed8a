"""Events: TimeMentions + text → calendar Events (title, when, where, who, how sure).

Stages, in order (each one pure):
1. sentences.split_sentences: offsets of every sentence (abbreviations kept whole);
2. assemble.analyse + draft_events: each day-or-finer mention that attaches to a trigger in its
   sentence becomes a draft; coarse or vague dates on a trigger become Problems;
3. link: bare times complete an earlier all-day event; undated new events "during" a dated one
   inherit its day; "It will take place on …" borrows the event of the sentence before;
4. zones.place_zones: a timed event with no zone stated in the text takes its place's zone (its
   location, else the dateline), before the --timezone default (issue 4);
5. merge.merge_events: repeated mentions of one event fold into one; stable UIDs; sorted.
"""

from __future__ import annotations

from collections.abc import Sequence

from calendar_extract.events import (
    anchor, following, lexicon, link, listing, merge, neighbours, recur, resolve, venues, zones,
)
from calendar_extract.events.assemble import draft_events
from calendar_extract.events.attach import analyse
from calendar_extract.events.prepare import weekday_tenses
from calendar_extract.events.location import dateline
from calendar_extract.events.sentences import split_sentences
from calendar_extract.model import Context, Event, Problem, TimeMention

__all__ = ["assemble"]


def assemble(
    text: str, mentions: Sequence[TimeMention], ctx: Context, *, source: str
) -> tuple[tuple[Event, ...], tuple[Problem, ...]]:
    """Turn the time mentions of a text into calendar events.

    Args:
        text: the document text the mentions were found in.
        mentions: the tagger's mentions (offsets into `text`).
        ctx: reference date and default time zone.
        source: the document's source id, copied into every Event and Problem.

    Returns:
        (events, problems): events de-duplicated, with stable UIDs, in chronological order;
        problems for events whose date cannot be placed (reported with --verbose).

    Example: seed article, reference 2025-02-25 → "European Council meeting" 2025-03-06 (all day,
    Brussels, CONFIRMED, upcoming) and "Phone call between the leaders" 2025-02-25 (past).
    """
    lex = lexicon.load()
    sentences = split_sentences(text)
    mentions = recur.weekday_names(text, anchor.month_days(text, mentions), lex)
    tenses = weekday_tenses(text, sentences, mentions, lex)
    mentions = resolve.harmonize_weekdays(mentions, ctx, tenses)
    mentions = following.following_weeks(text, mentions, lex)  # after: it re-dates bare weekdays
    infos = analyse(text, sentences, mentions, lex)
    drafts, problems, loose = draft_events(text, infos, ctx, lex, source=source)
    drafts += link.borrow_subjects(text, infos, ctx, lex, source=source)
    drafts, loose = link.default_times(text, infos, drafts, loose)
    drafts = link.add_times(drafts, loose)
    drafts = link.sentence_times(infos, drafts, ctx)
    drafts = link.inherit_dates(text, infos, drafts, ctx, lex, source=source)
    drafts, moved = anchor.fit_weekdays(text, infos, drafts, ctx, lex, source=source)
    drafts = anchor.add_antecedents(text, infos, drafts, lex)
    problems += moved
    problems += link.vague_problems(text, infos, drafts, lex, source=source)
    series = recur.weekly_series(text, infos, ctx, lex, source=source)
    listed = listing.listing_events(text, infos, ctx, lex, source=source)
    lines = {e.evidence for e in listed}  # a listing line is read as listing entries only
    found = [d.event for d in drafts if d.event.evidence not in lines]
    place = dateline(text)
    events = link.with_dateline(found + series + listed, place)
    events = neighbours.neighbour_venues(text, sentences, events, place)
    events = venues.refine(text, sentences, events, place)  # venue lines, "the same venue", dateline towns
    events = zones.place_zones(text, events, mentions, ctx, dateline=place)
    kept, old = link.drop_historical(events, ctx, source=source)
    return merge.merge_events(kept), tuple(dict.fromkeys(problems + old))

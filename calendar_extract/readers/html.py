"""HTML pages → the article's main text and its publication date.

The main text comes from trafilatura (navigation, adverts and comments left out), with the page
title as its first line; a page trafilatura finds no article in falls back to all of its text.
The publication date comes from the page's metadata, read by htmldate (meta tags, JSON-LD,
`<time>` elements, URL), original rather than last-modified date.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

__all__ = ["Page", "fragment_text", "read_page"]

log = logging.getLogger(__name__)

_WHOLE_PAGE = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Page:
    """What an HTML page gives: its main text and, when the metadata has one, its publication day."""

    text: str
    published: dt.date | None


def read_page(html: str, source: str, *, url: str | None = None) -> Page:
    """Main text and publication date of an HTML page (broken markup is read as well as it goes)."""
    import trafilatura  # imported only for HTML input: it pulls in lxml

    if not _WHOLE_PAGE.search(html):
        html = f"<html><body>{html}</body></html>"  # a fragment ("<p>… 6 March …</p>")
    from lxml.etree import LxmlError

    try:  # no deduplicate=True: trafilatura keeps its seen-text cache across calls, so a page read
        # twice in one process (a feed, a folder of similar pages, a cron run) lost its text
        xml = trafilatura.extract(spell_out_times(html), url=url, output_format="xml", include_comments=False,
                                  include_tables=True, favor_recall=True)
    except (LxmlError, ValueError) as exc:  # hostile markup can break the parser underneath
        log.info("%s: the page could not be parsed as an article (%s)", source, exc)
        xml = None
    text = _blocks(xml) if xml else ""
    title = _title(html)
    if not text.strip():
        log.info("%s: no article found, reading all of the page's text", source)
        text = _all_text(html)
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    return Page(text=text, published=_published(html, url))


# <time datetime="2025-06-14T19:30">Saturday</time>: the machine-readable value is exact.
_TIME_ELEMENT = re.compile(r"<time\b[^>]*?\bdatetime\s*=\s*[\"']([^\"']+)[\"'][^>]*>(.*?)</time>",
                           re.IGNORECASE | re.DOTALL)


def spell_out_times(html: str) -> str:
    """Each <time datetime=…> element's text replaced by its exact value in words ("Saturday" →
    "Saturday 14 June 2025 at 19:30"), so a bare weekday or "tonight" in the page is no guess."""
    from dateutil.parser import isoparse

    def spelled(match: re.Match[str]) -> str:
        raw = match.group(1).strip()
        try:
            value = isoparse(raw)
        except (ValueError, OverflowError):
            return match.group(0)
        words = f"{value:%A} {value.day} {value:%B %Y}"
        if "T" in raw and len(raw) > len("2025-06-14T"):
            words += f" at {value:%H:%M}"
        return match.group(0)[: match.start(2) - match.start(0)] + words + "</time>"

    return _TIME_ELEMENT.sub(spelled, html)


_BLOCKS = frozenset({"p", "head", "item", "row", "quote"})


def _blocks(xml: str) -> str:
    """trafilatura's XML as text: a blank line between blocks (paragraphs, headings, list items,
    table rows), a line break for <lb/>, table cells joined by " | " (listings keep their shape)."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(xml.replace("<lb/>", "\n"))
    except ElementTree.ParseError:
        return ""
    blocks = []
    for element in root.iter():
        if element.tag not in _BLOCKS or any(True for _ in element.iter("p")) and element.tag != "p":
            continue
        if element.tag == "row":
            text = " | ".join("".join(cell.itertext()).strip() for cell in element)
        else:
            text = "".join(element.itertext())
        text = "\n".join(line.strip() for line in text.split("\n")).strip()
        if text:
            blocks.append(text)
    return "\n\n".join(blocks)


# Elements that stand on lines of their own in a fragment's text.
_FRAGMENT_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "ul", "ol", "dl", "dt",
                    "dd", "blockquote", "pre", "section", "article", "header", "footer", "figure", "figcaption",
                    "address", "hr")
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")


def fragment_text(html: str) -> str:
    """The text of an HTML fragment that is all content, such as a feed entry (trafilatura would
    drop text outside paragraphs and run a short entry's blocks together): one block per paragraph,
    a line break for <br>, no scripts or styles.

    Example: "<p>Open day</p>Bare text<br>next line" → "Open day\n\nBare text\nnext line".
    """
    from lxml import etree
    from lxml import html as lxml_html

    html = _XML_UNSAFE.sub(" ", html)  # lxml refuses NUL and other C0 controls in text it sets
    try:
        root = lxml_html.fragment_fromstring(spell_out_times(html), create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*_FRAGMENT_BLOCKS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in str(root.text_content()).split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def _all_text(html: str) -> str:
    """All of a page's text (trafilatura's html2txt), else its text as a fragment's."""
    import trafilatura
    from lxml.etree import LxmlError

    try:
        return trafilatura.html2txt(html) or ""
    except (LxmlError, ValueError):
        return fragment_text(html)


def _title(html: str) -> str | None:
    import trafilatura
    from lxml.etree import LxmlError

    try:
        metadata = trafilatura.extract_metadata(html)
    except (LxmlError, ValueError):
        return None
    title = metadata.title if metadata is not None else None
    return title.strip() if title else None


def _published(html: str, url: str | None) -> dt.date | None:
    from htmldate import find_date

    try:
        found = find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d", extensive_search=False)
    except (ValueError, TypeError):  # htmldate raises on some malformed documents
        return None
    return dt.date.fromisoformat(found) if found else None

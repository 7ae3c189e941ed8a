"""HTML pages (readers/html.py): the article's text without navigation, adverts and comments, and
the publication date from the page's metadata as the reference date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from calendar_extract.cli import cli
from calendar_extract.readers import read_document
from calendar_extract.readers.formats import Format

PAGE = Path(__file__).parent.parent / "fixtures" / "inputs" / "news-page.html"
NOW = dt.datetime(2030, 1, 1, 12, 0)


def test_main_text_without_navigation_adverts_and_comments() -> None:
    document = read_document(str(PAGE), reference=None, timezone=None, now=NOW)
    assert document.text.startswith("EU leaders to meet on Ukraine")
    assert "special summit in Brussels on 6 March" in document.text
    assert "Ukraine\u2019s president" in document.text  # Windows-1252 page, entity decoded
    for noise in ("pub quiz", "Subscribe now", "Newsletter signup", "Events calendar"):
        assert noise not in document.text


def test_publication_date_from_metadata_is_the_reference() -> None:
    document = read_document(str(PAGE), reference=None, timezone=None, now=NOW)
    assert document.reference == dt.datetime(2025, 2, 25)
    assert "metadata" in document.reference_basis


def test_reference_date_option_wins_over_metadata() -> None:
    document = read_document(str(PAGE), reference=dt.datetime(2025, 3, 1), timezone=None, now=NOW)
    assert document.reference == dt.datetime(2025, 3, 1)


def test_events_of_the_page(tmp_path: Path) -> None:
    out = tmp_path / "page.ics"
    result = CliRunner().invoke(cli, ["extract", str(PAGE), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    ics = out.read_text()
    assert "DTSTART;TZID=Europe/Brussels:20250306T100000" in ics
    assert "20250227" not in ics and "20250302" not in ics  # the comment's quiz, the footer's signup


@pytest.mark.parametrize("html", [
    "<html><body><p>The summit is on <b>6 March 2025</b>.<div><span>Unclosed",  # broken, truncated
    "<p>The summit is on 6 March 2025.</p>",  # a fragment, no article
    "<html><head><title>Summit</title></head><body><table><tr><td>6 March 2025</td><td>Summit in Brussels",
])
def test_broken_or_bare_html_still_reads(tmp_path: Path, html: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(html)
    document = read_document(str(page), reference=None, timezone=None, now=NOW)
    assert "6 March 2025" in document.text and "<" not in document.text


def test_forced_text_format_keeps_the_markup(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>The summit is on 6 March 2025.</p>")
    document = read_document(str(page), reference=None, timezone=None, now=NOW, input_format=Format.TEXT)
    assert document.text.startswith("<p>")


def test_page_without_text_is_a_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title></title></head><body><script>var x = 1;</script></body></html>")
    result = CliRunner().invoke(cli, ["extract", str(page), "-q"])
    assert result.exit_code == 1
    assert "html input without any text" in result.stderr and "Traceback" not in result.stderr


def test_listing_page_keeps_its_blocks_and_line_breaks(tmp_path: Path) -> None:
    page = tmp_path / "listing.html"
    page.write_text("<html><head><title>What's on</title></head><body><nav><a href='/'>Home</a></nav><main>"
                    "<p>THU 1 MAR | 8:00PM<br>Baroque Evenings: Handel &amp; Telemann<br>HK$180 / 280</p>"
                    "<p>SAT 3 MAR | 3:00PM<br>Family Concert: Peter and the Wolf<br>HK$120</p>"
                    "<table><tr><td>Fri 9 Mar</td><td>Chamber music</td></tr></table></main></body></html>")
    text = read_document(str(page), reference=dt.datetime(2018, 2, 26), timezone=None, now=NOW).text
    assert "THU 1 MAR | 8:00PM\nBaroque Evenings: Handel & Telemann\nHK$180 / 280\n\nSAT 3 MAR" in text
    assert "Fri 9 Mar | Chamber music" in text


def test_time_elements_are_read_by_their_exact_value(tmp_path: Path) -> None:
    page = tmp_path / "event.html"
    page.write_text("<html><head><title>Choir</title></head><body><article><p>The choir sings on "
                    '<time datetime="2025-06-14T19:30">Saturday</time> at the Konzerthaus, and again '
                    '<time datetime="2025-06-21">next week</time>.</p></article></body></html>')
    text = read_document(str(page), reference=dt.datetime(2025, 6, 2), timezone=None, now=NOW).text
    assert "Saturday 14 June 2025 at 19:30" in text and "Saturday 21 June 2025" in text


def test_unreadable_time_element_is_left_alone() -> None:
    from calendar_extract.readers.html import spell_out_times

    html = '<p><time datetime="soon">Saturday</time></p>'
    assert spell_out_times(html) == html


def test_a_page_read_again_in_one_process_gives_the_same_text() -> None:
    """trafilatura's deduplication kept state across calls: the second reading lost the article."""
    from calendar_extract.readers.html import read_page

    html = PAGE.read_text(encoding="cp1252", errors="replace")
    first = read_page(html, "a").text
    assert all(read_page(html, f"again {n}").text == first for n in range(5))

"""Fetching URL sources (readers/fetch.py) from a local HTTP server on 127.0.0.1, never the internet."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from calendar_extract.cli import cli
from calendar_extract.errors import InputError
from calendar_extract.readers.fetch import USER_AGENT, FetchSettings, fetch, url_of

FEED = (Path(__file__).parent.parent / "fixtures" / "inputs" / "press.rss").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        type(self).seen.append({k: v for k, v in self.headers.items()})
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/missing":
            self.send_error(404, "Not Found")
            return
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        body = FEED if self.path != "/big" else b"x" * 5000
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_forms() -> None:
    assert url_of("feed:https://example.org/rss") == "https://example.org/rss"
    assert url_of("https://example.org/a.html") == "https://example.org/a.html"
    assert url_of("feed://example.org/rss") == "https://example.org/rss"
    assert url_of("news/press.rss") is None and url_of("feed:press.rss") is None


def test_conditional_get_serves_an_unchanged_feed_from_the_cache(server: str, tmp_path: Path) -> None:
    settings = FetchSettings(cache_dir=tmp_path)
    assert fetch(f"feed:{server}/press.rss", settings) == FEED
    assert fetch(f"{server}/press.rss", settings) == FEED  # 304 → the cached body
    first, second = _Handler.seen
    assert first["User-Agent"] == USER_AGENT and "If-None-Match" not in first
    assert second["If-None-Match"] == '"v1"'


@pytest.mark.parametrize(("path", "settings", "message"), [
    ("/big", FetchSettings(max_bytes=1000), "larger than 1,000 bytes"),
    ("/missing", FetchSettings(), "HTTP 404"),
    ("/slow", FetchSettings(timeout=0.3), "cannot fetch"),
])
def test_fetch_failures_are_one_line_errors(server: str, path: str, settings: FetchSettings, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        fetch(server + path, settings)
    assert "\n" not in str(info.value)


def test_no_server_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="cannot fetch"):
        fetch("http://127.0.0.1:9/feed", FetchSettings(timeout=2))


def test_cli_reads_a_feed_url(server: str, tmp_path: Path) -> None:
    out = tmp_path / "press.ics"
    result = CliRunner().invoke(cli, ["extract", f"feed:{server}/press.rss", "-o", str(out), "-q",
                                      "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.stderr
    assert "20250712" in out.read_text()
    assert any((tmp_path / "cache").iterdir())  # validators kept for the next cron run

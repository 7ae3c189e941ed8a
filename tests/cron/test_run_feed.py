"""`run` over a feed URL on a local server: conditional GET from the config's cache, and a feed that
is down keeps the events it gave."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from calendar_extract.cron.config import load_config
from calendar_extract.cron.run import run

FEED = (Path(__file__).resolve().parents[1] / "fixtures" / "inputs" / "press.rss").read_bytes()
CLOCK = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.timezone.utc)


class _Feed(BaseHTTPRequestHandler):
    requests: list[str] = []
    down = False

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        type(self).requests.append(self.headers.get("If-None-Match") or "")
        if type(self).down:
            self.send_error(503, "Service Unavailable")
            return
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(FEED)))
        self.end_headers()
        self.wfile.write(FEED)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def feed_url() -> Iterator[str]:
    _Feed.requests, _Feed.down = [], False
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/press.rss"
    httpd.shutdown()
    httpd.server_close()


def test_a_feed_is_fetched_conditionally_and_a_feed_that_is_down_keeps_its_events(tmp_path: Path,
                                                                                   feed_url: str) -> None:
    config_path = tmp_path / "cron.toml"
    config_path.write_text(f'output = "public/events.ics"\nremoved = "drop"\n[[sources]]\nfeed = "{feed_url}"\n',
                           encoding="utf-8")
    config = load_config(config_path)
    first = run(config, clock=lambda: CLOCK)
    assert first.new_events >= 1 and not first.errors
    calendar = (tmp_path / "public" / "events.ics").read_bytes()
    assert list((tmp_path / "public" / ".events.cache").iterdir())  # the config's own fetch cache
    again = run(config, clock=lambda: CLOCK)
    assert not again.eventful and _Feed.requests == ["", '"v1"']  # 304: served from the cache
    _Feed.down = True
    down = run(config, clock=lambda: CLOCK)
    assert len(down.errors) == 1 and "503" in down.errors[0]
    assert (tmp_path / "public" / "events.ics").read_bytes() == calendar  # nothing dropped

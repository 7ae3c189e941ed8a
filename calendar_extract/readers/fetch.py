"""Fetch a URL source ("https://…", "feed:https://…") politely: a timeout, a size cap, an honest
User-Agent, and a conditional GET (ETag / Last-Modified) against a small cache, so cron runs do
not download an unchanged feed again.

The cache holds, per URL, the validators and the body of the last 200 response
(`<cache>/<sha1 of the URL>.json` and `.body`); a 304 answer is served from it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from calendar_extract import __version__
from calendar_extract.errors import InputError

__all__ = ["FetchSettings", "default_cache_dir", "fetch", "file_path", "is_url", "other_scheme", "url_of"]

USER_AGENT = f"calendar-extract/{__version__} (+https://pypi.org/project/calendar-extract/)"
SCHEMES = ("http://", "https://")


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How to fetch: seconds to wait, bytes to accept at most, where to keep validators."""

    timeout: float = 20.0
    max_bytes: int = 20_000_000
    cache_dir: Path | None = None


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/calendar-extract, else ~/.cache/calendar-extract."""
    from calendar_extract.files import cache_home

    return cache_home()


def is_url(source: str) -> bool:
    """True for "https://…", "http://…" and "feed:https://…" sources."""
    return url_of(source) is not None


def url_of(source: str) -> str | None:
    """The http(s) URL of a source, without a "feed:" prefix ("webcal://" is https); None for a path."""
    url = source[len("feed:") :] if source.startswith("feed:") else source
    url = "https://" + url[2:] if url.startswith("//") else url
    url = "https://" + url[len("webcal://") :] if url.lower().startswith("webcal://") else url
    return url if url.startswith(SCHEMES) else None


# "ftp://…", "data:…", "javascript:…": a scheme of two letters or more ("C:\…" is a Windows path).
_OTHER_SCHEME = re.compile(r"\A([A-Za-z][A-Za-z0-9+.-]+):")


def other_scheme(source: str) -> str | None:
    """The scheme of a URL we do not read (anything but http, https, webcal, file and our "feed:")."""
    match = _OTHER_SCHEME.match(source)
    if match is None or url_of(source) is not None:
        return None
    scheme = match.group(1).lower()
    return None if scheme in ("feed", "file") else scheme


def file_path(source: str) -> str | None:
    """The local path of a "file:" URL ("file:///srv/news/a.txt" → "/srv/news/a.txt"), else None."""
    if not source.lower().startswith("file:"):
        return None
    from urllib.parse import unquote, urlparse
    from urllib.request import url2pathname

    parsed = urlparse(source)
    if parsed.netloc not in ("", "localhost"):
        return None
    return url2pathname(unquote(parsed.path))


def fetch(source: str, settings: FetchSettings) -> bytes:
    """The body of a URL source (from the cache when the server says it has not changed).

    Raises:
        InputError: on a timeout, an HTTP error, a body over the size cap, or no connection.
    """
    url = url_of(source)
    if url is None:
        raise InputError(f"{source}: not an http(s) URL")
    import urllib.error  # here, not at import: most runs read files, and urllib.request is slow to load
    import urllib.request

    from calendar_extract.readers.redirects import opener

    cached = _cached(url, settings.cache_dir)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    if cached is not None:
        for header, key in (("If-None-Match", "etag"), ("If-Modified-Since", "last_modified")):
            if cached[0].get(key):
                request.add_header(header, cached[0][key])
    try:
        with opener().open(request, timeout=settings.timeout) as response:
            body: bytes = response.read(settings.max_bytes + 1)
            if len(body) > settings.max_bytes:
                raise InputError(f"{source}: larger than {settings.max_bytes:,} bytes (the limit set by "
                                 f"--max-bytes), not read")
            _store(url, settings.cache_dir, response.headers.get("ETag"), response.headers.get("Last-Modified"), body)
            return body
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the connection
        if exc.code == 304 and cached is not None:
            return cached[1]
        raise InputError(f"{source}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"{source}: cannot fetch ({reason})") from None


def _paths(url: str, cache_dir: Path) -> tuple[Path, Path]:
    key = hashlib.sha1(url.encode()).hexdigest()
    return cache_dir / f"{key}.json", cache_dir / f"{key}.body"


def _cached(url: str, cache_dir: Path | None) -> tuple[dict[str, str], bytes] | None:
    if cache_dir is None:
        return None
    meta, body = _paths(url, cache_dir)
    try:
        return json.loads(meta.read_text()), body.read_bytes()
    except (OSError, ValueError):
        return None


def _store(url: str, cache_dir: Path | None, etag: str | None, modified: str | None, body: bytes) -> None:
    """Keep the validators and body (atomically; a cache that cannot be written is skipped)."""
    if cache_dir is None or not (etag or modified):
        return
    meta, body_path = _paths(url, cache_dir)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for path, data in ((body_path, body), (meta, json.dumps({"url": url, "etag": etag or "",
                                                                 "last_modified": modified or ""}).encode())):
            with tempfile.NamedTemporaryFile(dir=cache_dir, delete=False) as handle:
                handle.write(data)
            os.replace(handle.name, path)
    except OSError:
        return

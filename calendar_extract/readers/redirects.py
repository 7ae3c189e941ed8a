"""The URL opener of readers.fetch: http and https only, redirects included (urllib alone would
follow a redirect to ftp:// or file://). Imported when a URL is fetched, not before."""

from __future__ import annotations

import functools
import urllib.error
import urllib.request
from typing import Any

from calendar_extract.readers.fetch import SCHEMES


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) URLs only."""

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        if not newurl.lower().startswith(SCHEMES):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-http(s) URL {newurl!r} refused",
                                         headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@functools.cache
def opener() -> urllib.request.OpenerDirector:
    """Built once: no network, only handler objects (http, https, redirects; no ftp, no file)."""
    return urllib.request.build_opener(_HttpOnlyRedirects)

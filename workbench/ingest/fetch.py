"""Fetch the pages of link records (a URL list, a GDELT or Media Cloud export), politely.

Nothing here runs unless the user asks (``load(..., fetch=True)``). Pages are downloaded with
trafilatura's public download API (:func:`trafilatura.downloads.fetch_response`, which also
fetches each host's ``robots.txt``), one request at a time, at most one request per
:attr:`FetchOptions.delay` seconds to a host (longer when its ``robots.txt`` asks for a
crawl delay), and never to a page that ``robots.txt`` disallows for our user agent. Every
failure becomes a load-report row naming the URL and the reason.
"""

from __future__ import annotations

import copy
import logging
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from workbench.records import RawRecord

__all__ = ["FetchOptions", "Fetcher"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FetchOptions:
    """How link records are fetched.

    Attributes:
        delay: Seconds between two requests to one host (trafilatura's ``SLEEP_TIME`` is 5).
        timeout: Seconds to wait for one response.
        user_agent: The User-Agent sent, also the name looked up in ``robots.txt``.
        respect_robots: Read each host's ``robots.txt`` and skip the pages it disallows.
        allow_private: Allow hosts on private or loopback addresses (an intranet, a local
            test server); off by default, as trafilatura's SSRF protection.
        max_redirects: Redirects followed per request.
    """

    delay: float = 5.0
    timeout: int = 30
    user_agent: str = "news-comparison-workbench (research; +https://pypi.org/project/news-comparison-workbench/)"
    respect_robots: bool = True
    allow_private: bool = False
    max_redirects: int = 2


@dataclass
class Fetcher:
    """Fetches link records one by one, keeping each host's robots rules and last request time."""

    options: FetchOptions = field(default_factory=FetchOptions)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _config: object = None

    def _trafilatura_config(self):
        if self._config is None:
            from trafilatura.settings import DEFAULT_CONFIG

            config = copy.deepcopy(DEFAULT_CONFIG)
            opts = self.options
            config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(int(opts.timeout)))
            config.set("DEFAULT", "USER_AGENTS", opts.user_agent)
            config.set("DEFAULT", "MAX_REDIRECTS", str(int(opts.max_redirects)))
            config.set("DEFAULT", "SSRF_PROTECTION", "off" if opts.allow_private else "on")
            config.set("DEFAULT", "INSECURE_SSL_FALLBACK", "off")
            self._config = config
        return self._config

    def _wait(self, host: str, delay: float) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def _get(self, url: str, host: str, delay: float):
        from trafilatura.downloads import fetch_response

        self._wait(host, delay)
        return fetch_response(url, decode=True, config=self._trafilatura_config())

    def _rules(self, scheme: str, host: str) -> urllib.robotparser.RobotFileParser | None:
        if host not in self._robots:
            rules = None
            response = self._get(f"{scheme}://{host}/robots.txt", host, self.options.delay)
            if response is not None and response.status == 200 and response.data:
                rules = urllib.robotparser.RobotFileParser()
                text = response.html or response.data.decode("utf-8", "replace")
                rules.parse(text.splitlines())
            self._robots[host] = rules  # None: no robots.txt, everything allowed
        return self._robots[host]

    def fetch(self, rec: RawRecord) -> RawRecord | dict:
        """Fetch one link record.

        Returns:
            An HTML :class:`RawRecord` carrying the link's fields (and ``fetched_at``, its
            crawl date), or a load-report row: ``failed`` with the reason, or ``skipped``
            when ``robots.txt`` disallows the page.
        """
        from workbench.ingest.readers import _fail
        from workbench.provenance import timestamp

        url = rec.content
        parts = urlsplit(url)
        host = parts.netloc.lower()
        if parts.scheme not in {"http", "https"} or not host:
            return _fail(rec.source_path, f"{rec.record}: not an http(s) URL: {url[:200]}",
                         rec.input_format, rec.byte_count, record=rec.record)
        delay = self.options.delay
        if self.options.respect_robots:
            rules = self._rules(parts.scheme, host)
            if rules is not None and not rules.can_fetch(self.options.user_agent, url):
                return _fail(rec.source_path, f"{rec.record}: not fetched, disallowed by "
                             f"{parts.scheme}://{host}/robots.txt: {url}", rec.input_format,
                             rec.byte_count, "skipped", rec.record)
            if rules is not None:
                delay = max(delay, float(rules.crawl_delay(self.options.user_agent) or 0))
        fetched_at = timestamp()
        response = self._get(url, host, delay)
        reason = None
        if response is None:
            reason = "no response (connection refused, timed out, or address not allowed)"
        elif response.status != 200:
            reason = f"HTTP status {response.status}"
        elif not (response.html or "").strip():
            reason = "empty or undecodable response"
        if reason:
            return _fail(rec.source_path, f"{rec.record}: fetch failed: {reason} for {url}",
                         rec.input_format, rec.byte_count, record=rec.record)
        meta = dict(rec.meta)
        extra = dict(meta.get("extra") or {})
        extra.update(fetched_at=fetched_at, fetched_url=response.url or url)
        meta["extra"] = extra
        meta.setdefault("record_url", url)
        return RawRecord(rec.source_path, response.html, "html", rec.input_format,
                         record=rec.record, byte_count=len(response.data or b""), meta=meta)

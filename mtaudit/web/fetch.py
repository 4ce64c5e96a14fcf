"""Polite HTTP fetching (httpx): timeouts, a size cap, bounded redirects, retries with backoff on 429/5xx,
robots.txt and a per-host rate limit. Every failure is a :class:`FetchError` naming the URL."""

from __future__ import annotations

import codecs
import email.utils
import re
import time
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mtaudit import __version__
from mtaudit.errors import InputError
from mtaudit.web.robots import RobotsRules
from mtaudit.web.urls import canonical_url, host_of

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"mtaudit/{__version__} (French machine-translation audit; httpx)"
ROBOTS_TOKEN = "mtaudit"
HTML_TYPES = ("text/html", "application/xhtml+xml")
LOOPBACK = ("all://127.0.0.1", "all://localhost", "all://[::1]")
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class FetchOptions:
    """How pages are fetched; the defaults are polite towards sites one does not own."""

    timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 1.0
    max_retry_wait: float = 60.0
    delay: float = 1.0
    respect_robots: bool = True
    user_agent: str = USER_AGENT

    def signature(self) -> dict[str, object]:
        """The settings that decide what is fetched, for the report signature."""
        return {
            "user_agent": self.user_agent,
            "timeout": self.timeout,
            "max_bytes": self.max_bytes,
            "robots_txt": self.respect_robots,
        }


class FetchError(InputError):
    """A URL that could not be fetched (or may not be): one line naming the URL and the problem.

    ``unreachable`` is True when no HTTP answer came at all (timeout, refused or dropped connection).
    """

    def __init__(self, source: str, problem: str, unreachable: bool = False) -> None:
        super().__init__(source, problem)
        self.unreachable = unreachable


class AlreadyFetched(Exception):
    """A redirect to a page already read in this run; ``url`` is that page."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


@dataclass
class Response:
    """A fetched resource: the final URL after redirects and its body, read up to the size cap."""

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    language: str | None = None

    def text(self) -> str:
        """The body decoded: the HTTP charset, else a <meta charset>, else UTF-8, else the best guess."""
        for encoding in (self.charset, _meta_charset(self.body)):
            if encoding and _known_encoding(encoding):
                return self.body.decode(encoding, errors="replace")
        try:
            return self.body.decode("utf-8-sig")
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(self.body).best()
            if best is None:
                raise FetchError(self.url, "the page's text encoding cannot be determined") from None
            return str(best)


@dataclass
class Fetcher:
    """Fetches URLs one at a time with one HTTP client; remembers robots.txt and request times per host."""

    options: FetchOptions = field(default_factory=FetchOptions)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        import httpx  # imported by the first fetch: audits of files need none

        self.client = httpx.Client(
            headers={"User-Agent": self.options.user_agent, "Accept-Language": "fr, *;q=0.5"},
            timeout=httpx.Timeout(self.options.timeout),
            follow_redirects=False,
            mounts=dict.fromkeys(LOOPBACK, None),  # never through an HTTP(S)_PROXY of the environment
        )
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, RobotsRules] = {}

    def close(self) -> None:
        """Close the HTTP connections."""
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(
        self, url: str, accept: tuple[str, ...] | None = HTML_TYPES, known: Container[str] = frozenset()
    ) -> Response:
        """GET ``url`` following redirects; raise FetchError when it fails, is disallowed or is too big.

        ``accept`` lists the media types wanted (None accepts any): another type is an error. A redirect
        to a URL in ``known`` (pages already read) raises :class:`AlreadyFetched` instead of following it.
        """
        return self._follow(canonical_url(url), accept, self.options.respect_robots, known)

    def _follow(
        self, url: str, accept: tuple[str, ...] | None, robots: bool, known: Container[str] = frozenset()
    ) -> Response:
        chain = [url]
        while True:
            if robots:
                self.check_allowed(url)
            response = self._get_with_retries(url, accept)
            if isinstance(response, Response):
                return response
            import httpx

            target = canonical_url(str(httpx.URL(url).join(response)))
            if target in chain:
                raise FetchError(chain[0], f"redirect loop ({' -> '.join([*chain, target])})")
            if len(chain) > self.options.max_redirects:
                raise FetchError(chain[0], f"more than {self.options.max_redirects} redirects")
            if target in known:
                raise AlreadyFetched(target)
            chain.append(target)
            url = target

    def check_allowed(self, url: str) -> None:
        """Raise FetchError when robots.txt forbids ``url`` (unless robots.txt is ignored)."""
        if not self.options.respect_robots:
            return
        rules = self.robots(url)
        if not rules.allows(url):
            raise FetchError(url, rules.refusal, rules.host_down)

    def robots(self, url: str) -> RobotsRules:
        """The robots.txt rules of ``url``'s host, fetched once per host."""
        origin = host_of(url)
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        return self._robots[origin]

    def _read_robots(self, origin: str) -> RobotsRules:
        try:
            response = self._follow(f"{origin}/robots.txt", None, robots=False)
        except FetchError as problem:
            if problem.problem.startswith("HTTP 4"):
                return RobotsRules.allow_all()  # no robots.txt: everything is allowed (RFC 9309)
            if problem.unreachable:
                return RobotsRules.unreachable(problem.problem)
            return RobotsRules.disallow_all(f"its robots.txt could not be read: {problem.problem}")
        return RobotsRules.parse(response.text(), ROBOTS_TOKEN)

    def _wait_turn(self, url: str) -> None:
        origin = host_of(url)
        delay = self.options.delay
        rules = self._robots.get(origin)
        if self.options.respect_robots and rules is not None and rules.crawl_delay is not None:
            delay = max(delay, min(rules.crawl_delay, self.options.max_retry_wait))
        last = self._last_request.get(origin)
        if last is not None:
            remaining = last + delay - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self._last_request[origin] = self.clock()

    def _get_with_retries(self, url: str, accept: tuple[str, ...] | None) -> Response | str:
        """One GET, retried on 429/5xx and dropped connections; a redirect returns its Location."""
        attempt = 0
        while True:
            try:
                return self._get_once(url, accept)
            except _Retryable as problem:
                if attempt >= self.options.retries:
                    tries = f" (after {attempt + 1} attempts)" if attempt else ""
                    raise FetchError(url, f"{problem.message}{tries}", problem.dropped) from None
                wait = problem.retry_after
                if wait is None:
                    wait = self.options.backoff * 2**attempt
                elif wait > self.options.max_retry_wait:
                    raise FetchError(
                        url, f"{problem.message}; the server asks to retry after {wait:.0f} s (too long)"
                    ) from None
                self.sleep(min(wait, self.options.max_retry_wait))
                attempt += 1

    def _get_once(self, url: str, accept: tuple[str, ...] | None) -> Response | str:
        import httpx

        self._wait_turn(url)
        started = self.clock()
        try:
            with self.client.stream("GET", url) as response:
                status = response.status_code
                if status in REDIRECT_STATUSES:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(url, f"HTTP {status} redirect without a Location")
                    return location
                if status in RETRY_STATUSES:
                    raise _Retryable(
                        f"HTTP {status} {response.reason_phrase}".rstrip(), _retry_after(response)
                    )
                if status >= 400:
                    raise FetchError(url, f"HTTP {status} {response.reason_phrase}".rstrip())
                media_type, charset = _content_type(response.headers.get("content-type", ""))
                if accept is not None and media_type and media_type not in accept:
                    raise FetchError(url, f"not an HTML page ({media_type})")
                body = self._read_body(url, response, started)
        except httpx.TimeoutException:
            raise FetchError(
                url, f"no answer within {self.options.timeout:g} s (see --timeout)", True
            ) from None
        except httpx.TooManyRedirects:
            raise FetchError(url, "too many redirects") from None
        except (httpx.RemoteProtocolError, httpx.ReadError) as problem:
            raise _Retryable(f"connection dropped ({problem})", dropped=True) from None
        except httpx.TransportError as problem:
            raise FetchError(url, f"cannot be fetched ({problem or type(problem).__name__})", True) from None
        except httpx.HTTPError as problem:
            raise FetchError(url, f"cannot be fetched ({problem or type(problem).__name__})") from None
        return Response(url, status, media_type, charset, body, response.headers.get("content-language"))

    def _read_body(self, url: str, response: httpx.Response, started: float) -> bytes:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(
                url, f"larger than the {limit:,}-byte limit ({int(declared):,} bytes; see --max-bytes)"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"larger than the {limit:,}-byte limit (see --max-bytes)")
            if self.clock() - started > self.options.timeout:
                import httpx

                raise httpx.ReadTimeout("total time limit")
            chunks.append(chunk)
        return b"".join(chunks)


class _Retryable(Exception):
    """A failure worth another try (429, 5xx, a dropped connection)."""

    def __init__(self, message: str, retry_after: float | None = None, dropped: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
        self.dropped = dropped  # the connection dropped: no HTTP answer


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), or None."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii") if match else None


def _known_encoding(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True

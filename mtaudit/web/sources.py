"""Web inputs as audit sources: one URL, the pages of a sitemap, or a breadth-first crawl.

A :class:`Source` is read when the audit reaches it (or a few pages ahead, :mod:`mtaudit.web.prefetch`),
so pages stream through the audit: a crawl holds URLs (queued and seen), never pages. Each canonical page
is fetched and audited once per run.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from mtaudit.ingest import Document, Source
from mtaudit.web.extract import HtmlReading, Page, extract_page, page_document
from mtaudit.web.fetch import AlreadyFetched, Fetcher, FetchError, FetchOptions
from mtaudit.web.prefetch import prefetched
from mtaudit.web.sitemap import sitemap_urls
from mtaudit.web.urls import canonical_url, is_url, resolve_link

DEFAULT_CRAWL_PAGES = 100

Notify = Callable[[str], None]


@dataclass(frozen=True)
class CrawlScope:
    """Which links a crawl follows: any web page, or only those on the start page's host."""

    start: str
    same_host: bool = False

    def follows(self, url: str) -> bool:
        """True when the crawl may queue ``url``."""
        return not self.same_host or urlsplit(url).netloc == urlsplit(self.start).netloc


class WebReader:
    """Fetches pages and turns them into audit documents; remembers which pages were already read."""

    def __init__(
        self,
        fetcher: Fetcher,
        reading: HtmlReading,
        max_chars: int,
        warn: Notify,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.reading = reading
        self.max_chars = max_chars
        self.warn = warn
        self.progress = progress
        self.seen: set[str] = set()  # canonical URLs fetched, their redirect targets and canonical links
        self.pages_fetched = 0  # pages requested (redirects and robots.txt aside)
        self.duplicates = 0  # pages found to be already read: same URL, redirect target or canonical link

    def url(self, url: str) -> Source:
        """The source for one URL given by the user."""
        return Source(url, lambda: self._read(url, url)[0])

    def sitemap(self, url: str, max_pages: int | None = None) -> Iterator[Source]:
        """Sources for the pages a sitemap (or sitemap index) lists, at most ``max_pages`` read."""
        budget = _Budget(self, max_pages)
        try:
            for page_url in sitemap_urls(self.fetcher, url, self.warn):
                if page_url in self.seen:
                    continue
                if budget.spent():
                    self.warn(f"{url}: more pages than --max-pages {max_pages}; the rest is skipped")
                    return
                yield Source(page_url, lambda page_url=page_url: self._read(page_url, page_url)[0])
        except FetchError as problem:
            yield Source.done(url, problem)

    def crawl(
        self, start: str, max_pages: int = DEFAULT_CRAWL_PAGES, same_host: bool = False
    ) -> Iterator[Source]:
        """Sources for the pages reached breadth-first from ``start``, at most ``max_pages`` read.

        Each source, once read, queues the page's links; links robots.txt forbids are skipped with a
        warning (they are not inputs the user asked for).
        """
        start = canonical_url(start)
        scope = CrawlScope(start, same_host)
        queue: deque[str] = deque([start])
        queued = {start}
        budget = _Budget(self, max_pages)

        def read_and_follow(url: str) -> Document | None:
            document, page = self._read(url, url)
            if page is None:
                return document
            base = page.link_base() or url
            for href in page.links:
                link = resolve_link(base, href)
                if link and link not in queued and link not in self.seen and scope.follows(link):
                    queued.add(link)
                    queue.append(link)
            return document

        while queue and not budget.spent():
            url = queue.popleft()
            if url in self.seen or (url != start and not self._allowed(url)):
                continue
            yield Source(url, lambda url=url: read_and_follow(url))
        if queue:
            self.warn(
                f"{start}: crawl stopped at --max-pages {max_pages}; {len(queue)} queued links not visited"
            )

    def _allowed(self, url: str) -> bool:
        try:
            self.fetcher.check_allowed(url)
        except FetchError as problem:
            self.warn(f"{problem}; not followed")
            return False
        return True

    def _read(self, name: str, url: str) -> tuple[Document | None, Page | None]:
        """Fetch and extract one page; (None, page or None) when it is a page already read in this run."""
        url = canonical_url(url)
        if url in self.seen:  # given twice: not fetched again
            self.warn(f"{name}: already read in this run; skipped")
            return None, None
        self.seen.add(url)
        self.pages_fetched += 1
        if self.progress is not None:
            self.progress(url)
        try:
            response = self.fetcher.fetch(url, known=self.seen)
        except AlreadyFetched as redirect:
            return self._duplicate(name, redirect.url), None
        page = extract_page(response.text(), response.url, self.reading.keep_all, response.language)
        duplicate = self._already_seen(response.url, page, url)
        if duplicate is not None:
            return self._duplicate(name, duplicate), page
        return page_document(name, page, self.reading, self.max_chars), page

    def _duplicate(self, name: str, original: str) -> None:
        """Count and report a fetched page that turned out to be ``original``, already read."""
        self.duplicates += 1
        self.warn(f"{name}: same page as {original}, already read in this run; skipped")

    def _already_seen(self, final_url: str, page: Page, requested: str) -> str | None:
        """The already-read URL this page duplicates (redirect target or canonical link), else None;
        records the page's own URLs as seen."""
        aliases = {final_url}
        if page.canonical:
            canonical = resolve_link(page.link_base(), page.canonical)
            if canonical:
                aliases.add(canonical)
        aliases.discard(requested)
        duplicate = next((alias for alias in sorted(aliases) if alias in self.seen), None)
        self.seen.update(aliases)
        return duplicate


@dataclass
class _Budget:
    """The pages one sitemap or crawl may read. Duplicates found only once fetched (redirects, canonical
    links) do not count, but fetches stop at twice the pages (a trap of endless aliases ends there)."""

    reader: WebReader
    max_pages: int | None
    fetched_before: int = field(init=False)
    duplicates_before: int = field(init=False)

    def __post_init__(self) -> None:
        self.fetched_before = self.reader.pages_fetched
        self.duplicates_before = self.reader.duplicates

    def spent(self) -> bool:
        """True when no more page may be read."""
        if self.max_pages is None:
            return False
        fetched = self.reader.pages_fetched - self.fetched_before
        pages = fetched - (self.reader.duplicates - self.duplicates_before)
        return pages >= self.max_pages or fetched >= 2 * self.max_pages


@dataclass(frozen=True)
class SiteRequest:
    """The sites to audit besides single URLs: sitemaps to read and start pages to crawl from."""

    sitemaps: tuple[str, ...] = ()
    crawls: tuple[str, ...] = ()
    max_pages: int | None = None
    same_host: bool = False

    def __bool__(self) -> bool:
        return bool(self.sitemaps or self.crawls)


def uses_web(inputs: list[str], sites: SiteRequest) -> bool:
    """True when the inputs include URLs or sites."""
    return bool(sites) or any(is_url(item) for item in inputs)


def reading_signature(
    inputs: list[str], sites: SiteRequest, reading: HtmlReading, fetching: FetchOptions
) -> dict[str, Any]:
    """How the inputs are read, for the records' signature: the HTML extraction, and for web inputs the
    fetching settings that decide what is fetched."""
    signature: dict[str, Any] = {"html": reading.signature()}
    if uses_web(inputs, sites):
        signature["web"] = fetching.signature()
    return signature


def open_reader(
    inputs: list[str],
    sites: SiteRequest,
    fetching: FetchOptions,
    reading: HtmlReading,
    max_chars: int,
    warn: Notify,
    stack: ExitStack,
) -> WebReader | None:
    """A web reader when the inputs include URLs or sites (its HTTP client closes with ``stack``), else None."""
    if not uses_web(inputs, sites):
        return None
    fetcher = stack.enter_context(Fetcher(fetching))
    return WebReader(fetcher, reading, max_chars, warn)


def all_sources(inputs: list[str], sites: SiteRequest, reader: WebReader | None) -> Iterator[str | Source]:
    """The inputs in order (files as paths, URLs as sources), then the sites' pages; web pages are read
    a few ahead of the audit in a background thread (:mod:`mtaudit.web.prefetch`)."""
    if reader is None:
        return iter(inputs)
    return prefetched(_in_order(inputs, sites, reader))


def _in_order(inputs: list[str], sites: SiteRequest, reader: WebReader) -> Iterator[str | Source]:
    for item in inputs:
        yield reader.url(item) if is_url(item) else item
    for sitemap in sites.sitemaps:
        yield from reader.sitemap(sitemap, sites.max_pages)
    for start in sites.crawls:
        yield from reader.crawl(start, sites.max_pages or DEFAULT_CRAWL_PAGES, sites.same_host)

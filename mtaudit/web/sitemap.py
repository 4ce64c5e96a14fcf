"""Sitemaps (sitemaps.org): the page URLs of a sitemap or a sitemap index, in XML or as text (one URL a
line), gzip-compressed or not. A site's address (its root or its robots.txt) stands for the sitemaps its
robots.txt lists, or ``/sitemap.xml`` when it lists none."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml import etree

from mtaudit.web.fetch import Fetcher, FetchError
from mtaudit.web.urls import canonical_url, host_of, is_url

MAX_SITEMAPS = 1000  # sitemaps read from one index tree at most (a loop or a runaway index stops here)
GZIP_MAGIC = b"\x1f\x8b"


def sitemap_urls(fetcher: Fetcher, url: str, warn, max_sitemaps: int = MAX_SITEMAPS) -> Iterator[str]:
    """Yield the page URLs listed by the sitemap at ``url``, following sitemap indexes depth-first.

    ``url`` may also name a whole site (:func:`is_site_address`): its robots.txt's sitemaps are read, or
    ``/sitemap.xml``. The sitemap given (or the site's ``/sitemap.xml``) raises FetchError when it cannot
    be read; a nested or listed sitemap that fails is reported with ``warn`` and skipped. URLs come out
    lazily, so a huge sitemap is never held whole.
    """
    given = canonical_url(url)
    starts = site_sitemaps(fetcher, given) if is_site_address(given) else [given]
    pending = list(reversed(starts))
    seen = set(pending)
    read = found = 0
    while pending and read < max_sitemaps:
        current = pending.pop()
        read += 1
        try:
            entries = _read_sitemap(fetcher, current)
        except FetchError as problem:
            if current == given:
                raise
            if starts == [default_sitemap(given)] and current == starts[0]:
                raise FetchError(url, f"no sitemap found: its robots.txt lists none and {problem}") from None
            warn(str(problem))
            continue
        found += 1
        nested = []
        for is_index, location in entries:
            if is_index:
                if location not in seen:
                    seen.add(location)
                    nested.append(location)
            else:
                yield location
        pending.extend(reversed(nested))
    if pending:
        warn(f"{url}: more than {max_sitemaps} sitemaps in the index; the rest is skipped")
    elif not found:
        raise FetchError(url, "none of the sitemaps its robots.txt lists could be read")


def is_site_address(url: str) -> bool:
    """True when ``url`` names a whole site, its root or its robots.txt, rather than a sitemap file."""
    parts = urlsplit(url)
    return parts.path in ("", "/", "/robots.txt") and not parts.query


def default_sitemap(url: str) -> str:
    """Where a site's sitemap is by convention: ``/sitemap.xml``."""
    return f"{host_of(url)}/sitemap.xml"


def site_sitemaps(fetcher: Fetcher, url: str) -> list[str]:
    """The sitemaps of ``url``'s site: those its robots.txt lists (read even with --ignore-robots), else
    the conventional ``/sitemap.xml``. Raises FetchError when the site does not answer."""
    rules = fetcher.robots(url)
    if rules.host_down:
        raise FetchError(url, rules.refusal, unreachable=True)
    listed = [canonical_url(location) for location in rules.sitemaps if is_url(location)]
    return listed or [default_sitemap(url)]


def _read_sitemap(fetcher: Fetcher, url: str) -> list[tuple[bool, str]]:
    """``(is_sitemap_index_entry, location)`` for each ``<loc>`` of one sitemap file."""
    response = fetcher.fetch(url, accept=None)
    body = response.body
    if body[:2] == GZIP_MAGIC:
        body = _gunzip(url, body, fetcher.options.max_bytes)
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as problem:
        lines = body.decode("utf-8", errors="replace").split()
        if lines and all(is_url(line) for line in lines):  # a text sitemap: one URL a line
            return [(False, canonical_url(line)) for line in lines]
        raise FetchError(url, f"not a sitemap: invalid XML ({problem})") from None
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise FetchError(url, f"not a sitemap (root element <{kind}>, expected <urlset> or <sitemapindex>)")
    entries = []
    for loc in root.iter("{*}loc"):
        location = (loc.text or "").strip()
        if is_url(location):
            entries.append((kind == "sitemapindex", canonical_url(location)))
    return entries


def _gunzip(url: str, body: bytes, limit: int) -> bytes:
    """Decompress a gzip body without ever holding more than ``limit`` bytes of output."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error as problem:
        raise FetchError(url, f"not a readable gzip file ({problem})") from None
    if len(out) > limit:
        raise FetchError(url, f"larger than the {limit:,}-byte limit once unzipped (see --max-bytes)")
    return out

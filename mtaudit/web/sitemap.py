"""Sitemaps (sitemaps.org): the page URLs of a sitemap or a sitemap index, in XML or as text (one URL a
line), gzip-compressed or not."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from lxml import etree

from mtaudit.web.fetch import Fetcher, FetchError
from mtaudit.web.urls import canonical_url, is_url

MAX_SITEMAPS = 1000  # sitemaps read from one index tree at most (a loop or a runaway index stops here)
GZIP_MAGIC = b"\x1f\x8b"


def sitemap_urls(fetcher: Fetcher, url: str, warn, max_sitemaps: int = MAX_SITEMAPS) -> Iterator[str]:
    """Yield the page URLs listed by the sitemap at ``url``, following sitemap indexes depth-first.

    The sitemap given raises FetchError when it cannot be read; a nested sitemap that fails is reported
    with ``warn`` and skipped. URLs come out lazily, so a huge sitemap is never held whole.
    """
    pending = [canonical_url(url)]
    seen = set(pending)
    read = 0
    while pending and read < max_sitemaps:
        current = pending.pop()
        read += 1
        try:
            entries = _read_sitemap(fetcher, current)
        except FetchError as problem:
            if current == canonical_url(url):
                raise
            warn(str(problem))
            continue
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

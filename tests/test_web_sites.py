"""Sitemaps and crawls against a real local site: which pages are read, each once, in what order."""

from __future__ import annotations

import itertools
import threading
import time

import pytest

from mtaudit.errors import InputError
from mtaudit.ingest import DEFAULT_MAX_CHARS, Document, Source
from mtaudit.web.extract import HtmlReading
from mtaudit.web.fetch import Fetcher, FetchOptions
from mtaudit.web.prefetch import prefetched
from mtaudit.web.sources import CrawlScope, WebReader
from mtaudit.web.urls import canonical_url, resolve_link
from tests.french_site import paragraph, serve_site, site_routes
from tests.local_site import LocalSite, Route

PAGES = 30


@pytest.fixture(scope="module")
def site():
    server = serve_site(PAGES)
    yield server
    server.close()


@pytest.fixture()
def reader(site):
    site.requests.clear()
    warnings: list[str] = []
    with Fetcher(FetchOptions(delay=0, retries=0, timeout=5)) as fetcher:
        web = WebReader(fetcher, HtmlReading(), DEFAULT_MAX_CHARS, warnings.append)
        web.warnings = warnings
        yield web


def read_all(sources) -> tuple[list[str], list[str]]:
    """(names of the documents read, one-line errors) from a stream of sources."""
    names, errors = [], []
    for source in sources:
        try:
            document = source.read()
        except InputError as problem:
            errors.append(str(problem))
            continue
        if document is not None:
            names.append(document.source)
    return names, errors


def test_crawl_reads_every_page_once_breadth_first(site, reader):
    names, errors = read_all(reader.crawl(site.url("/"), max_pages=100))
    assert errors == []
    assert names == [site.url("/")] + [site.url(f"/page/{i}") for i in range(1, PAGES)]  # breadth-first
    assert all(count == 1 for path, count in site.requests.items()), site.requests
    assert (
        site.requests["/page/0"] == 1 and "/page/0?partage=1" in site.requests
    )  # fetched, found a duplicate
    assert "/prive/brouillon" not in site.requests and "/contact.pdf" not in site.requests
    assert any(
        "disallowed by the site's robots.txt" in w and w.endswith("not followed") for w in reader.warnings
    )


def test_crawled_page_fields(site, reader):
    sources = reader.crawl(site.url("/page/3"), max_pages=1)
    document = next(sources).read()
    assert [p.text for p in document.paragraphs] == [
        "Nouvelles du bourg, numéro 3",
        paragraph(6),
        paragraph(7),
    ]
    assert [p.kind for p in document.paragraphs] == ["heading", "paragraph", "paragraph"]
    assert {p.page.url for p in document.paragraphs} == {site.url("/page/3")}
    info = document.paragraphs[0].page
    assert info.title == "Nouvelles du bourg, numéro 3" and info.language == "fr"  # the h1 over <title>


def test_max_pages_and_same_host(site, reader):
    names, _ = read_all(reader.crawl(site.url("/page/0"), max_pages=5))
    assert names == [site.url(f"/page/{i}") for i in range(5)]
    assert any("crawl stopped at --max-pages 5" in w for w in reader.warnings)
    other_host = site.url("/page/0").replace("127.0.0.1", "localhost")
    reader.seen.clear()
    names, _ = read_all(reader.crawl(other_host, max_pages=3, same_host=True))
    assert names == [other_host.replace("/0", f"/{i}") for i in range(3)]


def test_sitemap_text_sitemap_and_gzip_sitemap_index(site, reader):
    names, errors = read_all(reader.sitemap(site.url("/sitemap.xml")))
    assert names == [site.url(f"/page/{i}") for i in range(PAGES)] and errors == []
    reader.seen.clear()
    names, errors = read_all(reader.sitemap(site.url("/sitemap.txt"), max_pages=2))
    assert names == [site.url("/page/0"), site.url("/page/1")] and errors == []
    reader.seen.clear()
    names, errors = read_all(reader.sitemap(site.url("/sitemap-index.xml"), max_pages=4))
    assert names == [site.url(f"/page/{i}") for i in range(4)] and errors == []
    assert reader.warnings[-1] == (
        f"{site.url('/sitemap-index.xml')}: more pages than --max-pages 4; the rest is skipped"
    )
    reader.seen.clear()
    names, errors = read_all(reader.sitemap(site.url("/sitemap-index.xml")))
    assert len(names) == PAGES and errors == []
    assert reader.warnings[-1] == f"{site.url('/sitemap-absent.xml')}: HTTP 404 Not Found"


def test_a_page_is_read_once_per_run(site, reader):
    again = site.url("/page/2#haut").replace("http:", "HTTP:")
    names, _ = read_all([reader.url(site.url("/page/2")), reader.url(again), reader.url(site.url("/"))])
    assert names == [site.url("/page/2"), site.url("/")]  # "/" redirects to page 0, read under its own name
    assert reader.warnings == [f"{again}: already read in this run; skipped"]
    names, _ = read_all(reader.sitemap(site.url("/sitemap.xml"), max_pages=3))
    assert names == [site.url(f"/page/{i}") for i in (1, 3, 4)]  # pages 0 and 2 were read already
    assert site.requests["/page/2"] == 1 and site.requests["/page/0"] == 1


def test_unreadable_sitemap_is_one_error(site, reader):
    names, errors = read_all(reader.sitemap(site.url("/page/1")))
    assert names == [] and len(errors) == 1
    assert errors[0].startswith(f"{site.url('/page/1')}: not a sitemap")


def test_canonical_urls_and_crawl_scope():
    assert canonical_url("HTTPS://Exemple.FR:443/a?b=1#c") == "https://exemple.fr/a?b=1"
    assert canonical_url("http://exemple.fr") == "http://exemple.fr/"
    assert canonical_url("http://exemple.fr:8080/x") == "http://exemple.fr:8080/x"
    assert resolve_link("http://exemple.fr/a/b", "../c#d") == "http://exemple.fr/c"
    assert resolve_link("http://exemple.fr/", "mailto:redaction@exemple.fr") is None
    assert resolve_link("http://exemple.fr/", "/rapport.PDF") is None
    scope = CrawlScope("http://localhost:8000/", same_host=True)
    assert scope.follows("http://localhost:8000/a") and not scope.follows("http://127.0.0.1:8000/a")
    assert CrawlScope("http://localhost:8000/").follows("http://127.0.0.1:8000/a")


def test_prefetch_reads_ahead_in_order_and_boundedly():
    reads: list[str] = []

    def source(name: str) -> Source:
        def read():
            reads.append(name)
            if name == "b":
                raise InputError(name, "HTTP 404 Not Found")
            return Document(name)

        return Source(name, read)

    stream = prefetched(
        [source("a"), "fichier.txt", source("b"), *(source(f"p{i}") for i in range(20))], depth=2
    )
    first = next(stream)
    time.sleep(0.3)
    assert len(reads) <= 2 + 2  # the queue's depth, one item in the thread's hands, the one handed out
    assert first.read().source == "a"
    assert next(stream) == "fichier.txt"
    with pytest.raises(InputError, match="b: HTTP 404"):
        next(stream).read()
    assert [item.read().source for item in stream] == [f"p{i}" for i in range(20)]
    assert reads == ["a", "b", *(f"p{i}" for i in range(20))]


def test_prefetch_hands_over_unexpected_errors_and_stops_when_closed():
    def broken():
        yield "fichier.txt"
        raise RuntimeError("bug")

    stream = prefetched(broken())
    assert next(stream) == "fichier.txt"
    with pytest.raises(RuntimeError, match="bug"):
        next(stream)
    before = set(threading.enumerate())
    endless = prefetched(Source(f"p{i}", lambda: None) for i in itertools.count())
    next(endless)
    started = set(threading.enumerate()) - before
    assert [thread.name for thread in started] == ["mtaudit-prefetch"]
    endless.close()
    time.sleep(0.3)
    assert not any(thread.is_alive() for thread in started)


def test_base_href_content_language_and_all_elements():
    article = "<article><p>{}</p></article>"
    server = LocalSite(
        {
            "/robots.txt": Route(status=404),
            "/rubrique/index": Route(
                "<html><head><base href='/archives/'></head><body><nav><ul><li>Accueil</li></ul></nav>"
                + article.format(paragraph(1))
                + "<a href='2024/article'>Suite</a></body></html>",
                headers={"Content-Language": "fr-CA, en"},
            ),
            "/archives/2024/article": Route(
                "<html lang='fr'><body>" + article.format(paragraph(2)) + "</body></html>"
            ),
        }
    )
    warnings: list[str] = []
    try:
        with Fetcher(FetchOptions(delay=0, retries=0, timeout=5)) as fetcher:
            web = WebReader(fetcher, HtmlReading(), DEFAULT_MAX_CHARS, warnings.append)
            documents = [source.read() for source in web.crawl(server.url("/rubrique/index"))]
            every = WebReader(fetcher, HtmlReading(keep_all=True), DEFAULT_MAX_CHARS, warnings.append)
            everything = every.url(server.url("/rubrique/index")).read()
    finally:
        server.close()
    assert [d.source for d in documents] == [
        server.url("/rubrique/index"),
        server.url("/archives/2024/article"),
    ]
    assert documents[0].paragraphs[0].page.language == "fr-CA"  # no lang attribute: the HTTP header's
    assert documents[1].paragraphs[0].page.language == "fr"
    assert [p.text for p in everything.paragraphs] == ["Accueil", paragraph(1)]


def test_a_site_address_stands_for_the_sitemaps_its_robots_txt_lists():
    small = LocalSite({})
    small.routes.update(site_routes(6, small.root))
    pages = [small.url(f"/page/{i}") for i in range(6)]

    def read_site(address: str) -> tuple[list[str], list[str], list[str]]:
        warnings: list[str] = []
        with Fetcher(FetchOptions(delay=0, retries=0, timeout=5, respect_robots=False)) as fetcher:
            web = WebReader(fetcher, HtmlReading(), DEFAULT_MAX_CHARS, warnings.append)
            names, errors = read_all(web.sitemap(address))
        return names, errors, warnings

    try:
        listed = f"User-agent: *\nDisallow: /prive/\nSitemap: {small.url('/sitemap-index.xml')}\n"
        small.routes["/robots.txt"] = Route(listed, content_type="text/plain")
        names, errors, warnings = read_site(small.root)  # read even with robots.txt rules ignored
        assert names == pages and errors == []
        assert warnings == [f"{small.url('/sitemap-absent.xml')}: HTTP 404 Not Found"]
        assert small.requests["/sitemap.xml"] == 0

        small.routes["/robots.txt"] = Route("User-agent: *\nDisallow: /prive/\n", content_type="text/plain")
        names, errors, _ = read_site(small.url("/robots.txt"))  # none listed: the conventional place
        assert names == pages and errors == [] and small.requests["/sitemap.xml"] == 1

        del small.routes["/sitemap.xml"]
        names, errors, _ = read_site(small.url("/"))
        assert names == [] and errors == [
            f"{small.url('/')}: no sitemap found: its robots.txt lists none and "
            f"{small.url('/sitemap.xml')}: HTTP 404 Not Found"
        ]
    finally:
        small.close()

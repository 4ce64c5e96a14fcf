"""Fetching from a real local HTTP server: redirects, timeouts, size cap, retries, robots.txt, rate limit."""

from __future__ import annotations

import gzip

import pytest

from mtaudit import __version__
from mtaudit.web.fetch import USER_AGENT, Fetcher, FetchError, FetchOptions
from tests.local_site import LocalSite, Route

PAGE = "<html lang='fr'><body><p>Le café du port ouvre ses portes à six heures.</p></body></html>"
FAST = {"delay": 0.0, "retries": 0, "backoff": 0.0, "timeout": 2.0}


@pytest.fixture()
def site():
    routes = {
        "/robots.txt": Route("User-agent: *\nDisallow: /prive/\n", content_type="text/plain"),
        "/page": Route(PAGE),
        "/ancienne": Route(status=301, headers={"Location": "/page"}),
        "/boucle-a": Route(status=302, headers={"Location": "/boucle-b"}),
        "/boucle-b": Route(status=302, headers={"Location": "/boucle-a"}),
        "/lente": Route(PAGE, delay=1.5),
        "/erreur": Route("panne", status=500),
        "/document.pdf": Route(b"%PDF-1.4", content_type="application/pdf"),
        "/enorme": Route("<p>" + "mot " * 50_000 + "</p>"),
        "/enorme-sans-longueur": Route("<p>" + "mot " * 50_000 + "</p>", send_length=False),
        "/prive/note": Route(PAGE),
        "/latin1": Route(
            "<p>Un été très chaud à Nîmes.</p>".encode("iso-8859-1"),
            content_type="text/html; charset=ISO-8859-1",
        ),
        "/meta-latin1": Route(
            "<meta charset='windows-1252'><p>Les élèves déjeunent à midi.</p>".encode("cp1252"),
            content_type="text/html",
        ),
        "/gz": Route(gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"}),
    }
    server = LocalSite(routes)
    yield server
    server.close()


def fetch(site: LocalSite, path: str, **options) -> str:
    with Fetcher(FetchOptions(**{**FAST, **options})) as fetcher:
        return fetcher.fetch(site.url(path)).text()


def failure(site: LocalSite, path: str, **options) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(site, path, **options)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_page_with_a_clear_user_agent(site):
    assert "six heures" in fetch(site, "/page")
    assert site.user_agents == {USER_AGENT}
    assert USER_AGENT.startswith(f"mtaudit/{__version__} ")


def test_redirect_is_followed_to_the_final_url(site):
    with Fetcher(FetchOptions(**FAST)) as fetcher:
        response = fetcher.fetch(site.url("/ancienne"))
    assert response.url == site.url("/page")
    assert site.requests["/ancienne"] == 1 and site.requests["/page"] == 1


def test_failures_are_one_line_errors_naming_the_url(site):
    assert failure(site, "/absente") == f"{site.url('/absente')}: HTTP 404 Not Found"
    assert failure(site, "/erreur") == f"{site.url('/erreur')}: HTTP 500 Internal Server Error"
    assert "redirect loop" in failure(site, "/boucle-a")
    assert failure(site, "/lente", timeout=0.3).endswith("no answer within 0.3 s (see --timeout)")
    assert (
        failure(site, "/document.pdf") == f"{site.url('/document.pdf')}: not an HTML page (application/pdf)"
    )
    assert "larger than the 10,000-byte limit (200,007 bytes" in failure(site, "/enorme", max_bytes=10_000)
    assert "larger than the 10,000-byte limit" in failure(site, "/enorme-sans-longueur", max_bytes=10_000)
    assert "more than 0 redirects" in failure(site, "/ancienne", max_redirects=0)


def test_robots_txt_is_respected_unless_ignored(site):
    message = failure(site, "/prive/note")
    assert message == (
        f"{site.url('/prive/note')}: disallowed by the site's robots.txt (see --ignore-robots for your own site)"
    )
    assert site.requests["/prive/note"] == 0
    assert "six heures" in fetch(site, "/prive/note", respect_robots=False)
    assert site.requests["/robots.txt"] == 1


def test_unreadable_robots_txt_forbids_everything():
    server = LocalSite({"/robots.txt": Route("panne", status=503), "/page": Route(PAGE)})
    try:
        message = failure(server, "/page")
    finally:
        server.close()
    assert "its robots.txt could not be read: HTTP 503" in message
    assert server.requests["/page"] == 0


def test_retries_give_up_after_the_last_attempt(site):
    waits: list[float] = []
    options = FetchOptions(**{**FAST, "retries": 2, "backoff": 0.1})
    with (
        Fetcher(options, sleep=waits.append) as fetcher,
        pytest.raises(FetchError, match=r"HTTP 500 Internal Server Error \(after 3 attempts\)$"),
    ):
        fetcher.fetch(site.url("/erreur"))
    assert site.requests["/erreur"] == 3 and waits == [0.1, 0.2]


def test_retries_with_backoff_then_success():
    answers = iter(
        [Route("occupé", status=503), Route("trop vite", status=429, headers={"Retry-After": "2"})]
    )
    server = LocalSite({"/robots.txt": Route(status=404)})
    server.routes["/page"] = Route(PAGE)
    waits: list[float] = []

    class Flaky(dict):
        def get(self, path, default=None):
            if path == "/page":
                return next(answers, Route(PAGE))
            return super().get(path, default)

    server.routes = Flaky(server.routes)
    try:
        with Fetcher(FetchOptions(**{**FAST, "retries": 3, "backoff": 0.5}), sleep=waits.append) as fetcher:
            assert "six heures" in fetcher.fetch(server.url("/page")).text()
    finally:
        server.close()
    assert server.requests["/page"] == 3
    assert waits == [0.5, 2.0]  # exponential backoff first, then the server's Retry-After


def test_retry_after_beyond_the_limit_gives_up_at_once():
    server = LocalSite(
        {"/robots.txt": Route(status=404), "/page": Route(status=429, headers={"Retry-After": "3600"})}
    )
    waits: list[float] = []
    try:
        with (
            Fetcher(FetchOptions(**{**FAST, "retries": 3}), sleep=waits.append) as fetcher,
            pytest.raises(FetchError, match=r"retry after 3600 s \(too long"),
        ):
            fetcher.fetch(server.url("/page"))
    finally:
        server.close()
    assert waits == [] and server.requests["/page"] == 1


def test_per_host_rate_limit(site):
    waits: list[float] = []
    with Fetcher(FetchOptions(**{**FAST, "delay": 5.0}), sleep=waits.append) as fetcher:
        fetcher.fetch(site.url("/page"))
        fetcher.fetch(site.url("/latin1"))
    # robots.txt, then two pages: every request after the first waits for its turn on the host
    assert len(waits) == 2 and all(3.0 < wait <= 5.0 for wait in waits)


def test_charsets(site):
    assert "Un été très chaud à Nîmes." in fetch(site, "/latin1")
    assert "Les élèves déjeunent à midi." in fetch(site, "/meta-latin1")
    assert "six heures" in fetch(site, "/gz")


def test_a_host_that_does_not_answer_is_named_as_such():
    server = LocalSite({})
    url = server.url("/page")
    server.close()
    with Fetcher(FetchOptions(**FAST)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert str(caught.value).startswith(f"{url}: cannot be fetched (")
    assert "robots" not in str(caught.value) and caught.value.unreachable


def test_robots_crawl_delay_slows_the_requests_to_its_host():
    server = LocalSite({"/robots.txt": Route("User-agent: mtaudit\nCrawl-delay: 3\n"), "/page": Route(PAGE)})
    waits: list[float] = []
    try:
        with Fetcher(FetchOptions(**FAST), sleep=waits.append) as fetcher:
            fetcher.fetch(server.url("/page"))
            fetcher.fetch(server.url("/page"))
    finally:
        server.close()
    assert len(waits) == 2 and all(1.5 < wait <= 3.0 for wait in waits)

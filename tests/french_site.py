"""A self-written French web site for the crawl and sitemap tests: N linked pages and their sitemaps."""

from __future__ import annotations

import gzip

from tests.local_site import LocalSite, Route

SUBJECTS = [
    "Le conseil municipal", "La directrice de l'école", "Un groupe de bénévoles", "Le club de football",
    "Les commerçants du centre", "La bibliothèque municipale", "Le comité des fêtes", "Une association du quartier",
]  # fmt: skip
VERBS = ["a présenté", "a inauguré", "prépare", "a annoncé", "organise", "a obtenu", "défend", "soutient"]
OBJECTS = [
    "un projet de jardin partagé", "une exposition de photographies anciennes", "la rénovation du gymnase",
    "un concours de cuisine", "des ateliers pour les enfants", "un marché de producteurs locaux",
    "la réouverture du lavoir", "une fête pour les aînés",
]  # fmt: skip
WHEN = ["samedi dernier", "pour la rentrée", "avant la fin de l'année", "au printemps", "cet été"]
SECOND = [
    "Les habitants sont invités à venir nombreux, en famille ou entre amis.",
    "L'entrée est libre, et une buvette tenue par les parents d'élèves attendra les visiteurs.",
    "Le maire s'est félicité de cette initiative, qui avait été réclamée depuis longtemps.",
    "Les inscriptions se font à l'accueil de la mairie, du lundi au vendredi.",
    "Un bilan sera dressé à la fin de l'année devant le conseil de quartier.",
]
NAV = (
    "<header><nav><ul><li><a href='/'>Accueil</a></li><li><a href='/page/0#haut'>Actualités</a></li>"
    "<li><a href='/contact.pdf'>Contact</a></li></ul></nav></header>"
)
FOOTER = "<footer><p>© 2025 La Gazette du Bourg. Tous droits réservés.</p></footer>"


def paragraph(i: int) -> str:
    """A self-written French paragraph, different for every ``i`` below 1,600."""
    first = (
        f"{SUBJECTS[i % 8]} {VERBS[(i // 8) % 8]} {OBJECTS[(i // 64) % 8]} {WHEN[(i // 512) % 5]}, "
        f"selon le bulletin municipal numéro {i + 1}."
    )
    return f"{first} {SECOND[i % 5]}"


def page_html(i: int, links: list[str]) -> str:
    """Page ``i``: navigation, an article of a heading and two paragraphs, links, a footer."""
    anchors = "".join(f"<li><a href='{link}'>Suite</a></li>" for link in links)
    return (
        f"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>Article {i}</title></head><body>"
        f"{NAV}<main><article><h1>Nouvelles du bourg, numéro {i}</h1><p>{paragraph(2 * i)}</p>"
        f"<p>{paragraph(2 * i + 1)}</p></article><aside><ul>{anchors}</ul></aside></main>{FOOTER}</body></html>"
    )


def site_routes(pages: int, root: str) -> dict[str, Route]:
    """``pages`` pages linked as a binary tree from ``/`` (a redirect to page 0), and their sitemaps.

    Links include fragments, a path robots.txt forbids, a non-page file and query duplicates that declare
    their canonical URL, so a crawl that fetches each page once must canonicalise them. ``root`` is the
    server's address (sitemaps list absolute URLs): a plain sitemap, and an index of a gzip one and a
    missing one.
    """
    routes = {"/robots.txt": Route("User-agent: *\nDisallow: /prive/\n", content_type="text/plain")}
    for i in range(pages):
        children = [f"/page/{c}" for c in (2 * i + 1, 2 * i + 2) if c < pages]
        links = [*children, f"/page/{i}#commentaires", "/prive/brouillon", f"/page/{i}?partage=1"]
        routes[f"/page/{i}"] = Route(page_html(i, links))
        duplicate = page_html(i, links).replace("<head>", f"<head><link rel='canonical' href='/page/{i}'>")
        routes[f"/page/{i}?partage=1"] = Route(duplicate)
    routes["/"] = Route(status=301, headers={"Location": "/page/0"})
    routes["/prive/brouillon"] = Route(page_html(0, []))
    urlset = (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{root}/page/{i}</loc></url>" for i in range(pages))
        + "</urlset>"
    )
    routes["/sitemap.xml"] = Route(urlset, content_type="application/xml")
    routes["/sitemap.txt"] = Route(
        "\n".join(f"{root}/page/{i}" for i in range(pages)) + "\n", content_type="text/plain"
    )
    routes["/sitemap-pages.xml.gz"] = Route(gzip.compress(urlset.encode()), content_type="application/gzip")
    routes["/sitemap-index.xml"] = Route(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{root}/sitemap-pages.xml.gz</loc></sitemap>"
        f"<sitemap><loc>{root}/sitemap-absent.xml</loc></sitemap></sitemapindex>",
        content_type="application/xml",
    )
    return routes


def serve_site(pages: int) -> LocalSite:
    """A running local server with the ``pages``-page site."""
    site = LocalSite({})
    site.routes.update(site_routes(pages, site.root))
    return site

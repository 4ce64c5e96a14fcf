"""A web page's main content as a reader sees it: trafilatura finds the article, we keep its structure.

Headings, paragraphs, list items and figure captions come out as :class:`Element` objects in reading
order, with the page's title, date, author and declared language. Navigation, cookie banners, footers,
licence lines and edit links stay out. ``keep_all`` reads every text element instead (no extraction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from lxml import etree, html

from mtaudit.errors import InputError
from mtaudit.ingest import Block, Document, PageInfo, fill_document

HEADING, PARAGRAPH, CAPTION, LIST_ITEM = "heading", "paragraph", "caption", "list-item"

# Every text element, for keep_all: tag -> kind.
_ALL_BLOCKS = {
    **dict.fromkeys(["h1", "h2", "h3", "h4", "h5", "h6"], HEADING),
    **dict.fromkeys(["p", "blockquote", "td"], PARAGRAPH),
    **dict.fromkeys(["li", "dt", "dd"], LIST_ITEM),
    "figcaption": CAPTION,
}
# trafilatura's output vocabulary -> kind.
_EXTRACTED_BLOCKS = {"head": HEADING, "p": PARAGRAPH, "quote": PARAGRAPH, "item": LIST_ITEM}
_NOT_TEXT = ["script", "style", "noscript", "template", "head", "svg"]
# Boilerplate that trafilatura may keep: wiki edit links, consent banners.
_BOILERPLATE = re.compile(r"editsection|edit-link|cookie|consent|gdpr|rgpd", re.IGNORECASE)
_EDIT_SUFFIX = re.compile(r"\s*\[\s*(?:modifier|modifier le code|edit|éditer)(?:\s*\|[^\]]*)?\]\s*$", re.I)


@dataclass(frozen=True)
class Element:
    """One block of a page's text: its kind (heading, paragraph, caption, list-item) and position."""

    kind: str
    text: str
    position: int
    line: int | None = None


@dataclass
class Page:
    """A page's text elements in reading order, its metadata, and what a crawl needs from it."""

    info: PageInfo
    elements: list[Element] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    canonical: str | None = None
    base: str | None = None  # the page's <base href>, which relative links resolve against

    def link_base(self) -> str:
        """The URL the page's relative links resolve against."""
        return urljoin(self.info.url or "", self.base or "")


def extract_page(
    source: str, url: str | None = None, keep_all: bool = False, language: str | None = None
) -> Page:
    """Extract the main content of the HTML ``source`` (``url`` resolves links; ``language`` is the HTTP
    Content-Language, used when the page declares none)."""
    tree = _parse(source)
    page = Page(
        _page_info(tree, url, _declared_language(tree) or _first_language(language)),
        links=[href for href in tree.xpath("//a/@href") if isinstance(href, str)],
        canonical=_canonical_link(tree),
        base=next((str(href).strip() for href in tree.xpath("//base/@href")), None),
    )
    for node in list(tree.iter(*_NOT_TEXT)):
        if node.getparent() is not None:
            node.drop_tree()
    if keep_all:
        page.elements = _all_elements(tree)
    else:
        _drop_boilerplate(tree)
        page.elements = _main_elements(tree, url)
    return page


def _parse(source: str) -> html.HtmlElement:
    """The document tree; an empty one for markup lxml finds empty (then no text is found)."""
    parser = html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        return html.document_fromstring(source.encode("utf-8"), parser=parser)
    except etree.ParserError:
        return html.document_fromstring(b"<html><body></body></html>", parser=parser)


def _page_info(tree: html.HtmlElement, url: str | None, language: str | None) -> PageInfo:
    from trafilatura.metadata import extract_metadata

    metadata = extract_metadata(tree, default_url=url)
    return PageInfo(url, metadata.title or None, metadata.date or None, metadata.author or None, language)


def _declared_language(tree: html.HtmlElement) -> str | None:
    for value in tree.xpath(
        "/html/@lang | /html/@xml:lang | //meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')"
        "='content-language']/@content | //meta[@property='og:locale']/@content",
        namespaces={"xml": "http://www.w3.org/XML/1998/namespace"},
    ):
        if str(value).strip():
            return _first_language(str(value))
    return None


def _first_language(value: str | None) -> str | None:
    """The first tag of a language list ("fr-FR, en" -> "fr-FR"; og:locale "fr_FR" -> "fr-FR")."""
    if not value:
        return None
    first = value.split(",")[0].strip().replace("_", "-")
    return first or None


def _canonical_link(tree: html.HtmlElement) -> str | None:
    for link in tree.xpath("//link[@href]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return link.get("href").strip() or None
    return None


def _drop_boilerplate(tree: html.HtmlElement) -> None:
    for node in list(tree.iter()):
        if not isinstance(node.tag, str) or node.tag in ("html", "body") or node.getparent() is None:
            continue
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if _BOILERPLATE.search(marks):
            node.drop_tree()


def _main_elements(tree: html.HtmlElement, url: str | None) -> list[Element]:
    from trafilatura import bare_extraction

    captions = _figure_captions(tree, url)
    document = bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_images=True,
        include_tables=False,
        include_comments=False,
        include_links=False,
    )
    if document is None or document.body is None:
        return []
    elements: list[Element] = []
    for node in document.body.iter():
        if node.tag == "graphic":
            kind, text = CAPTION, captions.get(node.get("src") or "", "")
        elif node.tag in _EXTRACTED_BLOCKS and not _has_block_inside(node, _EXTRACTED_BLOCKS):
            kind, text = _EXTRACTED_BLOCKS[node.tag], _text_of(node)
        else:
            continue
        if kind == HEADING:
            text = _EDIT_SUFFIX.sub("", text)
        if text:
            elements.append(Element(kind, text, len(elements)))
    return elements


def _figure_captions(tree: html.HtmlElement, url: str | None) -> dict[str, str]:
    """Each figure image's source (as written and resolved against ``url``) -> its caption text.

    trafilatura keeps a figure's image but not its caption; the image's source finds the caption again.
    """
    captions: dict[str, str] = {}
    for figure in tree.iter("figure"):
        caption = next(figure.iter("figcaption"), None)
        if caption is None:
            continue
        text = _text_of(caption)
        for image in figure.iter("img"):
            source = image.get("src")
            if source and text:
                captions.setdefault(source, text)
                captions.setdefault(urljoin(url or "", source), text)
    return captions


def _all_elements(tree: html.HtmlElement) -> list[Element]:
    elements: list[Element] = []
    for node in tree.iter(*_ALL_BLOCKS):
        if _has_block_inside(node, _ALL_BLOCKS):
            continue  # keep the innermost blocks only (li > p, blockquote > p)
        text = _text_of(node)
        if text:
            elements.append(Element(_ALL_BLOCKS[node.tag], text, len(elements), node.sourceline))
    return elements


def _has_block_inside(node: etree._Element, blocks: dict[str, str]) -> bool:
    return any(child.tag in blocks for child in node.iterdescendants())


def _text_of(node: etree._Element) -> str:
    """The element's text with whitespace collapsed; <br> separates words."""
    for br in node.iter("br", "lb"):
        br.tail = " " + (br.tail or "")
    return " ".join("".join(node.itertext()).split())


@dataclass(frozen=True)
class HtmlReading:
    """How HTML is read: the main content (default) or every element; captions audited or not."""

    keep_all: bool = False
    captions: bool = False

    def signature(self) -> dict[str, Any]:
        """The extraction settings and extractor version, for the records' signature."""
        from importlib.metadata import version

        extractor = "every text element" if self.keep_all else f"trafilatura {version('trafilatura')}"
        return {"extractor": extractor, "captions": self.captions or self.keep_all}

    def audits(self, kind: str) -> bool:
        """True when elements of ``kind`` are audited (captions only on request, unless keep_all)."""
        return kind != CAPTION or self.captions or self.keep_all


def html_blocks(source: str, text: str, reading: HtmlReading) -> tuple[list[Block], PageInfo]:
    """The blocks to audit of an HTML file and its page fields; InputError when there is none."""
    page = extract_page(text, keep_all=reading.keep_all)
    return page_blocks(source, page, reading), page.info


def page_document(source: str, page: Page, reading: HtmlReading, max_chars: int) -> Document:
    """The audit document of an extracted web page."""
    return fill_document(Document(source), page_blocks(source, page, reading), max_chars, page.info)


def page_blocks(source: str, page: Page, reading: HtmlReading) -> list[Block]:
    """The elements of ``page`` to audit as blocks; InputError when it has no text to audit."""
    blocks = [
        Block(None, e.text, e.line, e.kind, e.position) for e in page.elements if reading.audits(e.kind)
    ]
    if not blocks:
        hint = "" if reading.keep_all else " (--all-elements reads every text element)"
        raise InputError(source, f"no article text found in the page{hint}")
    return blocks

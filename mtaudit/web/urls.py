"""URL recognition and canonical forms, so that each page is fetched once."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit, urlunsplit

WEB_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
# Links to files that are not pages: a crawl does not follow them.
NOT_PAGES = (
    ".pdf", ".zip", ".gz", ".tgz", ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".ico", ".mp3", ".mp4",
    ".avi", ".mov", ".css", ".js", ".json", ".xml", ".rss", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx",
    ".woff", ".woff2", ".ttf", ".exe", ".dmg",
)  # fmt: skip


def is_url(text: str) -> bool:
    """True when ``text`` is an http(s) URL with a host (an input to fetch rather than a file to read)."""
    parts = urlsplit(text)
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def canonical_url(url: str) -> str:
    """The URL with scheme and host in lower case, no default port, no fragment, and ``/`` for an empty path."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host
    if parts.port is not None and parts.port != DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def host_of(url: str) -> str:
    """The ``scheme://host[:port]`` origin of a URL (robots.txt and the rate limit are per origin)."""
    parts = urlsplit(canonical_url(url))
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"


def resolve_link(base: str, href: str) -> str | None:
    """The canonical absolute URL of a link found on page ``base``, or None when it is not a web page."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "javascript:", "tel:", "data:")):
        return None
    url = urljoin(base, href)
    if not is_url(url):
        return None
    url = canonical_url(url)
    if urlsplit(url).path.lower().endswith(NOT_PAGES):
        return None
    return url

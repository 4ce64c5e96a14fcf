"""robots.txt rules for one host (urllib.robotparser), with the reason a URL is refused."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

DISALLOWED = "disallowed by the site's robots.txt"
HINT = " (see --ignore-robots for your own site)"


@dataclass
class RobotsRules:
    """What one host's robots.txt allows this tool to fetch; ``refusal`` says why a URL is refused."""

    parser: RobotFileParser | None
    token: str = "*"
    everything: bool = True
    refusal: str = DISALLOWED + HINT
    host_down: bool = False

    @classmethod
    def parse(cls, text: str, token: str) -> RobotsRules:
        """Rules from the text of a robots.txt, for the user-agent ``token``."""
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        return cls(parser, token)

    @classmethod
    def allow_all(cls) -> RobotsRules:
        """No robots.txt: everything may be fetched."""
        return cls(None)

    @classmethod
    def disallow_all(cls, reason: str) -> RobotsRules:
        """A robots.txt the server fails to give (5xx): nothing may be fetched (RFC 9309), and why."""
        return cls(None, everything=False, refusal=reason + HINT)

    @classmethod
    def unreachable(cls, problem: str) -> RobotsRules:
        """A host that does not answer at all: nothing can be fetched, for that reason."""
        return cls(None, everything=False, refusal=problem, host_down=True)

    def allows(self, url: str) -> bool:
        """True when ``url`` may be fetched."""
        if self.parser is None:
            return self.everything
        return self.parser.can_fetch(self.token, url)

    @property
    def sitemaps(self) -> list[str]:
        """The sitemap URLs its ``Sitemap:`` lines list, in order."""
        if self.parser is None:
            return []
        return list(self.parser.site_maps() or [])

    @property
    def crawl_delay(self) -> float | None:
        """The Crawl-delay asked for this tool, in seconds, if any."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(self.token)
        return float(delay) if delay is not None else None

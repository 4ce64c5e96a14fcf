"""robots.txt rules for one host (urllib.robotparser), with the reason a URL is refused."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

DISALLOWED = "disallowed by the site's robots.txt"


@dataclass
class RobotsRules:
    """What one host's robots.txt allows this tool to fetch."""

    parser: RobotFileParser | None
    token: str = "*"
    everything: bool = True
    refusal: str = DISALLOWED

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
        """An unreachable robots.txt: nothing may be fetched (RFC 9309), and why."""
        return cls(None, everything=False, refusal=reason)

    def allows(self, url: str) -> bool:
        """True when ``url`` may be fetched."""
        if self.parser is None:
            return self.everything
        return self.parser.can_fetch(self.token, url)

    @property
    def crawl_delay(self) -> float | None:
        """The Crawl-delay asked for this tool, in seconds, if any."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(self.token)
        return float(delay) if delay is not None else None

"""Decode an input's bytes: UTF-8 (with or without a BOM), else a detected legacy encoding, else a clear error.

* Valid UTF-8 (or UTF-16 with a BOM) is decoded as is.
* UTF-8 with a few stray bytes (more well-formed multi-byte characters than bad bytes) keeps its text: the
  bad bytes become lone surrogates (``surrogateescape``) and :func:`has_undecodable` lets the reader skip
  just the paragraphs that hold them.
* Otherwise the file is in a legacy encoding. Each Western European encoding French is written in (and
  charset-normalizer's guesses) decodes it; the one whose non-ASCII characters are French letters and
  punctuation (é, à, ç, «, ’…) at least ``FRENCH_SHARE`` of the time wins, with a warning saying how to
  convert the file. When none reads as French the input fails with a hint naming charset-normalizer's
  likely encoding and the command to convert.
"""

from __future__ import annotations

import codecs
import re
import shlex

from mtaudit.errors import InputError

AUTO = "auto"
STDIN = "-"  # the source name of standard input
# Legacy encodings that write French, tried in this order (Python codec names).
WESTERN = ("cp1252", "iso8859_15", "mac_roman", "cp850")
FRENCH_CHARACTERS = frozenset("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»‘’“”–—…€°§\u00a0\u202f")
FRENCH_SHARE = 0.9
# iconv's names for the codecs whose Python name differs.
ICONV_NAMES = {"latin_1": "ISO-8859-1", "mac_roman": "MACINTOSH", "utf_16": "UTF-16"}
_SURROGATE = re.compile("[\udc80-\udcff]")


def has_undecodable(text: str) -> bool:
    """Whether ``text`` holds bytes that could not be decoded (lone surrogates left by ``surrogateescape``)."""
    return _SURROGATE.search(text) is not None


def french_share(text: str) -> float:
    """The share of the non-ASCII characters of ``text`` that are French letters or punctuation."""
    foreign = [ch for ch in text if ord(ch) > 127]
    if not foreign:
        return 0.0
    return sum(ch in FRENCH_CHARACTERS for ch in foreign) / len(foreign)


def iconv_name(codec: str) -> str:
    """The name ``iconv`` knows a Python codec by (cp1252 → CP1252, latin_1 → ISO-8859-1)."""
    return ICONV_NAMES.get(codec, codec.upper().replace("_", "-").replace("ISO8859", "ISO-8859"))


def conversion_command(source: str, codec: str) -> str:
    """The shell command that converts ``source`` from ``codec`` to UTF-8."""
    if source == STDIN:
        return f"iconv -f {iconv_name(codec)} -t UTF-8"
    target = (
        f"{source.rsplit('.', 1)[0]}.utf8.{source.rsplit('.', 1)[1]}" if "." in source else f"{source}.utf8"
    )
    return f"iconv -f {iconv_name(codec)} -t UTF-8 {shlex.quote(source)} > {shlex.quote(target)}"


def decode(source: str, raw: bytes, encoding: str = AUTO) -> tuple[str, str | None]:
    """The text of ``raw`` and a warning (or None); raise InputError when it cannot be decoded."""
    if encoding != AUTO:
        return _decode_as(source, raw, encoding), None
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16")):
        if raw.startswith(bom):
            return _decode_as(source, raw, codec), None
    if b"\x00" in raw[:8192]:
        raise InputError(source, "binary file, not UTF-8 text")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        first_bad = error.start
    text = raw.decode("utf-8-sig", errors="surrogateescape")
    bad = len(_SURROGATE.findall(text))
    wellformed = sum(1 for ch in text if ord(ch) > 127) - bad
    if wellformed >= bad:
        return text, (
            f"{source}: {bad} byte{'s are' if bad != 1 else ' is'} not UTF-8 (first at offset {first_bad}); "
            "the paragraphs holding them are skipped"
        )
    return _legacy(source, raw, first_bad)


def _decode_as(source: str, raw: bytes, codec: str) -> str:
    try:
        return raw.decode(codec)
    except LookupError:
        raise InputError(source, f"unknown encoding {codec!r} (see --encoding)") from None
    except UnicodeDecodeError as error:
        raise InputError(
            source, f"not valid {codec} (byte 0x{raw[error.start]:02x} at offset {error.start})"
        ) from None


def _legacy(source: str, raw: bytes, first_bad: int) -> tuple[str, str | None]:
    from charset_normalizer import from_bytes

    problem = f"not valid UTF-8 (byte 0x{raw[first_bad]:02x} at offset {first_bad})"
    guesses = [match.encoding for match in from_bytes(raw)]
    scored = []
    for codec in dict.fromkeys([*WESTERN, *guesses]):
        try:
            text = raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((french_share(text), -len(scored), codec, text))
    share, _, codec, text = max(scored, default=(0.0, 0, "", ""))
    if share >= FRENCH_SHARE:
        return text, (
            f"{source}: not UTF-8; decoded as {iconv_name(codec)} (detected). To convert the file once: "
            f"{conversion_command(source, codec)}"
        )
    if not guesses:
        raise InputError(
            source,
            f"{problem}, and no other text encoding fits; is it text? If you know its encoding, "
            "pass --encoding NAME or convert it with iconv -f NAME -t UTF-8",
        )
    codec = guesses[0]
    raise InputError(
        source,
        f"{problem}; it looks like {iconv_name(codec)}: convert it with "
        f"`{conversion_command(source, codec)}`, or pass --encoding {codec}",
    )

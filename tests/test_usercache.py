"""The cache of derived data in the user's cache folder: read back exactly, keyed, safe when damaged or
when the folder cannot be written."""

from __future__ import annotations

import pytest

from mtaudit import usercache
from mtaudit.usercache import cached_document, cached_lists


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    """The cache folder, in a temporary folder."""
    path = tmp_path / "cache" / "derived"
    monkeypatch.setattr(usercache, "cache_folder", lambda: path)
    return path


class Builder:
    """A build function that counts its calls."""

    def __init__(self, lists):
        self.lists = lists
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.lists


LISTS = [["été", "œuvre", "a b", ""], [], ["Paris", "x\ry", "\u2028sep"]]


def test_an_entry_is_built_once_then_read_back_exactly(folder):
    build = Builder(LISTS)
    assert cached_lists("words", {"v": 1}, build) == LISTS
    assert cached_lists("words", {"v": 1}, build) == LISTS
    assert build.calls == 1
    assert len(list(folder.iterdir())) == 1  # no temporary file left behind


def test_a_new_key_is_a_new_entry_and_only_the_newest_are_kept(folder):
    builds = [Builder([[f"v{k}"]]) for k in range(5)]
    other = Builder([["c"]])
    assert cached_lists("words-fr", {"version": 0}, other) == [["c"]]
    for k, build in enumerate(builds):
        assert cached_lists("words", {"version": k}, build) == [[f"v{k}"]]
        assert cached_lists("words", {"version": k}, build) == [[f"v{k}"]]
    assert [build.calls for build in builds] == [1] * 5
    assert len(list(folder.glob("words-*.txt"))) == usercache.KEPT + 1  # "words" entries, and "words-fr"
    assert cached_lists("words-fr", {"version": 0}, other) == [["c"]]
    assert other.calls == 1
    for k in range(5 - usercache.KEPT, 5):  # the newest are still there
        assert cached_lists("words", {"version": k}, builds[k]) == [[f"v{k}"]]
    assert [build.calls for build in builds] == [1] * 5
    assert cached_lists("words", {"version": 0}, builds[0]) == [["v0"]]  # removed: built again
    assert builds[0].calls == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: text + "extra\n",  # a line too many
        lambda text: "other format\n" + text.partition("\n")[2],
        lambda text: text.replace(" 4 0 3", " x 0 3"),
        lambda text: "",
    ],
)
def test_a_damaged_entry_is_rebuilt(folder, damage):
    build = Builder(LISTS)
    cached_lists("words", {"v": 1}, build)
    (entry,) = folder.iterdir()
    entry.write_text(damage(entry.read_text("utf-8")), "utf-8", newline="")
    assert cached_lists("words", {"v": 1}, build) == LISTS
    assert build.calls == 2
    assert cached_lists("words", {"v": 1}, build) == LISTS  # stored again, whole
    assert build.calls == 2


def test_an_undecodable_entry_is_rebuilt(folder):
    build = Builder(LISTS)
    cached_lists("words", {"v": 1}, build)
    (entry,) = folder.iterdir()
    entry.write_bytes(b"\xff\xfe" + entry.read_bytes())
    assert cached_lists("words", {"v": 1}, build) == LISTS
    assert build.calls == 2


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(usercache, "cache_folder", lambda: blocker / "derived")
    build = Builder(LISTS)
    assert cached_lists("words", {"v": 1}, build) == LISTS
    assert cached_lists("words", {"v": 1}, build) == LISTS
    assert build.calls == 2
    assert blocker.read_text() == "not a folder"


def test_items_with_a_newline_are_not_stored(folder):
    build = Builder([["one\ntwo", "three"]])
    assert cached_lists("words", {"v": 1}, build) == [["one\ntwo", "three"]]
    assert cached_lists("words", {"v": 1}, build) == [["one\ntwo", "three"]]
    assert build.calls == 2
    assert not folder.exists() or not list(folder.iterdir())


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_cached_lexicon_is_the_built_one(folder, language):
    from mtaudit import lexicons

    built = lexicons._build(language)
    lexicons.lexicon.cache_clear()
    try:
        first = lexicons.lexicon(language)  # built and stored
        assert len(list(folder.iterdir())) == 1
        lexicons.lexicon.cache_clear()
        second = lexicons.lexicon(language)  # read back
    finally:
        lexicons.lexicon.cache_clear()
    common, capitalised, other = built
    for lexicon in (first, second):
        assert lexicon.common == frozenset(common)
        assert lexicon.capitalised == frozenset(capitalised)
        assert lexicon.forms == frozenset(common) | frozenset(other)
    assert second.knows("because") is (language == "en")
    assert second.knows("parce") is (language == "fr")


DOCUMENT = {
    "name": "model",
    "numbers": [1, 2.5, -0.1, 1e-300, True, None],
    "blob": "QUJD" * 400,  # long enough to be stored apart
    "nested": {"blobs": ["é" * 2000, "x" * 999, "line\nbreak" * 200], "empty": {}},
}


def test_a_document_is_read_back_exactly(folder):
    build = Builder(DOCUMENT)
    assert cached_document("doc", {"v": 1}, build) == DOCUMENT
    read = cached_document("doc", {"v": 1}, build)
    assert read == DOCUMENT
    assert build.calls == 1
    (entry,) = folder.iterdir()
    assert entry.read_text("utf-8").count("\n") == 4  # the header, the JSON and two long strings apart


def test_a_document_holding_the_set_aside_mark_is_not_stored(folder):
    document = {"a": {usercache._SET_ASIDE: 0}, "b": "x" * 5000}
    build = Builder(document)
    assert cached_document("doc", {"v": 1}, build) == document
    assert cached_document("doc", {"v": 1}, build) == document
    assert build.calls == 2


def test_a_document_with_damaged_json_is_rebuilt(folder):
    build = Builder(DOCUMENT)
    cached_document("doc", {"v": 1}, build)
    (entry,) = folder.iterdir()
    header, rest, *strings = entry.read_text("utf-8").split("\n")
    entry.write_text("\n".join([header, rest.replace('"name"', '"name', 1), *strings]), "utf-8")
    assert cached_document("doc", {"v": 1}, build) == DOCUMENT
    assert build.calls == 2

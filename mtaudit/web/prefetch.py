"""Read web pages ahead of the audit in a background thread, so that network waits (and the per-host
delay) overlap with the analysis of the pages already read. At most ``depth`` pages wait in memory."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator

from mtaudit.errors import InputError
from mtaudit.ingest import Source

DEFAULT_DEPTH = 4
_POLL_SECONDS = 0.1
_END = object()


def prefetched(items: Iterable[str | Source], depth: int = DEFAULT_DEPTH) -> Iterator[str | Source]:
    """The same items in the same order, each web source already read (its document, or its error,
    replayed when the audit reads it). Files pass through unread. Closing the iterator stops the thread."""
    ready: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=_POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            for item in items:
                if stop.is_set() or not put(_read_now(item) if isinstance(item, Source) else item):
                    return
        except BaseException as problem:  # handed to the consumer, raised in its thread
            put(problem)
            return
        put(_END)

    thread = threading.Thread(target=work, name="mtaudit-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item = ready.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()


def _read_now(source: Source) -> Source:
    """``source`` read now, as a source that gives the same document (or error) again."""
    try:
        return Source.done(source.name, source.read())
    except InputError as problem:
        return Source.done(source.name, problem)

"""Watching the filings and templates folders under `mkdocs serve`: by the operating system's
change events (inotify, FSEvents, ReadDirectoryChangesW, through watchdog's native observer),
not by MkDocs' own watch, which polls every watched folder twice a second.

A poll lists and stats every file of the folder: at 10,000 filings (14,000 files and folders) an
idle `mkdocs serve` spent 37 % of a core on it, and during a rebuild the polling thread took the
interpreter from the build. Where no events come (a file system that sends none: the watch
cannot start), or when the plugin's `watch_by_polling` is set (a network or container mount
whose changes send no events), the folder is left to MkDocs' polling.
"""

from __future__ import annotations

import logging
from pathlib import Path

from watchdog.events import (DirDeletedEvent, DirMovedEvent, EventsLostEvent, FileAttribEvent, FileCreatedEvent,
                             FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileSystemEvent,
                             FileSystemEventHandler)
from watchdog.observers import Observer

log = logging.getLogger("mkdocs.plugins.filings")

#: The events of a change, the only ones asked of the system. Reading a file sends events too
#: (opened, accessed, closed without writing): each build reads every filing, and handling
#: those took 7 % of a rebuild at 10,000 filings. A folder's own events count when it goes
#: (deleted, or moved out with its files, of which no event comes); events lost, too.
CHANGES = (FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileAttribEvent,
           DirDeletedEvent, DirMovedEvent, EventsLostEvent)


class _Rebuild(FileSystemEventHandler):
    """Asks MkDocs' live-reload server for a rebuild on a change to a file (as its own watch does)."""

    def __init__(self, server) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not isinstance(event, CHANGES):
            return
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


class Watcher:
    """The folders watched by change events for one `mkdocs serve` (`watch`); one observer thread."""

    def __init__(self, server) -> None:
        self.server = server
        self.observer = None

    def watch(self, folder: Path, *, polling: bool = False) -> str:
        """Rebuild the site when a file under `folder` changes: by change events, else (`polling`,
        or events unavailable) by MkDocs' polling watch. How it is watched: "events" or "polling"."""
        server = self.server
        if not polling and hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild"):
            try:
                if self.observer is None:
                    observer = Observer()  # (a daemon thread, as watchdog's threads all are)
                    observer.start()
                    self.observer = observer
                self.observer.schedule(_Rebuild(server), str(folder), recursive=True, event_filter=list(CHANGES))
                return "events"
            except OSError as exc:  # e.g. inotify's limit of watches reached
                log.info("filings: no change events for %s (%s): polled instead", folder, exc)
        server.watch(str(folder))
        return "polling"

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer = None

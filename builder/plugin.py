"""The MkDocs plugin: hands MkDocs the pages generated from `filings/`.

Thin on purpose: the work lives in `builder.pipeline` and `builder.render`, which the
CLI calls the same way. Registered as the `filings` plugin (entry point `mkdocs.plugins`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from builder.pipeline import Progress, load_archive
from builder.render import render_site

log = logging.getLogger("mkdocs.plugins.filings")


class FilingsPluginConfig(base.Config):
    """Options of the `filings` plugin in `mkdocs.yml`; paths are relative to that file."""

    filings_dir = c.Type(str, default="filings")
    templates_dir = c.Type(str, default="site_templates")


class FilingsPlugin(BasePlugin[FilingsPluginConfig]):
    """Generates the archive's pages (home, registrants, reports, exhibits, problems)."""

    #: Set by the CLI to show the progress of the read and parse stages (see `load_archive`).
    progress: Progress | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Resolve the plugin's folders against the folder of `mkdocs.yml`."""
        base_dir = Path(config.config_file_path or ".").resolve().parent
        self.filings_dir = (base_dir / self.config.filings_dir).resolve()
        self.templates_dir = (base_dir / self.config.templates_dir).resolve()
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Read, parse and render the archive, and add every generated page and asset."""
        archive = self.archive = load_archive(self.filings_dir, progress=self.progress)
        nav_pages = _nav_paths(config.nav)
        for generated in render_site(archive, self.templates_dir, use_directory_urls=config.use_directory_urls):
            existing = files.get_file_from_path(generated.path)
            if existing is not None:
                files.remove(existing)
            inclusion = InclusionLevel.INCLUDED if generated.path in nav_pages else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, generated.path, content=generated.content, inclusion=inclusion))
        log.info(
            "filings: %d filings, %d registrants, %d problems from %s",
            len(archive.filings), len(archive.registrants), len(archive.problems), self.filings_dir,
        )
        return files

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Rebuild when a filing or a template changes while `mkdocs serve` runs."""
        for folder in (self.filings_dir, self.templates_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _nav_paths(nav) -> set[str]:
    """The page paths named in the `nav` of `mkdocs.yml`."""
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, str):
            found.add(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(nav or [])
    return found

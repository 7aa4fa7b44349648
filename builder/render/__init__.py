"""The render stage: the archive in, the site's Markdown pages and assets out.

Entry point: `render_site(archive, templates_dir)`. Page text lives in Jinja2 templates
under `site_templates/`; this package only chooses paths and fills templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.model.archive import Archive


@dataclass
class GeneratedFile:
    """A file of the site made by the render stage: a Markdown page or a binary asset."""

    path: str  #: relative to the docs folder, POSIX separators
    content: str | bytes


def render_site(archive: Archive, templates_dir: Path) -> list[GeneratedFile]:  # pragma: no cover
    raise NotImplementedError

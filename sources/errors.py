"""The root of citewatch's exceptions, and those of the sources package.

    CitewatchError            anything citewatch raises on purpose; the CLI prints its message
    ├── CitationModelError    the citation labeller's model file is missing or unreadable
    │                         (import it from sources.citation_model)
    ├── ArchiveError          the archive cannot go on: unwritable root, damaged WARC, missing
    │                         record (import it from sources.archive; carries `.path`)
    └── (claims.errors.ArticleError and its subclasses)

Fetching raises nothing: a failed fetch is a FetchResult with `.error` set.
"""

from __future__ import annotations


class CitewatchError(Exception):
    """Base class: the message is one line an editor can act on."""

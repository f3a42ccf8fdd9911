"""The root of citewatch's exceptions, and those of the sources package.

    CitewatchError            anything citewatch raises on purpose; the CLI prints its message
    └── (claims.errors.ArticleError and its subclasses)

Later stages (fetching, archiving) add their own subclasses here.
"""

from __future__ import annotations


class CitewatchError(Exception):
    """Base class: the message is one line an editor can act on."""

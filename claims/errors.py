"""Exceptions raised when an article cannot be read at all.

    CitewatchError                (sources.errors; every citewatch error derives from it)
    └── ArticleError              an article that cannot be turned into an `Article`
        ├── ArticleNotFound       no such file, or a directory
        ├── EmptyArticle          the file holds no text
        ├── UnsupportedFormat     not text, Markdown, PDF or HTML (binary garbage included)
        ├── UnreadablePdf         a corrupt or encrypted PDF
        ├── TooLarge              larger than the size limit (`claims.article.size_limit`)
        └── NoEndnotes            the article has no numbered notes to verify

Per-item problems (a note that cannot be parsed, an unmatched call) are not exceptions: they
are warnings on the parsed article.
"""

from __future__ import annotations

from pathlib import Path

from sources.errors import CitewatchError


class ArticleError(CitewatchError):
    """An article that cannot be read; the message says what to do."""

    def __init__(self, path: Path, problem: str, hint: str) -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        super().__init__(f"{path}: {problem}; {hint}")


class ArticleNotFound(ArticleError):
    pass


class EmptyArticle(ArticleError):
    pass


class UnsupportedFormat(ArticleError):
    pass


class UnreadablePdf(ArticleError):
    pass


class TooLarge(ArticleError):
    pass


class NoEndnotes(ArticleError):
    pass

"""citewatch's sources stage: endnotes, cited URLs, fetching, archiving and link health."""

__version__ = "0.1.0"

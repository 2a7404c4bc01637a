"""A PDF's text as pypdf extracts it, for tests that read what a page prints."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_lines(content: bytes) -> str:
    """Every page's text as extracted, pages joined by a line break."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def pdf_words(content: bytes) -> str:
    """All page text with runs of whitespace (line breaks included) made single spaces."""
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)

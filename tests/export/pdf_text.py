"""A PDF's text, page by page, as a reader's tool sees it: poppler's pdftotext when it is
installed (fast), else pypdf (pure Python, about 30 times slower on long reports)."""

from __future__ import annotations

import shutil
import subprocess

from pypdf import PdfReader


def page_lines(path) -> list[list[str]]:
    """Each page's non-empty lines of text, runs of whitespace made single spaces."""
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                             capture_output=True, text=True, check=True).stdout
        pages = out.split("\f")[:-1]  # every page ends with a form feed
    else:
        pages = [page.extract_text() for page in PdfReader(path).pages]
    return [[" ".join(line.split()) for line in page.splitlines() if line.strip()]
            for page in pages]

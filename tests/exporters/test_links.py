"""One link rule for every format: the table, then the same links read back from
DOCX (python-docx), PDF (pypdf) and Markdown (markdown-it-py)."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from markdown_it import MarkdownIt
from pypdf import PdfReader

from exporters.formats.docx import DocxExporter, DocxOptions
from exporters.formats.markdown import MarkdownExporter, MarkdownOptions
from exporters.formats.pdf import PdfExporter, PdfOptions
from exporters.links import safe_link
from exporters.model import Resume
from exporters.notes import collecting
from exporters.readers.markdown import read_markdown
from exporters.theme import resolve

# (what the user typed, the target a document may link to, or None for no link)
TABLE: list[tuple[str | None, str | None]] = [
    # Web pages, mail and phone are kept exactly as typed.
    ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
    ("http://example.com", "http://example.com"),
    ("HTTPS://EXAMPLE.COM", "HTTPS://EXAMPLE.COM"),
    ("mailto:jane@example.com", "mailto:jane@example.com"),
    ("tel:+1-555-0100", "tel:+1-555-0100"),
    # Bare addresses get the scheme a reader expects.
    ("jane@example.com", "mailto:jane@example.com"),
    ("example.com", "https://example.com"),
    ("www.example.com/me?tab=cv#top", "https://www.example.com/me?tab=cv#top"),
    ("me.example", "https://me.example"),
    # Whitespace can't sit in a URL; control characters are dropped.
    ("  https://example.com/my page ", "https://example.com/my%20page"),
    ("https://exa\x00mple.com", "https://example.com"),
    # Never clickable: code, the reader's own files, inline payloads...
    ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None),
    ("  javascript:alert(1)", None),
    ("java\nscript:alert(1)", None),
    ("vbscript:msgbox(1)", None),
    ("file:///etc/passwd", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("ftp://example.com/cv.pdf", None),
    # ...nor what is no address at all: relative paths, anchors, plain words.
    ("/etc/passwd", None),
    ("../cv.pdf", None),
    ("#top", None),
    ("//evil.example/x", None),
    ("example.com:8080/x", None),
    ("1.5 years", None),
    ("just words", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("href", "expected"), TABLE)
def test_safe_link(href: str | None, expected: str | None) -> None:
    assert safe_link(href) == expected


def test_cleaning_a_target_adds_no_note() -> None:
    # The field's own text is reported; a second note for the hidden target would confuse.
    with collecting() as notes:
        assert safe_link("https://exa\x07mple.com") == "https://example.com"
    assert notes == []


# --- the same rule in every format ------------------------------------------------------

LINKS = [href for href, _target in TABLE if href and "\n" not in href and "\x00" not in href]


@pytest.fixture(scope="module")
def resume() -> Resume:
    bullets = [f"[link {i}]({href.strip()})" for i, href in enumerate(LINKS)]
    return Resume.model_validate(
        {"basics": {"name": "Ann Lee"}, "work": [{"name": "Co", "highlights": bullets}]}
    )


def _expected() -> set[str]:
    targets = {safe_link(href.strip()) for href in LINKS}
    return {t for t in targets if t}


def _docx_targets(data: bytes) -> set[str]:
    document = docx.Document(io.BytesIO(data))
    rels = document.part.rels
    return {
        rels[link.get(qn("r:id"))].target_ref
        for link in document.element.body.iter(qn("w:hyperlink"))
    }


def _pdf_targets(data: bytes) -> set[str]:
    uris: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None:
                uris.add(str(action.get_object()["/URI"]))
    return uris


def _markdown_targets(text: str) -> set[str]:
    hrefs: set[str] = set()
    for token in MarkdownIt("commonmark").parse(text):
        for child in token.children or []:
            if child.type == "link_open":
                hrefs.add(str(child.attrs["href"]))
    return hrefs


def test_docx_links_follow_the_rule(resume: Resume) -> None:
    data = DocxExporter().export(resume, resolve(resume), DocxOptions())
    assert _docx_targets(data) == _expected()


def test_pdf_links_follow_the_rule(resume: Resume) -> None:
    data = PdfExporter().export(resume, resolve(resume), PdfOptions())
    assert _pdf_targets(data) == _expected()


def test_markdown_links_follow_the_rule_and_the_typed_targets_come_back(resume: Resume) -> None:
    data = MarkdownExporter().export(resume, resolve(resume), MarkdownOptions())
    text = data.decode("utf-8")
    # markdown-it normalizes the URL it renders (percent-encoding); compare the same way.
    normalize = MarkdownIt("commonmark").normalizeLink
    assert _markdown_targets(text) == {normalize(t) for t in _expected()}
    # What the visible text can't carry comes back through the round-trip comment.
    assert read_markdown(text).to_json_data() == resume.to_json_data()

"""Writes the résumé outline into a Word body as paragraphs, runs and hyperlinks.

Paragraphs are built directly as ``w:p`` elements carrying only a style id
and their runs: every look comes from the styles (see ``docx_styles``). The
ids are resolved once, because python-docx's ``add_paragraph(style=...)``
searches styles.xml again for every paragraph.

The structure is what ATS parsers read best: the name in "Title", section
titles in "Heading 1", each job's header line in "Heading 2" with the
position, a tab and the dates as separate runs, then the company and place on
their own line, and bullets in "List Bullet" backed by a real numbering list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree  # type: ignore[import-untyped]

from ..layout import SEPARATOR, Entry, Outline, Row, Section, display_url
from ..links import safe_link
from ..markup import Run, parse_inline
from .cleaning import clean
from .docx_styles import StyleIds, W

if TYPE_CHECKING:
    from docx.parts.document import DocumentPart

R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


class BodyWriter:
    def __init__(self, part: DocumentPart, ids: StyleIds, *, links: bool) -> None:
        self._part = part
        self._body = part.element.body
        self._ids = ids
        self._links = links
        # The section properties must stay the body's last child.
        self._sect_pr = self._body.find(f"{W}sectPr")
        if self._sect_pr is not None:
            self._body.remove(self._sect_pr)

    def finish(self) -> None:
        if self._sect_pr is not None:
            self._body.append(self._sect_pr)

    # -- the outline -------------------------------------------------------

    def outline(self, outline: Outline) -> None:
        if outline.name:
            self._runs(self._paragraph(self._ids.title), parse_inline(outline.name))
        if outline.label:
            self._runs(self._paragraph(self._ids.subtitle), parse_inline(outline.label))
        if outline.contacts:
            p = self._paragraph(self._ids.contact)
            for index, contact in enumerate(outline.contacts):
                if index:
                    self._run(p, SEPARATOR)
                self._runs(p, [Run(contact.text, href=contact.href)])
        for section in outline.sections:
            self._section(section)

    def _section(self, section: Section) -> None:
        # The PDF's order within a section: text, entries, labelled rows, bullets.
        self._runs(self._paragraph(self._ids.section), parse_inline(section.title))
        for text in section.paragraphs:
            self._runs(self._paragraph(None), parse_inline(text))
        for entry in section.entries:
            self._entry(entry)
        for row in section.rows:
            self._row(row)
        self._bullets(section.bullets)

    def _row(self, row: Row) -> None:
        label, value = parse_inline(row.label.strip()), parse_inline(row.value.strip())
        if not label and not value:
            return
        p = self._paragraph(self._ids.row)
        self._runs(p, [_bold(r) for r in label])
        if label and value:
            colon = "" if row.label.rstrip().endswith(":") else ":"
            self._run(p, colon, bold=True)
            self._run(p, " ")
        self._runs(p, value)

    def _entry(self, entry: Entry) -> None:
        # Position (or, lacking one, the organisation) leads; the dates sit on
        # a right tab stop in the same paragraph, in a run of their own, so a
        # parser gets title and dates as separate runs without a table.
        head = entry.title.strip() or entry.organization.strip()
        if head or entry.dates:
            p = self._paragraph(self._ids.entry)
            self._runs(p, parse_inline(head))
            if entry.dates:
                self._run(p, "\t" + entry.dates, style=self._ids.dates)

        org = parse_inline(entry.organization.strip()) if entry.title.strip() else []
        if entry.url.strip():
            if org:
                org.append(Run(SEPARATOR))
            org.append(Run(display_url(entry.url), href=entry.url.strip()))
        if org or entry.location.strip():
            p = self._paragraph(self._ids.details)
            self._runs(p, org)
            if entry.location.strip():
                self._run(p, "\t" + entry.location.strip(), style=self._ids.place)

        for text in entry.paragraphs:
            self._runs(self._paragraph(None), parse_inline(text))
        self._bullets(entry.bullets)
        for label, value in entry.details:
            p = self._paragraph(None)
            self._run(p, f"{label}:", italic=True)
            self._run(p, " ")
            self._runs(p, parse_inline(value))

    def _bullets(self, bullets: tuple[str, ...]) -> None:
        for bullet in bullets:
            runs = [Run(clean(r.text), r.bold, r.italic, r.href) for r in parse_inline(bullet)]
            # A bullet of nothing but control characters would print a lone "•".
            if any(r.text.strip() for r in runs):
                self._runs(self._paragraph(self._ids.bullet), runs)

    # -- WordprocessingML --------------------------------------------------

    def _paragraph(self, style_id: str | None) -> Any:
        p = etree.SubElement(self._body, f"{W}p")
        if style_id:
            ppr = etree.SubElement(p, f"{W}pPr")
            etree.SubElement(ppr, f"{W}pStyle").set(f"{W}val", style_id)
        return p

    def _runs(self, p: Any, runs: list[Run]) -> None:
        for run in runs:
            href = safe_link(run.href) if self._links else None
            if href:
                link = etree.SubElement(p, f"{W}hyperlink")
                link.set(R_ID, self._part.relate_to(href, HYPERLINK_REL, is_external=True))
                link.set(f"{W}history", "1")
                self._run(link, run.text, bold=run.bold, italic=run.italic, style=self._ids.link)
            else:
                self._run(p, run.text, bold=run.bold, italic=run.italic)

    def _run(
        self,
        parent: Any,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        style: str | None = None,
    ) -> None:
        text = clean(text)
        if not text:
            return
        r = etree.SubElement(parent, f"{W}r")
        if style or bold or italic:
            rpr = etree.SubElement(r, f"{W}rPr")
            if style:
                etree.SubElement(rpr, f"{W}rStyle").set(f"{W}val", style)
            if bold:
                etree.SubElement(rpr, f"{W}b")
                etree.SubElement(rpr, f"{W}bCs")
            if italic:
                etree.SubElement(rpr, f"{W}i")
                etree.SubElement(rpr, f"{W}iCs")
        # A newline inside a field is a line break, a tab a tab: Word keeps
        # neither as a character inside w:t.
        for line_no, line in enumerate(text.split("\n")):
            if line_no:
                etree.SubElement(r, f"{W}br")
            for piece_no, piece in enumerate(line.split("\t")):
                if piece_no:
                    etree.SubElement(r, f"{W}tab")
                if piece:
                    t = etree.SubElement(r, f"{W}t")
                    t.text = piece
                    t.set(XML_SPACE, "preserve")


def _bold(run: Run) -> Run:
    return Run(run.text, True, run.italic, run.href)

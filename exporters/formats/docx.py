"""ATS-safe Word document (python-docx).

What ATS.md asks of a DOCX, and how this file meets it:

- one column of paragraphs: no tables, text boxes, images, or header/footer
  content (contact details are body text under the name);
- Word's built-in styles, restyled from the theme: "Title" for the name,
  "Heading 1" for section titles, "Heading 2" for each job's header line,
  "List Bullet" backed by a numbering list that draws a real "•";
- a font every reader has (Calibri, with Carlito named as its alternate);
- core properties: title, author, subject, keywords, dates.

The text is ``exporters.layout.build_outline``'s, the same outline the PDF and
plain-text formats print, so all formats agree word for word.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..layout import build_outline
from ..markup import plain_text
from ..registry import ExporterInfo
from .cleaning import clean

if TYPE_CHECKING:
    from docx.document import Document

    from ..model.resume import Resume
    from ..theme import Theme

THUMBNAIL_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
STYLES_WITH_EFFECTS_REL = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


class DocxOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    links: bool = Field(
        True, description="make the email address and web addresses clickable links"
    )


class DocxExporter:
    info = ExporterInfo(
        name="docx",
        display_name="Word document (ATS-safe)",
        extension="docx",
        mime_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        options=DocxOptions,
        binary=True,
    )

    def export(self, resume: Resume, theme: Theme, options: DocxOptions | None = None) -> bytes:
        import docx

        from .docx_styles import apply_theme
        from .docx_writer import BodyWriter

        opts = options if isinstance(options, DocxOptions) else DocxOptions()
        document = docx.Document()
        _drop_template_leftovers(document)
        _page_setup(document, theme)
        ids = apply_theme(document, theme)
        writer = BodyWriter(document.part, ids, links=opts.links)
        writer.outline(build_outline(resume, theme.date_style))
        writer.finish()
        _core_properties(document, resume)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _page_setup(document: Document, theme: Theme) -> None:
    from docx.shared import Pt

    for section in document.sections:
        section.page_width = Pt(theme.page_width)
        section.page_height = Pt(theme.page_height)
        section.top_margin = Pt(theme.margin_top)
        section.bottom_margin = Pt(theme.margin_bottom)
        section.left_margin = Pt(theme.margin_side)
        section.right_margin = Pt(theme.margin_side)


def _drop_template_leftovers(document: Document) -> None:
    """Parts of python-docx's template that would contradict the résumé.

    - a JPEG preview of some other document: an image the file doesn't need
      and a wrong picture in file browsers;
    - ``stylesWithEffects.xml``, Word 2010's second copy of the *unstyled*
      template styles (438 KB of XML, half the save time);
    - "proofing done", which would stop Word from spell-checking the résumé.
    """
    for rels, reltype in (
        (document.part.package.rels, THUMBNAIL_REL),
        (document.part.rels, STYLES_WITH_EFFECTS_REL),
    ):
        for rel_id, rel in list(rels.items()):
            if rel.reltype == reltype:
                rels.pop(rel_id)
    settings = document.settings.element
    for child in list(settings):
        if child.tag.endswith("}proofState"):
            settings.remove(child)


def _core_properties(document: Document, resume: Resume) -> None:
    basics = resume.basics
    name = clean(plain_text(basics.name.strip()))
    skills = [
        clean(plain_text(keyword.strip()))
        for skill in resume.skills
        for keyword in (*skill.keywords, *(() if skill.keywords else (skill.name,)))
        if keyword.strip()
    ]
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props = document.core_properties
    # Word caps these fields at 255 characters and refuses longer ones.
    props.title = _cap(f"{name} — Résumé" if name else "Résumé")
    props.author = _cap(name)
    props.subject = _cap(clean(plain_text(basics.label.strip())))
    props.keywords = _cap(", ".join(dict.fromkeys(skills)))
    props.category = "Résumé"
    props.comments = ""
    props.last_modified_by = _cap(name)
    props.revision = 1
    props.created = now
    props.modified = now
    _remove_last_printed(document)


def _cap(text: str, limit: int = 255) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _remove_last_printed(document: Document) -> None:
    """The template says it was printed in 2013; a new résumé never was."""
    element = document.core_properties._element
    for child in list(element):
        if child.tag.endswith("}lastPrinted"):
            element.remove(child)

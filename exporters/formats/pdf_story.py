"""The résumé outline as platypus flowables, styled from the theme.

Hierarchy, top to bottom: the name large in the accent colour, the title line,
the contact line; section titles over a thin rule; for each entry the position
in bold with the dates flush right, then the organisation with the location
flush right; then paragraphs and "•" bullets with a hanging indent.

Keep rules: a section title travels with its first entry, an entry's header
with its first paragraph or bullet, and no paragraph is cut across pages
(see ``WholeParagraph``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from ..layout import SEPARATOR, Entry, Outline, Row, Section, display_url
from ..links import safe_link
from ..markup import balanced_pieces
from .pdf_flowables import Pieces, RuledTitle, TwoEnds, WholeParagraph
from .pdf_markup import escape, field_markup, plain_markup, text_markup

if TYPE_CHECKING:
    from ..fonts import FontSet
    from ..theme import Theme


@dataclass(frozen=True, slots=True)
class Styles:
    name: ParagraphStyle
    label: ParagraphStyle
    contact: ParagraphStyle
    heading: ParagraphStyle
    entry_title: ParagraphStyle
    entry_dates: ParagraphStyle
    entry_org: ParagraphStyle
    entry_place: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    row: ParagraphStyle
    detail: ParagraphStyle


def _piece_style(style: ParagraphStyle, first: bool, last: bool) -> ParagraphStyle:
    """A long field's pieces keep the field's indent and outer spacing, with no
    gap between them."""
    return ParagraphStyle(
        f"{style.name}-piece",
        parent=style,
        spaceBefore=style.spaceBefore if first else 0,
        spaceAfter=style.spaceAfter if last else 0,
        firstLineIndent=style.firstLineIndent if first else 0,
    )


def make_styles(theme: Theme, fonts: FontSet) -> Styles:
    text = HexColor(theme.text)
    muted = HexColor(theme.muted)
    accent = HexColor(theme.accent)
    body_size = theme.body_size
    leading = round(body_size * theme.line_spacing, 2)
    family = fonts.family

    def style(name: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": family,
            "fontSize": body_size,
            "leading": leading,
            "textColor": text,
            "allowWidows": 0,
            "allowOrphans": 0,
            # A 500-character "word" must still break inside the margins.
            "splitLongWords": 1,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    small_leading = round(theme.small_size * theme.line_spacing, 2)
    return Styles(
        name=style(
            "Name",
            fontName=fonts.bold,
            fontSize=theme.name_size,
            leading=theme.name_size * 1.15,
            textColor=accent,
            spaceAfter=1,
        ),
        label=style(
            "Label",
            fontSize=theme.label_size,
            leading=theme.label_size * 1.25,
            spaceAfter=2,
        ),
        contact=style(
            "Contact",
            fontSize=theme.small_size,
            leading=small_leading,
            textColor=muted,
            spaceAfter=2,
        ),
        heading=style(
            "Heading",
            fontName=fonts.bold,
            fontSize=theme.heading_size,
            leading=theme.heading_size * 1.2,
            textColor=accent,
            spaceBefore=10,
            spaceAfter=4,
        ),
        entry_title=style("EntryTitle", fontName=fonts.bold, fontSize=body_size + 0.5),
        entry_dates=style(
            "EntryDates", fontSize=theme.small_size, leading=small_leading, textColor=muted
        ),
        entry_org=style("EntryOrg", fontName=fonts.italic, spaceAfter=1),
        entry_place=style(
            "EntryPlace",
            fontName=fonts.italic,
            fontSize=theme.small_size,
            leading=small_leading,
            textColor=muted,
        ),
        body=style("Body", spaceBefore=1.5),
        bullet=style(
            "Bullet",
            leftIndent=_hanging_indent(theme, fonts),
            bulletIndent=_BULLET_INDENT,
            bulletFontName=fonts.regular,
            bulletFontSize=body_size,
            bulletColor=accent,
            spaceBefore=2.0,
        ),
        row=style("Row", spaceBefore=1.5, leftIndent=10, firstLineIndent=-10),
        detail=style("Detail", fontSize=theme.small_size, leading=small_leading, spaceBefore=1),
    )


_BULLET_INDENT = 1.5


def _hanging_indent(theme: Theme, fonts: FontSet) -> float:
    """Where bullet text starts: reportlab leaves 0.6 em after the bullet glyph
    and pushes the first line right if the indent is smaller, so match it and
    every line of a bullet starts at the same x."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    glyph = float(stringWidth(theme.bullet, fonts.regular, theme.body_size))
    return round(_BULLET_INDENT + glyph + 0.6 * theme.body_size + 0.05, 2)


class StoryBuilder:
    def __init__(self, theme: Theme, fonts: FontSet, frame_height: float) -> None:
        self.theme = theme
        self.fonts = fonts
        self.styles = make_styles(theme, fonts)
        self.frame_height = frame_height
        self.link_color = theme.accent

    # --- paragraphs -----------------------------------------------------

    def para(self, markup: str, style: ParagraphStyle, **kw: Any) -> Paragraph:
        return WholeParagraph(markup, style, self.frame_height, **kw)

    def field(self, text: str, style: ParagraphStyle, where: str = "") -> Flowable:
        return self._long(text, style, where)

    def bullet(self, text: str, where: str) -> Flowable:
        # The bullet is a real "•" from the embedded font: parsers recognise it.
        return self._long(text, self.styles.bullet, where, bulletText=self.theme.bullet)

    def _long(self, text: str, style: ParagraphStyle, where: str, **kw: Any) -> Flowable:
        """A field as one paragraph, or as consecutive pieces when it is very long."""
        pieces = balanced_pieces(text)
        if len(pieces) == 1:
            markup = field_markup(text, self.fonts, where=where, link_color=self.link_color)
            return self.para(markup, style, **kw)
        last = len(pieces) - 1
        return Pieces(
            [
                self.para(
                    field_markup(piece, self.fonts, where=where, link_color=self.link_color),
                    _piece_style(style, first=i == 0, last=i == last),
                    **(kw if i == 0 else {}),
                )
                for i, piece in enumerate(pieces)
            ]
        )

    # --- the page -------------------------------------------------------

    def story(self, outline: Outline) -> list[Any]:
        flow: list[Any] = self.header(outline)
        for section in outline.sections:
            flow.extend(self.section(section))
        return flow

    def header(self, outline: Outline) -> list[Any]:
        s = self.styles
        flow: list[Any] = []
        if outline.name:
            flow.append(Paragraph(plain_markup(outline.name, self.fonts, where="the name"), s.name))
        if outline.label:
            flow.append(self.field(outline.label, s.label, "the title line"))
        if outline.contacts:
            parts = []
            for contact in outline.contacts:
                body = plain_markup(contact.text, self.fonts, where="the contact details")
                href = safe_link(contact.href)
                parts.append(f'<a href="{_attr(href)}">{body}</a>' if href and body else body)
            separator = text_markup(SEPARATOR, self.fonts)
            flow.append(Paragraph(separator.join(p for p in parts if p), s.contact))
        if flow:
            flow.append(Spacer(1, 3))
        return flow

    def section(self, section: Section) -> list[Any]:
        s = self.styles
        title = self.para(
            plain_markup(section.title, self.fonts, where="a section title"), s.heading
        )
        heading = RuledTitle(
            title,
            HexColor(self.theme.accent),
            thickness=0.6 if self.theme.section_rule else 0,
            gap=2.5,
            frame_height=self.frame_height,
        )
        where = f"“{section.title}”"
        # Each block is (what must stay together, what may follow on the next page).
        blocks: list[tuple[list[Any], list[Any]]] = []
        blocks.extend(([self.field(p, s.body, where)], []) for p in section.paragraphs)
        blocks.extend(self.entry(e, where, first=i == 0) for i, e in enumerate(section.entries))
        blocks.extend(([self.row(r, where)], []) for r in section.rows)
        blocks.extend(([self.bullet(b, where)], []) for b in section.bullets)
        if not blocks:
            return [heading]
        # The title goes with the first block's head: never alone at a page's foot.
        keep, rest = blocks[0]
        flow: list[Any] = [KeepTogether([heading, *keep]), *rest]
        for keep, rest in blocks[1:]:
            flow.extend([KeepTogether(keep)] if len(keep) > 1 else keep)
            flow.extend(rest)
        return flow

    def entry(self, entry: Entry, where: str, *, first: bool) -> tuple[list[Any], list[Any]]:
        """An entry's header with its first line of content, then the rest."""
        s = self.styles
        head: list[Any] = []
        title = entry.title or entry.organization
        org = entry.organization if entry.title else ""
        if title or entry.dates:
            head.append(
                TwoEnds(
                    self.field(title, s.entry_title, where),
                    self.field(entry.dates, s.entry_dates, where) if entry.dates else None,
                    space_before=0 if first else _ENTRY_GAP,
                    frame_height=self.frame_height,
                )
            )
        org_markup = field_markup(org, self.fonts, where=where, link_color=self.link_color)
        if entry.url.strip():
            link = _url_link(entry.url, self.fonts, self.link_color)
            org_markup = (
                org_markup + text_markup(SEPARATOR, self.fonts) + link if org_markup else link
            )
        if org_markup or entry.location:
            head.append(
                TwoEnds(
                    self.para(org_markup, s.entry_org),
                    self.field(entry.location, s.entry_place, where) if entry.location else None,
                    frame_height=self.frame_height,
                )
            )
        body: list[Any] = [self.field(p, s.body, where) for p in entry.paragraphs]
        body.extend(self.bullet(b, where) for b in entry.bullets)
        for label, value in entry.details:
            markup = f"<i>{text_markup(label, self.fonts)}:</i> " + field_markup(
                value, self.fonts, where=where, link_color=self.link_color
            )
            body.append(self.para(markup, s.detail))
        return [*head, *body[:1]], body[1:]

    def row(self, row: Row, where: str) -> Paragraph:
        label = field_markup(row.label, self.fonts, where=where, link_color=self.link_color)
        value = field_markup(row.value, self.fonts, where=where, link_color=self.link_color)
        if label and value:
            colon = "" if row.label.rstrip().endswith(":") else ":"
            markup = f"<b>{label}{colon}</b> {value}"
        else:
            markup = f"<b>{label}</b>" if label else value
        return self.para(markup, self.styles.row)


# Room above every entry but a section's first: roles read as separate blocks.
_ENTRY_GAP = 8.0


def _url_link(url: str, fonts: FontSet, color: str) -> str:
    body = plain_markup(display_url(url), fonts, where="a link")
    href = safe_link(url.strip())
    if not href:
        return body
    return f'<a href="{_attr(href)}" color="{color}">{body}</a>'


def _attr(value: str | None) -> str:
    return escape(value or "")

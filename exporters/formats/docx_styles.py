"""The Word styles of an exported résumé: built-in styles restyled from the theme.

Everything that gives the document its look lives in styles.xml and
numbering.xml, never on single paragraphs, so someone who edits the file in
Word finds "Title", "Heading 1", "Heading 2" and "List Bullet" already looking
right and can add a job that matches the others.

Word resolves theme fonts and theme colours *before* explicit ones, so the
template's ``asciiTheme``/``themeColor`` attributes are removed wherever a
style is restyled; otherwise Word would keep Cambria headings in Office blue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lxml import etree  # type: ignore[import-untyped]

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import BaseStyle

    from ..theme import Theme

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

# Generic families let Word and LibreOffice pick a look-alike when the named
# font is missing (a DOCX cannot embed fonts).
_SERIF = {"cambria", "georgia", "times new roman", "garamond", "book antiqua", "palatino"}
# Metric-compatible open fonts, named as alternates in the font table.
_ALTERNATES = {"calibri": "Carlito", "cambria": "Caladea", "arial": "Liberation Sans"}
_FONT_ATTRS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_FONT_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
_PPR_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)

# Names of the styles this module creates next to the built-in ones.
CONTACT_STYLE = "Contact Line"
DETAILS_STYLE = "Entry Details"
DATES_STYLE = "Entry Dates"
PLACE_STYLE = "Entry Place"
ROW_STYLE = "Labelled Line"
LINK_STYLE = "Hyperlink"
# The PDF's bullet geometry: text 12 pt in, the bullet 2.5 pt in.
BULLET_INDENT_TWIPS = 240
BULLET_HANG_TWIPS = 190


@dataclass(frozen=True, slots=True)
class StyleIds:
    """Style ids resolved once per export: looking a style up by name rescans
    styles.xml, which cost ~40% of the export when done per paragraph."""

    title: str
    subtitle: str
    contact: str
    section: str
    entry: str
    details: str
    row: str
    place: str
    bullet: str
    dates: str
    link: str


def apply_theme(document: Document, theme: Theme) -> StyleIds:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Pt, RGBColor

    styles = document.styles
    text = RGBColor.from_string(_hex(theme.text))
    accent = RGBColor.from_string(_hex(theme.accent))
    muted = RGBColor.from_string(_hex(theme.muted))
    font = theme.docx_font

    _document_defaults(document, theme)
    _font_table(document, font)

    normal = styles["Normal"]
    _font(normal, font, theme.body_size, text)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(2)
    _leading(fmt, theme.body_size * theme.line_spacing)
    fmt.widow_control = True

    title = styles["Title"]
    _font(title, font, theme.name_size, accent, bold=True)
    _clear(title, "pBdr", "contextualSpacing")
    _rpr_clear(title, "spacing", "kern")
    fmt = title.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(2)
    fmt.line_spacing = 1.0
    fmt.keep_with_next = True

    subtitle = styles["Subtitle"]
    _font(subtitle, font, theme.label_size, text, italic=False)
    _rpr_clear(subtitle, "spacing")
    fmt = subtitle.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(2)
    fmt.keep_with_next = True

    contact = _custom(styles, CONTACT_STYLE, WD_STYLE_TYPE.PARAGRAPH, normal)
    _font(contact, font, theme.small_size, muted)
    fmt = contact.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    fmt.space_after = Pt(3)

    section = styles["Heading 1"]
    _font(section, font, theme.heading_size, accent, bold=True)
    fmt = section.paragraph_format
    fmt.space_before = Pt(10)
    fmt.space_after = Pt(4)
    _leading(fmt, theme.heading_size * theme.line_spacing)
    fmt.keep_with_next = True
    fmt.keep_together = True
    if theme.section_rule:
        _bottom_border(section, theme.accent)

    # The tab stop sits exactly on the right margin, so dates end flush right.
    entry = styles["Heading 2"]
    _font(entry, font, theme.body_size + 0.5, text, bold=True)
    fmt = entry.paragraph_format
    fmt.space_before = Pt(7)
    fmt.space_after = Pt(0)
    fmt.keep_with_next = True
    fmt.keep_together = True
    fmt.tab_stops.add_tab_stop(Pt(theme.text_width), WD_TAB_ALIGNMENT.RIGHT)

    # Organisation on the left, place flush right: the same two ends as the PDF.
    details = _custom(styles, DETAILS_STYLE, WD_STYLE_TYPE.PARAGRAPH, normal)
    _font(details, font, theme.body_size, text, italic=True)
    fmt = details.paragraph_format
    fmt.space_after = Pt(1)
    fmt.keep_with_next = True
    fmt.tab_stops.add_tab_stop(Pt(theme.text_width), WD_TAB_ALIGNMENT.RIGHT)

    # Skill groups, languages: a wrapped line hangs under the label's start.
    row = _custom(styles, ROW_STYLE, WD_STYLE_TYPE.PARAGRAPH, normal)
    fmt = row.paragraph_format
    fmt.space_before = Pt(1.5)
    fmt.space_after = Pt(0)
    fmt.keep_together = True
    fmt.left_indent = Pt(10)
    fmt.first_line_indent = Pt(-10)

    bullet = styles["List Bullet"]
    _font(bullet, font, theme.body_size, text)
    _clear(bullet, "contextualSpacing")
    fmt = bullet.paragraph_format
    fmt.space_before = Pt(2)
    fmt.space_after = Pt(0)
    # A bullet is never cut across pages (as in the PDF): parsers join pages
    # without a break, and a reader loses the thread.
    fmt.keep_together = True
    fmt.left_indent = Pt(BULLET_INDENT_TWIPS / 20)
    fmt.first_line_indent = Pt(-BULLET_HANG_TWIPS / 20)
    _bullet_numbering(document, bullet, font, theme)

    dates = _custom(styles, DATES_STYLE, WD_STYLE_TYPE.CHARACTER, None)
    _font(dates, font, theme.small_size, muted, bold=False, italic=False)

    place = _custom(styles, PLACE_STYLE, WD_STYLE_TYPE.CHARACTER, None)
    _font(place, font, theme.small_size, muted, bold=False, italic=True)

    link = _custom(styles, LINK_STYLE, WD_STYLE_TYPE.CHARACTER, None)
    link.font.color.rgb = accent
    link.font.underline = True

    # The template's other headings keep Cambria and Office blue otherwise.
    for name in ("Heading 3", "Heading 4"):
        _font(styles[name], font, theme.body_size, text, bold=True)

    return StyleIds(
        title=title.style_id,
        subtitle=subtitle.style_id,
        contact=contact.style_id,
        section=section.style_id,
        entry=entry.style_id,
        details=details.style_id,
        row=row.style_id,
        place=place.style_id,
        bullet=bullet.style_id,
        dates=dates.style_id,
        link=link.style_id,
    )


def _leading(fmt: Any, points: float) -> None:
    """The theme's line spacing is a PDF leading: ``size × line_spacing`` from
    baseline to baseline. Word's "multiple" would multiply the font's own line
    height (1.22 em for Calibri) instead, so the DOCX would run a page longer
    than the PDF. "At least" this leading gives the same lines and still lets
    a line with a taller fallback glyph (CJK, emoji) grow instead of clipping."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt.line_spacing = Pt(points)
    fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST


def _hex(colour: str) -> str:
    value = colour.lstrip("#")
    return value.upper() if len(value) == 6 else "000000"


def _custom(styles: Any, name: str, kind: Any, base: BaseStyle | None) -> Any:
    """Add a style to the fresh template. ``styles.add_style`` would first scan
    every style for the name (a third of the export time); the template is
    known not to have these."""
    from docx.styles.style import StyleFactory

    style: Any = StyleFactory(styles.element.add_style_of_type(name, kind, False))
    if base is not None:
        style.base_style = base
    style.quick_style = True
    return style


def _font(
    style: Any,
    family: str,
    size: float,
    colour: Any,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
) -> None:
    from docx.shared import Pt

    font = style.font
    font.name = family
    font.size = Pt(size)
    font.color.rgb = colour
    if bold is not None:
        font.bold = bold
        font.complex_script_bold = bold
    if italic is not None:
        font.italic = italic
        font.complex_script_italic = italic
    _set_fonts(style.element.get_or_add_rPr(), family)
    # Word sizes complex-script text (Arabic, Hebrew) by szCs, not sz.
    size_cs = style.element.rPr.find(f"{W}szCs")
    if size_cs is None:
        size_cs = etree.SubElement(style.element.rPr, f"{W}szCs")
        style.element.rPr.find(f"{W}sz").addnext(size_cs)
    size_cs.set(f"{W}val", str(round(size * 2)))


def _set_fonts(rpr: Any, family: str) -> None:
    """Name the font for every script, dropping the theme-font indirection."""
    fonts = rpr.get_or_add_rFonts()
    for attr in _THEME_FONT_ATTRS:
        fonts.attrib.pop(f"{W}{attr}", None)
    for attr in _FONT_ATTRS:
        fonts.set(f"{W}{attr}", family)


def _clear(style: Any, *tags: str) -> None:
    ppr = style.element.pPr
    if ppr is None:
        return
    for tag in tags:
        for child in ppr.findall(f"{W}{tag}"):
            ppr.remove(child)


def _rpr_clear(style: Any, *tags: str) -> None:
    rpr = style.element.rPr
    if rpr is None:
        return
    for tag in tags:
        for child in rpr.findall(f"{W}{tag}"):
            rpr.remove(child)


def _bottom_border(style: Any, colour: str) -> None:
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(f"{W}pBdr"):
        ppr.remove(old)
    borders = ppr.makeelement(f"{W}pBdr", {})
    bottom = etree.SubElement(borders, f"{W}bottom")
    bottom.set(f"{W}val", "single")
    bottom.set(f"{W}sz", "6")  # eighths of a point: a 0.75 pt rule
    bottom.set(f"{W}space", "1")
    bottom.set(f"{W}color", _hex(colour))
    ppr.insert_element_before(borders, *_PPR_AFTER_PBDR)


def _document_defaults(document: Document, theme: Theme) -> None:
    """Styles the résumé doesn't use (Header, Quote, …) still get the theme's font."""
    root = document.styles.element
    defaults = root.find(f"{W}docDefaults")
    if defaults is None:
        return
    rpr = defaults.find(f"{W}rPrDefault/{W}rPr")
    if rpr is not None:
        _set_fonts(rpr, theme.docx_font)
        for tag in ("sz", "szCs"):
            node = rpr.find(f"{W}{tag}")
            if node is not None:
                node.set(f"{W}val", str(round(theme.body_size * 2)))
    spacing = defaults.find(f"{W}pPrDefault/{W}pPr/{W}spacing")
    if spacing is not None:
        spacing.set(f"{W}after", "0")
        spacing.set(f"{W}line", str(round(20 * theme.body_size * theme.line_spacing)))
        spacing.set(f"{W}lineRule", "atLeast")


def _bullet_numbering(document: Document, style: Any, family: str, theme: Theme) -> None:
    """Point "List Bullet" at a numbering level drawing a real "•" in the body font.

    The template's bullet is U+F0B7 in the Symbol font: a private-use character
    that text extraction returns as garbage and ATS parsers don't recognise.
    """
    numbering = document.part.numbering_part.element
    num_pr = style.element.pPr.numPr
    num_id = num_pr.numId.val
    num = next(n for n in numbering.num_lst if n.numId == num_id)
    abstract_id = num.abstractNumId.val
    abstract = next(
        a
        for a in numbering.findall(f"{W}abstractNum")
        if a.get(f"{W}abstractNumId") == str(abstract_id)
    )
    level = abstract.find(f"{W}lvl")
    level.find(f"{W}numFmt").set(f"{W}val", "bullet")
    level.find(f"{W}lvlText").set(f"{W}val", theme.bullet)
    ppr = level.find(f"{W}pPr")
    for tab in ppr.iterfind(f"{W}tabs/{W}tab"):
        tab.set(f"{W}pos", str(BULLET_INDENT_TWIPS))
    indent = ppr.find(f"{W}ind")
    indent.set(f"{W}left", str(BULLET_INDENT_TWIPS))
    indent.set(f"{W}hanging", str(BULLET_HANG_TWIPS))
    rpr = level.find(f"{W}rPr")
    fonts = rpr.find(f"{W}rFonts")
    for attr in _FONT_ATTRS:
        fonts.set(f"{W}{attr}", family)
    colour = etree.SubElement(rpr, f"{W}color")  # rFonts comes first, color after
    colour.set(f"{W}val", _hex(theme.accent))


def _font_table(document: Document, family: str) -> None:
    """Describe the font's family and a metric-compatible alternate, so a reader
    without it substitutes a look-alike instead of Times New Roman."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = document.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    entry = next((f for f in root.findall(f"{W}font") if f.get(f"{W}name") == family), None)
    if entry is None:
        entry = etree.SubElement(root, f"{W}font")
        entry.set(f"{W}name", family)
    for child in list(entry):
        if child.tag in (f"{W}altName", f"{W}family"):
            entry.remove(child)
    alternate = _ALTERNATES.get(family.lower())
    if alternate:
        alt = etree.Element(f"{W}altName")
        alt.set(f"{W}val", alternate)
        entry.insert(0, alt)
    kind = etree.Element(f"{W}family")
    kind.set(f"{W}val", "roman" if family.lower() in _SERIF else "swiss")
    # CT_Font order: altName, panose1, charset, family, …
    anchor = next(
        (
            a
            for tag in ("charset", "panose1", "altName")
            if (a := entry.find(f"{W}{tag}")) is not None
        ),
        None,
    )
    if anchor is not None:
        anchor.addnext(kind)
    else:
        entry.insert(0, kind)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

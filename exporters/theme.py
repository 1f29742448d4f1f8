"""The look shared by the PDF and the DOCX: type, sizes, colour, margins, page, dates.

A theme is a frozen value. The résumé's own settings (page size, date style,
theme name in ``meta.resumeStudio``) pick and adjust it through ``resolve``;
explicit overrides from the CLI or the export dialog win over both.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from .model.dates import DateStyle
from .model.resume import Resume

PageSize = Literal["letter", "a4"]

# Points (1/72 inch).
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "letter": (612.0, 792.0),
    "a4": (595.2756, 841.8898),
}


@dataclass(frozen=True, slots=True)
class Theme:
    key: str
    display_name: str
    # PDF fonts are the bundled TrueType families (see exporters/fonts.py).
    # The DOCX can't embed fonts, so it names one every reader has; Carlito is
    # metric-compatible with Calibri, so the two documents break lines alike.
    pdf_font: str = "Carlito"
    docx_font: str = "Calibri"
    name_size: float = 22.0
    label_size: float = 11.5
    heading_size: float = 11.0
    body_size: float = 10.0
    small_size: float = 9.5
    line_spacing: float = 1.2  # multiple of the font size (ATS.md: at least 1.15)
    accent: str = "#1F4E79"  # name, section titles and rules
    text: str = "#1A1A1A"
    muted: str = "#4A4A4A"  # dates, locations, contact line
    margin_top: float = 0.55 * 72
    margin_bottom: float = 0.55 * 72
    margin_side: float = 0.65 * 72
    page_size: PageSize = "letter"
    date_style: DateStyle = DateStyle.SHORT
    section_rule: bool = True
    bullet: str = "\u2022"

    @property
    def page_width(self) -> float:
        return PAGE_SIZES[self.page_size][0]

    @property
    def page_height(self) -> float:
        return PAGE_SIZES[self.page_size][1]

    @property
    def text_width(self) -> float:
        return self.page_width - 2 * self.margin_side


CLASSIC = Theme(key="classic", display_name="Classic")

THEMES: dict[str, Theme] = {CLASSIC.key: CLASSIC}
DEFAULT_THEME = CLASSIC.key


def get_theme(key: str | None) -> Theme:
    if not key:
        return THEMES[DEFAULT_THEME]
    try:
        return THEMES[key.lower()]
    except KeyError:
        known = ", ".join(THEMES)
        raise KeyError(f"unknown theme '{key}' (available: {known})") from None


def resolve(
    resume: Resume,
    *,
    theme: str | None = None,
    page_size: PageSize | None = None,
    date_style: DateStyle | None = None,
) -> Theme:
    """The theme a résumé asks for, with its page size and date style applied,
    then any explicit override."""
    settings = resume.settings
    chosen = get_theme(theme or settings.theme)
    return replace(
        chosen,
        page_size=page_size or settings.pageSize or chosen.page_size,
        date_style=DateStyle(date_style or settings.dateStyle or chosen.date_style),
    )

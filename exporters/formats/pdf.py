"""PDF: one column, embedded TrueType fonts, text that extracts exactly as typed.

What ATS.md asks of a PDF and where it happens:
- every character in an embedded TrueType font with a ToUnicode map, bullets
  included (``exporters.fonts``; reportlab writes the map for its subsets);
- a role's header kept with its first bullet, no heading alone at a page's foot,
  no bullet cut by a page break (``pdf_story``);
- Title, Author and Subject metadata; email and web addresses as real links that
  also show their text;
- "Page 1 of 2" drawn last on each page, in the bottom margin, so extraction
  reads it after the page's text and never inside a bullet.

reportlab is imported inside ``export`` so that the CLI's other formats start fast.
"""

from __future__ import annotations

import io
import threading
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from ..layout import build_outline
from ..registry import ExporterInfo, ExportError

if TYPE_CHECKING:
    from ..model.resume import Resume
    from ..theme import Theme


# reportlab keeps module-level state (font caches, the paragraph line-breaking
# helpers) that is not safe to share between two layouts at once; the preview
# thread and an export may render together, so layouts take turns.
_LAYOUT_LOCK = threading.Lock()


class PdfOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    page_numbers: bool = Field(
        True, description='print "Page 1 of 2" at the foot of each page when there are several'
    )


class PdfExporter:
    info = ExporterInfo(
        name="pdf",
        display_name="PDF document",
        extension="pdf",
        mime_type="application/pdf",
        options=PdfOptions,
        binary=True,
    )

    def export(self, resume: Resume, theme: Theme, options: Any = None) -> bytes:
        opts = (
            options if isinstance(options, PdfOptions) else PdfOptions.model_validate(options or {})
        )
        try:
            with _LAYOUT_LOCK:
                return _render(resume, theme, opts)
        except ExportError:
            raise
        except Exception as exc:  # reportlab's LayoutError and friends, in plain words
            raise ExportError(
                f"the PDF could not be laid out ({type(exc).__name__}: {exc})"
            ) from exc


def _render(resume: Resume, theme: Theme, options: PdfOptions) -> bytes:
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from ..fonts import font_set
    from ..markup import plain_text
    from .pdf_markup import quiet_clean
    from .pdf_story import StoryBuilder

    fonts = font_set(theme.pdf_font)
    outline = build_outline(resume, theme.date_style)
    buffer = io.BytesIO()
    # The page itself reports removed characters; the metadata just drops them.
    name = quiet_clean(outline.name)
    label = quiet_clean(plain_text(outline.label))
    doc = BaseDocTemplate(
        buffer,
        pagesize=(theme.page_width, theme.page_height),
        leftMargin=theme.margin_side,
        rightMargin=theme.margin_side,
        topMargin=theme.margin_top,
        bottomMargin=theme.margin_bottom,
        title=f"{name} — Résumé" if name else "Résumé",
        author=name,
        subject=label,
        creator="Résumé Studio",
        producer="Résumé Studio (reportlab)",
        lang="en",
    )
    # No frame padding: the theme's margins are the real distance to the text.
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    builder = StoryBuilder(theme, fonts, frame_height=doc.height)
    story = builder.story(outline)
    if not story:
        from reportlab.platypus import Spacer

        story = [Spacer(1, 1)]  # an empty résumé is a blank page, not an error
    footer = _Footer(theme, fonts.regular) if options.page_numbers else None
    doc.build(story, canvasmaker=_canvas_maker(footer, fonts.regular, theme.body_size))
    return buffer.getvalue()


class _Footer:
    def __init__(self, theme: Theme, font: str) -> None:
        self.theme = theme
        self.font = font

    def draw(self, canv: Any, page: int, pages: int) -> None:
        from reportlab.lib.colors import HexColor

        theme = self.theme
        size = max(theme.small_size - 1, 7.5)
        canv.saveState()
        canv.setFont(self.font, size)
        canv.setFillColor(HexColor(theme.muted))
        y = max(theme.margin_bottom / 2 - size / 3, 10)
        canv.drawRightString(theme.page_width - theme.margin_side, y, f"Page {page} of {pages}")
        canv.restoreState()


def _canvas_maker(footer: _Footer | None, font: str, size: float) -> Any:
    """A canvas that holds each page back until the page count is known, then
    draws the footer last, after everything else on the page."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # reportlab starts every page in Helvetica, which is never embedded;
            # start in the embedded face so no base-14 font is referenced.
            kwargs["initialFontName"] = font
            kwargs["initialFontSize"] = size
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if footer is not None and total > 1:
                    footer.draw(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas

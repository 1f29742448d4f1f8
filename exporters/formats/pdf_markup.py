"""A résumé field as reportlab paragraph markup.

reportlab reads ``<b>``, ``<i>``, ``<a href>`` and ``<font>`` out of the text it
is given, so every character the user typed is XML-escaped first: ``<b>`` or
``&amp;`` in a bullet must print literally. Bold, italic and links come only from
the field's inline Markdown (``exporters.markup``), and each run is split by font
coverage so a symbol or a Chinese name is set in a font that has it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..links import safe_link
from ..markup import Run, parse_inline
from ..notes import collecting, note
from .cleaning import normalize_newlines, strip_control

if TYPE_CHECKING:
    from ..fonts import FontSet

_SURROGATE = re.compile("[\ud800-\udfff]")
# Scripts written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko…
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def clean(text: str, where: str = "") -> str:
    """Text reportlab can carry: no control characters, no lone surrogates."""
    text = strip_control(normalize_newlines(text), where)
    # Unicode's own line and paragraph separators: no font draws them.
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    if _SURROGATE.search(text):
        note("removed broken characters (unpaired UTF-16 surrogates)")
        text = _SURROGATE.sub("", text)
    if _RTL.search(text):
        note(
            "right-to-left text (Hebrew, Arabic…) is printed in the PDF left to right and "
            "without joined letter forms, so it may read wrongly; the DOCX export handles it"
        )
    return text


def quiet_clean(text: str) -> str:
    """``clean`` without notes, for copies of text the page already reported on."""
    with collecting():
        return clean(text)


def escape(text: str) -> str:
    # Quotes too: the same helper writes attribute values.
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def runs_markup(runs: list[Run], fonts: FontSet, link_color: str | None = None) -> str:
    """Paragraph markup for runs whose text is already clean."""
    out: list[str] = []
    for run in runs:
        body = text_markup(run.text, fonts)
        if not body:
            continue
        if run.italic:
            body = f"<i>{body}</i>"
        if run.bold:
            body = f"<b>{body}</b>"
        href = safe_link(run.href)
        if href:
            color = f' color="{link_color}"' if link_color else ""
            body = f'<a href="{escape(href)}"{color}>{body}</a>'
        out.append(body)
    return "".join(out)


def text_markup(text: str, fonts: FontSet) -> str:
    """Plain text as markup: escaped, line breaks kept, fallback fonts applied."""
    parts: list[str] = []
    for segment in fonts.segments(text):
        body = escape(segment.text).replace("\n", "<br/>")
        if segment.font:
            body = f'<font name="{segment.font}">{body}</font>'
        parts.append(body)
    return "".join(parts)


def field_markup(
    text: str, fonts: FontSet, *, where: str = "", link_color: str | None = None
) -> str:
    """A field with inline Markdown (``**bold**``, ``[link](url)``) as markup."""
    return runs_markup(parse_inline(clean(text, where)), fonts, link_color)


def plain_markup(text: str, fonts: FontSet, *, where: str = "") -> str:
    """A field printed exactly as typed: no Markdown, just escaping and fonts."""
    return text_markup(clean(text, where), fonts)

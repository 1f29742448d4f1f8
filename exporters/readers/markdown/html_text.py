"""HTML in a Markdown résumé: entities, and the header block read as inline Markdown."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ...markup import escape_markdown

HTML_HEADING = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1\s*>\s*$", re.I | re.S)
HTML_ONLY = re.compile(r"^\s*(?:</?[a-zA-Z][^>]*>\s*)+$")
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
TAG_LINE = re.compile(r"^\s*</?[a-zA-Z][^>]*>")

_ENTITY_REF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MARKUP_CHARS = frozenset("\\`*_[]<>|#&!-+.()")


def decode_entities(line: str) -> str:
    """``&lt;``, ``&#124;``, ``&amp;`` -> the character, escaped where it could be markup.

    Markdown renderers show an entity as its character; a character that stands
    for itself must not turn into markup on the way in.
    """

    def one(match: re.Match[str]) -> str:
        chars = html.unescape(match.group(0))
        if chars == match.group(0):
            return chars  # not an entity anyone knows: the text as typed
        return "".join("\\" + c if c in _MARKUP_CHARS else c for c in chars)

    return _ENTITY_REF.sub(one, line)


class _HtmlToMarkdown(HTMLParser):
    """Inline HTML (a header block) as inline Markdown: b/strong, i/em, links, br.

    Every other tag is dropped and its text kept literally; nothing is fetched.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"b", "strong"}:
            self.out.append("**")
        elif tag in {"i", "em"}:
            self.out.append("*")
        elif tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            self.hrefs.append(href)
            self.out.append("[" if href else "")
        elif tag == "br":
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"b", "strong"}:
            self.out.append("**")
        elif tag in {"i", "em"}:
            self.out.append("*")
        elif tag == "a" and self.hrefs:
            href = self.hrefs.pop()
            self.out.append(f"]({href.replace(' ', '%20')})" if href else "")

    def handle_data(self, data: str) -> None:
        self.out.append(escape_markdown(data))


def html_to_markdown(fragment: str) -> str:
    parser = _HtmlToMarkdown()
    parser.feed(fragment)
    parser.close()
    while parser.hrefs:  # an <a> never closed
        parser.handle_endtag("a")
    return "".join(parser.out)

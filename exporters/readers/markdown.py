"""Import a Markdown résumé: the bundled sample's shape and the common plain shapes.

What is understood
------------------
Header (everything before the first section heading):

* ``# Name`` (or a first line, or a setext ``===`` heading), or an HTML header
  block such as the sample's ``<div align="center">`` with ``<h1>Name</h1>``,
  ``<h3>Title</h3>`` and a fenced code block of contact lines. Header HTML is
  read as inline Markdown (``<b>``, ``<i>`` and ``<a href>`` kept, every other
  tag dropped, its text literal); nothing is fetched or run. HTML anywhere
  else is plain text.
* The title line (``basics.label``): a sub-heading, or a plain/bold line that is
  not a contact line.
* Contact lines, items separated by ``|``, ``·`` or ``•`` (or one per line):
  e-mails (also ``mailto:`` links), phones, URLs (LinkedIn/GitHub/... links
  become ``basics.profiles``; ``**Network:** [user](url)`` is a profile too; any
  other URL is ``basics.url``) and a location (``City, Region``,
  ``City, CC``, ``Address, City, Region, Postcode, CC``; ``Location:``,
  ``Email:``, ``Phone:``, ``Website:`` labels are understood).
* A paragraph under the header becomes the summary when there is no summary
  section.

Sections are the outermost headings after the name (``##``, or ``#``), plus any
``#``/``##`` heading whose words name a section; they are mapped
by keywords in their titles (see ``SECTION_KEYWORDS``); a title other than the
default is kept in ``meta.resumeStudio.sectionTitles``, the order in
``sectionOrder``, and a section no keyword fits is kept whole as a custom
section. A heading may carry ``<!-- resume-studio:KEY -->`` naming its key (the
exporter writes it when a renamed title would not map back by keywords).

Entries are ``###`` headings (or, in education, a line in bold). Heading
shapes: ``### Title — Company`` (also `` – ``, `` - ``, `` at ``, ``@`` and,
when no line follows in bold, ``,``), optionally with ``| Location | dates``,
``(dates)`` or ``, dates`` on the same line, or ``### X`` followed by a line
``**Y** | Location | dates`` (dates may also be a line of their own). Which of X and Y is the job title is decided by
content: words such as *engineer*, *manager*, *intern* mark a title; *Inc*,
*Ltd*, *Labs*, *University* mark an organisation; when nothing tells them apart
the heading is the title (the sample's shape). A link on the organisation or
the heading is the entry's URL.

Dates: ``2019-06``, ``2019-06-01``, ``06/2019``, ``June 2019``, ``Jun 2019``,
``2019``, ``Present``/``Current``/``Now``, ranges joined by ``–``, ``—``, ``-``
or ``to``. A single date is a graduation (education) or both ends (others).

Inside an entry: an italic paragraph is the work description, other paragraphs
the summary (project description, reference text), ``- ``/``* `` bullets the
highlights (education courses), and ``**Label:** value`` lines the fields
plain Markdown has no place for (``Score``, ``Roles``, ``Keywords``, ``Type``).
Skills, interests and languages are list items ``**Group:** a, b, c``
(keywords split on commas outside brackets) or ``**Group:**`` with one
sub-item per keyword; ``*(Level)*`` after the group name is the skill level.
``---`` rules and HTML comments are ignored; entities (``&amp;``, ``&#124;``)
are the characters they stand for.

Fields are stored in the canonical inline-Markdown form
(``exporters.markup.normalize_inline``); e-mails, phones and URLs as plain text.

Exact round trip
----------------
A file written by ``exporters.formats.markdown`` may end with
``<!-- resume-studio: {...} -->``: JSON listing the fields the visible Markdown
can't show (exact days of dates, hidden sections, ``meta``, unknown fields...),
each as ``{"path": [...], "shown": <what the text reads as>, "value": <the
stored value>}``. An entry is applied only while the text still reads as
``shown``, so an edit made to the Markdown by hand always wins.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..markup import Run, escape_markdown, normalize_inline, parse_inline, plain_text, to_markdown
from ..model.dates import parse_iso
from ..model.errors import ResumeFileError
from ..model.files import decode_text, read_bytes_limited
from ..model.resume import Resume
from ..model.sections import STANDARD_SECTIONS

# --- section titles -----------------------------------------------------------

# Checked in this order: "Volunteer Experience" is volunteering, not work, and
# "Programming Languages" is a skill list, not spoken languages.
SECTION_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("volunteer", ("volunteer", "community service", "community involvement")),
    ("projects", ("project", "portfolio")),
    ("certificates", ("certif", "licens", "accreditation")),
    ("publications", ("publication", "papers", "articles")),
    ("awards", ("award", "honor", "honour", "achievement", "recognition")),
    ("education", ("education", "academic", "qualification", "degree", "schooling")),
    (
        "skills",
        ("skill", "technolog", "competenc", "expertise", "tech stack", "toolbox", "programming"),
    ),
    ("languages", ("language",)),
    ("interests", ("interest", "hobbies", "hobby", "passions")),
    ("references", ("reference", "referee", "testimonial", "recommendation")),
    ("summary", ("summary", "profile", "about", "objective", "overview", "introduction")),
    ("work", ("experience", "employment", "work", "career", "positions", "jobs")),
)

_KEY_MARKER = re.compile(r"\s*<!--\s*resume-studio:([a-z0-9][a-z0-9_-]*)\s*-->\s*$")
PATCH_PREFIX = "<!-- resume-studio:"


def section_key_for_title(title: str) -> str | None:
    """The standard section a heading's words point to, or None for a custom one."""
    words = plain_text(title).strip().lower()
    for key, needles in SECTION_KEYWORDS:
        if any(needle in words for needle in needles):
            return key
    return None


def custom_section_id(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", plain_text(title).lower()).strip("-")
    return f"custom-{slug or 'section'}"


# --- dates ----------------------------------------------------------------------

_MONTHS = {name: i + 1 for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july",
     "august", "september", "october", "november", "december"))}  # fmt: skip
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_DATE = r"(?:\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{1,2}/\d{4}|[A-Za-z]{3,9}\.?\s+\d{4}|\d{4})"
_NOW = r"(?:present|current|now|today|ongoing)"
_RANGE = re.compile(
    rf"^\(?\s*(?P<a>{_DATE})\s*(?:–|—|-|to|until|through)\s*(?P<b>{_DATE}|{_NOW})\s*\)?$", re.I
)
_SINGLE = re.compile(rf"^\(?\s*(?P<a>{_DATE})\s*\)?$", re.I)


def _iso(token: str) -> str | None:
    token = token.strip()
    if match := re.fullmatch(r"(\d{1,2})/(\d{4})", token):
        token = f"{match[2]}-{int(match[1]):02d}"
    elif match := re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{4})", token):
        month = _MONTHS.get(match[1].lower())
        if month is None:
            return None
        token = f"{match[2]}-{month:02d}"
    try:
        return parse_iso(token).iso()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class DateRange:
    start: str = ""
    end: str = ""
    ongoing: bool = False  # "– Present"
    single: bool = False  # one date, no range


@lru_cache(maxsize=4096)
def parse_dates(text: str) -> DateRange | None:
    """``Nov 2021 – Present`` and friends; None when the text is not a date."""
    words = plain_text(text).strip()
    if len(words) > 60:
        return None
    if match := _RANGE.match(words):
        start = _iso(match["a"])
        if start is None:
            return None
        if re.fullmatch(_NOW, match["b"], re.I):
            return DateRange(start, "", ongoing=True)
        end = _iso(match["b"])
        return None if end is None else DateRange(start, end)
    if match := _SINGLE.match(words):
        date = _iso(match["a"])
        return None if date is None else DateRange(date, date, single=True)
    return None


# --- inline helpers -----------------------------------------------------------------


@lru_cache(maxsize=4096)
def canon(markdown_text: str) -> str:
    """A field written in inline Markdown, in the model's canonical form."""
    return normalize_inline(markdown_text.strip())


@lru_cache(maxsize=4096)
def canon_literal(text: str) -> str:
    """Text that is not Markdown (HTML contents, code blocks): every character literal."""
    return normalize_inline(escape_markdown(text.strip()))


def _runs_md(runs: list[Run]) -> str:
    return normalize_inline(to_markdown(runs).strip())


def _solid(runs: list[Run], attr: str) -> bool:
    inked = [r for r in runs if r.text.strip()]
    return bool(inked) and all(getattr(r, attr) for r in inked)


@lru_cache(maxsize=4096)
def unwrap(markdown_text: str) -> tuple[str, bool, bool, str]:
    """Strip bold, italic and a link that cover the whole text.

    Returns (canonical text, was bold, was italic, link target or "").
    """
    runs = parse_inline(markdown_text.strip())
    bold, italic = _solid(runs, "bold"), _solid(runs, "italic")
    inked = [r for r in runs if r.text.strip()]
    hrefs = {r.href for r in inked}
    href = next(iter(hrefs)) if len(hrefs) == 1 and None not in hrefs else None
    runs = [
        Run(
            r.text,
            r.bold and not bold,
            r.italic and not italic,
            None if href else r.href,
        )
        for r in runs
    ]
    return _runs_md(runs), bold, italic, href or ""


def split_unescaped(text: str, separators: str = r"\||·|•") -> list[str]:
    """Split on separators that are not backslash-escaped."""
    parts: list[str] = []
    start = 0
    for match in re.finditer(rf"(\\.)|\s*(?:{separators})\s*", text):
        if match.group(1):
            continue
        parts.append(text[start : match.start()])
        start = match.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def split_commas(text: str) -> list[str]:
    """Split a keyword list on commas outside brackets: ``Spring (Boot, Cloud), Go``."""
    out: list[str] = []
    depth = 0
    current: list[str] = []
    escaped = False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
            continue
        if char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char in ",;" and depth == 0:
            out.append("".join(current))
            current = []
            continue
        current.append(char)
    out.append("".join(current))
    return [p.strip() for p in out if p.strip()]


@lru_cache(maxsize=4096)
def split_label(markdown_text: str) -> tuple[str | None, str]:
    """``**Group:** rest`` / ``**Group**: rest`` / ``Group: rest`` -> (label, rest)."""
    text = markdown_text.strip()
    runs = parse_inline(text)
    if runs and runs[0].bold and not runs[0].href:
        label = runs[0].text.strip()
        rest = runs[1:]
        rest_md = to_markdown(rest).strip() if rest else ""
        if label.endswith(":"):
            return canon_literal(label[:-1]), rest_md
        if rest_md.startswith(":"):
            return canon_literal(label), rest_md[1:].strip()
        if not rest_md:
            return canon_literal(label), ""
        return None, text
    match = re.match(r"^([^:*_\[\]()<>|]{1,50}):\s+(\S.*)$", text, re.S)
    if match and "://" not in text[: match.end(1) + 3]:
        return canon(match[1]), match[2]
    return None, text


# --- blocks ---------------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # "h" heading, "p" paragraph, "li" list item, "code", "html"
    text: str = ""
    level: int = 0  # heading level or list depth
    lines: list[str] = field(default_factory=list)


_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HTML_HEADING = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1\s*>\s*$", re.I | re.S)
_HTML_ONLY = re.compile(r"^\s*(?:</?[a-zA-Z][^>]*>\s*)+$")
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
_TAG_LINE = re.compile(r"^\s*</?[a-zA-Z][^>]*>")


def _indent(prefix: str) -> int:
    return len(prefix.expandtabs(4))


def _strip_break(line: str) -> str:
    """Trailing double-space or backslash hard breaks are layout, not text."""
    line = line.rstrip(" \t")
    if line.endswith("\\") and (len(line) - len(line.rstrip("\\"))) % 2:
        line = line[:-1].rstrip(" \t")
    return line


def blocks_of(lines: list[str]) -> list[Block]:
    """A small line-based Markdown block reader: enough structure for résumés."""
    blocks: list[Block] = []
    stack: list[int] = []  # indents of the open list items' markers
    blank_before = False
    index = 0
    while index < len(lines):
        raw = lines[index]
        index += 1
        if "&" in raw and not _TAG_LINE.match(raw) and not _FENCE.match(raw):
            raw = decode_entities(raw)
        if not raw.strip():
            blank_before = True
            continue
        last = blocks[-1] if blocks else None
        if fence := _FENCE.match(raw):
            mark = fence.group(1)
            body: list[str] = []
            while index < len(lines) and not lines[index].strip().startswith(mark[0] * len(mark)):
                body.append(lines[index])
                index += 1
            index += 1
            blocks.append(Block("code", lines=body))
            stack.clear()
            blank_before = False
            continue
        if _COMMENT_LINE.match(raw) and not raw.lstrip().startswith(PATCH_PREFIX):
            continue
        if _RULE.match(raw) and not (last and last.kind == "p" and not blank_before):
            stack.clear()
            blank_before = True
            continue
        if (
            last
            and last.kind == "p"
            and not blank_before
            and re.match(r"^ {0,3}(=+|-+)[ \t]*$", raw)
        ):
            blocks[-1] = Block("h", " ".join(last.lines), 1 if "=" in raw else 2)
            blank_before = True
            continue
        if heading := _HEADING.match(raw):
            blocks.append(Block("h", _strip_break(heading.group(2) or ""), len(heading.group(1))))
            stack.clear()
            blank_before = False
            continue
        if item := _ITEM.match(raw):
            indent = _indent(item.group(1))
            if indent < 4 or stack:
                while stack and indent < stack[-1] + 2 and indent <= stack[-1]:
                    stack.pop()
                if stack and indent < stack[-1] + 2:
                    stack.pop()
                stack.append(indent)
                blocks.append(Block("li", _strip_break(item.group(3) or ""), len(stack) - 1))
                blank_before = False
                continue
        text = _strip_break(raw.strip(" \t"))
        if (
            last
            and last.kind == "li"
            and (not blank_before or _indent(raw[: len(raw) - len(raw.lstrip())]) >= 2)
        ):
            last.text += ("\n\n" if blank_before else "\n") + text
        elif last and last.kind == "p" and not blank_before:
            last.lines.append(text)
        else:
            blocks.append(Block("p", lines=[text]))
            stack.clear()
        blank_before = False
    return blocks


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


# --- the document ------------------------------------------------------------------------


@dataclass
class Section:
    title: str
    key: str | None  # from a marker
    blocks: list[Block]


def _split_document(blocks: list[Block]) -> tuple[list[Block], list[Section]]:
    """Header blocks, then sections.

    The first ``#`` heading is the name. Section headings are the outermost
    level the file uses after it (``##`` in most files, ``#`` in some), plus any
    heading of level 1 or 2 whose words name a section; deeper headings are
    entries inside a section.
    """
    headings = [b for b in blocks if b.kind == "h"]
    name_block = next((b for b in headings if b.level == 1), None)
    if name_block is not None and any(
        b.kind == "h" and b.level <= 2 for b in blocks[: blocks.index(name_block)]
    ):
        name_block = None  # "# Experience" after "## Jane Doe": not the name
    rest = [b for b in headings if b is not name_block and b.level <= 2]
    level = min((b.level for b in rest), default=2)
    header: list[Block] = []
    sections: list[Section] = []
    for block in blocks:
        is_section = (
            block.kind == "h"
            and block is not name_block
            and block.level <= 2
            and (
                block.level == level
                or section_key_for_title(block.text) is not None
                or bool(_KEY_MARKER.search(block.text))
            )
        )
        if (
            is_section
            and not sections
            and name_block is None
            and section_key_for_title(block.text) is None
            and not _KEY_MARKER.search(block.text)
        ):
            # "## Jane Doe" as the name of a file without "#".
            block = Block("h", block.text, 1)
            name_block = block
            is_section = False
        if is_section:
            title = block.text
            key = None
            if marker := _KEY_MARKER.search(title):
                key = marker.group(1)
                title = title[: marker.start()]
            sections.append(Section(title, key, []))
        elif sections:
            sections[-1].blocks.append(block)
        else:
            header.append(block)
    return header, sections


# --- header ----------------------------------------------------------------------------------

_EMAIL = re.compile(r"^[\w.+'-]+@[\w-]+(?:\.[\w-]+)+$")
_PHONE = re.compile(r"^(?:tel:)?\+?[\d\s().\-/]{7,}$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+/\S*$", re.I)
_NETWORKS = {
    "linkedin.com": "LinkedIn",
    "github.com": "GitHub",
    "gitlab.com": "GitLab",
    "twitter.com": "Twitter",
    "x.com": "X",
    "stackoverflow.com": "Stack Overflow",
    "medium.com": "Medium",
    "dribbble.com": "Dribbble",
    "behance.net": "Behance",
}
_US_STATES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
    ]
)


def _absolute(url: str) -> str:
    return url if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I) else f"https://{url}"


def _profile_for(url: str) -> dict[str, str] | None:
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0].removeprefix("www.")
    network = _NETWORKS.get(host)
    if network is None:
        return None
    path = [p for p in re.sub(r"^[a-zA-Z]+://[^/]+", "", url).split("/") if p]
    profile = {"network": network, "url": url}
    if path:
        profile["username"] = path[-1]
    return profile


def _location(text: str) -> dict[str, str]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    names: tuple[str, ...]
    if len(parts) == 1:
        names = ("city",)
    elif len(parts) == 2:
        last = parts[1]
        code = re.fullmatch(r"[A-Z]{2}", last) and last not in _US_STATES
        names = ("city", "countryCode" if code else "region")
    elif len(parts) == 3:
        names = (
            "city",
            "region",
            "countryCode" if re.fullmatch(r"[A-Z]{2}", parts[2]) else "region",
        )
        if names[2] == "region":
            parts = [parts[0], f"{parts[1]}, {parts[2]}"]
            names = ("city", "region")
    elif len(parts) == 4:
        names = ("city", "region", "postalCode", "countryCode")
    else:
        parts = [", ".join(parts[:-4]), *parts[-4:]]
        names = ("address", "city", "region", "postalCode", "countryCode")
    return {name: canon(part) for name, part in zip(names, parts, strict=True) if canon(part)}


_LOCATION_LABELS = frozenset({"location", "address", "based in", "city", "lives in"})
# "Website: https://…" is the person's site; "Mastodon: https://…" a profile.
_URL_LABELS = frozenset(
    {"web", "website", "site", "homepage", "home page", "url", "portfolio", "blog"}
)


class _Header:
    def __init__(self) -> None:
        self.basics: dict[str, Any] = {}
        self.profiles: list[dict[str, str]] = []
        self.locations: list[str] = []
        self.paragraphs: list[str] = []
        self.found_contact = False

    def add_item(self, item_md: str, literal: bool = False) -> bool:
        """One contact item; False when it is not contact-like (a title line)."""
        item_md = item_md.strip()
        if not item_md:
            return True
        if literal:
            item_md = escape_markdown(item_md)
        label, rest = split_label(item_md)
        if label and plain_text(label).strip().lower() in _LOCATION_LABELS:
            self.locations.append(canon(rest))
            return self._found()
        text, _bold, _italic, href = unwrap(rest if label else item_md)
        words = plain_text(text).strip()
        generic = label is not None and plain_text(label).strip().lower() in _URL_LABELS
        if label and not generic and (href or _URL.match(words)):
            profile = {"network": label, "url": href or _absolute(words)}
            if words and words != profile["url"]:
                profile["username"] = words
            self.profiles.append(profile)
            return self._found()
        if href.lower().startswith("mailto:") or _EMAIL.match(words):
            self.basics.setdefault(
                "email", href[7:] if href.lower().startswith("mailto:") else words
            )
            return self._found()
        if href.lower().startswith("tel:") or (
            _PHONE.match(words) and sum(c.isdigit() for c in words) >= 7
        ):
            self.basics.setdefault("phone", words or href[4:])
            return self._found()
        if href or _URL.match(words):
            url = href or _absolute(words)
            found = _profile_for(url)
            if found is not None:
                self.profiles.append(found)
            elif "url" not in self.basics:
                self.basics["url"] = url
            else:
                self.locations.append(text)
            return self._found()
        return False

    def _found(self) -> bool:
        self.found_contact = True
        return True

    def add_line(self, line_md: str, literal: bool = False) -> None:
        items = split_unescaped(line_md) if not literal else [line_md]
        contact = [i for i in items if self.add_item(i, literal)]
        rest = [i for i in items if i not in contact]
        if not rest:
            return
        if contact or len(items) > 1:
            if (
                "label" not in self.basics
                and "name" in self.basics
                and items[0] == rest[0]
                and _title_score(rest[0]) > 0
            ):
                # "Data Scientist · jane@example.com": the title leads the contact line.
                title = rest.pop(0)
                self.basics["label"] = canon_literal(title) if literal else unwrap(title)[0]
            # Unknown items on a contact line: a location.
            self.locations.extend(escape_markdown(i) if literal else i for i in rest)
            return
        text = canon_literal(line_md) if literal else canon(line_md)
        unwrapped = unwrap(text)[0] if not literal else text
        if "label" not in self.basics and "name" in self.basics and len(plain_text(text)) <= 120:
            self.basics["label"] = unwrapped
        elif "name" not in self.basics and len(plain_text(text)) <= 80:
            self.basics["name"] = unwrapped
        else:
            self.paragraphs.append(text)


def _read_header(blocks: list[Block]) -> _Header:
    header = _Header()
    for block in blocks:
        if block.kind == "h":
            text = canon(block.text)
            if block.level == 1 and "name" not in header.basics:
                header.basics["name"] = unwrap(text)[0]
            elif "label" not in header.basics:
                header.basics["label"] = unwrap(text)[0]
            else:
                header.add_line(block.text)
        elif block.kind == "code":
            for line in block.lines:
                header.add_line(line.strip(), literal=True)
        elif block.kind == "li":
            header.add_line(block.text)
        elif block.kind == "p":
            _read_header_paragraph(header, block.lines)
    if header.locations and "location" not in header.basics:
        header.basics["location"] = _location(", ".join(header.locations))
    if header.profiles:
        header.basics["profiles"] = header.profiles
    return header


def _contact_like(line: str) -> bool:
    probe = _Header()
    probe.add_line(line)
    return probe.found_contact


def _read_header_paragraph(header: _Header, lines: list[str]) -> None:
    """Header lines: Markdown, or HTML (the sample's centred block) read as Markdown."""
    if not any(_TAG_LINE.match(line) for line in lines):
        if len(lines) == 1 or any(_contact_like(line) for line in lines):
            # "Jane Doe" / "Engineer" / "jane@example.com" stacked on lines.
            for line in lines:
                header.add_line(line)
        else:
            header.paragraphs.append(canon("\n".join(lines)))
        return
    for line in lines:
        if _HTML_ONLY.match(line) and not _HTML_HEADING.match(line):
            continue  # <div align="center">, </div>, <img ...>: layout, not words
        if not _TAG_LINE.match(line):
            header.add_line(line)
            continue
        if match := _HTML_HEADING.match(line):
            text = canon(html_to_markdown(match.group(2)).replace("\n", " "))
            if match.group(1) == "1" and "name" not in header.basics:
                header.basics["name"] = unwrap(text)[0]
            elif "label" not in header.basics:
                header.basics["label"] = unwrap(text)[0]
            else:
                header.add_line(text)
            continue
        for piece in html_to_markdown(line).split("\n"):
            if piece.strip():
                header.add_line(piece.strip())


# --- entries ------------------------------------------------------------------------------------

_TITLE_WORDS = re.compile(
    r"\b(engineer|developer|programmer|manager|director|lead|head|chief|officer|ceo|cto|cfo|coo|"
    r"vp|president|founder|co-founder|analyst|consultant|designer|architect|scientist|intern|"
    r"specialist|administrator|coordinator|assistant|associate|teacher|tutor|researcher|"
    r"technician|writer|editor|accountant|nurse|owner|principal|staff|senior|junior|sr|jr|"
    r"volunteer|member|advisor|mentor|instructor|professor|lecturer|fellow|contractor|"
    r"freelance|freelancer|representative|supervisor|sre|devops|administrator)\b",
    re.I,
)
_ORG_WORDS = re.compile(
    r"\b(inc|ltd|llc|llp|plc|corp|corporation|co|company|gmbh|ag|sa|sas|bv|pty|group|"
    r"technologies|technology|software|systems|solutions|labs|studio|studios|partners|"
    r"university|college|institute|school|academy|bank|agency|foundation|hospital|"
    r"consulting|services|holdings|international|government|department|ministry)\b\.?",
    re.I,
)
_SCHOOL_WORDS = re.compile(
    r"universit|college|institut|school|academy|polytechnic|école|ecole|conservator|hochschule",
    re.I,
)
_DEGREE_WORDS = re.compile(
    r"^(bachelor|master|b\.?\s?sc?|m\.?\s?sc?|b\.?a\.?|m\.?a\.?|b\.?eng|m\.?eng|ph\.?\s?d|"
    r"doctor|associate|diploma|certificate|mba|high school|ged|a-levels?|licen)",
    re.I,
)
_HEADING_SEPARATORS = re.compile(r"\s+(?:—|–|-|@|at)\s+|\s*—\s*")


def _title_score(text: str) -> int:
    return len(_TITLE_WORDS.findall(plain_text(text))) - len(_ORG_WORDS.findall(plain_text(text)))


@dataclass
class Entry:
    heading: str | None  # inline Markdown, or None for an entry without heading
    heading_href: str = ""
    bold: str | None = None  # the bold part of the line under the heading
    bold_href: str = ""
    plain: list[str] = field(default_factory=list)  # other parts of that line
    dates: DateRange | None = None
    italic: list[str] = field(default_factory=list)  # whole-italic paragraphs
    paragraphs: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    bullets: list[str] = field(default_factory=list)
    field_names: frozenset[str] = frozenset()


_FIELD_LINE = re.compile(r"^\*\*([A-Za-z][A-Za-z ]{0,24}):\*\*\s*(.*)$", re.S)


def _meta_line(entry: Entry, line: str) -> bool:
    """Read ``**Company** | Location | dates`` under a heading; False if it isn't one."""
    parts = split_unescaped(line)
    if not parts:
        return False
    read: list[tuple[str, str, str]] = []  # (kind, text, href)
    for part in parts:
        if (dates := parse_dates(part)) is not None:
            if entry.dates is not None:
                return False
            entry.dates = dates
            read.append(("dates", "", ""))
            continue
        text, bold, italic, href = unwrap(part)
        read.append(("bold" if bold and not italic else "plain", text, href))
    has_bold = read[0][0] == "bold"
    if not has_bold and entry.dates is None and len(parts) < 2:
        return False
    for kind, text, href in read:
        if kind == "bold" and entry.bold is None:
            entry.bold, entry.bold_href = text, href
        elif kind != "dates":
            entry.plain.append(text if not href else _runs_md([Run(plain_text(text), href=href)]))
    return True


_DATES_IN_PARENS = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$", re.S)
_DATE_SEPARATOR = re.compile(r"\s*(?:,|—|–|\s-|\|)\s*")


def _take_trailing_dates(text: str) -> tuple[str, DateRange | None]:
    """``Title — Company (2019 – 2021)`` or ``Title, Company, 2019 – 2021``: split off the dates."""
    match = _DATES_IN_PARENS.match(text)
    if match and (dates := parse_dates(match.group(2))) is not None:
        return match.group(1), dates
    # The leftmost separator whose tail is a date: "2019 - 2021" has one inside.
    for sep in _DATE_SEPARATOR.finditer(text):
        if sep.start() > 0 and (dates := parse_dates(text[sep.end() :])) is not None:
            return text[: sep.start()], dates
    return text, None


def _entry_from_heading(text: str, field_names: frozenset[str]) -> Entry:
    """``### Title — Company``, also with ``| Location | dates`` or ``(dates)`` on the line."""
    entry = Entry(None, field_names=field_names)
    parts = split_unescaped(text, r"\|")
    main = parts[0] if parts else ""
    main, entry.dates = _take_trailing_dates(main)
    entry.heading, _bold, _italic, entry.heading_href = unwrap(main)
    for part in parts[1:]:
        dates = parse_dates(part)
        if dates is not None and entry.dates is None:
            entry.dates = dates
        else:
            entry.plain.append(canon(part))
    return entry


def _has_dates(line: str) -> bool:
    parts = split_unescaped(line, r"\||·|•|—|–|\s-\s|,|\(|\)")
    return any(parse_dates(part) is not None for part in parts)


def _opens_with_bold(line: str) -> bool:
    """``**Engineer** — Acme | 2019`` (an entry line), not ``**Stack:** Go`` (a label)."""
    runs = parse_inline(line.strip())
    return bool(runs) and runs[0].bold and not runs[0].text.rstrip().endswith(":")


def _entries(
    blocks: list[Block],
    field_names: frozenset[str],
    bold_starts: bool = False,
    line_starts: bool = False,
) -> list[Entry]:
    """Entries start at sub-headings; also at a line in bold when ``bold_starts``,
    and at a line opening in bold (``**Title** — Company | dates``) when ``line_starts``."""
    entries: list[Entry] = []
    current: Entry | None = None
    fresh = False  # just after the heading: the next line may be the meta line
    for block in blocks:
        if block.kind == "h":
            current = _entry_from_heading(block.text, field_names)
            entries.append(current)
            fresh = True
            continue
        if block.kind == "p":
            lines = list(block.lines)
            first_bold = unwrap(lines[0])[1] and not _FIELD_LINE.match(lines[0])
            whole_bold = first_bold and split_unescaped(lines[0]) == [lines[0].strip()]
            # In work sections a bold line opens a job only when it or the next
            # line has dates: a summary may well start in bold.
            dated = line_starts and not fresh and any(_has_dates(line) for line in lines[:2])
            if (bold_starts or dated) and whole_bold:
                heading, _b, _i, href = unwrap(lines.pop(0))
                current = Entry(heading, href, field_names=field_names)
                entries.append(current)
                fresh = True
                if not lines:
                    continue
            elif dated and _opens_with_bold(lines[0]):
                current = _entry_from_heading(lines.pop(0), field_names)
                entries.append(current)
                fresh = True
                if not lines:
                    continue
            if current is None:
                current = Entry(None, field_names=field_names)
                entries.append(current)
                if _meta_line(current, lines[0]):
                    lines.pop(0)
            elif fresh and _meta_line(current, lines[0]):
                lines.pop(0)
            fresh = False
            _body_lines(current, lines)
            continue
        fresh = False
        if current is None:
            current = Entry(None, field_names=field_names)
            entries.append(current)
        if block.kind == "li":
            current.bullets.append(canon(block.text))
        elif block.kind == "code":
            current.paragraphs.append(canon_literal("\n".join(block.lines)))
    return entries


def _body_lines(entry: Entry, lines: list[str]) -> None:
    text_lines: list[str] = []
    for line in lines:
        match = _FIELD_LINE.match(line)
        if match and match.group(1).lower() in entry.field_names:
            entry.fields[match.group(1).lower()] = match.group(2).strip()
        else:
            text_lines.append(line)
    if not text_lines:
        return
    text = canon("\n".join(text_lines))
    unwrapped, bold, italic, href = unwrap(text)
    if italic and not bold and not href and not entry.italic and not entry.paragraphs:
        entry.italic.append(unwrapped)
    else:
        entry.paragraphs.append(text)


def _split_heading(entry: Entry) -> tuple[str, str]:
    """(title, organisation) of a job-like entry, by the rules in the module docstring."""
    heading = entry.heading or ""
    if entry.bold is not None:
        first, second = heading, entry.bold
        if _title_score(second) > _title_score(first):
            return second, first
        return first, second
    parts = _HEADING_SEPARATORS.split(heading, maxsplit=1)
    if len(parts) == 2:
        left, right = (unwrap(p)[0] for p in parts)
        if " at " in heading or " @ " in heading or _title_score(left) >= _title_score(right):
            return left, right
        return right, left
    if "," in heading:
        left, right = (unwrap(p)[0] for p in heading.split(",", 1))
        if _title_score(left) > 0 and _title_score(right) <= 0:
            return left, right
    # "### Engineer" then "Acme | Seattle, WA | 2019": the first part is the
    # organisation unless it reads as a place.
    if entry.plain and not _looks_like_place(entry.plain[0]):
        return heading, entry.plain.pop(0)
    return heading, ""


def _looks_like_place(text: str) -> bool:
    words = plain_text(text).strip()
    if _ORG_WORDS.search(words):
        return False
    return words.lower() in {"remote", "hybrid", "on-site", "onsite"} or bool(
        re.fullmatch(r"[^,]+,\s*(?:[A-Z]{2}|[A-Z][\w .'-]+)", words)
    )


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value:
        target[key] = value


def _put_dates(
    target: dict[str, Any], dates: DateRange | None, single_is_end: bool = False
) -> None:
    if dates is None:
        return
    if dates.single and single_is_end:
        target["endDate"] = dates.end
        return
    _put(target, "startDate", dates.start)
    _put(target, "endDate", dates.end)


def _summary(entry: Entry) -> str:
    return "\n\n".join(entry.paragraphs)


def _job(entry: Entry, org_key: str) -> dict[str, Any]:
    title, org = _split_heading(entry)
    if entry.bold is not None and org == entry.bold:
        url = entry.bold_href
    elif org == entry.heading:
        url = entry.heading_href
    else:
        url = entry.bold_href or entry.heading_href
    job: dict[str, Any] = {}
    _put(job, org_key, org)
    if org_key == "name" and entry.plain:
        _put(job, "location", entry.plain.pop(0))
    if org_key == "name" and entry.italic:
        job["description"] = entry.italic.pop(0)
    _put(job, "position", title)
    _put(job, "url", url or (entry.heading_href if title == entry.heading else ""))
    _put_dates(job, entry.dates)
    paragraphs = entry.italic + entry.paragraphs + entry.plain
    _put(job, "summary", "\n\n".join(paragraphs))
    _put(job, "highlights", entry.bullets)
    return job


def _split_degree(text: str) -> dict[str, str]:
    plain = plain_text(text)
    for separator in (" in ", ", ", " - ", " – ", " — "):
        if separator in plain and separator in text:
            left, right = text.split(separator, 1)
            if separator == " in " or _DEGREE_WORDS.match(plain_text(left)):
                return {"studyType": canon(left), "area": canon(right)}
    if _DEGREE_WORDS.match(plain):
        return {"studyType": text}
    return {"area": text} if text else {}


def _education(entry: Entry) -> dict[str, Any]:
    degree = entry.heading or ""
    school = entry.bold if entry.bold is not None else (entry.plain.pop(0) if entry.plain else "")
    school_href = entry.bold_href if entry.bold is not None else ""
    degree_href = entry.heading_href
    if not school and degree:
        parts = _HEADING_SEPARATORS.split(degree, maxsplit=1)
        if len(parts) == 2:
            degree, school = canon(parts[0]), canon(parts[1])
    if _SCHOOL_WORDS.search(plain_text(degree)) and not _SCHOOL_WORDS.search(plain_text(school)):
        degree, school = school, degree
        degree_href, school_href = school_href, degree_href
    item: dict[str, Any] = {}
    _put(item, "institution", school)
    _put(item, "url", school_href or degree_href)
    item.update(_split_degree(degree))
    _put_dates(item, entry.dates, single_is_end=True)
    _put(item, "score", canon(entry.fields.pop("score", entry.fields.pop("gpa", ""))))
    courses = entry.bullets + [canon(c) for c in split_commas(entry.fields.pop("courses", ""))]
    _put(item, "courses", courses)
    extra = entry.italic + entry.paragraphs + entry.plain
    if extra:
        # Education has no free-text field; keep the words as courses rather than lose them.
        item["courses"] = [*item.get("courses", []), *extra]
    return item


def _titled(
    entry: Entry, title_key: str, by_key: str, date_key: str, summary: bool
) -> dict[str, Any]:
    item: dict[str, Any] = {}
    _put(item, title_key, entry.heading or "")
    _put(item, "url", entry.heading_href)
    by = entry.bold if entry.bold is not None else (entry.plain.pop(0) if entry.plain else "")
    _put(item, by_key, by)
    if entry.bold_href and "url" not in item:
        item["url"] = entry.bold_href
    if entry.dates is not None:
        item[date_key] = entry.dates.end or entry.dates.start
    texts = entry.italic + entry.paragraphs + entry.plain + entry.bullets
    if summary:
        _put(item, "summary", "\n\n".join(texts))
    elif texts:
        item[title_key] = "\n\n".join([item.get(title_key, ""), *texts]).strip()
    return item


def _list_entries(entries: list[Entry]) -> Iterator[Entry]:
    """Entries written as list items (``- **Title** — Org | 2020``) become entries too."""
    for entry in entries:
        if entry.heading is None and entry.bullets and not entry.paragraphs:
            for bullet in entry.bullets:
                item = Entry(None)
                parts = split_unescaped(bullet, r"\||·|•|—|–|\s-\s")
                if len(parts) == 1:
                    parts = split_commas(bullet)
                rest = []
                for part in parts:
                    dates = parse_dates(part)
                    if dates is not None and item.dates is None:
                        item.dates = dates
                    else:
                        rest.append(part)
                if rest:
                    item.heading, _b, _i, item.heading_href = unwrap(rest[0])
                    item.plain = [canon(p) for p in rest[1:]]
                yield item
        else:
            yield entry


def _project(entry: Entry) -> dict[str, Any]:
    item: dict[str, Any] = {}
    _put(item, "name", entry.heading or "")
    _put(item, "url", entry.heading_href)
    description = "\n\n".join(entry.italic + entry.paragraphs)
    _put(item, "description", description)
    _put(item, "highlights", entry.bullets)
    _put(item, "keywords", [canon(k) for k in split_commas(entry.fields.get("keywords", ""))])
    _put_dates(item, entry.dates)
    _put(item, "roles", [canon(k) for k in split_commas(entry.fields.get("roles", ""))])
    entity = entry.bold if entry.bold is not None else (entry.plain.pop(0) if entry.plain else "")
    _put(item, "entity", entity)
    if entry.bold_href and "url" not in item:
        item["url"] = entry.bold_href
    _put(item, "type", canon(entry.fields.get("type", "")))
    if entry.plain:
        item["description"] = "\n\n".join([description, *entry.plain]).strip()
    return item


# --- keyword lists (skills, interests, languages) ------------------------------------


def _labelled_items(blocks: list[Block]) -> Iterator[tuple[str | None, str, list[str], str | None]]:
    """(label, rest, sub-items, sub-heading) for each top-level item or paragraph line."""
    group: str | None = None
    current: list[Any] | None = None
    for block in blocks:
        if block.kind == "h":
            if current is not None:
                yield tuple(current)
                current = None
            group = canon(block.text)
            continue
        if block.kind == "li" and block.level > 0 and current is not None:
            current[2].append(canon(block.text))
            continue
        texts = [block.text] if block.kind == "li" else block.lines
        for text in texts:
            if current is not None:
                yield tuple(current)
            label, rest = split_label(text)
            current = [label, rest, [], group]
    if current is not None:
        yield tuple(current)


def _level_prefix(rest: str) -> tuple[str, str]:
    """``*(Expert)* a, b`` -> ("Expert", "a, b")."""
    match = re.match(r"^\*\((.*?)\)\*\s*(.*)$", rest, re.S)
    if match:
        return canon(match.group(1)), match.group(2)
    return "", rest


def _skills(blocks: list[Block], key: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    headed: dict[str, dict[str, Any]] = {}
    for label, rest, subs, group in _labelled_items(blocks):
        level, rest = _level_prefix(rest)
        keywords = [canon(k) for k in split_commas(rest)] + subs
        if label is None and group is not None:
            # "### Backend" then plain items: the heading names the group.
            target = headed.get(group)
            if target is None:
                target = headed[group] = {"name": group}
                out.append(target)
            target["keywords"] = [*target.get("keywords", []), *keywords]
            continue
        item: dict[str, Any] = {}
        if label is None and key == "interests" and not subs:
            out.extend({"name": k} for k in keywords)
            continue
        if label is None and len(keywords) == 1 and not subs:
            item["name"] = keywords[0]
        else:
            _put(item, "name", label or "")
            if key == "skills":
                _put(item, "level", level)
            _put(item, "keywords", keywords)
        out.append(item)
    return out


def _languages(blocks: list[Block]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for label, rest, subs, _group in _labelled_items(blocks):
        if label is not None:
            item = {"language": label}
            _put(item, "fluency", canon(", ".join([rest, *subs]).strip(", ")))
            out.append(item)
            continue
        for piece in split_commas(rest) + subs:
            match = re.match(r"^(.*?)\s*(?:\((.*)\)|\s[-–—]\s(.*))$", piece, re.S)
            item = {}
            if match:
                _put(item, "language", canon(match.group(1)))
                _put(item, "fluency", canon(match.group(2) or match.group(3) or ""))
            else:
                item["language"] = canon(piece)
            out.append(item)
    return out


def _references(entries: list[Entry]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for entry in entries:
        if entry.heading is None:
            for text in entry.paragraphs + entry.italic:
                out.append({"reference": text})
            for bullet in entry.bullets:
                label, rest = split_label(bullet)
                item: dict[str, Any] = {}
                _put(item, "name", label or "")
                _put(item, "reference", canon(rest))
                out.append(item)
            continue
        item = {}
        _put(item, "name", entry.heading)
        texts = entry.italic + entry.paragraphs + entry.plain + entry.bullets
        if entry.bold:
            texts.insert(0, entry.bold)
        _put(item, "reference", "\n\n".join(texts))
        out.append(item)
    return out


def _free_text(blocks: list[Block]) -> tuple[str, list[str]]:
    """A summary or custom section: (paragraphs joined, list items)."""
    paragraphs: list[str] = []
    items: list[str] = []
    for block in blocks:
        if block.kind == "p":
            paragraphs.append(canon("\n".join(block.lines)))
        elif block.kind == "h":
            paragraphs.append(canon(f"**{block.text}**") if block.text.strip() else "")
        elif block.kind == "li":
            items.append(canon(block.text))
        elif block.kind == "code":
            paragraphs.append(canon_literal("\n".join(block.lines)))
    return "\n\n".join(p for p in paragraphs if p), items


# --- reading ------------------------------------------------------------------------------------

_JOB_FIELDS: frozenset[str] = frozenset()
_EDU_FIELDS = frozenset({"score", "gpa", "courses"})
_PROJECT_FIELDS = frozenset({"roles", "keywords", "type"})


def _read_section(key: str, blocks: list[Block], data: dict[str, Any]) -> None:
    if key == "summary":
        text, lines = _free_text(blocks)
        summary = "\n".join([text, *(f"- {i}" for i in lines)]).strip() if lines else text
        if summary:
            basics = data.setdefault("basics", {})
            basics["summary"] = "\n\n".join(filter(None, [basics.get("summary", ""), summary]))
        return
    items: list[dict[str, Any]]
    if key in {"skills", "interests"}:
        items = _skills(blocks, key)
    elif key == "languages":
        items = _languages(blocks)
    elif key == "education":
        items = [
            _education(e) for e in _list_entries(_entries(blocks, _EDU_FIELDS, bold_starts=True))
        ]
    elif key in {"work", "volunteer"}:
        entries = _entries(blocks, _JOB_FIELDS, line_starts=True)
        org_key = "name" if key == "work" else "organization"
        items = [_job(e, org_key) for e in _list_entries(entries)]
    elif key == "projects":
        items = [_project(e) for e in _list_entries(_entries(blocks, _PROJECT_FIELDS))]
    elif key == "awards":
        items = [
            _titled(e, "title", "awarder", "date", True)
            for e in _list_entries(_entries(blocks, _JOB_FIELDS))
        ]
    elif key == "certificates":
        items = [
            _titled(e, "name", "issuer", "date", False)
            for e in _list_entries(_entries(blocks, _JOB_FIELDS))
        ]
    elif key == "publications":
        items = [
            _titled(e, "name", "publisher", "releaseDate", True)
            for e in _list_entries(_entries(blocks, _JOB_FIELDS))
        ]
    else:  # references
        items = _references(_entries(blocks, _JOB_FIELDS))
    items = [i for i in items if i]
    if items:
        data[key] = [*data.get(key, []), *items]


def _parse_visible(text: str) -> dict[str, Any]:
    lines = text.split("\n")
    header_blocks, sections = _split_document(blocks_of(lines))
    header = _read_header(header_blocks)
    data: dict[str, Any] = {}
    if header.basics:
        data["basics"] = dict(header.basics)
    order: list[str] = []
    titles: dict[str, str] = {}
    customs: list[dict[str, Any]] = []
    for section in sections:
        title = canon(section.title)
        key = section.key or section_key_for_title(title)
        if key is None or key not in STANDARD_SECTIONS:
            key = key or custom_section_id(title)
            taken = {c["id"] for c in customs}
            base, n = key, 2
            while key in taken:
                key, n = f"{base}-{n}", n + 1
            summary, items = _free_text(section.blocks)
            custom: dict[str, Any] = {"id": key}
            _put(custom, "title", title)
            _put(custom, "summary", summary)
            _put(custom, "highlights", items)
            customs.append(custom)
        else:
            _read_section(key, section.blocks, data)
            if title and title != STANDARD_SECTIONS[key] and key not in titles:
                titles[key] = title
        if key not in order:
            order.append(key)
    if header.paragraphs and not data.get("basics", {}).get("summary"):
        data.setdefault("basics", {})["summary"] = "\n\n".join(header.paragraphs)
        if "summary" not in order:
            order.insert(0, "summary")
    studio: dict[str, Any] = {}
    _put(studio, "sectionOrder", order)
    _put(studio, "sectionTitles", titles)
    _put(studio, "customSections", customs)
    if studio:
        data["meta"] = {"resumeStudio": studio}
    return data


# --- the round-trip comment ----------------------------------------------------------------

_MISSING = object()


def make_patch(stored: Any, shown: Any) -> list[dict[str, Any]]:
    """What turns ``shown`` (the text's reading) back into ``stored`` (the model's JSON)."""
    ops: list[dict[str, Any]] = []
    _diff(stored, shown, [], ops)
    return ops


def _diff(stored: Any, shown: Any, path: list[str | int], ops: list[dict[str, Any]]) -> None:
    if stored == shown and type(stored) is type(shown):
        return
    if isinstance(stored, dict) and isinstance(shown, dict):
        for key in stored:
            if key in shown:
                _diff(stored[key], shown[key], [*path, key], ops)
            else:
                ops.append({"path": [*path, key], "value": stored[key]})
        for key in shown:
            if key not in stored:
                ops.append({"path": [*path, key], "shown": shown[key]})
        return
    if isinstance(stored, list) and isinstance(shown, list) and len(stored) == len(shown):
        for i, (a, b) in enumerate(zip(stored, shown, strict=True)):
            _diff(a, b, [*path, i], ops)
        return
    ops.append({"path": path, "shown": shown, "value": stored})


def apply_patch(data: dict[str, Any], ops: Any) -> dict[str, Any]:
    """Apply ``make_patch`` entries whose ``shown`` still matches; skip anything malformed."""
    if not isinstance(ops, list):
        return data
    for op in ops:
        if not isinstance(op, dict) or not isinstance(op.get("path"), list):
            continue
        path = op["path"]
        if not path:
            if (
                "value" in op
                and isinstance(op["value"], dict)
                and op.get("shown", _MISSING) == data
            ):
                data = op["value"]
            continue
        parent: Any = data
        for step in path[:-1]:
            parent = _child(parent, step)
            if parent is _MISSING:
                break
        if parent is _MISSING or not isinstance(parent, dict | list):
            continue
        last = path[-1]
        current = _child(parent, last)
        expected = op.get("shown", _MISSING)
        if not _same(current, expected):
            continue
        if "value" in op:
            if isinstance(parent, dict) and isinstance(last, str):
                parent[last] = op["value"]
            elif isinstance(parent, list) and current is not _MISSING:
                parent[int(last)] = op["value"]
        elif isinstance(parent, dict) and isinstance(last, str):
            parent.pop(last, None)
    return data


def _child(node: Any, step: Any) -> Any:
    if isinstance(node, dict) and isinstance(step, str):
        return node.get(step, _MISSING)
    if (
        isinstance(node, list)
        and isinstance(step, int)
        and not isinstance(step, bool)
        and 0 <= step < len(node)
    ):
        return node[step]
    return _MISSING


def _same(a: Any, b: Any) -> bool:
    if a is _MISSING or b is _MISSING:
        return a is b
    return bool(a == b)


def _take_patch(text: str) -> tuple[str, Any]:
    """Split off a trailing ``<!-- resume-studio: {...} -->`` comment."""
    start = text.rfind(PATCH_PREFIX)
    # Only at the start of a line: in a field the same words are escaped ("\\<!--").
    if start < 0 or (start > 0 and text[start - 1] != "\n"):
        return text, None
    body = text[start + len(PATCH_PREFIX) :].rstrip()
    if not body.endswith("-->") or not body.lstrip().startswith(("{", "[")):
        return text, None
    try:
        payload = json.loads(body[:-3])
    except (ValueError, RecursionError):
        return text, None
    ops = payload.get("patch") if isinstance(payload, dict) else None
    return text[:start], ops


# --- entry points ---------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_markdown(text: str, source: str | Path = "<markdown>") -> Resume:
    """Read a Markdown résumé. Raises ``ResumeFileError`` when there is no résumé in it."""
    text = _clean(text)
    if "\x00" in text:
        # Markdown never holds NUL; text full of them is UTF-16 read as bytes.
        if text.count("\x00") * 3 > len(text):
            raise ResumeFileError(source, "the file is UTF-16 text; save it as UTF-8 and try again")
        raise ResumeFileError(source, "this is a binary file, not Markdown text")
    if not text.strip():
        raise ResumeFileError(source, "the file is empty")
    visible, ops = _take_patch(text)
    try:
        data = _parse_visible(visible)
    except RecursionError:
        raise ResumeFileError(source, "the Markdown is nested too deeply") from None
    if not _has_content(data) and not ops:
        raise ResumeFileError(
            source,
            "no résumé found: expected a '# Name' heading, contact details or sections "
            "such as '## Experience'",
        )
    if ops:
        patched = apply_patch(json.loads(json.dumps(data)), ops)
        try:
            return Resume.from_json_data(patched)
        except ValidationError:
            pass  # a damaged comment: the visible text still counts
    try:
        return Resume.from_json_data(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ResumeFileError(source, f"could not read the résumé: {first['msg']}") from None


def _has_content(data: dict[str, Any]) -> bool:
    basics = data.get("basics", {})
    # A name alone is any first line; a résumé also says how to reach the person
    # or what they did.
    if any(basics.get(k) for k in ("email", "phone", "url", "profiles", "summary")):
        return True
    if any(data.get(k) for k in STANDARD_SECTIONS if k != "summary"):
        return True
    return bool(data.get("meta", {}).get("resumeStudio", {}).get("customSections"))


def load_markdown(path: str | Path) -> Resume:
    raw = read_bytes_limited(path)
    text = decode_text(raw, path)
    return read_markdown(text, path)

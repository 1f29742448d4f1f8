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
by keywords in their titles (see ``titles.SECTION_KEYWORDS``); a title other than the
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

import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ...model.errors import ResumeFileError
from ...model.files import decode_text, read_bytes_limited
from ...model.resume import Resume
from ...model.sections import STANDARD_SECTIONS
from .patch import apply_patch, take_patch
from .sections import read_document

__all__ = ["load_markdown", "read_markdown"]


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
    visible, ops = take_patch(text)
    try:
        data = read_document(visible)
    except RecursionError:
        raise ResumeFileError(source, "the Markdown is nested too deeply") from None
    if (
        not _has_content(data)
        and not ops
        and not (data.get("basics", {}).get("name") and _NAME_HEADING.search(visible))
    ):
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


# A name given as a heading is a (very short) résumé; a bare first line is not.
_NAME_HEADING = re.compile(r"^\s{0,3}#\s+\S|<h1[\s>]", re.MULTILINE | re.IGNORECASE)


def reads_as(text: str) -> Resume:
    """What Markdown text alone reads back as, even when it is too little to
    count as a résumé (a name and nothing else). The exporter compares it with
    the résumé to know what its round-trip comment must carry."""
    return Resume.from_json_data(read_document(_clean(text)))


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

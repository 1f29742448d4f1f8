"""Which link targets an exported document may carry, in every format.

A résumé is sent to strangers: recruiters, hiring managers, applicant
tracking systems. A link in it may open a web page, start an e-mail or a
phone call, and nothing else: a ``javascript:`` target runs code in the
reader's viewer, ``file:`` opens something on the reader's own disk and
``data:`` carries a whole page of its own. Such a target still shows as its
words; it is only not made clickable. One rule serves DOCX, PDF and Markdown,
so a link behaves the same in whichever file the reader opens.
"""

from __future__ import annotations

import re

from .formats.cleaning import clean
from .notes import collecting

# "ftp://" is left out too: browsers no longer open it, and nothing a résumé
# links to needs it.
SAFE_PREFIXES = ("http://", "https://", "mailto:", "tel:")
# "example.com", "www.example.com/me?x=1": a host ending in a letters-only
# top-level domain, then a path, query or fragment.
_BARE_DOMAIN = re.compile(r"^[\w.-]+\.[a-z]{2,}(?:[/?#]\S*)?$", re.IGNORECASE)


def safe_link(href: str | None) -> str | None:
    """The target a link to ``href`` may have, or None when it must stay plain text.

    ``http(s)://``, ``mailto:`` and ``tel:`` targets are kept as written; a bare
    e-mail address gets ``mailto:`` and a bare domain ``https://``; anything
    else (``javascript:``, ``file:``, ``data:``, relative paths) gives None.
    Control characters are dropped and whitespace inside becomes ``%20``.
    """
    if not href:
        return None
    # The field's text reports its own control characters; the target is not
    # printed, so it is cleaned without a second note.
    with collecting():
        target = "%20".join(clean(href).split())
    if target.lower().startswith(SAFE_PREFIXES):
        return target
    if "@" in target and ":" not in target and "/" not in target:
        return f"mailto:{target}"
    if _BARE_DOMAIN.match(target):
        return f"https://{target}"
    return None

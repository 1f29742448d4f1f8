"""The header: name, title line, contact details, location and profiles."""

from __future__ import annotations

import re
from typing import Any

from ...markup import escape_markdown, plain_text
from .blocks import Block
from .entries import title_score
from .html_text import HTML_HEADING, HTML_ONLY, TAG_LINE, html_to_markdown
from .inline import canon, canon_literal, split_label, split_unescaped, unwrap

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
# Two capitals after a comma: a US state ("Austin, TX"), else a country code.
# fmt: off
_US_STATES = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL",
    "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT",
    "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI",
    "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
})
# fmt: on


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

    def take_heading(self, level: int, text: str) -> bool:
        """A level-1 heading is the name, the next heading the title; False when both are known."""
        if level == 1 and "name" not in self.basics:
            self.basics["name"] = unwrap(text)[0]
        elif "label" not in self.basics:
            self.basics["label"] = unwrap(text)[0]
        else:
            return False
        return True

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
                and title_score(rest[0]) > 0
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


def read_header(blocks: list[Block]) -> _Header:
    header = _Header()
    for block in blocks:
        if block.kind == "h":
            if not header.take_heading(block.level, canon(block.text)):
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
    if not any(TAG_LINE.match(line) for line in lines):
        if len(lines) == 1 or any(_contact_like(line) for line in lines):
            # "Jane Doe" / "Engineer" / "jane@example.com" stacked on lines.
            for line in lines:
                header.add_line(line)
        else:
            header.paragraphs.append(canon("\n".join(lines)))
        return
    for line in lines:
        if HTML_ONLY.match(line) and not HTML_HEADING.match(line):
            continue  # <div align="center">, </div>, <img ...>: layout, not words
        if not TAG_LINE.match(line):
            header.add_line(line)
            continue
        if match := HTML_HEADING.match(line):
            text = canon(html_to_markdown(match.group(2)).replace("\n", " "))
            if not header.take_heading(int(match.group(1)), text):
                header.add_line(text)
            continue
        for piece in html_to_markdown(line).split("\n"):
            if piece.strip():
                header.add_line(piece.strip())

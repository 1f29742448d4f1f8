"""Random valid résumés for the property tests, with the visible text each field must show.

A field is built from chunks of random Unicode (astral characters, emoji, CJK,
right-to-left scripts, control characters, markup-looking ``< > & | # ` ``)
joined by spaces, each chunk plain, **bold**, *italic* or a [link](url). Only
``* _ [ ] \\`` are kept out of the chunks, so the visible text of a field is
known without running any of the code under test: the chunks joined by spaces.
"""

from __future__ import annotations

import calendar
import os
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# --- profiles: "ci" (500 examples in all) and "soak" (10,000) ------------------------

_COMMON: dict[str, Any] = {
    "deadline": None,  # PDF export time varies with the machine's load
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "print_blob": True,
}
# CI draws the same 500 examples on every run (a failure is a change in the code,
# never the luck of the draw); the soak run explores new ones each time.
settings.register_profile("ci", max_examples=500, derandomize=True, **_COMMON)
settings.register_profile(
    "soak", max_examples=int(os.environ.get("SOAK_EXAMPLES", "10000")), **_COMMON
)

# Share of the profile's examples each format gets: PDF (~50 ms export plus
# pdftotext) is the slow one, JSON and text cost almost nothing.
WEIGHTS: dict[str, float] = {"json": 0.2, "txt": 0.2, "md": 0.2, "docx": 0.2, "pdf": 0.2}
OTHER_WEIGHT = 0.05  # a plugin format


def profile_name() -> str:
    return os.environ.get("HYPOTHESIS_PROFILE", "ci")


def examples_for(fmt: str) -> int:
    total = settings.get_profile(profile_name()).max_examples
    return max(10, round(total * WEIGHTS.get(fmt, OTHER_WEIGHT)))


def settings_for(fmt: str) -> settings:
    return settings(settings.get_profile(profile_name()), max_examples=examples_for(fmt))


# --- text -------------------------------------------------------------------------

MARKUP_TRIGGERS = "*_[]\\"
_chunk_chars = st.characters(
    codec="utf-8",  # no surrogates
    exclude_characters=MARKUP_TRIGGERS,
)
# Weighted towards the scripts a résumé meets, while still reaching all of Unicode.
_script_chars = st.one_of(
    _chunk_chars,
    st.sampled_from(
        list(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            "éèüöäßçñøåæœÉÖ–—‘’“”…•€£©®™"  # Latin-1 and typographic
            "李小龍日本語中文한국어ひらがなカタカナ"  # CJK
            "שלוםעולםمرحبابالعالم"  # RTL
            "😀🚀👍🏽👩\u200d💻🇫🇷𝔘𝟙"  # astral and sequences
            "<>&|#`~^%$@!?=+-/.,;:'\"()"  # markup-looking ASCII
            "\u00a0\u2009\u200b\u00ad\u0301\ufeff\t\n\x07\x1b\x85"  # spaces, marks, controls
        )
    ),
)
CHUNK = st.text(_script_chars, min_size=1, max_size=12).map(str.strip).filter(bool)


@dataclass
class Field:
    source: str  # what the model stores (inline Markdown)
    visible: str  # what a reader shows


@st.composite
def fields(draw: st.DrawFn, max_chunks: int = 3) -> Field:
    chunks = draw(st.lists(CHUNK, min_size=1, max_size=max_chunks))
    parts = []
    for chunk in chunks:
        style = draw(st.sampled_from(["plain", "plain", "bold", "italic", "link"]))
        if style == "bold":
            parts.append(f"**{chunk}**")
        elif style == "italic":
            parts.append(f"*{chunk}*")
        elif style == "link":
            parts.append(f"[{chunk}](https://example.com/{len(chunk)})")
        else:
            parts.append(chunk)
    return Field(" ".join(parts), " ".join(chunks))


@st.composite
def partial_dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(1950, 2035))
    precision = draw(st.sampled_from(["", "y", "ym", "ymd"]))
    if not precision:
        return ""
    if precision == "y":
        return f"{year:04d}"
    month = draw(st.integers(1, 12))
    if precision == "ym":
        return f"{year:04d}-{month:02d}"
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return f"{year:04d}-{month:02d}-{day:02d}"


# --- résumés ------------------------------------------------------------------------


@dataclass
class Generated:
    data: dict[str, Any]
    # (section key or "header", visible text) of every printed field
    visible: list[tuple[str, str]] = field(default_factory=list)


def _put(draw: st.DrawFn, target: dict[str, Any], key: str, out: Generated, section: str) -> None:
    value = draw(fields())
    target[key] = value.source
    out.visible.append((section, value.visible))


def _put_list(
    draw: st.DrawFn,
    target: dict[str, Any],
    key: str,
    out: Generated,
    section: str,
    min_size: int = 0,
) -> None:
    items = draw(st.lists(fields(), min_size=min_size, max_size=3))
    target[key] = [i.source for i in items]
    out.visible.extend((section, i.visible) for i in items)


SECTION_KEYS = ["work", "education", "skills", "projects", "languages", "custom"]


@st.composite
def resumes(draw: st.DrawFn) -> Generated:
    out = Generated({})
    basics: dict[str, Any] = {}
    _put(draw, basics, "name", out, "header")
    if draw(st.booleans()):
        _put(draw, basics, "label", out, "header")
    if draw(st.booleans()):
        _put(draw, basics, "summary", out, "summary")
    if draw(st.booleans()):
        basics["email"] = draw(st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.org", fullmatch=True))
    out.data["basics"] = basics

    chosen = draw(st.lists(st.sampled_from(SECTION_KEYS), unique=True, max_size=6))
    for key in chosen:
        if key == "custom":
            section: dict[str, Any] = {"id": "custom-1"}
            _put(draw, section, "title", out, "custom-1")
            # An empty custom section is not printed at all (nor its title).
            _put_list(draw, section, "highlights", out, "custom-1", min_size=1)
            out.data.setdefault("meta", {}).setdefault("resumeStudio", {})["customSections"] = [
                section
            ]
            continue
        items = []
        for _ in range(draw(st.integers(1, 2))):
            item: dict[str, Any] = {}
            if key == "work":
                _put(draw, item, "position", out, key)
                _put(draw, item, "name", out, key)
                item["startDate"] = draw(partial_dates())
                item["endDate"] = draw(partial_dates())
                _put_list(draw, item, "highlights", out, key)
            elif key == "education":
                _put(draw, item, "institution", out, key)
                item["endDate"] = draw(partial_dates())
                if draw(st.booleans()):
                    _put(draw, item, "area", out, key)
            elif key == "skills":
                _put(draw, item, "name", out, key)
                _put_list(draw, item, "keywords", out, key)
            elif key == "projects":
                _put(draw, item, "name", out, key)
                _put(draw, item, "description", out, key)
                _put_list(draw, item, "highlights", out, key)
            elif key == "languages":
                _put(draw, item, "language", out, key)
                _put(draw, item, "fluency", out, key)
            items.append(item)
        out.data[key] = items

    # A random page order for the sections, some of them hidden.
    keys = [k if k != "custom" else "custom-1" for k in chosen]
    if keys and draw(st.booleans()):
        order = draw(st.permutations(keys))
        hidden = draw(st.lists(st.sampled_from(keys), unique=True, max_size=2))
        settings_ = out.data.setdefault("meta", {}).setdefault("resumeStudio", {})
        settings_["sectionOrder"] = list(order)
        settings_["hiddenSections"] = hidden
        out.visible = [(s, v) for s, v in out.visible if s not in hidden]
    return out

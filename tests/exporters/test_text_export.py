"""ATS plain text, read back line by line and compared with the model."""

from __future__ import annotations

import re

import pytest

from exporters.formats.text import TextExporter, TextOptions
from exporters.markup import plain_text
from exporters.model import Resume, edits
from exporters.model.sections import printed_sections
from exporters.notes import collecting
from exporters.theme import resolve


def export(resume: Resume, **options: object) -> str:
    data = TextExporter().export(resume, resolve(resume), TextOptions.model_validate(options))
    return data.decode("utf-8")


def bullets_of(text: str, bullet: str = "•") -> list[str]:
    """Rebuild bullets from the wrapped text: a bullet line plus its indented continuations."""
    items: list[str] = []
    for line in text.splitlines():
        if line.startswith(f"{bullet} "):
            items.append(line[2:])
        elif line.startswith("  ") and items:
            items[-1] += " " + line.strip()
    return items


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(params=["sample", "jsonresume", "long"])
def resume(request: pytest.FixtureRequest) -> Resume:
    name = {"sample": "sample_resume", "jsonresume": "jsonresume_sample", "long": "long_sample"}
    return request.getfixturevalue(name[request.param])


def test_layout_name_first_then_contacts_then_uppercase_sections(resume: Resume) -> None:
    text = export(resume)
    lines = text.splitlines()
    assert lines[0] == resume.basics.name
    assert resume.basics.email in "\n".join(lines[:6])
    headings = [
        line for line in lines if line and line == line.upper() and re.search(r"[A-Z]{3}", line)
    ]
    expected = [s.title.upper() for s in printed_sections(resume)]
    assert [h for h in headings if h in expected] == expected
    for heading in expected:
        index = lines.index(heading)
        assert lines[index - 1] == "", f"no blank line before {heading}"


def test_every_bullet_verbatim_and_in_order(resume: Resume) -> None:
    text = export(resume)
    expected = [squash(plain_text(h)) for w in resume.work for h in w.highlights]
    found = [squash(b) for b in bullets_of(text)]
    # Work bullets come first in their section, in order (other sections may add more).
    work_found = [b for b in found if b in expected]
    assert work_found == expected


def test_lines_wrap_at_the_width_or_not_at_all(resume: Resume) -> None:
    wrapped = export(resume, width=60)
    assert max(len(line) for line in wrapped.splitlines()) <= 60
    unwrapped = export(resume, width=0)
    longest = max((plain_text(h) for w in resume.work for h in w.highlights), key=len)
    assert f"• {squash(longest)}" in unwrapped.splitlines()


def test_lead_ins_lose_their_markup(sample_resume: Resume) -> None:
    text = export(sample_resume)
    assert "**" not in text
    assert "• Architecture & Design: Architected" in text


def test_ascii_mode() -> None:
    resume = Resume.model_validate(
        {
            "basics": {"name": "Zoë Ångström", "summary": "Café “quotes” — dashes – and … ™ 東京"},
            "work": [{"name": "Ørsted", "highlights": ["Grew revenue – 40%"]}],
        }
    )
    with collecting() as notes:
        text = export(resume, ascii=True)
    assert text.isascii()
    assert text.splitlines()[0] == "Zoe Angstrom"
    assert 'Cafe "quotes" -- dashes - and ... (TM) ??' in text
    assert "- Grew revenue - 40%" in text
    assert any("no ASCII spelling" in n for n in notes)


def test_links_keep_their_address() -> None:
    resume = Resume.model_validate(
        {"basics": {"name": "A", "summary": "See [my blog](https://blog.example.com)."}}
    )
    assert "See my blog <https://blog.example.com>." in export(resume)


def test_hidden_and_renamed_sections_follow_the_settings(sample_resume: Resume) -> None:
    r = edits.set_value(sample_resume, "meta.resumeStudio.hiddenSections", ["skills"])
    r = edits.set_value(r, "meta.resumeStudio.sectionTitles", {"work": "Career History"})
    text = export(r)
    assert "CAREER HISTORY" in text.splitlines()
    assert "Java Ecosystem" not in text
    assert "Spring (Boot, Cloud, Security, Data, Batch)" not in text


def test_control_characters_are_removed_with_a_note() -> None:
    resume = Resume.model_validate({"basics": {"name": "Bad\x00Name\x07"}})
    with collecting() as notes:
        text = export(resume)
    assert text.splitlines()[0] == "BadName"
    assert notes == ["removed 2 invisible control characters, near “BadName”"]


def test_empty_resume_exports_nothing_but_a_newline() -> None:
    assert export(Resume()) == "\n"

"""The PDF, read back with pypdf, pdfminer.six and poppler's ``pdftotext``, and
compared with the source résumé field by field."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import threading
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from exporters.formats.pdf import PdfExporter, PdfOptions
from exporters.layout import build_outline
from exporters.markup import plain_text
from exporters.model import Resume
from exporters.model.sections import printed_sections
from exporters.notes import collecting
from exporters.registry import default_registry
from exporters.theme import PAGE_SIZES, resolve
from tests.helpers.resumes import long_resume

PDFTOTEXT = shutil.which("pdftotext")
CASES = ["sample", "jsonresume", "long"]
FIXTURES = {"sample": "sample_resume", "jsonresume": "jsonresume_sample", "long": "long_sample"}


def export(resume: Resume, *, page_size: str | None = None, **options: Any) -> bytes:
    theme = resolve(resume, page_size=page_size)  # type: ignore[arg-type]
    return PdfExporter().export(resume, theme, PdfOptions.model_validate(options))


def export_noting(resume: Resume, **options: Any) -> tuple[bytes, list[str]]:
    with collecting() as notes:
        data = export(resume, **options)
    return data, notes


def pypdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def poppler_pages(data: bytes, *, layout: bool = False) -> list[str]:
    assert PDFTOTEXT, "poppler-utils (pdftotext) is required for these tests"
    args = [PDFTOTEXT, "-enc", "UTF-8", *(["-layout"] if layout else []), "-", "-"]
    out = subprocess.run(args, input=data, capture_output=True, check=True).stdout
    pages = out.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squash(text: str) -> str:
    return " ".join(text.split())


def without_page_numbers(text: str) -> str:
    return re.sub(r"Page \d+ of \d+", " ", text)


def readings(data: bytes) -> dict[str, str]:
    """The whole document's text as each independent reader sees it, whitespace squashed."""
    return {
        "pypdf": squash("\n".join(pypdf_pages(data))),
        "pdftotext": squash("\n".join(poppler_pages(data))),
        "pdftotext -layout": squash("\n".join(poppler_pages(data, layout=True))),
    }


def assert_in_order(haystack: str, needles: list[str], reader: str) -> None:
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        assert found >= 0, f"{reader}: {needle!r} missing or out of order"
        position = found + len(needle)


def all_bullets(resume: Resume) -> list[str]:
    outline = build_outline(resume)
    items: list[str] = []
    for section in outline.sections:
        for entry in section.entries:
            items.extend(entry.bullets)
        items.extend(section.bullets)
    return [squash(plain_text(b)) for b in items]


@pytest.fixture(params=CASES)
def case(request: pytest.FixtureRequest) -> tuple[Resume, bytes]:
    resume: Resume = request.getfixturevalue(FIXTURES[request.param])
    return resume, _rendered(request.param, resume)


_cache: dict[str, bytes] = {}


def _rendered(name: str, resume: Resume) -> bytes:
    if name not in _cache:
        _cache[name] = export(resume)
    return _cache[name]


# --- registration -----------------------------------------------------------


def test_registered_with_its_description() -> None:
    exporter = default_registry().get("pdf")
    assert isinstance(exporter, PdfExporter)
    info = exporter.info
    assert (info.name, info.extension, info.mime_type, info.binary) == (
        "pdf",
        "pdf",
        "application/pdf",
        True,
    )
    assert info.options().page_numbers is True  # type: ignore[attr-defined]


def test_reportlab_is_not_imported_by_loading_the_exporter() -> None:
    code = "import sys, exporters.formats.pdf, exporters.fonts;print('reportlab' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- text comes back exactly -------------------------------------------------


def test_name_label_and_contacts_come_back(case: tuple[Resume, bytes]) -> None:
    resume, data = case
    outline = build_outline(resume)
    for reader, text in readings(data).items():
        expected = [outline.name, squash(plain_text(outline.label))]
        expected += [squash(c.text) for c in outline.contacts]
        assert_in_order(text, expected, reader)
        assert text.startswith(outline.name), reader


def test_every_bullet_verbatim_and_in_order(case: tuple[Resume, bytes]) -> None:
    resume, data = case
    bullets = all_bullets(resume)
    assert bullets, "the case has bullets"
    for reader, text in readings(data).items():
        # Each bullet is drawn with a real "•" in the embedded font.
        assert_in_order(text, [f"• {b}" for b in bullets], reader)


def test_work_bullets_are_the_models_highlights(case: tuple[Resume, bytes]) -> None:
    resume, data = case
    text = readings(data)["pypdf"]
    highlights = [squash(plain_text(h)) for w in resume.work for h in w.highlights]
    assert_in_order(text, highlights, "pypdf")
    assert text.count("•") >= len(highlights)


def test_section_titles_in_order(case: tuple[Resume, bytes]) -> None:
    resume, data = case
    titles = [s.title for s in printed_sections(resume)]
    for reader, text in readings(data).items():
        assert_in_order(text, titles, reader)


def test_paragraphs_and_entry_fields_come_back(case: tuple[Resume, bytes]) -> None:
    resume, data = case
    text = readings(data)["pdftotext"]
    outline = build_outline(resume)
    expected: list[str] = []
    for section in outline.sections:
        expected.append(section.title)
        expected += [squash(plain_text(p)) for p in section.paragraphs]
        for entry in section.entries:
            expected += [squash(plain_text(x)) for x in (entry.title, entry.organization) if x]
            expected += [squash(plain_text(p)) for p in entry.paragraphs]
        for row in section.rows:
            expected.append(squash(plain_text(row.label)))
    assert_in_order(text, expected, "pdftotext")
    for section in outline.sections:
        for entry in section.entries:
            if entry.dates:
                assert entry.dates in text


def test_dates_sit_on_the_title_line_flush_right(sample_resume: Resume) -> None:
    data = _rendered("sample", sample_resume)
    lines = [line for page in poppler_pages(data, layout=True) for line in page.splitlines()]
    start = 0
    for work in build_outline(sample_resume).sections[1].entries:
        index = next(i for i in range(start, len(lines)) if lines[i].strip().startswith(work.title))
        line, start = lines[index], index + 1
        assert line.rstrip().endswith(work.dates), line
        indent = len(line) - len(line.lstrip())
        gap = line[indent + len(work.title) :]
        assert len(gap) - len(gap.lstrip()) > 10, "dates are pushed to the right margin"


def test_typographic_characters_survive(long_sample: Resume) -> None:
    data = _rendered("long", long_sample)
    for reader, text in readings(data).items():
        for piece in ("Zoë Ångström-Núñez", "“project 0-0”", "café", " — ", " – ", "Université"):
            assert piece in text, f"{reader}: {piece!r}"


# --- fonts, metadata, links, pages --------------------------------------------


def _fonts(data: bytes) -> dict[str, Any]:
    fonts: dict[str, Any] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


def test_every_font_is_an_embedded_truetype_subset_with_tounicode(
    case: tuple[Resume, bytes],
) -> None:
    _, data = case
    fonts = _fonts(data)
    assert fonts
    for name, font in fonts.items():
        assert "Helvetica" not in name
        assert "Times" not in name
        assert "Courier" not in name
        assert font["/Subtype"] == "/TrueType", name
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
        assert "/ToUnicode" in font, f"{name} has no ToUnicode map"
        assert re.match(r"^/[A-Z]{6}\+", name), f"{name} is not a subset"
    assert any("Carlito" in n for n in fonts)


def test_pdffonts_agrees_everything_is_embedded(sample_resume: Resume) -> None:
    pdffonts = shutil.which("pdffonts")
    assert pdffonts, "poppler-utils is required"
    data = _rendered("sample", sample_resume)
    out = subprocess.run([pdffonts, "-"], input=data, capture_output=True, check=True).stdout
    rows = out.decode().splitlines()[2:]
    assert rows
    for row in rows:
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_no_images_in_the_pdf(case: tuple[Resume, bytes]) -> None:
    _, data = case
    for page in PdfReader(io.BytesIO(data)).pages:
        xobjects = page["/Resources"].get_object().get("/XObject", {})
        assert not xobjects, "bullets and rules are drawn, not pictures"


def test_metadata(case: tuple[Resume, bytes]) -> None:
    resume, data = case
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta is not None
    assert meta.title == f"{resume.basics.name} — Résumé"
    assert meta.author == resume.basics.name
    assert meta.subject == plain_text(resume.basics.label)


def _links(data: bytes) -> list[str]:
    uris: list[str] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/A" in annot:
                uris.append(str(annot["/A"].get_object()["/URI"]))
    return uris


def test_contact_links_are_annotations_and_visible_text(jsonresume_sample: Resume) -> None:
    data = _rendered("jsonresume", jsonresume_sample)
    links = _links(data)
    basics = jsonresume_sample.basics
    assert f"mailto:{basics.email}" in links
    assert basics.url in links
    for profile in basics.profiles:
        assert profile.url in links
    text = readings(data)["pdftotext"]
    assert basics.email in text
    for contact in build_outline(jsonresume_sample).contacts:
        assert contact.text in text
    for work in jsonresume_sample.work:
        assert work.url in links


def test_sample_fits_three_letter_pages(sample_resume: Resume) -> None:
    reader = PdfReader(io.BytesIO(_rendered("sample", sample_resume)))
    assert len(reader.pages) <= 3
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAGE_SIZES["letter"], abs=0.01)


def test_a4_page_size_is_honoured(sample_resume: Resume) -> None:
    data = export(sample_resume, page_size="a4")
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(PAGE_SIZES["a4"], abs=0.01)
    assert len(reader.pages) <= 3
    assert_in_order(readings(data)["pypdf"], all_bullets(sample_resume), "pypdf (A4)")


def test_page_numbers_in_the_bottom_margin_after_the_page_text(long_sample: Resume) -> None:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    data = _rendered("long", long_sample)
    pages = pypdf_pages(data)
    total = len(pages)
    assert total > 1
    theme = resolve(long_sample)
    for number, text in enumerate(pages, start=1):
        # Drawn last: extraction in stream order reads it after the page's text.
        assert text.rstrip().endswith(f"Page {number} of {total}")
    for number, layout in enumerate(extract_pages(io.BytesIO(data)), start=1):
        boxes = [b for b in layout if isinstance(b, LTTextContainer)]
        marks = [b for b in boxes if f"Page {number} of {total}" in b.get_text()]
        assert len(marks) == 1
        assert marks[0].y1 < theme.margin_bottom
        body = [b for b in boxes if b is not marks[0]]
        assert min(b.y0 for b in body) >= theme.margin_bottom - 3  # descenders


def test_page_numbers_can_be_switched_off(long_sample: Resume) -> None:
    data = export(long_sample, page_numbers=False)
    assert "Page 1 of" not in readings(data)["pypdf"]


def test_one_page_has_no_page_number() -> None:
    resume = Resume.model_validate({"basics": {"name": "Ada Lovelace", "label": "Analyst"}})
    data = export(resume)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert "Page" not in readings(data)["pdftotext"]


# --- keep rules -----------------------------------------------------------------


def _last_lines(data: bytes) -> list[str]:
    """The last line of text on each page but the final one, page number removed."""
    lasts = []
    for page in poppler_pages(data, layout=True)[:-1]:
        lines = [squash(without_page_numbers(line)) for line in page.splitlines()]
        lines = [line for line in lines if line]
        lasts.append(lines[-1])
    return lasts


def _stranded(resume: Resume, data: bytes) -> list[str]:
    outline = build_outline(resume)
    titles = {s.title for s in outline.sections}
    headers = [
        squash(plain_text(x))
        for s in outline.sections
        for e in s.entries
        if e.bullets or e.paragraphs or e.details
        for x in (e.title, e.organization)
        if x
    ]
    bad = []
    for line in _last_lines(data):
        if line in titles or (
            not line.startswith("•") and any(line.startswith(h) for h in headers)
        ):
            bad.append(line)
    return bad


@pytest.mark.parametrize("padding", range(0, 24, 3))
def test_no_page_ends_on_a_heading_or_entry_header(padding: int) -> None:
    """Shift the content down a line at a time so every header meets a page foot."""
    data = long_resume(jobs=5, bullets_per_job=5).to_json_data()
    data["basics"]["summary"] += "\n" + "\n".join(f"Line {i}." for i in range(padding))
    for job in data["work"]:
        # Five-line bullets, so a page break would fall inside one if allowed to.
        job["highlights"] = [f"{h} {h} {h}" for h in job["highlights"]]
    resume = Resume.model_validate(data)
    pdf = export(resume)
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 1
    assert _stranded(resume, pdf) == []
    for reader, text in readings(pdf).items():
        # The page number never lands inside a bullet.
        assert_in_order(text, [f"• {b}" for b in all_bullets(resume)], reader)


def test_no_stranded_headers_in_the_cases(case: tuple[Resume, bytes]) -> None:
    resume, data = case
    assert _stranded(resume, data) == []


# --- sections, escaping, odd input ----------------------------------------------


def _with(resume: Resume, **settings: Any) -> Resume:
    data = resume.to_json_data()
    data.setdefault("meta", {}).setdefault("resumeStudio", {}).update(settings)
    return Resume.model_validate(data)


def test_hidden_section_absent_and_renamed_title_present(jsonresume_sample: Resume) -> None:
    resume = _with(
        jsonresume_sample, hiddenSections=["skills"], sectionTitles={"work": "Work History"}
    )
    text = readings(export(resume))["pdftotext"]
    assert "Work History" in text
    assert "Experience" not in text.split("Work History")[0]
    assert "Skills" not in text
    for skill in jsonresume_sample.skills:
        assert ", ".join(skill.keywords) not in text


def test_user_text_that_looks_like_markup_prints_literally() -> None:
    bullets = [
        "Use <b>bold</b> & <i>tags</i> literally",
        "A <para> and </para> tag, &amp; an entity, a </b> close",
        'Quotes " and \' and <a href="x">no link</a>',
        "Compare a < b > c && d",
    ]
    resume = Resume.model_validate(
        {
            "basics": {"name": "Tom <b>Jones</b> & Co", "label": "Dev <para>"},
            "work": [{"name": "A&B <Ltd>", "position": "Engineer", "highlights": bullets}],
        }
    )
    data, _ = export_noting(resume)
    for reader, text in readings(data).items():
        assert text.startswith("Tom <b>Jones</b> & Co"), reader
        assert "Dev <para>" in text
        assert "A&B <Ltd>" in text
        assert_in_order(text, [f"• {b}" for b in bullets], reader)
    assert _links(data) == []


def test_markdown_lead_ins_and_links_in_bullets() -> None:
    resume = Resume.model_validate(
        {
            "basics": {"name": "Ann"},
            "work": [
                {
                    "name": "Co",
                    "position": "Dev",
                    "highlights": [
                        "**Lead:** shipped [the site](https://example.com/a?b=1&c=2) *fast*",
                        "Danger [link](javascript:alert(1)) stays text",
                    ],
                }
            ],
        }
    )
    data = export(resume)
    text = readings(data)["pypdf"]
    assert "• Lead: shipped the site fast" in text
    assert "• Danger link stays text" in text
    assert _links(data) == ["https://example.com/a?b=1&c=2"]
    fonts = _fonts(data)
    assert any("Bold" in n for n in fonts)
    assert any("Italic" in n for n in fonts)


def test_control_characters_are_removed_with_a_note() -> None:
    resume = Resume.model_validate(
        {
            "basics": {"name": "Bell\x07 Person", "summary": "Tab\tand form\x0cfeed"},
            "work": [
                {"name": "Co", "position": "Dev", "highlights": ["null\x00byte and \x1b esc"]}
            ],
        }
    )
    data, notes = export_noting(resume)
    assert any("control character" in n for n in notes)
    text = readings(data)["pdftotext"]
    assert "Bell Person" in text
    assert "• nullbyte and esc" in text
    assert "formfeed" in text


def test_a_500_character_word_stays_inside_the_margins() -> None:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer

    word = "".join("abcdefghij"[i % 10] for i in range(500))
    resume = Resume.model_validate(
        {
            "basics": {"name": "Long Word", "label": word[:300]},
            "work": [{"name": word[:200], "position": word, "highlights": [word, "short"]}],
        }
    )
    data = export(resume)
    theme = resolve(resume)
    right = theme.page_width - theme.margin_side
    count = 0
    for layout in extract_pages(io.BytesIO(data)):
        for box in layout:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                for char in line:
                    if isinstance(char, LTChar):
                        count += 1
                        assert theme.margin_side - 0.5 <= char.x0, char.get_text()
                        assert char.x1 <= right + 0.5, (char.get_text(), char.x1, right)
    assert count > 1500
    text = "".join(readings(data)["pypdf"].split())
    assert text.count(word) >= 2  # the title and the bullet, split only by line breaks


@pytest.mark.parametrize("where", ["bullet", "position", "organization", "section title"])
def test_a_field_longer_than_a_page_flows_over_pages(where: str) -> None:
    essay = " ".join(f"w{i}" for i in range(2500))
    work: dict[str, Any] = {"name": "Co", "position": "Dev", "highlights": ["after"]}
    settings: dict[str, Any] = {}
    if where == "bullet":
        work["highlights"] = [essay, "after"]
    elif where == "position":
        work["position"] = essay
    elif where == "organization":
        work["name"] = essay
    else:
        settings = {"sectionTitles": {"work": essay}}
    resume = Resume.model_validate(
        {"basics": {"name": "Ann"}, "work": [work], "meta": {"resumeStudio": settings}}
    )
    data = export(resume)
    assert len(PdfReader(io.BytesIO(data)).pages) > 1
    for reader, text in readings(data).items():
        # Only here may a page number fall inside a field: it is longer than a page.
        assert essay in squash(without_page_numbers(text)), reader
        assert "after" in text


def test_cjk_survives_and_uncovered_scripts_are_reported() -> None:
    resume = Resume.model_validate(
        {
            "basics": {"name": "李小龍", "label": "エンジニア — Ingénieur"},
            "work": [
                {
                    "name": "株式会社テスト",
                    "position": "Dev",
                    "highlights": [
                        "Built 中文 search – “fast” ✓ → done",
                        "Shipped 🚀 fast",
                        "Korean 한국어 text",
                    ],
                }
            ],
        }
    )
    data, notes = export_noting(resume)
    for reader, text in readings(data).items():
        assert text.startswith("李小龍"), reader
        assert "エンジニア — Ingénieur" in text
        assert "株式会社テスト" in text
        assert "• Built 中文 search – “fast” ✓ → done" in text, reader
    assert any("U+1F680" in n for n in notes), notes
    assert any("U+D55C" in n for n in notes), notes
    assert any("DroidSansFallback" in n for n in _fonts(data))
    assert any("DejaVuSans" in n for n in _fonts(data))


def test_right_to_left_text_gets_a_plain_warning() -> None:
    resume = Resume.model_validate(
        {"basics": {"name": "Dana", "summary": "Speaks עברית and العربية"}}
    )
    _, notes = export_noting(resume)
    assert any("right-to-left" in n for n in notes)


def test_empty_resume_gives_a_blank_page() -> None:
    data = export(Resume())
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


def test_unknown_theme_font_falls_back_with_a_note(sample_resume: Resume) -> None:
    from dataclasses import replace

    theme = replace(resolve(sample_resume), pdf_font="Comic Sans")
    with collecting() as notes:
        data = PdfExporter().export(sample_resume, theme, PdfOptions())
    assert any("Comic Sans" in n for n in notes)
    assert any("Carlito" in n for n in _fonts(data))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=120), min_size=1, max_size=4), st.text(max_size=60))
def test_any_text_exports_without_crashing(bullets: list[str], name: str) -> None:
    resume = Resume.model_validate(
        {"basics": {"name": name}, "work": [{"name": "Co", "highlights": bullets}]}
    )
    with collecting():
        data = export(resume)
    assert data.startswith(b"%PDF-")
    assert PdfReader(io.BytesIO(data)).pages


def test_exports_from_several_threads_agree(jsonresume_sample: Resume) -> None:
    expected = readings(_rendered("jsonresume", jsonresume_sample))["pypdf"]
    results: list[str] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(readings(export(jsonresume_sample))["pypdf"])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert results == [expected] * 4

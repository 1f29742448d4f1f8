"""The ATS-safe DOCX, read back by three independent readers and compared with the model.

python-docx gives styles, runs and package parts; docx2python and mammoth are
separate parsers (mammoth is what many résumé tools use to turn a DOCX into
HTML). Expected values come from the résumé model, never from the exporter.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import mammoth
import pytest
from docx.document import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt
from docx2python import docx2python
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters.formats.docx import DocxExporter, DocxOptions
from exporters.markup import plain_text
from exporters.model import Resume
from exporters.model.dates import DateStyle
from exporters.model.sections import printed_sections
from exporters.notes import collecting
from exporters.registry import default_registry
from exporters.theme import CLASSIC, resolve
from resources import SAMPLE_RESUME

RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK = f"{RELS}/hyperlink"
LEAD_IN = re.compile(r"^\*\*(.+?)\*\*")

# The bundled sample joins the comparison as soon as it is checked in.
CASES = ["jsonresume", "long"] + (["sample"] if SAMPLE_RESUME.exists() else [])


def export(resume: Resume, *, page_size: str | None = None, **options: Any) -> bytes:
    theme = resolve(resume, page_size=page_size)  # type: ignore[arg-type]
    return DocxExporter().export(resume, theme, DocxOptions.model_validate(options))


def read(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def squash(text: str) -> str:
    return " ".join(text.split())


def expected_bullets(resume: Resume) -> list[str]:
    """Every highlight the résumé prints, in page order, as plain text."""
    out: list[str] = []
    for info in printed_sections(resume):
        if info.key in ("work", "volunteer", "projects"):
            items: tuple[Any, ...] = getattr(resume, info.key)
            for item in items:
                out.extend(plain_text(h.strip()) for h in item.highlights if h.strip())
        elif info.custom is not None:
            out.extend(plain_text(h.strip()) for h in info.custom.highlights if h.strip())
    return out


def styled(document: Document, style: str) -> list[Any]:
    return [p for p in document.paragraphs if p.style is not None and p.style.name == style]


def document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml").decode("utf-8")


class _HtmlText(HTMLParser):
    """Collects the text of each element of the given tags from mammoth's HTML."""

    def __init__(self, tags: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = tags
        self.open: list[str] = []
        self.found: dict[str, list[str]] = {tag: [] for tag in tags}
        self.nesting: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.nesting.append(tag)
        if tag in self.tags:
            self.open.append(tag)
            self.found[tag].append("")
        elif tag == "br" and self.open:
            self.found[self.open[-1]][-1] += "\n"

    def handle_endtag(self, tag: str) -> None:
        if self.nesting and self.nesting[-1] == tag:
            self.nesting.pop()
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open:
            self.found[self.open[-1]][-1] += data


def mammoth_html(data: bytes) -> str:
    return str(mammoth.convert_to_html(io.BytesIO(data)).value)


def html_texts(html: str, *tags: str) -> dict[str, list[str]]:
    parser = _HtmlText(set(tags))
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.fixture(params=CASES)
def resume(request: pytest.FixtureRequest) -> Resume:
    name = {"sample": "sample_resume", "jsonresume": "jsonresume_sample", "long": "long_sample"}
    fixture: Resume = request.getfixturevalue(name[request.param])
    return fixture


@pytest.fixture
def data(resume: Resume) -> bytes:
    return export(resume)


# -- registration ------------------------------------------------------------


def test_registered_with_its_description() -> None:
    exporter = default_registry(reload=True).get("docx")
    info = exporter.info
    assert isinstance(exporter, DocxExporter)
    assert (info.extension, info.binary) == ("docx", True)
    assert info.display_name == "Word document (ATS-safe)"
    assert info.mime_type.endswith("wordprocessingml.document")
    assert info.options().model_dump() == {"links": True}
    with pytest.raises(ValueError, match="frozen"):
        info.options().links = False  # type: ignore[misc]


# -- structure ---------------------------------------------------------------


def test_name_is_the_title_style_and_first(resume: Resume, data: bytes) -> None:
    document = read(data)
    first = document.paragraphs[0]
    assert first.style is not None
    assert first.style.name == "Title"
    assert first.text == resume.basics.name
    assert [p.text for p in styled(document, "Title")] == [resume.basics.name]


def test_label_and_contacts_follow_the_name(resume: Resume, data: bytes) -> None:
    texts = [p.text for p in read(data).paragraphs[:3]]
    assert texts[1] == resume.basics.label
    contact_line = texts[2]
    assert resume.basics.email in contact_line
    assert resume.basics.phone in contact_line
    assert " | " in contact_line


def test_section_titles_are_heading_1_in_printed_order(resume: Resume, data: bytes) -> None:
    headings = [p.text for p in styled(read(data), "Heading 1")]
    assert headings == [info.title for info in printed_sections(resume)]


def test_every_bullet_is_list_bullet_verbatim_and_in_order(resume: Resume, data: bytes) -> None:
    found = [p.text for p in styled(read(data), "List Bullet")]
    assert found == expected_bullets(resume)
    assert found, "the case should have bullets"


def test_lead_ins_are_bold_runs_and_the_rest_is_not(resume: Resume, data: bytes) -> None:
    sources = [
        h.strip()
        for info in printed_sections(resume)
        if info.key == "work"
        for w in resume.work
        for h in w.highlights
        if h.strip()
    ]
    paragraphs = styled(read(data), "List Bullet")[: len(sources)]
    checked = 0
    for source, paragraph in zip(sources, paragraphs, strict=True):
        match = LEAD_IN.match(source)
        if not match or "*" in source[match.end() :]:
            continue
        bold = "".join(r.text for r in paragraph.runs if r.bold)
        plain = "".join(r.text for r in paragraph.runs if not r.bold)
        assert bold == plain_text(match.group(0))
        assert plain == plain_text(source[match.end() :])
        checked += 1
    if any(LEAD_IN.match(s) for s in sources):
        assert checked


def test_entry_header_has_position_and_dates_as_separate_runs(resume: Resume, data: bytes) -> None:
    document = read(data)
    headers = iter(styled(document, "Heading 2"))
    for job in resume.work:
        if not job.position.strip():
            continue
        # Jobs come in order; two jobs may share a position title.
        header = next(h for h in headers if h.text.split("\t")[0] == job.position.strip())
        year = job.startDate[:4]
        dates_run = next(r for r in header.runs if year in r.text)
        assert job.position.strip() not in dates_run.text, "dates share a run with the title"
        assert dates_run.text.startswith("\t"), "dates are not after a tab"
        assert not dates_run.bold
        # The company is on the next line, in its own paragraph.
        following = header._p.getnext()
        following = next(p for p in document.paragraphs if p._p is following)
        assert following.text.startswith(job.name.strip())
        if job.location.strip():
            assert following.text.endswith(job.location.strip())
    # Dates go flush right on a right tab stop at the margin, not into a table.
    style = document.styles["Heading 2"]
    stops = list(style.paragraph_format.tab_stops)
    text_width = document.sections[0].page_width - 2 * document.sections[0].left_margin
    assert any(s.alignment == 2 and abs(s.position - text_width) < Pt(1) for s in stops)


def test_nothing_an_ats_cannot_read(data: bytes) -> None:
    document = read(data)
    xml = document_xml(data)
    assert document.tables == []
    for tag in ("w:tbl", "w:txbxContent", "w:drawing", "w:pict", "w:object", "mc:AlternateContent"):
        assert f"<{tag}" not in xml, tag
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
    media = [n for n in names if n.startswith("word/media") or n.endswith((".jpeg", ".png"))]
    assert media == []
    assert not [n for n in names if re.search(r"word/(header|footer)\d*\.xml", n)]


def test_no_leftovers_from_the_template(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        settings = package.read("word/settings.xml").decode("utf-8")
    assert "docProps/thumbnail.jpeg" not in names
    assert "word/stylesWithEffects.xml" not in names  # unstyled copy of the styles
    assert "w:proofState" not in settings  # Word still spell-checks the résumé


def test_headers_and_footers_are_empty(data: bytes) -> None:
    document = read(data)
    for section in document.sections:
        sect_pr = section._sectPr
        assert sect_pr.find(qn("w:headerReference")) is None
        assert sect_pr.find(qn("w:footerReference")) is None
        for part in (section.header, section.footer, section.first_page_header):
            assert part.is_linked_to_previous
            assert all(not p.text.strip() for p in part.paragraphs)


def test_list_bullet_draws_a_real_bullet_from_a_numbering_definition(data: bytes) -> None:
    document = read(data)
    style = document.styles["List Bullet"]
    num_id = style.element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.num_lst if n.numId == num_id)
    abstract = next(
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == str(num.abstractNumId.val)
    )
    level = abstract.find(qn("w:lvl"))
    assert level.find(qn("w:numFmt")).get(qn("w:val")) == "bullet"
    assert level.find(qn("w:lvlText")).get(qn("w:val")) == "•"
    fonts = level.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == CLASSIC.docx_font  # not Symbol's private-use glyph


def test_paragraphs_carry_styles_not_direct_formatting(data: bytes) -> None:
    for paragraph in read(data).paragraphs:
        ppr = paragraph._p.pPr
        if ppr is not None:
            assert [child.tag for child in ppr] == [qn("w:pStyle")]


def test_styles_use_the_theme_font_for_every_script(data: bytes) -> None:
    document = read(data)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet"):
        fonts = document.styles[name].element.rPr.rFonts
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert fonts.get(qn(f"w:{attr}")) == CLASSIC.docx_font, (name, attr)
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            assert fonts.get(qn(f"w:{attr}")) is None, (name, attr)
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(CLASSIC.body_size)
    # A leading of at least 1.15 × the font size (ATS.md), as Word measures it.
    leading = normal.paragraph_format
    assert leading.line_spacing_rule == WD_LINE_SPACING.AT_LEAST
    assert leading.line_spacing >= 1.15 * normal.font.size
    title = document.styles["Title"]
    assert str(title.font.color.rgb) == CLASSIC.accent.lstrip("#").upper()
    assert title.font.size == Pt(CLASSIC.name_size)
    heading = document.styles["Heading 1"]
    assert heading.element.pPr.find(qn("w:pBdr")).find(qn("w:bottom")) is not None


def test_the_font_table_names_a_fallback() -> None:
    data = export(Resume.model_validate({"basics": {"name": "A"}}))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        table = package.read("word/fontTable.xml").decode("utf-8")
    entry = re.search(r'<w:font w:name="Calibri">(.*?)</w:font>', table, re.S)
    assert entry
    assert 'w:altName w:val="Carlito"' in entry.group(1)
    assert 'w:family w:val="swiss"' in entry.group(1)


# -- links and properties ----------------------------------------------------


def hyperlinks(document: Document) -> dict[str, str]:
    """Text -> target of every w:hyperlink, resolved through the relationships."""
    rels = document.part.rels
    out: dict[str, str] = {}
    for link in document.element.body.iter(qn("w:hyperlink")):
        rel = rels[link.get(qn("r:id"))]
        assert rel.reltype == HYPERLINK
        assert rel.is_external
        text = "".join(t.text or "" for t in link.iter(qn("w:t")))
        out[text] = rel.target_ref
    return out


def test_contact_links_are_real_hyperlinks(resume: Resume, data: bytes) -> None:
    document = read(data)
    links = hyperlinks(document)
    basics = resume.basics
    assert links[basics.email] == f"mailto:{basics.email}"
    targets = set(links.values())
    if basics.url:
        assert basics.url in targets
    for profile in basics.profiles:
        if profile.url:
            assert profile.url in targets
    # Visibly a link: the Hyperlink character style is coloured and underlined.
    style = document.styles["Hyperlink"]
    assert style.font.underline
    assert style.font.color.rgb is not None
    for link in document.element.body.iter(qn("w:hyperlink")):
        for run in link.iter(qn("w:r")):
            assert run.find(qn("w:rPr")).find(qn("w:rStyle")).get(qn("w:val")) == "Hyperlink"


def test_links_can_be_switched_off(resume: Resume) -> None:
    data = export(resume, links=False)
    document = read(data)
    assert "<w:hyperlink" not in document_xml(data)
    assert resume.basics.email in document.paragraphs[2].text


def test_unsafe_link_targets_are_not_clickable() -> None:
    resume = Resume.model_validate(
        {
            "basics": {"name": "A", "summary": "[click](javascript:alert(1)) and [me](me.example)"},
        }
    )
    document = read(export(resume))
    assert hyperlinks(document) == {"me": "https://me.example"}
    assert "click and me" in document.paragraphs[2].text


def test_core_properties(resume: Resume, data: bytes) -> None:
    props = read(data).core_properties
    name = resume.basics.name
    assert props.title == f"{name} — Résumé"
    assert props.author == name
    assert props.subject == resume.basics.label
    keywords = ", ".join(k for skill in resume.skills for k in skill.keywords)
    if len(keywords) <= 255:
        assert props.keywords == keywords
    else:  # Word's limit for the field
        assert props.keywords == keywords[:254] + "…"
    now = datetime.now(UTC).replace(tzinfo=None)
    for stamp in (props.created, props.modified):
        assert stamp is not None
        assert abs(stamp.replace(tzinfo=None) - now) < timedelta(minutes=5)
    assert props.last_printed is None
    assert "python-docx" not in (props.comments + props.last_modified_by)


# -- other readers -----------------------------------------------------------


def test_mammoth_sees_lists_and_headings(resume: Resume, data: bytes) -> None:
    html = mammoth_html(data)
    found = html_texts(html, "li", "h1", "h2")
    assert [squash(li) for li in found["li"]] == [squash(b) for b in expected_bullets(resume)]
    assert "<ul><li>" in html
    assert found["h1"] == [info.title for info in printed_sections(resume)]
    positions = [w.position.strip() for w in resume.work if w.position.strip()]
    assert [h.split("\t")[0] for h in found["h2"]][: len(positions)] == positions


def test_docx2python_reads_every_bullet_in_order(
    resume: Resume, data: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "resume.docx"
    path.write_bytes(data)
    with docx2python(path, html=False) as content:
        paragraphs = [squash(re.sub(r"<[^>]+>", "", p)) for p in content.text.split("\n\n")]
    bullets = [squash(b) for b in expected_bullets(resume)]
    found = [p for p in paragraphs if p in bullets]
    assert found == bullets
    assert paragraphs[0] == resume.basics.name
    assert resume.basics.email in paragraphs[2]


# -- theme and settings ------------------------------------------------------


def test_page_size_letter_or_a4(resume: Resume) -> None:
    letter = read(export(resume, page_size="letter")).sections[0]
    assert abs(letter.page_width - Inches(8.5)) < Mm(0.1)
    assert abs(letter.page_height - Inches(11)) < Mm(0.1)
    a4 = read(export(resume, page_size="a4")).sections[0]
    assert abs(a4.page_width - Mm(210)) < Mm(0.1)
    assert abs(a4.page_height - Mm(297)) < Mm(0.1)
    assert abs(a4.left_margin - Pt(CLASSIC.margin_side)) < Pt(0.1)


def test_hidden_sections_are_absent_and_renamed_titles_present(jsonresume_sample: Resume) -> None:
    data = jsonresume_sample.to_json_data()
    data.setdefault("meta", {})["resumeStudio"] = {
        "hiddenSections": ["education"],
        "sectionTitles": {"work": "Work History"},
        "sectionOrder": ["skills", "work"],
    }
    resume = Resume.model_validate(data)
    document = read(export(resume))
    headings = [p.text for p in styled(document, "Heading 1")]
    assert headings[:2] == ["Skills", "Work History"]
    assert "Education" not in headings
    assert "Experience" not in headings
    area = jsonresume_sample.education[0].area
    assert area
    assert all(area not in p.text for p in document.paragraphs)


def test_the_theme_date_style_is_used(jsonresume_sample: Resume) -> None:
    theme = resolve(jsonresume_sample, date_style=DateStyle.LONG)
    document = read(DocxExporter().export(jsonresume_sample, theme, DocxOptions()))
    job = jsonresume_sample.work[0]
    header = next(p for p in styled(document, "Heading 2") if p.text.startswith(job.position))
    month = datetime.strptime(job.startDate[:7], "%Y-%m").strftime("%B %Y")
    assert month in header.text


# -- hostile text ------------------------------------------------------------


def awkward_resume(**basics: Any) -> Resume:
    return Resume.model_validate(
        {
            "basics": {"name": "Ana <b>&</b> Bo", "label": "R&D <lead>", **basics},
            "work": [
                {
                    "name": "A & B <Corp>",
                    "position": "Dev # 1",
                    "startDate": "2020-01",
                    "highlights": [
                        "Use <div> & <b>tags</b> \\*literally\\* # not a heading",
                        "**Bold:** ok\x00\x07 then\x1b text\ufffe",
                        "Emoji 🚀, CJK 東京大学, Hebrew שלום, Arabic مرحبا",
                    ],
                }
            ],
        }
    )


def test_markup_characters_appear_literally() -> None:
    document = read(export(awkward_resume()))
    assert document.paragraphs[0].text == "Ana <b>&</b> Bo"
    assert document.paragraphs[1].text == "R&D <lead>"
    bullets = [p.text for p in styled(document, "List Bullet")]
    assert bullets[0] == "Use <div> & <b>tags</b> *literally* # not a heading"
    assert any(p.text.startswith("A & B <Corp>") for p in document.paragraphs)


def test_a_bullet_of_only_control_characters_is_left_out() -> None:
    resume = Resume.model_validate(
        {"work": [{"name": "Co", "highlights": ["first", "\x00\x01", "second"]}]}
    )
    with collecting() as notes:
        document = read(export(resume))
    assert [p.text for p in styled(document, "List Bullet")] == ["first", "second"]
    assert notes


def test_control_characters_are_removed_with_a_note() -> None:
    with collecting() as notes:
        document = read(export(awkward_resume()))
    bullets = [p.text for p in styled(document, "List Bullet")]
    assert bullets[1] == "Bold: ok then text"
    assert any("control character" in n and "ok then text" in n for n in notes)


def test_emoji_cjk_and_rtl_survive() -> None:
    data = export(awkward_resume())
    expected = "Emoji 🚀, CJK 東京大学, Hebrew שלום, Arabic مرحبا"
    assert styled(read(data), "List Bullet")[2].text == expected
    assert squash(html_texts(mammoth_html(data), "li")["li"][2]) == expected


def test_an_empty_resume_exports_an_empty_document() -> None:
    data = export(Resume())
    document = read(data)
    assert [p.text for p in document.paragraphs if p.text.strip()] == []
    assert document.core_properties.title == "Résumé"


def test_a_resume_without_a_name_has_no_title(jsonresume_sample: Resume) -> None:
    data = jsonresume_sample.to_json_data()
    data["basics"]["name"] = ""
    document = read(export(Resume.model_validate(data)))
    assert styled(document, "Title") == []
    assert document.paragraphs[0].text == jsonresume_sample.basics.label
    assert document.core_properties.title == "Résumé"


def test_a_100kb_field_exports_whole() -> None:
    summary = ("Word " * 20_000).strip()
    resume = Resume.model_validate({"basics": {"name": "Long", "summary": summary}})
    document = read(export(resume))
    assert any(p.text == summary for p in document.paragraphs)


def test_line_breaks_and_tabs_inside_a_field() -> None:
    resume = Resume.model_validate({"basics": {"name": "A", "summary": "one\r\ntwo\tthree\rfour"}})
    paragraph = read(export(resume)).paragraphs[2]
    assert paragraph.text == "one\ntwo\tthree\nfour"


FORBIDDEN_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# Any code point (controls and lone surrogates included) plus the markup characters.
ANY_TEXT = st.text(
    alphabet=st.characters(exclude_categories=()) | st.sampled_from("*_[]()\\<>&#\x00\x0b\r\n\t"),
    max_size=60,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=ANY_TEXT, position=ANY_TEXT, highlights=st.lists(ANY_TEXT, max_size=4))
def test_any_text_exports_and_reads_back(name: str, position: str, highlights: list[str]) -> None:
    resume = Resume.model_validate(
        {
            "basics": {"name": name},
            "work": [{"name": "Co", "position": position, "highlights": highlights}],
        }
    )
    with collecting():
        data = export(resume)
    document = read(data)  # lxml would refuse a document with a forbidden character
    assert not FORBIDDEN_IN_XML.search(document_xml(data))
    bullets = styled(document, "List Bullet")
    assert len(bullets) <= len([h for h in highlights if h.strip()])
    assert all(p.text.strip() for p in bullets), "a bullet with no text"


# -- LibreOffice ---------------------------------------------------------------


@pytest.mark.libreoffice
def test_libreoffice_renders_every_bullet(resume: Resume, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        reason = "LibreOffice (soffice) and pdftotext are needed to render the DOCX"
        if os.environ.get("RESUME_STUDIO_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(reason)
        pytest.skip(f"{reason}; set RESUME_STUDIO_REQUIRE_LIBREOFFICE=1 to make this fail")
    source = tmp_path / "resume.docx"
    source.write_bytes(export(resume))
    profile = tmp_path / "profile"  # its own profile: parallel runs don't share a lock
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "resume.pdf"
    assert pdf.exists()
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # -raw keeps a line-end hyphen ("compute-" / "intensive"); join it without a space.
    flat = squash(re.sub(r"(?<=\S)-\n", "-", text.replace("\u00ad", "")))
    for bullet in expected_bullets(resume):
        assert squash(bullet) in flat
    assert resume.basics.name in flat

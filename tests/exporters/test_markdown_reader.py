"""The Markdown importer, checked against the sample's own text and hand-written fixtures.

Expected values come from the .md files (extracted here with plain regular
expressions) or are written out by hand; never from the importer itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from exporters.model import Resume, ResumeFileError, load_resume
from exporters.readers.markdown import load_markdown, read_markdown
from resources import JSON_RESUME_SCHEMA, SAMPLE_MARKDOWN, SAMPLE_RESUME

FIXTURES = Path(__file__).parents[1] / "data" / "markdown"
SAMPLE_TEXT = SAMPLE_MARKDOWN.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def imported() -> Resume:
    return load_markdown(SAMPLE_MARKDOWN)


def _section(text: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, title
    return match.group(1)


def _schema_errors(data: dict[str, object]) -> list[str]:
    schema = json.loads(JSON_RESUME_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return [e.message for e in validator.iter_errors(data)]


# --- the sample, field by field ---------------------------------------------------


def test_sample_header(imported: Resume) -> None:
    name = re.search(r"<h1[^>]*>(.*?)</h1>", SAMPLE_TEXT).group(1)  # type: ignore[union-attr]
    label = re.search(r"<h3[^>]*>(.*?)</h3>", SAMPLE_TEXT).group(1)  # type: ignore[union-attr]
    fence = re.search(r"```\n(.*?)```", SAMPLE_TEXT, re.S).group(1).split()  # type: ignore[union-attr]
    email = next(line for line in fence if "@" in line)
    phone = " ".join(w for w in fence if w not in email)
    assert imported.basics.name == name == "Darien Session"
    assert imported.basics.label == label
    assert imported.basics.email == email
    assert imported.basics.phone == phone


def test_sample_summary(imported: Resume) -> None:
    paragraph = _section(SAMPLE_TEXT, "Professional Summary").strip()
    assert imported.basics.summary == paragraph


def test_sample_jobs_and_every_bullet_in_order(imported: Resume) -> None:
    experience = _section(SAMPLE_TEXT, "Professional Experience")
    jobs = re.split(r"^### ", experience, flags=re.M)[1:]
    assert len(imported.work) == len(jobs) == 3
    for job, text in zip(imported.work, jobs, strict=True):
        position = text.split("\n", 1)[0].strip()
        company, _dates = re.search(r"^\*\*(.+?)\*\* \| (.+)$", text, re.M).groups()  # type: ignore[union-attr]
        bullets = [b.strip() for b in re.findall(r"^- (.+)$", text, re.M)]
        assert job.position == position
        assert job.name == company
        assert job.highlights == tuple(bullets)
        assert all(b.startswith("**") and ":**" in b for b in job.highlights)
    assert (imported.work[0].startDate, imported.work[0].endDate) == ("2021-11", "")
    assert "endDate" not in imported.to_json_data()["work"][0]
    assert (imported.work[1].startDate, imported.work[1].endDate) == ("2019-06", "2021-05")
    assert (imported.work[2].startDate, imported.work[2].endDate) == ("2015-11", "2018-05")
    total = len(re.findall(r"^- \*\*", experience, re.M))
    assert sum(len(w.highlights) for w in imported.work) == total == 30


def test_sample_skill_groups(imported: Resume) -> None:
    text = _section(SAMPLE_TEXT, "Technical Skills")
    groups: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        if m := re.match(r"^- \*\*(.+?):\*\*(.*)$", line):
            inline = [k.strip() for k in m.group(2).split(",") if k.strip()]
            groups.append((m.group(1), inline))
        elif m := re.match(r"^  - (.+?)\s*$", line):
            groups[-1][1].append(m.group(1))
    assert len(groups) == 21
    assert [(s.name, list(s.keywords)) for s in imported.skills] == groups
    java = imported.skills[0]
    assert java.name == "Java Ecosystem"
    assert java.keywords[0] == "Spring (Boot, Cloud, Security, Data, Batch)"
    docker = next(s for s in imported.skills if s.name == "Containerization")
    assert docker.keywords == ("Docker", "Podman", "Buildah")
    assert not any(s.name.endswith(":") for s in imported.skills)


def test_sample_education(imported: Resume) -> None:
    (school,) = imported.education
    assert school.studyType == "Bachelor of Science"
    assert school.area == "Computing and Information"
    assert school.institution == "University of Houston"
    assert school.endDate == "2015"


def test_sample_section_titles_and_order(imported: Resume) -> None:
    settings = imported.settings
    assert settings.sectionOrder == ("summary", "work", "skills", "education")
    assert settings.sectionTitles == {
        "summary": "Professional Summary",
        "work": "Professional Experience",
        "skills": "Technical Skills",
    }


def test_sample_validates_against_the_official_schema(imported: Resume) -> None:
    assert _schema_errors(imported.to_json_data()) == []
    checked_in = json.loads(SAMPLE_RESUME.read_text(encoding="utf-8"))
    assert _schema_errors(checked_in) == []


def test_checked_in_sample_is_the_importers_output(imported: Resume) -> None:
    assert load_resume(SAMPLE_RESUME).to_json_data() == imported.to_json_data()


# --- plain shapes ---------------------------------------------------------------------


def test_title_dash_company_shape() -> None:
    resume = load_markdown(FIXTURES / "title_dash_company.md")
    basics = resume.basics
    assert (basics.name, basics.label) == ("Jane Doe", "Senior Platform Engineer")
    assert basics.email == "jane.doe@example.com"
    assert basics.phone == "+1 (555) 123-4567"
    assert basics.url == "https://janedoe.dev"
    assert (basics.location.city, basics.location.region) == ("Seattle", "WA")
    assert [(p.network, p.username, p.url) for p in basics.profiles] == [
        ("LinkedIn", "janedoe", "https://linkedin.com/in/janedoe"),
        ("GitHub", "janedoe", "https://github.com/janedoe"),
    ]
    assert (
        basics.summary
        == "Platform engineer who likes *boring* infrastructure and `snake_case` names."
    )
    jobs = [(w.position, w.name, w.startDate, w.endDate, w.location) for w in resume.work]
    assert jobs == [
        ("Senior Engineer", "Acme Corp", "2019-06", "", ""),
        ("Developer", "Globex Inc", "2017-06", "2019-05", "Portland, OR"),
        ("Intern", "Initech", "2016", "2016", ""),
    ]
    assert resume.work[0].highlights == ("Cut build times by 40%", "Led the **on-call** rotation")
    (school,) = resume.education
    assert (school.studyType, school.area, school.institution) == (
        "BSc",
        "Computer Science",
        "State University",
    )
    assert (school.startDate, school.endDate) == ("2012", "2016")
    assert [(s.name, s.keywords) for s in resume.skills] == [
        ("Languages", ("Python", "Go", "Rust")),
        ("Cloud", ("AWS", "GCP")),
        ("Tools", ("Docker", "Terraform (modules, workspaces)")),
    ]
    (cert,) = resume.certificates
    assert (cert.name, cert.issuer, cert.date) == ("AWS Solutions Architect", "Amazon", "2020")


def test_unknown_section_is_kept_as_a_custom_section() -> None:
    resume = load_markdown(FIXTURES / "title_dash_company.md")
    (custom,) = resume.settings.customSections
    assert (custom.id, custom.title) == ("custom-patents", "Patents")
    assert custom.highlights == (
        "US 1,234,567: Method for caching things",
        "US 7,654,321: Distributed locks",
    )
    assert resume.settings.sectionOrder == (
        "summary",
        "work",
        "education",
        "skills",
        "custom-patents",
        "certificates",
    )
    assert resume.settings.sectionTitles == {"summary": "Profile", "work": "Work History"}


def test_company_heading_then_bold_title_shape() -> None:
    resume = load_markdown(FIXTURES / "company_then_title.md")
    assert resume.basics.phone == "030 1234 5678"
    jobs = [(w.position, w.name, w.startDate, w.endDate) for w in resume.work]
    assert jobs == [
        ("Staff Engineer", "Globex Corporation", "2019-06", ""),
        ("Software Developer", "Initech LLC", "2017-03", "2019-05"),
        ("Junior Developer", "Hooli", "2015-01", ""),
    ]
    (project,) = resume.projects
    assert (project.name, project.url) == ("Widget", "https://widget.example.dev")
    assert (project.startDate, project.endDate) == ("2020-03", "2020-12")
    assert project.description == "A tiny widget framework."
    assert project.highlights == ("2,000 users",)
    (vol,) = resume.volunteer
    assert (vol.position, vol.organization, vol.startDate, vol.endDate) == (
        "Mentor",
        "Code Club",
        "2018",
        "",
    )
    (award,) = resume.awards
    assert (award.title, award.awarder, award.date) == ("Best Paper", "ACM", "2019")
    (pub,) = resume.publications
    assert (pub.name, pub.publisher, pub.releaseDate) == ("Fast Things", "ACM Queue", "2021")
    assert [(lang.language, lang.fluency) for lang in resume.languages] == [
        ("English", "Native"),
        ("German", "B2"),
    ]
    assert [i.name for i in resume.interests] == ["Chess", "Climbing"]
    assert [r.reference for r in resume.references] == ["Available upon request."]
    assert resume.settings.sectionTitles["awards"] == "Honors"
    assert resume.settings.sectionTitles["interests"] == "Hobbies"


def test_setext_headings_and_hash_sections() -> None:
    resume = load_markdown(FIXTURES / "headings_only.md")
    assert (resume.basics.name, resume.basics.label) == ("Maria García", "Data Scientist")
    assert resume.basics.summary == "To build useful models."
    (job,) = resume.work
    assert (job.position, job.name, job.startDate) == ("Data Scientist", "Telefónica", "2020")
    (school,) = resume.education
    assert (school.studyType, school.area, school.institution, school.endDate) == (
        "MSc",
        "Statistics",
        "Universidad de Granada",
        "2019",
    )


@pytest.mark.parametrize(
    ("dates", "start", "end"),
    [
        ("2019-06 – 2020-01", "2019-06", "2020-01"),
        ("06/2019 - 01/2020", "2019-06", "2020-01"),
        ("June 2019 to January 2020", "2019-06", "2020-01"),
        ("Jun 2019 — Jan 2020", "2019-06", "2020-01"),
        ("2019 - 2020", "2019", "2020"),
        ("Sept 2019 – Present", "2019-09", ""),
        ("2019 – Current", "2019", ""),
        ("Mar 2018 - now", "2018-03", ""),
    ],
)
def test_date_formats(dates: str, start: str, end: str) -> None:
    resume = read_markdown(f"# A B\n\n## Experience\n\n### Engineer — Acme\n{dates}\n")
    assert (resume.work[0].startDate, resume.work[0].endDate) == (start, end)


# --- robustness -----------------------------------------------------------------------------

PLAIN = "# Ana Li\n\nana@example.com | 555 010 9999\n\n## Experience\n\n### Engineer — Acme\n2019 - 2020\n\n- Built **things**\n"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_newlines(newline: str) -> None:
    resume = read_markdown(PLAIN.replace("\n", newline))
    assert resume.work[0].highlights == ("Built **things**",)
    assert resume.basics.phone == "555 010 9999"


def test_bom_tabs_and_hard_breaks(tmp_path: Path) -> None:
    text = "# Ana Li  \n\n## Skills\n\n-\t**Tools:**\n\t-\tDocker\n\t-\tGit  \n"
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    resume = load_markdown(path)
    assert resume.basics.name == "Ana Li"
    assert [(s.name, s.keywords) for s in resume.skills] == [("Tools", ("Docker", "Git"))]


def test_emoji_cjk_and_control_characters_are_kept() -> None:
    resume = read_markdown(
        "# 王小明 🚀\n\n## Experience\n\n### 工程师 — 腾讯\n2019 - 2020\n\n- Shipped 🚀 \x07 fast\n"
    )
    assert resume.basics.name == "王小明 🚀"
    assert (resume.work[0].position, resume.work[0].name) == ("工程师", "腾讯")
    assert resume.work[0].highlights == ("Shipped 🚀 \x07 fast",)


def test_megabyte_line() -> None:
    bullet = "x" * 1_000_000
    resume = read_markdown(f"# Ana Li\n\n## Experience\n\n### Engineer — Acme\n\n- {bullet}\n")
    assert resume.work[0].highlights == (bullet,)


def test_html_in_the_body_is_text() -> None:
    resume = read_markdown(
        '# Ana Li\n\n## Experience\n\n### Engineer — Acme\n\n- Used <script>alert(1)</script> & <img src="http://x/y.png">\n'
    )
    assert resume.work[0].highlights == (
        'Used <script>alert(1)</script> & <img src="http://x/y.png">',
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\xff\xfe\x00garbage\x80\x81", "not UTF-8"),
        (b"PK\x03\x04\x00\x00binary\x00", "binary"),
        (b"just some words, nothing else", "no résumé found"),
        (b'{"basics": {"name": "JSON"}}', "no résumé found"),
    ],
)
def test_bad_files_name_the_file_and_the_reason(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "cv.md"
    path.write_bytes(content)
    with pytest.raises(ResumeFileError) as info:
        load_markdown(path)
    assert str(info.value).startswith("cv.md")
    assert reason in str(info.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ResumeFileError, match="no such file"):
        load_markdown(tmp_path / "nope.md")
    folder = tmp_path / "dir.md"
    folder.mkdir()
    with pytest.raises(ResumeFileError, match="folder"):
        load_markdown(folder)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            "### Senior Engineer | Acme Corp | 2019 – Present",
            ("Senior Engineer", "Acme Corp", "", "2019", ""),
        ),
        (
            "### Senior Engineer — Acme Corp (Jan 2019 - Mar 2021)",
            ("Senior Engineer", "Acme Corp", "", "2019-01", "2021-03"),
        ),
        (
            "### Senior Engineer, Acme Corp, 2019 - 2021",
            ("Senior Engineer", "Acme Corp", "", "2019", "2021"),
        ),
        ("### Engineer - Acme - 2019-06 - 2020-02", ("Engineer", "Acme", "", "2019-06", "2020-02")),
        (
            "### Engineer at Acme\n*2019 - 2020* | Seattle, WA",
            ("Engineer", "Acme", "Seattle, WA", "2019", "2020"),
        ),
        (
            "### Acme Corp | Seattle, WA\n**Senior Engineer** | 2019 - 2020",
            ("Senior Engineer", "Acme Corp", "Seattle, WA", "2019", "2020"),
        ),
        (
            "### Accountant\n**Fabrikam** | 2019 - 2020",
            ("Accountant", "Fabrikam", "", "2019", "2020"),
        ),
    ],
)
def test_job_heading_shapes(lines: str, expected: tuple[str, ...]) -> None:
    resume = read_markdown(f"# A B\n\na@example.com\n\n## Experience\n\n{lines}\n\n- did things\n")
    (job,) = resume.work
    assert (job.position, job.name, job.location, job.startDate, job.endDate) == expected
    assert job.highlights == ("did things",)


def test_labelled_contact_items_and_stacked_header_lines() -> None:
    resume = read_markdown(
        "**Jane Doe**\nSenior Engineer\n"
        "Email: jane@example.io · Phone: +1 555 010 9999 · Website: https://jane.example.io · "
        "LinkedIn: [jdoe](https://linkedin.com/in/jdoe) · Mastodon: https://m.example/@j · "
        "Location: London, GB\n\n## Experience\n\n### Engineer — Acme\n\n- x\n"
    )
    basics = resume.basics
    assert (basics.name, basics.label) == ("Jane Doe", "Senior Engineer")
    assert (basics.email, basics.phone, basics.url) == (
        "jane@example.io",
        "+1 555 010 9999",
        "https://jane.example.io",
    )
    assert [(p.network, p.username, p.url) for p in basics.profiles] == [
        ("LinkedIn", "jdoe", "https://linkedin.com/in/jdoe"),
        ("Mastodon", "", "https://m.example/@j"),
    ]
    assert (basics.location.city, basics.location.countryCode) == ("London", "GB")


def test_a_wrapped_intro_paragraph_is_the_summary() -> None:
    resume = read_markdown(
        "# Jane Doe\n\njane@example.io\n\nI build reliable systems and\nmentor engineers.\n\n"
        "## Skills\n\n- Python\n"
    )
    assert resume.basics.summary == "I build reliable systems and\nmentor engineers."
    assert resume.settings.sectionOrder == ("summary", "skills")


def test_entities_are_the_characters_they_stand_for() -> None:
    resume = read_markdown(
        "# AT&amp;T Fan\n\na@example.com\n\n## Experience\n\n### Engineer &#124; Lead — Acme &lt;3\n\n"
        "- 5 &#42; 3 &amp;amp; &copy; &bogus; &#35;1\n"
    )
    assert resume.basics.name == "AT&T Fan"
    (job,) = resume.work
    assert (job.position, job.name) == ("Engineer | Lead", "Acme <3")
    # "&#42;" is a literal star: stored so that it never becomes emphasis.
    assert job.highlights == ("5 * 3 &amp; © &bogus; #1",)


def test_jobs_written_as_bold_lines() -> None:
    resume = load_markdown(FIXTURES / "bold_lines.md")
    jobs = [(w.position, w.name, w.location, w.startDate, w.endDate) for w in resume.work]
    assert jobs == [
        ("Senior Engineer", "Globex", "", "2019", ""),
        ("Developer", "Initech", "Seattle, WA", "2017-01", "2018-12"),
        ("Support Engineer", "Hooli", "", "2015", "2016"),
    ]
    assert resume.work[0].highlights == ("Built the thing", "Ran the other thing")
    # A line in bold without dates is the entry's text, not a new job.
    assert resume.work[1].summary == "**Stack:** C, Perl"
    assert resume.work[1].highlights == ("Fixed bugs",)
    (vol,) = resume.volunteer
    assert (vol.position, vol.organization, vol.startDate) == ("Tutor", "Code Club", "2014")


def test_a_summary_opening_in_bold_stays_in_its_job() -> None:
    resume = read_markdown(
        "# A B\n\na@example.com\n\n## Experience\n\n### Engineer\n**Acme** | 2019\n\n"
        "**Big** win, for everyone.\n\n- shipped\n"
    )
    (job,) = resume.work
    assert job.summary == "**Big** win, for everyone."
    assert job.highlights == ("shipped",)

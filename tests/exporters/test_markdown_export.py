"""Markdown export: rendered with an independent CommonMark parser, and imported back."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from typing import Any

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from exporters.formats.markdown import MarkdownExporter, MarkdownOptions
from exporters.markup import escape_markdown, normalize_inline
from exporters.model import DateStyle, Resume
from exporters.model.sections import printed_sections
from exporters.readers.markdown import read_markdown
from exporters.registry import default_registry
from exporters.theme import resolve

COMMENT = "<!-- resume-studio:"


def export(resume: Resume, **options: Any) -> str:
    theme = resolve(resume, date_style=options.pop("date_style", None))
    data = MarkdownExporter().export(resume, theme, MarkdownOptions.model_validate(options))
    assert isinstance(data, bytes)
    return data.decode("utf-8")


def visible_part(text: str) -> str:
    return text.split(f"\n{COMMENT}", 1)[0]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


RENDERERS = ["markdown-it", "python-markdown"]


def render(markdown_text: str, renderer: str = "markdown-it") -> _Text:
    """HTML as a CommonMark renderer (markdown-it-py) or Python-Markdown makes it."""
    if renderer == "markdown-it":
        html = MarkdownIt("commonmark").render(markdown_text)
    else:
        html = markdown.markdown(markdown_text)
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(params=["sample", "jsonresume", "long"])
def resume(request: pytest.FixtureRequest) -> Resume:
    name = {"sample": "sample_resume", "jsonresume": "jsonresume_sample", "long": "long_sample"}
    return request.getfixturevalue(name[request.param])


# --- round trips -----------------------------------------------------------------


def test_round_trip_is_exact(resume: Resume) -> None:
    text = export(resume)
    assert read_markdown(text).to_json_data() == resume.to_json_data()


@pytest.mark.parametrize("style", list(DateStyle))
def test_round_trip_in_every_date_style(jsonresume_sample: Resume, style: DateStyle) -> None:
    text = export(jsonresume_sample, date_style=style)
    assert read_markdown(text).to_json_data() == jsonresume_sample.to_json_data()


def test_sample_needs_no_comment(sample_resume: Resume) -> None:
    text = export(sample_resume)
    assert COMMENT not in text
    assert text.count("\n- **") == 30 + 21  # 30 lead-in bullets, 21 skill groups


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    if isinstance(node, dict):
        return [leaf for k, v in node.items() for leaf in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [leaf for i, v in enumerate(node) for leaf in _leaves(v, (*path, i))]
    return [(path, node)]


def _at(node: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        node = node[step]
    return node


def test_visible_markdown_alone_carries_every_text_field(jsonresume_sample: Resume) -> None:
    """Without the trailing comment, only days of dates and non-résumé metadata are lost."""
    text = visible_part(export(jsonresume_sample))
    assert COMMENT not in text
    shown = read_markdown(text).to_json_data()
    for path, value in _leaves(jsonresume_sample.to_json_data()):
        if path[0] in {"meta", "$schema"} or path == ("basics", "image"):
            continue
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            assert _at(shown, path) == value[:7], path
        else:
            assert _at(shown, path) == value, path


def test_the_comment_holds_only_what_markdown_cannot_show(jsonresume_sample: Resume) -> None:
    text = export(jsonresume_sample)
    payload = json.loads(text.split(COMMENT, 1)[1].rsplit("-->", 1)[0])
    paths = {tuple(op["path"][:1]) for op in payload["patch"]}
    assert paths <= {("basics",), ("work",), ("volunteer",), ("education",), ("awards",),
                     ("publications",), ("projects",), ("meta",), ("$schema",)}  # fmt: skip
    assert "Richard hails from Tulsa" not in text.split(COMMENT, 1)[1]


def test_a_hand_edit_wins_over_the_comment(jsonresume_sample: Resume) -> None:
    text = export(jsonresume_sample)
    edited = text.replace("Dec 2013 – Dec 2014", "Jan 2013 – Dec 2014")
    assert edited != text
    back = read_markdown(edited)
    assert back.work[0].startDate == "2013-01"  # the edit
    assert back.work[0].endDate == "2014-12-01"  # the exact day, still carried
    assert back.meta.canonical == jsonresume_sample.meta.canonical


def test_a_damaged_comment_is_ignored(jsonresume_sample: Resume) -> None:
    text = export(jsonresume_sample)
    damaged = text.replace('"value":"2013-12-01"', '"value":"not a date"')
    back = read_markdown(damaged)
    assert back.work[0].startDate == "2013-12"
    assert back.basics.name == jsonresume_sample.basics.name


# --- layout, sections, dates ---------------------------------------------------------


def test_sections_follow_order_titles_and_hidden(sample_resume: Resume) -> None:
    data = sample_resume.to_json_data()
    studio = data["meta"]["resumeStudio"]
    studio["sectionOrder"] = ["skills", "education", "work", "summary"]
    studio["hiddenSections"] = ["education"]
    studio["sectionTitles"]["skills"] = "What I Know"
    resume = Resume.from_json_data(data)
    text = export(resume)
    titles = re.findall(r"^## (.+?)(?: <!--.*-->)?$", text, re.M)
    assert titles == [s.title for s in printed_sections(resume)]
    assert titles == ["What I Know", "Professional Experience", "Professional Summary"]
    assert "University of Houston" not in visible_part(text)
    assert read_markdown(text).to_json_data() == resume.to_json_data()


@pytest.mark.parametrize(
    ("style", "shown"),
    [
        (DateStyle.SHORT, "Nov 2021 – Present"),
        (DateStyle.LONG, "November 2021 – Present"),
        (DateStyle.NUMERIC, "11/2021 – Present"),
        (DateStyle.ISO, "2021-11 – Present"),
        (DateStyle.YEAR, "2021 – Present"),
    ],
)
def test_dates_use_the_theme_style(sample_resume: Resume, style: DateStyle, shown: str) -> None:
    text = export(sample_resume, date_style=style)
    assert f"**Apple Inc** | {shown}" in text
    assert read_markdown(text).to_json_data() == sample_resume.to_json_data()


@pytest.mark.parametrize("renderer", RENDERERS)
def test_rendered_sample_shows_the_same_words(sample_resume: Resume, renderer: str) -> None:
    rendered = render(export(sample_resume), renderer)
    words = " ".join(" ".join(rendered.chunks).split())
    for bullet in sample_resume.work[1].highlights:
        lead, rest = bullet.split(":** ", 1)
        assert lead.removeprefix("**") + ":" in words
        assert rest in words
    assert "h1" in rendered.tags
    assert rendered.tags.count("h2") == 4


@pytest.mark.parametrize("renderer", RENDERERS)
def test_links_are_clickable(jsonresume_sample: Resume, renderer: str) -> None:
    rendered = render(export(jsonresume_sample), renderer)
    basics = jsonresume_sample.basics
    assert f"mailto:{basics.email}" in rendered.links
    assert basics.url in rendered.links
    assert {p.url for p in basics.profiles} <= set(rendered.links)
    assert jsonresume_sample.work[0].url in rendered.links
    assert jsonresume_sample.projects[0].url in rendered.links
    assert jsonresume_sample.publications[0].url in rendered.links


def test_renamed_and_custom_sections_round_trip(sample_resume: Resume) -> None:
    data = sample_resume.to_json_data()
    studio = data["meta"]["resumeStudio"]
    studio["sectionTitles"]["work"] = "Where I Have Been"  # no keyword maps it back
    studio["customSections"] = [
        {"id": "custom-talks", "title": "Experience Talks", "highlights": ["PyCon 2024"]},
        {"id": "x1", "title": "Patents", "summary": "Two, both granted.", "highlights": ["US 1"]},
    ]
    studio["sectionOrder"] = ["summary", "x1", "work", "custom-talks", "skills", "education"]
    resume = Resume.from_json_data(data)
    text = export(resume)
    assert "## Where I Have Been <!-- resume-studio:work -->" in text
    assert "## Patents <!-- resume-studio:x1 -->" in text
    assert read_markdown(text).to_json_data() == resume.to_json_data()
    # The markers are HTML comments: nothing of them shows when rendered.
    for renderer in RENDERERS:
        assert "resume-studio" not in " ".join(render(text, renderer).chunks)


# --- escaping ---------------------------------------------------------------------------

RAW = {
    "name": "Ada_Lovelace #1",
    "label": "C++ | *nix | <b>not bold</b>",
    "position": "Dev `ops` # lead",
    "company": "A|B <i>Corp</i> _x_",
    "bullet": "5 * 3 = 15, snake_case_name, <script>alert(1)</script>, a | b, `tick`, # hash, [not](a link)",
    "keyword": "F*",
    "summary": "# not a heading\n- not a list\n1. not a list\n> not a quote",
}


def _literal(text: str) -> str:
    """The model's spelling of text the user typed literally."""
    return normalize_inline(escape_markdown(text))


@pytest.fixture
def awkward() -> Resume:
    return Resume.from_json_data(
        {
            "basics": {
                "name": _literal(RAW["name"]),
                "label": _literal(RAW["label"]),
                "email": "ada_l@example.com",
                "summary": _literal(RAW["summary"]),
            },
            "work": [
                {
                    "name": _literal(RAW["company"]),
                    "position": _literal(RAW["position"]),
                    "startDate": "2020-01",
                    "highlights": [_literal(RAW["bullet"]), "**Real bold:** and *real italic*"],
                }
            ],
            "skills": [{"name": "Odd", "keywords": [_literal(RAW["keyword"]), "C#"]}],
        }
    )


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("centered", [True, False])
def test_special_characters_show_literally(awkward: Resume, renderer: str, centered: bool) -> None:
    text = export(awkward, centered_header=centered)
    rendered = render(text, renderer)
    words = "".join(rendered.chunks)
    for raw in RAW.values():
        for line in raw.split("\n"):
            assert line in words, line
    assert "script" not in rendered.tags
    assert "b" not in rendered.tags
    assert "code" not in rendered.tags
    assert "blockquote" not in rendered.tags
    assert "ol" not in rendered.tags
    assert rendered.tags.count("h1") == 1
    # Intended formatting still is formatting.
    assert "strong" in rendered.tags
    assert "em" in rendered.tags


def test_special_characters_round_trip(awkward: Resume) -> None:
    text = export(awkward)
    assert read_markdown(text).to_json_data() == awkward.to_json_data()
    # Every field comes back from the visible text; the comment only says the
    # model had no section order of its own.
    shown = read_markdown(visible_part(text)).to_json_data()
    assert shown.pop("meta") == {"resumeStudio": {"sectionOrder": ["summary", "work", "skills"]}}
    assert shown == awkward.to_json_data()


_field_text = (
    st.text(
        alphabet=st.sampled_from(list("ab Zé中🚀*_#|<>`[]()!\\-.:,&;1\t")), min_size=1, max_size=30
    )
    .map(str.strip)
    .filter(bool)
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=_field_text, bullet=_field_text, company=_field_text, keyword=_field_text)
def test_any_text_round_trips(name: str, bullet: str, company: str, keyword: str) -> None:
    resume = Resume.from_json_data(
        {
            "basics": {"name": _literal(name), "email": "a@example.com"},
            "work": [
                {
                    "name": normalize_inline(company),
                    "position": "Engineer",
                    "highlights": [normalize_inline(bullet)],
                }
            ],
            "skills": [{"name": "S", "keywords": [_literal(keyword)]}],
        }
    )
    assert read_markdown(export(resume)).to_json_data() == resume.to_json_data()


# --- plugin contract -----------------------------------------------------------------------


def test_registered_as_the_md_format() -> None:
    exporter = default_registry(reload=True).get("md")
    info = exporter.info
    assert (info.name, info.extension, info.mime_type, info.binary) == (
        "md",
        "md",
        "text/markdown",
        False,
    )
    options = info.options()
    with pytest.raises(Exception, match="frozen"):
        options.centered_header = False  # type: ignore[attr-defined]


def test_plain_header_option(sample_resume: Resume) -> None:
    text = export(sample_resume, centered_header=False)
    assert "<div" not in text
    assert text.startswith("# Darien Session\n")
    assert read_markdown(text).to_json_data() == sample_resume.to_json_data()


def test_no_heavy_imports() -> None:
    code = (
        "import sys, exporters.formats.markdown as m\n"
        "from exporters.model.files import load_resume\n"
        "from exporters.theme import resolve\n"
        "from resources import SAMPLE_RESUME\n"
        "r = load_resume(SAMPLE_RESUME)\n"
        "m.MarkdownExporter().export(r, resolve(r), m.MarkdownOptions())\n"
        "print(sorted(n for n in ('reportlab', 'docx', 'PySide6') if n in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("renderer", RENDERERS)
def test_nothing_loads_or_runs(renderer: str) -> None:
    resume = Resume.from_json_data(
        {
            "basics": {"name": '<img src="http://t.example/p.png">', "email": "a@example.com"},
            "work": [
                {
                    "name": "[Acme](javascript:alert(1))",
                    "position": "Engineer",
                    "url": "javascript:alert(2)",
                    "highlights": ["![pixel](http://t.example/p.png) and [ok](https://ok.example)"],
                }
            ],
        }
    )
    text = export(resume)
    rendered = render(text, renderer)
    assert not {"img", "script", "iframe"} & set(rendered.tags)
    assert all(not link.lower().startswith("javascript:") for link in rendered.links)
    assert "https://ok.example" in rendered.links
    assert '<img src="http://t.example/p.png">' in "".join(rendered.chunks)
    # The unsafe links are not shown, yet the model keeps them.
    assert read_markdown(text).to_json_data() == resume.to_json_data()


def test_control_characters_are_left_out_with_a_note_and_come_back() -> None:
    from exporters.notes import collecting

    resume = Resume.from_json_data(
        {
            "basics": {"name": "Ann\x00\x07 Lee", "email": "a@example.com"},
            "work": [
                {"name": "Acme", "position": "Engineer", "highlights": ["bell\x07 \x1b[31mred"]}
            ],
        }
    )
    with collecting() as notes:
        text = export(resume)
    assert any("control character" in n for n in notes)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text)
    assert "Ann Lee" in text
    assert read_markdown(text).to_json_data() == resume.to_json_data()

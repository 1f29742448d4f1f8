"""Hostile and broken input never crashes anything.

Every reader and every registered exporter (whatever ``default_registry()``
holds when the suite runs, so formats are covered as they land) gets control
characters, a 1 MB field, 10,000 bullets, a 500-character word, emoji, CJK,
right-to-left text, mixed newlines, BOMs and markup characters. Valid input
must export, and its text must come back out of an independent reader of the
output; a character may go missing only if the exporter said so through
``exporters.notes``. Invalid files must raise ``ResumeFileError`` naming the field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from exporters.model import Resume, ResumeFileError, load_resume
from exporters.notes import collecting
from exporters.readers import open_any
from exporters.registry import ExportError, default_registry
from exporters.theme import resolve

from ._readback import (
    is_control,
    markdown_render,
    missing_words,
    pdf_printable,
    read_back,
    squash,
)

FORMATS = default_registry().names()

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 11  # 495 letters
LONG_WORD = (LONG_WORD + "ABCDE")[:500]
MEGABYTE_TEXT = ("Reliable résumé text that goes on and on, " * 25000)[:1_000_000]


@dataclass(frozen=True)
class Case:
    """A valid résumé with hostile text, and the fields whose visible text must survive."""

    name: str
    data: dict[str, Any]
    # (visible text) in document order; the visible text is what a reader shows
    # (inline Markdown already applied), written here by hand.
    visible: tuple[str, ...]

    def resume(self) -> Resume:
        return Resume.model_validate(self.data)

    @property
    def has_control(self) -> bool:
        return any(is_control(c) for c in json.dumps(self.data, ensure_ascii=False))


def _job(highlights: list[str], **fields: str) -> dict[str, Any]:
    return {"name": "Acme", "position": "Engineer", **fields, "highlights": highlights}


CASES: list[Case] = [
    Case(
        "control-characters",
        {
            "basics": {
                "name": "Ann\x00\x01\x07 Lee\x1b",
                "summary": "tab\there \x0bvertical \x0cfeed \x7fdel \x85next \ufffeend",
            },
            "work": [_job(["bell\x07 ring", "\x1b[31mred\x1b[0m text"])],
        },
        (
            "Ann\x00\x01\x07 Lee\x1b",
            "tab\there \x0bvertical \x0cfeed \x7fdel \x85next \ufffeend",
            "bell\x07 ring",
            "\x1b[31mred\x1b[0m text",
        ),
    ),
    Case(
        "one-megabyte-field",
        {"basics": {"name": "Mega Byte", "summary": MEGABYTE_TEXT}},
        ("Mega Byte", MEGABYTE_TEXT),
    ),
    Case(
        "ten-thousand-bullets",
        {
            "basics": {"name": "Many Bullets"},
            "work": [_job([f"Bullet {i:05d} shipped feature {i} on time" for i in range(10_000)])],
        },
        ("Many Bullets", *(f"Bullet {i:05d} shipped feature {i} on time" for i in range(10_000))),
    ),
    Case(
        "500-character-word",
        {
            "basics": {
                "name": "Long Word",
                "label": LONG_WORD,
                "summary": f"Intro {LONG_WORD} end",
            },
            "work": [_job([LONG_WORD, f"x{LONG_WORD}y z"], position=LONG_WORD)],
        },
        ("Long Word", LONG_WORD, f"Intro {LONG_WORD} end", LONG_WORD, f"x{LONG_WORD}y z"),
    ),
    Case(
        "emoji",
        {
            "basics": {"name": "Zoë 😀 Smith", "label": "Engineer 🚀 ✓ ★"},
            "work": [
                _job(
                    [
                        "Team 👩\u200d💻 of 5 👍🏽",
                        "Flags 🇫🇷 🇯🇵 and keycap 1\ufe0f\u20e3",
                        "Astral math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛",
                    ]
                )
            ],
        },
        (
            "Zoë 😀 Smith",
            "Engineer 🚀 ✓ ★",
            "Team 👩\u200d💻 of 5 👍🏽",
            "Flags 🇫🇷 🇯🇵 and keycap 1\ufe0f\u20e3",
            "Astral math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛",
        ),
    ),
    Case(
        "cjk",
        {
            "basics": {
                "name": "李小龍",
                "label": "ソフトウェアエンジニア",
                "summary": "저는 개발자입니다.",
            },
            "work": [_job(["负责后端服务，性能提升百分之三十。", "日本語と中文の混在テキスト"])],
        },
        (
            "李小龍",
            "ソフトウェアエンジニア",
            "저는 개발자입니다.",
            "负责后端服务，性能提升百分之三十。",
            "日本語と中文の混在テキスト",
        ),
    ),
    Case(
        "right-to-left",
        {
            "basics": {
                "name": "דוד כהן",
                "label": "مهندس برمجيات",
                "summary": "Senior מהנדס at شركة ACME",
            },
            "work": [_job(["פיתחתי מערכת חדשה", "قمت ببناء النظام"])],
        },
        (
            "דוד כהן",
            "مهندس برمجيات",
            "Senior מהנדס at شركة ACME",
            "פיתחתי מערכת חדשה",
            "قمت ببناء النظام",
        ),
    ),
    Case(
        "mixed-newlines",
        {
            "basics": {"name": "New Lines", "summary": "windows\r\nline\rold mac\nunix\r\n\r\nend"},
            "work": [_job(["one\r\ntwo", "three\rfour", "five\nsix"])],
        },
        ("New Lines", "windows line old mac unix end", "one two", "three four", "five six"),
    ),
    Case(
        "byte-order-marks",
        {
            "basics": {"name": "\ufeffBom Name", "summary": "inside\ufeffword and \ufeff alone"},
            "work": [_job(["\ufeffbullet with a BOM"])],
        },
        ("\ufeffBom Name", "inside\ufeffword and \ufeff alone", "\ufeffbullet with a BOM"),
    ),
    Case(
        "markup-characters",
        {
            "basics": {
                "name": "<para>Ann</para> & Co",
                "label": "</b> <b>not bold</b> &amp; &lt; &copy; &#169;",
                "summary": "`code` # not a heading | pipe 5 * 3 snake_case_name **bold** and *it*",
                "url": "https://example.com/?a=1&b=<2>",
            },
            "work": [
                _job(
                    [
                        "<script>alert('x')</script>",
                        '<img src="http://evil.example/x.png" onerror="alert(1)">',
                        "# heading?",
                        "- list?",
                        "1. numbered?",
                        "> quote",
                        "| a | b |",
                        "```fence```",
                        '<a href="http://example.com">anchor</a>',
                        "<!-- comment --> after",
                        "\\*literal stars\\*",
                        "[site](https://example.com) link",
                        "%PDF-1.4 <</Type/Catalog>> ]]> <![CDATA[",
                        "<w:t>docx</w:t> {{template}} ${var}",
                    ],
                    position="<b>Engineer</b> & <i>Lead</i>",
                )
            ],
        },
        (
            "<para>Ann</para> & Co",
            "</b> <b>not bold</b> &amp; &lt; &copy; &#169;",
            "`code` # not a heading | pipe 5 * 3 snake_case_name bold and it",
            "<b>Engineer</b> & <i>Lead</i>",
            "<script>alert('x')</script>",
            '<img src="http://evil.example/x.png" onerror="alert(1)">',
            "# heading?",
            "- list?",
            "1. numbered?",
            "> quote",
            "| a | b |",
            "```fence```",
            '<a href="http://example.com">anchor</a>',
            "<!-- comment --> after",
            "*literal stars*",
            "site link",
            "%PDF-1.4 <</Type/Catalog>> ]]> <![CDATA[",
            "<w:t>docx</w:t> {{template}} ${var}",
        ),
    ),
    Case(
        "blank-and-whitespace",
        {
            "basics": {"name": "   ", "label": "\t", "summary": "\n\n\n"},
            "work": [{"name": "", "highlights": ["", "   ", "\n"]}],
            "skills": [{"name": "", "keywords": ["", " "]}],
        },
        (),
    ),
    Case(
        "unusual-spaces-and-marks",
        {
            "basics": {
                "name": "A\u00a0B\u2009C\u202fD\u3000E",
                "summary": "e\u0301 n\u0303 zero\u200bwidth soft\u00adhyphen \u2028line \u2029para",
            },
        },
        ("A B C D E", "e\u0301 n\u0303 zero\u200bwidth soft\u00adhyphen \u2028line \u2029para"),
    ),
]

# Known bugs in files this suite does not own: each is an xfail that fails
# loudly (strict) the day it is fixed, so the marker gets removed.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


# The PDF sets a very long field as consecutive pieces (pdf_flowables.Pieces),
# so a megabyte in one field lays out in under a second, like any other format.
PDF_BIG_FIELD = len(MEGABYTE_TEXT)


def _for_format(case: Case, fmt: str) -> Case:
    if case.name != "one-megabyte-field" or fmt != "pdf" or len(MEGABYTE_TEXT) == PDF_BIG_FIELD:
        return case
    text = MEGABYTE_TEXT[:PDF_BIG_FIELD]
    return Case(case.name, {"basics": {"name": "Mega Byte", "summary": text}}, ("Mega Byte", text))


def _params() -> list[Any]:
    out = []
    for base in CASES:
        for fmt in FORMATS:
            case = _for_format(base, fmt)
            marks = []
            reason = KNOWN_BUGS.get((case.name, fmt))
            if reason:
                marks.append(pytest.mark.xfail(reason=reason, strict=True))
            out.append(pytest.param(case, fmt, id=f"{case.name}-{fmt}", marks=marks))
    return out


def _export(resume: Resume, fmt: str) -> tuple[bytes, list[str]]:
    exporter = default_registry().get(fmt)
    with collecting() as notes:
        data = exporter.export(resume, resolve(resume), exporter.info.options())
    return data, notes


def _missing_in_order(visible: tuple[str, ...], fmt: str, extracted: str) -> list[str]:
    """Fields (in document order) whose visible text is not in ``extracted``.

    Each field is first looked for whole, from where the previous one ended
    (linear even for 10,000 bullets); only a field that is not found whole is
    checked word by word (right-to-left words may be reversed in a PDF).
    """
    from ._readback import expected_survivor

    haystack = squash(extracted)
    pos = 0
    lost: list[str] = []
    for text in visible:
        needle = squash(expected_survivor(text, fmt))
        if not needle:
            continue
        found = haystack.find(needle, pos)
        if found < 0:
            found = haystack.find(needle)
        if found >= 0:
            pos = found + len(needle)
            continue
        words = missing_words(text, fmt, extracted)
        if words:
            lost.append(f"{text[:60]!r}: missing {[w[:30] for w in words[:5]]}")
    return lost


def _removed_are_noted(case: Case, fmt: str, notes: list[str]) -> None:
    """A format that drops characters says so."""
    if fmt == "json":
        return  # JSON keeps every character (escaped)
    joined = " ".join(notes).lower()
    if case.has_control:
        assert "control character" in joined, f"{fmt}: control characters removed silently"
    if fmt == "pdf":
        dropped = {
            c
            for text in case.visible
            for c in text
            if not c.isspace() and not is_control(c) and not pdf_printable(c) and squash(c)
        }
        said = " ".join(notes)
        for char in dropped:
            # The note names the characters, the first few of them and "N more".
            assert f"U+{ord(char):04X}" in said or " more" in said, (
                f"pdf: {char!r} (U+{ord(char):04X}) was dropped without a note"
            )


@pytest.mark.parametrize(("case", "fmt"), _params())
def test_hostile_text_exports_and_survives(case: Case, fmt: str) -> None:
    resume = case.resume()
    try:
        data, notes = _export(resume, fmt)
    except ExportError as exc:
        pytest.fail(f"{fmt} refused valid input: {exc}")
    assert data, f"{fmt}: empty output"
    _removed_are_noted(case, fmt, notes)
    if fmt == "json":
        assert json.loads(data) == resume.to_json_data()
        return
    if fmt == "md":
        from exporters.readers.markdown import read_markdown

        assert read_markdown(data.decode("utf-8")) == resume, "md: import of the export differs"
    extracted = read_back(fmt, data)
    if extracted is None:
        return  # a plugin format nobody here can read: exporting without error is the test
    lost = _missing_in_order(case.visible, fmt, extracted)
    assert not lost, f"{fmt} lost text: {lost[:5]}"


# --- the PDF keeps a 500-character word inside the margins -------------------------


@pytest.mark.skipif("pdf" not in FORMATS, reason="no PDF exporter registered")
def test_pdf_wraps_a_500_character_word_inside_the_margins() -> None:
    import io

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer, LTTextLine

    case = next(c for c in CASES if c.name == "500-character-word")
    resume = case.resume()
    theme = resolve(resume)
    data, _ = _export(resume, "pdf")
    tolerance = 1.0
    right_edge = theme.page_width - theme.margin_side + tolerance
    left_edge = theme.margin_side - tolerance
    lines = 0
    for page in extract_pages(io.BytesIO(data)):
        assert page.width == pytest.approx(theme.page_width, abs=0.5)
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if not isinstance(line, LTTextLine):
                    continue
                lines += 1
                text = line.get_text().strip()
                assert line.x1 <= right_edge, f"{text[:30]!r} ends at {line.x1:.1f} > {right_edge}"
                assert line.x0 >= left_edge, f"{text[:30]!r} starts at {line.x0:.1f}"
    # The long word really was wrapped onto several lines, not dropped.
    assert lines > 10
    assert squash(LONG_WORD) in squash(read_back("pdf", data) or "")


# --- readers: files that are broken, huge or odd ----------------------------------

ReaderCall = Callable[[Path], Resume]


def _md_reader() -> ReaderCall | None:
    try:
        from exporters.readers.markdown import load_markdown
    except ImportError:
        return None
    return load_markdown


@dataclass(frozen=True)
class BadFile:
    name: str
    suffix: str
    content: bytes
    where: str  # what the message must name (a field, a line) or ""
    words: str  # a phrase the reason must contain


BAD_FILES: list[BadFile] = [
    BadFile("empty", ".json", b"", "", "empty"),
    BadFile("blank", ".json", b" \n\t\r\n", "", "empty"),
    BadFile("not-json", ".json", b"{name: Ann}", "line 1", "not valid JSON"),
    BadFile("truncated", ".json", b'{"basics": {"name": "Ann"', "line 1", "not valid JSON"),
    BadFile("array", ".json", b"[1, 2]", "", "JSON object"),
    BadFile("string", ".json", b'"just text"', "", "JSON object"),
    BadFile("null", ".json", b"null", "", "JSON object"),
    BadFile("name-number", ".json", b'{"basics": {"name": 42}}', "basics.name", "expected text"),
    BadFile("name-list", ".json", b'{"basics": {"name": ["a"]}}', "basics.name", "expected text"),
    BadFile("work-object", ".json", b'{"work": {"name": "x"}}', "work", "list"),
    BadFile(
        "bad-month",
        ".json",
        b'{"work": [{"name": "x", "startDate": "2020-13"}]}',
        "work[0].startDate",
        "month",
    ),
    BadFile(
        "bad-day",
        ".json",
        b'{"education": [{"endDate": "2023-02-30"}]}',
        "education[0].endDate",
        "day",
    ),
    BadFile(
        "bullet-number",
        ".json",
        b'{"work": [{"highlights": ["ok", 7]}]}',
        "work[0].highlights[1]",
        "text",
    ),
    BadFile(
        "raw-control-in-json",
        ".json",
        b'{"basics": {"name": "A\x01B"}}',
        "line 1",
        "not valid JSON",
    ),
    BadFile(
        "lone-surrogate",
        ".json",
        b'{"basics": {"label": "half an emoji \\ud83d here"}}',
        "basics.label",
        "broken character",
    ),
    BadFile("utf16", ".json", '{"basics": {}}'.encode("utf-16"), "line 1", "not UTF-8"),
    BadFile(
        "latin1", ".json", '{"basics": {"name": "Zoë"}}'.encode("latin-1"), "line 1", "not UTF-8"
    ),
    BadFile("binary", ".json", bytes(range(256)) * 4, "line 2", "not UTF-8"),
    BadFile("deep-nesting", ".json", b"[" * 100_000 + b"]" * 100_000, "", "nested too deeply"),
    BadFile(
        "deep-object", ".json", b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "", "nested too deeply"
    ),
    BadFile("md-empty", ".md", b"", "", "empty"),
    BadFile("md-nul", ".md", b"# Ann\n\x00\x00binary", "", "binary"),
    BadFile("md-binary", ".md", bytes(range(256)) * 4, "line 2", "not UTF-8"),
    BadFile(
        "md-no-resume",
        ".md",
        b"just some words\n\nand more words\n",
        "",
        "no résumé found",
    ),
    BadFile("unknown-suffix", ".pdf", b"%PDF-1.4", "", "unknown file type"),
]


@pytest.mark.parametrize("bad", BAD_FILES, ids=[b.name for b in BAD_FILES])
def test_broken_files_get_a_clear_message(tmp_path: Path, bad: BadFile) -> None:
    if bad.suffix == ".md" and _md_reader() is None:
        pytest.skip("the Markdown reader is not there yet")
    path = tmp_path / f"{bad.name}{bad.suffix}"
    path.write_bytes(bad.content)
    readers: list[ReaderCall] = [open_any]
    if bad.suffix == ".json":
        readers.append(load_resume)
    elif bad.suffix == ".md":
        md = _md_reader()
        assert md is not None
        readers.append(md)
    for reader in readers:
        with pytest.raises(ResumeFileError) as info:
            reader(path)
        error = info.value
        assert error.path.name == path.name
        assert bad.words.lower() in error.reason.lower(), str(error)
        if bad.where:
            assert error.where.startswith(bad.where), str(error)
        assert len(str(error)) < 400  # one readable sentence, not a dump


# Valid files with odd bytes: each must load to the expected résumé.
GOOD_JSON: list[tuple[str, bytes, Callable[[Resume], bool]]] = [
    (
        "bom",
        b"\xef\xbb\xbf" + json.dumps({"basics": {"name": "Bo"}}).encode(),
        lambda r: r.basics.name == "Bo",
    ),
    (
        "crlf",
        b'{\r\n "basics": {\r\n  "name": "Cr"\r\n }\r\n}\r\n',
        lambda r: r.basics.name == "Cr",
    ),
    (
        "escaped-controls",
        json.dumps({"basics": {"name": "A\u0000\u0007B"}}).encode(),
        lambda r: r.basics.name == "A\x00\x07B",
    ),
    (
        "megabyte-field",
        json.dumps({"basics": {"summary": MEGABYTE_TEXT}}, ensure_ascii=False).encode(),
        lambda r: r.basics.summary == MEGABYTE_TEXT,
    ),
    (
        "ten-thousand-bullets",
        json.dumps({"work": [{"highlights": [f"b{i}" for i in range(10_000)]}]}).encode(),
        lambda r: len(r.work[0].highlights) == 10_000 and r.work[0].highlights[-1] == "b9999",
    ),
    (
        "astral-escapes",
        b'{"basics": {"name": "\\ud83d\\ude00 \\u674e"}}',
        lambda r: r.basics.name == "😀 李",
    ),
    (
        "unicode-keys-kept",
        json.dumps(
            {"basics": {"name": "K", "名前": "x"}, "x-😀": [1]}, ensure_ascii=False
        ).encode(),
        lambda r: r.to_json_data()["x-😀"] == [1] and r.to_json_data()["basics"]["名前"] == "x",
    ),
]


@pytest.mark.parametrize(("name", "content", "check"), GOOD_JSON, ids=[g[0] for g in GOOD_JSON])
def test_odd_but_valid_json_loads(tmp_path: Path, name: str, content: bytes, check) -> None:
    path = tmp_path / f"{name}.json"
    path.write_bytes(content)
    for reader in (load_resume, open_any):
        assert check(reader(path))


MD_GOOD: list[tuple[str, str, list[str]]] = [
    (
        "mixed-newlines",
        "# Ann Lee\r\nann@example.org\r\n\r\n## Experience\r### Engineer — Acme\n- Built **things**\r\n- Fixed bugs\r",
        ["Ann Lee", "Built", "Fixed bugs"],
    ),
    (
        "bom",
        "\ufeff# Bo Dee\n\nbo@example.org\n\n## Skills\n\n- Python\n",
        ["Bo Dee", "Python"],
    ),
    (
        "html-is-text",
        "# Ann\n\nann@example.org\n\n## Experience\n\n### Engineer — Acme\n\n"
        '- <script>alert(1)</script> done\n- <img src="http://evil.example/x.png"> pic\n'
        "- <para>x</para> & <b>y</b>\n",
        ["done", "pic", "x"],
    ),
    (
        "ten-thousand-bullets",
        "# Many\n\nmany@example.org\n\n## Experience\n\n### Engineer — Acme\n\n"
        + "".join(f"- bullet {i}\n" for i in range(10_000)),
        ["bullet 0", "bullet 9999"],
    ),
    (
        "megabyte-line",
        "# Big\n\nbig@example.org\n\n## Summary\n\n" + MEGABYTE_TEXT + "\n",
        ["Big", MEGABYTE_TEXT[:200]],
    ),
    (
        "cjk-rtl-emoji",
        "# 李小龍 😀\n\nli@example.org\n\n## Experience\n\n### מהנדס — شركة\n\n- 日本語 👩\u200d💻\n",
        ["李小龍", "日本語"],
    ),
]


@pytest.mark.parametrize(("name", "text", "must_have"), MD_GOOD, ids=[m[0] for m in MD_GOOD])
def test_odd_but_valid_markdown_imports(tmp_path: Path, name: str, text: str, must_have) -> None:
    reader = _md_reader()
    if reader is None:
        pytest.skip("the Markdown reader is not there yet")
    path = tmp_path / f"{name}.md"
    path.write_bytes(text.encode("utf-8"))
    resume = reader(path)
    assert open_any(path) == resume
    dumped = squash(json.dumps(resume.to_json_data(), ensure_ascii=False))
    for words in must_have:
        assert squash(words) in dumped, f"{words[:40]!r} was not imported"
    if name == "html-is-text":
        # Embedded HTML is kept as the literal text the user wrote, never as markup.
        bullets = resume.work[0].highlights
        assert any("<script>alert(1)</script>" in b for b in bullets), bullets
        assert any('<img src="http://evil.example/x.png">' in b for b in bullets), bullets


def test_a_file_over_the_size_limit_is_refused_without_reading(tmp_path: Path) -> None:
    from exporters.model.files import MAX_FILE_BYTES

    for suffix in (".json", ".md"):
        path = tmp_path / f"huge{suffix}"
        with path.open("wb") as handle:
            handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
        with pytest.raises(ResumeFileError, match="MB"):
            open_any(path)


# --- the preview is inert: markup in fields stays literal text --------------------

ACTIVE = [
    '<img src="http://tracker.example/pixel.png">',
    "<script>fetch('http://evil.example')</script>",
    '<iframe src="http://evil.example"></iframe>',
    '<link rel="stylesheet" href="http://evil.example/x.css">',
    "<style>body{background:url(http://evil.example/bg.png)}</style>",
    '<object data="http://evil.example/x.swf"></object>',
    "![tracking](http://tracker.example/pixel.png)",
    "[click](javascript:alert(1))",
]


def _active_resume() -> Resume:
    return Resume.model_validate(
        {
            "basics": {"name": ACTIVE[0], "label": ACTIVE[1], "summary": "\n\n".join(ACTIVE)},
            "work": [_job(list(ACTIVE), position=ACTIVE[4])],
            "skills": [{"name": ACTIVE[3], "keywords": [ACTIVE[2], ACTIVE[5]]}],
        }
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_html_in_fields_is_only_ever_literal_text(fmt: str) -> None:
    resume = _active_resume()
    data, _ = _export(resume, fmt)
    if fmt == "md":
        rendered = markdown_render(data)
        # Only the exporter's own structural tags; nothing that loads or runs.
        loading = {"img", "script", "iframe", "link", "style", "object", "embed", "video"}
        assert not (rendered.tag_names() & loading), rendered.tag_names()
        for tag, attrs in rendered.tags:
            for name, value in attrs:
                # A link is the user's content; nothing may load or run by itself.
                assert name not in {"src", "srcset", "style", "background"}, (tag, attrs)
                assert not name.startswith("on"), (tag, attrs)
                assert not (value or "").strip().lower().startswith("javascript:"), (tag, attrs)
        visible = rendered.text
    elif fmt == "json":
        assert json.loads(data) == resume.to_json_data()
        return
    else:
        text = read_back(fmt, data)
        if text is None:
            return
        visible = text
    for snippet in ACTIVE:
        literal = snippet
        if snippet.startswith("[click]"):
            literal = "click"  # a link: its text shows
        assert squash(literal) in squash(visible), f"{fmt}: {snippet!r} not shown literally"


@pytest.mark.skipif("md" not in FORMATS, reason="no Markdown exporter registered")
def test_markdown_export_is_inert_under_commonmark() -> None:
    """GitHub and most viewers are CommonMark: there the escapes hold."""
    from markdown_it import MarkdownIt

    data, _ = _export(_active_resume(), "md")
    html = MarkdownIt("commonmark").render(data.decode("utf-8"))
    parser = _HtmlTags()
    parser.feed(html)
    loading = {"img", "script", "iframe", "link", "style", "object", "embed", "video"}
    assert not (parser.names & loading), parser.names
    assert not any(v.lower().startswith("javascript:") for v in parser.values)


class _HtmlTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.values.extend(v or "" for _, v in attrs)


@pytest.mark.skipif("docx" not in FORMATS, reason="no DOCX exporter registered")
def test_docx_has_no_external_relationships_or_images() -> None:
    import io
    import zipfile

    data, _ = _export(_active_resume(), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert not [n for n in names if n.startswith("word/media/")], names
        for name in names:
            if name.endswith(".rels"):
                rels = archive.read(name).decode("utf-8")
                assert "evil.example" not in rels
                assert "tracker.example" not in rels


@pytest.mark.skipif("pdf" not in FORMATS, reason="no PDF exporter registered")
def test_pdf_has_no_images_scripts_or_remote_links() -> None:
    import io

    import pypdf

    data, _ = _export(_active_resume(), "pdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root
    assert "/AA" not in root
    assert "/JavaScript" not in str(root.get("/Names", {}))
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        for name in xobjects:
            assert xobjects[name].get_object().get("/Subtype") != "/Image", name
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A", {})
            assert action.get("/S") not in {"/JavaScript", "/Launch", "/ImportData"}, action
            assert not str(action.get("/URI", "")).lower().startswith("javascript:"), action


# --- regressions found by the soak run -----------------------------------------------


@pytest.mark.parametrize("text", ["**a\ufdd0b**", "*\ufdd1*", "[x\ufdd0y](https://example.com)"])
def test_noncharacters_inside_markup_are_kept(text: str) -> None:
    """U+FDD0..U+FDEF are valid text (Unicode noncharacters, allowed in XML and
    JSON); an implementation that parks its own marks on them must not eat the
    user's."""
    from exporters.markup import parse_inline

    visible = "".join(run.text for run in parse_inline(text))
    assert visible == text.strip("*").split("](")[0].lstrip("[")


@pytest.mark.skipif("md" not in FORMATS, reason="no Markdown exporter registered")
def test_md_heading_ending_in_hash_keeps_it() -> None:
    resume = Resume.model_validate(
        {
            "basics": {"name": "Ann"},
            "work": [{"name": "Acme", "position": "Lead C#", "highlights": ["x"]}],
            "projects": [{"name": "Port to F#"}],
        }
    )
    rendered = markdown_render(_export(resume, "md")[0])
    assert "Lead C#" in rendered.text
    assert "Port to F#" in rendered.text

"""Inline Markdown in fields: only bold, italic and links mean something."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporters.markup import Run, normalize_inline, parse_inline, plain_text, to_markdown


def test_a_lead_in_is_a_bold_run() -> None:
    assert parse_inline("**Architecture & Design:** Architected 7 services") == [
        Run("Architecture & Design:", bold=True),
        Run(" Architected 7 services"),
    ]


def test_italic_links_and_nesting() -> None:
    assert parse_inline("*very* [site](https://x.org) **bold *both***") == [
        Run("very", italic=True),
        Run(" "),
        Run("site", href="https://x.org"),
        Run(" "),
        Run("bold ", bold=True),
        Run("both", bold=True, italic=True),
    ]


@pytest.mark.parametrize(
    "literal",
    [
        "<b>not bold</b>",
        "<para>x</para> & &amp; &lt;",
        "# not a heading",
        "- not a list",
        "1. not a list",
        "> not a quote",
        "`not code`",
        "a | b | c",
        "snake_case_name",
        "5 * 3 = 15",
        "![not an image](x.png)",
        "<script>alert(1)</script>",
        "C:\\Users\\me",
    ],
)
def test_everything_else_is_literal(literal: str) -> None:
    assert plain_text(literal) == literal
    assert normalize_inline(literal) == literal


def test_escapes_make_markup_literal() -> None:
    assert parse_inline(r"\*\*not bold\*\*") == [Run("**not bold**")]
    assert plain_text(r"a \<b\> \| \& c") == "a <b> | & c"


def test_file_form_escapes_every_special_character() -> None:
    runs = [Run("Use *, _, #, |, <b>, ` and [x] literally")]
    written = to_markdown(runs)
    for char in "*_|<>`[]":
        assert f"\\{char}" in written
    assert parse_inline(written) == runs


plain = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
    lambda s: s.strip() == s and s.strip() != ""
)


@st.composite
def run_lists(draw: st.DrawFn) -> list[Run]:
    runs: list[Run] = []
    for _ in range(draw(st.integers(1, 5))):
        style = draw(st.sampled_from([(False, False), (True, False), (False, True), (True, True)]))
        runs.append(Run(draw(plain), *style))
        runs.append(Run(" "))
    return _merge(runs[:-1])


def _merge(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].italic, out[-1].href) == (run.bold, run.italic, run.href):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.italic, run.href)
        else:
            out.append(run)
    return out


@settings(max_examples=300, deadline=None)
@given(run_lists())
def test_written_markdown_reads_back_to_the_same_runs(runs: list[Run]) -> None:
    assert parse_inline(to_markdown(runs)) == runs
    canonical = to_markdown(runs, escape=False)
    assert _styled(parse_inline(normalize_inline(canonical))) == _styled(parse_inline(canonical))


def _styled(runs: list[Run]) -> tuple[str, list[tuple[str, bool, bool, str | None]]]:
    """What a reader sees: the text, and the style of every visible character.
    The style of a space between two spans can't be written in Markdown and
    shows nowhere, so it is left out."""
    text = "".join(r.text for r in runs)
    marks = [(c, r.bold, r.italic, r.href) for r in runs for c in r.text if not c.isspace()]
    return text, marks


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=60))
def test_any_text_parses_and_normalises_stably(text: str) -> None:
    once = normalize_inline(text)
    assert parse_inline(once) == parse_inline(text)
    assert normalize_inline(once) == once


def test_a_long_field_with_many_spans_parses_like_a_short_one() -> None:
    unit = "**Lead:** some *it* [link](http://x.y) text "
    text = unit * 400
    expected: list[Run] = []
    for _ in range(400):
        expected += [
            Run("Lead:", bold=True),
            Run(" some "),
            Run("it", italic=True),
            Run(" "),
            Run("link", href="http://x.y"),
            Run(" text "),
        ]
    merged: list[Run] = []
    for run in expected:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].href) == (
            run.bold,
            run.italic,
            run.href,
        ):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.href)
        else:
            merged.append(run)
    assert parse_inline(text) == merged

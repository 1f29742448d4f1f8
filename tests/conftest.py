"""Shared fixtures. Qt runs offscreen; it must be set before Qt is imported."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from exporters.model import Resume, load_resume
from resources import SAMPLE_MARKDOWN, SAMPLE_RESUME
from tests.helpers.resumes import long_resume

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def sample_markdown_path() -> Path:
    return SAMPLE_MARKDOWN


@pytest.fixture(scope="session")
def sample_resume() -> Resume:
    """The bundled sample, as the importer made it (checked in)."""
    return load_resume(SAMPLE_RESUME)


@pytest.fixture(scope="session")
def jsonresume_sample() -> Resume:
    """The JSON Resume project's own sample résumé (MIT)."""
    return load_resume(DATA / "jsonresume-sample.json")


@pytest.fixture(scope="session")
def long_sample() -> Resume:
    return long_resume()

"""Data the program ships: the sample résumé, the schema, fonts, icons.

It is a package so that a plain ``pip install`` carries the files along and both
the installed and the frozen app find them next to this module.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
SAMPLE_RESUME = ROOT / "sample" / "resume.json"
SAMPLE_MARKDOWN = ROOT / "sample" / "resume.md"
JSON_RESUME_SCHEMA = ROOT / "schema" / "jsonresume-1.0.schema.json"
FONTS = ROOT / "fonts"
ICONS = ROOT / "icons"

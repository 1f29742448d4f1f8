"""JSON Resume items (a job, a school, a project, an award...) made from the entries read."""

from __future__ import annotations

from typing import Any

from ...markup import plain_text
from .dates import DateRange
from .entries import DEGREE_WORDS, HEADING_SEPARATORS, SCHOOL_WORDS, Entry, split_heading
from .inline import canon, split_commas, split_label


def put(target: dict[str, Any], key: str, value: Any) -> None:
    if value:
        target[key] = value


def put_dates(target: dict[str, Any], dates: DateRange | None, single_is_end: bool = False) -> None:
    if dates is None:
        return
    if dates.single and single_is_end:
        target["endDate"] = dates.end
        return
    put(target, "startDate", dates.start)
    put(target, "endDate", dates.end)


def job_item(entry: Entry, org_key: str) -> dict[str, Any]:
    title, org = split_heading(entry)
    if entry.bold is not None and org == entry.bold:
        url = entry.bold_href
    elif org == entry.heading:
        url = entry.heading_href
    else:
        url = entry.bold_href or entry.heading_href
    job: dict[str, Any] = {}
    put(job, org_key, org)
    if org_key == "name" and entry.plain:
        put(job, "location", entry.plain.pop(0))
    if org_key == "name" and entry.italic:
        job["description"] = entry.italic.pop(0)
    put(job, "position", title)
    put(job, "url", url or (entry.heading_href if title == entry.heading else ""))
    put_dates(job, entry.dates)
    paragraphs = entry.italic + entry.paragraphs + entry.plain
    put(job, "summary", "\n\n".join(paragraphs))
    put(job, "highlights", entry.bullets)
    return job


def _split_degree(text: str) -> dict[str, str]:
    plain = plain_text(text)
    for separator in (" in ", ", ", " - ", " – ", " — "):
        if separator in plain and separator in text:
            left, right = text.split(separator, 1)
            if separator == " in " or DEGREE_WORDS.match(plain_text(left)):
                return {"studyType": canon(left), "area": canon(right)}
    if DEGREE_WORDS.match(plain):
        return {"studyType": text}
    return {"area": text} if text else {}


def education_item(entry: Entry) -> dict[str, Any]:
    degree = entry.heading or ""
    school = entry.bold if entry.bold is not None else (entry.plain.pop(0) if entry.plain else "")
    school_href = entry.bold_href if entry.bold is not None else ""
    degree_href = entry.heading_href
    if not school and degree:
        parts = HEADING_SEPARATORS.split(degree, maxsplit=1)
        if len(parts) == 2:
            degree, school = canon(parts[0]), canon(parts[1])
    if SCHOOL_WORDS.search(plain_text(degree)) and not SCHOOL_WORDS.search(plain_text(school)):
        degree, school = school, degree
        degree_href, school_href = school_href, degree_href
    item: dict[str, Any] = {}
    put(item, "institution", school)
    put(item, "url", school_href or degree_href)
    item.update(_split_degree(degree))
    put_dates(item, entry.dates, single_is_end=True)
    put(item, "score", canon(entry.fields.pop("score", entry.fields.pop("gpa", ""))))
    courses = entry.bullets + [canon(c) for c in split_commas(entry.fields.pop("courses", ""))]
    put(item, "courses", courses)
    extra = entry.italic + entry.paragraphs + entry.plain
    if extra:
        # Education has no free-text field; keep the words as courses rather than lose them.
        item["courses"] = [*item.get("courses", []), *extra]
    return item


def titled_item(
    entry: Entry, title_key: str, by_key: str, date_key: str, summary: bool
) -> dict[str, Any]:
    item: dict[str, Any] = {}
    put(item, title_key, entry.heading or "")
    put(item, "url", entry.heading_href)
    by = entry.bold if entry.bold is not None else (entry.plain.pop(0) if entry.plain else "")
    put(item, by_key, by)
    if entry.bold_href and "url" not in item:
        item["url"] = entry.bold_href
    if entry.dates is not None:
        item[date_key] = entry.dates.end or entry.dates.start
    texts = entry.italic + entry.paragraphs + entry.plain + entry.bullets
    if summary:
        put(item, "summary", "\n\n".join(texts))
    elif texts:
        item[title_key] = "\n\n".join([item.get(title_key, ""), *texts]).strip()
    return item


def project_item(entry: Entry) -> dict[str, Any]:
    item: dict[str, Any] = {}
    put(item, "name", entry.heading or "")
    put(item, "url", entry.heading_href)
    description = "\n\n".join(entry.italic + entry.paragraphs)
    put(item, "description", description)
    put(item, "highlights", entry.bullets)
    put(item, "keywords", [canon(k) for k in split_commas(entry.fields.get("keywords", ""))])
    put_dates(item, entry.dates)
    put(item, "roles", [canon(k) for k in split_commas(entry.fields.get("roles", ""))])
    entity = entry.bold if entry.bold is not None else (entry.plain.pop(0) if entry.plain else "")
    put(item, "entity", entity)
    if entry.bold_href and "url" not in item:
        item["url"] = entry.bold_href
    put(item, "type", canon(entry.fields.get("type", "")))
    if entry.plain:
        item["description"] = "\n\n".join([description, *entry.plain]).strip()
    return item


def reference_items(entries: list[Entry]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for entry in entries:
        if entry.heading is None:
            for text in entry.paragraphs + entry.italic:
                out.append({"reference": text})
            for bullet in entry.bullets:
                label, rest = split_label(bullet)
                item: dict[str, Any] = {}
                put(item, "name", label or "")
                put(item, "reference", canon(rest))
                out.append(item)
            continue
        item = {}
        put(item, "name", entry.heading)
        texts = entry.italic + entry.paragraphs + entry.plain + entry.bullets
        if entry.bold:
            texts.insert(0, entry.bold)
        put(item, "reference", "\n\n".join(texts))
        out.append(item)
    return out

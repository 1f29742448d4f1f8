"""Résumés built for tests: a long one and one full of awkward text.

They are written out by hand here, not produced by the code under test.
"""

from __future__ import annotations

from exporters.model import Resume

COMPANIES = [
    ("Northwind Traders", "Seattle, WA"),
    ("Contoso Ltd", "Redmond, WA"),
    ("Fabrikam, Inc.", "Austin, TX"),
    ("Tailspin Toys", "Denver, CO"),
    ("Wide World Importers", "Chicago, IL"),
    ("Adventure Works", "Portland, OR"),
    ("Litware", "Boston, MA"),
    ("Proseware", "Raleigh, NC"),
]
POSITIONS = [
    "Principal Engineer",
    "Staff Engineer",
    "Senior Software Engineer",
    "Software Engineer II",
    "Software Engineer",
    "Junior Developer",
    "Developer Intern",
    "Support Engineer",
]
VERBS = ["Built", "Led", "Designed", "Cut", "Shipped", "Migrated", "Automated", "Mentored"]


def long_resume(jobs: int = 8, bullets_per_job: int = 8) -> Resume:
    """8 jobs × 8 bullets = 64 bullets, with lead-ins, dashes, quotes and accents."""
    work = []
    for j in range(jobs):
        company, place = COMPANIES[j % len(COMPANIES)]
        start_year = 2024 - 2 * (j + 1)
        highlights = [
            f"**{VERBS[(j + b) % len(VERBS)]} system {j}.{b}:** delivered “project {j}-{b}” "
            f"for the café team — reduced latency by {10 + b}% and cost by ${j + 1}{b}K – "
            f"with zero downtime across {b + 2} regions."
            for b in range(bullets_per_job)
        ]
        work.append(
            {
                "name": company,
                "position": POSITIONS[j % len(POSITIONS)],
                "location": place,
                "startDate": f"{start_year}-{(j % 12) + 1:02d}",
                **({"endDate": f"{start_year + 2}-{(j % 12) + 1:02d}"} if j else {}),
                "highlights": highlights,
            }
        )
    return Resume.model_validate(
        {
            "basics": {
                "name": "Zoë Ångström-Núñez",
                "label": "Staff Software Engineer | Platform",
                "email": "zoe@example.org",
                "phone": "+44 20 7946 0958",
                "url": "https://zoe.example.org",
                "summary": "Engineer with **16 years** of experience building *reliable* platforms.",
                "location": {"city": "London", "countryCode": "GB"},
                "profiles": [
                    {"network": "GitHub", "username": "zoe", "url": "https://github.com/zoe"}
                ],
            },
            "work": work,
            "education": [
                {
                    "institution": "Université de Montréal",
                    "studyType": "Master of Science",
                    "area": "Computer Science",
                    "startDate": "2006",
                    "endDate": "2008",
                }
            ],
            "skills": [
                {"name": "Languages", "keywords": ["Python", "Go", "Rust", "C++"]},
                {"name": "Cloud", "keywords": ["AWS", "GCP", "Kubernetes"]},
            ],
            "projects": [
                {
                    "name": "Open-source scheduler",
                    "description": "A job scheduler used by 40 companies.",
                    "highlights": ["Grew to 3,000 stars", "Maintained for 6 years"],
                    "startDate": "2017-03",
                }
            ],
            "languages": [
                {"language": "English", "fluency": "Native"},
                {"language": "French", "fluency": "Fluent"},
            ],
        }
    )

"""The résumé model: JSON Resume 1.0, immutable, keeping every field it does not know.

Field names are the JSON names (``startDate``, ``studyType``) so that an edit
path such as ``work[1].startDate`` reads the same in the file, the model and
the code. Lists are tuples: a snapshot handed to a render thread can't change
under it.

Only fields that were present in the file (or set by an edit) are written
back, so opening and saving a file made by another tool gives the same JSON.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .dates import DateStyle, check_iso

IsoDate = Annotated[str, AfterValidator(check_iso)]
Strings = tuple[str, ...]


class Node(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="allow",
        strict=False,
        validate_default=False,
        # Text must stay text: a number where a name belongs is a broken file.
        coerce_numbers_to_str=False,
    )


class Location(Node):
    address: str = ""
    postalCode: str = ""
    city: str = ""
    countryCode: str = ""
    region: str = ""


class Profile(Node):
    network: str = ""
    username: str = ""
    url: str = ""


class Basics(Node):
    name: str = ""
    label: str = ""
    image: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    summary: str = ""
    location: Location = Field(default_factory=Location)
    profiles: tuple[Profile, ...] = ()


class Work(Node):
    name: str = ""
    location: str = ""
    description: str = ""
    position: str = ""
    url: str = ""
    startDate: IsoDate = ""
    endDate: IsoDate = ""
    summary: str = ""
    highlights: Strings = ()


class Volunteer(Node):
    organization: str = ""
    position: str = ""
    url: str = ""
    startDate: IsoDate = ""
    endDate: IsoDate = ""
    summary: str = ""
    highlights: Strings = ()


class Education(Node):
    institution: str = ""
    url: str = ""
    area: str = ""
    studyType: str = ""
    startDate: IsoDate = ""
    endDate: IsoDate = ""
    score: str = ""
    courses: Strings = ()


class Award(Node):
    title: str = ""
    date: IsoDate = ""
    awarder: str = ""
    summary: str = ""


class Certificate(Node):
    name: str = ""
    date: IsoDate = ""
    url: str = ""
    issuer: str = ""


class Publication(Node):
    name: str = ""
    publisher: str = ""
    releaseDate: IsoDate = ""
    url: str = ""
    summary: str = ""


class Skill(Node):
    name: str = ""
    level: str = ""
    keywords: Strings = ()


class Language(Node):
    language: str = ""
    fluency: str = ""


class Interest(Node):
    name: str = ""
    keywords: Strings = ()


class Reference(Node):
    name: str = ""
    reference: str = ""


class Project(Node):
    name: str = ""
    description: str = ""
    highlights: Strings = ()
    keywords: Strings = ()
    startDate: IsoDate = ""
    endDate: IsoDate = ""
    url: str = ""
    roles: Strings = ()
    entity: str = ""
    type: str = ""


class CustomSection(Node):
    """A section no JSON Resume key fits (for example "Patents" in an imported file).

    ``id`` is what ``sectionOrder`` and ``hiddenSections`` refer to.
    """

    id: str
    title: str = ""
    summary: str = ""
    highlights: Strings = ()


PageSize = Literal["letter", "a4"]


class StudioSettings(Node):
    """Settings that belong to one résumé, stored under ``meta.resumeStudio``."""

    sectionOrder: Strings = ()
    sectionTitles: dict[str, str] = Field(default_factory=dict)
    hiddenSections: Strings = ()
    pageSize: PageSize | None = None
    dateStyle: DateStyle | None = None
    theme: str | None = None
    customSections: tuple[CustomSection, ...] = ()


class Meta(Node):
    canonical: str = ""
    version: str = ""
    lastModified: str = ""
    resumeStudio: StudioSettings = Field(default_factory=StudioSettings)


class Resume(Node):
    basics: Basics = Field(default_factory=Basics)
    work: tuple[Work, ...] = ()
    volunteer: tuple[Volunteer, ...] = ()
    education: tuple[Education, ...] = ()
    awards: tuple[Award, ...] = ()
    certificates: tuple[Certificate, ...] = ()
    publications: tuple[Publication, ...] = ()
    skills: tuple[Skill, ...] = ()
    languages: tuple[Language, ...] = ()
    interests: tuple[Interest, ...] = ()
    references: tuple[Reference, ...] = ()
    projects: tuple[Project, ...] = ()
    meta: Meta = Field(default_factory=Meta)

    @property
    def settings(self) -> StudioSettings:
        return self.meta.resumeStudio

    def to_json_data(self) -> dict[str, Any]:
        """The JSON document, with only the fields the file had or an edit set."""
        return self.model_dump(mode="json", exclude_unset=True, by_alias=True)

    @classmethod
    def from_json_data(cls, data: Any) -> Resume:
        return cls.model_validate(data)
